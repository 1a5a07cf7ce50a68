"""Make the fictional documents that the importer's tests read: tests/fixtures/import/.

Run: ``.venv/bin/python scripts/make_import_fixtures.py`` (needs python-docx and reportlab, and
the DejaVu Sans font for the PDF). The files are committed; run this again only to change them.

Every document is a plan of the fictional province "Minh Họa" (the project's demo province); the
content is invented. Each format exercises what real documents do differently:

- DOCX: the header in a two-column table; a task matrix whose columns are in another order than
  the seeds' (STT, Nội dung công việc, Cơ quan chủ trì, Cơ quan phối hợp, Thời gian hoàn thành,
  Sản phẩm); a section row merged across all columns and one merged after its number; cells of
  two paragraphs; a lead cell merged down two rows; registry aliases ("Sở TT&TT", "VP UBND
  tỉnh") and a name the registry lacks ("Sở Du lịch").
- PDF: a text layer with a ruled table (TT, Nhiệm vụ, Sản phẩm, Tiến độ, Phân công và cách thức
  thực hiện) broken over two pages.
- HTML: a saved page with a site menu around the document; header cells as ``<th>``; columns TT,
  Nhiệm vụ, Thời gian thực hiện, Đơn vị chủ trì, Đơn vị phối hợp, Kết quả; ``colspan`` and
  ``rowspan``.
- TXT: text copied from a web page: cells between ``|`` lines, rows lost, lines wrapped.
"""

from __future__ import annotations

import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
OUT = REPO / "tests" / "fixtures" / "import"
FONT = Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")

HEADER = [
    "Số: 12/KH-UBND",
    "Minh Họa, ngày 15 tháng 3 năm 2026",
]
BASES = [
    "Căn cứ Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015;",
    "Căn cứ Nghị quyết số 76/NQ-CP ngày 15/7/2021 của Chính phủ ban hành Chương trình tổng thể "
    "cải cách hành chính nhà nước giai đoạn 2021-2030;",
]
OBJECTIVES = [
    "I. MỤC TIÊU",
    "1. Tỷ lệ hồ sơ giải quyết đúng hạn đạt tối thiểu 98%.",
    "2. Mức độ hài lòng của người dân đạt trên 90%.",
    "II. NHIỆM VỤ",
    "Chi tiết tại Phụ lục kèm theo.",
]
SIGNATURE = ["TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH", "Nguyễn Văn Mẫu"]


def make_docx(path: Path) -> None:
    """The DOCX fixture (see the module docstring)."""
    import docx
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    document = docx.Document()
    head = document.add_table(rows=1, cols=2)
    head.cell(0, 0).text = "ỦY BAN NHÂN DÂN\nTỈNH MINH HỌA"
    head.cell(0, 1).text = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc"
    for line in HEADER:
        document.add_paragraph(line)
    document.add_paragraph("KẾ HOẠCH")
    document.add_paragraph("CẢI CÁCH HÀNH CHÍNH TỈNH MINH HỌA NĂM 2026")
    for line in BASES + OBJECTIVES:
        document.add_paragraph(line)
    columns = ["STT", "Nội dung công việc", "Cơ quan chủ trì", "Cơ quan phối hợp",
               "Thời gian hoàn thành", "Sản phẩm"]
    rows = [
        ("I. CẢI CÁCH THỂ CHẾ",),
        ("1", "Rà soát văn bản quy phạm pháp luật do tỉnh ban hành", "Sở Tư pháp",
         "Các sở, ban, ngành", "Quý II/2026", "Báo cáo kết quả rà soát"),
        ("2", "Xây dựng quy chế phối hợp\ntheo dõi thi hành pháp luật", "Sở Tư pháp",
         "VP UBND tỉnh; Sở Du lịch", "Quý III/2026", "Quyết định của UBND tỉnh"),
        ("II", "HIỆN ĐẠI HÓA HÀNH CHÍNH"),
        ("1", "Nâng cấp Cổng dịch vụ công của tỉnh", "Sở TT&TT", "Sở Nội vụ",
         "Trong năm 2026", "Cổng dịch vụ công được nâng cấp\nBáo cáo đánh giá"),
        ("2", "Số hóa hồ sơ thủ tục hành chính tại Bộ phận Một cửa cấp xã", "UBND cấp xã",
         "Sở TT&TT", "Thường xuyên", ""),
    ]
    table = document.add_table(rows=1 + len(rows), cols=len(columns))
    table.style = "Table Grid"
    for c, name in enumerate(columns):
        table.cell(0, c).text = name
    for r, values in enumerate(rows, 1):
        if len(values) == 1:
            table.cell(r, 0).merge(table.cell(r, len(columns) - 1)).text = values[0]
            continue
        if len(values) == 2:
            table.cell(r, 0).text = values[0]
            table.cell(r, 1).merge(table.cell(r, len(columns) - 1)).text = values[1]
            continue
        for c, value in enumerate(values):
            cell = table.cell(r, c)
            cell.text = ""
            lines = value.split("\n")
            cell.paragraphs[0].text = lines[0]
            for line in lines[1:]:
                cell.add_paragraph(line)
    # The lead of the two law tasks is one cell merged down two rows.
    top, bottom = table.cell(2, 2), table.cell(3, 2)
    for cell, value in ((top, "restart"), (bottom, None)):
        props = cell._tc.get_or_add_tcPr()
        merge = OxmlElement("w:vMerge")
        if value:
            merge.set(qn("w:val"), value)
        props.append(merge)
    bottom.paragraphs[0].text = ""
    for line in SIGNATURE:
        document.add_paragraph(line)
    document.core_properties.author = "congkhai (dữ liệu minh họa)"
    document.save(path)


