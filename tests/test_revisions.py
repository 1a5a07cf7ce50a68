"""What the public history says changed between two versions of a plan (pure, table-tested)."""

from __future__ import annotations

import copy
import datetime as dt
from typing import Any

import pytest

from generator.facts.revisions import FORMAT_ONLY, MAX_LINES, describe, quote

BASE: dict[str, Any] = {
    "id": "p",
    "title": "Kế hoạch cải cách hành chính năm 2025",
    "document": {"number": "01/KH-UBND", "issued": dt.date(2025, 1, 10), "issuer": "ubnd",
                 "signer": {"name": "Nguyễn Văn A", "form": "CHỦ TỊCH"}},
    "period": {"start": 2025, "end": 2025},
    "notes": ["Ghi chú một."],
    "objectives": [{"id": "1", "text": "Chỉ số đạt 85 điểm", "targets": [],
                    "updates": []}],
    "sections": [{"id": "I", "title": "Thể chế", "area": "the-che", "tasks": [
        {"id": "I.1", "title": "Rà soát", "output": "Báo cáo", "deadline": "Quý I/2025",
         "lead": "so-tu-phap", "support": [], "updates": [
             {"date": dt.date(2025, 3, 1), "status": "dang-thuc-hien", "progress": 40}],
         "subtasks": [{"id": "I.1.a", "title": "Con", "output": None, "deadline": None,
                       "lead": None}]},
    ]}],
}
NAMES = {"so-tu-phap": "Sở Tư pháp", "so-noi-vu": "Sở Nội vụ", "the-che": "Cải cách thể chế",
         "ubnd": "UBND tỉnh"}


def edited(**changes: Any) -> dict[str, Any]:
    plan = copy.deepcopy(BASE)
    for path, value in changes.items():
        node: Any = plan
        keys = path.split("__")
        for key in keys[:-1]:
            node = node[int(key)] if key.isdigit() else node[key]
        last = keys[-1]
        if value is DELETE:
            del node[int(last) if last.isdigit() else last]
        elif last.isdigit():
            node[int(last)] = value
        else:
            node[last] = value
    return plan


DELETE = object()
TASK = "sections__0__tasks__0"

CASES = [
    ("number", edited(document__number="01/KH-UBND-SĐ"),
     ["Sửa số ký hiệu từ “01/KH-UBND” thành “01/KH-UBND-SĐ”."]),
    ("issued", edited(document__issued=dt.date(2025, 1, 12)),
     ["Sửa ngày ban hành từ 10/01/2025 thành 12/01/2025."]),
    ("issuer is named", edited(document__issuer="so-noi-vu"),
     ["Sửa cơ quan ban hành từ “UBND tỉnh” thành “Sở Nội vụ”."]),
    ("signer form only", edited(document__signer={"name": "Nguyễn Văn A", "form": "KT."}),
     ["Sửa thể thức ký của người ký."]),
    ("title", edited(title="Kế hoạch CCHC 2025"),
     ["Sửa tên kế hoạch từ “Kế hoạch cải cách hành chính năm 2025” thành “Kế hoạch CCHC 2025”."]),
    ("period", edited(period={"start": 2025, "end": 2026}),
     ["Sửa giai đoạn từ “2025–2025” thành “2025–2026”."]),
    ("note added", edited(notes=["Ghi chú một.", "Ghi chú hai."]),
     ["Thêm 1 mục vào phần ghi chú về bản sao."]),
    ("output", edited(**{f"{TASK}__output": "Báo cáo kết quả"}),
     ["Nhiệm vụ I.1: sửa sản phẩm từ “Báo cáo” thành “Báo cáo kết quả”."]),
    ("output stated", edited(**{"sections__0__tasks__0__subtasks__0__output": "Danh mục"}),
     ["Nhiệm vụ I.1.a: ghi sản phẩm: “Danh mục”."]),
    ("lead named", edited(**{f"{TASK}__lead": "so-noi-vu"}),
     ["Nhiệm vụ I.1: sửa cơ quan chủ trì từ “Sở Tư pháp” thành “Sở Nội vụ”."]),
    ("report added", edited(**{f"{TASK}__updates": [
        *BASE["sections"][0]["tasks"][0]["updates"],
        {"date": dt.date(2025, 4, 2), "status": "hoan-thanh", "progress": 100}]}),
     ["Nhiệm vụ I.1: thêm báo cáo tiến độ ngày 02/04/2025 (Hoàn thành, 100%)."]),
    ("report corrected", edited(**{f"{TASK}__updates__0__progress": 45}),
     ["Nhiệm vụ I.1: sửa báo cáo tiến độ ngày 01/03/2025 (Đang thực hiện, 45%)."]),
    ("report removed", edited(**{f"{TASK}__updates": []}),
     ["Nhiệm vụ I.1: bỏ báo cáo tiến độ ngày 01/03/2025 (Đang thực hiện, 40%)."]),
    ("task added", edited(**{"sections__0__tasks": [
        *BASE["sections"][0]["tasks"], {"id": "I.2", "title": "Ban hành quy định"}]}),
     ["Thêm nhiệm vụ I.2: “Ban hành quy định”."]),
    ("subtask removed", edited(**{f"{TASK}__subtasks": []}), ["Bỏ nhiệm vụ I.1.a."]),
    ("section title", edited(sections__0__title="Cải cách thể chế"),
     ["Mục I: sửa tiêu đề từ “Thể chế” thành “Cải cách thể chế”."]),
    ("measurement added", edited(objectives__0__updates=[{"date": dt.date(2025, 6, 30),
                                                          "value": 84}]),
     ["Mục tiêu 1: thêm kết quả đo ngày 30/06/2025."]),
    ("task objective measured", edited(**{f"{TASK}__objectives": [
        {"id": "1", "text": "Đạt 100%", "targets": [],
         "updates": [{"date": dt.date(2025, 5, 1), "value": 90}]}]}),
     ["Nhiệm vụ I.1, thêm mục tiêu 1: “Đạt 100%”."]),
]


