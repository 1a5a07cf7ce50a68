"""The comparator rule (generator.model.targets), table-tested on the sentences of the real plans
and on the cases the rule has to tell apart."""

from __future__ import annotations

import pytest

from generator.model.targets import comparator_before, comparator_in_text, read_comparator

LAO_CAI_3_1_3 = (
    "Thực hiện cơ chế một cửa, một cửa liên thông: 100% số TTHC thuộc thẩm quyền giải quyết của "
    "cơ quan chuyên môn cấp tỉnh, UBND cấp huyện, UBND cấp xã thực hiện việc tiếp nhận, trả kết "
    "quả tại Bộ phận Một cửa. Đưa TTHC ngành dọc thực hiện việc tiếp nhận hồ sơ tại Bộ phận Một "
    "cửa các cấp theo danh mục được duyệt đạt từ 80% số TTHC trở lên. Có từ 50 TTHC hoặc nhóm TTHC "
    "được giải quyết theo hình thức liên thông cùng cấp; 30 TTHC hoặc nhóm TTHC được giải quyết "
    "theo hình thức liên thông giữa các cấp chính quyền."
)
LAO_CAI_7_1_2 = (
    "Về cung cấp dịch vụ công trực tuyến: + Từ 50% số TTHC trở lên cung cấp trực tuyến mức độ 3, 4 "
    "có phát sinh hồ sơ trong năm. + Tối thiểu 30% dịch vụ công trực tuyến thực hiện ở mức độ 4; "
    "tỷ lệ hồ sơ giải quyết trực tuyến trên tổng số hồ sơ giải quyết thủ tục hành chính đạt từ 20% "
    "trở lên; tích hợp 30% các dịch vụ công trực tuyến mức độ 3, 4 của các bộ, ngành, địa phương "
    "với Cổng Dịch vụ công quốc gia."
)
KHANH_HOA_3_A = (
    "Đưa 100% thủ tục hành chính đủ điều kiện vào thực hiện trực tuyến ở mức độ 3, 4; có tối "
    "thiểu 40% hồ sơ thủ tục hành chính được tiếp nhận, giải quyết trực tuyến ở mức độ 3 và 15% hồ "
    "sơ thủ tục hành chính được tiếp nhận, giải quyết trực tuyến ở mức độ 4."
)
QUANG_NGAI_RANK = (
    "Phấn đấu năm 2021, Chỉ số CCHC của tỉnh đứng ở thứ hạng trung bình trong cả nước (từ thứ "
    "hạng 30 - 35/63 tỉnh, thành phố trực thuộc Trung ương) và tiến đến đứng ở thứ hạng khá vào "
    "cuối giai đoạn 2021 - 2025."
)

