"""Publishing: turning outputs into a served site.

Generating the whole tree (:mod:`.tree`), running MkDocs and swapping the site in
(:mod:`.build`), the preview's incremental rebuilds (:mod:`.preview`), the thin MkDocs plugin
(:mod:`.mkdocs_plugin`) and the national index over province shards (:mod:`.national`).

May import every layer below: site, downloads, authoring, common, facts, model, sources.
"""
