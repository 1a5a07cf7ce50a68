"""Authoring: changes to the source files on an editor's behalf.

Scaffolding a new plan (:mod:`.new_plan`), appending a dated status update to a plan file without
disturbing the rest of it (:mod:`.editing`), and drafting a plan file from a signed document
(:mod:`.importer`, which reads documents through :mod:`generator.sources.documents`).

May import :mod:`generator.common` and the layers below it; not the site or the downloads.
"""
