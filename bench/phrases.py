"""Phrases for the synthetic corpus, taken once from the shipped real plans.

Every task title, output, assignment tail, objective, target label and duty text below is a
fragment copied from ``plans/*/*.yaml`` (task titles cut at their first ";" or ". " and split into
a leading verb phrase and its object so the two halves can be recombined). Fragments naming a real
province, city or provincial document were left out, so the fictional provinces never borrow a real
place. The list is frozen here rather than read from ``plans/`` at generation time, so a corpus
depends only on the seed and the size, not on whatever plans are checked in that day.
"""

from __future__ import annotations

# Leading verb phrases of real task titles.
VERBS: tuple[str, ...] = (
    "Xây dựng",
    "Xây dựng và triển khai",
    "Xây dựng và hoàn thiện",
    "Tiếp tục xây dựng",
    "Tiếp tục triển khai",
    "Tiếp tục triển khai thực hiện có hiệu quả",
    "Tiếp tục thực hiện",
    "Tiếp tục rà soát",
    "Tiếp tục đẩy mạnh",
    "Triển khai",
    "Triển khai thực hiện",
    "Triển khai thực hiện tốt",
    "Thực hiện",
    "Thực hiện tốt",
    "Thực hiện có hiệu quả",
    "Tổ chức",
    "Tổ chức thực hiện tốt",
    "Rà soát, đánh giá",
    "Nghiên cứu xây dựng",
    "Hoàn thiện",
    "Duy trì",
    "Tăng cường",
    "Đẩy mạnh",
    "Đổi mới",
    "Nâng cao",
    "Tổng kết, đánh giá",
    "Mở rộng",
)

