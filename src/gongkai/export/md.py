"""The 台账 as Markdown tables that render on GitHub: a heading per block, one table each.
Every cell is escaped, so a unit name cannot break the table or inject HTML."""

from __future__ import annotations

import html

from ..i18n import t
from ..render.terminal import visible
from .rows import Sheet

_SPECIAL = "\\`*_[]#~|"


def cell(text: str | int) -> str:
    raw = visible(str(text))
    out = "".join("\\" + ch if ch in _SPECIAL else ch for ch in raw)
    out = html.escape(out, quote=False)
    return "<br>".join(part.strip() for part in out.splitlines()) if "\n" in out or "\r" in out else out.strip()


def text(sheet: Sheet) -> str:
    heads = list(sheet.headers)
    lines = [f"# {cell(sheet.title)}", "", cell(sheet.subtitle), ""]
    for block in sheet.blocks:
        lines += [f"## {cell(block.heading)}", ""]
        if not block.rows:
            lines += [t("report.nothing", sheet.lang), ""]
            continue
        lines.append("| " + " | ".join(cell(h) for h in heads) + " |")
        lines.append("| " + " | ".join("---:" if i == 0 else "---" for i in range(len(heads))) + " |")
        for row in block.rows:
            lines.append("| " + " | ".join(cell(v) for v in sheet.values(row)) + " |")
        lines.append("")
    return "\n".join(lines)


def render(sheet: Sheet) -> bytes:
    return text(sheet).encode("utf-8")
