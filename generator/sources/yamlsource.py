"""Reading YAML files safely into a node tree that remembers where everything was written.

Files are read as bytes, checked (size, binary content, UTF-8, tab indentation, nesting depth,
aliases) and composed, not constructed: composing never expands aliases, and aliases are refused
before anything reads the tree. Construction into Python values happens in
:mod:`generator.sources.validate`, guided by the schema, so that a value like ``1.10`` stays the
text the editor typed.
"""

from __future__ import annotations

import re
from pathlib import Path

import yaml

from generator.sources.problems import ProblemList

MAX_FILE_BYTES = 5 * 1024 * 1024

try:
    _Base: type = yaml.CSafeLoader
except AttributeError:  # pragma: no cover - PyYAML built without libyaml
    _Base = yaml.SafeLoader

_NULL_TAG = "tag:yaml.org,2002:null"
_STR_TAG = "tag:yaml.org,2002:str"
_NULL_VALUES = frozenset({"", "~", "null", "Null", "NULL"})


class _Loader(_Base):  # type: ignore[misc,valid-type]
    """The safe loader with a minimal resolver.

    The validator reads every scalar's text according to the schema, so the only implicit type it
    needs is null; skipping PyYAML's regex resolver saves about a tenth of the parse time.
    """

    def resolve(self, kind: type, value: str | None, implicit: tuple[bool, bool]) -> str:
        if kind is yaml.ScalarNode and implicit[0] and value in _NULL_VALUES:
            return _NULL_TAG
        return _STR_TAG if kind is yaml.ScalarNode else (
            "tag:yaml.org,2002:seq" if kind is yaml.SequenceNode else "tag:yaml.org,2002:map"
        )

# PyYAML's English problem texts, with what an editor should read instead.
_SYNTAX_MESSAGES: list[tuple[str, str, str]] = [
    (
        "mapping values are not allowed",
        "Dấu hai chấm “:” không hợp lệ ở vị trí này.",
        "Nếu nội dung có “: ”, hãy đặt cả chuỗi trong dấu ngoặc kép \"...\"; "
        "nếu không, kiểm tra lại thụt lề của dòng.",
    ),
    (
        "could not find expected ':'",
        "Thiếu dấu hai chấm “:” sau tên khóa.",
        "Mỗi dòng khóa có dạng `khoa: gia tri`; chuỗi dài nhiều dòng hãy viết sau `>-`.",
    ),
    (
        "did not find expected key",
        "Thụt lề không khớp: không tìm thấy khóa ở vị trí mong đợi.",
        "Các khóa cùng cấp phải thẳng hàng; các mục danh sách bắt đầu bằng “- ” cùng một cột.",
    ),
    (
        "did not find expected '-' indicator",
        "Thụt lề không khớp trong danh sách.",
        "Các mục danh sách phải bắt đầu bằng “- ” và thẳng cột với nhau.",
    ),
    (
        "found undefined alias",
        "Dùng bí danh (*) chưa được định nghĩa.",
        "Không dùng anchor (&) và alias (*) trong tệp dữ liệu; hãy viết đầy đủ giá trị.",
    ),
    (
        "found unexpected end of stream",
        "Tệp kết thúc giữa chừng (thiếu dấu ngoặc kép hoặc ngoặc đóng).",
        "Kiểm tra dấu ngoặc kép \" và ngoặc ] } đã được đóng.",
    ),
    (
        "found unknown escape character",
        "Ký tự thoát “\\” không hợp lệ trong chuỗi ngoặc kép.",
        "Trong chuỗi \"...\" hãy viết \\\\ cho dấu gạch chéo ngược, hoặc dùng ngoặc đơn '...'.",
    ),
    (
        "found character that cannot start any token",
        "Ký tự không thể bắt đầu một giá trị YAML.",
        "Đặt giá trị trong dấu ngoặc kép \"...\" (thường gặp với ký tự @, ` hoặc %).",
    ),
    (
        "found another document",
        "Tệp chứa nhiều tài liệu YAML (có dòng `---` ở giữa).",
        "Mỗi tệp chỉ chứa một kế hoạch hoặc một danh mục; xóa dòng `---` thừa.",
    ),
    (
        "exceeded maximum nesting depth",
        "Dữ liệu lồng nhau quá sâu.",
        "Tệp kế hoạch không cần lồng quá vài cấp; kiểm tra tệp có bị dán nhầm hoặc bị hỏng.",
    ),
    (
        "block sequence entries are not allowed",
        "Mục danh sách “- ” không được đặt ở vị trí này.",
        "Đặt “- ” ở đầu dòng mới, thụt lề thẳng cột với các mục khác của cùng danh sách; nếu "
        "giá trị là chữ bắt đầu bằng “- ”, đặt cả chuỗi trong dấu ngoặc kép \"...\".",
    ),
    (
        "did not find expected comment or line break",
        "Có nội dung thừa sau giá trị trên dòng này.",
        "Một dòng chỉ có một giá trị; chữ có dấu ngoặc kép ở giữa hãy đặt cả chuỗi trong dấu "
        "ngoặc đơn '...', hoặc xóa phần thừa.",
    ),
    (
        "did not find expected node content",
        "Thiếu giá trị ở vị trí này.",
        "Viết giá trị sau dấu hai chấm hoặc sau “- ”; chữ bắt đầu bằng ký tự đặc biệt hãy đặt "
        "trong dấu ngoặc kép \"...\".",
    ),
    (
        "did not find expected ',' or ']'",
        "Danh sách trong ngoặc vuông [ ] chưa được đóng đúng cách.",
        "Các phần tử cách nhau bằng dấu phẩy và danh sách kết thúc bằng “]”; chữ có dấu phẩy "
        "hãy đặt trong dấu ngoặc kép \"...\".",
    ),
    (
        "did not find expected ',' or '}'",
        "Bảng trong ngoặc nhọn { } chưa được đóng đúng cách.",
        "Các cặp khóa: giá trị cách nhau bằng dấu phẩy và kết thúc bằng “}”.",
    ),
    (
        "did not find expected alphabetic or numeric character",
        "Sau dấu & hoặc * phải là một tên; ở đây không có.",
        "Nếu đây là chữ bắt đầu bằng & hoặc *, đặt cả chuỗi trong dấu ngoặc kép \"...\".",
    ),
    (
        "found a tab character",
        "Ký tự Tab ở vị trí thụt lề; YAML chỉ cho phép dấu cách.",
        "Thay Tab bằng 2 dấu cách (VS Code: “Convert Indentation to Spaces”).",
    ),
    (
        "found unexpected ':'",
        "Dấu hai chấm “:” không hợp lệ ở vị trí này.",
        "Đặt cả chuỗi có dấu “:” trong dấu ngoặc kép \"...\".",
    ),
    (
        "special characters are not allowed",
        "Tệp chứa ký tự điều khiển không được phép.",
        "Xóa ký tự lạ (thường do sao chép từ PDF hoặc Word) và lưu lại tệp dạng UTF-8.",
    ),
    (
        "unacceptable character",
        "Tệp chứa ký tự điều khiển không được phép.",
        "Xóa ký tự lạ (thường do sao chép từ PDF hoặc Word) và lưu lại tệp dạng UTF-8.",
    ),
]

