"""scripts/check_links.py on a tiny hand-made site: good links pass, broken ones are listed."""

from __future__ import annotations

import importlib.util
import subprocess
import sys
from pathlib import Path

import pytest

SCRIPT = Path(__file__).resolve().parent.parent / "scripts" / "check_links.py"


def _load():
    spec = importlib.util.spec_from_file_location("check_links", SCRIPT)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


check_links = _load()


def page(body: str, css: str | None = None) -> str:
    """A page whose links are all on line 1 (so reports read "page:1: …")."""
    style = f'<link rel="stylesheet" href="{css}">' if css else ""
    return (
        f'<!doctype html><html lang="vi"><head><meta charset="utf-8"><title>t</title>{style}'
        f"</head><body>{body}</body></html>"
    )


def write(root: Path, rel: str, text: str) -> None:
    path = root / rel
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


@pytest.fixture
def site(tmp_path: Path) -> Path:
    """A site in the shape MkDocs writes with use_directory_urls: every link here is good."""
    root = tmp_path / "site"
    write(root, "assets/style.css", "body{}")
    write(root, "assets/logo.png", "png")
    write(root, "nguon/van ban.pdf", "%PDF")
    write(
        root,
        "index.html",
        page(
            '<h1 id="dau-trang">Trang chủ</h1>'
            '<a href="ke-hoach/">kế hoạch</a>'
            '<a href="ke-hoach/#danh-sach">danh sách</a>'
            '<a href="ke-hoach/kh-01/#nv-i-1">nhiệm vụ</a>'
            '<a href="#dau-trang">lên đầu</a> <a href="#">#</a> <a href="#top">top</a>'
            '<a href="./">đây</a> <a href="index.html">đây</a> <a href="">rỗng</a>'
            '<a href="nguon/van%20ban.pdf#page=2">văn bản</a>'
            '<a href="https://example.vn/x#y">ngoài</a> <a href="mailto:a@b.vn">thư</a>'
            '<a href="//cdn.example.vn/a.js">cdn</a> <a href="tel:+84">gọi</a>'
            '<img src="assets/logo.png" srcset="assets/logo.png 1x, assets/logo.png 2x" alt="">'
            '<img src="data:image/png;base64,AAAA" alt="">'
            '<a href="ke-hoach/?q=1#danh-sach">truy vấn</a>',
            css="assets/style.css",
        ),
    )
    write(
        root,
        "ke-hoach/index.html",
        page(
            '<h2 id="danh-sach">Danh sách</h2><a href="kh-01/">kh-01</a>'
            '<a href="../">trang chủ</a><a href="../index.html#dau-trang">đầu</a>'
            '<a href="/ke-hoach/kh-01/">từ gốc</a>',
            css="../assets/style.css",
        ),
    )
    write(
        root,
        "ke-hoach/kh-01/index.html",
        page(
            '<table><tr id="nv-i-1"><td><a name="cu">cũ</a></td></tr></table>'
            '<a href="#cu">tên cũ</a><a href="../../assets/logo.png">logo</a>'
            '<a href="../#danh-sach">danh sách</a>',
            css="../../assets/style.css",
        ),
    )
    write(
        root,
        "404.html",
        page(
            '<a href="/">trang chủ</a><a href="/ke-hoach/#danh-sach">kế hoạch</a>',
            css="/assets/style.css",
        ),
    )
    return root


def broken(root: Path, site_url: str | None = None) -> list[str]:
    return [b.format(root.resolve()) for b in check_links.broken_links(root, site_url)]


def test_good_links_pass(site: Path) -> None:
    assert broken(site) == []
    assert check_links.main([str(site)]) == 0


def test_every_kind_of_link_is_seen(site: Path) -> None:
    urls = {link.url for link in check_links.Site(site).links()}
    assert {"assets/style.css", "assets/logo.png", "ke-hoach/#danh-sach", "#cu"} <= urls
    assert "https://example.vn/x#y" in urls  # seen, and left alone as external


