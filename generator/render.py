"""Rendering view models into the files of the generated documentation tree.

The output is plain Markdown files with HTML blocks and front matter, which any
MkDocs-1.x-compatible builder can build; nothing here knows about MkDocs.
"""

from __future__ import annotations

from jinja2 import Environment, PackageLoader, StrictUndefined

from generator.markup import markdown_inline_escape, yaml_string
from generator.pages import Page, build_pages
from generator.presentation import status_css
from generator.snapshot import Snapshot

STATUS_CSS = "assets/stylesheets/congkhai-status.css"


def make_environment() -> Environment:
    """The Jinja environment: autoescaping on, undefined variables are errors."""
    env = Environment(
        loader=PackageLoader("generator", "templates"),
        autoescape=True,
        undefined=StrictUndefined,
        keep_trailing_newline=True,
    )
    env.filters["mdheading"] = markdown_inline_escape
    env.filters["yamlstr"] = yaml_string
    return env


def front_matter(page: Page) -> str:
    """YAML front matter for a page; strings are JSON-quoted, which YAML reads as is."""
    lines = ["---", f"title: {yaml_string(page.title)}"]
    if page.description:
        lines.append(f"description: {yaml_string(page.description)}")
    if page.demo:
        lines.append("demo: true")
    if page.search_exclude:
        lines.append("search:\n  exclude: true")
    lines.append("---")
    return "\n".join(lines) + "\n"


def render_page(env: Environment, page: Page) -> str:
    """The complete Markdown source of one page."""
    body = env.get_template(page.template).render(page=page, **page.context)
    return front_matter(page) + body.lstrip("\n")


def render_site(snapshot: Snapshot) -> dict[str, str]:
    """Every generated file of the site, by path relative to the documentation root."""
    env = make_environment()
    files = {page.path: render_page(env, page) for page in build_pages(snapshot)}
    files[STATUS_CSS] = status_css()
    return files
