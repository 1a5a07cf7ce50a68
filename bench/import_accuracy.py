"""How well ``congkhai import`` drafts the five real plans: field by field against the files
transcribed by hand.

Usage: ``.venv/bin/python -m bench.import_accuracy [--out BENCHMARKS.md] [--no-write]``.

For each plan file under ``plans/`` that records a seed, the importer runs on the seed (from
``content/nguon/``) as an editor would run it — without ``--issuer``, into a temporary file —
and the draft is compared with the hand-written file:

- tasks found: a hand-written task (subtasks included) with a draft task of the same title, or
  failing that the same id, or a title at least 80 % similar;
- of the tasks found, exact title, exact output and exact deadline text; and all three at once;
- exact lead set and exact coordinating set (agency ids, whatever the form: one id, a list, a
  ``derived`` entry); and, apart from them, the same agencies marked ``derived`` (a reading
  shown as a reading) and the same ``lost_in_copy`` fields (what the copy lost, not the
  document);
- document-block fields equal (type, number, issued, place, issuer, signer name and form, trích
  yếu, effective text and date, and what the copy lost of them);
- invented values: every text, date and number the draft holds must occur in the seed (text
  verbatim up to line breaks and table pipes, NFC; a date written in any of the usual forms; an
  agency by one of its registry names, or, when it is ``derived``, by the words its reason quotes).
  The importer's own notes and ``derived`` reasons are explanations, not values, and are not
  counted.

It prints the table and writes it into the "Import accuracy" section of BENCHMARKS.md (the rest
of the file is left as it is). A missed target is reported, never a failure.
"""

from __future__ import annotations

import argparse
import datetime as dt
import difflib
import platform
import re
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

REPO = Path(__file__).resolve().parent.parent
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

from generator.authoring.importer import import_document  # noqa: E402
from generator.authoring.importer.build import ImportRefused, load_registries  # noqa: E402
from generator.authoring.importer.text import all_dates  # noqa: E402
from generator.sources.documents.model import flatten  # noqa: E402
from generator.sources.documents.read import read_document  # noqa: E402
from generator.sources.textnorm import fold  # noqa: E402

START = "<!-- import-accuracy:start -->"
END = "<!-- import-accuracy:end -->"
DOC_FIELDS = ("type", "number", "issued", "place", "issuer", "signer.name", "signer.form",
              "summary", "effective.text", "effective.date", "lost_in_copy")
# Keys whose values are the importer's codes or explanations, not values read from the text.
NOT_VALUES = frozenset({"id", "type", "issuer", "area", "comparator", "unit", "seed", "url",
                        "notes", "derived", "kind", "agency", "lead", "support", "lost_in_copy"})


# --- reading plan data -------------------------------------------------------------------------


def _tasks(plan: dict) -> list[dict]:
    out = []
    for section in plan.get("sections") or []:
        for task in section.get("tasks") or []:
            out.append(task)
            out.extend(task.get("subtasks") or [])
    return out


def _deadline_text(value: Any) -> str | None:
    if isinstance(value, dict):
        return value.get("text")
    return value


def _agencies(value: Any) -> frozenset[str]:
    if value is None:
        return frozenset()
    if isinstance(value, str):
        return frozenset([value])
    if isinstance(value, dict):
        return frozenset([value["agency"]])
    return frozenset(a for item in value for a in _agencies(item))


def _derived(value: Any) -> frozenset[str]:
    """The agencies of a lead or support value that are marked ``derived``."""
    if isinstance(value, dict):
        return frozenset([value["agency"]]) if value.get("derived") else frozenset()
    if isinstance(value, list):
        return frozenset(a for item in value for a in _derived(item))
    return frozenset()


def _get(plan: dict, dotted: str) -> Any:
    value: Any = plan.get("document") or {}
    for part in dotted.split("."):
        value = value.get(part) if isinstance(value, dict) else None
    return value


# --- invented values ---------------------------------------------------------------------------


@dataclass
class Invented:
    """Values of a draft that the source does not contain."""

    checked: int = 0
    missing: list[str] = field(default_factory=list)


