"""The JSON Schema of the export contract, and the field documentation made from it.

Published as ``schemas/export.schema.json`` and ``du-lieu/congkhai.schema.json``; the open-data
page documents the contract from the same schema.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from generator.common.dataset import EXPORT_VERSION, FieldDoc, SectionDoc
from generator.common.serialise import pretty_json_bytes
from generator.downloads.tables import KIND_CODES, STATUS_CODES
from generator.sources.schema import (
    COMPARATORS,
    CONFIDENCES,
    DOCUMENT_TYPES,
    LEVELS,
    LINEAGE_KINDS,
    LINEAGE_STATUSES,
    UPDATE_STATUSES,
)

EXPORT_SCHEMA_FILE = Path("schemas") / "export.schema.json"
JSON_SCHEMA_DIALECT = "https://json-schema.org/draft/2020-12/schema"
DATE_PATTERN = r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$"


class _SchemaBuilder:
    """Builds the JSON Schema; ``strict`` forbids undeclared keys (for the tests)."""

    def __init__(self, strict: bool) -> None:
        self.strict = strict

    def obj(self, description: str, props: dict[str, dict[str, Any]],
            optional: Sequence[str] = (), nullable: bool = False) -> dict[str, Any]:
        out: dict[str, Any] = {
            "type": ["object", "null"] if nullable else "object",
            "description": description,
            "properties": props,
            "required": [k for k in props if k not in optional],
        }
        if self.strict:
            out["additionalProperties"] = False
        return out


def _t(kind: str | list[str], description: str, **kw: Any) -> dict[str, Any]:
    return {"type": kind, "description": description, **kw}


def _s(description: str, nullable: bool = False, **kw: Any) -> dict[str, Any]:
    return _t(["string", "null"] if nullable else "string", description, **kw)


def _d(description: str, nullable: bool = False) -> dict[str, Any]:
    return _s(description, nullable, format="date", pattern=DATE_PATTERN)


def _i(description: str, nullable: bool = False, **kw: Any) -> dict[str, Any]:
    return _t(["integer", "null"] if nullable else "integer", description, **kw)


def _n(description: str, nullable: bool = False) -> dict[str, Any]:
    return _t(["number", "null"] if nullable else "number", description)


def _b(description: str) -> dict[str, Any]:
    return _t("boolean", description)


def _a(description: str, items: dict[str, Any]) -> dict[str, Any]:
    return {"type": "array", "description": description, "items": items}


def _ref(name: str, description: str | None = None, nullable: bool = False) -> dict[str, Any]:
    ref: dict[str, Any] = {"$ref": f"#/$defs/{name}"}
    if nullable:
        ref = {"anyOf": [ref, {"type": "null"}]}
    if description:
        ref["description"] = description
    return ref


def export_schema(strict: bool = False) -> dict[str, Any]:
    """JSON Schema (draft 2020-12) of :func:`generator.downloads.export.export_json` and of the
    per-plan files.

    The published schema allows keys it does not list, because the contract only ever adds
    keys within a version; ``strict=True`` forbids them, so that the tests notice a key the
    schema does not document yet.
    """
    b = _SchemaBuilder(strict)
    agency_ref = b.obj("Một cơ quan được giao.", {
        "agency": _s("Mã cơ quan (danh mục agencies)."),
        "derived": _s("Lý do suy ra, khi văn bản không ghi trực tiếp cơ quan này; null nếu "
                      "văn bản ghi rõ.", True),
    })
    deadline = b.obj("Thời hạn: nguyên văn và cách hiểu.", {
        "text": _s("Thời hạn chép nguyên văn; null nếu văn bản không nêu.", True),
        "kind": _s("Loại thời hạn.", enum=list(KIND_CODES)),
        "kind_label": _s("Loại thời hạn, bằng chữ."),
        "due": _d("Ngày đến hạn suy ra (YYYY-MM-DD); null nếu không có hạn cố định.", True),
        "start": _d("Ngày bắt đầu suy ra, nếu có.", True),
        "explicit": _b("true nếu ngày do biên tập viên ghi rõ thay vì suy ra từ câu chữ."),
    })
    update = b.obj("Một lần cập nhật tiến độ do biên tập viên ghi nhận.", {
        "date": _d("Ngày ghi nhận; với hoàn thành là ngày hoàn thành."),
        "status": _s("Tình trạng báo cáo.", enum=list(UPDATE_STATUSES)),
        "progress": _i("Tiến độ phần trăm (0–100).", True, minimum=0, maximum=100),
        "note": _s("Ghi chú (Markdown).", True),
        "evidence": _s("Đường dẫn minh chứng.", True),
        "reason": _s("Lý do tạm dừng hoặc hủy.", True),
    })
    objective = b.obj("Một mục tiêu với các chỉ tiêu số và kết quả đo.", {
        "id": _s("Mã mục tiêu như văn bản đánh số."),
        "text": _s("Nội dung mục tiêu, chép nguyên văn."),
        "targets": _a("Các chỉ tiêu định lượng.", b.obj("Một chỉ tiêu.", {
            "label": _s("Đoạn nguyên văn mô tả chỉ tiêu."),
            "comparator": _s("So sánh.", enum=list(COMPARATORS)),
            "value": _n("Giá trị chỉ tiêu."),
            "unit": _s("Đơn vị."),
            "baseline": _n("Giá trị xuất phát, nếu văn bản nêu.", True),
            "baseline_year": _i("Năm của giá trị xuất phát.", True),
            "deadline": _ref("deadline", "Thời hạn của chỉ tiêu, nếu có.", nullable=True),
        })),
        "measurements": _a("Kết quả đo theo thời gian.", b.obj("Một kết quả đo.", {
            "date": _d("Ngày ghi nhận kết quả."),
            "target": _i("Số thứ tự chỉ tiêu (1 = chỉ tiêu đầu tiên).", minimum=1),
            "value": _n("Giá trị đạt được."),
            "note": _s("Ghi chú (Markdown).", True),
            "evidence": _s("Đường dẫn minh chứng.", True),
        })),
    })
    status = b.obj("Trạng thái tính đến as_of.", {
        "code": _s("Mã trạng thái.", enum=list(STATUS_CODES)),
        "label": _s("Trạng thái, bằng chữ."),
        "progress": _i("Phần trăm hoàn thành theo báo cáo gần nhất.", True, minimum=0,
                       maximum=100),
        "days_overdue": _i("Số ngày quá hạn (hoặc hoàn thành trễ).", True, minimum=0),
        "fixed_deadline": _b("true nếu nhiệm vụ có hạn cố định (được tính đúng hạn, quá hạn)."),
        "last_update": _d("Ngày của lần cập nhật gần nhất.", True),
    })
    task = b.obj("Một nhiệm vụ của ma trận nhiệm vụ.", {
        "id": _s("Mã nhiệm vụ, duy nhất trong kế hoạch."),
        "number": _s("Số thứ tự như văn bản ghi."),
        "section": _s("Mã mục chứa nhiệm vụ."),
        "area": _s("Mã lĩnh vực; null nếu không gắn lĩnh vực.", True),
        "title": _s("Tên nhiệm vụ, chép nguyên văn."),
        "output": _s("Sản phẩm, chép nguyên văn; null nếu văn bản không nêu.", True),
        "deadline": _ref("deadline", "Thời hạn."),
        "lead": _s("Mã cơ quan chủ trì thứ nhất (xem leads); null nếu văn bản không nêu.", True),
        "leads": _a("Các cơ quan chủ trì.", _ref("agency_ref")),
        "support": _a("Mã các cơ quan phối hợp.", _s("Mã cơ quan.")),
        "support_refs": _a("Các cơ quan phối hợp, kèm lý do suy ra.", _ref("agency_ref")),
        "assignment": _s("Nguyên văn câu phân công, nếu có.", True),
        "how": _s("Cách thức thực hiện (Markdown), nếu có.", True),
        "objectives": _a("Mục tiêu, chỉ tiêu của nhiệm vụ.", _ref("objective")),
        "updates": _a("Các lần cập nhật tiến độ, theo thứ tự trong tệp dữ liệu.",
                      _ref("update")),
        "subtasks": _a("Nhiệm vụ con (cùng cấu trúc, không có status).", _ref("task")),
        "line": _i("Số dòng của nhiệm vụ trong tệp dữ liệu.", minimum=0),
        "status": _ref("status", "Trạng thái tính đến as_of (nhiệm vụ con cũng có)."),
    }, optional=("status",))
    document = b.obj("Thông tin văn bản.", {
        "type": _s("Mã hình thức văn bản.", enum=list(DOCUMENT_TYPES)),
        "type_label": _s("Hình thức văn bản."),
        "number": _s("Số ký hiệu."),
        "issued": _d("Ngày ban hành."),
        "effective": b.obj("Hiệu lực, nếu văn bản nêu; null nếu không.", {
            "date": _d("Ngày có hiệu lực, nếu xác định được.", True),
            "text": _s("Câu chữ của văn bản về hiệu lực."),
        }, nullable=True),
        "issuer": _s("Mã cơ quan ban hành."),
        "place": _s("Địa danh ghi ở dòng ngày tháng.", True),
        "signer": b.obj("Người ký, như in trên văn bản (thông tin công khai).", {
            "name": _s("Họ tên người ký.", True),
            "form": _s("Thể thức ký.", True),
        }),
        "summary": _s("Trích yếu, chép nguyên văn.", True),
        "source": b.obj("Nguồn văn bản.", {
            "seed": _s("Tệp bản sao văn bản (trên trang: nguon/<tệp>).", True),
            "url": _s("Địa chỉ văn bản gốc.", True),
        }),
    })
    plan = b.obj("Một kế hoạch (văn bản) và mọi điều văn bản nêu.", {
        "id": _s("Mã kế hoạch, ổn định, dùng trong địa chỉ trang.", pattern=r"^[a-z0-9-]+$"),
        "title": _s("Tên kế hoạch."),
        "demo": _b("true nếu là dữ liệu minh họa, hư cấu."),
        "path": _s("Đường dẫn tệp dữ liệu trong kho mã nguồn."),
        "document": document,
        "period": b.obj("Giai đoạn kế hoạch (năm); null nếu văn bản không nêu.", {
            "start": _i("Năm bắt đầu."), "end": _i("Năm kết thúc."),
        }, nullable=True),
        "notes": _a("Ghi chú của biên tập viên về bản sao văn bản.", _s("Ghi chú.")),
        "legal_bases": _a("Căn cứ pháp lý.", b.obj("Một căn cứ.", {
            "number": _s("Số ký hiệu; null với luật.", True),
            "date": _d("Ngày ban hành.", True),
            "title": _s("Trích yếu, chép nguyên văn."),
        })),
        "objectives": _a("Mục tiêu chung của kế hoạch.", _ref("objective")),
        "baselines": _a("Số liệu xuất phát văn bản nêu.", b.obj("Một số liệu xuất phát.", {
            "label": _s("Đoạn nguyên văn."), "value": _n("Giá trị."), "unit": _s("Đơn vị."),
            "year": _i("Năm.", True),
        })),
        "sections": _a("Các mục của ma trận nhiệm vụ.", b.obj("Một mục.", {
            "id": _s("Mã mục."),
            "part": _s("Phần lớn chứa mục, nếu có.", True),
            "title": _s("Tiêu đề mục, chép nguyên văn.", True),
            "area": _s("Mã lĩnh vực của mục.", True),
            "tasks": _a("Mã các nhiệm vụ cấp 1 của mục, theo thứ tự.", _s("Mã nhiệm vụ.")),
        })),
        "tasks": _a("Các nhiệm vụ cấp 1 theo thứ tự văn bản, kèm trạng thái.", _ref("task")),
        "duties": _a("Trách nhiệm của các cơ quan trong phần tổ chức thực hiện.", b.obj(
            "Trách nhiệm giao cho một hay nhiều cơ quan.", {
                "id": _s("Mã như văn bản đánh số."),
                "agencies": _a("Các cơ quan được giao.", _ref("agency_ref")),
                "heading": _s("Tiêu đề như văn bản ghi.", True),
                "text": _s("Nội dung, chép nguyên văn.", True),
                "items": _a("Các ý a), b)…", b.obj("Một ý.", {
                    "id": _s("Mã ý."), "text": _s("Nội dung, chép nguyên văn."),
                })),
            })),
        "summary": b.obj("Số liệu tổng hợp về nhiệm vụ cấp 1, tính đến as_of.", {
            "tasks": _i("Số nhiệm vụ cấp 1.", minimum=0),
            "by_status": {
                "type": "object",
                "description": "Số nhiệm vụ theo mã trạng thái (chỉ các trạng thái có nhiệm vụ).",
                "propertyNames": {"enum": list(STATUS_CODES)},
                "additionalProperties": {"type": "integer", "minimum": 0},
            },
            "fallen_due": _i("Số nhiệm vụ đã đến hạn (kể cả nhiệm vụ con), trừ nhiệm vụ đã hủy.",
                             minimum=0),
            "fallen_due_reported": _i("Trong số đã đến hạn, số đã có báo cáo.", minimum=0),
            "completed_of_fallen_due": _i("Trong số đã đến hạn, số đã hoàn thành.", minimum=0),
            "on_time_of_fallen_due": _i("Trong số đã đến hạn, số hoàn thành đúng hạn.",
                                        minimum=0),
            "overdue": _i("Số nhiệm vụ được báo cáo chưa hoàn thành mà đã quá hạn.", minimum=0),
            "past_due_unreported": _i("Số nhiệm vụ đã qua hạn mà chưa có báo cáo nào.",
                                      minimum=0),
            "reported": _i("Số nhiệm vụ đã có cập nhật.", minimum=0),
        }),
    })
    lineage_basis = b.obj("Căn cứ pháp lý của một sự kiện; phần chưa tìm được là null "
                          "(“chưa xác định”).", {
        "number": _s("Số ký hiệu.", True),
        "date": _d("Ngày ban hành hoặc thông qua.", True),
        "issuer": _s("Cơ quan ban hành.", True),
        "title": _s("Trích yếu.", True),
        "article": _s("Điều, khoản liên quan.", True),
        "url": _s("Nơi đọc văn bản hoặc nơi thuật lại nó.", True),
        "note": _s("Ghi chú về văn bản (vai trò, nguồn).", True),
    })
    lineage_party = b.obj("Nơi kế thừa (hoặc nơi tiền nhiệm): mã trong danh mục, tên, hoặc "
                          "cả hai null khi chưa xác định.", {
        "id": _s("Mã cơ quan (sự kiện của cơ quan) hoặc mã tỉnh (sự kiện của tỉnh); null nếu "
                 "không có trong danh mục.", True),
        "name": _s("Tên như nguồn ghi, khi không có mã.", True),
        "functions": _s("Chức năng được chuyển giao theo văn bản; null nếu không nêu (toàn "
                        "bộ).", True),
        "derived": _s("Lý do, khi đây là suy luận chứ không phải điều nguồn nói thẳng.", True),
    })
    source = b.obj("Một nguồn, với đoạn trích nguyên văn.", {
        "url": _s("Địa chỉ trang."), "quote": _s("Đoạn trích nguyên văn."),
        "type": _s("Loại nguồn.", True),
    })
    lineage_event = b.obj("Một sự kiện tổ chức lại (đổi tên, hợp nhất, chia tách, giải thể, "
                          "thành lập) với căn cứ pháp lý và nguồn.", {
        "kind": _s("Loại sự kiện.", enum=list(LINEAGE_KINDS)),
        "kind_label": _s("Loại sự kiện, bằng chữ."),
        "date": _d("Ngày có hiệu lực; null nếu chưa xác định.", True),
        "date_text": _s("Thời điểm như nguồn ghi, khi không có ngày cụ thể.", True),
        "known_by": _d("Khi chưa biết ngày hiệu lực: ngày muộn nhất mà nguồn cho thấy sự kiện "
                       "đã có hiệu lực.", True),
        "in_effect": _b("true nếu sự kiện đã có hiệu lực tính đến as_of (theo date, hoặc "
                        "known_by khi date là null)."),
        "successors": _a("Nơi kế thừa.", _ref("lineage_party")),
        "predecessors": _a("Với thành lập: hình thành từ đâu.", _ref("lineage_party")),
        "co_predecessors": _a("Tên các cơ quan (tỉnh) khác cùng hợp nhất, không có trong danh "
                              "mục.", _s("Tên.")),
        "basis": _ref("lineage_basis", "Căn cứ pháp lý.", nullable=True),
        "other_bases": _a("Văn bản liên quan khác.", _ref("lineage_basis")),
        "confidence": _s("Mức độ đầy đủ của trích dẫn: day-du hoặc mot-phan.",
                         enum=list(CONFIDENCES)),
        "missing": _a("Những gì chưa xác định được.", _s("Một điều còn thiếu.")),
        "derived": _s("Phần suy luận và lý do.", True),
        "note": _s("Ghi chú.", True),
        "sources": _a("Nguồn.", _ref("source")),
    })
    lineage_status = b.obj("Điều đã biết (hoặc chưa biết) khi không ghi được sự kiện; null nếu "
                           "không ghi.", {
        "status": _s("Tình trạng.", enum=list(LINEAGE_STATUSES)),
        "label": _s("Tình trạng, bằng chữ."),
        "note": _s("Giải thích.", True),
        "searched": _a("Những gì đã tìm mà chưa thấy.", _s("Một lượt tìm.")),
        "sources": _a("Nguồn.", _ref("source")),
    }, nullable=True)
    heir = b.obj("Nơi kế thừa tính đến as_of, ở cuối chuỗi sự kiện đã có hiệu lực.", {
        "id": _s("Mã cơ quan (hoặc tỉnh); null nếu chỉ biết tên hoặc chưa xác định.", True),
        "name": _s("Tên, khi không có mã.", True),
        "functions": _s("Chức năng được chuyển giao ở bước cuối, nếu văn bản nêu.", True),
        "derived": _s("Lý do suy luận, nếu một bước của chuỗi là suy luận.", True),
        "since": _d("Ngày có hiệu lực của bước cuối (hoặc known_by của nó)."),
        "since_exact": _b("false khi since là known_by (ngày hiệu lực chưa xác định)."),
        "via": _a("Mã các cơ quan (tỉnh) của từng bước của chuỗi, từ cơ quan ban đầu.",
                  _s("Mã.")),
    })
    lineage_props = {
        "lineage": _a("Các sự kiện tổ chức lại, theo thứ tự trong danh mục.",
                      _ref("lineage_event")),
        "lineage_status": _ref("lineage_status", "Tình trạng khi không ghi được sự kiện.",
                               nullable=True),
        "successors_as_of": _a("Nơi kế thừa tính đến as_of; rỗng nếu vẫn còn hoạt động dưới "
                               "tên này.", _ref("heir")),
    }
    agency = b.obj("Một cơ quan hoặc nhóm cơ quan.", {
        "id": _s("Mã cơ quan."),
        "name": _s("Tên chính thức."),
        "short_name": _s("Tên ngắn hiển thị."),
        "aliases": _a("Tên gọi, viết tắt xuất hiện trong văn bản.", _s("Tên gọi.")),
        "level": _s("Cấp.", enum=list(LEVELS)),
        "group": _b("true nếu là nhóm cơ quan."),
        "parent": _s("Mã cơ quan cấp trên.", True),
        "website": _s("Trang web chính thức, khi đã kiểm chứng.", True),
        "province": _s("Mã tỉnh; null với cơ quan trung ương.", True),
        "demo": _b("true nếu là cơ quan hư cấu."),
        **lineage_props,
    })
    return {
        "$schema": JSON_SCHEMA_DIALECT,
        "title": f"Hợp đồng xuất dữ liệu congkhai, phiên bản {EXPORT_VERSION}",
        **b.obj(
            "Cấu trúc của du-lieu/congkhai.json (toàn bộ dữ liệu) và du-lieu/ke-hoach/<mã>.json "
            "(một kế hoạch cùng các mục danh mục nó dùng). Trong cùng một phiên bản, khóa chỉ "
            "được thêm, không đổi tên hay bỏ đi.", {
            "export_version": _s("Phiên bản hợp đồng xuất dữ liệu."),
            "generator": _s("Tên và phiên bản chương trình tạo tệp."),
            "as_of": _d("Ngày tính trạng thái: mọi trạng thái, số ngày quá hạn tính đến ngày này."),
            "source_commit": _s("Mã commit git của dữ liệu nguồn; null khi không xác định được.",
                                True),
            "statuses": _a("Danh mục mã trạng thái và nhãn, theo thứ tự hiển thị.", b.obj(
                "Một trạng thái.", {"code": _s("Mã trạng thái.", enum=list(STATUS_CODES)),
                                    "label": _s("Nhãn tiếng Việt.")})),
            "plans": _a("Các kế hoạch, kể cả dữ liệu minh họa (demo = true).", _ref("plan")),
            "agencies": _a("Danh mục cơ quan, sắp theo mã.", _ref("agency")),
            "areas": _a("Danh mục lĩnh vực cải cách hành chính.", b.obj("Một lĩnh vực.", {
                "id": _s("Mã lĩnh vực."), "name": _s("Tên lĩnh vực."),
                "frameworks": _a("Mã các chương trình, khung phân loại.", _s("Mã.")),
            })),
            "frameworks": _a("Các chương trình, khung phân loại lĩnh vực.", b.obj(
                "Một chương trình.", {"id": _s("Mã."), "name": _s("Tên."),
                                      "basis": _s("Văn bản làm căn cứ.", True)})),
            "provinces": _a("Các tỉnh có danh mục cơ quan.", b.obj("Một tỉnh.", {
                "id": _s("Mã tỉnh."), "name": _s("Tên tỉnh."),
                "demo": _b("true nếu là tỉnh hư cấu."), **lineage_props})),
        }),
        "$defs": {
            "plan": plan, "task": task, "status": status, "deadline": deadline,
            "agency_ref": agency_ref, "update": update, "objective": objective,
            "agency": agency, "lineage_event": lineage_event, "lineage_basis": lineage_basis,
            "lineage_party": lineage_party, "lineage_status": lineage_status, "heir": heir,
            "source": source,
        },
    }


def export_schema_bytes() -> bytes:
    """The published schema file (``schemas/export.schema.json``, ``du-lieu/congkhai.schema.json``).
    """
    return pretty_json_bytes(export_schema())


def write_export_schema(root: Path) -> Path:
    """Write ``schemas/export.schema.json`` under ``root`` when it changed; return its path."""
    path = root / EXPORT_SCHEMA_FILE
    data = export_schema_bytes()
    if not path.exists() or path.read_bytes() != data:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
    return path


def _schema_fields(schema: Mapping[str, Any], node: Mapping[str, Any]) -> list[dict[str, str]]:
    """Name, type and description of each property of one object of the schema."""
    out = []
    for name, prop in node["properties"].items():
        if "$ref" in prop or "anyOf" in prop:
            target = prop.get("$ref") or prop["anyOf"][0]["$ref"]
            kind = "đối tượng " + target.rsplit("/", 1)[-1]
        elif prop.get("type") == "array":
            items = prop["items"]
            inner = items.get("$ref", "").rsplit("/", 1)[-1] or _type_name(items)
            kind = f"danh sách {inner}"
        else:
            kind = _type_name(prop)
        out.append({"name": name, "type": kind, "description": prop.get("description", "")})
    return out


def _type_name(prop: Mapping[str, Any]) -> str:
    kinds = prop.get("type", "")
    kinds = kinds if isinstance(kinds, list) else [kinds]
    names = {"string": "chuỗi", "integer": "số nguyên", "number": "số", "boolean": "true/false",
             "object": "đối tượng", "null": "null", "array": "danh sách"}
    words = [names.get(k, k) for k in kinds]
    if prop.get("format") == "date":
        words = ["ngày" if w == "chuỗi" else w for w in words]
    return " hoặc ".join(words)


def contract_docs() -> tuple[SectionDoc, ...]:
    """The export contract's main objects and their fields, for the open-data page."""
    schema = export_schema()
    defs = schema["$defs"]
    parts = (
        ("Cấp ngoài cùng", schema),
        ("Kế hoạch (plans[])", defs["plan"]),
        ("Nhiệm vụ (plans[].tasks[])", defs["task"]),
        ("Trạng thái (tasks[].status)", defs["status"]),
        ("Thời hạn (deadline)", defs["deadline"]),
        ("Cập nhật tiến độ (tasks[].updates[])", defs["update"]),
        ("Cơ quan (agencies[])", defs["agency"]),
        ("Sự kiện tổ chức lại (agencies[].lineage[], provinces[].lineage[])",
         defs["lineage_event"]),
        ("Nơi kế thừa tính đến as_of (successors_as_of[])", defs["heir"]),
    )
    return tuple(SectionDoc(title, tuple(FieldDoc(**f) for f in _schema_fields(schema, node)))
                 for title, node in parts)
