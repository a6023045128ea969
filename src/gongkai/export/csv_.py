"""The 台账 as CSV: UTF-8 with a BOM so that Excel opens it with the Chinese intact, one row
per clause, section and id in their own columns, and no cell that a spreadsheet would run."""

from __future__ import annotations

import csv
import io

from ..i18n import t
from .rows import Row, Sheet
from .safe import neutralise_cell as neutralise


def header(sheet: Sheet) -> list[str]:
    lang = sheet.lang
    seq, *rest = sheet.headers[:8]
    out = [seq, t("col.id", lang), t("col.section", lang), *rest, t("col.light", lang)]
    if sheet.unit is not None:
        out.append(t("export.col.role", lang))
    if sheet.contacts:
        out.append(t("export.col.contacts", lang))
    return out


def record(sheet: Sheet, row: Row) -> list[str]:
    seq, *rest = row.cells()
    out = [str(seq), row.state.task.id, row.section, *(str(v) for v in rest), t("light." + row.light.value, sheet.lang)]
    if sheet.unit is not None:
        out.append(row.role or "")
    if sheet.contacts:
        out.append(row.contacts)
    return [neutralise(v) for v in out]


def render(sheet: Sheet) -> bytes:
    buffer = io.StringIO(newline="")
    out = csv.writer(buffer)
    out.writerow([neutralise(h) for h in header(sheet)])
    for row in sheet.rows:
        out.writerow(record(sheet, row))
    return buffer.getvalue().encode("utf-8-sig")
