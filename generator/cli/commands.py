"""The ``congkhai`` command line: the public surface editors and CI use.

Exit codes: 0 when the data is valid (or the command succeeded), 1 when the data is invalid or a
build failed, 2 for a usage error.
"""

from __future__ import annotations

import datetime as dt
import json
import logging
import os
import sys
from pathlib import Path

import click

from generator import __version__
from generator.cli.editor import register as register_editor_commands
from generator.cli.fserrors import describe as describe_os_error
from generator.cli.options import (
    AS_OF,
    PROVINCE,
    ROOT,
    emit_problems,
    load_checked,
    load_or_exit,
    project_root,
    status_date,
    summary_line,
)


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
    root = project_root(root)
    as_of = status_date(as_of)
    if fmt is None:
        fmt = "github" if os.environ.get("GITHUB_ACTIONS") == "true" else "human"
    project, problems = load_checked(root, as_of, paths)
    found = problems.sorted()
    emit_problems(found, root, fmt)
    if any(p.is_error for p in found):
        if fmt != "json":
            click.echo(summary_line(found), err=True)
        sys.exit(1)
    if fmt == "human":
        tasks = sum(len(p.tasks) for p in project.plans)
        warned = len(found)
        click.echo(
            f"Hợp lệ: {len(project.plans)} kế hoạch, {tasks} nhiệm vụ, "
            f"{len(project.agencies)} cơ quan, {len(project.areas)} lĩnh vực "
            f"(tính đến {as_of:%d/%m/%Y})" + (f"; {warned} cảnh báo." if warned else ".")
        )


@main.command()
@click.option("--format", "fmt", type=click.Choice(["json", "csv"]), default="json",
              help="json: toàn bộ dữ liệu; csv: mỗi dòng một nhiệm vụ (UTF-8 có BOM).")
@AS_OF
@ROOT
def export(fmt: str, as_of: dt.date | None, root: Path | None) -> None:
    """Xuất dữ liệu ra stdout theo hợp đồng xuất dữ liệu (JSON hoặc CSV)."""
    from generator.downloads.export import export_json
    from generator.downloads.rows import export_tasks_csv
    from generator.facts.publication import publication_of
    from generator.facts.snapshot import Snapshot

    root = project_root(root)
    as_of = status_date(as_of)
    # What the site's own downloads hold: demo data only on a demonstration site.
    snapshot = publication_of(Snapshot(load_or_exit(root, as_of), as_of)).main
    if fmt == "json":
        text = json.dumps(export_json(snapshot), ensure_ascii=False, indent=2) + "\n"
        sys.stdout.buffer.write(text.encode("utf-8"))
    else:
        sys.stdout.buffer.write(("\ufeff" + export_tasks_csv(snapshot)).encode("utf-8"))
    sys.stdout.flush()


def _show_builder_warnings() -> None:
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
    from generator.cli.progress import Progress
    from generator.publish.build import BuildError, configured_site_url, publish

    root = project_root(root)
    as_of = status_date(as_of)
    target = site_dir or root / "site"
    existed = target.exists()
    progress = Progress()
    progress.phase("Đọc và kiểm tra dữ liệu")
    try:
        project = load_or_exit(root, as_of, province=province, progress=progress)
        _show_builder_warnings()
        publish(root, project, as_of, target, strict=strict, shard=province, progress=progress)
    except BuildError as exc:
        progress.close(finished=False)
        click.echo(f"Xây dựng thất bại, trang cũ được giữ nguyên: {exc}", err=True)
        sys.exit(1)
    except OSError as exc:
        progress.close(finished=False)
        # publish raises only before the swap: the served directory is as it was
        what, hint = describe_os_error(exc)
        kept = (f"Trang cũ tại {target} được giữ nguyên." if existed
                else f"Chưa có gì được ghi vào {target}.")
        click.echo(f"Xây dựng thất bại: {what} {kept}", err=True)
        if hint:
            click.echo(f"Cách sửa: {hint}", err=True)
        sys.exit(1)
    except BaseException:  # interrupted, or stopped by an error reported further up
        progress.close(finished=False)
        raise
    progress.close()
    click.echo(f"Đã xây dựng trang tại {target} (trạng thái tính đến {as_of:%d/%m/%Y}).")
    if configured_site_url(root) is None:
        _warn_site_url()


