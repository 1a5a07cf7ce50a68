"""Vietnamese names of the format's keys, for people: what a change history says was edited,
and how an editor's note that names a key ("legal_bases", "signer.name") reads on a page.

Keys stay English in the files (they are the format); readers never see them.
"""

from __future__ import annotations

import re

PLAN_FIELDS: dict[str, str] = {
    "id": "mã kế hoạch",
    "title": "tên kế hoạch",
    "demo": "dấu dữ liệu minh họa",
    "period": "giai đoạn",
    "notes": "ghi chú về bản sao",
    "legal_bases": "căn cứ",
    "objectives": "mục tiêu",
    "baselines": "số liệu xuất phát",
    "sections": "các mục nhiệm vụ",
    "duties": "trách nhiệm của các cơ quan",
    "relations": "quan hệ với văn bản khác",
}

DOCUMENT_FIELDS: dict[str, str] = {
    "type": "hình thức văn bản",
    "number": "số ký hiệu",
    "issued": "ngày ban hành",
    "effective": "hiệu lực",
    "issuer": "cơ quan ban hành",
    "place": "địa danh",
    "signer": "người ký",
    "summary": "trích yếu",
    "source": "nguồn văn bản",
}

SECTION_FIELDS: dict[str, str] = {
    "part": "phần",
    "title": "tiêu đề",
    "area": "lĩnh vực",
}

TASK_FIELDS: dict[str, str] = {
    "title": "tên nhiệm vụ",
    "output": "sản phẩm",
    "deadline": "tiến độ",
    "lead": "cơ quan chủ trì",
    "support": "cơ quan phối hợp",
    "assignment": "nguyên văn phân công",
    "how": "cách thức thực hiện",
    "area": "lĩnh vực",
    "objectives": "mục tiêu",
}

OBJECTIVE_FIELDS: dict[str, str] = {
    "text": "nội dung",
    "targets": "chỉ tiêu",
}

# Keys as editors name them in a plan's notes about its copy, and the words a reader sees. The
# page's section titles are quoted, so that "không ghi vào legal_bases" reads "không ghi vào
# “Căn cứ”".
NOTE_TERMS: tuple[tuple[str, str], ...] = (
    # A key in parentheses after the Vietnamese word for it glosses it for editors only.
    (r" \((?:targets|objectives|legal_bases|duties|baselines|assignment|notes|lost_in_copy)\)",
     ""),
    (r"để null\s*/\s*\[\]", "để trống"),
    (r"null\s*/\s*\[\]", "trống"),
    (r"để null", "để trống"),
    (r"để \[\]", "để trống"),
    (r"signer\.name", "họ tên người ký"),
    (r"signer\.form", "thể thức ký"),
    (r"legal_bases", "“Căn cứ”"),
    (r"duties", "“Trách nhiệm của các cơ quan”"),
    (r"objectives", "“Mục tiêu”"),
    (r"baselines", "“Số liệu xuất phát”"),
    (r"targets", "chỉ tiêu"),
    (r"notes", "ghi chú về bản sao"),
    (r"assignment", "“Nguyên văn phân công”"),
    (r"lost_in_copy", "danh sách những gì bản sao không có"),
    (r"lead", "cơ quan chủ trì"),
    (r"support", "cơ quan phối hợp"),
    (r"output", "sản phẩm"),
    (r"deadline", "tiến độ"),
    (r"agency", "cơ quan"),
    (r"Id", "Số hiệu"),
    (r"id", "số hiệu"),
    (r"null", "trống"),
    (r"\[\]", "trống"),
)
_NOTE_RE = re.compile("|".join(f"(?<![\\w.])(?:{pattern})(?![\\w])" if pattern[0].isalpha()
                               else f"(?:{pattern})" for pattern, _ in NOTE_TERMS))
_NOTE_WORDS = [(re.compile(p), w) for p, w in NOTE_TERMS]


def plain_words(text: str) -> str:
    """``text`` (an editor's note) with the format's key names replaced by Vietnamese words."""

    def word(match: re.Match[str]) -> str:
        found = match.group(0)
        return next(w for p, w in _NOTE_WORDS if p.fullmatch(found))

    return _NOTE_RE.sub(word, text)
