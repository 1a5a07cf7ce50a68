"""Editor commands of the ``congkhai`` command line: ``new plan``, ``update``, ``schemas``, and the
reporting loop's ``report-form`` and ``import-updates``.

They are added to the main group by :func:`register` (``generator.cli.commands`` calls it), so this
module owns its commands without touching the core command line.

Exit codes: 0 when the file was written and passes the checks of ``congkhai check``; 1 when it was
written but the checks found problems (they are printed); 2 when nothing was written (a refused
edit or a usage error). ``report-form`` and ``import-updates``: 0 done, 1 nothing written because
of the data (problems in the project or in the forms, printed), 2 usage error.
"""

from __future__ import annotations

import datetime as dt
import gc
import os
import sys
from pathlib import Path

import click

from generator.authoring.editing import EditError, append_update
from generator.authoring.new_plan import new_plan
from generator.cli.options import (
    DAY,
    ROOT,
    as_of_option,
    emit_problems,
    load_or_exit,
    project_root,
    status_date,
    summary_line,
)
from generator.cli.progress import Progress
from generator.model.project import load_project
from generator.sources.problems import did_you_mean
from generator.sources.vocabulary import DOCUMENT_TYPES, UPDATE_STATUSES


class _YesNo(click.ParamType):
    """Yes or no, in Vietnamese or English."""

    name = "c/k"
    _YES = frozenset({"c", "co", "có", "y", "yes", "true", "1"})
    _NO = frozenset({"k", "khong", "không", "n", "no", "false", "0"})

    def convert(self, value: object, param: click.Parameter | None, ctx: click.Context | None):
        if isinstance(value, bool):
            return value
        text = str(value).strip().lower()
        if text in self._YES:
            return True
        if text in self._NO:
            return False
        self.fail(f"“{value}”: trả lời c (có) hoặc k (không).", param, ctx)


AS_OF = as_of_option(
    "Ngày dùng khi kiểm tra tệp sau khi ghi (mặc định: hôm nay theo giờ Việt Nam).", DAY
)


def _refuse(message: str) -> None:
    click.echo(f"Lỗi: {message}", err=True)
    click.echo("Không ghi gì vào tệp.", err=True)
    sys.exit(2)


def _display(root: Path, path: Path) -> str:
    try:
        return path.resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        return path.as_posix()


def check_written(root: Path, path: Path, as_of: dt.date) -> bool:
    """Run the checks of ``congkhai check`` on ``path``; print problems; True when none."""
    _project, problems = load_project(root, as_of, [path])
    found = problems.sorted()
    emit_problems(found, root, "human")
    if any(p.is_error for p in found):
        click.echo(summary_line(found), err=True)
        return False
    click.echo(f"Kiểm tra: {_display(root, path)} hợp lệ (tính đến {as_of:%d/%m/%Y}).")
    return True


def resolve_plan(root: Path, plan: str) -> Path:
    """The plan file named by a path or by a plan id (``khanh-hoa-qd-4034-2017``)."""
    given = Path(plan)
    for candidate in (given, root / given):
        if candidate.is_file():
            return candidate
    plans = sorted(p for p in (root / "plans").rglob("*") if p.suffix in (".yaml", ".yml"))
    stem = given.stem if given.suffix in (".yaml", ".yml") else plan
    matches = [p for p in plans if p.stem == stem]
    if len(matches) == 1:
        return matches[0]
    if len(matches) > 1:
        raise EditError(f"Có {len(matches)} tệp kế hoạch mang mã “{stem}”: "
                        + ", ".join(_display(root, p) for p in matches) + "; ghi rõ đường dẫn.")
    hint = did_you_mean(stem, [p.stem for p in plans]) or (
        "Ghi mã kế hoạch (tên tệp không có .yaml) hoặc đường dẫn tệp trong plans/."
    )
    raise EditError(f"Không tìm thấy kế hoạch “{plan}”. {hint}")


# --- congkhai new plan -------------------------------------------------------------------------


@click.group("new")
def new() -> None:
    """Tạo tệp dữ liệu mới theo mẫu."""


