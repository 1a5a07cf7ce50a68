"""Authoring: changes to source files on an editor's behalf — a new plan, a status update,
and drafts of plan files imported from signed documents. Sits beside the site and the downloads;
it may import sources, model and facts, never the site, downloads, publishing or the command line.
"""
