"""The model: plain data classes of what the files say, and building them from the sources.

Registries (agencies, provinces, areas, frameworks), plans with their tasks, objectives, duties
and dated updates (:mod:`.entities`), deadline texts read into dates (:mod:`.deadlines`), the
checks that need the registries (:mod:`.plans`, :mod:`.registry`) and loading a whole project
with its cache (:mod:`.project`). Nothing here depends on a status date.

May import :mod:`generator.sources` only.
"""
