"""Loading a whole project: registries, then plans, every problem collected on the way."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from generator.loader import Layout, load_agency_files, load_areas, load_plan_files
from generator.model import Plan, Project
from generator.plans import build_plan, check_plan
from generator.problems import ProblemList
from generator.registry import build_agencies, build_areas


def load_project(
    root: Path, as_of: dt.date, plan_paths: list[Path] | None = None
) -> tuple[Project, ProblemList]:
    """Load and check the project at ``root`` as of a date.

    ``plan_paths`` limits which plan files are read (all under ``plans/`` by default). The
    returned project holds only the files that passed every check; the problem list says what is
    wrong with the others.
    """
    layout = Layout(root)
    problems = ProblemList()
    frameworks, areas = {}, {}
    areas_loaded = load_areas(layout, problems)
    if areas_loaded is not None:
        frameworks, areas = build_areas(areas_loaded, problems)
    provinces, agencies = build_agencies(load_agency_files(layout, problems), problems)

    paths = plan_paths if plan_paths is not None else layout.plan_files()
    plans: list[Plan] = []
    first_seen: dict[str, str] = {}
    for loaded in load_plan_files(paths, layout, problems):
        before = len(problems)
        check_plan(loaded, agencies, areas, as_of, problems)
        plan_id = loaded.value["id"]
        if plan_id in first_seen:
            line, col = loaded.marks.at(("id",))
            problems.add(loaded.file, line, col, "duplicate-plan",
                         f"Mã kế hoạch “{plan_id}” đã dùng ở {first_seen[plan_id]}.",
                         "Mỗi kế hoạch có một mã riêng, trùng với tên tệp.")
            continue
        first_seen[plan_id] = loaded.file
        if len(problems) == before:
            plans.append(build_plan(loaded))
    plans.sort(key=lambda p: (p.demo, -p.document.issued.toordinal(), p.id))
    project = Project(
        provinces=provinces,
        agencies=agencies,
        frameworks=frameworks,
        areas=areas,
        plans=tuple(plans),
    )
    return project, problems
