"""The published JSON Schema against the invalid-input corpus, with an independent validator.

Every corpus case whose problems are all schema-level (a key, a type, a value, a pattern, a date
format) must be rejected by ``check-jsonschema``; every valid plan case must be accepted. Cases
that need more than a schema (cross-file references, dates against each other, the file's bytes)
are ``congkhai check``'s job and are not asked of the schema.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from test_invalid_corpus import CASES_DIR, PROJECT, parse_case
from test_jsonschema import failing_files, run_check_jsonschema

from generator.sources.jsonschema import dumps, plan_schema, read_registry

SCHEMA_LEVEL = frozenset({
    "unknown-key", "wrong-type", "missing-field", "null-not-allowed", "unknown-choice",
    "out-of-range", "bad-url", "bad-date-format", "invalid-date", "bad-id", "bad-reference",
    "empty-text", "unknown-agency", "unknown-area", "duplicate-key",
})

# Cases whose codes are schema-level but whose cause a JSON Schema cannot see.
BEYOND_A_SCHEMA = {
    "94-deadline-text-year-1900": "the year is read from the deadline's words",
    "96-number-400-decimals": "the digits are counted as written; as a number it is just 0",
    "98-integer-5000-digits": "check-jsonschema itself cannot read a 5,000-digit integer "
                              "(Python's int limit); congkhai refuses it from its length",
}


def plan_cases() -> tuple[list, list]:
    rejected, accepted = [], []
    for path in sorted(CASES_DIR.glob("*.yaml")):
        case = parse_case(path)
        target = next(iter(case.files))
        if len(case.files) != 1 or not target.startswith("plans/") or case.xfail or (
            case.name in BEYOND_A_SCHEMA
        ):
            continue
        if case.valid:
            accepted.append(case)
        elif case.expects and {e.code for e in case.expects} <= SCHEMA_LEVEL:
            rejected.append(case)
    return rejected, accepted


REJECTED, ACCEPTED = plan_cases()


@pytest.fixture(scope="module")
def report(tmp_path_factory: pytest.TempPathFactory) -> tuple[dict, dict[str, Path]]:
    directory = tmp_path_factory.mktemp("schema-corpus")
    schema = directory / "plan.schema.json"
    schema.write_text(dumps(plan_schema(read_registry(PROJECT))), encoding="utf-8")
    written = {}
    for case in REJECTED + ACCEPTED:
        path = directory / f"{case.name}.yaml"
        path.write_bytes(next(iter(case.files.values())))
        written[case.name] = path
    return run_check_jsonschema(schema, list(written.values())), written


def test_the_corpus_has_schema_level_cases():
    assert len(REJECTED) >= 20, [c.name for c in REJECTED]
    assert ACCEPTED


@pytest.mark.parametrize("case", REJECTED, ids=[c.name for c in REJECTED])
def test_schema_rejects_schema_level_case(report, case):
    result, written = report
    assert str(written[case.name]) in failing_files(result), (
        f"check-jsonschema accepted {case.name}: "
        + json.dumps([e.code for e in case.expects])
    )


@pytest.mark.parametrize("case", ACCEPTED, ids=[c.name for c in ACCEPTED])
def test_schema_accepts_valid_case(report, case):
    result, written = report
    assert str(written[case.name]) not in failing_files(result)
