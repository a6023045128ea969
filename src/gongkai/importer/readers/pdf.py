"""PDF plans with a text layer: paragraphs through PDFium, ruled tables through pdfplumber.

pypdfium2 (PDFium, in C) reads each page's glyphs and their boxes; they are set into lines the
way pdfplumber does, at a fraction of its cost (pdfminer builds a Python object per glyph). A
page whose vector paths could rule a table, a rotated page, or one with vertical or mirrored
text is read by pdfplumber instead, which finds the tables and the text outside them;
pdfplumber is imported only for such a page.
Page numbers (- 3 -, 第3页) go, and so do lines repeated at the top or bottom of most pages (a
running header or footer). Lines are rejoined into paragraphs later, across page breaks too. A
table that goes on over the next page with the same columns is one table; a cell merged over
rows (None in pdfplumber) takes the value above it. A PDF without a text layer is a scan: it is
refused with a message saying so (no OCR).
"""

from __future__ import annotations

import contextlib
import re
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import Any, BinaryIO

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
        import pypdfium2 as pdfium
    except ImportError:
        raise ImportFailure("import.err.missing_library", library="pypdfium2") from None
    pages_text: list[str] = []
    tables: list[TableBlock] = []
    try:
        pdf = pdfium.PdfDocument(str(path))
    except pdfium.PdfiumError as exc:
        if getattr(exc, "err_code", None) in (_ERR_PASSWORD, _ERR_SECURITY) or _locked(exc, ()):
            raise ImportFailure("import.err.pdf_password") from None
        raise ImportFailure("import.err.bad_pdf", detail=_reason(exc)) from None
    except Exception as exc:  # an unreadable file, or a path PDFium cannot take
        raise ImportFailure("import.err.bad_pdf", detail=type(exc).__name__) from None
    tabled = _Tables(path, limits, tables)
    try:
        count = len(pdf)
        if not count:
            raise ImportFailure("import.err.bad_pdf", detail="no pages")
        check("paragraphs", count, limits)
        for index in range(count):
            page = pdf[index]
            try:
                plumbed = page.get_rotation() != 0 or _for_pdfplumber(page.raw)
                pages_text.append(tabled.page_text(index) if plumbed else _page_text(page))
            finally:
                page.close()
    except ImportFailure:
        raise
    except Exception as exc:  # PDFium fails on a damaged page as a PdfiumError; anything else is a broken file too
        raise ImportFailure("import.err.bad_pdf", detail=_reason(exc)) from None
    finally:
        tabled.close()
        pdf.close()
    for k, block in enumerate(tables, start=1):
        block.label = f"table{k}" if len(tables) > 1 else None
    return pages_text, tables


class _Tables:
    """pdfplumber, opened the first time a page may hold a ruled table, for that page's tables and text."""

    def __init__(self, path: Path, limits: Limits, tables: list[TableBlock]) -> None:
        self.path, self.limits, self.tables = path, limits, tables
        self.pdf: Any = None
        self.file: BinaryIO | None = None
        self.cells = 0

    def page_text(self, index: int) -> str:
        try:
            import pdfplumber
            from pdfminer.pdfdocument import PDFEncryptionError, PDFPasswordIncorrect
        except ImportError:
            raise ImportFailure("import.err.missing_library", library="pdfplumber") from None
        try:
            if self.pdf is None:
                self.file = self.path.open("rb")  # ours to close, whatever pdfplumber manages
                self.pdf = pdfplumber.open(self.file)
            return self._page_text(index)
        except ImportFailure:
            raise
        except Exception as exc:  # pdfminer raises many unrelated types on broken files; pdfplumber wraps them
            if _locked(exc, (PDFPasswordIncorrect, PDFEncryptionError)):
                raise ImportFailure("import.err.pdf_password") from None
            raise ImportFailure("import.err.bad_pdf", detail=type(exc).__name__) from None

    def _page_text(self, index: int) -> str:
        if index >= len(self.pdf.pages):
            raise ImportFailure("import.err.bad_pdf", detail=f"page {index + 1}")
        page = self.pdf.pages[index]
        found = page.find_tables()
        boxes = [t.bbox for t in found]
        for table in found:
            rows = table.extract()
            self.cells += sum(len(r) for r in rows)
            check("cells", self.cells, self.limits)
            _add_table(self.tables, rows, page.page_number)
        outside = page.filter(_outside(boxes)) if boxes else page
        text: str = outside.extract_text() or ""
        page.close()
        return text

    def close(self) -> None:
        if self.pdf is not None:
            with contextlib.suppress(Exception):  # pdfplumber parses every page to close a file; a broken one was reported already
                self.pdf.close()
        if self.file is not None:
            self.file.close()


