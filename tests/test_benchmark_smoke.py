"""Smoke test of the benchmark harness (bench/benchmark.py) on the S corpus.

It runs the real script, as a person would, with the three ways that need nothing installed
beyond the project (congkhai, default Material and Material as a competent user tunes it),
without Zensical and without the serve measurement, and checks that the report has a row of
figures for each way and a verdict for each target it can judge at S. It asserts nothing
about speed: the benchmark reports targets, it does not enforce them.
"""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent

pytestmark = pytest.mark.slow

NUMBER = re.compile(r"^\d[\d ]*(\.\d+)?$")


def _rows(report: str) -> dict[str, list[str]]:
    """Rows of the Builds table by way, as lists of cells."""
    section = report.split("## Builds", 1)[1].split("\n## ", 1)[0]
    lines = [ln for ln in section.splitlines() if ln.startswith("| ")]
    header = [c.strip() for c in lines[0].strip("|").split("|")]
    rows = {}
    for line in lines[1:]:
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        row = dict(zip(header, cells, strict=True))
        rows[row["way"]] = row
    return rows


def test_benchmark_runs_on_s(tmp_path: Path) -> None:
    out = tmp_path / "BENCHMARKS.md"
    proc = subprocess.run(
        [sys.executable, "-m", "bench.benchmark", "--sizes", "S", "--ways",
         "congkhai,material,material-tuned",
         "--serve-sizes", "none", "--workdir", str(tmp_path / "work"), "--out", str(out)],
        cwd=REPO, capture_output=True, text=True, timeout=300,
    )
    assert proc.returncode == 0, proc.stderr[-3000:]
    report = out.read_text(encoding="utf-8")
    assert proc.stdout.strip() == report.strip()  # the table printed is the table written

    for heading in ("- Reproduce: `", "- Date: ", "- Machine: ", "- Versions: ",
                    "- Repository: ", "## Generator alone", "## Targets"):
        assert heading in report

    rows = _rows(report)
    ways = {"congkhai", "material", "material-tuned"}
    assert ways <= set(rows) <= ways | {"congkhai (warm cache)"}, rows
    for way, row in rows.items():
        assert row["size"] == "S"
        assert row["status"].startswith("ok"), (way, row["status"])
        assert NUMBER.match(row["total wall s"].split(" (")[0]), (way, row["total wall s"])
    for way in sorted(ways):
        row = rows[way]
        for column in ("tasks", "generator s", "tasks/s", "builder s", "total wall s",
                       "CPU s", "peak RSS MB", "peak PSS MB", "pages", "output MB",
                       "search index MB", "search index gz MB", "largest page KB",
                       "median page KB"):
            assert NUMBER.match(row[column]), (way, column, row[column])
        assert int(row["pages"].replace(" ", "")) > 10
        assert float(row["total wall s"].split(" (")[0].replace(" ", "")) > 0
        assert float(row["CPU s"].replace(" ", "")) > 0

    assert "| no HTML page over 400 KB (S) | " in report
    # the tuned Material site is the same tree with pruned navigation: same pages, smaller
    # pages than the default (whose every page lists every other page)
    assert rows["material-tuned"]["pages"] == rows["material"]["pages"]
    assert (float(rows["material-tuned"]["median page KB"].replace(" ", ""))
            < float(rows["material"]["median page KB"].replace(" ", "")))
    # the comparison targets are judged at L only; at S they are "not measured" with a reason
    assert re.search(r"\| ≥ 8× faster than Material with navigation\.prune[^|]*\(L\) \| "
                     r"not measured \|", report)
    assert (tmp_path / "work" / "results.json").is_file()
