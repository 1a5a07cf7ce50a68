"""Sources: reading what congkhai is given, and saying precisely what is wrong with it.

YAML with line and column positions (:mod:`.yamlsource`), the declared formats of plan and
registry files (:mod:`.schema`) and the JSON Schemas made from them (:mod:`.jsonschema`),
validation that collects every problem (:mod:`.validate`, :mod:`.problems`, :mod:`.report`),
text normalisation (:mod:`.textnorm`), Vietnam's calendar (:mod:`.clock`), readers of outside
documents (DOCX, PDF, HTML, copied text) into one located structure (:mod:`.documents`), and
of the spreadsheets agencies send back (.xlsx, CSV, UTF-16 text) cell by cell
(:mod:`.spreadsheets`).

The bottom layer: it imports nothing else of the package.
"""
