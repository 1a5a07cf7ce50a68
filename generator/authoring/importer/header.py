"""The document block: kind, number, place and date, issuing body, signer, trích yếu, effective
date; and the legal bases of the "Căn cứ …" lines.

It reads the document's paragraphs and cells in order ("units"), joining the lines that a copied
text wrapped, and writes only what it finds; what needed interpretation (a number taken from
"Ban hành kèm theo …", a date taken from the same line) goes to the review list.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

from generator.authoring.importer.text import (
    first_date,
    is_upper,
    kind_of_heading,
    kind_of_number,
    make_date,
)
from generator.sources.documents.model import Location, SourceDocument, join_lines
from generator.sources.textnorm import fold

_NUMBER = re.compile(r"Số\s*:\s*([0-9][0-9A-Za-zĐđ.]*\s*/\s*[0-9A-Za-zĐđ][0-9A-Za-zĐđ\-/.]*)")
_ATTACHED = re.compile(
    r"Ban hành kèm theo\s+(Quyết định|Chỉ thị|Nghị quyết|Kế hoạch)\s+số\s*:?\s*"
    r"([0-9][0-9A-Za-zĐđ.]*\s*/\s*[0-9A-Za-zĐđ][0-9A-Za-zĐđ\-/.]*)\s*(?:ngày\s*)?"
    r"((?:\d{1,2}\s*/\s*\d{1,2}\s*/\s*\d{4})|(?:\d{1,2}\s*tháng\s*\d{1,2}\s*năm\s*\d{4}))",
    re.IGNORECASE)
_PLACE_DATE = re.compile(
    r"^([A-ZÀ-Ỹ][^\d,|]{1,40}?),\s*ngày\s+(\d{1,2})\s*(?:tháng|/)\s*(\d{1,2})\s*(?:năm|/)\s*"
    r"(\d{4})")
_SIGN_START = re.compile(r"^(TM|KT|TL|TUQ|Q|tm|kt|tl|tuq)\s*\.", re.UNICODE)
_TITLES = ("chu tich", "pho chu tich", "giam doc", "pho giam doc", "truong ban", "chanh van phong")
_EFFECTIVE = re.compile(r"(kể từ ngày ký|kể từ ngày ban hành|kể từ ngày\s+\d{1,2}\s*/\s*\d{1,2}"
                        r"\s*/\s*\d{4})", re.IGNORECASE)
_STOP_SUMMARY = ("uy ban nhan dan", "ubnd", "chu tich", "can cu", "thuc hien", "dieu ",
                 "trong thoi gian", "ngay ", "de ", "i.", "hoi dong")


@dataclass
class Unit:
    """A paragraph or cell of the document, its lines joined."""

    text: str
    where: Location
    cell: bool = False


@dataclass
class Header:
    """What the document block says; None where the document (or our copy) does not say it."""

    kind: str | None = None
    kind_where: Location | None = None
    number: str | None = None
    number_where: Location | None = None
    issued: dt.date | None = None
    issued_where: Location | None = None
    place: str | None = None
    issuer_text: str | None = None
    issuer_where: Location | None = None
    signer_name: str | None = None
    signer_form: str | None = None
    signer_where: Location | None = None
    summary: str | None = None
    summary_where: Location | None = None
    effective_text: str | None = None
    effective_where: Location | None = None
    attached: tuple[str, str, dt.date | None] | None = None  # kind, number, date
    attached_where: Location | None = None
    notes: list[tuple[str, Location | None]] = field(default_factory=list)


def units(document: SourceDocument) -> list[Unit]:
    """The document's paragraphs and cells in order, as units."""
    out: list[Unit] = []
    for text, where, cell in document.units():
        for line in text.split("\n"):
            if line.strip():
                out.append(Unit(line.strip(), where, cell))
    return out


def _join(parts: list[Unit]) -> tuple[str, Location]:
    text = join_lines("\n".join(u.text for u in parts))
    return text, parts[0].where.spanning(parts[-1].where)


