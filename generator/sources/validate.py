"""Checking YAML nodes against the declared formats and turning them into plain Python values.

One walk does both: every problem is recorded with its line and column and the walk goes on, so a
single run reports everything wrong with a file. Values come out as dicts, lists, ``str``,
``int``, ``float``, ``bool``, ``datetime.date`` and ``None``; strings are in Unicode NFC. The
position of every value is kept in :class:`Marks` for the checks that come later (references,
duplicates), which need to point back at the right line.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlsplit

import yaml

from generator.sources.problems import ProblemList, did_you_mean
from generator.sources.spec import (
    MAX_DIGITS,
    MAX_ID_LENGTH,
    AnyOf,
    Boolean,
    Choice,
    Day,
    Integer,
    Items,
    Number,
    Record,
    Reference,
    Spec,
    Text,
    Url,
)
from generator.sources.textnorm import nfc

Path = tuple[str | int, ...]

_NULL_TAG = "tag:yaml.org,2002:null"
_INT_RE = re.compile(r"^[-+]?[0-9]+$")
_NUMBER_RE = re.compile(r"^[-+]?([0-9]+(\.[0-9]*)?|\.[0-9]+)$")
_ISO_DATE_RE = re.compile(r"^([0-9]{4})-([0-9]{2})-([0-9]{2})$")
# Control characters other than tab and line breaks, and the two Unicode non-characters: none
# belongs in a document's text, and they break YAML front matter, XML feeds and spreadsheets.
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ufffe\uffff]")
_VN_DATE_RE = re.compile(r"^([0-9]{1,2})[/.-]([0-9]{1,2})[/.-]([0-9]{4})$")
# Invisible characters: Unicode format characters (category Cf: zero-width space and joiners,
# bidirectional marks, embeddings, overrides and isolates, the BOM, the soft hyphen…) and the line
# and paragraph separators (Zl, Zp). None is visible in an editor, none belongs in a document's
# text, and they make two equal-looking texts differ, reverse what a reader sees (U+202E) or
# break lines where no line break was written. tests/test_schema_bounds.py checks this class
# against the Unicode database.
INVISIBLE = re.compile(
    "[\u00ad\u0600-\u0605\u061c\u06dd\u070f\u0890\u0891\u08e2\u180e\u200b-\u200f"
    "\u2028-\u202e\u2060-\u2064\u2066-\u206f\ufeff\ufff9-\ufffb\U000110bd\U000110cd"
    "\U00013430-\U0001343f\U0001bca0-\U0001bca3\U0001d173-\U0001d17a\U000e0001"
    "\U000e0020-\U000e007f]"
)
_UNPRINTABLE = re.compile(_CONTROL.pattern[:-1] + INVISIBLE.pattern[1:])
_MAX_INT_DIGITS = 9  # enough for every integer field; int() of thousands of digits is refused


def _shorten(raw: str, limit: int = 24) -> str:
    return raw if len(raw) <= limit else raw[:limit] + "…"


@dataclass
class Marks:
    """Where each value, and each mapping key, was written, by path.

    The YAML nodes themselves are kept (they carry their position); 1-based (line, column) pairs
    are computed only when a problem needs them.
    """

    values: dict[Path, yaml.Node] = field(default_factory=dict)
    keys: dict[Path, yaml.Node] = field(default_factory=dict)

    def at(self, path: Path) -> tuple[int, int]:
        """Where the value at ``path`` was written, or its nearest written ancestor."""
        while path:
            if path in self.values:
                return _position(self.values[path])
            path = path[:-1]
        return _position(self.values[()]) if () in self.values else (1, 1)

    def key_at(self, path: Path) -> tuple[int, int]:
        """Where the key leading to ``path`` was written (falls back to the value)."""
        node = self.keys.get(path)
        return _position(node) if node is not None else self.at(path)


def _position(node: yaml.Node) -> tuple[int, int]:
    return node.start_mark.line + 1, node.start_mark.column + 1


@dataclass
class Loaded:
    """A validated file: its plain value and the marks to locate anything in it."""

    file: str
    value: Any
    marks: Marks


class _Walker:
    def __init__(self, file: str, problems: ProblemList) -> None:
        self.file = file
        self.problems = problems
        self.marks = Marks()

    def error(self, node: yaml.Node, code: str, message: str,
              hint: str | Callable[[], str] = "") -> None:
        self.problems.add(
            self.file, node.start_mark.line + 1, node.start_mark.column + 1, code, message, hint
        )

    def walk(self, node: yaml.Node, spec: Spec, path: Path, name: str) -> Any:
        self.marks.values[path] = node

        if isinstance(node, yaml.ScalarNode) and node.tag == _NULL_TAG:
            if spec.nullable:
                return None
            self.error(
                node, "null-not-allowed",
                f"Trường “{name}” không được để trống.",
                "Điền giá trị; nếu văn bản thực sự không nêu, trường này không cho phép bỏ trống "
                "— hãy kiểm tra lại văn bản.",
            )
            return None

        if isinstance(spec, AnyOf):
            return self._any_of(node, spec, path, name)
        if isinstance(spec, Record):
            return self._record(node, spec, path, name)
        if isinstance(spec, Items):
            return self._items(node, spec, path, name)
        return self._scalar(node, spec, name)

    def _any_of(self, node: yaml.Node, spec: AnyOf, path: Path, name: str) -> Any:
        for option in spec.options:
            if _node_kind(node) == _spec_kind(option):
                return self.walk(node, option, path, name)
        expected = " hoặc ".join(dict.fromkeys(_KIND_NAMES[_spec_kind(o)] for o in spec.options))
        self.error(
            node, "wrong-type",
            f"Trường “{name}” cần {expected}, nhưng đang là {_KIND_NAMES[_node_kind(node)]}.",
            spec.description,
        )
        return None

    def _record(self, node: yaml.Node, spec: Record, path: Path, name: str) -> Any:
        if not isinstance(node, yaml.MappingNode):
            self.error(
                node, "wrong-type",
                f"“{name}” cần là một bảng khóa–giá trị ({spec.noun or 'mapping'}), "
                f"nhưng đang là {_KIND_NAMES[_node_kind(node)]}.",
                "Viết mỗi khóa trên một dòng, dạng `khoa: gia tri`, thụt lề đều nhau.",
            )
            return None
        out: dict[str, Any] = {}
        allowed = [f.name for f in spec.fields]
        for key_node, value_node in node.value:
            if not isinstance(key_node, yaml.ScalarNode):
                self.error(key_node, "bad-key", "Tên khóa phải là một chuỗi đơn giản.")
                continue
            key = key_node.value
            child_path = (*path, key)
            self.marks.keys[child_path] = key_node
            fdef = spec.field_named(key)
            if fdef is None:
                self.error(
                    key_node, "unknown-key",
                    f"Khóa “{key}” không có trong {spec.noun or 'bảng'} này.",
                    lambda key=key: did_you_mean(key, allowed)
                    or "Các khóa hợp lệ: " + ", ".join(allowed) + ".",
                )
                continue
            if key in out:
                self.error(
                    key_node, "duplicate-key",
                    f"Khóa “{key}” xuất hiện hai lần trong cùng {spec.noun or 'bảng'}.",
                    "Xóa một trong hai dòng; nếu không, chỉ giá trị sau được dùng.",
                )
                continue
            out[key] = self.walk(value_node, fdef.spec, child_path, key)
        for fdef in spec.fields:
            if fdef.name in out:
                continue
            if fdef.required:
                example = "null" if fdef.spec.nullable else "…"
                self.error(
                    node, "missing-field",
                    f"{(spec.noun or 'Bảng').capitalize()} thiếu khóa bắt buộc “{fdef.name}”.",
                    f"Thêm dòng `{fdef.name}: {example}`"
                    + (" (null nghĩa là văn bản không nêu)." if fdef.spec.nullable else "."),
                )
            out[fdef.name] = list(fdef.default) if isinstance(fdef.default, tuple) else (
                fdef.default
            )
        return out

    def _items(self, node: yaml.Node, spec: Items, path: Path, name: str) -> Any:
        if not isinstance(node, yaml.SequenceNode):
            self.error(
                node, "wrong-type",
                f"“{name}” cần là một danh sách, nhưng đang là {_KIND_NAMES[_node_kind(node)]}.",
                "Viết mỗi phần tử trên một dòng bắt đầu bằng “- ”, hoặc [] nếu không có.",
            )
            return []
        return [
            self.walk(child, spec.item, (*path, i), name) for i, child in enumerate(node.value)
        ]

    def _scalar(self, node: yaml.Node, spec: Spec, name: str) -> Any:
        if not isinstance(node, yaml.ScalarNode):
            self.error(
                node, "wrong-type",
                f"Trường “{name}” cần {_KIND_NAMES['scalar']}, "
                f"nhưng đang là {_KIND_NAMES[_node_kind(node)]}.",
                spec.description,
            )
            return None
        raw = node.value
        plain = node.style is None or node.style == ""
        if isinstance(spec, Day):
            return self._day(node, raw, spec, name)
        if isinstance(spec, Integer):
            return self._integer(node, raw, plain, spec, name)
        if isinstance(spec, Number):
            return self._number(node, raw, plain, spec, name)
        if isinstance(spec, Boolean):
            return self._boolean(node, raw, plain, name)
        text = nfc(raw)
        if not self._printable(node, text, name):
            return None
        if not text.strip():
            self.error(node, "empty-text", f"Trường “{name}” đang rỗng.",
                       "Điền nội dung, hoặc viết null nếu trường cho phép bỏ trống.")
            return None
        if isinstance(spec, Choice):
            if text not in spec.values:
                self.error(
                    node, "unknown-choice",
                    f"Giá trị “{_shorten(text, 60)}” không hợp lệ cho “{name}”.",
                    lambda: did_you_mean(text, spec.values)
                    or "Giá trị hợp lệ: " + ", ".join(spec.values) + ".",
                )
                return None
            return text
        if isinstance(spec, Url):
            return self._url(node, text, name)
        if isinstance(spec, Reference):
            if len(text) > MAX_ID_LENGTH or not re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", text):
                self.error(
                    node, "bad-reference",
                    f"“{_shorten(text, 100)}” không phải là một mã hợp lệ cho “{name}”.",
                    "Mã chỉ gồm chữ thường không dấu, số và dấu gạch ngang (tối đa "
                    f"{MAX_ID_LENGTH} ký tự), ví dụ khanh-hoa-so-noi-vu.",
                )
                return None
            return text
        if isinstance(spec, Text):
            return self._text(node, text, spec, name)
        raise TypeError(f"unsupported spec {spec!r}")  # pragma: no cover - schema bug

    def _boolean(self, node: yaml.Node, raw: str, plain: bool, name: str) -> bool | None:
        if plain and raw in ("true", "false", "True", "False"):
            return raw.lower() == "true"
        self.error(node, "wrong-type", f"Trường “{name}” cần true hoặc false, "
                   f"nhưng đang là “{_shorten(raw)}”.",
                   "Viết true hoặc false (không dấu ngoặc).")
        return None

    def _printable(self, node: yaml.Node, text: str, name: str) -> bool:
        """Whether ``text`` is free of control and invisible characters (an error if not)."""
        # one scan for both classes (every scalar of every file goes through here)
        suspect = _UNPRINTABLE.search(text)
        bad = _CONTROL.search(text) if suspect else None
        if bad:
            self.error(
                node, "control-character",
                f"Trường “{name}” chứa ký tự điều khiển không in được "
                f"(U+{ord(bad.group()):04X}).",
                "Xóa ký tự này (thường do sao chép từ PDF hoặc Word, hoặc do viết \\x… trong "
                "chuỗi ngoặc kép); chỉ giữ chữ, số, dấu câu, xuống dòng.",
            )
            return False
        hidden = INVISIBLE.search(text) if suspect else None
        if hidden:
            char = hidden.group()
            self.error(
                node, "invisible-character",
                f"Trường “{name}” chứa ký tự vô hình U+{ord(char):04X} "
                f"({unicodedata.name(char, 'ký tự định dạng')}) ở ký tự thứ {hidden.start() + 1}.",
                "Xóa ký tự này (thường do sao chép từ trang web, PDF hoặc Word): nó không hiện "
                "ra nhưng làm hai đoạn chữ giống nhau thành khác nhau, có thể đảo chiều chữ hiển "
                "thị (U+202E) hoặc ngắt dòng ngoài ý muốn (U+2028).",
            )
            return False
        return True

    def _text(self, node: yaml.Node, text: str, spec: Text, name: str) -> str | None:
        if len(text) > spec.max_length:
            self.error(node, "text-too-long",
                       f"Trường “{name}” dài {len(text)} ký tự (tối đa {spec.max_length}).",
                       "Mã được dùng làm tên tệp và địa chỉ trang: hãy rút gọn."
                       if spec.pattern else "Kiểm tra có dán nhầm nội dung không.")
            return None
        if spec.pattern and not re.fullmatch(spec.pattern.removeprefix("^").removesuffix("$"),
                                             text):
            self.error(node, "bad-id", f"“{text}” không hợp lệ cho “{name}”.",
                       f"Cần {spec.pattern_hint}.")
            return None
        if text in spec.reserved:
            self.error(node, "reserved-id",
                       f"Mã “{text}” được dành cho trang do hệ thống tạo (“{text}” là trang "
                       f"danh sách hoặc thư mục dữ liệu), không dùng được cho “{name}”.",
                       "Chọn mã khác: các mã " + ", ".join(f"“{r}”" for r in spec.reserved)
                       + " không dùng được.")
            return None
        return text

    def _day(self, node: yaml.Node, raw: str, spec: Day, name: str) -> dt.date | None:
        match = _ISO_DATE_RE.match(raw.strip())
        if match:
            try:
                day = dt.date(int(match[1]), int(match[2]), int(match[3]))
            except ValueError:
                self.error(node, "invalid-date", f"Ngày “{raw}” không tồn tại.",
                           "Kiểm tra lại ngày và tháng (viết YYYY-MM-DD).")
                return None
            if not spec.minimum <= day <= spec.maximum:
                self.error(node, "out-of-range",
                           f"Ngày {day.isoformat()} của “{name}” nằm ngoài khoảng "
                           f"{spec.minimum.isoformat()} – {spec.maximum.isoformat()}.",
                           "Kiểm tra lại năm (thường do gõ nhầm); văn bản, thời hạn và tiến độ "
                           "của kế hoạch chỉ có thể nằm trong khoảng này.")
                return None
            return day
        vn = _VN_DATE_RE.match(raw.strip())
        hint = "Viết ngày theo dạng YYYY-MM-DD"
        if vn:
            hint += f", ví dụ {vn[3]}-{int(vn[2]):02d}-{int(vn[1]):02d}"
        self.error(node, "bad-date-format",
                   f"“{_shorten(raw)}” không phải ngày hợp lệ cho “{name}”.", hint + ".")
        return None

    def _integer(
        self, node: yaml.Node, raw: str, plain: bool, spec: Integer, name: str
    ) -> int | None:
        if not (plain and _INT_RE.match(raw)):
            self.error(node, "wrong-type", f"Trường “{name}” cần một số nguyên, "
                       f"nhưng đang là “{_shorten(raw)}”.", "Viết số không có dấu ngoặc, ví dụ 40.")
            return None
        digits = raw.lstrip("+-").lstrip("0")
        value = int(raw) if len(digits) <= _MAX_INT_DIGITS else None
        if value is None or (spec.minimum is not None and value < spec.minimum) or (
            spec.maximum is not None and value > spec.maximum
        ):
            self.error(
                node, "out-of-range",
                f"Giá trị {_shorten(raw)} của “{name}” nằm ngoài khoảng "
                f"{spec.minimum}–{spec.maximum}.",
                "Tiến độ tính theo phần trăm, từ 0 đến 100." if name == "progress" else
                "Kiểm tra lại số (thường do gõ nhầm).",
            )
            return None
        return value

    def _number(self, node: yaml.Node, raw: str, plain: bool, spec: Number,
                name: str) -> float | int | None:
        if plain and _NUMBER_RE.match(raw):
            whole, _, fraction = raw.lstrip("+-").partition(".")
            if len(whole.lstrip("0") + fraction) > MAX_DIGITS:
                self.error(node, "out-of-range",
                           f"Số {_shorten(raw)} của “{name}” có quá {MAX_DIGITS} chữ số.",
                           f"Ghi tối đa {MAX_DIGITS} chữ số (kể cả phần thập phân), như văn "
                           "bản ghi; bảng tính và trang web không giữ được số dài hơn.")
                return None
            value = float(raw)
            if not spec.minimum <= value <= spec.maximum:
                self.error(node, "out-of-range",
                           f"Số {_shorten(raw)} của “{name}” nằm ngoài khoảng "
                           f"{spec.minimum:,.0f} – {spec.maximum:,.0f}.".replace(",", "."),
                           "Kiểm tra lại số; nếu đơn vị quá nhỏ, đổi đơn vị (ví dụ “tỷ đồng”).")
                return None
            return int(value) if value.is_integer() and "." not in raw else value
        hint = "Viết số không có dấu ngoặc, dùng dấu chấm thập phân"
        if re.match(r"^[-+]?[0-9]+,[0-9]+$", raw):
            hint += f": {raw.replace(',', '.')}"
        self.error(node, "wrong-type",
                   f"Trường “{name}” cần một số, nhưng đang là “{_shorten(raw)}”.", hint + ".")
        return None

    def _url(self, node: yaml.Node, text: str, name: str) -> str | None:
        parts = urlsplit(text.strip())
        if parts.scheme.lower() in ("http", "https") and parts.netloc and " " not in text.strip():
            return text.strip()
        self.error(
            node, "bad-url",
            f"Địa chỉ “{text[:80]}” của “{name}” không hợp lệ.",
            "Chỉ chấp nhận địa chỉ đầy đủ bắt đầu bằng https:// hoặc http:// "
            "(không chấp nhận javascript:, data: hay đường dẫn tương đối).",
        )
        return None


_KIND_NAMES = {
    "scalar": "một giá trị đơn (chuỗi, số hoặc ngày)",
    "list": "một danh sách",
    "mapping": "một bảng khóa–giá trị",
}


def _node_kind(node: yaml.Node) -> str:
    if isinstance(node, yaml.MappingNode):
        return "mapping"
    if isinstance(node, yaml.SequenceNode):
        return "list"
    return "scalar"


def _spec_kind(spec: Spec) -> str:
    if isinstance(spec, Record):
        return "mapping"
    if isinstance(spec, Items):
        return "list"
    return "scalar"


def validate_nodes(root: yaml.Node, spec: Record, file: str, problems: ProblemList) -> Loaded:
    """Walk ``root`` against ``spec``; return the plain value and its marks."""
    walker = _Walker(file, problems)
    value = walker.walk(root, spec, (), spec.noun)
    return Loaded(file, value, walker.marks)