# Objects of real task titles (what follows the verb), by reform area.
OBJECTS: dict[str, tuple[str, ...]] = {
    "chi-dao-dieu-hanh": (
        "công tác thông tin, tuyên truyền, tập huấn bồi dưỡng nghiệp vụ cho cán bộ, công chức, "
        "viên chức các nội dung về cải cách hành chính",
        "công tác thanh tra, kiểm tra, giám sát việc thực hiện công tác cải cách hành chính, kịp "
        "thời khắc phục những tồn tại, hạn chế",
        "thí điểm Bộ chỉ số theo dõi, đánh giá CCHC (PAR INDEX) theo Dự án của Bộ Nội vụ",
        "chế độ báo cáo quý, 6 tháng và năm về đánh giá và tự đánh giá (chấm điểm) công tác cải "
        "cách hành chính",
        "kế hoạch cải cách hành chính hàng năm, nhằm cụ thể hoá nhiệm vụ cải cách hành chính",
        "công tác tuyên truyền về CCHC",
        "các hoạt động khảo sát, đo lường sự hài lòng và thu nhận ý kiến của cá nhân, tổ chức đối "
        "với sự phục vụ của cán bộ, công chức và cơ quan hành chính nhà nước các cấp",
        "một số biện pháp chấn chỉnh kỷ luật, kỷ cương hành chính theo quy định của Trung ương",
    ),
    "the-che": (
        "cơ chế tổng hợp, điều phối thống nhất cải cách thể chế, hoàn thiện hệ thống quy định, "
        "chính sách, cơ chế để bảo đảm mục tiêu kinh tế - xã hội đề ra",
        "Quy chế cập nhật, cung cấp, chia sẻ cơ sở dữ liệu về kế hoạch thanh tra, kiểm tra doanh "
        "nghiệp trên địa bàn tỉnh",
        "điều chỉnh Danh mục các lĩnh vực và dự án thu hút đầu tư",
        "hội nghị đối thoại, giải đáp cho doanh nghiệp, nhà đầu tư",
        "hệ thống thể chế, cơ chế, chính sách phát triển kinh tế của tỉnh",
        "các cơ chế, chính sách về công chức, công vụ",
        "các hoạt động theo dõi thi hành pháp luật, kịp thời xử lý, kiến nghị xử lý kết quả theo "
        "dõi thi hành pháp luật trên địa bàn tỉnh đảm bảo đúng quy định của pháp luật",
        "hệ thống cơ chế, chính sách nhằm hỗ trợ, tạo điều kiện thu hút các nhà đầu tư chiến "
        "lược, nhà đầu tư tiềm năng đầu tư vào tỉnh",
        "công tác tham mưu xây dựng, ban hành văn bản quy phạm pháp luật đúng theo quy định của "
        "Luật Ban hành văn bản quy phạm pháp luật",
        "các văn bản quy phạm pháp luật do địa phương ban hành, kịp thời tham mưu, đề xuất cơ quan "
        "có thẩm quyền hủy bỏ hoặc sửa đổi, bổ sung phù hợp với thực tiễn",
    ),
    "thu-tuc-hanh-chinh": (
        "đề xuất phương án đơn giản hóa thủ tục hành chính, cắt giảm giấy tờ, hồ sơ, rút ngắn thời "
        "gian giải quyết so với văn bản quy phạm pháp luật",
        "quy trình một cửa, một cửa liên thông trên các lĩnh vực: Chủ trương đầu tư, đăng ký đầu "
        "tư, lựa chọn nhà đầu tư, xây dựng",
        "công bố chuẩn hóa Danh mục thủ tục hành chính thực hiện tiếp nhận, giải quyết trực tuyến "
        "qua mạng tin học mức độ 3, 4 theo cơ chế một cửa, cơ chế một cửa liên thông",
        "cải tiến, nâng cao chất lượng và hiệu quả của cơ chế một cửa, một cửa liên thông, một "
        "cửa hiện đại",
        "chất lượng, hiệu quả hoạt động của Trung tâm Hành chính công tỉnh và Trung tâm hành "
        "chính công cấp huyện",
        "công tác thanh tra, kiểm tra, giám sát việc thực hiện cải cách thủ tục hành chính",
        "việc tiếp nhận, xử lý phản ánh kiến nghị của cá nhân tổ chức đối với thủ tục thuộc thẩm "
        "quyền giải quyết ở cả 3 cấp trên địa bàn tỉnh theo đúng quy định",
        "việc công bố, niêm yết, công khai thủ tục hành chính trên cổng thông tin điện tử thành "
        "phần của cơ quan, đơn vị và tại nơi tiếp nhận",
    ),
    "mot-cua": (
        "phối hợp giải quyết hồ sơ điện tử theo cơ chế một cửa liên thông giữa các cơ quan hành "
        "chính nhà nước trên phần mềm một cửa điện tử (giải pháp kiến trúc mới)",
        "Quy chế sử dụng cơ sở dữ liệu kết quả giải quyết thủ tục hành chính để thẩm định hồ sơ",
        "Đề án một cửa liên thông trong việc giải quyết các thủ tục hành chính đối với dự án đầu "
        "tư",
        "quy chế làm việc tại các Trung tâm Hành chính công tỉnh và Trung tâm Hành chính "
        "công cấp huyện để xử lý công việc đảm bảo thời gian quy định",
    ),
    "to-chuc-bo-may": (
        "Luật Tổ chức chính quyền địa phương năm 2015 và các quy định của Trung ương về phân cấp, "
        "phân quyền, ủy quyền thực hiện nhiệm vụ, quyền hạn quản lý nhà nước",
        "Đề án đổi mới cơ chế hoạt động, cơ chế tài chính của các đơn vị sự nghiệp công lập gắn "
        "với đẩy mạnh xã hội hóa",
        "xác định cụ thể chức năng, nhiệm vụ, thẩm quyền của các cơ quan hành chính ở từng cấp",
        "bộ tiêu chí đánh giá mức độ hài lòng của cá nhân, tổ chức đối với các dịch vụ công do cơ "
        "quan hành chính, đơn vị sự nghiệp cung cấp",
        "rà soát, sắp xếp thực hiện đúng quy định về sử dụng biên chế hành chính nhà nước và quy "
        "định về số người làm việc trong các đơn vị sự nghiệp công lập",
        "Quy chế phối hợp giữa Thanh tra tỉnh với các cơ quan, đơn vị trong thực hiện xây dựng kế "
        "hoạch thanh tra, kiểm tra doanh nghiệp trên địa bàn tỉnh",
    ),
    "doi-ngu-cbccvc": (
        "cơ cấu viên chức theo Đề án vị trí việc làm",
        "quy trình, tiêu chuẩn đầu ra trong đào tạo, bồi dưỡng cán bộ, công chức, viên chức, cán "
        "bộ, công chức cấp xã",
        "công tác tuyển dụng cán bộ, công chức, viên chức",
        "phân cấp quản lý công tác cán bộ, công chức đảm bảo đồng bộ với phân cấp nhiệm vụ và "
        "kinh phí",
        "việc ứng dụng phần mềm quản lý hồ sơ điện tử cán bộ, công chức, viên chức sự nghiệp công "
        "lập và cán bộ, công chức cấp xã",
        "Đề án tinh giản biên chế theo Nghị định số 108/2014/NĐ-CP ngày 20/11/2014 của Chính phủ",
        "đào tạo, bồi dưỡng cán bộ, công chức, viên chức trong và ngoài nước",
        "Đề án cơ cấu lại đội ngũ công chức, viên chức ở các cơ quan hành chính và sự nghiệp theo "
        "vị trí việc làm",
        "việc đánh giá, phân loại cán bộ, công chức, viên chức, quy định về bổ nhiệm vị trí lãnh "
        "đạo theo quy định của pháp luật",
    ),
    "tai-chinh-cong": (
        "tiêu chuẩn, định mức để xác định dự toán ngân sách được cấp phát trung hạn và hàng năm "
        "cho cơ quan hành chính",
        "phương án tự chủ xác định phân loại đơn vị sự nghiệp",
        "xác định giá trị tài sản để giao tài sản cho đơn vị sự nghiệp công lập tự chủ tài chính "
        "và quản lý sử dụng theo cơ chế vốn doanh nghiệp",
        "cơ chế tính toán đầy đủ chi phí trong giá dịch vụ sự nghiệp công thuộc lĩnh vực sự nghiệp "
        "kinh tế, sự nghiệp khác tiến tới tự chủ hoàn toàn",
        "việc Nhà nước đặt hàng đối với các sản phẩm dịch vụ công ích",
        "cơ chế khoán biên chế và kinh phí tại các cơ quan hành chính, đơn vị sự nghiệp công lập",
        "cơ chế tài chính của các cơ sở giáo dục đào tạo, y tế công lập theo hướng tự chủ, công "
        "khai, minh bạch",
        "cơ chế sử dụng kinh phí nhà nước để phát triển các nhiệm vụ khoa học, công nghệ",
        "công tác cổ phần hóa đối với các đơn vị sự nghiệp đủ điều kiện để chuyển đổi theo quy "
        "định",
    ),
    "hien-dai-hoa": (
        "hệ thống tiêu chuẩn và hướng dẫn kỹ thuật, triển khai số hóa cơ sở dữ liệu và dữ liệu "
        "quản lý tại các cơ quan, đơn vị, ngành, lĩnh vực",
        "các phần mềm nghiệp vụ",
        "phần mềm hỗ trợ lập kế hoạch thanh tra, kiểm tra doanh nghiệp trên địa bàn tỉnh",
        "mô hình tổ chức quản lý hạ tầng kỹ thuật công nghệ thông tin và hệ thống phần mềm ứng "
        "dụng trên địa bàn tỉnh",
        "phần mềm nhắc việc đồng bộ với việc nâng cấp phần mềm E-Office",
        "hệ thống tin nhắn tự động thông báo kết quả giải quyết TTHC theo nhu cầu của tổ chức, cá "
        "nhân",
        "trang thông tin điện tử cho UBND cấp xã để cung cấp thông tin chỉ đạo, điều hành, phục vụ "
        "quản lý nhà nước",
        "Đề án chuyển đổi sang Tiêu chuẩn quốc gia TCVN ISO 9001:2015",
        "cơ sở vật chất cho các cơ quan nhà nước",
        "đầu tư xây dựng, cải tạo, nâng cấp trụ sở các cơ quan hành chính",
        "thí điểm triển khai phần mềm văn phòng điện tử đến một số cơ quan cấp tỉnh, cấp huyện và "
        "nhân rộng đến tất cả cơ quan hành chính cấp tỉnh, huyện khi có đủ điều kiện",
    ),
    "chinh-phu-dien-tu-so": (
        "Đề án thí điểm mô hình khu dân cư điện tử đồng bộ với tiến trình triển khai Đề án thành "
        "lập Trung tâm Dịch vụ hành chính công trực tuyến",
        "hạ tầng đường truyền dữ liệu, hòm thư điện tử cho các cơ quan, đơn vị, địa phương và "
        "triển khai áp dụng chữ ký số trong trả kết quả giải quyết",
        "ứng dụng công nghệ thông tin trong hoạt động giải quyết công việc nhất là việc kết nối, "
        "liên thông các phần mềm của Đề án chính quyền điện tử",
        "việc triển khai cung cấp và tiếp nhận, giải quyết, xử lý hồ sơ thủ tục hành chính trực "
        "tuyến mức độ 3,4 theo lộ trình đã đề ra",
        "ứng dụng công nghệ thông tin trong phát triển Chính quyền điện tử hướng tới Chính quyền "
        "số, giảm chi phí và thời gian giải quyết công việc",
        "dịch vụ công chứng thực bản sao điện tử từ bản chính trên Cổng Dịch vụ công quốc gia",
    ),
}
OBJECTS["che-do-cong-vu"] = OBJECTS["doi-ngu-cbccvc"]

