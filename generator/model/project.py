"""Loading a whole project: registries, then plans, every problem collected on the way.

Plan files are independent once the registries are known, so at scale they are read in parallel
(one process per core) and each file's outcome is cached by content (as typed JSON,
:mod:`generator.model.plancache`): a rebuild, or a preview after editing one plan, re-reads only
the files that changed.
"""

from __future__ import annotations

import datetime as dt
import gc
import hashlib
import os
from collections.abc import Iterable, Mapping
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, replace
from multiprocessing import get_context
from pathlib import Path

from generator import __version__
from generator.model.entities import (
    Agency,
    Area,
    LineageEvent,
    Party,
    Plan,
    Project,
    Province,
)
from generator.model.plancache import Cache
from generator.model.plans import build_plan, check_plan
from generator.model.registry import build_agencies, build_areas
from generator.model.relations import check_relations
from generator.model.settings import build_settings
from generator.sources.loader import (
    Layout,
    load_agency_files,
    load_areas,
    load_file,
    load_settings,
)
from generator.sources.problems import Problem, ProblemList
from generator.sources.safety import check_sources, inside
from generator.sources.schema import PLAN

PARALLEL_THRESHOLD = 40
SEEDS_DIR = Path("content/nguon")
CACHE_ENV = "CONGKHAI_CACHE"


@dataclass(frozen=True)
class _Outcome:
    """What reading one plan file gave: its id and position, the plan or its problems."""

    plan_id: str | None
    file: str
    id_line: int
    id_column: int
    plan: Plan | None
    problems: tuple[Problem, ...]


_registries: tuple[dict[str, Agency], dict[str, Area], frozenset[str]] = ({}, {}, frozenset())
_cache = Cache(None, "")


def _init_worker(agencies: dict[str, Agency], areas: dict[str, Area],
                 seeds: frozenset[str], cache: Cache) -> None:
    global _registries, _cache
    _registries = (agencies, areas, seeds)
    _cache = cache


def _read_plan(job: tuple[str, str, dt.date, str]) -> _Outcome:
    """One plan file's outcome: from the cache entry under the key given, or read, checked and
    built, then stored there. The readers share the cores, and decoding or encoding entries
    in the main process cost it as much as reading the files did in all of them."""
    path, display, as_of, key = job
    hit = _cache.get(key, _Outcome)
    if hit is not None:
        return hit
    outcome = _read_outcome(Path(path), display, as_of)
    _cache.put(key, outcome)
    return outcome


def _read_outcome(path: Path, display: str, as_of: dt.date) -> _Outcome:
    agencies, areas, seeds = _registries
    problems = ProblemList()
    loaded = load_file(path, PLAN, display, problems)
    if loaded is None:
        return _Outcome(None, display, 1, 1, None, tuple(problems.sorted()))
    check_plan(loaded, agencies, areas, as_of, problems, seeds)
    line, column = loaded.marks.at(("id",))
    plan = None if problems.errors() else build_plan(loaded)
    return _Outcome(loaded.value["id"], display, line, column, plan,
                    tuple(problems.sorted()))


# What a plan file's outcome depends on: reading and validation, and building the model.
_CODE_LAYERS = ("sources", "model")
_PACKAGE = Path(__file__).resolve().parent.parent


def _code_fingerprint(package: Path = _PACKAGE) -> str:
    digest = hashlib.sha256(__version__.encode())
    for layer in _CODE_LAYERS:
        for source in sorted((package / layer).rglob("*.py")):
            digest.update(source.relative_to(package).as_posix().encode())
            digest.update(source.read_bytes())
    return digest.hexdigest()


def _cache_salt(registry_digest: str, as_of: dt.date) -> str:
    """What every cached outcome depends on besides its file: code, registries, status date."""
    salt = f"{_code_fingerprint()}|{registry_digest}|{as_of.isoformat()}"
    return hashlib.sha256(salt.encode()).hexdigest()[:24]


def _cache_key(path: Path, display: str) -> str:
    digest = hashlib.sha256(display.encode())
    digest.update(b"\0")
    digest.update(path.read_bytes())
    return digest.hexdigest()


