"""Tests of generator.sources.textnorm: NFC, ASCII folding and slugs of Vietnamese text."""

from __future__ import annotations

import re
import unicodedata

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from generator.model.entities import task_anchor
from generator.sources.textnorm import fold, nfc, slugify


def nfd(text: str) -> str:
    return unicodedata.normalize("NFD", text)


@pytest.mark.parametrize(
    ("text", "folded"),
    [
        ("Đầu Tư", "dau tu"),
        ("ĐẦU TƯ", "dau tu"),
        ("đầu tư", "dau tu"),
        ("Sở Kế hoạch và Đầu tư", "so ke hoach va dau tu"),
        ("Ủy ban nhân dân tỉnh Khánh Hòa", "uy ban nhan dan tinh khanh hoa"),
        ("Quảng Ngãi", "quang ngai"),
        ("Thường xuyên", "thuong xuyen"),
        ("Quý IV/2018", "quy iv/2018"),
        ("Hiện đại hóa", "hien dai hoa"),
        ("", ""),
    ],
)
def test_fold(text: str, folded: str) -> None:
    assert fold(text) == folded
    assert fold(nfd(text)) == folded  # NFD input folds the same


def test_nfd_input_really_is_decomposed() -> None:
    # Guard: the NFD cases above only mean something if NFD differs from NFC.
    assert nfd("Đầu Tư") != "Đầu Tư"
    assert len(nfd("ầ")) == 3


@pytest.mark.parametrize(
    ("text", "slug"),
    [
        ("1.đ", "1-dd"),
        ("1.d", "1-d"),
        ("1.Đ", "1-dd"),
        ("II.3", "ii-3"),
        ("VII.12", "vii-12"),
        ("PL.18", "pl-18"),
        ("4.đ", "4-dd"),
        ("Đầu Tư", "ddau-tu"),
        ("  Cải cách -- thể chế!  ", "cai-cach-the-che"),
        ("Quý I/2018", "quy-i-2018"),
        ("...", ""),
    ],
)
def test_slugify(text: str, slug: str) -> None:
    assert slugify(text) == slug
    assert slugify(nfd(text)) == slug


def test_d_and_dd_items_get_distinct_slugs() -> None:
    # Quảng Ninh and Quảng Ngãi have both "d)" and "đ)" items in the same section.
    assert slugify("1.đ") != slugify("1.d")
    assert slugify("6.đ") != slugify("6.d")


@pytest.mark.parametrize(
    ("task_id", "anchor"),
    [("II.3", "nv-ii-3"), ("1.đ", "nv-1-dd"), ("1.d", "nv-1-d"), ("PL.11", "nv-pl-11")],
)
def test_task_anchor(task_id: str, anchor: str) -> None:
    assert task_anchor(task_id) == anchor


@pytest.mark.parametrize("text", ["Đầu Tư", "Khánh Hòa", "Quảng Ngãi", "ỦY BAN", "Nghị định"])
def test_nfc(text: str) -> None:
    decomposed = nfd(text)
    assert nfc(decomposed) == text
    assert nfc(text) == text
    assert unicodedata.is_normalized("NFC", nfc(decomposed))


VIETNAMESE = st.text(
    alphabet=st.sampled_from(
        list("aăâbcdđeêghiklmnoôơpqrstuưvxyAĂÂBCDĐEÊGHIKLMNOÔƠPQRSTUƯVXY0123456789 .-/()")
        + list("àáảãạằắẳẵặầấẩẫậèéẻẽẹềếểễệìíỉĩịòóỏõọồốổỗộờớởỡợùúủũụừứửữựỳýỷỹỵ")
        + list("ÀÁẢÃẠẰẮẲẴẶẦẤẨẪẬÈÉẺẼẸỀẾỂỄỆÌÍỈĨỊÒÓỎÕỌỒỐỔỖỘỜỚỞỠỢÙÚỦŨỤỪỨỬỮỰỲÝỶỸỴ")
    ),
    max_size=40,
)

SLUG = re.compile(r"(?:[a-z0-9]+(?:-[a-z0-9]+)*)?")


@settings(max_examples=300, deadline=None)
@given(VIETNAMESE)
def test_fold_and_slugify_properties_on_vietnamese(text: str) -> None:
    folded = fold(text)
    assert folded.isascii()
    assert folded == folded.lower()
    assert fold(folded) == folded
    assert fold(nfd(text)) == folded
    assert len(folded) == len(nfc(text))  # one ASCII letter per Vietnamese letter
    slug = slugify(text)
    assert SLUG.fullmatch(slug)
    assert slugify(nfd(text)) == slug
    assert slugify(text.upper()) == slug


@settings(max_examples=300, deadline=None)
@given(st.text())
def test_properties_on_any_text(text: str) -> None:
    assert SLUG.fullmatch(slugify(text))
    assert nfc(nfc(text)) == nfc(text)
    assert nfc(nfd(text)) == nfc(text)
    folded = fold(text)
    assert not any(unicodedata.combining(ch) for ch in folded)
    assert fold(folded) == folded


def _fold_by_the_general_path(text: str) -> str:
    """What fold() returned before its shortcut for text left with non-ASCII non-marks."""
    from generator.sources.textnorm import _FOLD_TABLE, _strip_marks

    folded = text.translate(_FOLD_TABLE)
    if not folded.isascii():
        folded = _strip_marks(folded).translate(_FOLD_TABLE)
    return folded.lower()


@settings(max_examples=500, deadline=None)
@given(st.text() | st.builds(lambda a, b: a + "“" + b + "”–", VIETNAMESE, st.text()))
def test_the_shortcut_folds_exactly_as_the_general_path(text: str) -> None:
    assert fold(text) == _fold_by_the_general_path(text)
    assert fold(nfd(text)) == _fold_by_the_general_path(nfd(text))


def test_the_shortcut_on_typographic_text() -> None:
    for text in ("“Đầu tư” – 100%", "Sở TT&TT (Hà Nội) …", "e\u0301 “x”", "ﬁ Å Ω"):
        assert fold(text) == _fold_by_the_general_path(text)