def _names(agency) -> list[str]:
    names = [agency.name, agency.short_name, *agency.aliases]
    return names + [n[4:] for n in names if n.startswith("Sở ")]


def invented_values(plan: dict, source: Path, registries) -> Invented:
    """Every text, date, number and agency of ``plan`` checked against ``source``."""
    document = read_document(source)
    flat = flatten(document.text)
    folded = fold(flat)
    dates = all_dates(flat)
    found = Invented()

    def text_ok(text: str, key: str) -> bool:
        if key == "number":
            return flatten(text) in flat or any(
                flatten(text) == flatten(t).replace(" /", "/").replace("/ ", "/")
                for t in [flat[i:i + len(text) + 4] for i in range(len(flat))
                          if flat.startswith(text.split("/")[0], i)])
        if key == "form":
            return all(flatten(part) in flat for part in text.split(" / "))
        return flatten(text) in flat

    def evidence(reason: str) -> bool:
        """A derived agency is a reading: its evidence, the longest words its reason quotes,
        must be in the source (a name like "UBND cấp xã" need not be, for "UBND các cấp")."""
        quotes = re.findall(r"“([^“”]+)”", reason)
        return bool(quotes) and flatten(max(quotes, key=len).rstrip(".…")) in flat

    def walk(value: Any, key: str, where: str) -> None:
        if isinstance(value, dict) and value.get("agency") and value.get("derived"):
            agency = registries.agencies.get(value["agency"])
            found.checked += 1
            if agency is None or not (evidence(value["derived"]) or any(
                    fold(n) in folded for n in _names(agency))):
                found.missing.append(f"{where}.agency: {value['agency']}")
            return
        if isinstance(value, dict):
            for k, v in value.items():
                walk(v, k, f"{where}.{k}")
            return
        if isinstance(value, list):
            for i, v in enumerate(value):
                walk(v, key, f"{where}[{i}]")
            return
        if value is None or isinstance(value, bool):
            return
        if key in ("lead", "support", "agency", "issuer"):
            agency = registries.agencies.get(value)
            found.checked += 1
            if agency is None or not any(fold(n) in folded for n in _names(agency)):
                found.missing.append(f"{where}: {value}")
            return
        if key in NOT_VALUES:
            return
        found.checked += 1
        if isinstance(value, dt.date):
            ok = value in dates
        elif isinstance(value, (int, float)):
            text = f"{value:g}"
            ok = text in flat or text.replace(".", ",") in flat
        else:
            ok = text_ok(str(value), key)
        if not ok:
            found.missing.append(f"{where}: {str(value)[:80]}")

    walk(plan, "", "")
    return found


# --- comparing one plan ------------------------------------------------------------------------


@dataclass
class Result:
    """The figures of one document."""

    name: str
    expected: int = 0
    found: int = 0
    title: int = 0
    output: int = 0
    deadline: int = 0
    all_three: int = 0
    lead: int = 0
    support: int = 0
    derived: int = 0
    lost: int = 0
    doc_equal: int = 0
    doc_total: int = 0
    numbers_dates: int = 0
    numbers_dates_total: int = 0
    invented: Invented = field(default_factory=Invented)
    issuer_found: bool = True
    seconds: float = 0.0
    reviews: int = 0
    misses: list[str] = field(default_factory=list)


def _match(expected: list[dict], drafted: list[dict]) -> list[tuple[dict, dict | None]]:
    by_title = {t["title"]: t for t in drafted}
    by_id = {str(t["id"]): t for t in drafted}
    pairs = []
    for task in expected:
        match = by_title.get(task["title"]) or by_id.get(str(task["id"]))
        if match is None:
            scored = [(difflib.SequenceMatcher(None, task["title"], t["title"]).ratio(), t)
                      for t in drafted]
            best = max(scored, key=lambda s: s[0], default=(0, None))
            match = best[1] if best[0] >= 0.8 else None
        pairs.append((task, match))
    return pairs


