"""The quarterly reporting loop: report forms agencies fill in, and importing them as updates.

``congkhai report-form`` makes, for an agency and a reporting period, a workbook (and a CSV
variant) listing the tasks it leads that are due or open in the period (:mod:`.selection`,
:mod:`.making`); the form carries its own identity and a fingerprint of every row
(:mod:`.identity`). ``congkhai import-updates`` reads filled forms back (:mod:`.reading`),
interprets what people type into cells (:mod:`.cells`), validates every row, compares it with the
plan files (:mod:`.importing`; what it finds is in :mod:`.records`), and appends the updates to
the plan files through :mod:`generator.authoring.editing`, all or nothing (:mod:`.applying`).

Imports: sources (spreadsheet reading), the model and project loading, facts (status,
snapshot) and :mod:`generator.authoring.editing`; nothing from the site, downloads, publishing
or the command line.
"""