@new.command("plan")
@click.option("--issuer", help="Mã cơ quan ban hành trong danh mục, ví dụ khanh-hoa-ubnd.")
@click.option("--number", help="Số ký hiệu văn bản, ví dụ 12/KH-UBND.")
@click.option("--issued", type=DAY, help="Ngày ban hành (YYYY-MM-DD).")
@click.option("--title", help="Tên hiển thị của kế hoạch.")
@click.option("--type", "doc_type", type=click.Choice(DOCUMENT_TYPES),
              help="Hình thức văn bản.")
@click.option("--demo/--no-demo", default=None,
              help="Dữ liệu minh họa (hư cấu) hay văn bản thật.")
@click.option("--url", "source_url", help="Địa chỉ văn bản gốc (bắt buộc với văn bản thật, "
              "trừ khi ghi --seed).")
@click.option("--seed", help="Tên tệp văn bản gốc trong shared/seeds, nếu có.")
@AS_OF
@ROOT
def new_plan_command(issuer: str | None, number: str | None, issued: dt.date | None,
                     title: str | None, doc_type: str | None, demo: bool | None,
                     source_url: str | None, seed: str | None, as_of: dt.date | None,
                     root: Path | None) -> None:
    """Tạo tệp kế hoạch mới plans/<cơ quan>/<mã>.yaml; hỏi những thông tin chưa ghi."""
    root = project_root(root)
    as_of = status_date(as_of)
    if issuer is None:
        issuer = click.prompt("Mã cơ quan ban hành (ví dụ khanh-hoa-ubnd)")
    if number is None:
        number = click.prompt("Số ký hiệu văn bản (ví dụ 12/KH-UBND)")
    if issued is None:
        issued = click.prompt("Ngày ban hành (YYYY-MM-DD)", type=DAY)
    if title is None:
        title = click.prompt("Tên kế hoạch")
    if doc_type is None:
        doc_type = click.prompt("Hình thức văn bản", type=click.Choice(DOCUMENT_TYPES),
                                default="ke-hoach")
    if demo is None:
        demo = click.prompt("Dữ liệu minh họa (hư cấu)? c/k", type=_YesNo(), default="k",
                            show_default=False)
    if issued > as_of:
        _refuse(f"Ngày ban hành {issued:%d/%m/%Y} sau ngày {as_of:%d/%m/%Y}; kiểm tra lại năm.")
    if not demo and source_url is None and seed is None:
        source_url = click.prompt("Địa chỉ văn bản gốc (URL, https://…)")
    try:
        made = new_plan(root, issuer=issuer, number=number, issued=issued, title=title,
                        doc_type=doc_type, demo=demo, source_url=source_url, seed=seed)
    except EditError as exc:
        _refuse(str(exc))
        return
    click.echo(f"Đã tạo {_display(root, made.path)} (mã {made.plan_id}).")
    if not check_written(root, made.path, as_of):
        sys.exit(1)
    click.echo("Tiếp theo: điền các mục, nhiệm vụ theo văn bản gốc, rồi chạy congkhai check.")


# --- congkhai update ---------------------------------------------------------------------------


@click.command("update")
@click.argument("task")
@click.option("--plan", "plan", required=True,
              help="Mã kế hoạch (ví dụ khanh-hoa-qd-4034-2017) hoặc đường dẫn tệp.")
@click.option("--status", required=True, type=click.Choice(UPDATE_STATUSES),
              help="Tình trạng tại ngày ghi nhận.")
@click.option("--date", "day", type=DAY, default=None,
              help="Ngày ghi nhận (YYYY-MM-DD); mặc định hôm nay theo giờ Việt Nam.")