# Reform areas whose phrases stand in for another's.
AREA_PHRASES: dict[str, str] = {
    "par-chi-dao-dieu-hanh": "chi-dao-dieu-hanh",
    "par-van-ban-qppl": "the-che",
    "par-thu-tuc-hanh-chinh": "thu-tuc-hanh-chinh",
    "par-to-chuc-bo-may": "to-chuc-bo-may",
    "par-doi-ngu-cbccvc": "doi-ngu-cbccvc",
    "par-tai-chinh-cong": "tai-chinh-cong",
    "par-hien-dai-hoa": "chinh-phu-dien-tu-so",
    "par-tac-dong": "mot-cua",
}

# Whole titles that do not start with a verb (reports, surveys, schemes), any area.
STANDALONE_TITLES: tuple[str, ...] = (
    "Phối hợp tuyên truyền về CCHC",
    "Báo cáo 3 năm thực hiện Nghị định số 63/NĐ-CP về kiểm soát thủ tục hành chính.",
    "Đề án đẩy mạnh công tác truyền thông về kiểm soát thủ tục hành chính.",
    "Đề án quản lý cán bộ công chức bằng phần mềm và cơ sở dữ liệu PMIS",
    "Đánh giá 5 năm việc thực hiện Quy chế văn hoá công sở theo Quyết định số 129/2007/QĐ-TTg.",
    "Khảo sát đánh giá sự hài lòng của người dân đối với dịch vụ y tế công.",
    "Khảo sát đánh giá sự hài lòng của người dân đối với dịch vụ giáo dục công.",
    "Khảo sát đánh giá sự hài lòng của tổ chức, cá nhân và doanh nghiệp đối với dịch vụ công.",
    "Báo cáo 5 năm thực hiện áp dụng HTQLCL ISO theo Quyết định số 118/2009/QĐ-TTg.",
    "Nhập và đăng tải thủ tục hành chính (TTHC)",
    "Trực tuyến hóa ở mức độ 4 đối với toàn bộ thủ tục hành chính đủ điều kiện thực hiện ở cả "
    "ba cấp hành chính",
    "Đảm bảo 100% thủ tục hành chính ở cả 3 cấp (tỉnh, huyện, xã) được trả kết quả đúng và "
    "trước hẹn.",
)

