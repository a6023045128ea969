"""PDF plans with a text layer, through pdfplumber: paragraphs and ruled tables.

pdfplumber is imported here only. Text outside tables is read line by line; page numbers
(- 3 -, 第3页) go, and so do lines repeated at the top or bottom of most pages (a running
header or footer). Lines are rejoined into paragraphs later, across page breaks too. A
table that goes on over the next page with the same columns is one table; a cell merged
over rows (None in pdfplumber) takes the value above it. A PDF without a text layer is a
scan: it is refused with a message saying so (no OCR).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import Any

from ..blocks import Block, ImportFailure, TableBlock
from ..limits import Limits, check
from .cells import join_cell_lines

_PAGE_NO = re.compile(r"^\s*(?:[-—–－]\s*\d+\s*[-—–－]|第\s*\d+\s*页(?:\s*[，,/]?\s*共\s*\d+\s*页)?|\d+\s*/\s*\d+|\d{1,3})\s*$")


def pdf_blocks(path: Path, limits: Limits) -> list[Block]:
    pages_text, tables = _read(path, limits)
    if not any(t.strip() for t in pages_text) and not tables:
        raise ImportFailure("import.err.pdf_scan")
    from .txt import text_blocks

    running = _running_lines(pages_text)
    lines: list[str] = []
    for text in pages_text:
        for line in text.splitlines():
            if line.strip() in running or _PAGE_NO.match(line):
                continue
            lines.append(line)
    check("paragraphs", len(lines), limits)
    blocks: list[Block] = list(text_blocks("\n".join(lines)))
    blocks.extend(tables)
    return blocks


def _read(path: Path, limits: Limits) -> tuple[list[str], list[TableBlock]]:
    try:
        import pdfplumber
        from pdfminer.pdfdocument import PDFEncryptionError, PDFPasswordIncorrect
    except ImportError:
        raise ImportFailure("import.err.missing_library", library="pdfplumber") from None
    pages_text: list[str] = []
    tables: list[TableBlock] = []
    cells = 0
    try:
        with pdfplumber.open(str(path)) as pdf:
            if not pdf.pages:
                raise ImportFailure("import.err.bad_pdf", detail="no pages")
            check("paragraphs", len(pdf.pages), limits)
            for page in pdf.pages:
                found = page.find_tables()
                boxes = [t.bbox for t in found]
                for table in found:
                    rows = table.extract()
                    cells += sum(len(r) for r in rows)
                    check("cells", cells, limits)
                    _add_table(tables, rows, page.page_number)
                outside = page.filter(_outside(boxes)) if boxes else page
                pages_text.append(outside.extract_text() or "")
    except ImportFailure:
        raise
    except Exception as exc:  # pdfminer raises many unrelated types on broken files; pdfplumber wraps them
        if _locked(exc, (PDFPasswordIncorrect, PDFEncryptionError)):
            raise ImportFailure("import.err.pdf_password") from None
        raise ImportFailure("import.err.bad_pdf", detail=type(exc).__name__) from None
    for k, block in enumerate(tables, start=1):
        block.label = f"table{k}" if len(tables) > 1 else None
    return pages_text, tables


def _locked(exc: BaseException, kinds: tuple[type[BaseException], ...]) -> bool:
    """True when the error, or one it wraps, says the file is encrypted."""
    todo: list[BaseException] = [exc]
    seen: set[int] = set()
    while todo:
        e = todo.pop()
        if id(e) in seen:
            continue
        seen.add(id(e))
        if isinstance(e, kinds) or "password" in str(e).lower() or "encrypt" in str(e).lower():
            return True
        todo.extend(x for x in (e.__cause__, e.__context__, *e.args) if isinstance(x, BaseException))
    return False


def _outside(boxes: list[tuple[float, float, float, float]]) -> Callable[[dict[str, Any]], bool]:
    def keep(obj: dict[str, Any]) -> bool:
        return not any(_inside(obj, b) for b in boxes)

    return keep


def _inside(obj: dict[str, Any], box: tuple[float, float, float, float]) -> bool:
    x0, top, x1, bottom = box
    return bool(obj.get("x0", -1) >= x0 - 1 and obj.get("x1", 1e9) <= x1 + 1 and obj.get("top", -1) >= top - 1 and obj.get("bottom", 1e9) <= bottom + 1)


def _add_table(tables: list[TableBlock], rows: list[list[str | None]], page: int) -> None:
    """Append a table, or continue the previous one when it goes on with the same columns."""
    filled: list[list[str]] = []
    for r, row in enumerate(rows):
        out: list[str] = []
        for c, cell in enumerate(row):
            if cell is None:  # covered by a merged cell: the value above, or to the left
                above = filled[r - 1][c] if r > 0 and c < len(filled[r - 1]) else (out[-1] if out else "")
                out.append(above)
            else:
                out.append(join_cell_lines(cell.splitlines()))
        filled.append(out)
    if not filled:
        return
    last = tables[-1] if tables else None
    if last is not None and last.rows and len(last.rows[-1]) == len(filled[0]) and last.label == f"p{page - 1}":
        if filled[0] == last.rows[0]:
            filled = filled[1:]  # the header row repeated on the new page
        last.rows.extend(filled)
        last.lines.extend([None] * len(filled))
        last.rows_at.extend([None] * len(filled))
        last.label = f"p{page}"
        return
    tables.append(TableBlock(rows=filled, lines=[None] * len(filled), rows_at=[None] * len(filled), label=f"p{page}"))


def _running_lines(pages: list[str]) -> set[str]:
    """Lines at the top or bottom of most pages: a running header or footer."""
    if len(pages) < 3:
        return set()
    counts: Counter[str] = Counter()
    for text in pages:
        lines = [ln.strip() for ln in text.splitlines() if ln.strip()]
        counts.update(set(lines[:2] + lines[-2:]))
    return {line for line, n in counts.items() if n >= max(3, len(pages) // 2) and len(line) <= 40}


__all__ = ["pdf_blocks"]
