"""The export contract: the whole corpus as JSON, declared once (see :mod:`.contract`).

This is a public surface that other tools rely on. Keys are only ever added, never renamed or
removed, without raising :data:`generator.common.dataset.EXPORT_VERSION`; the declarations below
are also the source of ``schemas/export.schema.json`` and of the field list on the "Dữ liệu mở"
page.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import IO, Any

from generator import __version__
from generator.common.dataset import EXPORT_CHANGES, EXPORT_VERSION
from generator.downloads.contract import (
    Field,
    Getter,
    Shape,
    array,
    boolean,
    day,
    dump,
    integer,
    number,
    obj,
    raw,
    strings,
    text,
)
from generator.downloads.tables import KIND_CODES, STATUS_CODES
from generator.facts.lineage import applies
from generator.facts.relations import Link, replaced_tasks
from generator.facts.snapshot import Snapshot, TaskFact
from generator.facts.status import LABELS, ORDER, Status
from generator.model.deadlines import KIND_LABELS
from generator.sources.vocabulary import (
    COMPARATORS,
    CONFIDENCES,
    DOCUMENT_LOST_FIELDS,
    DOCUMENT_TYPE_NAMES,
    DOCUMENT_TYPES,
    DUTY_LOST_FIELDS,
    LEVELS,
    LINEAGE_KIND_NAMES,
    LINEAGE_KINDS,
    LINEAGE_STATUS_NAMES,
    LINEAGE_STATUSES,
    LOST_FIELD_NAMES,
    NOT_IN_COPY_WORDS,
    NOT_STATED_WORDS,
    RELATION_TYPE_NAMES,
    RELATION_TYPES,
    SECTION_LOST_FIELDS,
    TASK_LOST_FIELDS,
    UPDATE_STATUSES,
)


@dataclass(frozen=True)
class Export:
    """What a dump reads besides the model: the snapshot, the source commit and which tasks
    another document replaced (by task key)."""

    snapshot: Snapshot
    source_commit: str | None
    replaced: Mapping[str, Link]


def _lost(fields: tuple[str, ...], path: str = "lost_in_copy") -> Field:
    return array(
        "lost_in_copy",
        "Các trường mà bản sao văn bản của chúng tôi không có (tiêu đề bị mất, dòng bị cắt, phụ "
        "lục không kèm theo): trường đó là null hoặc rỗng nhưng KHÔNG có nghĩa là văn bản không "
        f"nêu; trang ghi “{NOT_IN_COPY_WORDS}”. Trường null không có ở đây thì văn bản không "
        f"nêu (“{NOT_STATED_WORDS}”). Tên tiếng Việt của từng trường: lost_field_labels.",
        path, strings("Tên trường.", enum=list(fields)))


AGENCY_REF = Shape("Một cơ quan được giao.", (
    text("agency", "Mã cơ quan (danh mục agencies).", "agency"),
    text("derived", "Lý do suy ra, khi văn bản không ghi trực tiếp cơ quan này; null nếu "
         "văn bản ghi rõ.", "derived", True),
), name="agency_ref")

DEADLINE = Shape("Thời hạn: nguyên văn và cách hiểu.", (
    text("text", "Thời hạn chép nguyên văn; null nếu văn bản không nêu.", "text",
         True),
    text("kind", "Loại thời hạn.", "kind.value", enum=list(KIND_CODES)),
    text("kind_label", "Loại thời hạn, bằng chữ.", lambda d, c: KIND_LABELS[d.kind]),
    day("due", "Ngày đến hạn suy ra (YYYY-MM-DD); null nếu không có hạn cố định.",
        "due", True),
    day("start", "Ngày bắt đầu suy ra, nếu có.", "start", True),
    boolean("explicit", "true nếu ngày do biên tập viên ghi rõ thay vì suy ra từ câu chữ.",
            "explicit"),
), name="deadline")

UPDATE = Shape("Một lần cập nhật tiến độ do biên tập viên ghi nhận.", (
    day("date", "Ngày ghi nhận; với hoàn thành là ngày hoàn thành.", "date"),
    text("status", "Tình trạng báo cáo.", "status", enum=list(UPDATE_STATUSES)),
    integer("progress", "Tiến độ phần trăm (0–100).", "progress", True, minimum=0,
            maximum=100),
    text("note", "Ghi chú (Markdown).", "note", True),
    text("evidence", "Đường dẫn minh chứng.", "evidence", True),
    text("reason", "Lý do tạm dừng hoặc hủy.", "reason", True),
), name="update")

_TARGET = Shape("Một chỉ tiêu.", (
    text("label", "Đoạn nguyên văn mô tả chỉ tiêu.", "label"),
    text("comparator", "So sánh.", "comparator", enum=list(COMPARATORS)),
    number("value", "Giá trị chỉ tiêu.", "value"),
    text("unit", "Đơn vị.", "unit"),
    number("baseline", "Giá trị xuất phát, nếu văn bản nêu.", "baseline", True),
    integer("baseline_year", "Năm của giá trị xuất phát.", "baseline_year", True),
    obj("deadline", DEADLINE, "deadline", "Thời hạn của chỉ tiêu, nếu có.", True),
))

_MEASUREMENT = Shape("Một kết quả đo.", (
    day("date", "Ngày ghi nhận kết quả.", "date"),
    integer("target", "Số thứ tự chỉ tiêu (1 = chỉ tiêu đầu tiên).", "target",
            minimum=1),
    number("value", "Giá trị đạt được.", "value"),
    text("note", "Ghi chú (Markdown).", "note", True),
    text("evidence", "Đường dẫn minh chứng.", "evidence", True),
))

OBJECTIVE = Shape("Một mục tiêu với các chỉ tiêu số và kết quả đo.", (
    text("id", "Mã mục tiêu như văn bản đánh số.", "id"),
    text("text", "Nội dung mục tiêu, chép nguyên văn.", "text"),
    array("targets", "Các chỉ tiêu định lượng.", "targets", _TARGET),
    array("measurements", "Kết quả đo theo thời gian.", "updates", _MEASUREMENT),
), name="objective")

STATUS = Shape("Trạng thái tính đến as_of.", (
    text("code", "Mã trạng thái.", "code.value", enum=list(STATUS_CODES)),
    text("label", "Trạng thái, bằng chữ.", "label"),
    integer("progress", "Phần trăm hoàn thành theo báo cáo gần nhất.", "progress",
            True, minimum=0, maximum=100),
    integer("days_overdue", "Số ngày quá hạn (được báo cáo chưa hoàn thành) hoặc số ngày hoàn "
            "thành trễ; null khi chưa có báo cáo.", "days_overdue", True, minimum=0),
    boolean("fixed_deadline",
            "true nếu nhiệm vụ có hạn cố định (được tính đúng hạn, quá hạn).",
            "fixed_deadline"),
    day("last_update", "Ngày của lần cập nhật gần nhất.",
        lambda s, c: s.latest.date if s.latest else None, True),
), name="status")


def _subtasks(f: TaskFact, c: Export) -> list[TaskFact]:
    return [c.snapshot.by_key[f"{f.plan.id}#{s.id}"] for s in f.task.subtasks]


def _replaced_by(f: TaskFact, c: Export) -> Link | None:
    link = c.replaced.get(f.key)
    return link if link is not None and f.status.code is Status.REPLACED else None


_REPLACEMENT = Shape("Văn bản đã thay thế nhiệm vụ này (trạng thái da-duoc-thay-the); null nếu "
                     "không.", (
    text("plan", "Mã kế hoạch của văn bản thay thế.", "source.id"),
    text("number", "Số ký hiệu văn bản thay thế.", "source.document.number"),
    day("issued", "Ngày ban hành văn bản thay thế.", "source.document.issued"),
), nullable=True)


TASK: Shape = Shape("Một nhiệm vụ của ma trận nhiệm vụ.", (
    text("id", "Mã nhiệm vụ, duy nhất trong kế hoạch.", "task.id"),
    text("number", "Số thứ tự như văn bản ghi.", "task.number"),
    text("section", "Mã mục chứa nhiệm vụ.", "task.section"),
    text("area", "Mã lĩnh vực; null nếu không gắn lĩnh vực.", "task.area", True),
    text("title", "Tên nhiệm vụ, chép nguyên văn.", "task.title"),
    text("output", "Sản phẩm, chép nguyên văn; null nếu văn bản không nêu.",
         "task.output", True),
    obj("deadline", DEADLINE, "task.deadline", "Thời hạn."),
    array("leads", "Mọi cơ quan chủ trì, theo thứ tự văn bản; nhiều phần tử khi đồng chủ "
          "trì; rỗng khi không có (lost_in_copy cho biết bản sao không có hay văn bản "
          "không nêu). Từ phiên bản 2.0 không còn khóa lead (chỉ chứa cơ quan thứ "
          "nhất).", "task.leads", AGENCY_REF),
    array("support", "Mã các cơ quan phối hợp.",
          lambda f, c: [r.agency for r in f.task.support], strings("Mã cơ quan.")),
    array("support_refs", "Các cơ quan phối hợp, kèm lý do suy ra.",
          "task.support", AGENCY_REF),
    text("assignment", "Nguyên văn câu phân công, nếu có.", "task.assignment",
         True),
    text("how", "Cách thức thực hiện (Markdown), nếu có.", "task.how", True),
    array("objectives", "Mục tiêu, chỉ tiêu của nhiệm vụ.", "task.objectives",
          OBJECTIVE),
    array("updates", "Các lần cập nhật tiến độ, theo thứ tự trong tệp dữ liệu.",
          "task.updates", UPDATE),
    array("subtasks", "Nhiệm vụ con (cùng cấu trúc, không có status).", _subtasks,
          lambda: TASK),
    integer("line", "Số dòng của nhiệm vụ trong tệp dữ liệu.", "task.line",
            minimum=0),
    obj("status", STATUS, "status",
        "Trạng thái tính đến as_of (nhiệm vụ con cũng có)."),
    obj("replaced_by", _REPLACEMENT, _replaced_by, nullable=True),
    _lost(TASK_LOST_FIELDS, "task.lost_in_copy"),
), name="task", optional=("status",))

_DOCUMENT = Shape("Thông tin văn bản.", (
    text("type", "Mã hình thức văn bản.", "type", enum=list(DOCUMENT_TYPES)),
    text("type_label", "Hình thức văn bản.", lambda d, c: DOCUMENT_TYPE_NAMES[d.type]),
    text("number", "Số ký hiệu.", "number"),
    day("issued", "Ngày ban hành.", "issued"),
    obj("effective", Shape("Hiệu lực, nếu văn bản nêu; null nếu không.", (
        day("date", "Ngày có hiệu lực, nếu xác định được.", "effective_date", True),
        text("text", "Câu chữ của văn bản về hiệu lực.", "effective_text"),
    )), lambda d, c: d if d.effective_text else None, nullable=True),
    text("issuer", "Mã cơ quan ban hành.", "issuer"),
    text("place", "Địa danh ghi ở dòng ngày tháng.", "place", True),
    obj("signer", Shape("Người ký, như in trên văn bản (thông tin công khai).", (
        text("name", "Họ tên người ký.", "signer_name", True),
        text("form", "Thể thức ký.", "signer_form", True),
    )), lambda d, c: d),
    text("summary", "Trích yếu, chép nguyên văn.", "summary", True),
    obj("source", Shape("Nguồn văn bản.", (
        text("seed", "Tệp bản sao văn bản (trên trang: nguon/<tệp>).",
             "source_seed", True),
        text("url", "Địa chỉ văn bản gốc.", "source_url", True),
    )), lambda d, c: d),
    _lost(DOCUMENT_LOST_FIELDS),
))

_LEGAL_BASIS = Shape("Một căn cứ.", (
    text("number", "Số ký hiệu; null với luật.", "number", True),
    day("date", "Ngày ban hành.", "date", True),
    text("title", "Trích yếu, chép nguyên văn.", "title"),
))

_BASELINE = Shape("Một số liệu xuất phát.", (
    text("label", "Đoạn nguyên văn.", "label"),
    number("value", "Giá trị.", "value"),
    text("unit", "Đơn vị.", "unit"),
    integer("year", "Năm.", "year", True),
))

_SECTION = Shape("Một mục.", (
    text("id", "Mã mục.", "id"),
    text("part", "Phần lớn chứa mục, nếu có.", "part", True),
    text("title", "Tiêu đề mục, chép nguyên văn.", "title", True),
    text("area", "Mã lĩnh vực của mục.", "area", True),
    array("tasks", "Mã các nhiệm vụ cấp 1 của mục, theo thứ tự.",
          lambda s, c: [t.id for t in s.tasks], strings("Mã nhiệm vụ.")),
    _lost(SECTION_LOST_FIELDS),
))

_DUTY = Shape("Trách nhiệm giao cho một hay nhiều cơ quan.", (
    text("id", "Mã như văn bản đánh số.", "id"),
    array("agencies", "Các cơ quan được giao.", "agencies", AGENCY_REF),
    text("heading", "Tiêu đề như văn bản ghi.", "heading", True),
    text("text", "Nội dung, chép nguyên văn.", "text", True),
    array("items", "Các ý a), b)…", "items", Shape("Một ý.", (
        text("id", "Mã ý.", "id"),
        text("text", "Nội dung, chép nguyên văn.", "text"),
    ))),
    _lost(DUTY_LOST_FIELDS),
))

_SUMMARY = Shape("Số liệu tổng hợp về nhiệm vụ cấp 1, tính đến as_of.", (
    integer("tasks", "Số nhiệm vụ cấp 1.", "total", minimum=0),
    raw("by_status", {
        "type": "object",
        "description": "Số nhiệm vụ theo mã trạng thái (chỉ các trạng thái có nhiệm vụ).",
        "propertyNames": {"enum": list(STATUS_CODES)},
        "additionalProperties": {"type": "integer", "minimum": 0},
    }, lambda s, c: {code.value: n for code, n in s.by_status.items()}),
    integer("fallen_due", "Số nhiệm vụ đã đến hạn (kể cả nhiệm vụ con), trừ nhiệm vụ đã hủy "
            "hoặc đã được thay thế.", "fallen_due", minimum=0),
    integer("fallen_due_reported", "Trong số đã đến hạn, số đã có báo cáo.",
            "fallen_due_reported", minimum=0),
    integer("completed_of_fallen_due", "Trong số đã đến hạn, số đã hoàn thành.",
            "completed_of_fallen_due", minimum=0),
    integer("on_time_of_fallen_due", "Trong số đã đến hạn, số hoàn thành đúng hạn.",
            "on_time_of_fallen_due", minimum=0),
    integer("overdue", "Số nhiệm vụ được báo cáo chưa hoàn thành mà đã quá hạn.",
            "overdue", minimum=0),
    integer("past_due_unreported", "Số nhiệm vụ đã qua hạn mà chưa có báo cáo nào.",
            "past_due_unreported", minimum=0),
    integer("reported", "Số nhiệm vụ đã có cập nhật.", "reported", minimum=0),
    integer("replaced", "Số nhiệm vụ đã được văn bản khác thay thế (tính riêng).", "replaced",
            minimum=0),
))


def _plan_tasks(p: Any, c: Export) -> list[TaskFact]:
    return [c.snapshot.by_key[f"{p.id}#{t.id}"] for t in p.tasks]


PLAN = Shape("Một kế hoạch (văn bản) và mọi điều văn bản nêu.", (
    text("id", "Mã kế hoạch, ổn định, dùng trong địa chỉ trang.", "id",
         pattern=r"^[a-z0-9-]+$"),
    text("title", "Tên kế hoạch.", "title"),
    boolean("demo", "true nếu là dữ liệu minh họa, hư cấu.", "demo"),
    text("path", "Đường dẫn tệp dữ liệu trong kho mã nguồn.", "path"),
    obj("document", _DOCUMENT, "document"),
    obj("period", Shape("Giai đoạn kế hoạch (năm); null nếu văn bản không nêu.", (
        integer("start", "Năm bắt đầu.", lambda p, c: p[0]),
        integer("end", "Năm kết thúc.", lambda p, c: p[1]),
    )), "period", nullable=True),
    array("notes", "Ghi chú của biên tập viên về bản sao văn bản.", "notes",
          strings("Ghi chú.")),
    array("relations", "Văn bản mà văn bản này sửa đổi, bổ sung hoặc thay thế.", "relations",
          Shape("Một quan hệ với văn bản khác.", (
              text("type", "sua-doi (sửa đổi, bổ sung) hoặc thay-the (thay thế toàn bộ).",
                   "type", enum=list(RELATION_TYPES)),
              text("type_label", "Loại quan hệ, bằng chữ.",
                   lambda r, c: RELATION_TYPE_NAMES[r.type]),
              text("number", "Số ký hiệu văn bản bị sửa đổi, thay thế.", "number"),
              day("date", "Ngày ban hành văn bản đó.", "date"),
              text("plan", "Mã kế hoạch của văn bản đó, nếu có trên trang.", "plan", True),
              array("tasks", "Các nhiệm vụ của văn bản đó mà văn bản này thay thế.", "tasks",
                    strings("Mã nhiệm vụ.")),
              text("quote", "Câu của văn bản về việc sửa đổi, thay thế.", "quote", True),
          ))),
    array("legal_bases", "Căn cứ pháp lý.", "legal_bases", _LEGAL_BASIS),
    array("objectives", "Mục tiêu chung của kế hoạch.", "objectives", OBJECTIVE),
    array("baselines", "Số liệu xuất phát văn bản nêu.", "baselines", _BASELINE),
    array("sections", "Các mục của ma trận nhiệm vụ.", "sections", _SECTION),
    array("tasks", "Các nhiệm vụ cấp 1 theo thứ tự văn bản, kèm trạng thái.", _plan_tasks, TASK),
    array("duties", "Trách nhiệm của các cơ quan trong phần tổ chức thực hiện.",
          "duties", _DUTY),
    obj("summary", _SUMMARY,
        lambda p, c: c.snapshot.summary(c.snapshot.by_plan.get(p.id, []))),
), name="plan")

LINEAGE_BASIS = Shape("Căn cứ pháp lý của một sự kiện; phần chưa tìm được là null "
                      "(“chưa xác định”).", (
    text("number", "Số ký hiệu.", "number", True),
    day("date", "Ngày ban hành hoặc thông qua.", "date", True),
    text("issuer", "Cơ quan ban hành.", "issuer", True),
    text("title", "Trích yếu.", "title", True),
    text("article", "Điều, khoản liên quan.", "article", True),
    text("url", "Nơi đọc văn bản hoặc nơi thuật lại nó.", "url", True),
    text("note", "Ghi chú về văn bản (vai trò, nguồn).", "note", True),
), name="lineage_basis")

LINEAGE_PARTY = Shape("Nơi kế thừa (hoặc nơi tiền nhiệm): mã trong danh mục, tên, hoặc "
                      "cả hai null khi chưa xác định.", (
    text("id", "Mã cơ quan (sự kiện của cơ quan) hoặc mã tỉnh (sự kiện của tỉnh); null nếu "
         "không có trong danh mục.", "id", True),
    text("name", "Tên như nguồn ghi, khi không có mã.", "name", True),
    text("functions", "Chức năng được chuyển giao theo văn bản; null nếu không nêu (toàn "
         "bộ).", "functions", True),
    text("derived", "Lý do, khi đây là suy luận chứ không phải điều nguồn nói thẳng.",
         "derived", True),
), name="lineage_party")

SOURCE = Shape("Một nguồn, với đoạn trích nguyên văn.", (
    text("url", "Địa chỉ trang.", "url"),
    text("quote", "Đoạn trích nguyên văn.", "quote"),
    text("type", "Loại nguồn.", "type", True),
), name="source")

LINEAGE_EVENT = Shape("Một sự kiện tổ chức lại (đổi tên, hợp nhất, chia tách, giải thể, "
                      "thành lập) với căn cứ pháp lý và nguồn.", (
    text("kind", "Loại sự kiện.", "kind", enum=list(LINEAGE_KINDS)),
    text("kind_label", "Loại sự kiện, bằng chữ.", lambda e, c: LINEAGE_KIND_NAMES[e.kind]),
    day("date", "Ngày có hiệu lực; null nếu chưa xác định.", "date", True),
    text("date_text", "Thời điểm như nguồn ghi, khi không có ngày cụ thể.", "date_text", True),
    day("known_by", "Khi chưa biết ngày hiệu lực: ngày muộn nhất mà nguồn cho thấy sự kiện "
        "đã có hiệu lực.", "known_by", True),
    boolean("in_effect", "true nếu sự kiện đã có hiệu lực tính đến as_of (theo date, hoặc "
            "known_by khi date là null).", lambda e, c: applies(e, c.snapshot.as_of)),
    array("successors", "Nơi kế thừa.", "successors", LINEAGE_PARTY),
    array("predecessors", "Với thành lập: hình thành từ đâu.", "predecessors", LINEAGE_PARTY),
    array("co_predecessors", "Tên các cơ quan (tỉnh) khác cùng hợp nhất, không có trong danh "
          "mục.", "co_predecessors", strings("Tên.")),
    obj("basis", LINEAGE_BASIS, "basis", "Căn cứ pháp lý.", nullable=True),
    array("other_bases", "Văn bản liên quan khác.", "other_bases", LINEAGE_BASIS),
    text("confidence", "Mức độ đầy đủ của trích dẫn: day-du hoặc mot-phan.", "confidence",
         enum=list(CONFIDENCES)),
    array("missing", "Những gì chưa xác định được.", "missing", strings("Một điều còn thiếu.")),
    text("derived", "Phần suy luận và lý do.", "derived", True),
    text("note", "Ghi chú.", "note", True),
    array("sources", "Nguồn.", "sources", SOURCE),
), name="lineage_event")

LINEAGE_STATUS = Shape("Điều đã biết (hoặc chưa biết) khi không ghi được sự kiện; null nếu "
                       "không ghi.", (
    text("status", "Tình trạng.", "status", enum=list(LINEAGE_STATUSES)),
    text("label", "Tình trạng, bằng chữ.", lambda s, c: LINEAGE_STATUS_NAMES[s.status]),
    text("note", "Giải thích.", "note", True),
    array("searched", "Những gì đã tìm mà chưa thấy.", "searched", strings("Một lượt tìm.")),
    array("sources", "Nguồn.", "sources", SOURCE),
), name="lineage_status", nullable=True)

HEIR = Shape("Nơi kế thừa tính đến as_of, ở cuối chuỗi sự kiện đã có hiệu lực.", (
    text("id", "Mã cơ quan (hoặc tỉnh); null nếu chỉ biết tên hoặc chưa xác định.", "party.id",
         True),
    text("name", "Tên, khi không có mã.", "party.name", True),
    text("functions", "Chức năng được chuyển giao ở bước cuối, nếu văn bản nêu.",
         "party.functions", True),
    text("derived", "Lý do suy luận, nếu một bước của chuỗi là suy luận.", "derived", True),
    day("since", "Ngày có hiệu lực của bước cuối (hoặc known_by của nó).", "since"),
    boolean("since_exact", "false khi since là known_by (ngày hiệu lực chưa xác định).",
            lambda h, c: h.steps[-1].event.date is not None),
    array("via", "Mã các cơ quan (tỉnh) của từng bước của chuỗi, từ cơ quan ban đầu.",
          lambda h, c: [step.event.subject for step in h.steps], strings("Mã.")),
), name="heir")


def _lineage(heirs: Getter) -> tuple[Field, ...]:
    """The lineage keys of an agency or a province; ``heirs`` gives its successors as of the
    status date."""
    return (
        array("lineage", "Các sự kiện tổ chức lại, theo thứ tự trong danh mục.", "lineage",
              LINEAGE_EVENT),
        obj("lineage_status", LINEAGE_STATUS, "lineage_status",
            "Tình trạng khi không ghi được sự kiện.", nullable=True),
        array("successors_as_of", "Nơi kế thừa tính đến as_of; rỗng nếu vẫn còn hoạt động dưới "
              "tên này.", heirs, HEIR),
    )


AGENCY = Shape("Một cơ quan hoặc nhóm cơ quan.", (
    text("id", "Mã cơ quan.", "id"),
    text("name", "Tên chính thức.", "name"),
    text("short_name", "Tên ngắn hiển thị.", "short_name"),
    array("aliases", "Tên gọi, viết tắt xuất hiện trong văn bản.", "aliases",
          strings("Tên gọi.")),
    text("level", "Cấp.", "level", enum=list(LEVELS)),
    boolean("group", "true nếu là nhóm cơ quan.", "group"),
    text("parent", "Mã cơ quan cấp trên.", "parent", True),
    text("website", "Trang web chính thức, khi đã kiểm chứng.", "website", True),
    text("province", "Mã tỉnh; null với cơ quan trung ương.", "province", True),
    boolean("demo", "true nếu là cơ quan hư cấu.", "demo"),
    *_lineage(lambda a, c: c.snapshot.lineage.heirs(a.id)),
), name="agency")

CORPUS = Shape(
    "Cấu trúc của du-lieu/congkhai.json (toàn bộ dữ liệu) và du-lieu/ke-hoach/<mã>.json "
    "(một kế hoạch cùng các mục danh mục nó dùng). Trong cùng một phiên bản, khóa chỉ "
    "được thêm, không đổi tên hay bỏ đi. Thay đổi của phiên bản "
    f"{EXPORT_CHANGES[0][0]}: {EXPORT_CHANGES[0][1]}", (
        text("export_version", "Phiên bản hợp đồng xuất dữ liệu.",
             lambda s, c: EXPORT_VERSION),
        text("generator", "Tên và phiên bản chương trình tạo tệp.",
             lambda s, c: f"congkhai {__version__}"),
        day("as_of", "Ngày tính trạng thái: mọi trạng thái, số ngày quá hạn tính đến ngày này.",
            "as_of"),
        text("source_commit", "Mã commit git của dữ liệu nguồn; null khi không xác định được.",
             lambda s, c: c.source_commit, True),
        array("statuses", "Danh mục mã trạng thái và nhãn, theo thứ tự hiển thị.",
              lambda s, c: ORDER, Shape("Một trạng thái.", (
                  text("code", "Mã trạng thái.", "value",
                       enum=list(STATUS_CODES)),
                  text("label", "Nhãn tiếng Việt.", lambda st, c: LABELS[st]),
              ))),
        obj("missing_labels", Shape(
            "Hai cách một giá trị vắng mặt, bằng chữ như trang web ghi.", (
                text("not_stated", "Văn bản không nêu (trường null, danh sách rỗng).",
                     lambda s, c: NOT_STATED_WORDS, const=NOT_STATED_WORDS),
                text("lost_in_copy", "Bản sao văn bản của chúng tôi không có (trường có tên "
                     "trong lost_in_copy).", lambda s, c: NOT_IN_COPY_WORDS,
                     const=NOT_IN_COPY_WORDS),
            )), lambda s, c: s),
        obj("lost_field_labels", Shape(
            "Tên tiếng Việt của các trường có thể có trong lost_in_copy.", tuple(
                text(name, f"“{label}”.", lambda s, c, label=label: label)
                for name, label in LOST_FIELD_NAMES.items()
            )), lambda s, c: s),
        array("plans", "Các kế hoạch, kể cả dữ liệu minh họa (demo = true).",
              "project.plans", PLAN),
        array("agencies", "Danh mục cơ quan, sắp theo mã.",
              lambda s, c: sorted(s.project.agencies.values(), key=lambda a: a.id), AGENCY),
        array("areas", "Danh mục lĩnh vực cải cách hành chính.",
              lambda s, c: s.project.areas.values(), Shape("Một lĩnh vực.", (
                  text("id", "Mã lĩnh vực.", "id"),
                  text("name", "Tên lĩnh vực.", "name"),
                  array("frameworks", "Mã các chương trình, khung phân loại.",
                        "frameworks", strings("Mã.")),
              ))),
        array("frameworks", "Các chương trình, khung phân loại lĩnh vực.",
              lambda s, c: s.project.frameworks.values(), Shape("Một chương trình.", (
                  text("id", "Mã.", "id"),
                  text("name", "Tên.", "name"),
                  text("basis", "Văn bản làm căn cứ.", "basis", True),
              ))),
        array("provinces", "Các tỉnh có danh mục cơ quan.",
              lambda s, c: s.project.provinces.values(), Shape("Một tỉnh.", (
                  text("id", "Mã tỉnh.", "id"),
                  text("name", "Tên tỉnh.", "name"),
                  boolean("demo", "true nếu là tỉnh hư cấu.", "demo"),
                  *_lineage(lambda p, c: c.snapshot.lineage.province_heirs(p.id)),
              ))),
    ))

# The order of the schema's $defs, as published since version 1.0.
DEFS_ORDER = (PLAN, TASK, STATUS, DEADLINE, AGENCY_REF, UPDATE, OBJECTIVE, AGENCY,
              LINEAGE_EVENT, LINEAGE_BASIS, LINEAGE_PARTY, LINEAGE_STATUS, HEIR, SOURCE)


def export_json(snapshot: Snapshot, source_commit: str | None = None) -> dict[str, Any]:
    """The whole corpus as one JSON-ready dict, statuses as of the snapshot date."""
    return dump(CORPUS, snapshot,
                Export(snapshot, source_commit, replaced_tasks(snapshot.project)))


# The corpus without its plans: what a streamed export writes around them, and what every
# per-plan file repeats (the registries).
_REGISTRIES = Shape(CORPUS.description, tuple(f for f in CORPUS.fields if f.name != "plans"))


def write_export(out: IO[bytes], snapshot: Snapshot, source_commit: str | None = None,
                 each_plan: Callable[[dict[str, Any], dict[str, Any]], None] | None = None,
                 ) -> None:
    """Write the export as :func:`export_json` would serialise it (compact, UTF-8, final
    newline: byte for byte :func:`generator.common.serialise.json_bytes`), one plan at a time,
    so that the whole corpus is never held. ``each_plan(plan, registries)`` is called with each
    plan's JSON-ready dict and the rest of the corpus (for files that repeat them)."""
    context = Export(snapshot, source_commit, replaced_tasks(snapshot.project))
    rest = dump(_REGISTRIES, snapshot, context)
    out.write(b"{")
    for n, f in enumerate(CORPUS.fields):
        out.write(b"," if n else b"")
        out.write(_json(f.name) + b":")
        if f.name != "plans":
            out.write(_json(rest[f.name]))
            continue
        out.write(b"[")
        for i, plan in enumerate(snapshot.project.plans):
            value = dump(PLAN, plan, context)
            out.write((b"," if i else b"") + _json(value))
            if each_plan is not None:
                each_plan(value, rest)
        out.write(b"]")
    out.write(b"}\n")


def _json(value: Any) -> bytes:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