@pytest.mark.parametrize(("new", "expected"), [pytest.param(n, e, id=i) for i, n, e in CASES])
def test_describe(new: dict[str, Any], expected: list[str]) -> None:
    assert describe(BASE, new, NAMES) == expected


def test_added_removed_and_unchanged() -> None:
    assert describe(None, BASE) == ["Đưa kế hoạch lên trang (văn bản số 01/KH-UBND): 2 nhiệm vụ."]
    assert describe(BASE, None) == ["Gỡ kế hoạch khỏi trang."]
    assert describe(BASE, copy.deepcopy(BASE)) == [FORMAT_ONLY]


def test_many_changes_are_counted() -> None:
    tasks = [{"id": f"I.{n}", "title": f"Nhiệm vụ {n}"} for n in range(2, 40)]
    new = edited(**{"sections__0__tasks": [*BASE["sections"][0]["tasks"], *tasks]})
    lines = describe(BASE, new)
    assert len(lines) == MAX_LINES
    assert lines[-1] == f"… và {len(tasks) - (MAX_LINES - 1)} thay đổi khác."


def test_quote() -> None:
    assert quote(None) == "không nêu" and quote([]) == "không nêu"
    assert quote(dt.date(2025, 1, 2)) == "02/01/2025"
    assert quote(82.5) == "82,5"
    assert quote({"text": "Quý II/2025", "due": dt.date(2025, 6, 30)}) == "“Quý II/2025”"
    assert quote(["a", "b"]) == "“a; b”"
    long = quote("x " * 100)
    assert long.endswith("…”") and len(long) <= 92


def test_a_list_change_names_who_joined_and_who_left() -> None:
    old = edited(**{f"{TASK}__support": ["so-noi-vu", "the-che"]})
    new = edited(**{f"{TASK}__support": ["so-noi-vu", "ubnd"]})
    assert describe(old, new, NAMES) == [
        "Nhiệm vụ I.1: thêm cơ quan phối hợp “UBND tỉnh”, bỏ cơ quan phối hợp "
        "“Cải cách thể chế”."]
    reordered = edited(**{f"{TASK}__support": ["the-che", "so-noi-vu"]})
    assert describe(old, reordered, NAMES) == ["Nhiệm vụ I.1: sửa thứ tự cơ quan phối hợp."]


def test_long_texts_are_quoted_where_they_differ() -> None:
    # The change lies past what a shortened quote shows: both quotes would read the same.
    start = "Rà soát, đánh giá và đề xuất sửa đổi các văn bản quy phạm pháp luật của tỉnh " * 2
    old = edited(**{f"{TASK}__output": start + "về tổ chức bộ máy"})
    new = edited(**{f"{TASK}__output": start + "về thủ tục hành chính"})
    [line] = describe(old, new, NAMES)
    before, after = line.split(" thành ")
    assert before != after.rstrip(".")
    assert "về tổ chức bộ máy" in before and "về thủ tục hành chính" in after
    assert before.startswith("Nhiệm vụ I.1: sửa sản phẩm từ “…")
    # Only the spacing changed: said so, with one quote.
    spaced = edited(**{f"{TASK}__output": "Báo  cáo\n"})
    assert describe(BASE, spaced, NAMES) == ["Nhiệm vụ I.1: sửa cách ghi sản phẩm “Báo cáo”."]
