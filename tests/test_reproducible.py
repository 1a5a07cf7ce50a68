"""Two builds of the same tree as of the same date are byte-identical.

``congkhai build`` runs as a separate process (the console script next to ``sys.executable``),
from different working directories, into differently named site directories and with different
hash seeds, so that absolute paths, set/dict ordering or the clock cannot leak into the output
unnoticed. Every file is compared, including ``sitemap.xml.gz`` (whose gzip header carries a
timestamp) and the search index. Without ``SOURCE_DATE_EPOCH`` the build sets it to midnight UTC
of the as-of date; with it set explicitly, that value is used.
"""

from __future__ import annotations

import datetime as dt
import gzip
import hashlib
import os
import re
import shutil
import stat
import struct
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
CONGKHAI = Path(sys.executable).with_name("congkhai")
AS_OF = "2026-11-23"
MIDNIGHT = int(dt.datetime(2026, 11, 23, tzinfo=dt.UTC).timestamp())  # 1795392000
# Another day than the as-of date, at a time of day: 2026-11-20 12:34:56 UTC.
EXPLICIT_EPOCH = int(dt.datetime(2026, 11, 20, 12, 34, 56, tzinfo=dt.UTC).timestamp())


def build(site: Path, hash_seed: int, epoch: int | None = None) -> Path:
    """Run ``congkhai build`` into ``site``, from its parent directory; return ``site``."""
    if not CONGKHAI.exists():
        pytest.skip(f"congkhai console script not found next to {sys.executable}")
    site.parent.mkdir(parents=True, exist_ok=True)
    env = {k: v for k, v in os.environ.items() if k != "SOURCE_DATE_EPOCH"}
    env["PYTHONHASHSEED"] = str(hash_seed)
    if epoch is not None:
        env["SOURCE_DATE_EPOCH"] = str(epoch)
    result = subprocess.run(
        [str(CONGKHAI), "build", "--as-of", AS_OF, "--root", str(ROOT), "--site-dir", str(site)],
        cwd=site.parent, env=env, capture_output=True, text=True, check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    return site


# What a build reads. If someone edits these while the two builds run (this checkout is shared),
# the builds are taken again rather than blamed for the edit.
INPUTS = ("mkdocs.yml", "congkhai.yml", "content", "plans", "theme", "generator")


def fingerprint() -> str:
    digest = hashlib.sha256()
    for name in INPUTS:
        top = ROOT / name
        paths = [top] if top.is_file() else sorted(top.rglob("*"))
        for path in paths:
            if path.is_file() and "__pycache__" not in path.parts:
                digest.update(path.relative_to(ROOT).as_posix().encode() + b"\0")
                digest.update(path.read_bytes() + b"\0")
    return digest.hexdigest()


def build_pair(first: dict, second: dict, attempts: int = 3) -> tuple[Path, Path]:
    """Two builds (keyword arguments of :func:`build`) of one unchanged source tree."""
    for _ in range(attempts):
        before = fingerprint()
        sites = (build(**first), build(**second))
        if fingerprint() == before:
            return sites
        for site in sites:
            shutil.rmtree(site)
    pytest.skip("the source tree kept changing during the builds")


def tree(site: Path) -> dict[str, bytes]:
    return {
        p.relative_to(site).as_posix(): p.read_bytes()
        for p in sorted(site.rglob("*"))
        if p.is_file()
    }


def first_difference(a: bytes, b: bytes) -> str:
    pairs = enumerate(zip(a, b, strict=False))
    at = next((i for i, (x, y) in pairs if x != y), min(len(a), len(b)))
    return f"at byte {at}: {a[max(0, at - 40):at + 40]!r} vs {b[max(0, at - 40):at + 40]!r}"


def assert_identical(one: Path, two: Path) -> dict[str, bytes]:
    a, b = tree(one), tree(two)
    assert sorted(a) == sorted(b), {
        "only in first": sorted(set(a) - set(b)), "only in second": sorted(set(b) - set(a))
    }
    differing = [path for path in a if a[path] != b[path]]
    assert not differing, "\n".join(
        f"{path} differs {first_difference(a[path], b[path])}" for path in differing[:10]
    )
    return a


def gzip_mtime(data: bytes) -> int:
    assert data[:2] == b"\x1f\x8b", "not gzip"
    return struct.unpack("<I", data[4:8])[0]


def search_indexes(files: dict[str, bytes]) -> list[str]:
    return [p for p in files if p.endswith(".json") and re.search(r"search|tim-kiem|chi-muc", p)]


@pytest.fixture(scope="module")
def default_builds(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    base = tmp_path_factory.mktemp("repro")
    return build_pair(
        {"site": base / "one" / "A", "hash_seed": 1},
        {"site": base / "two" / "deeper" / "B-site", "hash_seed": 2},
    )


@pytest.fixture(scope="module")
def epoch_builds(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    base = tmp_path_factory.mktemp("repro-epoch")
    return build_pair(
        {"site": base / "one" / "A", "hash_seed": 3, "epoch": EXPLICIT_EPOCH},
        {"site": base / "two" / "B", "hash_seed": 4, "epoch": EXPLICIT_EPOCH},
    )


def test_two_builds_are_byte_identical(default_builds: tuple[Path, Path]) -> None:
    files = assert_identical(*default_builds)
    assert "index.html" in files and "sitemap.xml.gz" in files
    assert search_indexes(files), "no search index among the compared files"


def test_two_builds_with_source_date_epoch_are_byte_identical(
    epoch_builds: tuple[Path, Path],
) -> None:
    files = assert_identical(*epoch_builds)
    assert "sitemap.xml.gz" in files


def test_gzip_timestamp_comes_from_the_as_of_date(default_builds: tuple[Path, Path]) -> None:
    data = (default_builds[0] / "sitemap.xml.gz").read_bytes()
    assert gzip_mtime(data) == MIDNIGHT
    assert gzip.decompress(data) == (default_builds[0] / "sitemap.xml").read_bytes()


def test_explicit_source_date_epoch_is_honoured(epoch_builds: tuple[Path, Path]) -> None:
    """An explicit SOURCE_DATE_EPOCH wins over the as-of date. MkDocs keeps only its date (the
    gzip time is the newest page's update_date, a YYYY-MM-DD), so midnight UTC of that day."""
    data = (epoch_builds[0] / "sitemap.xml.gz").read_bytes()
    day = dt.datetime.fromtimestamp(EXPLICIT_EPOCH, dt.UTC).replace(hour=0, minute=0, second=0)
    assert gzip_mtime(data) == int(day.timestamp())


def test_no_build_path_leaks_into_the_site(default_builds: tuple[Path, Path]) -> None:
    for site in default_builds:
        needles = [str(site).encode(), str(site.parent).encode(), site.name.encode() + b".new-"]
        for path, data in tree(site).items():
            for needle in needles:
                assert needle not in data, f"{path} contains {needle!r}"


def test_site_directory_is_as_readable_as_its_subdirectories(
    default_builds: tuple[Path, Path],
) -> None:
    """The published directory comes from mkdtemp (mode 0700); it must get the usual mode, or a
    web server running as another user (nginx as www-data) cannot read the site."""
    umask = os.umask(0)
    os.umask(umask)
    if umask & 0o005 == 0o005:
        pytest.skip(f"umask {umask:03o} hides the site from others anyway")
    site = default_builds[0]
    subdirectories = {stat.S_IMODE(p.stat().st_mode) for p in site.iterdir() if p.is_dir()}
    assert subdirectories == {0o777 & ~umask}
    assert stat.S_IMODE(site.stat().st_mode) == 0o777 & ~umask
