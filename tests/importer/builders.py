"""Word and Excel plans built in the test setup with python-docx and openpyxl."""

from __future__ import annotations

import datetime as dt
from pathlib import Path


def word_plan(path: Path) -> Path:
    """A plan in Word: heading styles, bold item titles, a soft line break, and a task table
    whose 责任单位 header spans 牵头单位 | 配合单位 and whose 类别 cells are merged."""
    import docx

    doc = docx.Document()
    doc.add_paragraph("南湖区人民政府办公室文件")
    doc.add_paragraph("南政办发〔2021〕7号")
    doc.add_heading("南湖区2021年政务公开工作实施方案", level=1)
    doc.add_paragraph("为做好2021年政务公开工作，制定本方案。")
    doc.add_heading("一、推进重点领域公开", level=2)
    p = doc.add_paragraph("1. ")
    p.add_run("推进预算公开。").bold = True
    p.add_run("全面公开部门预决算，2021年8月31日前完成。（牵头单位：区财政局；配合单位：区直各部门）")
    p = doc.add_paragraph("2. ")
    p.add_run("推进审计结果公开。").bold = True
    run = p.add_run("公开审计工作报告")
    run.add_break()
    p.add_run("和整改情况。（区审计局负责）")
    doc.add_heading("二、任务分工", level=2)
    table = doc.add_table(rows=5, cols=6)
    header = ["类别", "序号", "工作任务", "责任单位", "", "完成时限"]
    sub = ["类别", "序号", "工作任务", "牵头单位", "配合单位", "完成时限"]
    for j, text in enumerate(header):
        table.cell(0, j).text = text
    for j, text in enumerate(sub):
        table.cell(1, j).text = text
    table.cell(0, 3).merge(table.cell(0, 4))
    table.cell(0, 3).text = "责任单位"
    rows = [
        ("政策解读", "1", "做好重要政策解读", "区政府办公室", "区直各部门", "长期坚持"),
        ("政策解读", "2", "回应社会关切", "区委宣传部、区政府办公室", "各街道办事处", "每季度"),
        ("平台建设", "3", "整合政务新媒体", "区大数据中心", "区直有关部门等", "2021年底前"),
    ]
    for i, row in enumerate(rows, start=2):
        for j, text in enumerate(row):
            table.cell(i, j).text = text
    a = table.cell(2, 0).merge(table.cell(3, 0))
    a.text = "政策解读"
    doc.add_paragraph("抄送：区委办公室。")
    doc.add_paragraph("南湖区人民政府办公室        2021年3月1日印发")
    doc.save(str(path))
    return path


def excel_plan(path: Path) -> Path:
    """A 任务分工表: a merged title row, the header on row 3, a merged section row, a lead
    cell merged over two rows, an Excel date, and a sheet with only 责任单位 and the rule."""
    import openpyxl

    book = openpyxl.Workbook()
    ws = book.active
    ws.title = "任务分工"
    ws["A1"] = "东山县2022年政务公开重点任务分工表"
    ws.merge_cells("A1:F1")
    ws.append([])
    ws.append(["序号", "重点任务", "工作要求", "牵头单位", "配合单位", "完成时限"])
    ws.append(["一、深化决策公开"])
    ws.merge_cells("A4:F4")
    ws.append(["1", "推进决策预公开", "重大决策草案向社会公开征求意见", "县司法局", "县直各单位", "2022年6月底前"])
    ws.append(["2", "推进会议开放", "邀请公众代表列席政府常务会议", None, "县政府办公室", dt.datetime(2022, 9, 30)])
    ws.merge_cells("D5:D6")
    ws.append(["二、加强平台建设"])
    ws.merge_cells("A7:F7")
    ws.append(["3", "办好政府网站", "及时更新信息", "县政府办公室", "", "待定"])
    ws.append(["4", "管好政务新媒体", "每月检查一次", "县委网信办,县政府办公室", "县直有关部门", ""])
    rule = book.create_sheet("责任单位")
    rule.append(["注：责任单位中列第一位的为牵头单位。"])
    rule.append(["序号", "任务", "责任单位", "时限"])
    rule.append(["1", "公开财政资金直达信息", "县财政局、县审计局", "2022年12月31日"])
    rule.append(["2", "公开惠民补贴信息", "县农业农村局牵头，县财政局配合", "长期坚持"])
    book.save(str(path))
    return path


