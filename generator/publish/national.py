"""The national index over province shards: one page and one JSON file linking and summing them.

At national scale each province's site is built on its own (``congkhai build --province ID
--site-dir OUT/ID``), so CI can build the shards in parallel jobs. This module then reads each
shard's export contract (``du-lieu/congkhai.json``) and writes ``OUT/index.html`` and
``OUT/du-lieu/quoc-gia.json``; it never reads plan files. Totals count real plans only: demo
plans a shard may carry are left out.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from jinja2 import Environment, PackageLoader, StrictUndefined

from generator.common.serialise import json_bytes

EXPORT = Path("du-lieu") / "congkhai.json"


@dataclass(frozen=True)
class ShardSummary:
    """What the national index shows of one province's site."""

    province: str
    name: str
    demo: bool
    href: str
    as_of: str
    source_commit: str | None
    plans: int
    tasks: int
    overdue: int
    past_due_unreported: int
    fallen_due_reported: int
    completed_of_fallen_due: int
    unreported: int

    @property
    def completion(self) -> str:
        """Completed share of the reported tasks that have fallen due, as a whole percent."""
        if not self.fallen_due_reported:
            return "—"
        return f"{round(100 * self.completed_of_fallen_due / self.fallen_due_reported)}%"


class ShardError(Exception):
    """A shard's export cannot be read; the message says which and why (in Vietnamese)."""


def summarise_shard(site: Path, base: Path) -> ShardSummary | None:
    """The summary of the province shard built at ``site`` (its real plans only), or None when
    the directory holds no export. A shard must be the site of the province its directory names.
    """
    export = site / EXPORT
    if not export.is_file():
        return None
    try:
        data = json.loads(export.read_text(encoding="utf-8"))
        provinces = {p["id"]: p for p in data["provinces"]}
        plans = data["plans"]
    except (OSError, ValueError, KeyError, TypeError) as exc:
        raise ShardError(f"{export}: không đọc được dữ liệu xuất ({exc}).") from exc
    province = provinces.get(site.name)
    if province is None or len(provinces) != 1:
        raise ShardError(
            f"{site}: không phải trang của một tỉnh tên “{site.name}” (có: "
            f"{', '.join(sorted(provinces)) or 'không tỉnh nào'}). Xây dựng mỗi tỉnh bằng "
            f"`congkhai build --province ID --site-dir {base}/ID`."
        )
    keys = ("tasks", "overdue", "past_due_unreported", "fallen_due_reported",
            "completed_of_fallen_due", "reported")
    totals = dict.fromkeys(keys, 0)
    demo = bool(province.get("demo"))
    # A real province's totals leave out any demo plan it carries; a demo province is all demo
    # and is shown apart, labelled, never added to real totals.
    real = plans if demo else [p for p in plans if not p.get("demo")]
    for plan in real:
        for key in keys:
            totals[key] += plan["summary"][key]
    return ShardSummary(
        province=province["id"],
        name=province["name"],
        demo=demo,
        href=site.relative_to(base).as_posix() + "/",
        as_of=data["as_of"],
        source_commit=data.get("source_commit"),
        plans=len(real),
        tasks=totals["tasks"],
        overdue=totals["overdue"],
        past_due_unreported=totals["past_due_unreported"],
        fallen_due_reported=totals["fallen_due_reported"],
        completed_of_fallen_due=totals["completed_of_fallen_due"],
        unreported=totals["tasks"] - totals["reported"],
    )


def build_national(out: Path) -> list[ShardSummary]:
    """Write the national index of the shards under ``out``; returns their summaries.

    Nothing is written when no shard is found or one cannot be read (:class:`ShardError`), and
    the files are replaced whole, so a failed run leaves the previous index in place.
    """
    shards = [s for d in sorted(out.iterdir()) if d.is_dir()
              and (s := summarise_shard(d, out)) is not None]
    if not shards:
        return []
    env = Environment(loader=PackageLoader("generator.site", "templates"), autoescape=True,
                      undefined=StrictUndefined, keep_trailing_newline=True)
    as_of = sorted({s.as_of for s in shards})
    real = [s for s in shards if not s.demo]
    html = env.get_template("national.html.j2").render(
        shards=real,
        demo_shards=[s for s in shards if s.demo],
        as_of=as_of,
        total={key: sum(getattr(s, key) for s in real)
               for key in ("plans", "tasks", "overdue", "past_due_unreported", "unreported")},
    )
    data = json_bytes({
        "as_of": as_of,
        "provinces": [
            {"id": s.province, "name": s.name, "demo": s.demo, "site": s.href, "as_of": s.as_of,
             "source_commit": s.source_commit, "plans": s.plans, "tasks": s.tasks,
             "overdue": s.overdue, "past_due_unreported": s.past_due_unreported,
             "fallen_due_reported": s.fallen_due_reported,
             "completed_of_fallen_due": s.completed_of_fallen_due, "unreported": s.unreported,
             "export": s.href + EXPORT.as_posix()}
            for s in shards
        ],
    })
    (out / "du-lieu").mkdir(exist_ok=True)
    _replace(out / "du-lieu" / "quoc-gia.json", data)
    _replace(out / "index.html", html.encode("utf-8"))
    return shards


def _replace(path: Path, data: bytes) -> None:
    tmp = path.with_name(path.name + ".tmp")
    tmp.write_bytes(data)
    tmp.replace(path)
