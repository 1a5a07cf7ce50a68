#!/usr/bin/env python3
"""Check the internal links of a built site: ``python scripts/check_links.py SITE_DIR``.

Every relative ``href``/``src``/``srcset`` in ``SITE_DIR/**/*.html`` must resolve to a file of the
site (a directory stands for its ``index.html``), and every ``#fragment`` pointing into an HTML
page must name an ``id`` (or an ``<a name>``) of that page. Links with a scheme (``https:``,
``mailto:``, ``data:``…) and protocol-relative links (``//host/…``) are external and not checked.

Links written from the root (``/assets/…``, as MkDocs writes them in ``404.html``) are resolved
against the site root, or, with ``--site-url https://host/base/``, against the site's base path;
with ``--site-url`` absolute links to that URL (``<link rel="canonical">``…) are internal too.

Exit status: 0 when every internal link resolves, 1 when some do not (they are listed, one per
line, as ``page: link (reason)``), 2 for a usage error. Standard library only.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path, PurePosixPath
from urllib.parse import unquote, urlsplit

# Attributes holding one URL, per element; ``srcset`` (a list of candidates) is handled apart.
URL_ATTRIBUTES = {
    "a": ("href",),
    "area": ("href",),
    "link": ("href",),
    "script": ("src",),
    "img": ("src",),
    "iframe": ("src",),
    "embed": ("src",),
    "source": ("src",),
    "track": ("src",),
    "audio": ("src",),
    "video": ("src", "poster"),
    "input": ("src",),
    "object": ("data",),
    "form": ("action",),
}
# Fragments a browser honours without a matching id (HTML: "#" and "#top" go to the top).
TOP_FRAGMENTS = {"", "top"}


@dataclass(frozen=True)
class Link:
    page: Path  # the HTML file the link is on
    url: str  # as written
    line: int


@dataclass(frozen=True)
class Broken:
    link: Link
    reason: str

    def format(self, site: Path) -> str:
        page = self.link.page.relative_to(site).as_posix()
        return f"{page}:{self.link.line}: {self.link.url} ({self.reason})"


class _PageParser(HTMLParser):
    """Collects the URLs a page links to and the fragment targets it defines."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.urls: list[tuple[str, int]] = []
        self.anchors: set[str] = set()
        self.base: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {name: value for name, value in attrs if value is not None}
        line = self.getpos()[0]
        if "id" in values:
            self.anchors.add(values["id"])
        if tag == "a" and "name" in values:
            self.anchors.add(values["name"])
        if tag == "base" and "href" in values and self.base is None:
            self.base = values["href"]
        for attribute in URL_ATTRIBUTES.get(tag, ()):
            if attribute in values:
                self.urls.append((values[attribute], line))
        if "srcset" in values and tag in ("img", "source"):
            self.urls.extend((url, line) for url in _srcset_urls(values["srcset"]))

    handle_startendtag = handle_starttag


def _srcset_urls(srcset: str) -> Iterator[str]:
    for candidate in srcset.split(","):
        parts = candidate.split()
        if parts:
            yield parts[0]


@dataclass
class _Page:
    urls: list[tuple[str, int]]
    anchors: set[str]
    base: str | None


