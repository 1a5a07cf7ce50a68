"""``congkhai import``: the extractors one by one on small texts, then end to end on the fictional
fixtures (tests/fixtures/import) and on the five seeds, and bad input through the command."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from bench.import_accuracy import compare, invented_values
from generator.authoring.importer import import_document
from generator.authoring.importer.agencies import AgencyIndex, assignment_roles, read_list
from generator.authoring.importer.build import load_registries
from generator.authoring.importer.header import read_header, read_legal_bases, units
from generator.authoring.importer.matrix import find_matrices, header_roles, read_rows
from generator.authoring.importer.outline import build_outline
from generator.authoring.importer.targets import read_targets
from generator.authoring.importer.text import due_phrase
from generator.cli.commands import main
from generator.sources.documents.read import read_document

REPO = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).parent / "fixtures" / "import"
SEEDS = sorted((REPO / "content" / "nguon").glob("*.txt"))


@pytest.fixture(scope="module", name="registries")
def registries_fixture():
    return load_registries(REPO)


@pytest.fixture(scope="module", name="minh_hoa")
def minh_hoa_fixture(registries) -> AgencyIndex:
    return AgencyIndex.build(registries.agencies, "minh-hoa")


def _doc(tmp_path: Path, text: str):
    path = tmp_path / "van-ban.txt"
    path.write_text(text, encoding="utf-8")
    return read_document(path)


# --- agencies -------------------------------------------------------------------------------


def _short(ids):
    return [a.removeprefix("minh-hoa-") for a in ids]


def test_list_of_names_uses_aliases_and_stops_at_the_verb(minh_hoa):
    mentions, end = read_list("Sở TT&TT, VP UBND tỉnh và các sở, ngành tham mưu UBND tỉnh",
                              minh_hoa)
    assert _short(m.agency for m in mentions) == [
        "so-thong-tin-va-truyen-thong", "van-phong-ubnd", "cac-so-ban-nganh"]
    assert "tham mưu" in "Sở TT&TT, VP UBND tỉnh và các sở, ngành tham mưu"[end:]


def test_cac_so_list_and_elided_ubnd_levels(minh_hoa):
    mentions, _ = read_list("Các Sở: Tư pháp, Tài chính phối hợp", minh_hoa)
    assert _short(m.agency for m in mentions) == ["so-tu-phap", "so-tai-chinh"]
    mentions, _ = read_list("UBND cấp huyện, cấp xã thực hiện", minh_hoa)
    assert _short(m.agency for m in mentions) == ["ubnd-cap-huyen", "ubnd-cap-xa"]


def test_unknown_name_is_kept_verbatim_not_guessed(minh_hoa):
    roles = assignment_roles("Sở Nội vụ chủ trì, phối hợp với Sở Du lịch thực hiện", minh_hoa,
                             "minh-hoa-ubnd")
    assert _short(roles.lead) == ["so-noi-vu"]
    assert roles.support == [] and roles.unknown == ["Sở Du lịch"]


@pytest.mark.parametrize(("text", "lead", "support", "derived"), [
    ("Sở Tư pháp chủ trì, phối hợp với Sở Tài chính tham mưu UBND tỉnh",
     ["so-tu-phap"], ["so-tai-chinh"], []),
    # No "chủ trì": those who act first lead, those who check coordinate; both are readings.
    ("- Các sở, ban, ngành rà soát, đề xuất. - Sở Nội vụ hướng dẫn, kiểm tra, đôn đốc.",
     ["cac-so-ban-nganh"], ["so-noi-vu"], ["cac-so-ban-nganh", "so-noi-vu"]),
    # "phối hợp" alone never makes a lead, and is stated, not read.
    ("Sở Nội vụ phối hợp với các cơ quan liên quan. Sở Tài chính chủ trì tham mưu.",
     ["so-tai-chinh"], ["so-noi-vu", "co-quan-lien-quan"], []),
    # The issuer named as the recipient ("tham mưu UBND tỉnh") is neither.
    ("Các sở, ban, ngành xây dựng đề án, gửi Sở Nội vụ thẩm định, trình UBND tỉnh",
     ["cac-so-ban-nganh"], ["so-noi-vu"], ["cac-so-ban-nganh", "so-noi-vu"]),
    # Beside a stated lead, an agency that only acts coordinates as a reading; one that says
    # "phối hợp" among its verbs coordinates as stated.
    ("Sở Nội vụ chủ trì tham mưu. Sở Tư pháp thực hiện theo chỉ đạo. Sở Tài chính theo dõi, "
     "phối hợp và tổng hợp.", ["so-noi-vu"], ["so-tu-phap", "so-tai-chinh"], ["so-tu-phap"]),
    # "X phối hợp với Y" with no lead: nobody leads, X and Y coordinate as stated.
    ("Sở Nội vụ phối hợp với các cơ quan liên quan điều tra, khảo sát.", [],
     ["so-noi-vu", "co-quan-lien-quan"], []),
    # The partner of "phối hợp với" keeps the reading of its own clause.
    ("- Các sở, ban, ngành xây dựng Đề án. - Sở Nội vụ tổng hợp, đôn đốc. - Sở Tài chính phối "
     "hợp với Sở Nội vụ thẩm định.", ["cac-so-ban-nganh"], ["so-noi-vu", "so-tai-chinh"],
     ["cac-so-ban-nganh", "so-noi-vu"]),
])
def test_roles_follow_chu_tri(minh_hoa, text, lead, support, derived):
    roles = assignment_roles(text, minh_hoa, "minh-hoa-ubnd")
    read = [a for role in ("lead", "support") for a in roles.ids(role) if roles.reason(role, a)]
    assert (_short(roles.lead), _short(roles.support), _short(read)) == (lead, support, derived)
    for role, agency in roles.reasons:
        # Every reason quotes the text it was read from.
        quoted = roles.reason(role, agency).rsplit("“", 1)[-1].rsplit("”", 1)[0]
        assert quoted in " ".join(text.split()), (agency, quoted)


# --- targets --------------------------------------------------------------------------------


@pytest.mark.parametrize(("text", "expected"), [
    ("Tỷ lệ hồ sơ trực tuyến đạt tối thiểu 35%.", [(">=", 35)]),
    ("sự hài lòng đạt mức trên 60% (tỷ lệ)", [(">", 60)]),
    ("Tỷ lệ hồ sơ trễ hạn giảm xuống dưới 5% trong năm", [("<", 5)]),
    ("không quá 2% hồ sơ trễ hạn", [("<=", 2)]),
    # "từ" stands before 50 only (issue 15): the 30 after it is "=".
    ("Có từ 50% TTHC liên thông cùng cấp; 30% TTHC liên thông giữa các cấp", [(">=", 50),
                                                                            ("=", 30)]),
    ("Đạt từ 70% - 100% số văn bản được xử lý", [(">=", 70)]),
    ("tích hợp 30% các dịch vụ công trực tuyến", [("=", 30)]),
])
def test_comparator_rule(text, expected):
    assert [(t.comparator, t.value) for t in read_targets(text)] == expected


def test_drafted_comparators_are_the_ones_the_check_reads():
    """The importer reads comparators with the model's one rule, so ``congkhai check`` never
    reports comparator-rule on a draft."""
    from generator.model.targets import comparator_in_text

    texts = ["Giảm còn tối đa 10% hồ sơ trễ hạn; trên 80% người dân hài lòng.",
             "Tỷ lệ văn bản điện tử đạt từ 90% trở lên và 100% cơ quan dùng chữ ký số.",
             "Đạt từ 70% - 100% số hồ sơ; ít nhất 50% TTHC mức độ 4; dưới 2% khiếu nại.",
             # A range without "từ" is still its lower bound (the old copy of the rule said "=").
             "Phấn đấu 70% - 80% hồ sơ được giải quyết đúng hạn."]
    for text in texts:
        targets = read_targets(text)
        assert targets
        for target in targets:
            assert comparator_in_text(text, target.value, "%", target.label) == \
                target.comparator, (text, target)


def test_target_labels_are_verbatim():
    text = "Tỷ lệ cấp giấy chứng nhận qua mạng đạt tối thiểu 35%; 100% hồ sơ được số hóa."
    for target in read_targets(text):
        assert target.label in text


# --- header, legal bases, outline, matrix -----------------------------------------------------

HEADER = """ỦY BAN NHÂN DÂN
TỈNH MINH HỌA
|
Số:
7 /QĐ-UBND
|
Minh Họa,
ngày 02 tháng 3 năm 2026
|
QUYẾT ĐỊNH
VỀ VIỆC BAN HÀNH KẾ HOẠCH
NĂM 2026
ỦY BAN NHÂN DÂN TỈNH MINH HỌA
Căn cứ Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015;
Căn cứ Nghị quyết số 76/NQ-CP ngày 15/7/2021 của Chính phủ ban hành Chương trình
tổng thể; Quyết định số 9/QĐ-UBND ngày 04/01/2026 về kiểm soát thủ tục hành chính;
Điều 2. Quyết định này có hiệu lực kể từ ngày ký.
|
TM. ỦY BAN NHÂN DÂN
KT. CHỦ TỊCH
PHÓ CHỦ TỊCH
Nguyễn Văn Mẫu
"""


def test_document_block(tmp_path: Path):
    header = read_header(_doc(tmp_path, HEADER))
    assert (header.kind, header.number, str(header.issued), header.place) == (
        "quyet-dinh", "7/QĐ-UBND", "2026-03-02", "Minh Họa")
    assert header.summary == "VỀ VIỆC BAN HÀNH KẾ HOẠCH NĂM 2026"
    assert header.issuer_text == "ỦY BAN NHÂN DÂN TỈNH MINH HỌA"
    assert header.signer_form == "TM. ỦY BAN NHÂN DÂN / KT. CHỦ TỊCH / PHÓ CHỦ TỊCH"
    assert header.signer_name == "Nguyễn Văn Mẫu"
    assert header.effective_text == "kể từ ngày ký"


def test_legal_bases_several_per_line(tmp_path: Path):
    bases = read_legal_bases(units(_doc(tmp_path, HEADER)))
    assert [(b.number, str(b.date), b.title) for b in bases] == [
        (None, "2015-06-19", "Luật Tổ chức chính quyền địa phương"),
        ("76/NQ-CP", "2021-07-15", "ban hành Chương trình tổng thể"),
        ("9/QĐ-UBND", "2026-01-04", "về kiểm soát thủ tục hành chính"),
    ]


def test_outline_levels_and_restarts(tmp_path: Path):
    text = ("II. NHIỆM VỤ\n1. Cải cách\nthể chế\na) Việc một\ndòng tiếp\nb) Việc hai\n"
            "2. Hiện đại hóa\na) Việc ba\n- ý phụ\n")
    (head,) = build_outline(units(_doc(tmp_path, text)))
    first, second = head.children
    assert first.own_text() == "Cải cách thể chế"
    assert [c.own_text() for c in first.children] == ["Việc một dòng tiếp", "Việc hai"]
    assert second.children[0].full_text() == "Việc ba - ý phụ"
    restarted = build_outline(units(_doc(tmp_path, "a) Một\nb) Hai\na) Lại\n")))
    assert [i.restart for i in restarted] == [False, False, True]


def test_header_roles_in_any_order():
    assert header_roles(["Thời gian", "STT", "Cơ quan phối hợp", "Nội dung",
                         "Cơ quan chủ trì"]) == ["deadline", "id", "support", "title", "lead"]
    assert header_roles(["Họ và tên", "Chức vụ", "Ghi chú"]) is None


def test_matrix_from_copied_cells_rebuilds_rows(tmp_path: Path):
    text = ("Kết thúc phần lời văn.\nTT\n|\nNhiệm vụ\n|\nTiến độ\n|\nCơ quan chủ trì\n|\nI\n|\n"
            "MỤC MỘT\n|\n1\n|\nViệc một\nhai dòng\n|\nQuý I/2026\n|\nSở Nội vụ\n|\n2\n|\n"
            "Việc hai\n|\nThường xuyên\n|\nSở Tư pháp\n|\nĐoạn sau bảng\n")
    (matrix,) = find_matrices(_doc(tmp_path, text))
    rows = read_rows(matrix)
    assert [(r.kind, r.label) for r in rows] == [("section", "I"), ("task", "1"),
                                                 ("task", "2")]
    assert rows[1].values["title"][0] == "Việc một hai dòng"
    assert rows[2].values["lead"][0] == "Sở Tư pháp"


# --- who a prose text says acts, and work assigned to one part ----------------------------------

PLAN_HEAD = """ỦY BAN NHÂN DÂN
TỈNH MINH HỌA
|
Số: 21/KH-UBND
|
Minh Họa, ngày 10 tháng 4 năm 2026
|
KẾ HOẠCH
CẢI CÁCH HÀNH CHÍNH NĂM 2026
"""
SIGNED = """|
TM. ỦY BAN NHÂN DÂN
CHỦ TỊCH
Nguyễn Văn Mẫu
"""


def _draft(tmp_path: Path, registries, body: str, head: str = PLAN_HEAD, signed: str = SIGNED):
    tmp_path.mkdir(parents=True, exist_ok=True)
    source = tmp_path / "ke-hoach.txt"
    source.write_text(head + body + signed, encoding="utf-8")
    result = import_document(source, REPO, out=tmp_path / "nhap.yaml", registries=registries)
    data = yaml.safe_load(result.path.read_text(encoding="utf-8"))
    assert invented_values(data, source, registries).missing == []
    tasks = {t["id"]: t for s in data["sections"] for t in s["tasks"]}
    tasks.update({st["id"]: st for t in list(tasks.values()) for st in t.get("subtasks", [])})
    return result, data, tasks


def _marked(value) -> dict[str, bool]:
    """agency id -> marked derived, for a lead or support value."""
    if value is None:
        return {}
    if isinstance(value, str):
        return {value: False}
    if isinstance(value, dict):
        return {value["agency"]: bool(value.get("derived"))}
    return {k: v for item in value for k, v in _marked(item).items()}


def test_a_sentence_that_names_who_acts_gives_derived_leads(tmp_path: Path, registries):
    body = """II. NHIỆM VỤ VÀ GIẢI PHÁP
