"""The W3C Nu Html Checker (npm ``vnu-jar``, run with Debian's Java) finds no error on a sample
of every kind of page: the repository's site, and a small synthetic province whose long lists
are paginated.

One error is Material for MkDocs' own and is not patched here: its drawer and search toggles are
``<input type="checkbox" autocomplete="off">`` (``autocomplete`` is not allowed on checkboxes).
It is reported upstream's; any other error fails the test.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
VNU = ROOT / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"

# Material's checkboxes (base.html: __drawer, __search; nav: md-nav__toggle), upstream.
UPSTREAM = re.compile(r"Attribute “autocomplete” is only allowed when the input type is")
UPSTREAM_EXTRACT = re.compile(r'class="md-(?:nav__)?toggle')


def page_kind(rel: str) -> str:
    """A page's kind, from its path: the first folder, plus what marks a continuation page."""
    parts = rel.split("/")[:-1]  # drop index.html
    if not parts:
        return "home" if rel == "index.html" else rel
    if any("--" in p for p in parts):
        return "redirect"  # a former address of a continuation page
    kind = parts[0]
    if len(parts) > 1:
        kind += "/*"
    if any(re.fullmatch(r"trang-\d+", p) for p in parts[1:]):
        kind += " (trang n)"
    return kind


def sample(site: Path, per_kind: int = 2) -> list[Path]:
    """Up to ``per_kind`` pages of each kind (every hand-written page is its own kind)."""
    chosen: dict[str, list[Path]] = {}
    for path in sorted(site.rglob("*.html")):
        rel = path.relative_to(site).as_posix()
        if rel.startswith("assets/"):
            continue
        kind = page_kind(rel)
        if len(chosen.setdefault(kind, [])) < per_kind:
            chosen[kind].append(path)
    return [p for paths in chosen.values() for p in paths]


def vnu_errors(files: list[Path]) -> list[dict]:
    java = shutil.which("java")
    if not (java and VNU.exists()):
        message = "java or vnu.jar not found; run ./scripts/setup --with-browser"
        if os.environ.get("CI") == "true":
            pytest.fail(message)
        pytest.skip(message)
    run = subprocess.run(
        [java, "-Xss4m", "-jar", str(VNU), "--format", "json", "--errors-only",
         *map(str, files)],
        capture_output=True, text=True, check=False, timeout=600,
    )
    report = json.loads(run.stderr or run.stdout)
    return [m for m in report["messages"] if m.get("type") in ("error", "non-document-error")]


def real_errors(messages: list[dict]) -> list[dict]:
    return [m for m in messages if not (UPSTREAM.search(m.get("message", ""))
                                        and UPSTREAM_EXTRACT.search(m.get("extract", "")))]


def describe(messages: list[dict]) -> str:
    return "\n".join(f"{m.get('url', '').rsplit('/site/', 1)[-1]}:{m.get('lastLine')}: "
                     f"{m.get('message')} [{m.get('extract', '').strip()[:120]}]"
                     for m in messages[:30])


def test_sample_covers_every_page_kind(site_dir: Path):
    kinds = {page_kind(p.relative_to(site_dir).as_posix()) for p in sample(site_dir)}
    assert {"home", "ke-hoach", "ke-hoach/*", "co-quan", "co-quan/*", "linh-vuc",
            "linh-vuc/*", "qua-han", "sap-den-han", "phuong-phap", "du-lieu-mo", "tim-kiem",
            "gioi-thieu", "huong-dan-bien-tap", "huong-dan-bien-tap/*", "404.html",
            "tinh/*", "thay-doi-to-chuc"} <= kinds


def test_no_html_error_on_any_page_kind(site_dir: Path):
    messages = vnu_errors(sample(site_dir))
    errors = real_errors(messages)
    assert not errors, describe(errors)


def test_no_html_error_on_paginated_lists(synthetic_site_dir: Path):
    files = sample(synthetic_site_dir, per_kind=1)
    kinds = {page_kind(p.relative_to(synthetic_site_dir).as_posix()) for p in files}
    assert {"co-quan/* (trang n)", "redirect"} <= kinds, kinds
    errors = real_errors(vnu_errors(files))
    assert not errors, describe(errors)


def test_the_upstream_exception_is_only_materials(site_dir: Path):
    """The one tolerated message is real (so the exception is still needed) and comes from
    Material's toggles only."""
    messages = vnu_errors([site_dir / "index.html"])
    tolerated = [m for m in messages if UPSTREAM.search(m.get("message", ""))]
    assert tolerated and all(UPSTREAM_EXTRACT.search(m.get("extract", "")) for m in tolerated)
