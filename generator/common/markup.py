"""Turning editor text into safe HTML and Markdown.

Editors may write Markdown in free-text fields (notes, how-to). It is rendered with
markdown-it-py with raw HTML disabled, images disabled (an image would make readers' browsers
request a third-party host) and headings disabled (they would break the page outline). Every
other field is plain text and is HTML-escaped by the templates. Text that must go into Markdown
that MkDocs renders (page titles, headings) is escaped for Markdown as well as HTML.
"""

from __future__ import annotations

import functools
import json
import re

from markdown_it import MarkdownIt
from markupsafe import Markup, escape

_md = MarkdownIt("commonmark", {"html": False, "linkify": False, "typographer": False})
_md.disable(["image", "heading", "lheading", "html_block", "html_inline"])

# The editors' guide promises links to https://, http:// and mailto: addresses only; anything
# else (a protocol-relative //host/x leaving the site, /etc/passwd, ftp:, tel:, javascript:)
# stays text. markdown-it asks this for inline, reference and autolinks, after normalising.
LINK_SCHEMES = ("https://", "http://", "mailto:")


def _allowed_link(url: str) -> bool:
    return url.strip().lower().startswith(LINK_SCHEMES) and not url.lower().startswith(
        ("https:///", "http:///"))


_md.validateLink = _allowed_link  # type: ignore[method-assign]

# Python-Markdown's backslash-escapable characters; <, > and & are handled as HTML entities.
_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!])")


@functools.lru_cache(maxsize=4096)
def markdown_to_html(text: str | None) -> Markup:
    """Editor Markdown as safe HTML: no raw HTML, no images, and links only to https://,
    http:// and mailto: addresses (others stay text)."""
    if not text:
        return Markup("")
    html = _md.render(text)
    html = html.replace("<a href=", '<a rel="nofollow noopener" href=')
    return Markup(html)


def markdown_inline_escape(text: str) -> Markup:
    """Plain text made safe to place in Markdown that MkDocs will render (headings)."""
    return Markup(str(escape(_MD_SPECIAL.sub(r"\\\1", text))))


def yaml_string(text: str) -> Markup:
    """A YAML-safe double-quoted scalar for front matter."""
    # ASCII-only escapes: nothing in the value can break the YAML front matter around it.
    return Markup(json.dumps(text, ensure_ascii=True))