def make_pdf(path: Path) -> None:
    """The PDF fixture (see the module docstring)."""
    from reportlab.lib import colors
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont
    from reportlab.platypus import PageBreak, Paragraph, SimpleDocTemplate, Table, TableStyle

    pdfmetrics.registerFont(TTFont("DejaVuSans", str(FONT)))
    style = ParagraphStyle("vn", fontName="DejaVuSans", fontSize=10, leading=13)
    cell = ParagraphStyle("cell", parent=style, fontSize=9, leading=11)
    story = [Paragraph(t, style) for t in (
        "ỦY BAN NHÂN DÂN TỈNH MINH HỌA", *HEADER, "KẾ HOẠCH",
        "CẢI CÁCH HÀNH CHÍNH TỈNH MINH HỌA NĂM 2026", *BASES, *OBJECTIVES)]

    def table(rows: list[tuple[str, ...]]) -> Table:
        data = [[Paragraph(v, cell) for v in row] for row in rows]
        built = Table(data, colWidths=[25, 150, 110, 70, 140])
        built.setStyle(TableStyle([("GRID", (0, 0), (-1, -1), 0.5, colors.black),
                                   ("VALIGN", (0, 0), (-1, -1), "TOP")]))
        return built

    head = ("TT", "Nhiệm vụ", "Sản phẩm", "Tiến độ", "Phân công và cách thức thực hiện")
    story.append(table([
        head,
        ("I", "CẢI CÁCH THỦ TỤC HÀNH CHÍNH", "", "", ""),
        ("1", "Công bố danh mục thủ tục hành chính được tiếp nhận trực tuyến",
         "Quyết định của Chủ tịch UBND tỉnh", "Quý I/2026",
         "Văn phòng UBND tỉnh chủ trì, phối hợp với các sở, ban, ngành tham mưu UBND tỉnh"),
        ("2", "Rà soát, đơn giản hóa thủ tục hành chính nội bộ", "Phương án đơn giản hóa",
         "Trong năm 2026",
         "- Các sở, ban, ngành rà soát, đề xuất. - Văn phòng UBND tỉnh tổng hợp, trình UBND "
         "tỉnh."),
    ]))
    story.append(PageBreak())
    story.append(table([
        ("3", "Khảo sát sự hài lòng của người dân", "Báo cáo kết quả khảo sát",
         "Tháng 11/2026", "Sở Nội vụ chủ trì"),
    ]))
    story += [Paragraph(t, style) for t in SIGNATURE]
    SimpleDocTemplate(str(path), pagesize=A4, title="Kế hoạch (dữ liệu minh họa)",
                      author="congkhai", invariant=1).build(story)