1. Các sở, ban, ngành, UBND cấp huyện xây dựng kế hoạch cải cách hành chính năm 2027.
2. Thủ trưởng các sở, ban, ngành; Chủ tịch UBND cấp huyện tập trung chỉ đạo thực hiện.
3. UBND các cấp bố trí đủ kinh phí cho công tác cải cách hành chính.
4. Tăng cường kiểm tra theo hướng dẫn của Sở Nội vụ.
5. Sở Tư pháp phối hợp với các cơ quan liên quan rà soát văn bản.
"""
    result, _data, tasks = _draft(tmp_path, registries, body)
    assert _marked(tasks["II.1"]["lead"]) == {"minh-hoa-cac-so-ban-nganh": True,
                                              "minh-hoa-ubnd-cap-huyen": True}
    # Named by their heads: the agencies they head.
    assert _marked(tasks["II.2"]["lead"]) == {"minh-hoa-cac-so-ban-nganh": True,
                                              "minh-hoa-ubnd-cap-huyen": True}
    assert "người đứng đầu" in tasks["II.2"]["lead"][0]["derived"]
    # "UBND các cấp": the province's committees at every level in the registry, itself included.
    assert _marked(tasks["II.3"]["lead"]) == {"minh-hoa-ubnd": True,
                                              "minh-hoa-ubnd-cap-huyen": True,
                                              "minh-hoa-ubnd-cap-xa": True}
    # A name in the middle of a requirement is not a role.
    assert tasks["II.4"]["lead"] is None and tasks["II.4"]["support"] == []
    # "X phối hợp với Y" and nobody "chủ trì": no lead; both coordinate as the text says.
    assert tasks["II.5"]["lead"] is None
    assert _marked(tasks["II.5"]["support"]) == {"minh-hoa-so-tu-phap": False,
                                                 "minh-hoa-co-quan-lien-quan": False}
    # Never silently: each reading is on the review list.
    for task in ("II.1", "II.2", "II.3"):
        index = list(tasks).index(task)
        assert any(r.path == ("sections", 0, "tasks", index, "lead") and "derived" in r.message
                   for r in result.reviews), task


def test_a_paragraph_that_assigns_its_own_work_is_a_subtask(tmp_path: Path, registries):
    body = ("Chủ tịch UBND tỉnh yêu cầu:\n"
            "a) Rà soát thủ tục hành chính hằng năm.\n"
            "b) Tiếp tục nâng cao chất lượng giải quyết thủ tục hành chính về đất đai.\n"
            "Giao Sở Nội vụ, UBND cấp huyện tiếp tục chấn chỉnh tình trạng hồ sơ quá hạn. Yêu "
            "cầu đến năm 2027 phải giảm tỷ lệ hồ sơ trễ hẹn xuống dưới 3%.\n"
            "c) Đẩy mạnh ứng dụng công nghệ thông tin.\n"
            "Tăng cường đầu tư trang thiết bị cho Bộ phận Một cửa.\n")
    result, _data, tasks = _draft(tmp_path, registries, body)
    parent, sub = tasks["1.b"], tasks["1.b.2"]
    # The general requirement keeps its own paragraph, with no lead or deadline of its own.
    assert parent["title"] == "Tiếp tục nâng cao chất lượng giải quyết thủ tục hành chính về " \
        "đất đai."
    assert (parent["lead"], parent["support"], parent["deadline"]) == (None, [], None)
    assert sub["title"].startswith("Giao Sở Nội vụ, UBND cấp huyện tiếp tục")
    assert sub["deadline"] == "đến năm 2027"
    assert _marked(sub["lead"]) == {"minh-hoa-so-noi-vu": True, "minh-hoa-ubnd-cap-huyen": True}
    assert "“Giao Sở Nội vụ, UBND cấp huyện tiếp tục" in sub["lead"][0]["derived"]
    # A paragraph that names nobody stays part of its requirement.
    assert tasks["1.c"]["title"].endswith("Tăng cường đầu tư trang thiết bị cho Bộ phận Một cửa.")
    assert "subtasks" not in tasks["1.c"]
    messages = [r.message for r in result.reviews if r.path[:6] == ("sections", 0, "tasks", 1,
                                                                     "subtasks", 0)]
    assert any("Đoạn thứ 2 của nhiệm vụ 1.b" in m for m in messages)
    assert any("derived" in m for m in messages)


PAR_AREA = """II. NHIỆM VỤ VÀ GIẢI PHÁP
1. Chỉ số nội dung “Tác động của cải cách hành chính”:
1.1. Nội dung và mục tiêu:
- Tỷ lệ hài lòng đạt từ 85% trở lên.
1.2. Phân công trách nhiệm:
{assignment}
III. TỔ CHỨC THỰC HIỆN
"""


def test_phan_cong_bullets_that_each_assign_work_are_subtasks(tmp_path: Path, registries):
    body = PAR_AREA.format(assignment=(
        "- Sở Nội vụ phối hợp với các cơ quan liên quan điều tra, khảo sát sự hài lòng.\n"
        "- Sở Kế hoạch và Đầu tư chủ trì tham mưu các giải pháp phát triển kinh tế."))
    result, _data, tasks = _draft(tmp_path, registries, body)
    assert (tasks["1"]["lead"], tasks["1"]["support"]) == (None, [])
    assert tasks["1.2.1"]["lead"] is None
    assert _marked(tasks["1.2.1"]["support"]) == {"minh-hoa-so-noi-vu": False,
                                                  "minh-hoa-co-quan-lien-quan": False}
    assert tasks["1.2.1"]["title"].startswith("Sở Nội vụ phối hợp với")
    assert tasks["1.2.2"]["lead"] == "minh-hoa-so-ke-hoach-va-dau-tu"
    assert any("mỗi gạch giao một việc riêng" in r.message for r in result.reviews)


def test_phan_cong_with_role_lines_is_one_assignment(tmp_path: Path, registries):
    body = PAR_AREA.format(assignment="""- Cơ quan chủ trì: Sở Nội vụ.
