"""What every ``congkhai`` command shares: the date, root and province options, finding the
project, and printing problems."""

from __future__ import annotations

import datetime as dt
import re
import sys
from collections.abc import Callable
from pathlib import Path

import click

from generator.cli.progress import Progress
from generator.common.collisions import check_addresses
from generator.model.entities import Project
from generator.model.project import default_cache_dir, load_project
from generator.sources.clock import today_in_vietnam
from generator.sources.loader import find_root
from generator.sources.problems import SUMMARY_CODE, Problem, ProblemList
from generator.sources.report import format_github, format_human, format_json
from generator.sources.safety import inside
from generator.sources.spec import FIRST_DAY, LAST_DAY
from generator.sources.yamlsource import MAX_FILE_BYTES

_VN_DATE = re.compile(r"^\s*([0-9]{1,2})[/.-]([0-9]{1,2})[/.-]([0-9]{4})\s*$")


class _Day(click.ParamType):
    """A date written YYYY-MM-DD; with ``vietnamese``, also d/m/yyyy as documents write it."""

    name = "YYYY-MM-DD"

    def __init__(self, vietnamese: bool) -> None:
        self.vietnamese = vietnamese

    def convert(self, value: object, param: click.Parameter | None, ctx: click.Context | None):
        if isinstance(value, dt.date):
            return value
        day = self._read(str(value).strip())
        if day is None:
            if self.vietnamese:
                self.fail(f"“{value}” không phải ngày hợp lệ; viết dạng YYYY-MM-DD.", param, ctx)
            self.fail(f"“{value}” không phải ngày dạng YYYY-MM-DD.", param, ctx)
        if not FIRST_DAY <= day <= LAST_DAY:
            # the same bounds as every date in the data: status, feeds and spreadsheets count
            # days from it
            self.fail(f"Ngày {day.isoformat()} nằm ngoài khoảng {FIRST_DAY.isoformat()} – "
                      f"{LAST_DAY.isoformat()}.", param, ctx)
        return day

    def _read(self, text: str) -> dt.date | None:
        try:
            return dt.date.fromisoformat(text)
        except ValueError:
            pass
        match = _VN_DATE.match(text) if self.vietnamese else None
        try:
            return dt.date(int(match[3]), int(match[2]), int(match[1])) if match else None
        except ValueError:
            return None


# Dates an editor types (an update's date, a document's date) may be written as documents write
# them; the status date of a whole run is always ISO, as CI passes it.
DAY = _Day(vietnamese=True)
ISO_DAY = _Day(vietnamese=False)


def as_of_option(help_text: str = "Ngày tính trạng thái (YYYY-MM-DD); mặc định là hôm nay theo "
                 "giờ Việt Nam.", day: _Day = ISO_DAY) -> Callable:
    """The ``--as-of`` option."""
    return click.option("--as-of", type=day, default=None, help=help_text)


AS_OF = as_of_option()
ROOT = click.option(
    "--root", type=click.Path(file_okay=False, path_type=Path), default=None,
    help="Thư mục gốc của dự án (mặc định: tìm từ thư mục hiện tại).",
)
PROVINCE = click.option(
    "--province", default=None, metavar="ID",
    help="Chỉ một tỉnh (một phân mảnh của trang toàn quốc): cơ quan và kế hoạch của tỉnh đó.",
)


def project_root(root: Path | None) -> Path:
    """``--root``, or the project found from the current directory."""
    return root or find_root(Path.cwd())


def status_date(as_of: dt.date | None) -> dt.date:
    """``--as-of``, or today in Vietnam."""
    return as_of or today_in_vietnam()


def plan_paths(root: Path, paths: tuple[Path, ...]) -> list[Path] | None:
    """The plan files named on the command line (folders expanded); None for the whole project."""
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


def _line_reader(root: Path) -> Callable[[str, int], str | None]:
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


def _count(p: Problem) -> int:
    """How many problems ``p`` stands for: one, or the number a capped summary left out."""
    return sum(n for _, n in p.omitted) if p.code == SUMMARY_CODE else 1


def summary_line(problems: list[Problem]) -> str:
    """The closing line of a failed check: how many errors (and warnings) in how many files."""
    errors = [p for p in problems if p.is_error]
    warnings = sum(_count(p) for p in problems if not p.is_error)
    files = len({p.file for p in errors})
    more = f" (và {warnings} cảnh báo)" if warnings else ""
    return (f"\nDữ liệu không hợp lệ: {sum(map(_count, errors))} lỗi trong {files} tệp"
            f"{more}.")


def load_checked(root: Path, as_of: dt.date, paths: tuple[Path, ...] = (),
                 province: str | None = None, memo: dict[str, object] | None = None,
                 ) -> tuple[Project, ProblemList]:
    """The project and every problem ``check`` reports, hand-written pages taking generated
    addresses included (``memo`` as :func:`load_project` takes it)."""
    project, problems = load_project(root, as_of, plan_paths(root, paths),
                                     cache_dir=default_cache_dir(root), province=province,
                                     memo=memo)
    check_addresses(root, problems)
    return project, problems


def emit_problems(problems: list[Problem], root: Path, fmt: str) -> None:
    """Print problems to stderr (JSON to stdout) in the chosen format."""
    if fmt == "json":
        click.echo(format_json(problems))
    elif fmt == "github":
        click.echo(format_github(problems))
    elif problems:
        click.echo(format_human(problems, _line_reader(root)), err=True)


def load_or_exit(
    root: Path, as_of: dt.date, paths: tuple[Path, ...] = (), fmt: str = "human",
    province: str | None = None, progress: Progress | None = None,
    memo: dict[str, object] | None = None,
) -> Project:
    """Load the project, or print its problems and exit with status 1 (warnings are printed and
    the command goes on). A ``progress`` line is closed, unfinished, before errors print."""
    project, problems = load_checked(root, as_of, paths, province, memo)
    found = problems.sorted()
    if any(p.is_error for p in found):
        if progress is not None:
            progress.close(finished=False)
        emit_problems(found, root, fmt)
        click.echo(summary_line(found), err=True)
        sys.exit(1)
    if found:
        emit_problems(found, root, fmt)
    return project
