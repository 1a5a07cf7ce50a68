"""What people type into a report form's input cells, read into update values.

Pure functions of one :class:`~generator.sources.spreadsheets.Cell`. Each returns a
:class:`Reading` (the value, and a notice when the cell was understood rather than read as
written) or raises :class:`CellProblem` with a Vietnamese message and hint. What is accepted:

* **status**: the drop-down's labels; the codes (``hoan-thanh``); the labels typed without
  diacritics or in another case ("hoan thanh"); a label inside a longer phrase ("Đã hoàn thành",
  "Đang thực hiện quá hạn") when exactly one label is found and the phrase does not negate it
  ("chưa hoàn thành" is refused);
* **progress**: a whole number 0–100 (80), a fraction (0.8, from a cell formatted as percent or
  typed so), text "80%", "80 %", "0,8";
* **date**: a date cell; an Excel serial number (46341); text "15/3/2026", "15-03-2026",
  "15.03.2026", "2026-03-15" or "ngày 15 tháng 3 năm 2026"; never month-first;
* **evidence**: document numbers and/or http(s) links (a cell's hyperlink counts); the first
  link becomes the update's evidence, the rest goes with the note.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from dataclasses import dataclass
from typing import Any

from generator.sources.problems import did_you_mean
from generator.sources.spreadsheets import Cell
from generator.sources.textnorm import fold, nfc
from generator.sources.validate import INVISIBLE
from generator.sources.vocabulary import UPDATE_STATUS_LABELS, UPDATE_STATUSES

NOTE_MAX = 20_000
# Excel serial numbers of 1 January 2000 and 31 December 2100 (1900 date system).
SERIAL_MIN, SERIAL_MAX = 36_526, 73_415
_LABEL = dict(zip(UPDATE_STATUSES, UPDATE_STATUS_LABELS, strict=True))
# The control characters congkhai check refuses in any text (tab and line breaks excepted), as
# generator.sources.validate lists them; with INVISIBLE, a cell holding one is refused here, at
# its cell, rather than when the new plan file is checked.
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ufffe\uffff]")


class CellProblem(ValueError):
    """A cell whose value cannot be used; ``message`` and ``hint`` are Vietnamese."""

    def __init__(self, code: str, message: str, hint: str = "") -> None:
        super().__init__(message)
        self.code = code
        self.message = message
        self.hint = hint


@dataclass(frozen=True)
class Reading:
    """A value read from a cell, and what to tell the editor about how it was understood."""

    value: Any
    notice: str | None = None


def shown(cell: Cell) -> str:
    """The cell's content as a user would recognise it, for messages."""
    if cell.formula is not None:
        return cell.formula
    value = cell.value
    if value is None:
        return "(trống)"
    if isinstance(value, dt.datetime):
        return f"{value:%d/%m/%Y}" if value.time() == dt.time() else f"{value:%d/%m/%Y %H:%M}"
    if isinstance(value, dt.date):
        return f"{value:%d/%m/%Y}"
    if isinstance(value, float):
        return f"{value:.10g}"
    text = str(value)
    return text if len(text) <= 80 else text[:79] + "…"