_TAB_INDENT = re.compile(r"^[ ]*\t", re.MULTILINE)
_BRACKET = re.compile(r"[\[\]{}]")
# An alias is "*name" where a value may start; Markdown emphasis ("**đậm**") is not. An anchor
# "&name" and a tag "!tag" also start where a value (or key) may start; a directive starts a line.
# The pattern starts with the four characters so that the engine can skip to them: scanning a
# 5 MB file takes milliseconds, not the second an alternation of lookbehinds takes.
_FEATURE_LIKE = re.compile(
    r"[*&!%](?:(?<=\*)(?<![^\s\[{,:]\*)[^\s,\[\]{}*]+(?=[\s,\]}]|$)"
    r"|(?<=[&!])(?<![^\s\[{,:?-][&!])[^\s,\[\]{}]"
    r"|(?<=%)(?<![^\n]%))",
    re.MULTILINE,
)
_DEEP_INDENT = re.compile(r"^ {400,}\S", re.MULTILINE)
# "- - - - x" nests one block list per dash on a single line, without any indentation.
_DEEP_DASHES = re.compile(r"^[ ]*(?:-[ ]+){100,}", re.MULTILINE)
# libyaml composes recursively; far below the nesting that would exhaust the C stack.
MAX_FLOW_DEPTH = 100