@click.option("--progress", type=int, default=None, help="Tiến độ phần trăm (0–100).")
@click.option("--note", default=None, help="Ghi chú (Markdown).")
@click.option("--evidence", default=None, help="Đường dẫn minh chứng (https://…).")
@click.option("--reason", default=None, help="Lý do; bắt buộc khi tạm dừng hoặc hủy.")
@AS_OF
@ROOT
def update(task: str, plan: str, status: str, day: dt.date | None, progress: int | None,
           note: str | None, evidence: str | None, reason: str | None, as_of: dt.date | None,
           root: Path | None) -> None:
    """Ghi thêm một lần cập nhật tiến độ cho nhiệm vụ TASK (số hiệu như “II.3”)."""
    root = project_root(root)
    as_of = status_date(as_of)
    day = day or as_of
    if day > as_of:
        _refuse(f"Ngày cập nhật {day:%d/%m/%Y} sau ngày {as_of:%d/%m/%Y}; không ghi trước tình "
                "trạng tương lai.")
    try:
        path = resolve_plan(root, plan)
        done = append_update(path, task, day, status, progress=progress, note=note,
                             evidence=evidence, reason=reason)
    except EditError as exc:
        _refuse(str(exc))
        return
    click.echo(f"Đã thêm cập nhật ngày {day:%d/%m/%Y} ({status}) cho nhiệm vụ “{done.task_id}” "
               f"tại {_display(root, done.path)}:{done.line}.")
    if not check_written(root, done.path, as_of):
        sys.exit(1)


# --- congkhai schemas --------------------------------------------------------------------------


@click.command("schemas")
@ROOT
def schemas(root: Path | None) -> None:
    """Tạo lại schemas/*.schema.json (gợi ý và kiểm tra trong VS Code) từ định dạng, danh mục và
    cấu hình trang, và schemas/export.schema.json (hợp đồng xuất dữ liệu)."""
    from generator.downloads.export_schema import write_export_schema
    from generator.sources.jsonschema import write_schemas

    root = project_root(root)
    for path in [*write_schemas(root), write_export_schema(root)]:
        click.echo(f"Đã ghi {_display(root, path)}")


# --- congkhai report-form ----------------------------------------------------------------------


def _keep_out_of_collections() -> None:
    """Move everything loaded so far out of the garbage collector's sight.

    The project lives until the command ends; at the L corpus it is millions of objects, which
    every full collection triggered by later allocations (form cells, YAML nodes) would scan
    again — a third of the import's time before this. Frozen objects are also never touched by
    the collector in forked workers, so their pages stay shared.
    """
    gc.collect()
    gc.freeze()



def _period(text: str | None, as_of: dt.date):
    from generator.authoring.report_forms.periods import PeriodError, parse_period, quarter_of

    if text is None:
        return quarter_of(as_of)
    try:
        return parse_period(text)
    except PeriodError as exc:
        _refuse(str(exc))


def _agency_or_refuse(project, agency_id: str) -> None:
    if agency_id not in project.agencies:
        hint = did_you_mean(agency_id, project.agencies) or "Xem mã cơ quan trong danh mục " \
            "content/registries/agencies/."
        _refuse(f"Không có cơ quan “{agency_id}” trong danh mục. {hint}")


@click.command("report-form")
@click.option("--agency", "agency_id", metavar="ID",
              help="Mã cơ quan chủ trì, ví dụ minh-hoa-so-noi-vu.")
@click.option("--all-agencies", is_flag=True,
              help="Mỗi cơ quan có nhiệm vụ đến hạn hoặc đang thực hiện trong kỳ một biểu mẫu "
              "(cần --out-dir).")
@click.option("--period", metavar="KỲ",
              help="2026-Q3 (quý), 2026-H1 (6 tháng) hoặc 2026 (năm); mặc định: quý chứa ngày "
              "--as-of.")
@click.option("--as-of", type=DAY, default=None,
              help="Ngày tính tình trạng ghi trong biểu mẫu (mặc định: hôm nay theo giờ Việt Nam).")
@click.option("--return-by", type=DAY, default=None,
              help="Hạn cơ quan gửi lại biểu mẫu (mặc định: 10 ngày sau --as-of).")
@click.option("--out", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="Tệp biểu mẫu (.xlsx; .csv cho bản CSV) với --agency.")
@click.option("--out-dir", type=click.Path(file_okay=False, path_type=Path), default=None,
              help="Thư mục nhận các biểu mẫu.")
@click.option("--csv", "with_csv", is_flag=True,
              help="Tạo thêm bản CSV (UTF-8 có BOM) cho cơ quan chỉ dùng công cụ CSV.")
@click.option("--province", metavar="ID", default=None,
              help="Với --all-agencies: chỉ các cơ quan của một tỉnh.")
