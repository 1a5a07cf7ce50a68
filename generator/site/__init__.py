"""The site: page view models, their templates, charts and the search index.

:mod:`.pages` turns a snapshot into one view model per page; :mod:`.render` lays them out with
the Jinja templates in ``templates/`` as Markdown for the builder; :mod:`.search` builds the
index the search page reads. Templates hold presentation only.

May import :mod:`generator.common` and the layers below it; never :mod:`generator.downloads`.
"""
