"""The site's URL scheme: stable ASCII paths, documented on the methodology page.

Source paths are what the generator writes (``ke-hoach/<id>.md``); with MkDocs' directory URLs
each becomes ``ke-hoach/<id>/``. Links inside generated HTML are relative, so the site works under
any base path (GitHub Pages project sites, a province's sub-folder).
"""

from __future__ import annotations

import functools

HOME = "index.md"
PLANS = "ke-hoach/index.md"
AGENCIES = "co-quan/index.md"
AREAS = "linh-vuc/index.md"
OVERDUE = "qua-han.md"
UPCOMING = "sap-den-han.md"
METHODOLOGY = "phuong-phap.md"
OPEN_DATA_PAGE = "du-lieu-mo.md"
DEMO_SECTION = "du-lieu-minh-hoa.md"
CONTACT = "lien-he.md"
LINEAGE = "thay-doi-to-chuc.md"
# Province pages have no list page of their own (the lineage page lists the provinces).
PROVINCE_DIR = "tinh"

# Download files live under one stable prefix; their names are part of the export contract.
DATA_DIR = "du-lieu"
CORPUS_JSON = f"{DATA_DIR}/congkhai.json"
SCHEMA_JSON = f"{DATA_DIR}/congkhai.schema.json"
DATAPACKAGE = f"{DATA_DIR}/datapackage.json"
WORKBOOK = f"{DATA_DIR}/congkhai.xlsx"
ARCHIVE = f"{DATA_DIR}/congkhai.zip"
SITE_ATOM = f"{DATA_DIR}/cap-nhat.xml"
SITE_ICS = f"{DATA_DIR}/han.ics"
DEFAULT_SITE_URL = "https://example.invalid/"

# Generated outside the data directory: bulk table fragments (removed from the built site), the
# status stylesheet and the search index.
FRAGMENTS_DIR = "_fragments"
# Finished page bodies the builder plugin wraps in the theme (see generator.site.render).
PAGES_DIR = "_pages"
STATUS_CSS = "assets/stylesheets/congkhai-status.css"
SEARCH_INDEX = "tim-kiem/chi-muc.json"
SEARCH_RECORDS = "tim-kiem/chi-muc.txt"


def plan_page(plan_id: str) -> str:
    """Source path of a plan page."""
    return f"ke-hoach/{plan_id}.md"


def agency_page(agency_id: str) -> str:
    """Source path of an agency page."""
    return f"co-quan/{agency_id}.md"


def province_page(province_id: str) -> str:
    """Source path of a province page."""
    return f"{PROVINCE_DIR}/{province_id}.md"


def area_page(area_id: str) -> str:
    """Source path of a reform-area page."""
    return f"linh-vuc/{area_id}.md"


def list_page(page: str, n: int, part: str = "") -> str:
    """Source path of page ``n`` (from 2) of a long list on ``page``, under that page's own
    address: ``qua-han/trang-2.md``; a page with several lists names the ``part``:
    ``co-quan/x/chu-tri/trang-2.md``."""
    return f"{url_of(page)}{part + '/' if part else ''}trang-{n}.md"


def list_data(page: str, part: str = "") -> str:
    """The rows of a list of ``page`` for filtering in the browser: ``qua-han/danh-sach.json``,
    ``co-quan/x/chu-tri.json`` (beside the page, at its depth, so row links read the same)."""
    return f"{url_of(page)}{part or 'danh-sach'}.json"


def former_list_page(page: str, n: int, suffix: str) -> str:
    """Where page ``n`` of a list of ``page`` was published before lists moved under their page:
    ``qua-han--trang-2.md``, ``ke-hoach/index--trang-2.md`` (kept as redirects)."""
    return f"{page[: -len('.md')]}--{suffix}-{n}.md"


@functools.lru_cache(maxsize=1 << 14)
def url_of(src_path: str) -> str:
    """Directory URL of a source path, relative to the site root: ``ke-hoach/x/`` or ``""``.

    Cached: a site's links go to a few thousand pages, hundreds of thousands of times."""
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


