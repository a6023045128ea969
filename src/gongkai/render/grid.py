"""A plain, fast column layout for long task lists.

rich's ``Table`` measures and wraps every cell through its full renderable protocol, which
costs about a millisecond a row: seconds for a plan of thousands of clauses. Task lists
need much less: one style per cell, CJK-aware widths (``rich.cells.cell_len``), and
wrapping of the wide text columns to fit the terminal. This builds a single ``Text``.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from rich.cells import cell_len
from rich.text import Text

from .terminal import visible

GAP = "   "
MIN_WIDTH = 6


@dataclass(frozen=True)
class Cell:
    text: str
    style: str = ""


CellLike = str | Cell


def _cell(value: CellLike) -> Cell:
    """Every cell's text is shown, never obeyed, by the terminal (see ``terminal.visible``)."""
    return Cell(visible(value.text), value.style) if isinstance(value, Cell) else Cell(visible(value))


def wrap(text: str, width: int) -> list[str]:
    """Break ``text`` into lines of at most ``width`` cells, preferring spaces for Latin text."""
    if width <= 0:
        return [text]
    lines: list[str] = []
    for paragraph in text.split("\n") or [""]:
        line, used = "", 0
        for ch in paragraph:
            w = cell_len(ch)
            if used + w > width and line:
                cut = line.rfind(" ")
                # break at the last space (Latin words, "A, B" lists) unless that wastes most of the line
                if ch != " " and cut > 0 and (line.isascii() or cell_len(line[:cut]) * 2 >= width):
                    lines.append(line[:cut])
                    line = line[cut + 1 :]
                    used = cell_len(line)
                else:
                    lines.append(line.rstrip(" "))
                    line, used = "", 0
                    if ch == " ":
                        continue
            line += ch
            used += w
        lines.append(line)
    return lines


def layout(headers: Sequence[str], rows: Sequence[Sequence[CellLike]], width: int, flexible: Sequence[int]) -> Text:
    """Lay out ``rows`` under ``headers`` in ``width`` cells; only ``flexible`` columns wrap."""
    cells = [[_cell(c) for c in row] for row in rows]
    natural = [cell_len(visible(h)) for h in headers]
    for row in cells:
        for i, c in enumerate(row):
            natural[i] = max(natural[i], max((cell_len(part) for part in c.text.split("\n")), default=0))
    widths = _fit(natural, width - len(GAP) * (len(headers) - 1), flexible)

    pieces: list[tuple[str, str]] = []
    _emit(pieces, [Cell(visible(h), "bold") for h in headers], widths)
    pieces.append(("─" * (sum(widths) + len(GAP) * (len(widths) - 1)) + "\n", ""))
    for row in cells:
        _emit(pieces, row, widths)
    if pieces and pieces[-1][0] == "\n":
        pieces.pop()
    # One Text built once: appending to a growing Text re-scans it on every call.
    return Text.assemble(*pieces, no_wrap=True, overflow="ignore")


def _fit(natural: list[int], room: int, flexible: Sequence[int]) -> list[int]:
    widths = list(natural)
    excess = sum(widths) - room
    flex = [i for i in flexible if i < len(widths)]
    while excess > 0 and flex:
        # take from the widest flexible column first, one cell at a time in bulk steps
        widest = max(flex, key=lambda i: widths[i])
        if widths[widest] <= MIN_WIDTH:
            break
        others = [widths[i] for i in flex if i != widest]
        target = max(max(others, default=MIN_WIDTH), MIN_WIDTH, widths[widest] - excess)
        step = max(1, widths[widest] - target) if target < widths[widest] else 1
        widths[widest] -= step
        excess -= step
    return widths


def _emit(pieces: list[tuple[str, str]], row: list[Cell], widths: list[int]) -> None:
    wrapped = [wrap(c.text, widths[i]) for i, c in enumerate(row)]
    height = max(len(w) for w in wrapped)
    last = len(row) - 1
    for n in range(height):
        line: list[tuple[str, str]] = []
        pad = ""
        for i, c in enumerate(row):
            part = wrapped[i][n] if n < len(wrapped[i]) else ""
            if part:
                if pad:
                    line.append((pad, ""))
                line.append((part, c.style))
                pad = ""
            if i < last:
                pad += " " * (widths[i] - cell_len(part)) + GAP
        pieces.extend(line)
        pieces.append(("\n", ""))
