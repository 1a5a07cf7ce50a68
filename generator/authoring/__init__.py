"""Authoring: changes to the source files on an editor's behalf.

Scaffolding a new plan (:mod:`.new_plan`), appending dated status updates to a plan file without
disturbing the rest of it (:mod:`.editing`), drafting a plan file from a signed document
(:mod:`.importer`, which reads documents through :mod:`generator.sources.documents`), and the
quarterly reporting loop: the report forms agencies fill in and importing them back as status
updates (:mod:`.report_forms`, which reads spreadsheets through
:mod:`generator.sources.spreadsheets`).

May import :mod:`generator.common` and the layers below it; not the site or the downloads.
"""
