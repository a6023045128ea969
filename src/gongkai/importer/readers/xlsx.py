"""Excel 任务分工表 through openpyxl; merged ranges are filled with their top-left value.

openpyxl is imported here only, so commands that never read Excel do not pay for it.
"""

from __future__ import annotations

import datetime as dt
import re
import warnings
import zipfile
from pathlib import Path
from typing import Any

from ..blocks import ImportFailure, TableBlock
from ..limits import Limits, check, check_zip


def xlsx_tables(path: Path, limits: Limits | None = None) -> list[TableBlock]:
    limits = limits or Limits()
    check_zip(path, limits)
    check("cells", merged_cells(path), limits)
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
    cells = 0
    for sheet in book.worksheets:
        if sheet.max_row is None or sheet.max_column is None:
            continue
        # A used range of A1:XFD1048576 holds two cells but would fill billions: count before reading.
        cells += sheet.max_row * sheet.max_column
        check("cells", cells, limits)
        merged = sum((r.max_row - r.min_row + 1) * (r.max_col - r.min_col + 1) for r in sheet.merged_cells.ranges)
        check("cells", cells + merged, limits)
        grid: list[list[str]] = [[cell_text(c.value) for c in row] for row in sheet.iter_rows(min_row=1, max_row=sheet.max_row, max_col=sheet.max_column)]
        for rng in sheet.merged_cells.ranges:
            value = grid[rng.min_row - 1][rng.min_col - 1]
            for r in range(rng.min_row, rng.max_row + 1):
                for c in range(rng.min_col, rng.max_col + 1):
                    if r - 1 < len(grid) and c - 1 < len(grid[r - 1]):
                        grid[r - 1][c - 1] = value
        tables.append(TableBlock(rows=grid, lines=[None] * len(grid), rows_at=list(range(1, len(grid) + 1)), label=sheet.title))
    return tables


_MERGE = re.compile(rb"<(?:\w+:)?mergeCell\b[^>]*?\bref=\"([A-Z]{1,3})(\d{1,7})(?::([A-Z]{1,3})(\d{1,7}))?\"")


def _column(letters: bytes) -> int:
    n = 0
    for ch in letters:
        n = n * 26 + ch - 64
    return n


def merged_cells(path: Path) -> int:
    """Cells covered by merged ranges, counted from the sheets' XML before openpyxl expands them.

    openpyxl makes an object for every cell of a merged range as it loads: A1:XFD1048576
    would take gigabytes, so the ranges are measured first.
    """
    total = 0
    try:
        with zipfile.ZipFile(path) as archive:
            for info in archive.infolist():
                if info.filename.startswith("xl/worksheets/") and info.filename.endswith(".xml"):
                    for m in _MERGE.finditer(archive.read(info)):
                        if m.group(3) is None:
                            continue
                        rows = abs(int(m.group(4)) - int(m.group(2))) + 1
                        cols = abs(_column(m.group(3)) - _column(m.group(1))) + 1
                        total += rows * cols
    except (zipfile.BadZipFile, OSError, ValueError, KeyError):
        return 0  # openpyxl reports a broken file in its own words
    return total


def cell_text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, dt.datetime):
        return value.date().isoformat() if (value.hour, value.minute) == (0, 0) else value.isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()