@ROOT
def report_form(agency_id: str | None, all_agencies: bool, period: str | None,
                as_of: dt.date | None, return_by: dt.date | None, out: Path | None,
                out_dir: Path | None, with_csv: bool, province: str | None,
                root: Path | None) -> None:
    """Tạo biểu mẫu báo cáo tiến độ (Excel) để cơ quan điền, cho một kỳ báo cáo."""
    from generator.authoring.report_forms.batch import make_forms
    from generator.authoring.report_forms.making import INDEX_NAME, index_bytes, write_new_files
    from generator.authoring.report_forms.selection import reporting_agencies
    from generator.facts.snapshot import Snapshot

    if bool(agency_id) == all_agencies:
        _refuse("Ghi --agency ID (một cơ quan) hoặc --all-agencies --out-dir THƯ-MỤC (mọi cơ "
                "quan), không ghi cả hai.")
    if all_agencies and (out_dir is None or out is not None):
        _refuse("Với --all-agencies, ghi thư mục nhận biểu mẫu bằng --out-dir (không dùng --out).")
    if province and not all_agencies:
        _refuse("--province chỉ dùng với --all-agencies.")
    if out is not None and out.suffix.lower() not in (".xlsx", ".csv"):
        _refuse(f"Tệp --out “{out}” phải có đuôi .xlsx hoặc .csv.")
    root = project_root(root)
    as_of = status_date(as_of)
    chosen = _period(period, as_of)
    return_by = return_by or as_of + dt.timedelta(days=10)
    if return_by < as_of:
        _refuse(f"Hạn gửi lại {return_by:%d/%m/%Y} trước ngày {as_of:%d/%m/%Y}.")
    progress = Progress()
    try:
        progress.phase("Đọc dữ liệu")
        project = load_or_exit(root, as_of, progress=progress)
        _keep_out_of_collections()
        if agency_id:
            _agency_or_refuse(project, agency_id)
        if province and province not in project.provinces:
            _refuse(f"Không có tỉnh “{province}” trong danh mục. "
                    + (did_you_mean(province, project.provinces) or ""))
        progress.phase("Tính tình trạng")
        snapshot = Snapshot(project, as_of)
        if agency_id:
            agencies, groups = [agency_id], []
        else:
            agencies, groups = reporting_agencies(snapshot, chosen, province)
        xlsx = out is None or out.suffix.lower() == ".xlsx"
        forms = make_forms(snapshot, agencies, chosen, return_by, xlsx=xlsx,
                           with_csv=with_csv or not xlsx, progress=progress)
    finally:
        progress.close()
    if not forms:
        name = project.agencies[agency_id].name if agency_id else "cơ quan nào"
        click.echo(f"Không tạo biểu mẫu: {name} không có nhiệm vụ chủ trì đến hạn hoặc đang "
                   f"thực hiện trong kỳ {chosen.label} (tính đến {as_of:%d/%m/%Y}).", err=True)
        sys.exit(1)
    directory = out.parent if out is not None else (out_dir or Path.cwd())
    files: dict[str, bytes] = {}
    for form in forms:
        for name, data in form.files.items():
            if out is not None:  # one agency, named by --out (its CSV beside it)
                name = out.name if name.endswith(out.suffix.lower()) else \
                    out.with_suffix(".csv").name
            files[name] = data
    if all_agencies:
        files[INDEX_NAME] = index_bytes(forms)
    try:
        written = write_new_files(directory, files)
    except FileExistsError as exc:
        _refuse(f"Tệp {exc} đã có; không ghi đè biểu mẫu (có thể đã được điền). Xóa tệp cũ hoặc "
                "chọn thư mục khác.")
    except OSError as exc:
        click.echo(f"Lỗi: không ghi được biểu mẫu ({exc.strerror or exc}); không ghi gì.",
                   err=True)
        sys.exit(1)
    rows = sum(f.rows for f in forms)
    if agency_id:
        form = forms[0]
        click.echo(f"Đã tạo biểu mẫu {form.period.label} của {form.agency_name}: "
                   f"{form.rows} nhiệm vụ chủ trì, {form.support} nhiệm vụ phối hợp.")
        for path in written:
            click.echo(f"  {path}")
    else:
        click.echo(f"Đã tạo {len(forms)} biểu mẫu {chosen.label} ({rows} nhiệm vụ) trong "
                   f"{directory}; danh sách gửi: {directory / INDEX_NAME}.")
        if groups:
            click.echo(f"Bỏ qua {len(groups)} nhóm cơ quan (" + ", ".join(
                project.agencies[g].short_name for g in groups[:5]) + (", …" if len(groups) > 5
                else "") + "): nhóm không tự báo cáo; cần thì tạo riêng bằng --agency.")
    click.echo(f"Hạn gửi lại: {return_by:%d/%m/%Y}. Khi nhận lại: congkhai import-updates TỆP…")