def _words(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", " ", fold(nfc(text))).strip()


_FOLDED = {_words(label): code for code, label in _LABEL.items()}
_FOLDED.update({_words(code): code for code in UPDATE_STATUSES})
_NEGATED = re.compile(r"\b(chua|khong|chang) (hoan thanh|thuc hien|xong)\b")
_CHOICES = ", ".join(UPDATE_STATUS_LABELS)


def read_status(cell: Cell) -> Reading:
    """The update status code typed into ``cell`` (None when empty)."""
    if cell.empty:
        return Reading(None)
    value = cell.value
    hint = f"Chọn một trong: {_CHOICES}."
    if not isinstance(value, str):
        raise CellProblem("bad-status", f"Tình trạng “{shown(cell)}” không phải một tình trạng.",
                          hint)
    text = " ".join(nfc(value).split())
    for code, label in _LABEL.items():
        if text.casefold() == label.casefold() or text == code:
            return Reading(code)
    words = _words(text)
    if words in _FOLDED:
        code = _FOLDED[words]
        return Reading(code, f"“{text}” được hiểu là “{_LABEL[code]}”.")
    hits = {code for folded, code in _FOLDED.items() if re.search(rf"\b{folded}\b", words)}
    if len(hits) == 1 and not _NEGATED.search(words):
        code = hits.pop()
        return Reading(code, f"“{text}” được hiểu là “{_LABEL[code]}”.")
    if len(hits) > 1 or _NEGATED.search(words):
        raise CellProblem("ambiguous-status",
                          f"Tình trạng “{text}” không rõ nghĩa (có thể hiểu nhiều cách).", hint)
    close = did_you_mean(words, list(_FOLDED))
    if close:
        close = re.sub(r"“([^”]+)”", lambda m: f"“{_LABEL[_FOLDED[m[1]]]}”", close)
    raise CellProblem("bad-status", f"Tình trạng “{text}” không có trong danh sách.",
                      f"{close} {hint}".strip())


_PERCENT_TEXT = re.compile(r"^([0-9]+(?:[.,][0-9]+)?)\s*(%|phần trăm|phan tram)?$")


def read_progress(cell: Cell) -> Reading:
    """Progress in percent, a whole number 0–100 (None when empty)."""
    if cell.empty:
        return Reading(None)
    value = cell.value
    hint = "Ghi số nguyên từ 0 đến 100, ví dụ 80 (hoặc 80%)."
    notice = None
    if isinstance(value, bool) or not isinstance(value, (int, float, str)):
        raise CellProblem("bad-progress", f"Tiến độ “{shown(cell)}” không phải số phần trăm.", hint)
    if isinstance(value, str):
        text = " ".join(nfc(value).replace("\u00a0", " ").split()).lower()
        match = _PERCENT_TEXT.match(text)
        if not match:
            raise CellProblem("bad-progress", f"Tiến độ “{value.strip()}” không phải số phần "
                              "trăm.", hint)
        number = float(match[1].replace(",", "."))
        percent_sign = match[2] is not None
    else:
        number = float(value)
        percent_sign = "%" in cell.number_format
        if percent_sign:
            number *= 100
    if not percent_sign and 0 < number < 1:
        number *= 100
        notice = f"Tiến độ “{shown(cell)}” được hiểu là {round(number)}%."
    whole = round(number)
    if abs(number - whole) > 1e-6:
        raise CellProblem("bad-progress", f"Tiến độ “{shown(cell)}” không phải số nguyên.",
                          f"Làm tròn thành số nguyên, ví dụ {whole}.")
    if not 0 <= whole <= 100:
        raise CellProblem("bad-progress", f"Tiến độ “{shown(cell)}” ngoài khoảng 0–100%.", hint)
    return Reading(whole, notice)


_DMY = re.compile(r"^(\d{1,2})\s*[/.\-]\s*(\d{1,2})\s*[/.\-]\s*(\d{2}|\d{4})$")
_ISO = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})(?:[ T]00:00(?::00)?)?$")
_WORDS_DATE = re.compile(r"^(?:ngày\s*)?(\d{1,2})\s*tháng\s*(\d{1,2})\s*năm\s*(\d{4})$")
_DATE_HINT = "Ghi ngày/tháng/năm đủ bốn chữ số năm, ví dụ 15/03/2026."


def read_date(cell: Cell, epoch: dt.date) -> Reading:
    """The date in ``cell`` (None when empty). ``epoch`` is the workbook's day 0."""
    if cell.empty:
        return Reading(None)
    value = cell.value
    if isinstance(value, dt.datetime):
        return Reading(value.date())
    if isinstance(value, dt.date):
        return Reading(value)
    if isinstance(value, bool) or not isinstance(value, (int, float, str)):
        raise CellProblem("bad-date", f"Ngày “{shown(cell)}” không phải một ngày.", _DATE_HINT)
    if isinstance(value, (int, float)):
        return _serial(value, cell, epoch)
    text = " ".join(nfc(value).split()).lower()
    if text.isdigit() and len(text) == 5:
        return _serial(int(text), cell, epoch)
    for pattern, order in ((_ISO, "ymd"), (_DMY, "dmy"), (_WORDS_DATE, "dmy")):
        match = pattern.match(text)
        if not match:
            continue
        parts = dict(zip(order, (int(g) for g in match.groups()), strict=True))
        if len(match.groups()[order.index("y")]) == 2:
            raise CellProblem("bad-date", f"Ngày “{value.strip()}” ghi năm hai chữ số.",
                              f"Ghi đủ năm, ví dụ {parts['d']:02d}/{parts['m']:02d}/20"
                              f"{parts['y']:02d}.")
        try:
            return Reading(dt.date(parts["y"], parts["m"], parts["d"]))
        except ValueError:
            if order == "dmy" and parts["m"] > 12 >= parts["d"]:
                raise CellProblem(
                    "bad-date", f"Ngày “{value.strip()}” có tháng {parts['m']}: có vẻ ghi "
                    "tháng trước ngày (kiểu Mỹ).",
                    f"Ghi ngày trước tháng: {parts['m']:02d}/{parts['d']:02d}/{parts['y']}.",
                ) from None
            raise CellProblem("bad-date", f"Ngày “{value.strip()}” không có trên lịch.",
                              _DATE_HINT) from None
    raise CellProblem("bad-date", f"Ngày “{value.strip()}” không đọc được.", _DATE_HINT)