# Real task outputs (sản phẩm). "{issuer}" is replaced by the issuing body's short name.
OUTPUTS: tuple[str, ...] = (
    "Quyết định của {issuer} ban hành Quy chế",
    "Đề án được {issuer} phê duyệt",
    "Quy chế được {issuer} ban hành",
    "Kế hoạch triển khai được {issuer} ban hành",
    "Quyết định phê duyệt của {issuer}",
    "Quyết định được {issuer} ban hành",
    "Đề án và kế hoạch triển khai chi tiết được {issuer} phê duyệt",
    "Quy định, quy chế tổ chức thực hiện được {issuer} ban hành",
    "Các quy định, chỉ đạo triển khai thực hiện",
    "Các hội nghị, hội thảo",
    "Theo Đề án được cấp thẩm quyền phê duyệt",
    "Báo cáo đánh giá và đề xuất phương hướng, kế hoạch cụ thể cho giai đoạn tiếp theo",
    "Phần mềm được nâng cấp, hoàn thiện",
    "Hệ thống được duy trì",
    "Quyết định công bố danh mục thủ tục hành chính được {issuer} ban hành",
    "Danh mục dịch vụ Nhà nước đặt hàng các đơn vị sự nghiệp được phê duyệt",
    "Các phương án giá được {issuer} ban hành",
    "Các phần mềm nghiệp vụ phục vụ xử lý, quản lý chuyên môn tại các cơ quan, đơn vị, địa "
    "phương",
    "Hệ thống tiêu chuẩn kỹ thuật được phê duyệt, các tiêu chuẩn kỹ thuật về số hóa cơ sở dữ liệu "
    "được triển khai áp dụng",
    "Thủ tục hành chính được công khai trên cơ sở dữ liệu quốc gia TTHC.",
    "Toàn bộ hồ sơ thủ tục hành chính áp dụng cơ chế một cửa liên thông được luân chuyển, phối "
    "hợp xử lý dưới dạng điện tử trên mạng tin học giữa các cơ quan hành chính thuộc tỉnh",
    "- Các đề án nghiên cứu và kế hoạch, chính sách triển khai được {issuer} phê duyệt. - Hoàn "
    "thành một số mô hình điểm để rút kinh nghiệm nhân rộng.",
)