def read_header(document: SourceDocument) -> Header:
    """Read the document block from the first part of ``document``."""
    found = Header()
    items = units(document)
    head = items[:80]
    # Number: "Số: 4034/QĐ-UBND", possibly with the number on the next line.
    for i, unit in enumerate(head):
        text = unit.text
        if re.match(r"^Số\s*:\s*$", text) and i + 1 < len(head):
            text = text + " " + head[i + 1].text
        match = _NUMBER.search(text)
        if match:
            found.number = re.sub(r"\s*/\s*", "/", match.group(1)).rstrip(".")
            found.number_where = unit.where
            break
    # Place and date: "Khánh Hòa, ngày 29 tháng 12 năm 2017" (a line may end at the comma).
    for i, unit in enumerate(head):
        text = unit.text
        if text.endswith(",") and i + 1 < len(head):
            text = text + " " + head[i + 1].text
        match = _PLACE_DATE.match(text)
        if match:
            found.place = match.group(1).strip()
            found.issued = make_date(match.group(2), match.group(3), match.group(4))
            found.issued_where = unit.where
            break
    # The kind: the first heading that is only a kind ("QUYẾT ĐỊNH", "KẾ HOẠCH").
    kind_index = None
    for i, unit in enumerate(head):
        kind = kind_of_heading(unit.text)
        if kind:
            found.kind, found.kind_where, kind_index = kind, unit.where, i
            break
    # Trích yếu: the capitalised lines after the kind heading (or after the date line).
    start = kind_index + 1 if kind_index is not None else None
    if start is None:
        for i, unit in enumerate(head):
            if _PLACE_DATE.match(unit.text) or (unit.text.endswith(",") and i + 1 < len(head)
                                                 and _PLACE_DATE.match(unit.text + " "
                                                                       + head[i + 1].text)):
                start = i + 1 + (0 if _PLACE_DATE.match(unit.text) else 1)
                break
    if start is not None:
        parts: list[Unit] = []
        for unit in head[start:start + 6]:
            folded = fold(unit.text)
            if parts and (not is_upper(unit.text) or folded.startswith(_STOP_SUMMARY)):
                break
            if not parts and (not is_upper(unit.text) or folded.startswith(_STOP_SUMMARY[:3])):
                break
            parts.append(unit)
        if parts:
            found.summary, found.summary_where = _join(parts)
    _read_issuer(head, found)
    _read_signer(items, found)
    _read_attached(items, found)
    _read_effective(items, found)
    if found.kind is None and found.number:
        found.kind = kind_of_number(found.number)
        if found.kind:
            found.notes.append(("Hình thức văn bản suy ra từ số ký hiệu “" + found.number
                                + "” (bản sao không có dòng tên loại văn bản).",
                                found.number_where))
    return found


def _read_issuer(head: list[Unit], found: Header) -> None:
    for i, unit in enumerate(head):
        if fold(unit.text).startswith(("uy ban nhan dan", "ubnd", "hoi dong nhan dan")) \
                and is_upper(unit.text):
            parts = [unit]
            j = i + 1
            while j < len(head) and is_upper(head[j].text) \
                    and (not head[j].cell or head[j].where == unit.where) \
                    and not fold(head[j].text).startswith(("cong hoa", "doc lap")) \
                    and not set(head[j].text) <= set("-_–— ") and len(parts) < 3:
                parts.append(head[j])
                j += 1
            found.issuer_text, found.issuer_where = _join(parts)
            return


def _read_signer(items: list[Unit], found: Header) -> None:
    for i, unit in enumerate(items):
        text = unit.text
        folded = fold(text).strip()
        if not (_SIGN_START.match(text) or (folded in _TITLES and is_upper(text))):
            continue
        form: list[str] = []
        j = i
        while j < len(items) and j < i + 6:
            line = items[j].text
            if _SIGN_START.match(line) and re.fullmatch(r"\w+\s*\.", line.strip()) \
                    and j + 1 < len(items):
                form.append(line.strip() + " " + items[j + 1].text)
                j += 2
                continue
            if _SIGN_START.match(line) or (is_upper(line) and len(line) < 60):
                form.append(line)
                j += 1
                continue
            break
        found.signer_form = " / ".join(form)
        found.signer_where = unit.where
        if j < len(items) and _looks_like_name(items[j].text):
            found.signer_name = items[j].text
        return


def _looks_like_name(text: str) -> bool:
    words = text.split()
    return 2 <= len(words) <= 5 and all(w[:1].isupper() and w[1:].islower() for w in words) \
        and not any(ch.isdigit() for ch in text)


