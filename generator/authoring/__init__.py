"""Authoring: changes to the source files on an editor's behalf.

Scaffolding a new plan and appending a dated status update to a plan file without disturbing the
rest of it (:mod:`.editing`).

May import :mod:`generator.common` and the layers below it; not the site or the downloads.
"""