def read_text(path: Path, display: str, problems: ProblemList) -> str | None:
    """Read ``path`` as UTF-8 text (a BOM is accepted and dropped), or record why it cannot be.

    A symbolic link is refused without being followed: its target could be any file of the
    machine, and an error message would print lines of it."""
    if path.is_symlink():
        problems.add(display, 1, 1, "symlink",
                     "Tệp là liên kết tượng trưng (symlink), không phải tệp dữ liệu thật.",
                     "Thay liên kết bằng chính tệp (chép nội dung vào đây); dữ liệu chỉ được đọc "
                     "từ tệp thật trong dự án.")
        return None
    try:
        size = path.stat().st_size
        if not path.is_file():
            raise IsADirectoryError(21, "không phải là tệp")
    except OSError as exc:
        problems.add(display, 1, 1, "unreadable", f"Không đọc được tệp: {exc.strerror}.",
                     "Kiểm tra đường dẫn trỏ tới một tệp YAML, không phải thư mục.")
        return None
    if size > MAX_FILE_BYTES:
        problems.add(
            display, 1, 1, "file-too-large",
            f"Tệp quá lớn ({size / 1048576:.1f} MB; giới hạn {MAX_FILE_BYTES // 1048576} MB).",
            "Mỗi tệp chỉ chứa một văn bản; hãy tách dữ liệu hoặc kiểm tra tệp có bị dán nhầm.",
        )
        return None
    try:
        data = path.read_bytes()
    except OSError as exc:
        problems.add(display, 1, 1, "unreadable", f"Không đọc được tệp: {exc.strerror}.",
                     "Kiểm tra quyền đọc tệp.")
        return None
    if b"\x00" in data:
        line = data[: data.index(b"\x00")].count(b"\n") + 1
        problems.add(
            display, line, 1, "binary-file",
            "Tệp chứa dữ liệu nhị phân (byte 0), không phải văn bản YAML.",
            "Kiểm tra đúng tệp; lưu lại dưới dạng văn bản UTF-8.",
        )
        return None
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        column = exc.start - (data.rfind(b"\n", 0, exc.start) + 1) + 1
        problems.add(
            display, line, column, "not-utf8",
            f"Tệp không phải mã UTF-8 (byte 0x{data[exc.start]:02x} không hợp lệ).",
            "Mở tệp trong trình soạn thảo và lưu lại với bảng mã UTF-8 "
            "(VS Code: “Save with Encoding” → UTF-8).",
        )
        return None
    return text


def check_tabs(text: str, display: str, problems: ProblemList) -> bool:
    """Record every line indented with a tab; return True when there is none."""
    ok = True
    for match in _TAB_INDENT.finditer(text):
        line = text.count("\n", 0, match.start()) + 1
        column = match.end() - match.start()
        problems.add(
            display, line, column, "tab-indent",
            "Dòng được thụt lề bằng ký tự Tab; YAML chỉ cho phép dấu cách.",
            "Thay Tab bằng 2 dấu cách (VS Code: “Convert Indentation to Spaces”).",
        )
        ok = False
    return ok


def check_nesting(text: str, display: str, problems: ProblemList) -> bool:
    """Refuse absurd nesting before the parser recurses into it; True when the text is fine."""
    depth = deepest = 0
    where = 0
    for match in _BRACKET.finditer(text):
        if match.group() in "[{":
            depth += 1
            if depth > deepest:
                deepest, where = depth, match.start()
        elif depth:
            depth -= 1
    indent = _DEEP_INDENT.search(text) or _DEEP_DASHES.search(text)
    if deepest <= MAX_FLOW_DEPTH and indent is None:
        return True
    at = where if deepest > MAX_FLOW_DEPTH else indent.start()  # type: ignore[union-attr]
    line, column = _position(text, at)
    problems.add(
        display, line, column, "too-deep",
        "Dữ liệu lồng nhau quá sâu (quá nhiều ngoặc [ { hoặc thụt lề quá sâu).",
        "Tệp kế hoạch không cần lồng quá vài cấp; kiểm tra tệp có bị dán nhầm hoặc bị hỏng.",
    )
    return False


def check_aliases(text: str, display: str, problems: ProblemList) -> bool:
    """Refuse YAML aliases (*name), anchors (&name), tags (!tag, !!python/…) and directives
    (%TAG, %YAML), each kind once at its first position with the count; True when there is
    none.

    The format needs none of them. Aliases make a file hard to read and are how "billion laughs"
    files blow up; an anchor is only useful to an alias; a tag asks a YAML library to build an
    object (``!!python/object/apply:os.system`` in a careless loader), and even ``!!str`` means
    the file was written by a tool, not by hand. Only files where something looks like one of
    them are scanned, so ordinary files (Markdown bold, "A & B", "Chú ý!") cost nothing here.
    """
    if not _FEATURE_LIKE.search(text):
        return True
    found: dict[type, list[yaml.Token]] = {}
    try:
        for token in yaml.scan(text, Loader=_Loader):
            if isinstance(token, _FEATURE_TOKENS):
                found.setdefault(type(token), []).append(token)
    except yaml.YAMLError:
        return True  # the composer reports the syntax error with its position
    for kind, code, message, hint in _FEATURES:
        tokens = found.get(kind)
        if not tokens:
            continue
        first = tokens[0]
        more = f" (tệp có {len(tokens)} chỗ như vậy)" if len(tokens) > 1 else ""
        problems.add(
            display, first.start_mark.line + 1, first.start_mark.column + 1, code,
            message.format(_token_text(first)) + more, hint,
        )
    return not found


