"""What every output shares: addresses, Markdown of editor text, serialisation, the tree writer.

The URL scheme of pages and download files (:mod:`.urls`), the dataset's publisher and licence
(:mod:`.dataset`), rendering the few Markdown fields editors may use (:mod:`.markup`), byte-exact
JSON and ZIP (:mod:`.serialise`) and writing a generated tree file by file (:mod:`.writer`).
The site and the downloads both build on this layer and never on each other.

May import :mod:`generator.facts`, :mod:`generator.model` and :mod:`generator.sources`.
"""