def markdown_as_word(markdown: str, path: Path) -> Path:
    """The same text as a Word document: one paragraph per line, ** runs bold, # lines as headings."""
    import re

    import docx

    doc = docx.Document()
    for line in markdown.split("\n"):
        heading = re.match(r"^#{1,6}\s+(.*)$", line)
        text = heading.group(1) if heading else line
        para = doc.add_heading("", level=2) if heading else doc.add_paragraph()
        for k, piece in enumerate(re.split(r"\*\*", text)):
            if piece:
                para.add_run(piece).bold = k % 2 == 1
    doc.save(str(path))
    return path


def _hex(text: str) -> str:
    """Chinese as Word writes it in a GB2312 document: \\'hh bytes."""
    return "".join(f"\\'{b:02x}" for b in text.encode("gbk"))


def _u(text: str) -> str:
    """Chinese as newer writers put it: \\uN with a ? standing in for readers without Unicode."""
    return "".join(f"\\u{ord(ch) if ord(ch) < 32768 else ord(ch) - 65536}?" for ch in text)


def _row(cells: list[str], merged: frozenset[int] = frozenset()) -> str:
    """A table row; ``merged`` holds the cells that continue the one above, and 100 + the cells that start a merge."""
    defs = "".join(("\\clvmrg" if i in merged else "\\clvmgf" if i + 100 in merged else "") + f"\\cellx{(i + 1) * 1800}" for i in range(len(cells)))
    return "\\trowd\\trgaph108" + defs + "".join(f"\\pard\\intbl {c}\\cell " for c in cells) + "\\row\n"


def rtf_plan(path: Path, *, header: str = "{\\rtf1\\ansi\\ansicpg936\\deff0") -> Path:
    """A plan in Rich Text as Word or WPS writes it: GB2312 bytes and \\uN characters, a font
    table, document information and a page header (not the text), and a task table with a
    vertically merged cell and a cell of two paragraphs."""
    body = [
        header,
        "{\\fonttbl{\\f0\\fnil\\fcharset134 " + _hex("宋体") + ";}}",
        "{\\colortbl;\\red0\\green0\\blue0;}",
        "{\\info{\\title " + _hex("不是正文（牵头单位：县标题局）") + "}}",
        "{\\header \\pard " + _hex("西河县人民政府办公室（牵头单位：县页眉局）") + "\\par}",
        "{\\*\\generator WPS Office;}",
        "\\pard\\qc " + _hex("西河县2023年政务公开工作实施方案") + "\\par",
        "\\pard " + _hex("一、推进决策公开") + "\\par",
        "\\pard " + _hex("1.推进重大决策预公开。重大决策草案向社会公开征求意见。（牵头单位：县司法局；配合单位：县直各单位）") + "\\par",
        "\\pard " + _u("2.做好政策解读。（县政府办公室、县融媒体中心负责）") + "\\par",
        "\\pard " + _hex("二、任务分工") + "\\par",
        _row([_hex("序号"), _hex("工作任务"), _hex("牵头单位"), _hex("配合单位")]),
        _row(["1", _hex("办好政府网站"), _hex("县政府办公室"), _hex("县直各部门")], frozenset({102})),
        _row(["2", _hex("管好政务新媒体"), _hex("县委网信办"), ""], frozenset({3})),
        _row(["3", _hex("公开财政预决算"), _hex("县财政局") + "\\par " + _hex("县审计局"), _hex("各乡镇人民政府")]),
        "\\pard\\par",
        "\\pard " + _hex("西河县人民政府办公室") + "\\par",
        "\\pard " + _hex("2023年3月1日") + "\\par",
        "}",
    ]
    path.write_bytes("\n".join(body).encode("ascii"))
    return path