# What the lead does, after "X chủ trì, phối hợp với Y" in real assignment cells.
ASSIGNMENT_TAILS: tuple[str, ...] = (
    "tham mưu {issuer} ban hành và chỉ đạo triển khai thực hiện",
    "tham mưu {issuer}",
    "thực hiện",
    "xây dựng đề án trình {issuer}; tham mưu triển khai sau khi được phê duyệt",
    "tham mưu {issuer} chỉ đạo, hướng dẫn, kiểm tra việc thực hiện",
    "tham mưu {issuer} ban hành",
    "tổ chức triển khai thực hiện",
)
ASSIGNMENT_FOLLOW_UPS: tuple[str, ...] = (
    "hướng dẫn, kiểm tra, đôn đốc.",
    "tổng hợp, đôn đốc.",
    "thực hiện theo quy định, chỉ đạo của cấp trên.",
    "triển khai theo Đề án được phê duyệt.",
    "thẩm định, trình {issuer} phê duyệt.",
)

# Objectives with numeric targets: (text, label, comparator, unit, (low, high)). "{v}" is the
# value, "{y}" the plan's year.
TARGET_OBJECTIVES: tuple[tuple[str, str, str, str, tuple[int, int]], ...] = (
    ("Đưa {v}% thủ tục hành chính đủ điều kiện vào thực hiện trực tuyến ở mức độ 3, 4.",
     "thủ tục hành chính đủ điều kiện vào thực hiện trực tuyến ở mức độ 3, 4", "=", "%",
     (90, 100)),
    ("Có tối thiểu {v}% hồ sơ thủ tục hành chính được tiếp nhận, giải quyết trực tuyến ở mức "
     "độ 4.", "hồ sơ thủ tục hành chính được tiếp nhận, giải quyết trực tuyến ở mức độ 4", ">=",
     "%", (15, 60)),
    ("Tỷ lệ cấp giấy chứng nhận đăng ký doanh nghiệp qua mạng đạt tối thiểu {v}%.",
     "Tỷ lệ cấp giấy chứng nhận đăng ký doanh nghiệp qua mạng", ">=", "%", (35, 90)),
    ("Tỷ lệ hồ sơ trễ hạn trên các lĩnh vực: Đất đai, môi trường, đầu tư, xây dựng giảm xuống "
     "dưới {v}%.", "Tỷ lệ hồ sơ trễ hạn trên các lĩnh vực: Đất đai, môi trường, đầu tư, xây dựng",
     "<", "%", (2, 10)),
    ("{v}% sở, ban, ngành, Ủy ban nhân dân cấp huyện, cấp xã thực hiện quản lý cán bộ, công "
     "chức, viên chức trên phần mềm quản lý cán bộ, công chức, viên chức.",
     "sở, ban, ngành, Ủy ban nhân dân cấp huyện, cấp xã thực hiện quản lý cán bộ, công chức, "
     "viên chức trên phần mềm quản lý cán bộ, công chức, viên chức", "=", "%", (100, 100)),
    ("Mức độ hài lòng của tổ chức, cá nhân đối với sự phục vụ của cơ quan hành chính nhà nước "
     "trên địa bàn tỉnh đạt tối thiểu {v}%.",
     "Mức độ hài lòng của tổ chức, cá nhân đối với sự phục vụ của cơ quan hành chính nhà nước "
     "trên địa bàn tỉnh", ">=", "%", (78, 95)),
    ("Bảo đảm hoàn thành {v}% kế hoạch CCHC năm {y}.", "kế hoạch CCHC năm {y}", "=", "%",
     (100, 100)),
    ("Thực hiện kiểm tra công tác CCHC đối với tối thiểu từ {v}% số cơ quan, đơn vị trở lên.",
     "Thực hiện kiểm tra công tác CCHC đối với tối thiểu từ {v}% số cơ quan, đơn vị trở lên",
     ">=", "%", (30, 50)),
    ("Có ít nhất {v:02d} sáng kiến/giải pháp mới trở lên trong thực hiện nhiệm vụ CCHC trong "
     "năm;", "sáng kiến/giải pháp mới trở lên trong thực hiện nhiệm vụ CCHC trong năm", ">=",
     "sáng kiến/giải pháp", (2, 6)),
    ("Hoàn thành đúng tiến độ {v}% số nhiệm vụ được Chính phủ, Thủ tướng Chính phủ giao trong "
     "năm.", "số nhiệm vụ được Chính phủ, Thủ tướng Chính phủ giao trong năm", "=", "%",
     (100, 100)),
    ("{v}% các văn bản, tài liệu chính thức trao đổi giữa các cơ quan hành chính nhà nước được "
     "thực hiện trên mạng điện tử.", "các văn bản, tài liệu chính thức trao đổi giữa các cơ quan "
     "hành chính nhà nước được thực hiện trên mạng điện tử", "=", "%", (80, 100)),
    ("Chỉ số CCHC năm {y} của tỉnh đạt tổng số điểm từ {v} điểm trở lên.",
     "Chỉ số CCHC năm {y} của tỉnh đạt tổng số điểm", ">=", "điểm", (85, 92)),
)

