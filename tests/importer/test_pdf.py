"""PDF plans with a text layer: paragraphs across pages, running headers and page numbers dropped, ruled tables."""

from __future__ import annotations

from pathlib import Path

import pytest

from gongkai.importer import ImportFailure

from ..support import Run
from .common import imported, tasks_by_id
from .pdfgen import page_content, write_pdf

HEADER = "某县人民政府办公室文件"


def _text_pdf(path: Path) -> Path:
    pages = [
        [(72, 800, HEADER), (72, 760, "某县2019年政务公开工作方案"), (72, 740, "一、推进重点领域公开"),
         (72, 720, "1.推进预算公开。全面公开部门预算。（牵头单位：县财政局）"), (72, 700, "2.推进审计公开。对审计发现问题的整改公开相关信"), (290, 40, "- 1 -")],
        [(72, 800, HEADER), (72, 760, "息作出明确规定。（牵头单位：县审计局；配合单位：县直各部门）"), (72, 740, "二、加强政策解读"),
         (72, 720, "3.做好政策解读。（县发改委负责）"), (290, 40, "- 2 -")],
        [(72, 800, HEADER), (72, 760, "4.回应社会关切。（牵头单位：县政府办）"), (72, 740, "某县人民政府办公室"), (72, 720, "2019年3月1日"), (290, 40, "- 3 -")],
    ]
    return write_pdf(path, [page_content(lines) for lines in pages])


def test_paragraphs_across_pages(tmp_path: Path) -> None:
    result = imported(_text_pdf(tmp_path / "plan.pdf"))
    tasks = tasks_by_id(result)
    assert sorted(tasks) == ["1-1", "1-2", "2-3", "2-4"]
    assert tasks["1-2"]["lead"] == ["县审计局"] and tasks["1-2"]["cooperate"] == ["县直各部门"]
    assert "公开相关信息作出明确规定" in tasks["1-2"]["text"]  # rejoined across the page break
    assert all(HEADER not in t["text"] and "- 2 -" not in t["text"] for t in tasks.values())
    assert result.data["plan"]["title"] == "某县2019年政务公开工作方案"
    assert str(result.data["plan"]["issued"]) == "2019-03-01"


def _grid(x: list[float], y: list[float]) -> list[tuple[float, float, float, float]]:
    return [(x[0], yy, x[-1], yy) for yy in y] + [(xx, y[0], xx, y[-1]) for xx in x]


def test_a_ruled_table(tmp_path: Path) -> None:
    x = [60.0, 100.0, 300.0, 420.0, 540.0]
    y = [760.0, 730.0, 700.0, 670.0]
    cells = [("序号", "工作任务", "牵头单位", "配合单位"), ("1", "推进预算公开", "县财政局", "县直各部门"), ("2", "推进审计公开", "县审计局", "")]
    lines = [(72.0, 800.0, "某县2019年政务公开任务分工表")]
    for r, row in enumerate(cells):
        for c, text in enumerate(row):
            if text:
                lines.append((x[c] + 4, y[r] - 20, text))
    pdf = write_pdf(tmp_path / "table.pdf", [page_content(lines, _grid(x, y))])
    tasks = tasks_by_id(imported(pdf))
    assert tasks["1"]["lead"] == ["县财政局"] and tasks["1"]["cooperate"] == ["县直各部门"]
    assert tasks["2"]["lead"] == ["县审计局"] and "cooperate" not in tasks["2"]


def test_a_scan_is_refused_with_a_message(tmp_path: Path) -> None:
    pdf = write_pdf(tmp_path / "scan.pdf", [page_content([], [(10, 10, 100, 100)])])
    with pytest.raises(ImportFailure) as info:
        imported(pdf)
    assert info.value.key == "import.err.pdf_scan"


def test_a_broken_pdf_and_a_password(run: Run, tmp_path: Path) -> None:
    broken = tmp_path / "broken.pdf"
    broken.write_bytes(b"%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 9 0 R >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n")
    r = run("import", str(broken), "--dry-run", "--lang", "en")
    assert r.exit_code == 2 and "cannot read the PDF file" in r.stderr
    locked = write_pdf(tmp_path / "locked.pdf", [page_content([(72, 800, "某县方案")])], encrypt=True)
    r = run("import", str(locked), "--dry-run", "--lang", "en")
    assert r.exit_code == 2 and "password" in r.stderr


def _table_page(title: str | None, rows: list[tuple[str, ...]], *, merged_first_column: bool = False) -> bytes:
    """A ruled table at the top of a page; with ``merged_first_column`` the first column's cell
    spans every row after the header (no rules across it)."""
    x = [60.0, 140.0, 300.0, 420.0, 540.0]
    y = [760.0 - 30 * r for r in range(len(rows) + 1)]
    rules = [(x[0] if r < 2 or not merged_first_column else x[1], y[r], x[-1], y[r]) for r in range(len(y))]
    rules += [(xx, y[-1], xx, y[0]) for xx in x]
    if merged_first_column:
        rules.append((x[0], y[-1], x[1], y[-1]))
    lines = [(72.0, 800.0, title)] if title else []
    for r, row in enumerate(rows):
        for c, text in enumerate(row):
            if text:
                lines.append((x[c] + 4, y[r] - 20, text))
    return page_content(lines, rules)