HTML = """<!DOCTYPE html>
<html lang="vi"><head><meta charset="utf-8"><title>Kế hoạch 12/KH-UBND (minh họa)</title>
<style>td{{border:1px solid}}</style><script>var menu = 1;</script></head>
<body>
<nav><ul><li><a href="/">Trang chủ</a></li><li><a href="/van-ban">Văn bản pháp luật</a></li>
<li>Liên hệ</li></ul></nav>
<div class="content">
<table><tr><td><p>ỦY BAN NHÂN DÂN<br>TỈNH MINH HỌA</p></td>
<td><p>CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM<br>Độc lập - Tự do - Hạnh phúc</p></td></tr>
<tr><td><p>{number}</p></td><td><p>{date}</p></td></tr></table>
<p>KẾ HOẠCH</p>
<p>CẢI CÁCH HÀNH CHÍNH TỈNH MINH HỌA NĂM 2026</p>
{paragraphs}
<table>
<tr><th>TT</th><th>Nhiệm vụ</th><th>Thời gian thực hiện</th><th>Đơn vị chủ trì</th>
<th>Đơn vị phối hợp</th><th>Kết quả</th></tr>
<tr><td colspan="6">I. CẢI CÁCH TỔ CHỨC BỘ MÁY</td></tr>
<tr><td>1</td><td>Rà soát chức năng, nhiệm vụ của các cơ quan chuyên môn</td>
<td rowspan="2">Quý II/2026</td><td>Sở Nội vụ</td><td>Các sở, ban, ngành</td>
<td>Báo cáo rà soát</td></tr>
<tr><td>2</td><td>Sắp xếp các đơn vị sự nghiệp công lập</td><td>Sở Nội vụ</td>
<td>Sở Tài chính, UBND cấp huyện</td><td>Đề án sắp xếp</td></tr>
</table>
{signature}
</div>
<footer><p>Bản quyền © trang văn bản minh họa</p></footer>
</body></html>
"""


def make_html(path: Path) -> None:
    """The HTML fixture (see the module docstring)."""
    text = HTML.format(number=HEADER[0], date=HEADER[1],
                       paragraphs="\n".join(f"<p>{p}</p>" for p in BASES + OBJECTIVES),
                       signature="<p>" + "<br>".join(SIGNATURE) + "</p>")
    path.write_text(text, encoding="utf-8")


def make_txt(path: Path) -> None:
    """The copied-text fixture (see the module docstring)."""
    lines = ["ỦY BAN NHÂN DÂN", "TỈNH MINH HỌA", "-------", "|",
             "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc", "|",
             HEADER[0], "|", HEADER[1], "|", "KẾ HOẠCH",
             "CẢI CÁCH HÀNH CHÍNH TỈNH MINH HỌA", "NĂM 2026",
             "Căn cứ Luật Tổ chức chính quyền địa phương ngày 19",
             "tháng 6 năm 2015;", *OBJECTIVES, "|", *SIGNATURE, "|",
             "TT", "|", "Nhiệm vụ", "|", "Sản phẩm", "|", "Tiến độ", "|",
             "Phân công và", "cách thức thực hiện", "|",
             "I", "|", "CHỈ ĐẠO, ĐIỀU HÀNH", "|",
             "1", "|", "Xây dựng kế hoạch cải cách hành chính", "năm 2027", "|",
             "Kế hoạch của UBND tỉnh", "|", "Tháng 12/2026", "|",
             "Sở Nội vụ chủ trì, phối hợp với các sở,", "ban, ngành tham mưu UBND tỉnh", "|",
             "2", "|", "Kiểm tra công tác cải cách hành chính", "|", "Báo cáo kiểm tra", "|",
             "Hằng năm", "|", "- Sở Nội vụ chủ trì tổ chức kiểm tra.",
             "- UBND cấp huyện tự kiểm tra.", "|"]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def main() -> int:
    """Write the four fixtures."""
    OUT.mkdir(parents=True, exist_ok=True)
    make_docx(OUT / "ke-hoach-minh-hoa.docx")
    make_pdf(OUT / "ke-hoach-minh-hoa.pdf")
    make_html(OUT / "ke-hoach-minh-hoa.html")
    make_txt(OUT / "ke-hoach-minh-hoa.txt")
    for path in sorted(OUT.iterdir()):
        print(f"{path.relative_to(REPO)}: {path.stat().st_size} bytes")
    return 0


if __name__ == "__main__":
    sys.exit(main())