# Objectives without a number.
PLAIN_OBJECTIVES: tuple[str, ...] = (
    "Tiếp tục cắt giảm thời gian giải quyết thủ tục hành chính trên cơ sở đơn giản hóa, chuẩn "
    "hóa và thống nhất hóa về hồ sơ và quy trình giải quyết thủ tục hành chính, phân cấp thẩm "
    "quyền giải quyết thủ tục hành chính cho cơ sở; hoàn thiện cơ sở dữ liệu thủ tục hành chính.",
    "Tích hợp, gắn kết đồng bộ hệ thống quản lý chất lượng theo tiêu chuẩn quốc gia TCVN ISO "
    "9001:2008 với cơ chế một cửa, cơ chế một cửa liên thông và tin học hóa quy trình, cơ chế "
    "phối hợp giải quyết công việc, thủ tục hành chính.",
    "Cải thiện Chỉ số năng lực cạnh tranh cấp tỉnh (PCI), Chỉ số hiệu quả quản trị và hành chính "
    "công cấp tỉnh (PAPI) và Chỉ số cải cách hành chính cấp tỉnh (PAR-INDEX).",
    "Thực hiện nghiêm túc chế độ báo cáo định kỳ về công tác CCHC, công tác kiểm tra rà soát văn "
    "bản quy phạm pháp luật, công tác theo dõi thi hành pháp luật, công tác đào tạo, bồi dưỡng "
    "cán bộ, công chức, viên chức; ứng dụng CNTT....",
    "Phối hợp với Bưu điện tỉnh triển khai thực hiện tốt việc khảo sát, đo lường sự hài lòng "
    "của người dân, tổ chức đối với sự phục vụ của cơ quan hành chính nhà nước để nâng cao chỉ "
    "số SIPAS của tỉnh.",
    "Triển khai toàn diện Luật Tổ chức chính quyền địa phương và các quy định, hướng dẫn có liên "
    "quan, gắn với kiện toàn tổ chức bộ máy, hoàn thiện vị trí việc làm và cơ cấu công chức, "
    "viên chức.",
)

