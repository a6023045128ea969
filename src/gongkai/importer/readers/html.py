"""Saved web pages (.html, .htm, .mhtml): the article body's paragraphs and tables.

lxml is imported here only. Navigation, page headers and footers, scripts and share bars are
dropped; the body is the ``<article>`` or the element that holds most of the page's text.
Tables keep their shape: a cell spanning rows or columns (rowspan/colspan) gives its value to
every cell it covers, several ``<p>`` in one cell are kept apart, a name split over several
``<span>``s is one name, and a cell holding only ``&nbsp;`` is empty.
"""

from __future__ import annotations

import re
from typing import Any

from ..blocks import Block, ImportFailure, ParaBlock, TableBlock
from ..limits import Limits, check
from .cells import join_cell_lines

_DROP = ("script", "style", "noscript", "nav", "header", "footer", "form", "button", "select", "iframe", "svg", "head")
_CHROME = re.compile(r"(?:^|[\s_-])(?:nav|menu|header|footer|foot|breadcrumb|crumb|share|sidebar|banner|toolbar|copyright|bottom|top)(?:$|[\s_\d-])", re.I)
_BODY = re.compile(r"article|content|zoom|trs_editor|main|detail|text|zw|body", re.I)
_BLOCK = {"p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "li", "blockquote", "section", "article", "pre", "dd", "dt", "center"}
_HEADINGS = {"h1", "h2", "h3", "h4", "h5", "h6"}
_SPACE = re.compile(r"[ \t\r\n\f\v\u00a0]+")
# lxml keeps these in the text it parsed but refuses them when text is set: they carry nothing.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def html_blocks(data: bytes, limits: Limits) -> list[Block]:
    root = _parse(data)
    body = _article(root)
    blocks: list[Block] = []
    _walk(body, blocks, [0], limits)
    check("paragraphs", len(blocks), limits)
    return blocks


def mhtml_blocks(data: bytes, limits: Limits) -> list[Block]:
    """A page saved as one MIME file (.mhtml, .mht): its first text/html part."""
    import email
    import email.policy

    message = email.message_from_bytes(data, policy=email.policy.compat32)
    for part in message.walk():
        if part.get_content_type() == "text/html":
            payload = part.get_payload(decode=True)
            if isinstance(payload, bytes):
                charset = part.get_content_charset()
                if charset and b"charset" not in payload[:4096].lower():
                    payload = f'<meta charset="{charset}">'.encode("ascii") + payload
                return html_blocks(payload, limits)
    raise ImportFailure("import.err.bad_html", detail="no text/html part")


_XML_DECLARATION = re.compile(r"^\ufeff?\s*<\?xml[^>]*\?>")


def _parse(data: bytes) -> Any:
    try:
        import lxml.etree
        import lxml.html
    except ImportError:  # pragma: no cover - a dependency of python-docx
        raise ImportFailure("import.err.missing_library", library="lxml") from None
    # lxml refuses a decoded string that still declares its encoding (XHTML, Excel's web pages)
    text = _XML_DECLARATION.sub("", _decode(data), count=1)
    if not text.strip():
        raise ImportFailure("import.err.bad_html", detail="empty")
    try:
        root = lxml.html.document_fromstring(text)
    except (lxml.etree.ParserError, ValueError) as exc:
        raise ImportFailure("import.err.bad_html", detail=str(exc) or type(exc).__name__) from None
    for el in list(root.iter(*_DROP)):
        _remove(el)
    for el in list(root.iter()):
        if not isinstance(el.tag, str):
            _remove(el)  # comments and processing instructions
            continue
        marks = f"{el.get('class', '')} {el.get('id', '')}"
        if el.tag not in ("html", "body", "table", "tr", "td", "th") and _CHROME.search(marks) and not _BODY.search(marks):
            _remove(el)
    return root


def _decode(data: bytes) -> str:
    head = data[:4096].decode("ascii", "replace")
    m = re.search(r"(?:charset|<\?xml[^>]*\bencoding)\s*=\s*[\"']?([A-Za-z0-9_-]+)", head)
    names = [m.group(1)] if m else []
    for name in [*names, "utf-8", "gb18030"]:
        try:
            return data.decode(name)
        except (UnicodeDecodeError, LookupError):
            continue
    return data.decode("utf-8", "replace")


def _remove(el: Any) -> None:
    parent = el.getparent()
    if parent is None:
        return
    tail = el.tail
    if tail:
        prev = el.getprevious()
        if prev is not None:
            prev.tail = _NOT_XML.sub("", (prev.tail or "") + tail)
        else:
            parent.text = _NOT_XML.sub("", (parent.text or "") + tail)
    parent.remove(el)


def _article(root: Any) -> Any:
    """The element holding the plan: an <article>, else the one with most paragraph and table text."""
    articles = list(root.iter("article"))
    if articles:
        return max(articles, key=lambda a: len(a.text_content()))
    best, best_score = root, 0.0
    for el in root.iter("div", "td", "section", "main"):
        direct = sum(len(c.text_content()) for c in el if c.tag in ("p", "table", "h1", "h2", "h3", "div"))
        if direct > best_score:
            best, best_score = el, float(direct)
    total = len(root.text_content()) or 1
    return best if best_score >= 0.3 * total else root


def _text(el: Any) -> str:
    return _SPACE.sub(" ", el.text_content()).strip()


def _walk(el: Any, blocks: list[Block], count: list[int], limits: Limits) -> None:
    line = getattr(el, "sourceline", None) or 1
    inline: list[str] = [el.text or ""]
    for child in el:
        if child.tag == "table":
            _flush(inline, blocks, line)
            blocks.append(_table(child, count, limits))
        elif child.tag in _BLOCK or child.tag == "br" or _has_block(child):
            _flush(inline, blocks, line)
            if child.tag != "br":
                _walk(child, blocks, count, limits)
            line = getattr(child, "sourceline", None) or line
        else:
            inline.append(child.text_content())
        inline.append(child.tail or "")
    _flush(inline, blocks, line, heading=el.tag in _HEADINGS)


def _has_block(el: Any) -> bool:
    return any(isinstance(d.tag, str) and (d.tag in _BLOCK or d.tag == "table") for d in el.iterdescendants())


def _flush(parts: list[str], blocks: list[Block], line: int, *, heading: bool = False) -> None:
    text = _SPACE.sub(" ", "".join(parts)).strip().strip("\u3000").strip()
    parts.clear()
    if text:
        blocks.append(ParaBlock(text=text, line=line, heading=heading))


def _cell_text(cell: Any) -> str:
    """Paragraphs of a cell, one per line; a paragraph that only continues a name (（省审改办）, 监管局) is glued on."""
    paras = [_text(p) for p in cell.iter("p", "div", "li") if not _has_block(p)] or [_text(cell)]
    return join_cell_lines(paras)


def _table(table: Any, count: list[int], limits: Limits) -> TableBlock:
    """Rows with spans expanded: a cell covering rows or columns repeats its value in each."""
    grid: dict[tuple[int, int], str] = {}
    rows = [tr for tr in table.iter("tr") if _own(tr, table)]
    lines: list[int | None] = []
    for r, tr in enumerate(rows):
        lines.append(getattr(tr, "sourceline", None))
        c = 0
        for cell in tr:
            if cell.tag not in ("td", "th"):
                continue
            while (r, c) in grid:
                c += 1
            text = _cell_text(cell)
            rowspan = _span(cell.get("rowspan"), len(rows) - r)
            colspan = _span(cell.get("colspan"), 1000)
            count[0] += rowspan * colspan
            check("cells", count[0], limits)
            for dr in range(rowspan):
                for dc in range(colspan):
                    grid.setdefault((r + dr, c + dc), text)
            c += colspan
    width = max((c for _, c in grid), default=-1) + 1
    out = [[grid.get((r, c), "") for c in range(width)] for r in range(len(rows))]
    return TableBlock(rows=out, lines=lines, rows_at=list(range(1, len(rows) + 1)), label=None)


def _own(tr: Any, table: Any) -> bool:
    """A row of this table, not of a table nested inside one of its cells."""
    parent = tr.getparent()
    while parent is not None and parent.tag != "table":
        parent = parent.getparent()
    return parent is table


def _span(value: str | None, most: int) -> int:
    try:
        n = int(str(value).strip()) if value else 1
    except ValueError:
        return 1
    return max(1, min(n, max(1, most)))


__all__ = ["html_blocks", "mhtml_blocks"]