def _read_attached(items: list[Unit], found: Header) -> None:
    for i, unit in enumerate(items):
        text = unit.text
        if "kèm theo" in text and i + 1 < len(items):
            text = join_lines(text + "\n" + items[i + 1].text)
        match = _ATTACHED.search(text)
        if match:
            date, _m = first_date("ngày " + match.group(3))
            kind = kind_of_heading(match.group(1))
            found.attached = (kind or "", re.sub(r"\s*/\s*", "/", match.group(2)), date)
            found.attached_where = unit.where
            return


def _read_effective(items: list[Unit], found: Header) -> None:
    for i, unit in enumerate(items[:200]):
        text = unit.text
        if i + 1 < len(items):
            text = join_lines(text + "\n" + items[i + 1].text)
        if "hiệu lực" not in text and "thi hành" not in text:
            continue
        match = _EFFECTIVE.search(text)
        if match:
            found.effective_text = " ".join(match.group(1).split())
            found.effective_where = unit.where
            return


# --- legal bases -------------------------------------------------------------------------------

_BASIS_KINDS = (r"Luật|Bộ luật|Hiến pháp|Pháp lệnh|Nghị quyết|Nghị định|Quyết định|Thông tư|"
                r"Chỉ thị|Kế hoạch|Công văn|Chương trình(?: hành động)?|Hướng dẫn|Thông báo|Đề án")
_BASIS_START = re.compile(r"(?:^|(?<=[;,])\s*)(?=(?:" + _BASIS_KINDS + r")\b)")
_BASIS = re.compile(
    r"^(?P<kind>" + _BASIS_KINDS + r")\s*(?:số\s*:?\s*(?P<number>[0-9][0-9A-Za-zĐđ.\-]*\s*/\s*"
    r"[0-9A-Za-zĐđ][0-9A-Za-zĐđ\-/.]*))?(?P<rest>.*)$", re.DOTALL)
_TITLE_START = re.compile(r"\b(ban hành|về|sửa đổi|quy định|hướng dẫn|phê duyệt|triển khai|"
                          r"thực hiện|tiếp tục|đẩy mạnh|công bố)\b")


@dataclass
class Basis:
    """One legal basis: number (None for a law), date and title, verbatim."""

    number: str | None
    date: dt.date | None
    title: str
    where: Location


def read_legal_bases(items: list[Unit]) -> list[Basis]:
    """The documents named in the "Căn cứ …" paragraphs, several per paragraph."""
    out: list[Basis] = []
    i = 0
    while i < len(items):
        if not items[i].text.startswith("Căn cứ"):
            i += 1
            continue
        parts = [items[i]]
        j = i + 1
        while j < len(items) and not items[j].text.startswith(("Căn cứ", "Xét ", "QUYẾT ĐỊNH",
                                                                  "Theo đề nghị", "CHỈ THỊ")) \
                and not items[j].cell and not parts[-1].text.rstrip().endswith(";") \
                and not kind_of_heading(items[j].text):
            parts.append(items[j])
            j += 1
        text, where = _join(parts)
        body = text[len("Căn cứ"):].strip()
        pieces = [p for p in re.split(r"(?:;|,)\s*(?=(?:" + _BASIS_KINDS + r")\s+số\b)", body)
                  if p.strip()]
        if body.startswith(("Luật", "Bộ luật")) and len(pieces) == 1:
            pieces = [body]
        for piece in pieces:
            basis = _basis(piece.strip(), where)
            if basis:
                out.append(basis)
        i = j
    return out


def _basis(piece: str, where: Location) -> Basis | None:
    match = _BASIS.match(piece)
    if not match:
        return None
    number = match.group("number")
    rest = match.group("rest").strip()
    date, found = first_date(rest)
    if number is None and match.group("kind") in ("Luật", "Bộ luật", "Hiến pháp", "Pháp lệnh"):
        name = piece[: piece.find(found.group(0))].strip() if found else piece
        return Basis(None, date, name.rstrip(" ;,."), where)
    if number is None:
        return None
    title = rest
    if (found and rest.startswith(found.group(0))) or (found and rest.index(found.group(0)) < 6):
        title = rest[rest.index(found.group(0)) + len(found.group(0)):].strip()
    if title.startswith(","):
        title = title[1:].strip()
    if title.startswith("của "):
        start = _TITLE_START.search(title, 4)
        title = title[start.start():] if start else title
    title = title.strip().rstrip(" ;,.")
    title = title.rstrip(",").strip()
    if not title:
        return None
    return Basis(re.sub(r"\s*/\s*", "/", number), date, title, where)