# Duty paragraphs and lettered items ("Tổ chức thực hiện").
DUTY_TEXTS: tuple[str, ...] = (
    "Căn cứ nhiệm vụ được giao trong Kế hoạch này, xây dựng Kế hoạch hoặc Chương trình hành "
    "động cụ thể hóa nhiệm vụ của ngành, địa phương mình để thực hiện.",
    "Thường xuyên kiểm tra, đánh giá chất lượng phục vụ và đạo đức công vụ của cán bộ, công "
    "chức thuộc quyền quản lý.",
    "Định kỳ quý, 6 tháng, năm báo cáo việc triển khai thực hiện các nội dung trong Kế hoạch này "
    "theo chức năng, nhiệm vụ, thẩm quyền.",
    "Chủ trì, phối hợp với các cơ quan có liên quan tham mưu UBND tỉnh chỉ đạo chung việc thực "
    "hiện công tác CCHC ở các cấp, các ngành.",
    "Tăng cường công tác thanh tra, kiểm tra, giám sát công vụ; kiểm tra thường xuyên, đột xuất "
    "công tác CCHC và kỷ luật, kỷ cương hành chính.",
    "Tham mưu, đề xuất UBND tỉnh, Chủ tịch UBND tỉnh cụ thể hóa thành Kế hoạch cải cách hành "
    "chính hàng năm của tỉnh;",
    "Chỉ đạo xây dựng kế hoạch cụ thể để triển khai và tổ chức thực hiện các nhiệm vụ cải cách "
    "hành chính tại cơ quan, đơn vị phù hợp với đặc điểm, tính chất nhiệm vụ của từng địa "
    "phương, cơ quan, đơn vị.",
    "Kiểm soát chặt chẽ cơ chế lập, phân bổ ngân sách nhà nước cho các cơ quan hành chính nhà "
    "nước, đơn vị sự nghiệp công lập.",
    "Xây dựng, triển khai kế hoạch; thực hiện báo cáo công tác theo dõi thi hành pháp luật đầy "
    "đủ, kịp thời, đúng quy định.",
    "Quản lý, vận hành hoạt động của Cổng Dịch vụ công và Hệ thống thông tin một cửa điện tử "
    "theo quy định, đảm bảo đường truyền kết nối thông suốt, ổn định.",
)

# National legal bases as the real plans cite them: (number, date, title).
LEGAL_BASES: tuple[tuple[str | None, str, str], ...] = (
    ("30c/NQ-CP", "2011-11-08", "ban hành Chương trình tổng thể cải cách hành chính nhà nước giai "
     "đoạn 2011-2020"),
    ("76/NQ-CP", "2013-06-13", "sửa đổi, bổ sung một số điều của Nghị quyết số 30c/NQ-CP ngày 08 "
     "tháng 11 năm 2011 của Chính phủ"),
    (None, "2015-06-19", "Luật Tổ chức chính quyền địa phương"),
    ("76/NQ-CP", "2021-07-15", "ban hành Chương trình tổng thể cải cách hành chính nhà nước giai "
     "đoạn 2021-2030"),
)

