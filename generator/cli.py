"""The ``congkhai`` command line: the public surface editors and CI use.

Exit codes: 0 when the data is valid (or the command succeeded), 1 when the data is invalid or a
build failed, 2 for a usage error.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import sys
from pathlib import Path

import click

from generator import __version__
from generator.clock import today_in_vietnam
from generator.fserrors import describe as describe_os_error
from generator.model import Project
from generator.problems import Problem, ProblemList
from generator.project import default_cache_dir, load_project
from generator.report import format_github, format_human, format_json
from generator.safety import inside
from generator.schema import FIRST_DAY, LAST_DAY
from generator.yamlsource import MAX_FILE_BYTES


def find_root(start: Path) -> Path:
    """The nearest directory at or above ``start`` that holds ``content/registries``."""
    for candidate in (start, *start.parents):
        if (candidate / "content" / "registries").is_dir():
            return candidate
    return start


class _AsOf(click.ParamType):
    name = "YYYY-MM-DD"

    def convert(self, value: object, param: click.Parameter | None, ctx: click.Context | None):
        if isinstance(value, dt.date):
            return value
        try:
            day = dt.date.fromisoformat(str(value))
        except ValueError:
            self.fail(f"“{value}” không phải ngày dạng YYYY-MM-DD.", param, ctx)
        if not FIRST_DAY <= day <= LAST_DAY:
            # the same bounds as every date in the data: status, feeds and spreadsheets count
            # days from it
            self.fail(f"Ngày {day.isoformat()} nằm ngoài khoảng {FIRST_DAY.isoformat()} – "
                      f"{LAST_DAY.isoformat()}.", param, ctx)
        return day


AS_OF = click.option(
    "--as-of", type=_AsOf(), default=None,
    help="Ngày tính trạng thái (YYYY-MM-DD); mặc định là hôm nay theo giờ Việt Nam.",
)
ROOT = click.option(
    "--root", type=click.Path(file_okay=False, path_type=Path), default=None,
    help="Thư mục gốc của dự án (mặc định: tìm từ thư mục hiện tại).",
)
PROVINCE = click.option(
    "--province", default=None, metavar="ID",
    help="Chỉ một tỉnh (một phân mảnh của trang toàn quốc): cơ quan và kế hoạch của tỉnh đó.",
)


def _plan_paths(root: Path, paths: tuple[Path, ...]) -> list[Path] | None:
    if not paths:
        return None
    out: list[Path] = []
    registries = (root / "content" / "registries").resolve()
    for path in paths:
        resolved = path.resolve()
        if resolved.is_dir():
            if resolved == root.resolve():
                return None
            out.extend(sorted(p for p in resolved.rglob("*.y*ml") if p.is_file()))
        elif registries not in resolved.parents:
            out.append(path)
    return sorted(dict.fromkeys(out))


def _line_reader(root: Path):
    cache: dict[str, list[str]] = {}

    def read(file: str, line: int) -> str | None:
        if file not in cache:
            try:
                path = root / file
                # never print a link's target, never open a FIFO, never load a huge file
                if not (inside(root, path) and path.is_file()
                        and path.stat().st_size <= MAX_FILE_BYTES):
                    raise OSError("not a readable data file of the project")
                data = path.read_bytes()
                cache[file] = data.decode("utf-8-sig", errors="replace").splitlines()
            except OSError:
                cache[file] = []
        lines = cache[file]
        return lines[line - 1] if 0 < line <= len(lines) else None

    return read


def emit_problems(problems: list[Problem], root: Path, fmt: str) -> None:
    """Print problems to stderr (JSON to stdout) in the chosen format."""
    if fmt == "json":
        click.echo(format_json(problems))
    elif fmt == "github":
        click.echo(format_github(problems))
    elif problems:
        click.echo(format_human(problems, _line_reader(root)), err=True)


def _load(root: Path, as_of: dt.date, paths: tuple[Path, ...] = (),
          province: str | None = None) -> tuple[Project, ProblemList]:
    """The project and every problem ``check`` reports, hand-written pages taking generated
    addresses included."""
    from generator.collisions import check_addresses

    project, problems = load_project(root, as_of, _plan_paths(root, paths),
                                     cache_dir=default_cache_dir(root), province=province)
    check_addresses(root, problems)
    return project, problems


def load_or_exit(
    root: Path, as_of: dt.date, paths: tuple[Path, ...] = (), fmt: str = "human",
    province: str | None = None,
) -> Project:
    """Load the project, or print its problems and exit with status 1."""
    project, problems = _load(root, as_of, paths, province)
    if problems:
        found = problems.sorted()
        emit_problems(found, root, fmt)
        files = len({p.file for p in found})
        click.echo(f"\nDữ liệu không hợp lệ: {problems.total} lỗi trong {files} tệp.", err=True)
        sys.exit(1)
    return project


class _Commands(click.Group):
    """The command group; a failed file operation ends any command with a Vietnamese message,
    never a traceback."""

    def invoke(self, ctx: click.Context) -> object:
        try:
            return super().invoke(ctx)
        except OSError as exc:
            what, hint = describe_os_error(exc)
            _quiet_stdout()
            click.echo(f"Lỗi khi đọc hoặc ghi tệp: {what}", err=True)
            if hint:
                click.echo(f"Cách sửa: {hint}", err=True)
            sys.exit(1)


def _quiet_stdout() -> None:
    """Point stdout at /dev/null, so that flushing it again at exit (after a full disk or a
    closed pipe) cannot fail a second time."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError):
        pass