# (text, value, unit, label, comparator the rule gives)
CASES = [
    # "từ" applies to the number right after it only (issue 15, point 8).
    (LAO_CAI_3_1_3, 50, "TTHC hoặc nhóm TTHC",
     "TTHC hoặc nhóm TTHC được giải quyết theo hình thức liên thông cùng cấp", ">="),
    (LAO_CAI_3_1_3, 30, "TTHC hoặc nhóm TTHC",
     "TTHC hoặc nhóm TTHC được giải quyết theo hình thức liên thông giữa các cấp chính quyền",
     "="),
    (LAO_CAI_3_1_3, 80, "%", "Đưa TTHC ngành dọc thực hiện việc tiếp nhận hồ sơ", ">="),
    (LAO_CAI_3_1_3, 100, "%", "số TTHC thuộc thẩm quyền giải quyết", "="),
    # The same value twice in one text, read where its label is.
    (LAO_CAI_7_1_2, 30, "%", "dịch vụ công trực tuyến thực hiện ở mức độ 4", ">="),
    (LAO_CAI_7_1_2, 30, "%",
     "tích hợp 30% các dịch vụ công trực tuyến mức độ 3, 4 của các bộ, ngành, địa phương với "
     "Cổng Dịch vụ công quốc gia", "="),
    (LAO_CAI_7_1_2, 50, "%", "số TTHC trở lên cung cấp trực tuyến mức độ 3, 4", ">="),
    (LAO_CAI_7_1_2, 20, "%", "tỷ lệ hồ sơ giải quyết trực tuyến", ">="),
    # "tối thiểu" likewise: 40 has it, 15 does not.
    (KHANH_HOA_3_A, 40, "%", "hồ sơ thủ tục hành chính được tiếp nhận, giải quyết trực tuyến ở "
     "mức độ 3", ">="),
    (KHANH_HOA_3_A, 15, "%", "hồ sơ thủ tục hành chính được tiếp nhận, giải quyết trực tuyến ở "
     "mức độ 4", "="),
    # Ranges: the lower bound is ">=", the upper "<=" (a rank range commits to its upper bound).
    ("Xử lý văn bản quy phạm pháp luật sau rà soát: Đạt từ 70% - 100% số văn bản.", 70, "%", "",
     ">="),
    ("Đạt từ 70% - 100% số văn bản.", 100, "%", "", "<="),
    # A range without "từ" is its lower bound too (the range reading must not depend on "từ").
    ("Phấn đấu 70% - 80% hồ sơ được giải quyết đúng hạn.", 70, "%", "", ">="),
    (QUANG_NGAI_RANK, 35, "hạng", "Chỉ số CCHC của tỉnh đứng ở thứ hạng trung bình", "<="),
    (QUANG_NGAI_RANK, 30, "hạng", "", ">="),
    # The other words of the rule.
    ("Tỷ lệ cấp giấy chứng nhận đăng ký doanh nghiệp qua mạng đạt tối thiểu 35%.", 35, "%", "",
     ">="),
    ("Có ít nhất 03 sáng kiến/giải pháp mới trở lên trong thực hiện nhiệm vụ CCHC;", 3,
     "sáng kiến/giải pháp", "", ">="),
    ("sự hài lòng đạt mức trên 60% (tỷ lệ cá nhân, tổ chức đến giao dịch).", 60, "%", "", ">"),
    ("giảm xuống dưới 5%.", 5, "%", "", "<"),
    ("Yêu cầu đến năm 2022 phải giảm tỷ lệ hồ sơ đất đai giải quyết trễ hẹn xuống dưới 5%.", 5,
     "%", "", "<"),
    ("Thời gian giải quyết còn tối đa 10 ngày.", 10, "ngày", "", "<="),
    ("Số cuộc họp không quá 4 cuộc.", 4, "cuộc", "", "<="),
    ("thu ngân sách vượt 4% so với dự toán", 4, "%", "", ">"),
    ("thu ngân sách năm 2020 của tỉnh vượt chỉ tiêu từ 4% trở lên", 4, "%", "", ">="),
    ("Phấn đấu ... đạt tổng số điểm từ 90 trở lên, xếp trong tốp 10 tỉnh, thành phố", 10, "hạng",
     "", "<="),
    ("Phấn đấu 70% đơn vị cấp huyện triển khai thực hiện cơ chế một cửa liên thông hiện đại", 70,
     "%", "", "="),
    ("Chỉ số năm 2025 đạt 82,85 điểm trở lên", 82.85, "điểm", "", "="),
]


@pytest.mark.parametrize(("text", "value", "unit", "label", "expected"), CASES)
def test_the_comparator_rule(text, value, unit, label, expected):
    assert comparator_in_text(text, value, unit, label) == expected


@pytest.mark.parametrize(("text", "value", "unit"), [
    ("Đạt 100% kế hoạch.", 90, "%"),  # the number is not in the text
    ("Đạt 2025 điểm.", 25, "điểm"),  # nor is it part of a larger one
    ("Tối thiểu 30% A; 30% B.", 30, "%"),  # twice, read differently, and no label to choose
])
def test_the_rule_says_nothing_when_it_cannot_tell(text, value, unit):
    assert comparator_in_text(text, value, unit) is None


def test_a_percentage_target_reads_a_percentage():
    # "mức độ 3, 4" is not "4%".
    text = "tích hợp 30% các dịch vụ mức độ 3, 4; tăng 4% so với năm trước."
    assert comparator_in_text(text, 4, "%") == "="


def test_the_reading_shows_the_words_it_read():
    reading = read_comparator(LAO_CAI_3_1_3, 30, "TTHC hoặc nhóm TTHC")
    assert reading is not None
    assert reading.words == "liên thông cùng cấp; 30"


@pytest.mark.parametrize(("words", "expected"), [
    ("đạt tối thiểu từ", ">="), ("Có từ", ">="), ("từ thứ hạng", ">="), ("ở mức độ 3 và", "="),
    ("đạt", "="), ("thứ", "="), ("trừ", "="),  # "trừ" folds to "tru", not "tu"
])
def test_words_before_a_number(words, expected):
    assert comparator_before(words) == expected