def _serial(number: float, cell: Cell, epoch: dt.date) -> Reading:
    if not SERIAL_MIN <= number <= SERIAL_MAX:
        raise CellProblem("bad-date", f"Ngày “{shown(cell)}” là một con số, không phải ngày.",
                          _DATE_HINT)
    day = epoch + dt.timedelta(days=int(number))
    return Reading(day, f"Số “{shown(cell)}” được hiểu là ngày {day:%d/%m/%Y} (số ngày kiểu "
                        "Excel).")


def _refuse_unprintable(text: str, what: str) -> None:
    """Refuse the characters congkhai check refuses in any text, at the cell that holds them."""
    bad = _CONTROL.search(text)
    if bad:
        raise CellProblem(
            "control-character",
            f"{what} chứa ký tự điều khiển U+{ord(bad.group()):04X} ở ký tự thứ "
            f"{bad.start() + 1}.",
            "Gõ lại nội dung ô (ký tự này không hiện ra, thường do sao chép từ phần mềm khác); "
            "tệp kế hoạch không được chứa ký tự điều khiển.")
    hidden = INVISIBLE.search(text)
    if hidden:
        char = hidden.group()
        raise CellProblem(
            "invisible-character",
            f"{what} chứa ký tự vô hình U+{ord(char):04X} "
            f"({unicodedata.name(char, 'ký tự định dạng')}) ở ký tự thứ {hidden.start() + 1}.",
            "Gõ lại nội dung ô (ký tự này không hiện ra, thường do sao chép từ trang web, PDF "
            "hoặc Word): nó làm hai đoạn chữ giống nhau thành khác nhau, có thể đảo chiều chữ "
            "hiển thị hoặc ngắt dòng ngoài ý muốn.")


def read_text(cell: Cell, what: str, max_length: int = NOTE_MAX) -> str | None:
    """Free text (None when empty), NFC, line breaks as ``\\n``, outer spaces removed."""
    if cell.empty:
        return None
    value = cell.value
    if isinstance(value, dt.datetime | dt.date):
        text = shown(cell)
    elif isinstance(value, float) and value.is_integer():
        text = str(int(value))
    else:
        text = str(value)
    text = nfc(text).replace("\r\n", "\n").replace("\r", "\n").strip()
    _refuse_unprintable(text, what)
    if len(text) > max_length:
        raise CellProblem("text-too-long", f"{what} dài {len(text):,} ký tự, quá giới hạn "
                          f"{max_length:,}.".replace(",", "."), "Rút gọn, ghi chi tiết trong "
                          "văn bản báo cáo và dẫn số văn bản ở cột Minh chứng.")
    return text or None


_URL = re.compile(r"https?://[^\s<>\"“”']+", re.IGNORECASE)
_BAD_SCHEME = re.compile(r"\b(javascript|data|vbscript|file|ftp)\s*:", re.IGNORECASE)
_BARE_WWW = re.compile(r"(?<![/\w])(www\.[^\s<>\"“”']+)", re.IGNORECASE)


def read_evidence(cell: Cell) -> Reading:
    """Evidence as ``(link, other text)``: the first http(s) link, and the rest (document
    numbers, further links) to go with the note."""
    text = read_text(cell, "Minh chứng", 2_000) or ""
    links = [u.rstrip(".,;:)]") for u in _URL.findall(text)]
    if cell.link and cell.link.lower().startswith(("http://", "https://")):
        _refuse_unprintable(cell.link, "Liên kết của ô minh chứng")
        links.insert(0, cell.link.strip())
    elif cell.link and cell.formula is None:
        raise CellProblem("bad-evidence", f"Liên kết “{cell.link[:80]}” của ô minh chứng không "
                          "phải địa chỉ web.", "Chỉ dùng địa chỉ bắt đầu bằng https:// hoặc "
                          "http://.")
    if _BAD_SCHEME.search(_URL.sub(" ", text)):
        raise CellProblem("bad-evidence", f"Minh chứng “{shown(cell)}” có địa chỉ không phải "
                          "trang web.", "Chỉ dùng địa chỉ bắt đầu bằng https:// hoặc http://.")
    rest = _URL.sub(" ", text)
    bare = _BARE_WWW.search(rest)
    if bare:
        raise CellProblem("bad-evidence", f"Địa chỉ “{bare[1]}” thiếu phần https:// ở đầu.",
                          f"Ghi đầy đủ: https://{bare[1]}")
    for link in links:
        if " " in link or not re.match(r"https?://[^/\s]+\.[^/\s]+", link, re.IGNORECASE):
            raise CellProblem("bad-evidence", f"Địa chỉ “{link[:80]}” không hợp lệ.",
                              "Chép đầy đủ địa chỉ từ thanh địa chỉ của trình duyệt.")
    links = list(dict.fromkeys(links))
    rest = re.sub(r"\s+", " ", rest).strip(" ;,-–—:\n")
    others = [part for part in (rest, *links[1:]) if part]
    return Reading((links[0] if links else None, "; ".join(others) or None))