@click.group(cls=_Commands)
@click.version_option(__version__, prog_name="congkhai")
def main() -> None:
    """congkhai: kiểm tra, xuất và xây dựng trang công khai kế hoạch cải cách hành chính."""


@main.command()
@click.argument("paths", nargs=-1, type=click.Path(exists=True, path_type=Path))
@AS_OF
@ROOT
@click.option(
    "--format", "fmt", type=click.Choice(["human", "github", "json"]), default=None,
    help="Cách in lỗi: human (mặc định), github (chú thích trên pull request; tự bật khi "
    "GITHUB_ACTIONS=true), json.",
)
def check(paths: tuple[Path, ...], as_of: dt.date | None, root: Path | None,
          fmt: str | None) -> None:
    """Kiểm tra dữ liệu: cú pháp, khóa, kiểu, mã cơ quan/lĩnh vực, ngày tháng, thời hạn."""
    root = root or find_root(Path.cwd())
    as_of = as_of or today_in_vietnam()
    if fmt is None:
        fmt = "github" if os.environ.get("GITHUB_ACTIONS") == "true" else "human"
    project, problems = _load(root, as_of, paths)
    found = problems.sorted()
    emit_problems(found, root, fmt)
    if found:
        if fmt != "json":
            files = len({p.file for p in found})
            click.echo(f"\nDữ liệu không hợp lệ: {problems.total} lỗi trong {files} tệp.",
                       err=True)
        sys.exit(1)
    if fmt == "human":
        tasks = sum(len(p.tasks) for p in project.plans)
        click.echo(
            f"Hợp lệ: {len(project.plans)} kế hoạch, {tasks} nhiệm vụ, "
            f"{len(project.agencies)} cơ quan, {len(project.areas)} lĩnh vực "
            f"(tính đến {as_of:%d/%m/%Y})."
        )


@main.command()
@click.option("--format", "fmt", type=click.Choice(["json", "csv"]), default="json",
              help="json: toàn bộ dữ liệu; csv: mỗi dòng một nhiệm vụ (UTF-8 có BOM).")
@AS_OF
@ROOT
def export(fmt: str, as_of: dt.date | None, root: Path | None) -> None:
    """Xuất dữ liệu ra stdout theo hợp đồng xuất dữ liệu (JSON hoặc CSV)."""
    from generator.export import export_json, export_tasks_csv
    from generator.snapshot import Snapshot

    root = root or find_root(Path.cwd())
    as_of = as_of or today_in_vietnam()
    snapshot = Snapshot(load_or_exit(root, as_of), as_of)
    if fmt == "json":
        text = json.dumps(export_json(snapshot), ensure_ascii=False, indent=2) + "\n"
        sys.stdout.buffer.write(text.encode("utf-8"))
    else:
        sys.stdout.buffer.write(("\ufeff" + export_tasks_csv(snapshot)).encode("utf-8"))
    sys.stdout.flush()


def _show_builder_warnings() -> None:
    import logging

    handler = logging.StreamHandler()
    handler.setFormatter(logging.Formatter("%(levelname)s: %(message)s"))
    handler.setLevel(logging.WARNING)
    logger = logging.getLogger("mkdocs")
    logger.addHandler(handler)
    logger.setLevel(logging.WARNING)


@main.command()
@AS_OF
@ROOT
@click.option("--site-dir", type=click.Path(file_okay=False, path_type=Path), default=None,
              help="Thư mục trang web xuất ra (mặc định: site/ trong thư mục dự án).")
@click.option("--strict/--no-strict", default=True, show_default=True,
              help="Coi mọi cảnh báo của MkDocs là lỗi.")