def _token_text(token: yaml.Token) -> str:
    value = getattr(token, "value", None)
    if isinstance(token, yaml.TagToken) and isinstance(value, tuple):
        return (value[0] or "") + (value[1] or "")
    if isinstance(token, yaml.DirectiveToken):
        return "%" + str(token.name)
    return str(value)[:60]


_FEATURE_TOKENS = (yaml.AliasToken, yaml.AnchorToken, yaml.TagToken, yaml.DirectiveToken)
_FEATURES = (
    (yaml.AliasToken, "yaml-alias", "Không dùng alias (*{}) trong tệp dữ liệu.",
     "Viết đầy đủ giá trị tại chỗ thay cho anchor (&) và alias (*)."),
    (yaml.AnchorToken, "yaml-anchor", "Không dùng anchor (&{}) trong tệp dữ liệu.",
     "Xóa “&tên” trước giá trị; mỗi giá trị được viết đầy đủ tại chỗ của nó."),
    (yaml.TagToken, "yaml-tag", "Không dùng thẻ kiểu YAML ({}) trong tệp dữ liệu.",
     "Xóa thẻ (phần bắt đầu bằng !) và viết giá trị bình thường; chữ có ký tự đặc biệt thì đặt "
     "trong dấu ngoặc kép \"...\". Hệ thống tự biết kiểu của từng trường."),
    (yaml.DirectiveToken, "yaml-tag", "Không dùng chỉ thị YAML ({}) trong tệp dữ liệu.",
     "Xóa dòng bắt đầu bằng % ở đầu tệp."),
)


def compose(text: str, display: str, problems: ProblemList) -> yaml.Node | None:
    """Parse ``text`` into a YAML node tree, recording a located syntax error on failure."""
    try:
        node = yaml.compose(text, Loader=_Loader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        if exc.context_mark is not None and (mark is None or mark.index >= len(text) - 1):
            # An unclosed quote or bracket surfaces at the end of the file; the editor needs
            # the place where it was opened.
            mark = exc.context_mark
        line = mark.line + 1 if mark else 1
        column = mark.column + 1 if mark else 1
        raw = f"{exc.context or ''} {exc.problem or ''}".strip() or str(exc)
        message, hint = _translate(raw)
        if "nesting depth" in raw:
            problems.add(display, line, column, "too-deep", message, hint)
        else:
            problems.add(display, line, column, "yaml-syntax", message, hint)
        return None
    except yaml.reader.ReaderError as exc:
        # libyaml reports a byte offset, the pure-Python reader a character offset.
        index = exc.position
        if _Base is not yaml.SafeLoader:
            index = len(text.encode("utf-8")[: exc.position].decode("utf-8", errors="ignore"))
        line, column = _position(text, index)
        message, hint = _translate("unacceptable character")
        problems.add(display, line, column, "yaml-syntax",
                     f"{message} (mã U+{exc.character:04X})"
                     if isinstance(exc.character, int) else message, hint)
        return None
    except yaml.YAMLError as exc:
        message, hint = _translate(str(exc))
        problems.add(display, 1, 1, "yaml-syntax", message, hint)
        return None
    if node is None:
        problems.add(
            display, 1, 1, "empty-file", "Tệp rỗng.", "Xóa tệp hoặc điền nội dung theo mẫu."
        )
    return node


def _position(text: str, index: int) -> tuple[int, int]:
    line = text.count("\n", 0, index) + 1
    column = index - (text.rfind("\n", 0, index) + 1) + 1
    return line, column


def load_nodes(path: Path, display: str, problems: ProblemList) -> tuple[yaml.Node | None, str]:
    """Read, check and compose one file. Returns the root node (or None) and the text."""
    text = read_text(path, display, problems)
    if text is None:
        return None, ""
    if not (
        check_tabs(text, display, problems)
        and check_nesting(text, display, problems)
        and check_aliases(text, display, problems)
    ):
        return None, text
    return compose(text, display, problems), text


def _translate(raw: str) -> tuple[str, str]:
    for needle, message, hint in _SYNTAX_MESSAGES:
        if needle in raw:
            return message, hint
    return (
        f"Lỗi cú pháp YAML ({raw.strip()}).",
        "Kiểm tra thụt lề, dấu hai chấm và dấu ngoặc kép ở dòng này và dòng ngay trước.",
    )