_ERR_PASSWORD, _ERR_SECURITY = 4, 5  # FPDF_ERR_PASSWORD, FPDF_ERR_SECURITY


def _reason(exc: BaseException) -> str:
    """PDFium's own words for the failure, e.g. "Data format error", else the error's type."""
    found = re.search(r"\(PDFium: ([^)]+)\)", str(exc))
    return found.group(1) if found else type(exc).__name__


def _for_pdfplumber(page: Any) -> bool:
    """True when pdfplumber must read the page: its vector paths could rule a table (two lines
    across and two down, or one path that is neither: a frame, or a grid drawn as one path), or
    it has text set vertically or mirrored.

    pdfplumber's table finder builds tables from exactly such edges, so a page without them has
    none. Vertical or mirrored glyphs are not "upright" to pdfplumber, which sets them into
    lines of their own; _set_lines knows only upright text. A path inside a form XObject counts
    as a possible table: the form's own matrix is not followed for paths.
    """
    import ctypes

    import pypdfium2.raw as c

    matrix = c.FS_MATRIX()
    at = ctypes.byref(matrix)
    across = down = 0
    todo: list[tuple[Any, int, tuple[float, float, float, float]]] = [(page, 0, (1.0, 0.0, 0.0, 1.0))]
    while todo:
        parent, depth, outer = todo.pop()
        count = c.FPDFPage_CountObjects(parent) if depth == 0 else c.FPDFFormObj_CountObjects(parent)
        for i in range(count):
            obj = c.FPDFPage_GetObject(parent, i) if depth == 0 else c.FPDFFormObj_GetObject(parent, i)
            kind = c.FPDFPageObj_GetType(obj)
            if kind in (c.FPDF_PAGEOBJ_TEXT, c.FPDF_PAGEOBJ_FORM):
                if not c.FPDFPageObj_GetMatrix(obj, at):
                    return True
                a, b, cc, d = _times((matrix.a, matrix.b, matrix.c, matrix.d), outer)
                if kind == c.FPDF_PAGEOBJ_FORM:
                    if depth < _FORM_DEPTH:
                        todo.append((obj, depth + 1, (a, b, cc, d)))
                elif not (a * d > 0 and b * cc <= 0):  # pdfminer's test of an upright glyph
                    return True
            if kind != c.FPDF_PAGEOBJ_PATH:
                continue
            if depth:
                return True
            width, height = _extent(obj)
            # pdfplumber drops edges shorter than a point before it joins them into a table's rules
            wide, tall = width >= 1, height >= 1
            across, down = across + wide, down + tall
            if (wide and tall) or (across >= 2 and down >= 2):
                return True
    return False


def _times(inner: tuple[float, float, float, float], outer: tuple[float, float, float, float]) -> tuple[float, float, float, float]:
    """The linear part of the matrix ``inner`` then ``outer`` (PDF's row vectors)."""
    a1, b1, c1, d1 = inner
    a2, b2, c2, d2 = outer
    return a1 * a2 + b1 * c2, a1 * b2 + b1 * d2, c1 * a2 + d1 * c2, c1 * b2 + d1 * d2


