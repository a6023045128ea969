"""The Excel 台账, read back with openpyxl."""

from __future__ import annotations

from pathlib import Path

import openpyxl
from openpyxl.worksheet.worksheet import Worksheet

from gongkai.export import export
from gongkai.models import Ledger

from .common import AS_OF

HEADERS_ZH = ["序号", "任务", "具体内容", "牵头单位", "配合单位", "完成时限", "进展情况", "状态"]


def _book(ledger: Ledger, tmp_path: Path, lang: str = "zh") -> openpyxl.Workbook:
    out = tmp_path / "ledger.xlsx"
    export("xlsx", ledger, AS_OF, lang, out)  # type: ignore[arg-type]
    return openpyxl.load_workbook(out)


def _values(ws: Worksheet, row: int) -> list[object]:
    return [ws.cell(row=row, column=c).value for c in range(1, 9)]


def test_layout_of_the_ledger_sheet(progress: Ledger, tmp_path: Path) -> None:
    wb = _book(progress, tmp_path)
    assert wb.sheetnames == ["任务分工台账", "各单位统计"]
    ws = wb["任务分工台账"]
    assert ws["A1"].value == "示例林业局2018年政务公开工作实施方案任务分工台账"
    assert ws["A2"].value == "示林发〔2018〕1号　截至 2018-11-20"
    assert _values(ws, 3) == HEADERS_ZH
    # section headings are merged rows across the eight columns
    merged = {str(r) for r in ws.merged_cells.ranges}
    assert merged == {"A1:H1", "A2:H2", "A4:H4", "A9:H9"}
    assert ws["A4"].value == "一 信息公开"
    assert ws["A9"].value == "二 保障措施"
    assert _values(ws, 5) == [1, "一1 公开决策信息", "及时公开局务会议决定事项。", "行政办", "宣传部", "2018-10-31", "2018-10-20 行政办：已完成；已在门户网站公开", "已完成"]
    assert _values(ws, 10)[0] == 5
    assert ws["G10"].value == "2018Q2 已报送（2018-06-28）：检查网站 3 个\n2018Q3 未报送\n2018Q4 未到期"
    assert ws.max_row == 13
    assert ws.freeze_panes == "A4"


def test_status_cells_are_coloured_by_light(progress: Ledger, tmp_path: Path) -> None:
    ws = _book(progress, tmp_path)["任务分工台账"]
    fills = {ws.cell(row=r, column=8).value: ws.cell(row=r, column=8).fill.fgColor.rgb for r in (5, 6, 7, 8, 10, 11, 12, 13)}
    assert fills == {
        "已完成": "00C6EFCE",
        "推进中（逾期）": "00FFC7CE",
        "推进中（临期）": "00FFEB9C",
        "未启动（未报送进展）": "00FFEB9C",
        "推进中（未报送进展）": "00FFEB9C",
        "推进中（正常推进）": "00C6EFCE",
        "已取消": "00000000",
    }


def test_wrapping_widths_and_print_setup(progress: Ledger, tmp_path: Path) -> None:
    ws = _book(progress, tmp_path)["任务分工台账"]
    assert ws["C5"].alignment.wrap_text
    assert ws["G10"].alignment.wrap_text
    widths = [ws.column_dimensions[c].width for c in "ABCDEFGH"]
    assert widths[2] >= 30  # 具体内容 is the widest column
    assert all(6 <= w <= 60 for w in widths)
    assert ws.page_setup.orientation == "landscape"
    assert ws.page_setup.paperSize == 9  # A4
    assert ws.page_setup.fitToWidth == 1 and ws.page_setup.fitToHeight == 0
    assert ws.sheet_properties.pageSetUpPr.fitToPage is True
    assert ws.print_title_rows == "$3:$3"


def test_units_sheet(progress: Ledger, tmp_path: Path) -> None:
    ws = _book(progress, tmp_path)["各单位统计"]
    rows = [[c.value for c in row] for row in ws.iter_rows()]
    assert rows == [
        ["单位", "类别", "牵头", "牵头已完成", "配合", "经群体", "逾期", "缺报"],
        ["行政办", "机关部门", 3, 1, 1, 1, 1, 2],
        ["宣传部", "机关部门", 2, 0, 1, 2, 1, 0],
        ["教育局", "机关部门", 2, 0, 0, 2, 0, 0],
        ["新闻中心", "局属单位", 1, 0, 0, 1, 0, 1],
        ["法院", "局外单位", 0, 0, 0, 0, 0, 0],
    ]
    assert ws.freeze_panes == "A2"
    assert ws.page_setup.orientation == "landscape"


def test_english_headers(progress: Ledger, tmp_path: Path) -> None:
    wb = _book(progress, tmp_path, "en")
    assert wb.sheetnames == ["Task ledger", "By unit"]
    assert _values(wb["Task ledger"], 3) == ["No.", "Task", "Details", "Lead unit", "Cooperating units", "Deadline", "Progress", "Status"]


def test_real_plan(real: Ledger, tmp_path: Path) -> None:
    ws = _book(real, tmp_path)["任务分工台账"]
    headings = [ws.cell(row=r, column=1).value for r in range(4, ws.max_row + 1) if isinstance(ws.cell(row=r, column=1).value, str)]
    assert headings == ["二（一） 加强决策和重点领域信息公开", "二（二） 加强公开解读回应工作", "二（三） 着力提升政务服务工作实效", "二（四） 大力推进政务公开平台建设", "二（五） 加快推进政务公开制度化规范化", "三 保障措施"]
    numbers = [ws.cell(row=r, column=1).value for r in range(4, ws.max_row + 1) if isinstance(ws.cell(row=r, column=1).value, int)]
    assert numbers == list(range(1, 19))
    assert ws.max_row == 3 + 6 + 18
