"""Downloads: the export contract and every file people and programs take away.

The JSON export and its schema (:mod:`.export`), the tables as CSV, Excel and a Data Package
(:mod:`.tables`, :mod:`.opendata`, :mod:`.xlsx`), Atom and iCalendar feeds (:mod:`.feeds`).

May import :mod:`generator.common` and the layers below it; never :mod:`generator.site`.
"""