def test_broken_link_is_reported(site: Path) -> None:
    write(site, "lien-he/index.html", page('<a href="../ke-hoach/kh-02/">kh-02</a>'))
    assert broken(site) == ["lien-he/index.html:1: ../ke-hoach/kh-02/ (không có thư mục này)"]


def test_broken_fragment_is_reported(site: Path) -> None:
    write(
        site,
        "lien-he/index.html",
        page('<p id="a">a</p><a href="../ke-hoach/kh-01/#nv-i-9">x</a><a href="#b">y</a>'),
    )
    found = broken(site)
    assert len(found) == 2
    assert "../ke-hoach/kh-01/#nv-i-9" in found[0]
    assert "nv-i-9" in found[0] and "ke-hoach/kh-01/index.html" in found[0]
    assert found[1].startswith("lien-he/index.html:1: #b ")


@pytest.mark.parametrize(
    ("href", "reason"),
    [
        ("thieu.html", "không có tệp này"),
        ("assets/", "thư mục không có index.html"),
        ("../../ngoai.html", "ra ngoài thư mục trang"),
        ("assets/khong-co.css", "không có tệp này"),
        ("index.html#khong-co", "không có id “khong-co” trong index.html"),
    ],
)
def test_reasons(site: Path, href: str, reason: str) -> None:
    write(site, "hong.html", page(f'<a href="{href}">x</a>', css="assets/style.css"))
    assert broken(site) == [f"hong.html:1: {href} ({reason})"]


def test_ids_are_case_sensitive(site: Path) -> None:
    write(site, "hoa.html", page('<a href="ke-hoach/#Danh-Sach">x</a>'))
    assert broken(site) == [
        "hoa.html:1: ke-hoach/#Danh-Sach (không có id “Danh-Sach” trong ke-hoach/index.html)"
    ]


def test_site_url_makes_canonical_and_base_path_links_internal(tmp_path: Path) -> None:
    root = tmp_path / "public"
    write(
        root,
        "index.html",
        '<link rel="canonical" href="https://tinh.example.vn/congkhai/">'
        '<a href="/congkhai/ke-hoach/#ds">a</a>'
        '<a href="https://tinh.example.vn/congkhai/ke-hoach/">b</a>'
        '<a href="https://tinh.example.vn/khac/">c</a>',
    )
    write(root, "ke-hoach/index.html", '<h2 id="ds">ds</h2>')
    assert broken(root, "https://tinh.example.vn/congkhai/") == []
    write(root, "ke-hoach/index.html", "<h2>ds</h2>")
    assert len(broken(root, "https://tinh.example.vn/congkhai")) == 1
    # Without --site-url, /congkhai/… is read from the site root, where it does not exist.
    write(root, "ke-hoach/index.html", '<h2 id="ds">ds</h2>')
    assert broken(root) == ["index.html:1: /congkhai/ke-hoach/#ds (không có thư mục này)"]


def test_root_link_outside_base_path(tmp_path: Path) -> None:
    root = tmp_path / "public"
    write(root, "index.html", '<a href="/assets/x.css">x</a>')
    write(root, "assets/x.css", "")
    assert broken(root, "https://tinh.example.vn/congkhai/") == [
        "index.html:1: /assets/x.css (ngoài đường dẫn gốc /congkhai/)"
    ]


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, str(SCRIPT), *args], capture_output=True, text=True, check=False
    )


def test_command_line(site: Path, tmp_path: Path) -> None:
    ok = run(str(site))
    assert ok.returncode == 0, ok.stdout + ok.stderr

    write(site, "lien-he/index.html", page('<a href="../khong-co/">x</a><a href="#y">y</a>'))
    bad = run(str(site))
    assert bad.returncode == 1
    assert bad.stdout.splitlines() == [
        "lien-he/index.html:1: ../khong-co/ (không có thư mục này)",
        "lien-he/index.html:1: #y (không có id “y” trong lien-he/index.html)",
    ]
    assert "2 liên kết hỏng" in bad.stderr

    empty = tmp_path / "trong"
    empty.mkdir()
    assert run(str(empty)).returncode == 2
    assert run().returncode == 2
