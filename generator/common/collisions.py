"""No hand-written page takes the address of a generated one, on any file system.

Ids cannot collide with the list pages (``index``, ``du-lieu`` are reserved by the format, see
:data:`generator.sources.spec.RESERVED_IDS`); what remains is the hand-written pages in the
documentation directory. The generator owns some addresses outright (the plan, agency, area and
data directories, the fragments, the search index) and a few pages (home, lists, methodology, open
data, contact, the demo section). A hand-written page is compared with them by its address, as
MkDocs gives it (``x.md``, ``x/index.md`` and ``x/README.md`` are all ``x/``), and
case-insensitively: on the macOS and Windows machines editors use (and some servers)
``Du-Lieu-Mo.md`` and ``du-lieu-mo.md`` are the same file. Two hand-written pages that differ
only in case collide for the same reason. The builder plugin stops a build on an exact collision
too, but only ``check`` sees them before a pull request is merged.
"""

from __future__ import annotations

import os
from pathlib import Path, PurePosixPath

from generator.common import urls
from generator.sources.problems import ProblemList
from generator.sources.safety import inside, read_config

DATA_DIR, OPEN_DATA_PAGE, FRAGMENTS_DIR = urls.DATA_DIR, urls.OPEN_DATA_PAGE, urls.FRAGMENTS_DIR
PAGES_DIR = urls.PAGES_DIR
STATUS_CSS, INDEX_PATH = urls.STATUS_CSS, urls.SEARCH_INDEX

# Directories whose every address the generator makes (page sources are ``<dir>/<id>.md``).
OWNED_DIRS = (
    urls.url_of(urls.PLANS), urls.url_of(urls.AGENCIES), urls.url_of(urls.AREAS),
    f"{urls.PROVINCE_DIR}/", f"{DATA_DIR}/", f"{FRAGMENTS_DIR}/", f"{PAGES_DIR}/",
    # the overdue and upcoming lists: their continuation pages and row data live under them
    urls.url_of(urls.OVERDUE), urls.url_of(urls.UPCOMING),
)
# Redirects left at the former addresses of those lists' continuation pages ("qua-han--trang-2/").
FORMER_PREFIXES = (urls.url_of(urls.OVERDUE).rstrip("/") + "--",
                   urls.url_of(urls.UPCOMING).rstrip("/") + "--")
# Single pages and files the generator (or MkDocs itself) makes elsewhere.
OWNED_PAGES = (urls.HOME, urls.OVERDUE, urls.UPCOMING, urls.METHODOLOGY, urls.LINEAGE,
               OPEN_DATA_PAGE, urls.CONTACT, urls.DEMO_SECTION)
OWNED_FILES = (INDEX_PATH, urls.SEARCH_RECORDS, STATUS_CSS, "404.html", "sitemap.xml",
               "sitemap.xml.gz")
# Parts of the documentation directory MkDocs does not publish, or that are data.
_SKIPPED_TOP = ("registries", "templates")


def address(rel: str) -> str:
    """The site address of a file of the documentation directory, as MkDocs gives it."""
    path = PurePosixPath(rel)
    if path.suffix.lower() != ".md":
        return rel
    if path.stem in ("index", "README"):
        parent = path.parent.as_posix()
        return "" if parent == "." else parent + "/"
    return path.with_suffix("").as_posix() + "/"


def _owner(key: str) -> str | None:
    """What generated address ``key`` (case-folded) collides with, if any."""
    for directory in OWNED_DIRS:
        if key.startswith(directory.casefold()):
            return directory
    for prefix in FORMER_PREFIXES:
        if key.startswith(prefix.casefold()):
            return prefix + "…"
    for page in OWNED_PAGES:
        if key == urls.url_of(page).casefold():
            return urls.url_of(page) or "/"
    for name in OWNED_FILES:
        if key == name.casefold():
            return name
    return None


def _handwritten(docs: Path) -> list[str]:
    out = []
    for current, dirs, files in os.walk(docs):  # links are not followed (safety reports them)
        rel_dir = Path(current).relative_to(docs).as_posix()
        dirs[:] = sorted(d for d in dirs if not d.startswith(".") and not (
            rel_dir == "." and d in _SKIPPED_TOP))
        for name in sorted(files):
            if not name.startswith("."):
                out.append(name if rel_dir == "." else f"{rel_dir}/{name}")
    return out


def check_addresses(root: Path, problems: ProblemList) -> None:
    """Record every hand-written file of the documentation directory whose address a generated
    page or file has, or another hand-written file has in another letter case."""
    # where mkdocs.yml puts the pages (its own problems are reported by load_project)
    docs_dir = read_config(root, ProblemList()).docs_dir
    docs = root / docs_dir
    if not docs_dir or not docs.is_dir() or not inside(root, docs):
        return
    seen: dict[str, str] = {}
    for rel in _handwritten(docs):
        where = f"{docs_dir}/{rel}"
        key = address(rel).casefold()
        owner = _owner(key)
        if owner is not None:
            taken = (f"nằm trong thư mục “{owner}” mà hệ thống tạo toàn bộ"
                     if owner in OWNED_DIRS else f"trùng với “{owner}” do hệ thống tạo")
            problems.add(
                where, 1, 1, "page-collision",
                f"Trang viết tay “{where}” có địa chỉ “{address(rel) or '/'}”, {taken} "
                "(không phân biệt chữ hoa, chữ thường).",
                "Đổi tên hoặc chuyển trang viết tay: các thư mục "
                + ", ".join(OWNED_DIRS) + " và các trang chủ, quá hạn, sắp đến hạn, phương "
                "pháp, dữ liệu mở do hệ thống tạo.",
            )
        elif key in seen:
            problems.add(
                where, 1, 1, "page-collision",
                f"Trang viết tay “{where}” và “{docs_dir}/{seen[key]}” chỉ khác nhau chữ hoa, "
                "chữ thường nên có cùng địa chỉ trên máy Windows, macOS.",
                "Đổi tên một trong hai trang; tên tệp nên viết thường, không dấu.",
            )
        else:
            seen[key] = rel