def _warn_site_url() -> None:
    from generator.common.urls import DEFAULT_SITE_URL
    from generator.publish.build import SITE_URL_ENV

    click.echo(
        f"Cảnh báo: chưa đặt {SITE_URL_ENV}, địa chỉ công khai của trang. Các đường dẫn trong "
        f"nguồn tin, lịch, tệp dữ liệu và sơ đồ trang đang dùng địa chỉ tạm {DEFAULT_SITE_URL}, "
        f"không mở được. Khi xây dựng trang để công bố, đặt biến môi trường, ví dụ:\n"
        f"  {SITE_URL_ENV}=https://ten-mien-cua-ban/ congkhai build\n"
        "(các mẫu CI trong .github/ và .gitlab-ci.yml đã đặt sẵn).",
        err=True,
    )


class _DirtyBuildNotice(logging.Filter):
    """Drops MkDocs' warning about "dirty" builds: the preview is one on purpose (it rebuilds
    only what an edit changed) and says so in Vietnamese when it starts."""

    def filter(self, record: logging.LogRecord) -> bool:
        return not record.getMessage().startswith("A 'dirty' build is being performed")


def _explain_dirty_builds() -> None:
    logging.getLogger("mkdocs.commands.build").addFilter(_DirtyBuildNotice())


@main.command()
@AS_OF
@ROOT
@click.option("-a", "--dev-addr", default="127.0.0.1:8000", show_default=True,
              help="Địa chỉ:cổng để xem trước.")
def serve(as_of: dt.date | None, root: Path | None, dev_addr: str) -> None:
    """Xem trước trang trên máy; sửa tệp kế hoạch thì trang tự tải lại."""
    from mkdocs.commands.serve import serve as mkdocs_serve

    from generator.publish.build import SITE_URL_ENV
    from generator.publish.mkdocs_plugin import AS_OF_ENV
    from generator.publish.preview import PROCESS_OUTCOMES

    root = project_root(root)
    as_of = status_date(as_of)
    # the first preview build reuses what this check read
    load_or_exit(root, as_of, memo=PROCESS_OUTCOMES)
    os.environ[AS_OF_ENV] = as_of.isoformat()
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    # The preview's own address, so that absolute links (404 page, sitemap) lead to it.
    os.environ.setdefault(SITE_URL_ENV, f"http://{dev_addr}/")
    _show_builder_warnings()
    _explain_dirty_builds()
    click.echo(f"Xem trước tại http://{dev_addr}/ (Ctrl+C để dừng). Sau mỗi lần sửa, chỉ các "
               "trang bị ảnh hưởng được dựng lại; để có bản đầy đủ như khi công bố (kèm tệp "
               "dữ liệu và nguồn tin), dùng `congkhai build`.")
    # After an edit the generator renders only the pages the changed plans reach (their own,
    # their agencies' and areas', the site-wide lists) and rewrites only files whose content
    # changed; the dirty build then converts only those pages.
    mkdocs_serve(config_file=str(root / "mkdocs.yml"), dev_addr=dev_addr, livereload=True,
                 build_type="dirty")


register_editor_commands(main)


@main.command()
@click.option("--out", "out_dir", type=click.Path(file_okay=False, path_type=Path), required=True,
              help="Thư mục nhận cây tài liệu (trang viết tay + trang được tạo).")
@AS_OF
@ROOT
@PROVINCE
def generate(out_dir: Path, as_of: dt.date | None, root: Path | None,
             province: str | None) -> None:
    """Tạo cây tài liệu đầy đủ (Markdown + HTML) để một trình dựng tương thích MkDocs 1.x dựng."""
    from generator.common.writer import TreeWriter
    from generator.facts.history import head_commit, plan_histories, registry_names
    from generator.facts.snapshot import Snapshot
    from generator.publish.tree import write_site

    root = project_root(root)
    as_of = status_date(as_of)
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
    site_url = os.environ.get("CONGKHAI_SITE_URL") or None
    stats = write_site(writer, Snapshot(project, as_of), content,
                       source_commit=head_commit(root), site_url=site_url,
                       histories=plan_histories(root, project.plans,
                                                 names=registry_names(project)))
    total = stats.written + stats.unchanged
    click.echo(f"Đã tạo {total} tệp trong {out_dir} ({stats.written} tệp mới hoặc đổi).")
    if site_url is None:
        _warn_site_url()


@main.command()
@click.option("--site-dir", type=click.Path(file_okay=False, exists=True, path_type=Path),
              required=True, help="Thư mục chứa các trang tỉnh (mỗi tỉnh một thư mục con).")