- Cơ quan phối hợp: Các sở, ban, ngành; UBND cấp huyện.""")
    _result, _data, tasks = _draft(tmp_path, registries, body)
    assert tasks["1"]["lead"] == "minh-hoa-so-noi-vu"
    assert tasks["1"]["support"] == ["minh-hoa-cac-so-ban-nganh", "minh-hoa-ubnd-cap-huyen"]
    assert "subtasks" not in tasks["1"]


@pytest.mark.parametrize(("text", "due"), [
    ("Yêu cầu đến năm 2022 phải giảm tỷ lệ hồ sơ trễ hẹn.", "đến năm 2022"),
    ("Hoàn thành trước ngày 30/6/2026.", "Hoàn thành trước ngày 30/6/2026"),
    ("Báo cáo chậm nhất Quý II/2026 và đến hết Quý II/2026.", None),  # two that differ
    ("Triển khai trong giai đoạn 2021 - 2025.", None),
    ("theo Nghị quyết về phát triển doanh nghiệp đến năm 2020-2025", None),
])
def test_due_phrase(text, due):
    assert due_phrase(text) == due


# --- what the copy lost ------------------------------------------------------------------------

CUT_TABLE = """II. NHIỆM VỤ
Chi tiết tại bảng sau.
TT
|
Nhiệm vụ
|
Tiến độ
|
Cơ quan chủ trì
|
Cơ quan phối hợp
|
1
|
Rà soát văn bản quy phạm pháp luật
|
Quý II/2026
|
Sở Tư pháp
|
Các sở, ban, ngành
|
2
|
Công bố thủ tục hành chính nội bộ
"""


def test_a_row_cut_off_is_lost_in_copy(tmp_path: Path, registries):
    result, data, tasks = _draft(tmp_path, registries, CUT_TABLE, signed="")
    assert "lost_in_copy" not in tasks["PL.1"]
    cut = tasks["PL.2"]
    assert (cut["lead"], cut["support"], cut["deadline"]) == (None, [], None)
    assert cut["lost_in_copy"] == ["lead", "support", "deadline"]
    assert any(r.path[-1] == "lost_in_copy" and "Hàng 2 của bảng bị cắt" in r.message
               for r in result.reviews)
    assert any("Hàng 2 của bảng bị cắt" in note for note in data["notes"])


def test_a_spanned_column_is_not_a_cut_row(tmp_path: Path):
    page = ("<html><body><table><tr><th>TT</th><th>Nhiệm vụ</th><th>Sản phẩm</th>"
            "<th>Tiến độ</th><th>Cơ quan chủ trì</th></tr><tr><td>1</td><td>Việc một</td>"
            "<td colspan='2'>Báo cáo, trong năm 2026</td><td>Sở Nội vụ</td></tr>"
            "<tr><td>2</td><td>Việc hai</td></tr></table></body></html>")
    path = tmp_path / "a.html"
    path.write_text(page, encoding="utf-8")
    (matrix,) = find_matrices(read_document(path))
    rows = read_rows(matrix)
    assert rows[0].missing == []
    assert rows[1].missing == ["output", "deadline", "lead"]


PROSE_TASKS = """II. NHIỆM VỤ VÀ GIẢI PHÁP
1. Rà soát, đơn giản hóa thủ tục hành chính nội bộ.
2. Sở Tư pháp chủ trì kiểm tra văn bản quy phạm pháp luật.
III. TỔ CHỨC THỰC HIỆN
1. Các sở, ban, ngành triển khai các nhiệm vụ năm 2026 (Chi tiết như phụ lục
đính kèm Kế hoạch).
"""


def test_a_cited_appendix_the_copy_lacks(tmp_path: Path, registries):
    result, data, tasks = _draft(tmp_path, registries, PROSE_TASKS)
    assert tasks["II.1"]["lost_in_copy"] == ["lead", "support", "output", "deadline"]
    # What the body states is not lost, and the task is left as it is.
    assert tasks["II.2"]["lead"] == "minh-hoa-so-tu-phap"
    assert "lost_in_copy" not in tasks["II.2"]
    assert any("Chi tiết như phụ lục đính kèm" in r.message and r.path[-1] == "lost_in_copy"
               for r in result.reviews)
    assert any("phụ lục" in note and "II.1" in note for note in data["notes"])


def test_a_cited_appendix_that_the_copy_has(tmp_path: Path, registries):
    body = PROSE_TASKS + CUT_TABLE.replace("II. NHIỆM VỤ\n", "PHỤ LỤC\n")
    _result, _data, tasks = _draft(tmp_path, registries, body, signed="")
    assert "lost_in_copy" not in tasks["II.1"]


def test_numbered_headings_lost_with_the_list_they_headed(tmp_path: Path, registries):
    body = ("Chủ tịch UBND tỉnh yêu cầu:\n"
            "a) Rà soát thủ tục hành chính hằng năm.\n"
            "b) Sở Nội vụ chủ trì kiểm tra công tác cải cách hành chính.\n"
            "c) Đẩy mạnh ứng dụng công nghệ thông tin.\n"
            "a) Xây dựng kế hoạch kiểm soát thủ tục hành chính.\n"
            "b) Công khai thủ tục hành chính.\n"
            "3. Sở Tài chính\n"
            "a) Kiểm soát việc lập dự toán.\n")
    result, data, tasks = _draft(tmp_path, registries, body)
    section = data["sections"][0]
    assert (section["title"], section["lost_in_copy"]) == (None, ["title"])
    assert tasks["1.a"]["lost_in_copy"] == ["lead"]
    # A requirement that names its own lead has lost nothing.
    assert tasks["1.b"]["lead"] == "minh-hoa-so-noi-vu" and "lost_in_copy" not in tasks["1.b"]
    assert any("“3. Sở Tài chính”" in r.message for r in result.reviews)


def test_a_headless_list_with_no_numbering_gone_has_lost_nothing(tmp_path: Path, registries):
    body = ("Chủ tịch UBND tỉnh yêu cầu:\n"
            "a) Rà soát thủ tục hành chính hằng năm.\n"
            "b) Công khai thủ tục hành chính.\n"
            "c) Đẩy mạnh ứng dụng công nghệ thông tin.\n")
    _result, data, tasks = _draft(tmp_path, registries, body)
    assert "lost_in_copy" not in data["sections"][0]
    assert all("lost_in_copy" not in t for t in tasks.values())


def test_a_copy_without_place_line_or_signer_name(tmp_path: Path, registries):
    head = PLAN_HEAD.replace("Minh Họa, ngày 10 tháng 4 năm 2026\n", "")
    _result, data, _tasks = _draft(tmp_path, registries, PROSE_TASKS, head=head,
                                   signed="|\nTM. ỦY BAN NHÂN DÂN\nCHỦ TỊCH\n")
    document = data["document"]
    assert (document["place"], document["signer"]["name"]) == (None, None)
    assert document["lost_in_copy"] == ["place", "signer.name"]
    _result, data, _tasks = _draft(tmp_path / "b", registries, PROSE_TASKS)
    assert "lost_in_copy" not in data["document"]


# --- end to end on the fixtures ------------------------------------------------------------

EXPECTED = {
    "ke-hoach-minh-hoa.docx": {
        "I.1": ("Rà soát văn bản quy phạm pháp luật do tỉnh ban hành", "Quý II/2026",
                {"minh-hoa-so-tu-phap"}, {"minh-hoa-cac-so-ban-nganh"}),
        "I.2": ("Xây dựng quy chế phối hợp theo dõi thi hành pháp luật", "Quý III/2026",
                {"minh-hoa-so-tu-phap"}, {"minh-hoa-van-phong-ubnd"}),
        "II.1": ("Nâng cấp Cổng dịch vụ công của tỉnh", "Trong năm 2026",
                 {"minh-hoa-so-thong-tin-va-truyen-thong"}, {"minh-hoa-so-noi-vu"}),
        "II.2": ("Số hóa hồ sơ thủ tục hành chính tại Bộ phận Một cửa cấp xã", "Thường xuyên",
                 {"minh-hoa-ubnd-cap-xa"}, {"minh-hoa-so-thong-tin-va-truyen-thong"}),
    },
    "ke-hoach-minh-hoa.pdf": {
        "I.1": ("Công bố danh mục thủ tục hành chính được tiếp nhận trực tuyến", "Quý I/2026",
                {"minh-hoa-van-phong-ubnd"}, {"minh-hoa-cac-so-ban-nganh"}),
        "I.2": ("Rà soát, đơn giản hóa thủ tục hành chính nội bộ", "Trong năm 2026",
                {"minh-hoa-cac-so-ban-nganh"}, {"minh-hoa-van-phong-ubnd"}),
        "I.3": ("Khảo sát sự hài lòng của người dân", "Tháng 11/2026",
                {"minh-hoa-so-noi-vu"}, set()),
    },
    "ke-hoach-minh-hoa.html": {
        "I.1": ("Rà soát chức năng, nhiệm vụ của các cơ quan chuyên môn", "Quý II/2026",
                {"minh-hoa-so-noi-vu"}, {"minh-hoa-cac-so-ban-nganh"}),
        "I.2": ("Sắp xếp các đơn vị sự nghiệp công lập", "Quý II/2026",
                {"minh-hoa-so-noi-vu"}, {"minh-hoa-so-tai-chinh", "minh-hoa-ubnd-cap-huyen"}),
    },
    "ke-hoach-minh-hoa.txt": {
        "I.1": ("Xây dựng kế hoạch cải cách hành chính năm 2027", "Tháng 12/2026",
                {"minh-hoa-so-noi-vu"}, {"minh-hoa-cac-so-ban-nganh"}),
        "I.2": ("Kiểm tra công tác cải cách hành chính", "Hằng năm",
                {"minh-hoa-so-noi-vu"}, {"minh-hoa-ubnd-cap-huyen"}),
    },
}


def _ids(value) -> set[str]:
    if value is None:
        return set()
    if isinstance(value, str):
        return {value}
    if isinstance(value, dict):
        return {value["agency"]}
    return {a for item in value for a in _ids(item)}


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_fixture_end_to_end(tmp_path: Path, registries, name: str):
    source = FIXTURES / name
    result = import_document(source, REPO, out=tmp_path / "nhap.yaml", registries=registries)
    draft = yaml.safe_load(result.path.read_text(encoding="utf-8"))
    document = draft["document"]
    assert (document["number"], str(document["issued"]), document["issuer"]) == (
        "12/KH-UBND", "2026-03-15", "minh-hoa-ubnd")
    assert document["signer"] == {"name": "Nguyễn Văn Mẫu",
                                  "form": "TM. ỦY BAN NHÂN DÂN / KT. CHỦ TỊCH / PHÓ CHỦ TỊCH"}
    assert draft["demo"] is True
    tasks = {t["id"]: t for s in draft["sections"] for t in s["tasks"]}
    assert {k: (t["title"], t["deadline"], _ids(t["lead"]), _ids(t["support"]))
            for k, t in tasks.items()} == EXPECTED[name]
    assert invented_values(draft, source, registries).missing == []
    # Every review item is in the file, as a comment.
    assert result.text.count("# KIỂM TRA: ") == len(result.reviews)


def test_docx_review_names_unknown_agency_and_merged_cell(tmp_path: Path, registries):
    result = import_document(FIXTURES / "ke-hoach-minh-hoa.docx", REPO,
                             out=tmp_path / "nhap.yaml", registries=registries)
    messages = [r.text() for r in result.reviews]
    assert any("“Sở Du lịch” không có trong danh mục" in m and "bảng 2, hàng 4" in m
               for m in messages)
    assert any(m.startswith("Ô gộp nhiều hàng (lead)") for m in messages)


def test_invented_value_is_counted(tmp_path: Path, registries):
    source = FIXTURES / "ke-hoach-minh-hoa.txt"
    result = import_document(source, REPO, out=tmp_path / "nhap.yaml", registries=registries)
    draft = yaml.safe_load(result.path.read_text(encoding="utf-8"))
    draft["sections"][0]["tasks"][0]["output"] = "Kế hoạch đã sửa lại"
    draft["sections"][0]["tasks"][1]["lead"] = "minh-hoa-so-tu-phap"
    missing = invented_values(draft, source, registries).missing
    assert len(missing) == 2
    # A derived agency that the source does not name counts as found only by its evidence.
    task = draft["sections"][0]["tasks"][0]
    task["support"] = [{"agency": "minh-hoa-so-tai-chinh",
                        "derived": "Văn bản không ghi “phối hợp”: “Sở Tài chính thẩm định”."}]
    assert len(invented_values(draft, source, registries).missing) == 3
    task["support"][0]["derived"] = ("Văn bản không ghi “phối hợp”: “Xây dựng kế hoạch cải cách "
                                     "hành chính năm 2027”.")
    assert len(invented_values(draft, source, registries).missing) == 2


# --- the command ------------------------------------------------------------------------------


def test_command_writes_draft_prints_review_and_never_overwrites(tmp_path: Path):
    runner = CliRunner()
    out = tmp_path / "nhap.yaml"
    args = ["import", str(FIXTURES / "ke-hoach-minh-hoa.docx"), "--out", str(out),
            "--root", str(REPO)]
    first = runner.invoke(main, args)
    assert first.exit_code == 0, first.output
    assert "Cần kiểm tra" in first.output and f"{out}:" in first.output
    before = out.read_bytes()
    second = runner.invoke(main, args)
    assert second.exit_code == 1 and "không ghi đè" in second.output
    assert out.read_bytes() == before
    listed = runner.invoke(main, [*args[:2], "--out", str(tmp_path / "b.yaml"), "--root",
                                  str(REPO), "--format", "json"])
    data = json.loads(listed.output)
    assert data["tasks"] == 4 and all(item["line"] for item in data["review"])


def test_command_default_path_is_plans_issuer_id(repo_copy: Path):
    source = FIXTURES / "ke-hoach-minh-hoa.txt"
    result = CliRunner().invoke(main, ["import", str(source), "--root", str(repo_copy)])
    assert result.exit_code == 0, result.output
    assert (repo_copy / "plans" / "minh-hoa-ubnd" / "minh-hoa-kh-12-2026.yaml").is_file()


def _bad_inputs(tmp_path: Path) -> dict[str, Path]:
    import unicodedata
    import zipfile

    from reportlab.lib import pdfencrypt
    from reportlab.pdfgen import canvas

    tmp_path.mkdir(parents=True, exist_ok=True)
    made: dict[str, Path] = {}
    made["empty"] = tmp_path / "rong.docx"
    made["empty"].write_bytes(b"")
    made["zip"] = tmp_path / "nen.docx"
    with zipfile.ZipFile(made["zip"], "w") as archive:
        archive.writestr("a.txt", "x")
    made["bomb"] = tmp_path / "bom.docx"
    with zipfile.ZipFile(made["bomb"], "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", b"\0" * (30 * 1024 * 1024))
    made["encrypted"] = tmp_path / "khoa.pdf"
    drawing = canvas.Canvas(str(made["encrypted"]),
                            encrypt=pdfencrypt.StandardEncryption("bi-mat"))
    drawing.drawString(72, 720, "Ke hoach")
    drawing.save()
    made["scan"] = tmp_path / "scan.pdf"
    drawing = canvas.Canvas(str(made["scan"]))
    drawing.rect(50, 50, 400, 600, fill=1)
    drawing.save()
    made["large"] = tmp_path / "lon.pdf"
    with made["large"].open("wb") as handle:
        handle.truncate(50 * 1024 * 1024)
    made["not-a-document"] = tmp_path / "trang.html"
    made["not-a-document"].write_text(
        "<!DOCTYPE html><html><body><nav><a href='/'>Trang chủ</a></nav><p>Tin tức mới: lễ "
        "hội hoa xuân.</p><p>Liên hệ</p></body></html>", encoding="utf-8")
    made["cp1258"] = tmp_path / "cp1258.txt"
    made["cp1258"].write_bytes(unicodedata.normalize("NFD", "Khánh Hòa").encode("cp1258"))
    made["utf16"] = tmp_path / "utf16.txt"
    made["utf16"].write_bytes("Kế hoạch cải cách hành chính".encode("utf-16"))
    return made


BAD = {
    "empty": "tệp rỗng",
    "zip": "không phải văn bản Word",
    "bomb": "zip bomb",
    "encrypted": "mật khẩu",
    "scan": "OCR",
    "large": "quá giới hạn",
    "not-a-document": "không tìm thấy văn bản kế hoạch",
    "cp1258": "Windows-1258",
    "utf16": "UTF-16",
}


def test_bad_input_gives_a_message_exit_1_and_no_file(tmp_path: Path):
    made = _bad_inputs(tmp_path / "in")
    for case, path in made.items():
        out = tmp_path / f"{case}.yaml"
        result = CliRunner().invoke(main, ["import", str(path), "--out", str(out),
                                           "--issuer", "minh-hoa-ubnd", "--root", str(REPO)])
        assert result.exit_code == 1, (case, result.output)
        assert BAD[case] in result.output, (case, result.output)
        assert "Traceback" not in result.output, case
        assert isinstance(result.exception, SystemExit), (case, result.exception)
        assert not out.exists(), case


# --- the five seeds -----------------------------------------------------------------------------


@pytest.mark.parametrize("seed", SEEDS, ids=lambda p: p.name[:3])
def test_seed_draft_passes_check_once_reviewed(repo_copy: Path, seed: Path):
    """Import a seed where its hand-written plan was, resolve the review items the way an editor
    would (accept the proposals, write the display title as a sentence, drop the comments), and
    run ``congkhai check``."""
    hand_file = next(p for p in (repo_copy / "plans").rglob("*.yaml")
                     if seed.name in p.read_text(encoding="utf-8"))
    hand = yaml.safe_load(hand_file.read_text(encoding="utf-8"))
    hand_file.unlink()
    runner = CliRunner()
    done = runner.invoke(main, ["import", str(repo_copy / "content" / "nguon" / seed.name),
                                "--root", str(repo_copy)])
    assert done.exit_code == 0, done.output
    assert hand_file.is_file()  # the importer chose the same issuer and id
    text = hand_file.read_text(encoding="utf-8")
    assert "# KIỂM TRA:" in text
    lines = [line for line in text.split("\n") if not line.lstrip().startswith("#   ")
             and not line.lstrip().startswith("# KIỂM TRA:")]
    lines = [f"title: {json.dumps(hand['title'], ensure_ascii=False)}"
             if line.startswith("title: ") else line for line in lines]
    hand_file.write_text("\n".join(lines), encoding="utf-8")
    checked = runner.invoke(main, ["check", str(hand_file), "--root", str(repo_copy),
                                   "--as-of", "2026-11-23"])
    assert checked.exit_code == 0, checked.output
    draft = yaml.safe_load(hand_file.read_text(encoding="utf-8"))
    assert compare(hand, draft, seed.name).found == len(
        [t for s in hand["sections"] for t in s["tasks"]]
        + [st for s in hand["sections"] for t in s["tasks"] for st in t.get("subtasks", [])])
    shutil.rmtree(repo_copy / "build", ignore_errors=True)


def test_row_without_number_continues_the_task_above(tmp_path: Path):
    """A task whose cells break over two pages: the second part has no number."""
    page = ("<html><body><table><tr><th>TT</th><th>Nhiệm vụ</th><th>Sản phẩm</th>"
            "<th>Tiến độ</th></tr><tr><td>1</td><td>Việc một phần đầu</td><td>Báo cáo</td>"
            "<td>Quý I/2026</td></tr></table><p>2</p><table><tr><td></td><td>phần sau</td>"
            "<td></td><td></td></tr><tr><td>2</td><td>Việc hai</td><td></td><td>Năm 2026</td>"
            "</tr></table></body></html>")
    path = tmp_path / "a.html"
    path.write_text(page, encoding="utf-8")
    (matrix,) = find_matrices(read_document(path))
    rows = read_rows(matrix)
    assert [(r.label, r.values["title"][0]) for r in rows] == [
        ("1", "Việc một phần đầu phần sau"), ("2", "Việc hai")]
    assert "output" not in rows[1].values