# Excel 2003 XML, as web systems export it under an .xls name (and as Excel saves it as .xml).
SPREADSHEET_XML = """<?xml version="1.0" encoding="utf-8"?>
<?mso-application progid="Excel.Sheet"?>
<Workbook xmlns="urn:schemas-microsoft-com:office:spreadsheet" xmlns:ss="urn:schemas-microsoft-com:office:spreadsheet">
 <Worksheet ss:Name="任务分工"><Table>
  <Row><Cell ss:MergeAcross="4"><Data ss:Type="String">西河县2023年政务公开重点任务分工表</Data></Cell></Row>
  <Row><Cell><Data ss:Type="String">序号</Data></Cell><Cell><Data ss:Type="String">工作任务</Data></Cell>
   <Cell><Data ss:Type="String">牵头单位</Data></Cell><Cell><Data ss:Type="String">配合单位</Data></Cell><Cell><Data ss:Type="String">完成时限</Data></Cell></Row>
  <Row><Cell><Data ss:Type="Number">1</Data></Cell><Cell><Data ss:Type="String">推进预算公开</Data></Cell>
   <Cell ss:MergeDown="1"><Data ss:Type="String">县财政局</Data></Cell><Cell><Data ss:Type="String">县直各部门</Data></Cell><Cell><Data ss:Type="String">2023年6月底前</Data></Cell></Row>
  <Row><Cell><Data ss:Type="Number">2</Data></Cell><Cell><Data ss:Type="String">推进决算公开</Data></Cell>
   <Cell ss:Index="5"><Data ss:Type="String">长期坚持</Data></Cell></Row>
 </Table></Worksheet>
</Workbook>"""


def _wordml_paragraph(text: str, bold: str = "") -> str:
    runs = f'<w:r><w:rPr><w:b/></w:rPr><w:t>{bold}</w:t></w:r>' if bold else ""
    return f"<w:p>{runs}<w:r><w:t>{text}</w:t></w:r></w:p>"


def _wordml_cell(text: str, props: str = "") -> str:
    return f"<w:tc><w:tcPr>{props}</w:tcPr>" + "".join(f"<w:p><w:r><w:t>{t}</w:t></w:r></w:p>" for t in text.split("|")) + "</w:tc>"


# What Java web systems write from a template as their "Word" export: Word 2003 XML under a .doc name.
WORD_XML = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<?mso-application progid="Word.Document"?>\n'
    '<w:wordDocument xmlns:w="http://schemas.microsoft.com/office/word/2003/wordml" '
    'xmlns:wx="http://schemas.microsoft.com/office/word/2003/auxHint"><w:body><wx:sect>'
    + _wordml_paragraph("西河县2023年政务公开工作实施方案")
    + _wordml_paragraph("一、推进决策公开")
    + _wordml_paragraph("重大决策草案向社会公开征求意见。（牵头单位：县司法局；配合单位：县直各单位）", bold="1.推进重大决策预公开。")
    + "<w:tbl>"
    + "<w:tr>" + "".join(_wordml_cell(h) for h in ("序号", "工作任务", "责任单位", "")) + "</w:tr>"
    + "<w:tr>" + "".join(_wordml_cell(h) for h in ("", "", "牵头单位", "配合单位")) + "</w:tr>"
    + "<w:tr>" + _wordml_cell("1") + _wordml_cell("办好政府网站") + _wordml_cell("县政府办公室", '<w:vmerge w:val="restart"/>') + _wordml_cell("县直各部门") + "</w:tr>"
    + "<w:tr>" + _wordml_cell("2") + _wordml_cell("管好政务新媒体") + _wordml_cell("", "<w:vmerge/>") + _wordml_cell("县委网信办|县融媒体中心") + "</w:tr>"
    + "<w:tr>" + _wordml_cell("3") + _wordml_cell("公开财政预决算") + _wordml_cell("县财政局", '<w:gridSpan w:val="2"/>') + "</w:tr>"
    + "</w:tbl>"
    + '<w:sectPr><w:hdr w:type="odd">' + _wordml_paragraph("页眉（牵头单位：县页眉局）") + "</w:hdr></w:sectPr>"
    + "</wx:sect></w:body></w:wordDocument>"
)
