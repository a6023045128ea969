"""Word plans through python-docx: paragraphs and tables, in document order.

python-docx is imported here only, so commands that never read Word do not pay for it.
Bold runs are kept as ranges (an item's bold lead-in is its title); Heading styles mark
headings. Vertically merged cells repeat their value, as python-docx reports them.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from ..blocks import Block, ImportFailure, ParaBlock, TableBlock
from ..limits import Limits, check, check_zip
from .numbering import Numbering


def docx_blocks(path: Path, limits: Limits | None = None) -> list[Block]:
    limits = limits or Limits()
    check_zip(path, limits)
    try:
        import docx
        from docx.opc.exceptions import PackageNotFoundError
        from docx.table import Table
        from docx.text.paragraph import Paragraph
    except ImportError:  # pragma: no cover - a dependency of gongkai
        raise ImportFailure("import.err.missing_library", library="python-docx") from None
    try:
        document: Any = docx.Document(str(path))
    except (PackageNotFoundError, KeyError, ValueError, OSError) as exc:
        raise ImportFailure("import.err.bad_docx", detail=str(exc)) from None
    except Exception as exc:  # zipfile.BadZipFile and lxml errors have no common base
        raise ImportFailure("import.err.bad_docx", detail=type(exc).__name__) from None
    body = document.element.body
    check("paragraphs", sum(1 for _ in body.iter("{*}p")), limits)
    check("cells", sum(1 for _ in body.iter("{*}tc")), limits)
    blocks: list[Block] = []
    paragraph_no = 0
    table_no = 0
    # Style lookups through python-docx scan every style each time; read them once.
    names: dict[str, str] = {}
    bold_styles: set[str] = set()
    for style in document.styles:
        style_id = getattr(style, "style_id", None)
        if style_id is None:
            continue
        names[style_id] = style.name or ""
        font = getattr(style, "font", None)
        if font is not None and font.bold:
            bold_styles.add(style_id)
    numbering = Numbering(document)
    for child in body.iterchildren():
        tag = child.tag.rsplit("}", 1)[-1]
        if tag == "p":
            paragraph_no += 1
            para = Paragraph(child, document)
            label = numbering.label(child, child.style)
            blocks.extend(_paragraph(para, paragraph_no, names.get(child.style or "", ""), bold_styles, label))
        elif tag == "tbl":
            table_no += 1
            table = Table(child, document)
            rows: list[list[str]] = []
            numbers: list[int | None] = []
            for r, row in enumerate(table.rows, start=1):
                rows.append([cell.text.strip() for cell in row.cells])
                numbers.append(r)
            blocks.append(TableBlock(rows=rows, lines=[None] * len(rows), rows_at=numbers, label=f"table{table_no}"))
    return blocks


def _paragraph(para: Any, number: int, style: str, bold_styles: set[str], label: str = "") -> list[ParaBlock]:
    """One paragraph; ``label`` is the number Word draws before it (一、), read as if typed."""
    heading = style.lower().startswith(("heading", "title")) or style.startswith("标题")
    text_parts: list[str] = [label] if label else []
    bold: list[tuple[int, int]] = []
    pos = len(label)
    for run in para.runs:
        t = run.text
        if not t:
            continue
        if run.bold or (run.bold is None and run.element.style in bold_styles):
            if bold and bold[-1][1] == pos:
                bold[-1] = (bold[-1][0], pos + len(t))
            else:
                bold.append((pos, pos + len(t)))
        text_parts.append(t)
        pos += len(t)
    text = "".join(text_parts) if text_parts else para.text
    lead = len(text) - len(text.lstrip(" \u3000\t"))
    stripped = text.strip(" \u3000\t")
    bold = [(max(0, a - lead), max(0, b - lead)) for a, b in bold]
    # A soft line break inside a paragraph is a line break like any other: rejoin later.
    pieces = stripped.split("\n")
    if len(pieces) == 1:
        return [ParaBlock(stripped, number, heading, bold)]
    return [ParaBlock(p.strip(), number, heading, bold if k == 0 else []) for k, p in enumerate(pieces)]
