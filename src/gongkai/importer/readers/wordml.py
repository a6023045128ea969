"""Word 2003 XML (WordprocessingML): what many web systems write as their "Word" export, under
a .doc name, from a template.

Paragraphs with their bold runs (an item's title), soft line breaks, and tables: a cell
spanning columns (``w:gridSpan``) fills each of them and a cell continuing a vertical merge
(``w:vmerge`` without ``restart``) takes the value above, as in a .docx. Page headers and
footers are left out. lxml parses it with entities and network access off.
"""

from __future__ import annotations

from typing import Any

from ..blocks import Block, ImportFailure, ParaBlock, TableBlock
from ..limits import Limits, check
from .cells import join_cell_lines

_W = "{http://schemas.microsoft.com/office/word/2003/wordml}"
_SKIP = {f"{_W}hdr", f"{_W}ftr", f"{_W}footnote", f"{_W}endnote", f"{_W}pict", f"{_W}binData"}


def is_wordml(head: bytes) -> bool:
    return b"schemas.microsoft.com/office/word/2003/wordml" in head and b"wordDocument" in head


def _val(el: Any, name: str) -> str | None:
    found = el.find(f"{_W}{name}")
    return None if found is None else found.get(f"{_W}val", "")


def _runs(p: Any) -> tuple[str, list[tuple[int, int]]]:
    """A paragraph's text and the character ranges set in bold."""
    parts: list[str] = []
    bold: list[tuple[int, int]] = []
    pos = 0
    for r in p.iter(f"{_W}r"):
        if any(a.tag in _SKIP for a in r.iterancestors()):
            continue
        text = ""
        for el in r:
            if el.tag == f"{_W}t":
                text += el.text or ""
            elif el.tag == f"{_W}tab":
                text += "\t"
            elif el.tag in (f"{_W}br", f"{_W}cr"):
                text += "\n"
        if not text:
            continue
        props = r.find(f"{_W}rPr")
        b = _val(props, "b") if props is not None else None
        if b is not None and b not in ("off", "0", "false"):
            bold = [*bold[:-1], (bold[-1][0], pos + len(text))] if bold and bold[-1][1] == pos else [*bold, (pos, pos + len(text))]
        parts.append(text)
        pos += len(text)
    return "".join(parts), bold


def _paragraph(p: Any, number: int) -> list[ParaBlock]:
    text, bold = _runs(p)
    lead = len(text) - len(text.lstrip(" \u3000\t"))
    stripped = text.strip(" \u3000\t")
    bold = [(max(0, a - lead), max(0, b - lead)) for a, b in bold]
    pieces = stripped.split("\n")
    return [ParaBlock(piece.strip(), number, False, bold if k == 0 else []) for k, piece in enumerate(pieces)]


def _table(tbl: Any, limits: Limits, cells: int) -> tuple[list[list[str]], int]:
    rows: list[list[str]] = []
    for tr in tbl.iterchildren(f"{_W}tr"):
        row: list[str] = []
        for tc in tr.iterchildren(f"{_W}tc"):
            props = tc.find(f"{_W}tcPr")
            span = 1
            continues = False
            if props is not None:
                try:
                    span = max(1, min(64, int(_val(props, "gridSpan") or 1)))
                except ValueError:
                    span = 1
                merge = _val(props, "vmerge")
                continues = merge is not None and merge != "restart"
            lines = [_runs(p)[0].strip() for p in tc.iterchildren(f"{_W}p")]
            value = join_cell_lines([line for line in lines if line])
            if continues and not value and rows and len(row) < len(rows[-1]):
                value = rows[-1][len(row)]
            row.extend([value] * span)
            cells += span
            check("cells", cells, limits)
        rows.append(row)
    return rows, cells


def wordml_blocks(data: bytes, limits: Limits) -> list[Block]:
    try:
        import lxml.etree
    except ImportError:  # pragma: no cover - a dependency of python-docx
        raise ImportFailure("import.err.missing_library", library="lxml") from None
    parser = lxml.etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False)
    try:
        root = lxml.etree.fromstring(data, parser)
    except lxml.etree.XMLSyntaxError as exc:
        raise ImportFailure("import.err.bad_docx", detail=str(exc).splitlines()[0][:120] or "XMLSyntaxError") from None
    body = root.find(f"{_W}body")
    if body is None:
        raise ImportFailure("import.err.bad_docx", detail="no w:body")
    blocks: list[Block] = []
    paragraphs = cells = tables = 0
    # Sections nest paragraphs (wx:sect, wx:sub-section): walk every top-level paragraph and table.
    for el in body.iter(f"{_W}p", f"{_W}tbl"):
        if any(a.tag in _SKIP or a.tag == f"{_W}tbl" for a in el.iterancestors()):
            continue
        if el.tag == f"{_W}p":
            paragraphs += 1
            check("paragraphs", paragraphs, limits)
            blocks.extend(_paragraph(el, paragraphs))
        else:
            tables += 1
            rows, cells = _table(el, limits, cells)
            blocks.append(TableBlock(rows=rows, lines=[None] * len(rows), rows_at=list(range(1, len(rows) + 1)), label=f"table{tables}"))
    return blocks


__all__ = ["is_wordml", "wordml_blocks"]
