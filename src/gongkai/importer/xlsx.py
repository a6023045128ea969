"""Excel 任务分工表 through openpyxl; merged ranges are filled with their top-left value.

openpyxl is imported here only, so commands that never read Excel do not pay for it.
"""

from __future__ import annotations

import datetime as dt
import warnings
from pathlib import Path
from typing import Any

from .blocks import ImportFailure, TableBlock


def xlsx_tables(path: Path) -> list[TableBlock]:
    try:
        import openpyxl
    except ImportError:  # pragma: no cover - a dependency of gongkai
        raise ImportFailure("import.err.missing_library", library="openpyxl") from None
    try:
        # openpyxl leaves a file it opened itself open when the workbook is broken: open it here.
        with warnings.catch_warnings(), path.open("rb") as fh:
            # Files from WPS or Excel often lack a default style; that is not our concern.
            warnings.simplefilter("ignore")
            book: Any = openpyxl.load_workbook(fh, data_only=True)
    except Exception as exc:  # zipfile.BadZipFile, KeyError, InvalidFileException ...
        raise ImportFailure("import.err.bad_xlsx", detail=type(exc).__name__) from None
    tables: list[TableBlock] = []
    for sheet in book.worksheets:
        if sheet.max_row is None or sheet.max_column is None:
            continue
        grid: list[list[str]] = [[_text(c.value) for c in row] for row in sheet.iter_rows(min_row=1, max_row=sheet.max_row, max_col=sheet.max_column)]
        for rng in sheet.merged_cells.ranges:
            value = grid[rng.min_row - 1][rng.min_col - 1]
            for r in range(rng.min_row, rng.max_row + 1):
                for c in range(rng.min_col, rng.max_col + 1):
                    if r - 1 < len(grid) and c - 1 < len(grid[r - 1]):
                        grid[r - 1][c - 1] = value
        tables.append(TableBlock(rows=grid, lines=[None] * len(grid), rows_at=list(range(1, len(grid) + 1)), label=sheet.title))
    return tables


def _text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, dt.datetime):
        return value.date().isoformat() if (value.hour, value.minute) == (0, 0) else value.isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()
