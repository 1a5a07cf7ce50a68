"""Building the site and publishing it atomically.

The new site is built into a staging directory beside the site directory; only when MkDocs
finished without error (and, in strict mode, without warning) does it replace the site directory,
in one atomic exchange (``renameat2(RENAME_EXCHANGE)``, see :mod:`generator.publish.atomic`):
the served path is at every instant a complete site, the old or the new one, and a failed or
killed build leaves the last good site untouched. The site directory stays a real directory, so
CI artifact uploads read it as before.

Each build generates its pages into a working tree of its own under ``build/`` (never the
preview's ``build/generated``), so two builds at once never mix their pages; whichever swaps in
last is the site, complete. Working trees and staging directories are locked while their build
runs; each build first removes those whose build is gone (killed, or failed to clean up).
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import yaml

from generator.model.entities import Project
from generator.publish.atomic import (
    claimed_directory,
    clean_stale,
    recover,
    release,
    remove,
    swap_in,
)

# ``progress(phase, done, total)`` as the command line shows it (total 0: no count known).
Reporter = Callable[[str, int, int], None]

# The phases a build reports, in Vietnamese as the command line shows them.
GENERATING = "Tạo trang và dữ liệu mở"
RENDERING = "Dựng trang HTML (MkDocs)"
PUBLISHING = "Công bố trang"


class BuildError(Exception):
    """The builder failed; the message says why (in Vietnamese)."""


def source_date_epoch(as_of: dt.date) -> str:
    """SOURCE_DATE_EPOCH for a build as of a date: midnight UTC of that date."""
    moment = dt.datetime(as_of.year, as_of.month, as_of.day, tzinfo=dt.UTC)
    return str(int(moment.timestamp()))


@contextmanager
def _environment(**values: str) -> Iterator[None]:
    saved = {k: os.environ.get(k) for k in values}
    os.environ.update(values)
    try:
        yield
    finally:
        for key, old in saved.items():
            if old is None:
                os.environ.pop(key, None)
            else:
                os.environ[key] = old


def run_mkdocs(root: Path, project: Project, as_of: dt.date, out_dir: Path, strict: bool,
               shard: str | None, work_dir: Path, progress: Reporter | None = None) -> None:
    """Build the site with MkDocs into ``out_dir``, handing the loaded project to the plugin.

    The plugin writes the generated pages into ``work_dir`` (a tree of this build's own, so
    builds and shards run side by side). A ``shard`` (province id) gets the province in its
    site name.
    """
    from mkdocs.commands.build import build
    from mkdocs.config import load_config
    from mkdocs.exceptions import MkDocsException

    env = {"NO_MKDOCS_2_WARNING": "1"}
    if "SOURCE_DATE_EPOCH" not in os.environ:
        env["SOURCE_DATE_EPOCH"] = source_date_epoch(as_of)
    with _environment(**env):
        try:
            config = load_config(
                config_file=str(root / "mkdocs.yml"), site_dir=str(out_dir), strict=strict
            )
            plugin = config.plugins.get("congkhai")
            if plugin is None:
                raise BuildError("mkdocs.yml thiếu plugin “congkhai”.")
            # MkDocs keeps one instance of a plugin with on_startup for the whole process (for
            # serve's rebuilds), so say that this is a build, and hand the project over for
            # this build only.
            config.plugins.on_startup(command="build", dirty=False)
            plugin.prepared = (project, as_of)  # type: ignore[attr-defined]
            plugin.progress = progress  # type: ignore[attr-defined]
            plugin.config.out_dir = str(work_dir)
            if shard is not None:
                name = project.provinces[shard].name if shard in project.provinces else shard
                config.site_name = f"{config.site_name}: {name}"
            try:
                build(config)
            finally:
                plugin.prepared = None  # type: ignore[attr-defined]
                plugin.progress = None  # type: ignore[attr-defined]
                config.plugins.on_shutdown()
        except MkDocsException as exc:
            raise BuildError(f"MkDocs dừng lại: {exc.format_message()}") from exc


SITE_URL_ENV = "CONGKHAI_SITE_URL"


def configured_site_url(root: Path) -> str | None:
    """The public address a build of ``root`` will use: mkdocs.yml's ``site_url``, which reads
    $CONGKHAI_SITE_URL unless the file gives an address itself; None when there is none (links
    in feeds, calendars, downloads and the sitemap then use a placeholder)."""
    from mkdocs.utils.yaml import yaml_load

    try:
        with (root / "mkdocs.yml").open(encoding="utf-8") as handle:
            config = yaml_load(handle)
    except (OSError, ValueError, yaml.YAMLError):
        return None
    value = config.get("site_url") if isinstance(config, dict) else None
    return value.strip() or None if isinstance(value, str) else None


SITE_MARKER = ".congkhai-site"
_SOURCE_DIRS = (".git", ".github", ".ci", "content", "plans", "theme", "generator", "tests",
                "schemas", "bench", "scripts")


def check_site_dir(root: Path, site_dir: Path) -> None:
    """Refuse a site directory whose replacement would destroy anything but an earlier build.

    The directory is replaced wholesale, so it must not be the project, hold it, or lie among its
    sources, and if it exists and is not empty it must carry the marker every build leaves.
    """
    root, site_dir = root.resolve(), site_dir.resolve()
    if site_dir == root or site_dir in root.parents:
        raise BuildError(f"Thư mục trang “{site_dir}” chứa cả dự án; chọn một thư mục con riêng, "
                         "ví dụ site/.")
    for name in _SOURCE_DIRS:
        if site_dir == root / name or (root / name) in site_dir.parents:
            raise BuildError(f"Thư mục trang “{site_dir}” nằm trong {name}/ của dự án; chọn "
                             "thư mục khác, ví dụ site/.")
    if site_dir.exists() and (not site_dir.is_dir() or (
        any(site_dir.iterdir()) and not (site_dir / SITE_MARKER).is_file()
    )):
        raise BuildError(f"“{site_dir}” đã có nội dung không do congkhai xây dựng; xây dựng sẽ "
                         "thay toàn bộ thư mục nên không làm. Chọn thư mục trống hoặc thư mục "
                         "trang cũ.")


WORK_DIR = "build"
WORK_PREFIX = "generated-"


def staging_prefixes(site_dir: Path) -> tuple[str, ...]:
    """Names of the staging and old-site directories a build of ``site_dir`` leaves beside it."""
    return (f".{site_dir.name}.new-", f".{site_dir.name}.old-")


def clean_leftovers(root: Path, site_dir: Path) -> int:
    """Remove what killed or failed builds left (staging trees, old sites, working trees) and
    put back a site a fallback swap left aside; return how many were removed."""
    recover(site_dir)
    return (clean_stale(site_dir.parent, staging_prefixes(site_dir))
            + clean_stale(root / WORK_DIR, (WORK_PREFIX,)))


def publish(root: Path, project: Project, as_of: dt.date, site_dir: Path,
            strict: bool = True, shard: str | None = None,
            progress: Reporter | None = None) -> None:
    """Build into a staging directory beside ``site_dir`` and swap it in only on success.

    Raises :class:`BuildError` when the builder fails, ``OSError`` when a file cannot be
    written; in both cases the site directory is as it was. Nothing after the swap can fail (an
    old tree that cannot be removed is left to the next build). ``progress`` hears of each
    phase (:data:`GENERATING`, :data:`RENDERING` with a page count, :data:`PUBLISHING`).
    """
    check_site_dir(root, site_dir)
    site_dir = site_dir.resolve()
    site_dir.parent.mkdir(parents=True, exist_ok=True)
    clean_leftovers(root, site_dir)
    staging = claimed_directory(site_dir.parent, staging_prefixes(site_dir)[0])
    work = None
    try:
        umask = os.umask(0)
        os.umask(umask)
        staging.chmod(0o777 & ~umask)  # mkdtemp makes it private; a web server must read it
        work = claimed_directory(root / WORK_DIR, WORK_PREFIX)
        run_mkdocs(root, project, as_of, staging, strict, shard, work_dir=work,
                   progress=progress)
        if progress is not None:
            progress(PUBLISHING, 0, 0)
        if not (staging / "index.html").is_file():
            raise BuildError("Bản dựng không có index.html; không thay thế trang hiện tại.")
        (staging / SITE_MARKER).write_text(
            "Trang do congkhai xây dựng; thư mục này được thay toàn bộ ở mỗi lần xây dựng.\n",
            encoding="utf-8")
    except BaseException:
        discard(staging)
        if work is not None:
            discard(work)
        raise
    discard(work)
    # The lock stays on the staging tree through the swap (a cleaner must not take it for a dead
    # build's); afterwards it is on the published site, and dropped.
    try:
        old = swap_in(staging, site_dir)
    except BaseException:
        discard(staging)
        raise
    release(staging)
    if old is not None:
        discard(old)


def discard(path: Path) -> None:
    """Remove a working or staging directory (a failure leaves it to the next build's
    cleaning)."""
    remove(path)