def rebase(html: bytes, from_depth: int, to_depth: int) -> bytes:
    """HTML rendered for a page ``from_depth`` folders below the site root, with its links made
    for a page ``to_depth`` deep.

    Every link :func:`relative` makes climbs to the root first (``../`` once per folder), so
    only the climb differs between depths: a list row is rendered once and rebased for the
    pages of other depths. ``from_depth`` must be at least 1 (at the root a link has no climb
    to recognise it by); links that are not :func:`relative`'s (a same-page anchor, an
    outside address) are left as they are.
    """
    if from_depth < 1:
        raise ValueError("rebase needs HTML rendered at least one folder deep")
    return html.replace(b'href="' + b"../" * from_depth, b'href="' + b"../" * to_depth)


def source_page(plan_id: str) -> str:
    """Source path of the page showing a plan's copy of its document."""
    return f"nguon/{plan_id}.md"


def source_text_path(plan_id: str) -> str:
    """The plan's copy of its document as a UTF-8 text file with a readable name."""
    return f"nguon/{plan_id}.txt"


def plan_json_path(plan_id: str) -> str:
    """Per-plan JSON: ``du-lieu/ke-hoach/<plan-id>.json``."""
    return f"{DATA_DIR}/ke-hoach/{plan_id}.json"


def plan_xlsx_path(plan_id: str) -> str:
    """Per-plan workbook for people: ``du-lieu/ke-hoach/<plan-id>.xlsx``."""
    return f"{DATA_DIR}/ke-hoach/{plan_id}.xlsx"


def plan_csv_path(plan_id: str) -> str:
    """Per-plan tasks CSV for people: ``du-lieu/ke-hoach/<plan-id>.csv``."""
    return f"{DATA_DIR}/ke-hoach/{plan_id}.csv"


def plan_atom_path(plan_id: str) -> str:
    """Atom feed of one plan's updates."""
    return f"{DATA_DIR}/ke-hoach/{plan_id}.xml"


def agency_atom_path(agency_id: str) -> str:
    """Atom feed of the updates of tasks an agency leads or supports."""
    return f"{DATA_DIR}/co-quan/{agency_id}.xml"


def agency_ics_path(agency_id: str) -> str:
    """iCalendar feed of the deadlines of tasks an agency leads or supports."""
    return f"{DATA_DIR}/co-quan/{agency_id}.ics"


def normalise_site_url(site_url: str | None) -> str:
    """The site's base URL ending with one slash (the placeholder when none is configured)."""
    base = (site_url or DEFAULT_SITE_URL).strip()
    return base.rstrip("/") + "/"


def absolute_url(site_url: str | None, src_path: str, anchor: str | None = None) -> str:
    """Absolute URL of a page source path (``ke-hoach/x.md``) or a static file."""
    return normalise_site_url(site_url) + url_of(src_path) + (f"#{anchor}" if anchor else "")


def plan_data_links(plan_id: str, here: str | None = None) -> dict[str, str]:
    """Relative links from a plan page to its JSON and Atom files (for ``plan.md.j2``)."""
    page = here or plan_page(plan_id)
    return {
        "json": relative(page, plan_json_path(plan_id)),
        "xlsx": relative(page, plan_xlsx_path(plan_id)),
        "csv": relative(page, plan_csv_path(plan_id)),
        "atom": relative(page, plan_atom_path(plan_id)),
        "open_data": relative(page, OPEN_DATA_PAGE),
    }


def agency_data_links(agency_id: str, here: str | None = None) -> dict[str, str]:
    """Relative links from an agency page to its Atom and iCalendar feeds."""
    page = here or agency_page(agency_id)
    return {
        "atom": relative(page, agency_atom_path(agency_id)),
        "ics": relative(page, agency_ics_path(agency_id)),
        "open_data": relative(page, OPEN_DATA_PAGE),
    }
