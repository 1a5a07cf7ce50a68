"""Sources: what congkhai reads from outside the program — plan and registry YAML, the declared
formats, validation and located problems, and readers of outside documents (DOCX, PDF, HTML,
text). The bottom layer: modules here import only the standard library, third-party readers and
other modules of this layer; nothing above (model, facts, outputs, authoring, publishing, the
command line).
"""
