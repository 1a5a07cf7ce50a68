"""Editor commands of the ``congkhai`` command line: ``new plan``, ``update`` and ``schemas``.

They are added to the main group by :func:`register` (``generator.cli.commands`` calls it), so this
module owns its commands without touching the core command line.

Exit codes: 0 when the file was written and passes the checks of ``congkhai check``; 1 when it was
written but the checks found problems (they are printed); 2 when nothing was written (a refused
edit or a usage error).
"""

from __future__ import annotations

import datetime as dt
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
    project_root,
    status_date,
    summary_line,
)
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
    """Tạo lại schemas/*.schema.json (gợi ý và kiểm tra trong VS Code) từ định dạng và danh mục,
    và schemas/export.schema.json (hợp đồng xuất dữ liệu)."""
    from generator.downloads.export_schema import write_export_schema
    from generator.sources.jsonschema import write_schemas

    root = project_root(root)
    for path in [*write_schemas(root), write_export_schema(root)]:
        click.echo(f"Đã ghi {_display(root, path)}")


def register(group: click.Group) -> None:
    """Add the editor commands (``new``, ``update``, ``schemas``) to ``group``."""
    group.add_command(new)
    group.add_command(update)
    group.add_command(schemas)