def compare(hand: dict, draft: dict, name: str) -> Result:
    """Field-by-field figures of ``draft`` against ``hand``."""
    result = Result(name)
    expected = _tasks(hand)
    result.expected = len(expected)
    for task, match in _match(expected, _tasks(draft)):
        if match is None:
            result.misses.append(f"{task['id']}: not found")
            continue
        result.found += 1
        same_title = task["title"] == match["title"]
        same_output = task.get("output") == match.get("output")
        same_deadline = _deadline_text(task.get("deadline")) == _deadline_text(
            match.get("deadline"))
        result.title += same_title
        result.output += same_output
        result.deadline += same_deadline
        result.all_three += same_title and same_output and same_deadline
        same_lead = _agencies(task.get("lead")) == _agencies(match.get("lead"))
        same_support = _agencies(task.get("support")) == _agencies(match.get("support"))
        result.lead += same_lead
        result.support += same_support
        same_derived = all(_derived(task.get(k)) == _derived(match.get(k))
                           for k in ("lead", "support"))
        same_lost = set(task.get("lost_in_copy") or ()) == set(match.get("lost_in_copy") or ())
        result.derived += same_derived
        result.lost += same_lost
        for ok, what in ((same_title, "title"), (same_output, "output"),
                         (same_deadline, "deadline"), (same_lead, "lead"),
                         (same_support, "support"), (same_derived, "derived"),
                         (same_lost, "lost_in_copy")):
            if not ok:
                result.misses.append(f"{task['id']}: {what}")
    for dotted in DOC_FIELDS:
        ours, theirs = _get(draft, dotted), _get(hand, dotted)
        equal = ours == theirs
        result.doc_total += 1
        result.doc_equal += equal
        if dotted in ("number", "issued"):
            result.numbers_dates_total += 1
            result.numbers_dates += equal
        if not equal:
            result.misses.append(f"document.{dotted}: {ours!r} ≠ {theirs!r}")
    return result


def run(root: Path) -> list[Result]:
    """Import every seeded plan of ``root`` and compare."""
    registries = load_registries(root)
    results = []
    for plan_file in sorted((root / "plans").rglob("*.yaml")):
        hand = yaml.safe_load(plan_file.read_text(encoding="utf-8"))
        seed = ((hand.get("document") or {}).get("source") or {}).get("seed")
        if not seed or hand.get("demo"):
            continue
        source = root / "content" / "nguon" / seed
        with tempfile.TemporaryDirectory() as tmp:
            out = Path(tmp) / "draft.yaml"
            started = time.perf_counter()
            issuer_found = True
            try:
                done = import_document(source, root, out=out, registries=registries)
            except ImportRefused:
                issuer_found = False
                done = import_document(source, root, issuer=hand["document"]["issuer"], out=out,
                                       registries=registries)
            seconds = time.perf_counter() - started
            draft = yaml.safe_load(out.read_text(encoding="utf-8"))
        result = compare(hand, draft, f"{hand['id']} ({seed[:3]})")
        result.invented = invented_values(draft, source, registries)
        result.issuer_found = issuer_found
        result.seconds = seconds
        result.reviews = len(done.reviews)
        results.append(result)
    return results


# --- the report --------------------------------------------------------------------------------


def _pct(part: int, whole: int) -> str:
    return f"{100 * part / whole:.1f} %" if whole else "–"


def _row(r: Result) -> str:
    return (f"| {r.name} | {r.found}/{r.expected} | {_pct(r.title, r.found)} | "
            f"{_pct(r.output, r.found)} | {_pct(r.deadline, r.found)} | "
            f"{_pct(r.all_three, r.expected)} | {_pct(r.lead, r.found)} | "
            f"{_pct(r.support, r.found)} | {_pct(r.derived, r.found)} | "
            f"{_pct(r.lost, r.found)} | {r.doc_equal}/{r.doc_total} | "
            f"{r.numbers_dates}/{r.numbers_dates_total} | {len(r.invented.missing)} of "
            f"{r.invented.checked} | {r.reviews} | {r.seconds:.2f} s |")