def test_a_table_over_two_pages_with_a_merged_cell_is_one_table(tmp_path: Path) -> None:
    header = ("类别", "工作任务", "牵头单位", "配合单位")
    first = _table_page("某县2019年政务公开任务分工表", [header, ("政策解读", "做好政策解读", "县政府办", "县直各部门"), ("", "回应社会关切", "县委宣传部", "")], merged_first_column=True)
    second = _table_page(None, [header, ("重点领域", "推进预算公开", "县财政局", "")])
    tasks = imported(write_pdf(tmp_path / "table.pdf", [first, second])).data["tasks"]
    assert [(t["lead"], t.get("cooperate")) for t in tasks] == [(["县政府办"], ["县直各部门"]), (["县委宣传部"], None), (["县财政局"], None)]
    assert [(t["id"], t["section"]) for t in tasks] == [("1-1", "政策解读"), ("1-2", "政策解读"), ("2-3", "重点领域")]  # the merged 类别 cell given to both rows


def test_lines_are_set_as_pdfplumber_sets_them(tmp_path: Path) -> None:
    """A page without a ruled table is read through PDFium: its lines must be what pdfplumber
    makes of the page, whatever order the file draws them in, gaps and blanks included."""
    import pdfplumber
    import pypdfium2

    from gongkai.importer.readers.pdf import _page_text

    lines = [
        (72, 700, "（3）牵头单位：县发改局、县财政局"), (72, 760, "一、推进预算公开 the county-"), (72, 740, "wide plan. 第二行"),
        (72, 720.5, "1. 做好"), (150, 721.8, "解读   工作"), (300, 720, "（县政府办）"), (72, 600, "x"), (290, 40, "- 3 -"),
    ]
    path = write_pdf(tmp_path / "order.pdf", [page_content(lines, [(60, 780, 500, 780)])])
    pdf = pypdfium2.PdfDocument(str(path))
    try:
        ours = _page_text(pdf[0])
    finally:
        pdf.close()
    with pdfplumber.open(str(path)) as plumbed:
        theirs = plumbed.pages[0].extract_text()
    assert ours == theirs == "一、推进预算公开 the county-\nwide plan. 第二行\n1. 做好 解读 工作 （县政府办）\n（3）牵头单位：县发改局、县财政局\nx\n- 3 -"


@pytest.mark.parametrize(
    ("extra", "rules", "plumbed"),
    [
        (b"", [], False),
        (b"", [(60, 790, 535, 790), (72, 100, 300, 100.5)], False),  # a letterhead rule and an underline
        (b"", [(60, 700, 535, 700), (60, 600, 535, 600), (60, 600, 60, 700), (535, 600, 535, 700)], True),  # a ruled box
        (b"\n60 600 475 100 re S", [], True),  # a frame drawn as one rectangle
        (b"\nBT /F1 10 Tf 0 1 -1 0 500 400 Tm <5370> Tj ET", [], True),  # text set vertically
        (b"\nBT /F1 10 Tf -1 0 0 1 500 400 Tm <5370> Tj ET", [], True),  # mirrored text
        (b"\nBT /F1 10 Tf 0.9 0.4 -0.4 0.9 500 400 Tm <5370> Tj ET", [], False),  # slanted, still upright to pdfplumber
    ],
)
def test_which_pages_pdfplumber_reads(tmp_path: Path, extra: bytes, rules: list[tuple[float, float, float, float]], plumbed: bool) -> None:
    """PDFium reads a page unless pdfplumber could find a ruled table on it or would set some
    of its text apart as not upright."""
    import pypdfium2

    from gongkai.importer.readers.pdf import _for_pdfplumber

    content = page_content([(72, 800, HEADER), (72, 760, "1.推进预算公开。（牵头单位：县财政局）")], rules) + extra
    pdf = pypdfium2.PdfDocument(str(write_pdf(tmp_path / "page.pdf", [content])))
    try:
        page = pdf[0]
        assert _for_pdfplumber(page.raw) is plumbed
    finally:
        pdf.close()


def test_a_page_pdfminer_cannot_parse_beside_a_table_is_refused_cleanly(run: Run, tmp_path: Path) -> None:
    header = ("类别", "工作任务", "牵头单位", "配合单位")
    path = write_pdf(tmp_path / "plan.pdf", [_table_page("某县任务分工表", [header, ("政策解读", "做好政策解读", "县政府办", "")]), page_content([(72, 800, "1.推进预算公开。")])])
    data = path.read_bytes()
    last = data.rfind(b"/Type /Page /Parent")
    path.write_bytes(data[:last] + data[last:].replace(b" 0 R", b" 0", 1))  # the second page's dictionary loses a token
    r = run("import", str(path), "--dry-run", "--lang", "en")
    assert r.exit_code == 2 and r.stderr.startswith("error: cannot read the PDF file (") and "Traceback" not in r.stderr
