"""The quarterly reporting loop: report forms agencies fill in, and importing them as updates.

``congkhai report-form`` makes, for an agency and a reporting period, a workbook (and a CSV
variant) listing the tasks it leads that are due or open in the period (:mod:`.selection`,
:mod:`.making`); the form carries its own identity and a fingerprint of every row
(:mod:`.identity`). ``congkhai import-updates`` reads filled forms back (:mod:`.importing`),
interprets what people type into cells (:mod:`.cells`), validates every row, and appends the
updates to the plan files through :mod:`generator.editing`, all or nothing.

Imports: sources (spreadsheet reading), the model and project loading, facts (status,
snapshot) and :mod:`generator.editing`; nothing from the site, downloads, publishing or the
command line.
"""