def report(results: list[Result]) -> str:
    """The markdown section."""
    total = Result("**all five**")
    for r in results:
        for name in ("expected", "found", "title", "output", "deadline", "all_three", "lead",
                     "support", "derived", "lost", "doc_equal", "doc_total", "numbers_dates",
                     "numbers_dates_total", "reviews"):
            setattr(total, name, getattr(total, name) + getattr(r, name))
        total.invented.checked += r.invented.checked
        total.invented.missing += r.invented.missing
        total.seconds += r.seconds
    try:
        commit = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=REPO, check=True,
                                capture_output=True, text=True).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        commit = "?"
    found_exact = total.all_three / total.expected if total.expected else 0
    roles = min(total.lead, total.support) / total.found if total.found else 0
    nd = total.numbers_dates / total.numbers_dates_total if total.numbers_dates_total else 0
    lines = [
        START,
        "## Import accuracy (`congkhai import` on the five seeds)",
        "",
        f"Measured {dt.date.today():%Y-%m-%d} at commit {commit} on {platform.machine()}, "
        f"Python {platform.python_version()}, by `.venv/bin/python -m bench.import_accuracy`. "
        "Each seed is imported without `--issuer` and compared field by field with its "
        "hand-transcribed plan file. Title/output/deadline/lead/coordination columns, and the "
        "tasks whose lead and coordinating agencies carry the same `derived` marks and whose "
        "`lost_in_copy` lists are the same, are shares of the tasks found; “all three” is the "
        "share of all hand-written tasks found with exact title, output and deadline text.",
        "",
        "| document | tasks found | title exact | output exact | deadline exact | "
        "found with all three exact | lead set exact | coordination set exact | "
        "same derived marks | same lost_in_copy | "
        "document-block fields equal | number and date equal | invented values | "
        "review items | time |",
        "|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|",
        *(_row(r) for r in results),
        _row(total),
        "",
        "| target | measured | met |",
        "|---|---|---|",
        f"| ≥ 95 % of tasks found with exact title, output and deadline | "
        f"{100 * found_exact:.1f} % | {'yes' if found_exact >= 0.95 else 'no'} |",
        f"| ≥ 90 % of lead and coordination sets exact | lead {_pct(total.lead, total.found)}, "
        f"coordination {_pct(total.support, total.found)} | {'yes' if roles >= 0.9 else 'no'} |",
        f"| 100 % of document numbers and dates | {100 * nd:.0f} % | "
        f"{'yes' if nd == 1 else 'no'} |",
        f"| 0 invented values | {len(total.invented.missing)} | "
        f"{'yes' if not total.invented.missing else 'no'} |",
        "",
        "Where the draft and the hand-written file differ:",
        "",
    ]
    for r in results:
        issuer = "" if r.issuer_found else " (issuer not found without `--issuer`)"
        misses = r.misses + [f"invented: {m}" for m in r.invented.missing]
        lines.append(f"- {r.name}{issuer}: " + ("none" if not misses else "; ".join(misses)))
    lines += ["", END]
    return "\n".join(lines) + "\n"


def write_section(path: Path, section: str) -> None:
    """Put ``section`` into ``path`` in place of the previous one (or at the end)."""
    text = path.read_text(encoding="utf-8") if path.exists() else "# Benchmarks\n"
    if START in text and END in text:
        before = text[: text.index(START)]
        after = text[text.index(END) + len(END):].lstrip("\n")
        text = before + section + ("\n" + after if after else "")
    else:
        text = text.rstrip("\n") + "\n\n" + section
    path.write_text(text, encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    """Run the benchmark, print the table and write it into BENCHMARKS.md."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--root", type=Path, default=REPO)
    parser.add_argument("--out", type=Path, default=REPO / "BENCHMARKS.md")
    parser.add_argument("--no-write", action="store_true", help="print only")
    args = parser.parse_args(argv)
    section = report(run(args.root))
    print(section)
    if not args.no_write:
        write_section(args.out, section)
    return 0


if __name__ == "__main__":
    sys.exit(main())