# --- congkhai import-updates -------------------------------------------------------------------


@click.command("import-updates")
@click.argument("files", nargs=-1, required=True,
                type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--dry-run", is_flag=True, help="Chỉ kiểm tra và in các thay đổi, không ghi gì.")
@click.option("--force", is_flag=True,
              help="Ghi cả những dòng xung đột (nhiệm vụ có cập nhật mới hơn biểu mẫu).")
@click.option("--agency", "agency_id", metavar="ID", default=None,
              help="Chỉ nhận biểu mẫu của cơ quan này.")
@click.option("--period", metavar="KỲ", default=None,
              help="Chỉ nhận biểu mẫu của kỳ này (2026-Q3, 2026-H1, 2026).")
@click.option("--format", "fmt", type=click.Choice(["human", "github", "json"]), default=None,
              help="Cách in: human (mặc định), github (chú thích trên pull request; tự bật khi "
              "GITHUB_ACTIONS=true), json.")
@click.option("--as-of", type=DAY, default=None,
              help="Ngày nhập: ngày báo cáo không được sau ngày này (mặc định: hôm nay theo giờ "
              "Việt Nam).")
@ROOT
def import_updates(files: tuple[Path, ...], dry_run: bool, force: bool, agency_id: str | None,
                   period: str | None, fmt: str | None, as_of: dt.date | None,
                   root: Path | None) -> None:
    """Nhập các biểu mẫu báo cáo đã điền (.xlsx, .csv) thành các lần cập nhật tiến độ."""
    from generator.authoring.report_forms.applying import ApplyError, apply_import
    from generator.authoring.report_forms.importing import plan_import
    from generator.authoring.report_forms.presenting import (
        format_github,
        format_human,
        format_json,
        format_written,
    )

    root = project_root(root)
    as_of = status_date(as_of)
    if fmt is None:
        fmt = "github" if os.environ.get("GITHUB_ACTIONS") == "true" else "human"
    wanted_period = _period(period, as_of) if period else None
    progress = Progress()
    try:
        progress.phase("Đọc dữ liệu")
        project = load_or_exit(root, as_of, fmt=fmt)
        _keep_out_of_collections()
        if agency_id:
            _agency_or_refuse(project, agency_id)
        plan = plan_import(root, project, list(files), as_of, force=force, agency=agency_id,
                           period=wanted_period, progress=progress)
        written = []
        failure = None
        if plan.ok and not dry_run and plan.changes:
            try:
                written = apply_import(root, project, plan.changes, as_of, progress=progress)
            except ApplyError as exc:
                failure = str(exc)
    finally:
        progress.close()
    if fmt == "json":
        click.echo(format_json(plan, dry_run, written))
    elif fmt == "github":
        text = format_github(plan)
        if text:
            click.echo(text)
    if fmt != "json":
        out, err = format_human(plan, dry_run, problems=fmt == "human")
        click.echo(out)
        if err:
            click.echo(err, err=True)
    if not plan.ok:
        sys.exit(1)
    if failure:
        click.echo(f"Lỗi: {failure}", err=True)
        sys.exit(1)
    if fmt != "json":
        if dry_run:
            click.echo("Chạy thử (--dry-run): không ghi gì.")
        elif written:
            click.echo(format_written(written))


def register(group: click.Group) -> None:
    """Add the editor commands (``new``, ``update``, ``schemas``, ``report-form``,
    ``import-updates``) to ``group``."""
    group.add_command(new)
    group.add_command(update)
    group.add_command(schemas)
    group.add_command(report_form)
    group.add_command(import_updates)
