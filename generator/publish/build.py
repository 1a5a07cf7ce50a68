"""Building the site and publishing it atomically.

The new site is built into a sibling temporary directory; only when MkDocs finished without error
(and, in strict mode, without warning) does it replace the site directory. A failed build leaves
the last good site untouched.
"""

from __future__ import annotations

import datetime as dt
import os
import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import yaml

from generator.model.entities import Project


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
               shard: str | None = None) -> None:
    """Build the site with MkDocs into ``out_dir``, handing the loaded project to the plugin.

    A ``shard`` (province id) gets its own generated tree, so shards build in parallel, and
    the province in its site name.
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
            if shard is not None:
                plugin.config.out_dir = f"{plugin.config.out_dir}-{shard}"
                name = project.provinces[shard].name if shard in project.provinces else shard
                config.site_name = f"{config.site_name}: {name}"
            try:
                build(config)
            finally:
                plugin.prepared = None  # type: ignore[attr-defined]
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


def publish(root: Path, project: Project, as_of: dt.date, site_dir: Path,
            strict: bool = True, shard: str | None = None) -> None:
    """Build into a temporary sibling of ``site_dir`` and swap it in only on success."""
    check_site_dir(root, site_dir)
    site_dir = site_dir.resolve()
    site_dir.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{site_dir.name}.new-", dir=site_dir.parent))
    umask = os.umask(0)
    os.umask(umask)
    staging.chmod(0o777 & ~umask)  # mkdtemp makes it private; a web server must read the site
    try:
        run_mkdocs(root, project, as_of, staging, strict, shard)
        if not (staging / "index.html").is_file():
            raise BuildError("Bản dựng không có index.html; không thay thế trang hiện tại.")
        (staging / SITE_MARKER).write_text(
            "Trang do congkhai xây dựng; thư mục này được thay toàn bộ ở mỗi lần xây dựng.\n",
            encoding="utf-8")
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    swap_in(staging, site_dir)


def swap_in(new: Path, target: Path) -> None:
    """Replace ``target`` by ``new`` with two renames; restore ``target`` if the second fails."""
    old = None
    if target.exists():
        old = target.with_name(f".{target.name}.old-{os.getpid()}")
        if old.exists():
            shutil.rmtree(old)
        target.rename(old)
    try:
        new.rename(target)
    except BaseException:
        if old is not None:
            old.rename(target)
        raise
    if old is not None:
        shutil.rmtree(old, ignore_errors=True)