def _registry_digest(layout: Layout) -> str:
    digest = hashlib.sha256()
    for seed in sorted((layout.root / SEEDS_DIR).glob("*")):
        digest.update(seed.name.encode())
    for path in [layout.areas_file, *layout.agency_files()]:
        if path.exists():
            digest.update(layout.display(path).encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()


def default_cache_dir(root: Path) -> Path | None:
    """``.cache/congkhai`` in the project, unless $CONGKHAI_CACHE is "0" (or another path)."""
    setting = os.environ.get(CACHE_ENV)
    if setting == "0":
        return None
    if setting:
        return Path(setting)
    return root / ".cache" / "congkhai"


def _read_all(jobs: list[tuple[str, str, dt.date, str]], agencies: dict[str, Agency],
              areas: dict[str, Area], seeds: frozenset[str], cache: Cache,
              workers: int) -> Iterable[_Outcome]:
    if workers <= 1 or len(jobs) < PARALLEL_THRESHOLD:
        _init_worker(agencies, areas, seeds, cache)
        return [_read_plan(job) for job in jobs]
    chunk = max(1, len(jobs) // (workers * 8))
    with ProcessPoolExecutor(workers, mp_context=get_context("fork"), initializer=_init_worker,
                             initargs=(agencies, areas, seeds, cache)) as pool:
        return list(pool.map(_read_plan, jobs, chunksize=chunk))


def load_project(
    root: Path,
    as_of: dt.date,
    plan_paths: list[Path] | None = None,
    cache_dir: Path | None = None,
    workers: int | None = None,
    province: str | None = None,
    memo: dict[str, object] | None = None,
) -> tuple[Project, ProblemList]:
    """Load and check the project at ``root`` as of a date.

    ``plan_paths`` limits which plan files are read (all under ``plans/`` by default). The
    returned project holds only the files that passed every check; the problem list says what is
    wrong with the others. ``cache_dir`` keeps each file's outcome by content (None: no cache);
    ``workers`` is the number of processes (default: one per core). ``province`` loads one
    shard: that province's agencies and plans, plus central agencies. ``memo`` keeps the
    outcomes in memory for the next load in this process (a preview's reloads after each edit):
    a file whose content, registries, code and status date are unchanged is then neither read
    nor decoded from the cache again.
    """
    layout = Layout(root)
    problems = ProblemList()
    check_sources(root, problems)  # links, special files, paths outside the project
    paused = gc.isenabled()
    gc.disable()  # the loaded objects live until the end; collecting them midway is wasted work
    try:
        frameworks, areas = {}, {}
        areas_loaded = load_areas(layout, problems)
        if areas_loaded is not None:
            frameworks, areas = build_areas(areas_loaded, problems)
        provinces, agencies = build_agencies(load_agency_files(layout, problems), problems)
        settings = build_settings(load_settings(layout, problems), problems)
        paths = _inside(root, plan_paths if plan_paths is not None else layout.plan_files(),
                        problems)
        if province is not None:
            provinces, agencies, paths = _shard(province, provinces, agencies, paths, problems)
        salt = _cache_salt(_registry_digest(layout), as_of)
        cache = Cache(cache_dir, salt)
        seeds = frozenset(p.name for p in (root / SEEDS_DIR).glob("*") if p.is_file())
        outcomes = _outcomes(layout, paths, as_of, cache, (agencies, areas, seeds),
                             workers or os.cpu_count() or 1, memo, salt)
        if plan_paths is None and province is None:
            cache.prune()  # every plan file was asked for: the other entries are stale
        plans = _distinct_plans(outcomes, problems)
        check_relations(plans, problems, complete=plan_paths is None and province is None)
    finally:
        if paused:
            gc.enable()
    plans.sort(key=lambda p: (p.demo, -p.document.issued.toordinal(), p.id))
    project = Project(
        provinces=provinces,
        agencies=agencies,
        frameworks=frameworks,
        areas=areas,
        plans=tuple(plans),
        settings=settings,
    )
    return project, problems


def _inside(root: Path, paths: list[Path], problems: ProblemList) -> list[Path]:
    """The plan files inside the project; the others are reported, never read."""
    for path in paths:
        if not os.path.abspath(path).startswith(os.path.abspath(root) + os.sep):
            problems.add(path.as_posix(), 1, 1, "outside-project",
                         "Tệp nằm ngoài thư mục dự án nên không được kiểm tra.",
                         "Chỉ kiểm tra tệp trong plans/ của dự án (hoặc dùng --root).")
    # a path through a link is reported by check_sources and never read
    return [p for p in paths if inside(root, p)]


def _shard(province: str, provinces: dict[str, Province], agencies: dict[str, Agency],
           paths: list[Path], problems: ProblemList,
           ) -> tuple[dict[str, Province], dict[str, Agency], list[Path]]:
    """One province's registries and plan files, plus central agencies."""
    if province not in provinces:
        problems.add("content/registries/agencies", 1, 1, "unknown-province",
                     f"Không có tỉnh “{province}” trong danh mục cơ quan.",
                     "Các tỉnh có: " + ", ".join(sorted(provinces)) + ".")
    kept_provinces = {k: v for k, v in provinces.items() if k == province}
    kept = {k: v for k, v in agencies.items() if v.province in (province, None)}
    # Lineage that leads out of the shard names its bodies instead of linking to pages the
    # shard does not have.
    kept_provinces = {k: replace(v, lineage=_detach(v.lineage, kept_provinces, provinces))
                      for k, v in kept_provinces.items()}
    kept = {k: replace(v, lineage=_detach(v.lineage, kept, agencies)) for k, v in kept.items()}
    # Provincial agency ids, and so issuer directories, start with the province id.
    paths = [p for p in paths if p.parent.name.startswith(province + "-")]
    return kept_provinces, kept, paths


def _detach(events: tuple[LineageEvent, ...], kept: Mapping[str, Agency | Province],
            everything: Mapping[str, Agency | Province]) -> tuple[LineageEvent, ...]:
    """``events`` with every party outside ``kept`` named (from ``everything``), not linked."""
    def party(p: Party) -> Party:
        if p.id is None or p.id in kept or p.id not in everything:
            return p
        return replace(p, id=None, name=everything[p.id].name)

    return tuple(replace(e, successors=tuple(map(party, e.successors)),
                         predecessors=tuple(map(party, e.predecessors))) for e in events)


def _outcomes(layout: Layout, paths: list[Path], as_of: dt.date, cache: Cache,
              registries: tuple[dict[str, Agency], dict[str, Area], frozenset[str]],
              workers: int, memo: dict[str, object] | None = None,
              salt: str = "") -> list[_Outcome]:
    """Each plan file's outcome, in the order of ``paths``: from ``memo`` (by salt and key),
    the cache, or read afresh."""
    keys: list[str] = []
    found: dict[int, _Outcome] = {}
    jobs, pending = [], []
    for i, path in enumerate(paths):
        display = layout.display(path)
        key = _cache_key(path, display)
        keys.append(f"{salt}/{key}")
        cache.used.add(key)  # looked up, and stored if missing, by whichever process reads it
        known = memo.get(keys[-1]) if memo is not None else None
        if isinstance(known, _Outcome):
            found[i] = known
        else:
            pending.append(i)
            jobs.append((str(path), display, as_of, key))
    found.update(zip(pending, _read_all(jobs, *registries, cache, workers), strict=True))
    outcomes = [found[i] for i in range(len(paths))]
    if memo is not None:  # only what this load used: the memo never outgrows the project
        memo.clear()
        memo.update(zip(keys, outcomes, strict=True))
    return outcomes


def _distinct_plans(outcomes: list[_Outcome], problems: ProblemList) -> list[Plan]:
    """The plans that loaded, each id once; their problems and duplicate ids go to ``problems``."""
    plans: list[Plan] = []
    first_seen: dict[str, str] = {}
    for outcome in outcomes:
        problems.extend(outcome.problems)
        if outcome.plan_id is None:
            continue
        if outcome.plan_id in first_seen:
            problems.add(outcome.file, outcome.id_line, outcome.id_column, "duplicate-plan",
                         f"Mã kế hoạch “{outcome.plan_id}” đã dùng ở "
                         f"{first_seen[outcome.plan_id]}.",
                         "Mỗi kế hoạch có một mã riêng, trùng với tên tệp.")
            continue
        first_seen[outcome.plan_id] = outcome.file
        if outcome.plan is not None:
            plans.append(outcome.plan)
    return plans
