"""Facts as of a date: what the model means on a given day.

Each task's status (:mod:`.status`), aggregates (:mod:`.stats`), the snapshot indexing them by
plan, agency and area (:mod:`.snapshot`), a plan file's history from git (:mod:`.history`) and
what an edit between two versions of the project reaches (:mod:`.changes`). Pure functions over
the model, table-tested without files (git history aside).

May import :mod:`generator.model` and :mod:`generator.sources`.
"""