@PROVINCE
def build(as_of: dt.date | None, root: Path | None, site_dir: Path | None, strict: bool,
          province: str | None) -> None:
    """Kiểm tra dữ liệu, tạo trang và xây dựng trang web; chỉ thay trang cũ khi thành công."""
    from generator.publish import BuildError, publish

    root = root or find_root(Path.cwd())
    as_of = as_of or today_in_vietnam()
    project = load_or_exit(root, as_of, province=province)
    target = site_dir or root / "site"
    existed = target.exists()
    _show_builder_warnings()
    try:
        publish(root, project, as_of, target, strict=strict, shard=province)
    except BuildError as exc:
        click.echo(f"Xây dựng thất bại, trang cũ được giữ nguyên: {exc}", err=True)
        sys.exit(1)
    except OSError as exc:
        # publish raises only before the swap: the served directory is as it was
        what, hint = describe_os_error(exc)
        kept = (f"Trang cũ tại {target} được giữ nguyên." if existed
                else f"Chưa có gì được ghi vào {target}.")
        click.echo(f"Xây dựng thất bại: {what} {kept}", err=True)
        if hint:
            click.echo(f"Cách sửa: {hint}", err=True)
        sys.exit(1)
    click.echo(f"Đã xây dựng trang tại {target} (trạng thái tính đến {as_of:%d/%m/%Y}).")


@main.command()
@AS_OF
@ROOT
@click.option("-a", "--dev-addr", default="127.0.0.1:8000", show_default=True,
              help="Địa chỉ:cổng để xem trước.")
def serve(as_of: dt.date | None, root: Path | None, dev_addr: str) -> None:
    """Xem trước trang trên máy; sửa tệp kế hoạch thì trang tự tải lại."""
    from mkdocs.commands.serve import serve as mkdocs_serve

    from generator.mkdocs_plugin import AS_OF_ENV

    root = root or find_root(Path.cwd())
    as_of = as_of or today_in_vietnam()
    load_or_exit(root, as_of)
    os.environ[AS_OF_ENV] = as_of.isoformat()
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    _show_builder_warnings()
    click.echo(f"Xem trước tại http://{dev_addr}/ (Ctrl+C để dừng).")
    # After an edit the generator renders only the pages the changed plans reach (their own,
    # their agencies' and areas', the site-wide lists) and rewrites only files whose content
    # changed; the dirty build then converts only those pages.
    mkdocs_serve(config_file=str(root / "mkdocs.yml"), dev_addr=dev_addr, livereload=True,
                 build_type="dirty")


def _register_editor_commands() -> None:
    from generator.cli_editor import register

    register(main)


_register_editor_commands()


@main.command()
@click.option("--out", "out_dir", type=click.Path(file_okay=False, path_type=Path), required=True,
              help="Thư mục nhận cây tài liệu (trang viết tay + trang được tạo).")
@AS_OF
@ROOT
@PROVINCE
def generate(out_dir: Path, as_of: dt.date | None, root: Path | None,
             province: str | None) -> None:
    """Tạo cây tài liệu đầy đủ (Markdown + HTML) để một trình dựng tương thích MkDocs 1.x dựng."""
    from generator.history import head_commit, plan_histories
    from generator.render import write_site
    from generator.snapshot import Snapshot
    from generator.writer import TreeWriter

    root = root or find_root(Path.cwd())
    as_of = as_of or today_in_vietnam()
    project = load_or_exit(root, as_of, province=province)
    content = root / "content"
    try:
        writer = TreeWriter(out_dir).start()
    except FileExistsError as exc:
        click.echo(str(exc), err=True)
        sys.exit(1)
    for path in sorted(content.rglob("*")):
        rel = path.relative_to(content).as_posix()
        if path.is_file() and not rel.startswith("registries/"):
            writer.put(rel, path.read_bytes())
    stats = write_site(writer, Snapshot(project, as_of), content,
                       source_commit=head_commit(root),
                       histories=plan_histories(root, project.plans))
    total = stats.written + stats.unchanged
    click.echo(f"Đã tạo {total} tệp trong {out_dir} ({stats.written} tệp mới hoặc đổi).")


@main.command()
@click.option("--site-dir", type=click.Path(file_okay=False, exists=True, path_type=Path),
              required=True, help="Thư mục chứa các trang tỉnh (mỗi tỉnh một thư mục con).")
def national(site_dir: Path) -> None:
    """Tạo trang chỉ mục toàn quốc liên kết và cộng số liệu các trang tỉnh đã xây dựng."""
    from generator.national import ShardError, build_national

    try:
        shards = build_national(site_dir)
    except ShardError as exc:
        click.echo(f"Không tạo chỉ mục toàn quốc: {exc}", err=True)
        sys.exit(1)
    if not shards:
        click.echo(f"Không thấy trang tỉnh nào (du-lieu/congkhai.json) trong {site_dir}.", err=True)
        sys.exit(1)
    click.echo(f"Đã tạo chỉ mục toàn quốc cho {len(shards)} tỉnh tại {site_dir / 'index.html'}.")