def national(site_dir: Path) -> None:
    """Tạo trang chỉ mục toàn quốc liên kết và cộng số liệu các trang tỉnh đã xây dựng."""
    from generator.publish.national import ShardError, build_national

    try:
        shards = build_national(site_dir)
    except ShardError as exc:
        click.echo(f"Không tạo chỉ mục toàn quốc: {exc}", err=True)
        sys.exit(1)
    if not shards:
        click.echo(f"Không thấy trang tỉnh nào (du-lieu/congkhai.json) trong {site_dir}.", err=True)
        sys.exit(1)
    click.echo(f"Đã tạo chỉ mục toàn quốc cho {len(shards)} tỉnh tại {site_dir / 'index.html'}.")


@main.command()
@ROOT
@click.option("--format", "fmt", type=click.Choice(["lines", "json"]), default="lines",
              help="lines: một mã tỉnh mỗi dòng (mặc định); json: một mảng JSON (ma trận CI).")
def provinces(root: Path | None, fmt: str) -> None:
    """Liệt kê mã các tỉnh trong danh mục cơ quan: mỗi tỉnh là một phân mảnh của trang toàn
    quốc (một việc trong ma trận CI)."""
    from generator.model.registry import build_agencies
    from generator.sources.loader import Layout, load_agency_files
    from generator.sources.problems import ProblemList

    root = project_root(root)
    problems = ProblemList()
    found, _agencies = build_agencies(load_agency_files(Layout(root), problems), problems)
    if problems:
        emit_problems(problems.sorted(), root, "human")
        sys.exit(1)
    ids = sorted(found)
    click.echo(json.dumps(ids) if fmt == "json" else "\n".join(ids))


@main.command("import")
@click.argument("source", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--issuer", default=None, metavar="AGENCY_ID",
              help="Mã cơ quan ban hành (mặc định: nhận ra từ văn bản), ví dụ khanh-hoa-ubnd.")
@click.option("--out", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="Tệp nháp ghi ra (mặc định plans/<cơ quan>/<mã>.yaml); không ghi đè tệp có sẵn.")
@click.option("--format", "fmt", type=click.Choice(["human", "json"]), default="human",
              help="Cách in danh sách cần kiểm tra: human (mặc định) hoặc json.")
@ROOT
def import_command(source: Path, issuer: str | None, out: Path | None, fmt: str,
                   root: Path | None) -> None:
    """Tạo bản nháp tệp kế hoạch từ văn bản .docx, .pdf, .html hoặc .txt, kèm danh sách cần
    kiểm tra."""
    from generator.authoring.importer import import_document
    from generator.authoring.importer.build import ImportRefused
    from generator.sources.documents.model import UnreadableDocument

    root = project_root(root)
    try:
        done = import_document(source, root, issuer=issuer, out=out)
    except (UnreadableDocument, ImportRefused) as exc:
        click.echo(f"Không nhập được: {exc}", err=True)
        click.echo("Không ghi tệp nào.", err=True)
        sys.exit(1)
    except FileExistsError as exc:
        click.echo(f"Không nhập được: tệp {exc.filename} đã có; không ghi đè. Xóa hoặc đổi tên "
                   "tệp đó, hoặc chọn tệp khác bằng --out.", err=True)
        sys.exit(1)
    except OSError as exc:
        click.echo(f"Không ghi được bản nháp: {exc.strerror} ({exc.filename}).", err=True)
        sys.exit(1)
    except Exception as exc:  # a reader's bug must not show a traceback to an editor
        click.echo(f"Không nhập được {source.name}: lỗi không mong đợi khi đọc tệp "
                   f"({type(exc).__name__}). Không ghi tệp nào; hãy gửi tệp này cho nhóm phát "
                   "triển.", err=True)
        sys.exit(1)
    try:
        shown = done.path.resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        shown = done.path.as_posix()
    if fmt == "json":
        lines = {id(r): n for n, r in done.review_lines.items()}
        click.echo(json.dumps({
            "draft": shown,
            "tasks": len(done.draft.tasks()),
            "review": [{"line": lines.get(id(r)), "message": r.message,
                        "source": r.where.describe() if r.where else None}
                       for r in done.reviews],
        }, ensure_ascii=False, indent=2))
        return
    click.echo(f"Đã ghi bản nháp {shown} ({len(done.draft.tasks())} nhiệm vụ).")
    if done.reviews:
        click.echo(f"Cần kiểm tra {len(done.reviews)} chỗ (cũng ghi trong tệp nháp, dòng "
                   "“# KIỂM TRA:”):")
        lines = {id(r): n for n, r in done.review_lines.items()}
        for review in done.reviews:
            line = lines.get(id(review))
            click.echo(f"  {shown}:{line}: {review.text()}" if line else f"  {review.text()}")
    click.echo(f"Sau khi sửa: congkhai check {shown}")
