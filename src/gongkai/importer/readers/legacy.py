"""Older office files: .xls and .et through python-calamine; .doc and .wps through LibreOffice.

python-calamine is imported here only. A .doc or .wps is converted to .docx in a temporary
folder by ``soffice --headless`` when LibreOffice is installed; otherwise the import stops
with a message saying how to save the file as .docx.
"""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from pathlib import Path

from ..blocks import Block, ImportFailure, TableBlock
from ..limits import Limits, check
from .xlsx import cell_text

CONVERT_SECONDS = 120


def sheet_tables(path: Path, limits: Limits) -> list[TableBlock]:
    """Every sheet of a .xls/.et workbook, merged ranges given their top-left value."""
    try:
        import python_calamine
    except ImportError:
        return _via_office(path, "xlsx", limits)  # type: ignore[return-value]
    try:
        with path.open("rb") as fh:
            book = python_calamine.load_workbook(fh)
            tables: list[TableBlock] = []
            cells = 0
            for index in range(len(book.sheet_names)):
                sheet = book.get_sheet_by_index(index)
                cells += sheet.height * sheet.width
                check("cells", cells, limits)
                merged = sheet.merged_cell_ranges or []
                check("cells", cells + sum((b[0] - a[0] + 1) * (b[1] - a[1] + 1) for a, b in merged), limits)
                grid = [[cell_text(v) for v in row] for row in sheet.to_python(skip_empty_area=False)]
                for (r0, c0), (r1, c1) in merged:
                    value = grid[r0][c0] if r0 < len(grid) and c0 < len(grid[r0]) else ""
                    for r in range(r0, min(r1, len(grid) - 1) + 1):
                        for c in range(c0, min(c1, len(grid[r]) - 1) + 1):
                            grid[r][c] = value
                tables.append(TableBlock(rows=grid, lines=[None] * len(grid), rows_at=list(range(1, len(grid) + 1)), label=book.sheet_names[index]))
    except ImportFailure:
        raise
    except Exception as exc:  # CalamineError and friends: a damaged or protected workbook
        raise ImportFailure("import.err.bad_xls", detail=str(exc).splitlines()[0][:120] if str(exc) else type(exc).__name__) from None
    return tables


def word_blocks(path: Path, limits: Limits) -> list[Block]:
    """A .doc or .wps, converted to .docx by LibreOffice, then read as Word."""
    return _via_office(path, "docx", limits)


def _via_office(path: Path, target: str, limits: Limits) -> list[Block]:
    office = shutil.which("soffice") or shutil.which("libreoffice")
    if office is None:
        raise ImportFailure("import.err.need_office", suffix=path.suffix.lower(), target=f".{target}")
    with tempfile.TemporaryDirectory(prefix="gongkai-convert-") as folder:
        try:
            subprocess.run(
                [office, "--headless", f"-env:UserInstallation=file://{folder}/profile", "--convert-to", target, "--outdir", folder, str(path)],
                capture_output=True, timeout=CONVERT_SECONDS, check=False,
            )
        except (OSError, subprocess.TimeoutExpired) as exc:
            raise ImportFailure("import.err.convert", suffix=path.suffix.lower(), detail=type(exc).__name__) from None
        converted = Path(folder, f"{path.stem}.{target}")
        if not converted.exists():
            raise ImportFailure("import.err.convert", suffix=path.suffix.lower(), detail="no output")
        if target == "docx":
            from .docx import docx_blocks

            return docx_blocks(converted, limits)
        from .xlsx import xlsx_tables

        return list(xlsx_tables(converted, limits))


__all__ = ["sheet_tables", "word_blocks"]
