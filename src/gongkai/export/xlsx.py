"""The 任务分工台账 as an Excel workbook (openpyxl): merged section rows, coloured status,
frozen header, CJK-aware column widths, A4 landscape print set-up, and a sheet of counts per unit."""

from __future__ import annotations

import io
import math
from typing import Any

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from ..i18n import t
from ..queries import Light
from ..render.labels import display_width
from ..render.terminal import visible
from .rows import Sheet
from .safe import neutralise

FILL = {
    Light.RED: PatternFill("solid", fgColor="FFC7CE"),
    Light.YELLOW: PatternFill("solid", fgColor="FFEB9C"),
    Light.GREEN: PatternFill("solid", fgColor="C6EFCE"),
}
FONT_COLOUR = {Light.RED: "9C0006", Light.YELLOW: "9C5700", Light.GREEN: "006100"}
HEADER_FILL = PatternFill("solid", fgColor="D9E1F2")
SECTION_FILL = PatternFill("solid", fgColor="EDEDED")
THIN = Side(style="thin", color="808080")
BORDER = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)
WRAP = Alignment(wrap_text=True, vertical="top")
CENTER = Alignment(wrap_text=True, vertical="center", horizontal="center")
# Caps in Excel width units (about one Latin character; a CJK character takes two):
# the eight columns, then the role of a unit's list, then the contacts.
WIDTH_CAP = [6, 26, 60, 20, 26, 18, 40, 16]
WIDTH_MIN = [6, 14, 30, 10, 12, 12, 20, 10]
ROLE_WIDTH = (10, 22)
CONTACTS_WIDTH = (12, 30)
HEADER_ROW = 3


def _value(value: str | int) -> Any:
    return neutralise(visible(value)) if isinstance(value, str) else value


def _put(ws: Worksheet, row: int, col: int, value: str | int) -> Any:
    cell = ws.cell(row=row, column=col, value=_value(value))
    if isinstance(value, str):
        cell.data_type = "s"  # never a formula, whatever the text
    return cell


def _print_setup(ws: Worksheet, title_rows: str) -> None:
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.print_title_rows = title_rows
    ws.print_options.horizontalCentered = True
    ws.page_margins.left = ws.page_margins.right = 0.4
    ws.page_margins.top = ws.page_margins.bottom = 0.6


def _ledger_sheet(ws: Worksheet, sheet: Sheet) -> None:
    ncols = len(sheet.headers)
    last = get_column_letter(ncols)
    _put(ws, 1, 1, sheet.title).font = Font(bold=True, size=16)
    ws.merge_cells(f"A1:{last}1")
    ws.cell(row=1, column=1).alignment = CENTER
    ws.row_dimensions[1].height = 30
    _put(ws, 2, 1, sheet.subtitle).alignment = CENTER
    ws.merge_cells(f"A2:{last}2")
    for col, header in enumerate(sheet.headers, start=1):
        cell = _put(ws, HEADER_ROW, col, header)
        cell.font = Font(bold=True)
        cell.fill = HEADER_FILL
        cell.alignment = CENTER
        cell.border = BORDER
    widths = [display_width(h) + 2 for h in sheet.headers]
    r = HEADER_ROW
    heading_rows = set()
    for block in sheet.blocks:
        r += 1
        heading_rows.add(r)
        cell = _put(ws, r, 1, block.heading)
        cell.font = Font(bold=True)
        cell.fill = SECTION_FILL
        cell.alignment = Alignment(vertical="center")
        ws.merge_cells(start_row=r, start_column=1, end_row=r, end_column=ncols)
        for row in block.rows:
            r += 1
            for col, value in enumerate(sheet.values(row), start=1):
                cell = _put(ws, r, col, value)
                cell.alignment = CENTER if col in (1, 8) else WRAP
                cell.border = BORDER
                for line in str(value).splitlines() or [""]:
                    widths[col - 1] = max(widths[col - 1], display_width(line) + 2)
            status = ws.cell(row=r, column=8)
            if row.light in FILL:
                status.fill = FILL[row.light]
                status.font = Font(bold=row.light is Light.RED, color=FONT_COLOUR[row.light])
    bounds = list(zip(WIDTH_MIN, WIDTH_CAP, strict=True))
    bounds += [ROLE_WIDTH] if sheet.unit is not None else []
    bounds += [CONTACTS_WIDTH] if sheet.contacts else []
    final = [min(cap, max(least, w)) for (least, cap), w in zip(bounds, widths, strict=True)]
    for i, w in enumerate(final, start=1):
        ws.column_dimensions[get_column_letter(i)].width = w
    # openpyxl cannot measure wrapped text, so give each row the height its longest cell needs.
    for rr in range(HEADER_ROW + 1, r + 1):
        lines = 1
        for col in range(1, ncols + 1):
            value = ws.cell(row=rr, column=col).value
            if isinstance(value, str) and rr not in heading_rows:
                lines = max(lines, sum(max(1, math.ceil(display_width(part) / max(1, final[col - 1] - 1))) for part in value.splitlines() or [""]))
        ws.row_dimensions[rr].height = min(409, 15 * lines + 3)
    ws.freeze_panes = ws.cell(row=HEADER_ROW + 1, column=1)
    _print_setup(ws, f"{HEADER_ROW}:{HEADER_ROW}")


def _units_sheet(ws: Worksheet, sheet: Sheet) -> None:
    lang = sheet.lang
    heads = [
        t("col.unit", lang),
        t("export.col.kind", lang),
        t("col.led", lang),
        t("export.col.lead_done", lang),
        t("col.supported", lang),
        t("col.via_group", lang),
        t("col.overdue", lang),
        t("col.missing", lang),
    ]
    for col, head in enumerate(heads, start=1):
        cell = _put(ws, 1, col, head)
        cell.font = Font(bold=True)
        cell.fill = HEADER_FILL
        cell.alignment = CENTER
        cell.border = BORDER
    width = display_width(heads[0]) + 2
    for r, u in enumerate(sheet.units, start=2):
        values: list[str | int] = [u.label, t("unit.kind." + u.kind, lang), u.leads, u.lead_progress.done, u.supports, u.via_group, u.overdue, u.report_missing]
        for col, value in enumerate(values, start=1):
            cell = _put(ws, r, col, value)
            cell.border = BORDER
            cell.alignment = WRAP if col == 1 else CENTER
        if u.overdue:
            ws.cell(row=r, column=7).fill = FILL[Light.RED]
        if u.report_missing:
            ws.cell(row=r, column=8).fill = FILL[Light.YELLOW]
        width = max(width, display_width(u.label) + 2)
    ws.column_dimensions["A"].width = min(40, width)
    ws.column_dimensions["B"].width = 12
    for col in range(3, len(heads) + 1):
        ws.column_dimensions[get_column_letter(col)].width = max(10, display_width(heads[col - 1]) + 4)
    ws.freeze_panes = "A2"
    _print_setup(ws, "1:1")


def build(sheet: Sheet) -> Workbook:
    wb = Workbook()
    ws = wb.active
    assert ws is not None
    ws.title = t("export.sheet.ledger", sheet.lang) if sheet.unit is None else t("export.sheet.unit", sheet.lang)
    _ledger_sheet(ws, sheet)
    if sheet.unit is None:
        _units_sheet(wb.create_sheet(t("export.sheet.units", sheet.lang)), sheet)
    wb.properties.title = neutralise(visible(sheet.title))
    wb.properties.creator = "gongkai"
    return wb


def render(sheet: Sheet) -> bytes:
    buffer = io.BytesIO()
    build(sheet).save(buffer)
    return buffer.getvalue()
