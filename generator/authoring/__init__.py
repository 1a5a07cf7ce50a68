"""Authoring: changes to the project's source files on behalf of editors — appending status
updates, new plan skeletons, importers of documents and of filled-in report forms, and the report
forms themselves.

Modules here may import sources, the model, facts and files; never the site, downloads,
publishing or the command line (those come after authoring, and the command line calls in).
"""
