"""Sources: reading what comes into the project from files — YAML data files and their declared
formats, validation and located problems, and readers of outside files such as the spreadsheets
agencies send back.

Modules here import only the standard library, third-party readers and each other: nothing from
the model, facts, outputs, authoring, publishing or the command line.
"""