class Site:
    """A built site on disk; pages are parsed once, on demand."""

    def __init__(self, root: Path, site_url: str | None = None) -> None:
        self.root = root.resolve()
        self.site_url = urlsplit(site_url) if site_url else None
        base = self.site_url.path if self.site_url else "/"
        self.base_path = base if base.endswith("/") else base + "/"
        self._pages: dict[Path, _Page] = {}

    def pages(self) -> list[Path]:
        return sorted(p for p in self.root.rglob("*.html") if p.is_file())

    def page(self, path: Path) -> _Page:
        if path not in self._pages:
            parser = _PageParser()
            parser.feed(path.read_text(encoding="utf-8", errors="replace"))
            parser.close()
            self._pages[path] = _Page(parser.urls, parser.anchors, parser.base)
        return self._pages[path]

    def links(self) -> Iterator[Link]:
        for path in self.pages():
            for url, line in self.page(path).urls:
                yield Link(path, url, line)

    # --- resolution -----------------------------------------------------------------------------

    def _internal_path(self, link: Link) -> tuple[str, str] | None:
        """(path, fragment) of an internal link, path relative to the site root ("" = this page);
        None for an external link. Raises ValueError for a root link outside the base path."""
        url = link.url.strip()
        parts = urlsplit(url)
        fragment = unquote(parts.fragment)
        if parts.scheme or parts.netloc:
            site = self.site_url
            if (
                site is not None
                and parts.scheme in ("http", "https", "")
                and parts.netloc == site.netloc
                and (parts.path + "/").startswith(self.base_path)
            ):
                return self._from_root(parts.path), fragment
            return None
        if not parts.path:
            return "", fragment
        if parts.path.startswith("/"):
            return self._from_root(parts.path), fragment
        here = link.page.parent.relative_to(self.root).as_posix()
        joined = parts.path if here == "." else f"{here}/{parts.path}"
        return joined, fragment

    def _from_root(self, path: str) -> str:
        if not (path + "/").startswith(self.base_path):
            raise ValueError(f"ngoài đường dẫn gốc {self.base_path}")
        return path[len(self.base_path):]

    def _target(self, link: Link, path: str) -> Path | str:
        """The file a link path names, or the reason it names none."""
        if path == "":
            return link.page
        decoded = unquote(path)
        stack: list[str] = []
        for part in PurePosixPath(decoded).parts:
            if part in (".", ""):
                continue
            if part == "..":
                if not stack:
                    return "ra ngoài thư mục trang"
                stack.pop()
            else:
                stack.append(part)
        target = self.root.joinpath(*stack)
        if target.is_dir():
            index = target / "index.html"
            return index if index.is_file() else "thư mục không có index.html"
        if decoded.endswith("/"):
            return "không có thư mục này"
        if target.is_file():
            return target
        return "không có tệp này"

    def check(self, link: Link) -> Broken | None:
        if self.page(link.page).base is not None:
            return None  # <base href> changes resolution; MkDocs never writes it
        try:
            internal = self._internal_path(link)
        except ValueError as exc:
            return Broken(link, str(exc))
        if internal is None:
            return None
        path, fragment = internal
        target = self._target(link, path)
        if isinstance(target, str):
            return Broken(link, target)
        if fragment.lower() in TOP_FRAGMENTS or target.suffix.lower() not in (".html", ".htm"):
            return None
        if fragment not in self.page(target).anchors:
            shown = target.relative_to(self.root).as_posix()
            return Broken(link, f"không có id “{fragment}” trong {shown}")
        return None


def broken_links(site_dir: Path, site_url: str | None = None) -> list[Broken]:
    """Every internal link of the site that does not resolve, in page order."""
    site = Site(site_dir, site_url)
    found = (site.check(link) for link in site.links())
    return [b for b in found if b is not None]


def main(argv: Iterable[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description="Kiểm tra liên kết nội bộ của trang đã xây dựng (href/src và #id)."
    )
    parser.add_argument("site_dir", type=Path, help="thư mục trang (ví dụ site/)")
    parser.add_argument(
        "--site-url", default=None,
        help="địa chỉ công khai của trang (site_url); liên kết tuyệt đối tới đó là nội bộ",
    )
    args = parser.parse_args(list(argv) if argv is not None else None)
    site_dir: Path = args.site_dir
    if not (site_dir / "index.html").is_file():
        print(f"{site_dir}: không phải trang đã xây dựng (thiếu index.html)", file=sys.stderr)
        return 2
    broken = broken_links(site_dir, args.site_url)
    root = site_dir.resolve()
    pages = sum(1 for _ in root.rglob("*.html"))
    if broken:
        for item in broken:
            print(item.format(root))
        print(f"\n{len(broken)} liên kết hỏng trong {pages} trang.", file=sys.stderr)
        return 1
    print(f"Liên kết nội bộ đều tốt ({pages} trang).")
    return 0


if __name__ == "__main__":
    sys.exit(main())
