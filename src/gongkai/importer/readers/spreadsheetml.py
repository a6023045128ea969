"""Excel 2003 XML (SpreadsheetML): what many web systems export under an .xls name.

Every ``<Worksheet>``'s ``<Table>``: rows and cells, ``ss:Index`` gaps kept, a merged range
(``ss:MergeAcross``, ``ss:MergeDown``) given its first cell's value, as for the other sheets.
lxml parses it with entities and network access off.
"""

from __future__ import annotations

from typing import Any

from ..blocks import ImportFailure, TableBlock
from ..limits import Limits, check

_SS = "urn:schemas-microsoft-com:office:spreadsheet"


def _attr(el: Any, name: str) -> int:
    value = el.get(f"{{{_SS}}}{name}")
    try:
        return max(0, int(value)) if value is not None else 0
    except ValueError:
        return 0


def is_spreadsheetml(head: bytes) -> bool:
    return b"urn:schemas-microsoft-com:office:spreadsheet" in head and b"<Workbook" in head


def xml_sheet_tables(data: bytes, limits: Limits) -> list[TableBlock]:
    try:
        import lxml.etree
    except ImportError:  # pragma: no cover - a dependency of python-docx
        raise ImportFailure("import.err.missing_library", library="lxml") from None
    parser = lxml.etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False, recover=False)
    try:
        root = lxml.etree.fromstring(data, parser)
    except lxml.etree.XMLSyntaxError as exc:
        raise ImportFailure("import.err.bad_xls", detail=str(exc).splitlines()[0][:120] or "XMLSyntaxError") from None
    tables: list[TableBlock] = []
    cells = 0
    for n, sheet in enumerate(root.iter(f"{{{_SS}}}Worksheet"), start=1):
        grid: dict[tuple[int, int], str] = {}
        r = -1
        for row in sheet.iter(f"{{{_SS}}}Row"):
            r = _attr(row, "Index") - 1 if _attr(row, "Index") else r + 1
            c = -1
            for cell in row.iter(f"{{{_SS}}}Cell"):
                c = _attr(cell, "Index") - 1 if _attr(cell, "Index") else c + 1
                data_el = next(cell.iter(f"{{{_SS}}}Data"), None)
                value = "".join(data_el.itertext()).strip() if data_el is not None else ""
                across, down = _attr(cell, "MergeAcross"), _attr(cell, "MergeDown")
                cells += (across + 1) * (down + 1)
                check("cells", cells, limits)
                for dr in range(down + 1):
                    for dc in range(across + 1):
                        grid[(r + dr, c + dc)] = value
                c += across
        if not grid:
            continue
        height = max(k[0] for k in grid) + 1
        width = max(k[1] for k in grid) + 1
        check("cells", cells + height * width, limits)
        rows = [[grid.get((i, j), "") for j in range(width)] for i in range(height)]
        name = sheet.get(f"{{{_SS}}}Name") or f"Sheet{n}"
        tables.append(TableBlock(rows=rows, lines=[None] * height, rows_at=list(range(1, height + 1)), label=name))
    return tables


__all__ = ["is_spreadsheetml", "xml_sheet_tables"]