# Section headings by area, as real plans write them.
SECTION_TITLES: dict[str, str] = {
    "chi-dao-dieu-hanh": "Công tác chỉ đạo, điều hành",
    "the-che": "Cải cách thể chế",
    "thu-tuc-hanh-chinh": "Cải cách thủ tục hành chính",
    "to-chuc-bo-may": "Cải cách tổ chức bộ máy",
    "doi-ngu-cbccvc": "Xây dựng và nâng cao chất lượng đội ngũ cán bộ, công chức, viên chức",
    "che-do-cong-vu": "Cải cách chế độ công vụ",
    "tai-chinh-cong": "Cải cách tài chính công",
    "hien-dai-hoa": "Hiện đại hóa nền hành chính",
    "chinh-phu-dien-tu-so": "Xây dựng và phát triển Chính quyền điện tử, Chính quyền số",
    "mot-cua": "Cơ chế một cửa, một cửa liên thông",
    "par-chi-dao-dieu-hanh": "Chỉ số nội dung “công tác chỉ đạo, điều hành CCHC”",
    "par-van-ban-qppl": "Chỉ số nội dung “Xây dựng và tổ chức thực hiện văn bản QPPL tại tỉnh”",
    "par-thu-tuc-hanh-chinh": "Chỉ số nội dung “Cải cách thủ tục hành chính”",
    "par-to-chuc-bo-may": "Chỉ số nội dung “Cải cách tổ chức bộ máy hành chính”",
    "par-doi-ngu-cbccvc": "Chỉ số nội dung “Xây dựng và nâng cao chất lượng đội ngũ cán bộ, công "
    "chức, viên chức”",
    "par-tai-chinh-cong": "Chỉ số nội dung “cải cách tài chính công”",
    "par-hien-dai-hoa": "Chỉ số nội dung “Hiện đại hóa hành chính”",
    "par-tac-dong": "Chỉ số nội dung “Tác động của CCHC đến người dân, tổ chức và phát triển "
    "KT-XH của tỉnh”",
}

# Editors' words for status updates (not from the plans: the real plans carry no updates).
UPDATE_NOTES: tuple[str, ...] = (
    "Đã ban hành văn bản triển khai.",
    "Đang lấy ý kiến các cơ quan, đơn vị liên quan.",
    "Đã trình UBND tỉnh xem xét, phê duyệt.",
    "Đã tổ chức **hội nghị** triển khai; đang tổng hợp kết quả.",
    "Hoàn thành dự thảo, đang chỉnh sửa theo ý kiến thẩm định.",
    "Chậm do chờ hướng dẫn của Trung ương.",
)
PAUSE_REASONS: tuple[str, ...] = (
    "Chờ hướng dẫn của Bộ Nội vụ.",
    "Chờ sắp xếp tổ chức bộ máy theo chủ trương của cấp trên.",
    "Tạm dừng theo văn bản chỉ đạo của UBND tỉnh để rà soát lại phạm vi.",
    "Chưa bố trí được kinh phí thực hiện.",
)
CANCEL_REASONS: tuple[str, ...] = (
    "Văn bản quy phạm pháp luật làm căn cứ đã hết hiệu lực.",
    "Nhiệm vụ được lồng ghép vào kế hoạch khác của tỉnh.",
    "Không còn phù hợp sau khi sắp xếp đơn vị hành chính.",
)

# Syllables of fictional place names and parts of fictional personal names.
PLACE_SYLLABLES: tuple[str, ...] = (
    "An", "Bình", "Phú", "Tân", "Hòa", "Thạnh", "Long", "Đông", "Tây", "Nam", "Bắc", "Xuân",
    "Thuận", "Hưng", "Phước", "Lợi", "Mỹ", "Quang", "Trung", "Vĩnh", "Thanh", "Hải", "Sơn",
    "Lâm", "Đức", "Minh", "Phong", "Lộc", "Thịnh", "Khánh", "Hiệp", "Định", "Lạc", "Thái", "Hà",
    "Cát", "Kim", "Ngọc", "Hồng", "Yên",
)
SURNAMES: tuple[str, ...] = (
    "Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Huỳnh", "Phan", "Vũ", "Võ", "Đặng", "Bùi", "Đỗ",
    "Hồ", "Ngô", "Dương", "Lý",
)
MIDDLE_NAMES: tuple[str, ...] = (
    "Văn", "Thị", "Đức", "Minh", "Quốc", "Thanh", "Hữu", "Ngọc", "Xuân", "Công",
)
GIVEN_NAMES: tuple[str, ...] = (
    "An", "Bình", "Cường", "Dũng", "Hà", "Hải", "Hùng", "Lan", "Long", "Mai", "Nam", "Phong",
    "Quân", "Sơn", "Tâm", "Thảo", "Trung", "Tuấn", "Vinh", "Yến",
)
