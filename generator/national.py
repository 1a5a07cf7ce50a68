"""The national index over province shards: one page and one JSON file linking and summing them.

At national scale each province's site is built on its own (``congkhai build --province ID
--site-dir OUT/ID``), so CI can build the shards in parallel jobs. This module then reads each
shard's export contract (``du-lieu/congkhai.json``) and writes ``OUT/index.html`` and
``OUT/du-lieu/quoc-gia.json``; it never reads plan files.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from jinja2 import Environment, PackageLoader, StrictUndefined

from generator.opendata import json_bytes

EXPORT = Path("du-lieu") / "congkhai.json"


@dataclass(frozen=True)
class ShardSummary:
    """What the national index shows of one province's site."""

    province: str
    name: str
    href: str
    as_of: str
    source_commit: str | None
    plans: int
    tasks: int
    overdue: int
    fallen_due: int
    completed_of_fallen_due: int
    unreported: int

    @property
    def completion(self) -> str:
        """Completed share of the tasks that have fallen due, as a whole percent."""
        if not self.fallen_due:
            return "—"
        return f"{round(100 * self.completed_of_fallen_due / self.fallen_due)}%"


def summarise_shard(site: Path, base: Path) -> ShardSummary | None:
    """The summary of the shard built at ``site``, or None when it has no export."""
    export = site / EXPORT
    if not export.is_file():
        return None
    data = json.loads(export.read_text(encoding="utf-8"))
    provinces = data.get("provinces") or [{"id": site.name, "name": site.name}]
    province = next((p for p in provinces if p["id"] == site.name), provinces[0])
    totals = {"tasks": 0, "overdue": 0, "fallen_due": 0, "completed_of_fallen_due": 0,
              "reported": 0}
    for plan in data["plans"]:
        for key in totals:
            totals[key] += plan["summary"][key]
    return ShardSummary(
        province=province["id"],
        name=province["name"],
        href=site.relative_to(base).as_posix() + "/",
        as_of=data["as_of"],
        source_commit=data.get("source_commit"),
        plans=len(data["plans"]),
        tasks=totals["tasks"],
        overdue=totals["overdue"],
        fallen_due=totals["fallen_due"],
        completed_of_fallen_due=totals["completed_of_fallen_due"],
        unreported=totals["tasks"] - totals["reported"],
    )


def build_national(out: Path) -> list[ShardSummary]:
    """Write the national index of the shards under ``out``; returns their summaries."""
    shards = [s for d in sorted(out.iterdir()) if d.is_dir()
              and (s := summarise_shard(d, out)) is not None]
    env = Environment(loader=PackageLoader("generator", "templates"), autoescape=True,
                      undefined=StrictUndefined, keep_trailing_newline=True)
    as_of = sorted({s.as_of for s in shards})
    html = env.get_template("national.html.j2").render(
        shards=shards,
        as_of=as_of,
        total={key: sum(getattr(s, key) for s in shards)
               for key in ("plans", "tasks", "overdue", "unreported")},
    )
    (out / "index.html").write_text(html, encoding="utf-8")
    (out / "du-lieu").mkdir(exist_ok=True)
    (out / "du-lieu" / "quoc-gia.json").write_bytes(json_bytes({
        "as_of": as_of,
        "provinces": [
            {"id": s.province, "name": s.name, "site": s.href, "as_of": s.as_of,
             "source_commit": s.source_commit, "plans": s.plans, "tasks": s.tasks,
             "overdue": s.overdue, "fallen_due": s.fallen_due,
             "completed_of_fallen_due": s.completed_of_fallen_due, "unreported": s.unreported,
             "export": s.href + EXPORT.as_posix()}
            for s in shards
        ],
    }))
    return shards
