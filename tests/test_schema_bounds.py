"""Every value the declared formats accept is bounded, so that whatever ``check`` accepts builds.

Table tests of the validator on single values, and a walk over every declaration: each number,
integer and date has finite bounds and each id a length that fits a file name. The invisible-
character class is checked against the Unicode database of the running Python.
"""

from __future__ import annotations

import datetime as dt
import sys
import unicodedata

import pytest
import yaml

from generator.sources import schema
from generator.sources import spec as declared
from generator.sources.problems import ProblemList
from generator.sources.validate import INVISIBLE, validate_nodes


def _walk(spec: declared.Spec, where: str, seen: set[int]):
    if id(spec) in seen:
        return
    seen.add(id(spec))
    yield where, spec
    if isinstance(spec, declared.Record):
        for f in spec.fields:
            yield from _walk(f.spec, f"{where}.{f.name}", seen)
    elif isinstance(spec, declared.Items):
        yield from _walk(spec.item, f"{where}[]", seen)
    elif isinstance(spec, declared.AnyOf):
        for option in spec.options:
            yield from _walk(option, f"{where}|", seen)


ALL = [pair for top in (schema.PLAN, schema.AGENCY_FILE, schema.AREA_FILE)
       for pair in _walk(top, top.noun, set())]


def test_every_number_integer_date_and_id_is_bounded() -> None:
    kinds = set()
    for where, spec in ALL:
        kinds.add(type(spec).__name__)
        if isinstance(spec, declared.Integer):
            assert spec.minimum is not None and spec.maximum is not None, where
            assert len(str(abs(spec.maximum))) <= 9, where
        elif isinstance(spec, declared.Number):
            assert -declared.MAX_NUMBER <= spec.minimum < spec.maximum <= declared.MAX_NUMBER, where
        elif isinstance(spec, declared.Day):
            assert declared.FIRST_DAY <= spec.minimum < spec.maximum <= declared.LAST_DAY, where
        elif isinstance(spec, declared.Text) and spec.pattern:
            assert spec.max_length <= declared.MAX_ID_LENGTH, where
    assert {"Integer", "Number", "Day", "Text", "Reference"} <= kinds
    # the widest page path an id makes must fit a file name (255 bytes)
    assert len(f"{'x' * declared.MAX_ID_LENGTH}--trach-nhiem-999.md") < 255


def check_value(spec: declared.Spec, text: str) -> tuple[object, list[str]]:
    record = declared.Record(noun="thử", fields=(declared.Field("v", spec, required=True),))
    problems = ProblemList()
    loaded = validate_nodes(yaml.compose(f"v: {text}\n"), record, "t.yaml", problems)
    return loaded.value["v"], [p.code for p in problems]


NUMBER = declared.Number()
DAY = declared.Day()


@pytest.mark.parametrize(("text", "value", "codes"), [
    ("90", 90, []),
    ("-2.5", -2.5, []),
    ("999999999999.999", 999999999999.999, []),  # 15 digits, just under 10^12
    ("1000000000000.5", None, ["out-of-range"]),  # 14 digits but beyond 10^12
    ("1000000000000", 1_000_000_000_000, []),
    ("1000000000001", None, ["out-of-range"]),
    ("123456789012345", None, ["out-of-range"]),
    ("0.123456789012345", 0.123456789012345, []),
    ("0.1234567890123456", None, ["out-of-range"]),  # 16 digits
    ("9" * 400, None, ["out-of-range"]),
    ("0." + "0" * 400 + "1", None, ["out-of-range"]),
    ("0012", 12, []),
    ("82,85", None, ["wrong-type"]),
    ("1e5", None, ["wrong-type"]),
    (".inf", None, ["wrong-type"]),
    (".nan", None, ["wrong-type"]),
])
def test_numbers(text: str, value: object, codes: list[str]) -> None:
    assert check_value(NUMBER, text) == (value, codes)


@pytest.mark.parametrize(("text", "value", "codes"), [
    ("1945-01-01", dt.date(1945, 1, 1), []),
    ("2100-12-31", dt.date(2100, 12, 31), []),
    ("1944-12-31", None, ["out-of-range"]),
    ("2101-01-01", None, ["out-of-range"]),
    ("0001-01-01", None, ["out-of-range"]),
    ("9999-12-31", None, ["out-of-range"]),
    ("2026-02-30", None, ["invalid-date"]),
])
def test_dates(text: str, value: object, codes: list[str]) -> None:
    assert check_value(DAY, text) == (value, codes)


@pytest.mark.parametrize(("text", "codes"), [
    ("40", []),
    ("100", []),
    ("101", ["out-of-range"]),
    ("1" * 5000, ["out-of-range"]),
    ("-" + "1" * 5000, ["out-of-range"]),
    ("0000000000000000040", []),
])
def test_integers_of_any_length(text: str, codes: list[str]) -> None:
    assert check_value(declared.Integer(minimum=0, maximum=100), text)[1] == codes


@pytest.mark.parametrize(("text", "codes"), [
    ("a" * declared.MAX_ID_LENGTH, []),
    ("a" * (declared.MAX_ID_LENGTH + 1), ["text-too-long"]),
])
def test_ids(text: str, codes: list[str]) -> None:
    assert check_value(schema.SLUG, text)[1] == codes
    reference = check_value(declared.Reference(), text)[1]
    assert reference == (["bad-reference"] if codes else [])


def test_invisible_class_is_every_format_and_separator_character() -> None:
    expected = {chr(c) for c in range(sys.maxunicode + 1)
                if unicodedata.category(chr(c)) in ("Cf", "Zl", "Zp")}
    matched = {chr(c) for c in range(sys.maxunicode + 1) if INVISIBLE.match(chr(c))}
    # Characters newer than this Python's Unicode database may be matched without a category.
    assert expected <= matched, sorted(f"U+{ord(c):04X}" for c in expected - matched)
    assert all(unicodedata.category(c) in ("Cf", "Zl", "Zp", "Cn") for c in matched)


@pytest.mark.parametrize("char", ["\u200b", "\u202e", "\u2028", "\ufeff", "\u00ad", "\u2066"])
def test_invisible_characters_are_refused(char: str) -> None:
    value, codes = check_value(declared.Text(), f'"Xây dựng,{char} ban hành"')
    assert (value, codes) == (None, ["invisible-character"])


def test_vietnamese_text_is_not_invisible() -> None:
    text = "Ủy ban nhân dân tỉnh — “Quý II/2026”: 100% – xã, phường; Đ đ ơ ư ă â ê ô"
    assert INVISIBLE.search(text) is None
