"""The site's URL scheme: stable ASCII paths, documented on the methodology page.

Source paths are what the generator writes (``ke-hoach/<id>.md``); with MkDocs' directory URLs
each becomes ``ke-hoach/<id>/``. Links inside generated HTML are relative, so the site works under
any base path (GitHub Pages project sites, a province's sub-folder).
"""

from __future__ import annotations

HOME = "index.md"
PLANS = "ke-hoach/index.md"
AGENCIES = "co-quan/index.md"
AREAS = "linh-vuc/index.md"
OVERDUE = "qua-han.md"
UPCOMING = "sap-den-han.md"
METHODOLOGY = "phuong-phap.md"


def plan_page(plan_id: str) -> str:
    """Source path of a plan page."""
    return f"ke-hoach/{plan_id}.md"


def agency_page(agency_id: str) -> str:
    """Source path of an agency page."""
    return f"co-quan/{agency_id}.md"


def area_page(area_id: str) -> str:
    """Source path of a reform-area page."""
    return f"linh-vuc/{area_id}.md"


def url_of(src_path: str) -> str:
    """Directory URL of a source path, relative to the site root: ``ke-hoach/x/`` or ``""``."""
    if src_path == HOME or src_path.endswith("/index.md"):
        return src_path[: -len("index.md")]
    if src_path.endswith(".md"):
        return src_path[: -len(".md")] + "/"
    return src_path


def relative(from_src: str, to_src: str, anchor: str | None = None) -> str:
    """Relative link from the page ``from_src`` to ``to_src`` (a page or a static file).

    Links climb to the site root and descend again ("../../co-quan/x/"): longer than the
    shortest relative path, but computed by counting, which matters when a build writes millions
    of links. A link to the page itself takes the same long form unless it has an anchor: a
    list row is rendered once per page depth and reused on every page of that depth, so its
    links must not depend on which page it first appeared on.
    """
    suffix = f"#{anchor}" if anchor else ""
    if from_src == to_src and suffix:
        return suffix
    here = url_of(from_src)
    return "../" * here.count("/") + url_of(to_src) + suffix