def _extent(path: Any) -> tuple[float, float]:
    """Width and height on the page of a path's points (its geometry, without the stroke's width)."""
    import ctypes

    import pypdfium2.raw as c

    matrix = c.FS_MATRIX()
    count = c.FPDFPath_CountSegments(path)
    if count < 0 or not c.FPDFPageObj_GetMatrix(path, ctypes.byref(matrix)):
        return _HUGE, _HUGE
    x, y = ctypes.c_float(), ctypes.c_float()
    xs: list[float] = []
    ys: list[float] = []
    for i in range(count):
        segment = c.FPDFPath_GetPathSegment(path, i)
        if not segment or not c.FPDFPathSegment_GetPoint(segment, x, y):
            return _HUGE, _HUGE
        xs.append(matrix.a * x.value + matrix.c * y.value + matrix.e)
        ys.append(matrix.b * x.value + matrix.d * y.value + matrix.f)
    if not xs:
        return 0.0, 0.0
    return max(xs) - min(xs), max(ys) - min(ys)


_HUGE = float("inf")
_FORM_DEPTH = 15
_LIGATURES = {"ﬀ": "ff", "ﬃ": "ffi", "ﬄ": "ffl", "ﬁ": "fi", "ﬂ": "fl", "ﬆ": "st", "ﬅ": "st"}
_HYPHEN = 2
_TOLERANCE = 3.0  # pdfplumber's x and y tolerance, in points


def _page_text(page: Any) -> str:
    """The page's text, from PDFium's glyphs and their boxes, set into lines as pdfplumber does."""
    import ctypes

    import pypdfium2.raw as c

    textpage = page.get_textpage()
    try:
        raw = textpage.raw
        box = c.FS_RECTF()
        chars: list[tuple[float, float, float, str]] = []
        for k in range(c.FPDFText_CountChars(raw)):
            if c.FPDFText_IsGenerated(raw, k) == 1:  # a space or line end PDFium inferred: lines are found below
                continue
            code = c.FPDFText_GetUnicode(raw, k)
            if code == 0 or not c.FPDFText_GetLooseCharBox(raw, k, ctypes.byref(box)):
                continue
            chars.append((-box.top, box.left, box.right, _glyph_text(code)))
    finally:
        textpage.close()
    return _set_lines(chars)


def _glyph_text(code: int) -> str:
    if code == _HYPHEN:  # PDFium's mark for a hyphen that ends a line
        return "-"
    if 0xD800 <= code <= 0xDFFF or code > 0x10FFFF:
        return "\ufffd"
    text = chr(code)
    return _LIGATURES.get(text, text)


def _set_lines(chars: list[tuple[float, float, float, str]]) -> str:
    """Glyphs (top, x0, x1, text) as lines of words, the way pdfplumber's extract_text sets them:
    lines are glyphs whose tops cluster within 3 points, read left to right; a blank or a gap of
    more than 3 points ends a word, and words are joined by one space."""
    if not chars:
        return ""
    line_of = _clusters([ch[0] for ch in chars])
    words: list[tuple[float, str]] = []
    line = -1
    current: list[tuple[float, float, float, str]] = []

    def flush() -> None:
        if current:
            words.append((min(ch[0] for ch in current), "".join(ch[3] for ch in current)))
            current.clear()

    for ch in sorted(chars, key=lambda ch: (line_of[ch[0]], ch[1])):
        if line_of[ch[0]] != line:
            flush()
            line = line_of[ch[0]]
        if ch[3].isspace():
            flush()
            continue
        if current:
            top, x0, x1, _ = current[-1]
            if ch[1] < x0 or ch[1] > x1 + _TOLERANCE or abs(ch[0] - top) > _TOLERANCE:
                flush()
        current.append(ch)
    flush()
    word_line = _clusters([w[0] for w in words])
    lines: list[list[str]] = []
    last = None
    for top, text in words:
        if word_line[top] != last:
            lines.append([])
            last = word_line[top]
        lines[-1].append(text)
    return "\n".join(" ".join(ws) for ws in lines)


def _clusters(values: list[float]) -> dict[float, int]:
    """Each value's cluster: sorted values within 3 points of the one before share a cluster."""
    out: dict[float, int] = {}
    group, last = -1, None
    for v in sorted(set(values)):
        if last is None or v > last + _TOLERANCE:
            group += 1
        out[v] = group
        last = v
    return out


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
