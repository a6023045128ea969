"""A plain, fast column layout for long task lists.

rich's ``Table`` measures and wraps every cell through its full renderable protocol, which
costs about a millisecond a row: seconds for a plan of thousands of clauses. Task lists
need much less: one style per cell, CJK-aware widths (``rich.cells.cell_len``), and
wrapping of the wide text columns to fit the terminal. This builds a single ``Text``.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache

from .plain import Line, Span, cell_len
from .terminal import _CONTROL, visible

TYPE_CHECKING = False  # not from typing: importing it is a noticeable part of a report
if TYPE_CHECKING:
    from rich.console import Console, ConsoleOptions, RenderResult
    from rich.measure import Measurement

GAP = "   "
MIN_WIDTH = 6


@dataclass  # not frozen: made for every cell, and a frozen one costs four times as much to make
class Cell:
    """A table cell: its text and style."""

    text: str
    style: str = ""
    # Spans of several styles that make up ``text``, shown as such when the cell takes one line.
    parts: tuple[tuple[str, str], ...] = ()


CellLike = str | Cell


def _cell(value: CellLike) -> Cell:
    """Every cell's text is shown, never obeyed, by the terminal (see ``terminal.visible``)."""
    if isinstance(value, Cell):
        return Cell(visible(value.text), value.style, tuple((visible(text), style) for text, style in value.parts))
    return Cell(visible(value))


# Chinese line-breaking rules (禁则) on top of UAX #14: what may not start or end a line.
CLOSING = "）］｝〕〉》」』】〗〙〛)]}"
OPENING = "（［｛〔〈《「『【〖〘〚([{"
NO_LINE_START = frozenset("、。，；：！？”’%‰…·・,.;:!?" + CLOSING)
NO_LINE_END = frozenset("“‘" + OPENING)
# A name in a list (工会、民政局 / 工会, 民政局) stays whole when it fits on the next line.
NAME_CELLS = 12
_ASCII_RUN = re.compile(r"[!-~]+")
_LIST_ITEM = re.compile(r"[^、,]+(?:、|, |,|$)")


WINDOW_BEFORE, WINDOW_AFTER = 3, 2


class _Memo:
    """What uniseg has decided, kept in the cache between runs.

    uniseg's rule engine costs a fraction of a millisecond a character, too slow for ten thousand
    rows, and importing it costs more than printing a report. A decision depends on a few
    characters around the position (three before, two after, which covers the rules of this kind
    of text), so uniseg decides each distinct neighbourhood of character classes once: a whole
    ledger has a few hundred. The decisions, with each character's classes, are stored in the
    cache (keyed by gongkai's and uniseg's versions), so a report on a known ledger never imports
    uniseg at all.
    """

    def __init__(self) -> None:
        self.keys: dict[str, tuple[str, str, str]] = {}  # character -> (line-break class, width, category)
        self.decisions: dict[tuple[tuple[tuple[str, str, str], ...], int], bool] = {}
        self.short: dict[str, frozenset[int]] = {}  # whole short texts -> their break opportunities
        self.loaded = False
        self.stored = 0

    def size(self) -> int:
        return len(self.keys) + len(self.decisions) + len(self.short)

    def load(self) -> None:
        if self.loaded:
            return
        self.loaded = True
        from ..cache import get_memo

        key = _memo_key()
        data = get_memo(key) if key is not None else None
        if isinstance(data, tuple) and len(data) == 3 and all(isinstance(part, dict) for part in data):
            self.keys.update(data[0])
            self.decisions.update(data[1])
            self.short.update(data[2])
        self.stored = self.size()

    def save(self) -> None:
        """Store what was decided since the memo was read, if anything was."""
        if not self.loaded or self.size() == self.stored:
            return
        from ..cache import put_memo

        key = _memo_key()
        if key is not None:
            put_memo(key, (self.keys, self.decisions, self.short))
        self.stored = self.size()

    def char_key(self, ch: str) -> tuple[str, str, str]:
        found = self.keys.get(ch)
        if found is None:
            import unicodedata

            from uniseg.linebreak import line_break

            found = self.keys[ch] = (str(line_break(ch)), unicodedata.east_asian_width(ch), unicodedata.category(ch))
        return found


def _memo_key() -> str | None:
    from ..cache import memo_key

    return memo_key("line breaks", "uniseg")


_MEMO = _Memo()


def _boundaries(text: str) -> frozenset[int]:
    from uniseg.linebreak import line_break_boundaries

    return frozenset(line_break_boundaries(text))


def _uax14(text: str) -> frozenset[int]:
    """UAX #14 break opportunities inside ``text``, decided by uniseg (through the memo)."""
    memo = _MEMO
    memo.load()
    n = len(text)
    if n <= WINDOW_BEFORE + WINDOW_AFTER:
        found = memo.short.get(text)
        if found is None:
            found = memo.short[text] = frozenset(p for p in _boundaries(text) if 0 < p < n)
        return found
    keys = [memo.char_key(ch) for ch in text]
    decisions = memo.decisions
    out: set[int] = set()
    for p in range(1, n):
        lo, hi = max(0, p - WINDOW_BEFORE), min(n, p + WINDOW_AFTER)
        context = (tuple(keys[lo:hi]), p - lo)
        allowed = decisions.get(context)
        if allowed is None:
            allowed = decisions[context] = (p - lo) in _boundaries(text[lo:hi])
        if allowed:
            out.add(p)
    return frozenset(out)


def _breaks(text: str) -> list[int]:
    """Offsets where ``text`` may break: UAX #14 (uniseg), less the ones 禁则, ids, dates, URLs and short names forbid."""
    allowed = set(_uax14(text))
    for run in _ASCII_RUN.finditer(text):  # ids, dates, URLs, words: never split
        allowed.difference_update(range(run.start() + 1, run.end()))
    for item in _LIST_ITEM.finditer(text):
        if item.end() - item.start() > 1 and cell_len(item.group()) <= NAME_CELLS:
            allowed.difference_update(range(item.start() + 1, item.end()))
    return sorted(p for p in allowed if text[p] not in NO_LINE_START and text[p - 1] not in NO_LINE_END)


def _hard_split(unit: str, width: int) -> list[str]:
    """A piece wider than the line, cut by characters, still keeping 禁则."""
    out: list[str] = []
    cur, used = "", 0
    for ch in unit:
        w = cell_len(ch)
        if used + w > width and cur:
            carry = ""
            if ch in NO_LINE_START and len(cur) > 1:
                carry, cur = cur[-1], cur[:-1]
            while len(cur) > 1 and cur[-1] in NO_LINE_END:
                carry, cur = cur[-1] + carry, cur[:-1]
            out.append(cur)
            cur, used = carry, cell_len(carry)
        cur += ch
        used += w
    out.append(cur)
    return out


@lru_cache(maxsize=8192)
def _wrap_paragraph(text: str, width: int) -> tuple[str, ...]:
    if cell_len(text) <= width:
        return (text,)
    cuts = [0, *_breaks(text), len(text)]
    lines: list[str] = []
    line, used = "", 0
    for a, b in itertools.pairwise(cuts):
        unit = unit_text = text[a:b]
        w = cell_len(unit_text.rstrip(" "))
        if used + w <= width:
            line += unit
            used += cell_len(unit)
            continue
        if line:
            lines.append(line.rstrip(" "))
            line, used = "", 0
            unit = unit.lstrip(" ")
            w = cell_len(unit.rstrip(" "))
        if w <= width or unit.strip().isascii():
            line, used = unit, cell_len(unit)  # an id, a date or a URL wider than the line overflows whole
            continue
        *full, line = _hard_split(unit, width)
        lines.extend(full)
        used = cell_len(line)
    lines.append(line.rstrip(" "))
    return tuple(lines)


def wrap(text: str, width: int) -> list[str]:
    """Break ``text`` into lines of at most ``width`` cells, by UAX #14 with Chinese 禁则.

    No line starts with closing punctuation (、。，）》」 …) or ends with an opening bracket or “;
    an id, a date or a URL is never split (it overflows a line narrower than itself); a short
    name in a list (工会、民政局) moves to the next line whole rather than break.
    """
    if width <= 0:
        return [text]
    if "\n" not in text:
        return list(_wrap_paragraph(text, width))
    return [line for paragraph in text.split("\n") for line in _wrap_paragraph(paragraph, width)]


class Paragraph:
    """Text that rich lays out in a table cell and wraps with ``wrap`` (rich's own fold ignores 禁则)."""

    def __init__(self, text: str, style: str = "") -> None:
        self.text = visible(text)
        self.style = style

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        from rich.text import Text

        yield Text("\n".join(wrap(self.text, options.max_width)), style=self.style, no_wrap=True, overflow="ignore")

    def __rich_measure__(self, console: Console, options: ConsoleOptions) -> Measurement:
        from rich.measure import Measurement

        widest = max((cell_len(line) for line in self.text.split("\n")), default=0)
        return Measurement(min(widest, min_width(self.text)), widest)


def min_width(text: str) -> int:
    """The narrowest a column may get for ``text``: its longest id, date or URL, at least MIN_WIDTH."""
    longest = max((cell_len(m.group()) for m in _ASCII_RUN.finditer(text)), default=0)
    return max(MIN_WIDTH, longest)


class Lines(list[Line]):
    """The lines of a laid-out table, and the widest of them in cells."""

    width = 0


def layout_lines(headers: Sequence[str], rows: Sequence[Sequence[CellLike]], width: int, flexible: Sequence[int]) -> Lines:
    """Lay out ``rows`` under ``headers`` in ``width`` cells; only ``flexible`` columns wrap.

    The work is done column by column, once for each distinct cell of a column (a unit, a date, a
    light repeats down it): what it shows, how wide it is, how it wraps at the column's width and
    the spans it adds to a line. A row whose cells each take one line is then those spans chained.
    """
    ncols = len(headers)
    regular = all(len(row) == ncols for row in rows)
    if regular:
        columns: list[Sequence[CellLike]] = list(zip(*rows)) if rows else [() for _ in headers]
    else:  # rows of other lengths: each column holds the cells the rows have
        columns = [[row[i] for row in rows if len(row) > i] for i in range(ncols)]
    keys = [_keys(column) for column in columns]
    shown = [_shown(dict.fromkeys(k)) for k in keys]
    cells_wide = [{key: _text_width(text) for key, (text, _, _) in s.items()} for s in shown]

    natural = [cell_len(visible(h)) for h in headers]
    flex = [i for i in flexible if i < ncols]
    sizes: dict[int, list[int]] = {}
    floor = {i: max(MIN_WIDTH, cell_len(visible(headers[i]))) for i in flex}
    for i, (k, wide) in enumerate(zip(keys, cells_wide, strict=True)):
        if wide and max(wide.values()) > natural[i]:
            natural[i] = max(wide.values())
        if i in floor:
            sizes[i] = list(map(wide.__getitem__, k))
            # the longest id, date or URL of any cell (texts joined by a newline, which no run crosses)
            longest = max(map(len, _ASCII_RUN.findall("\n".join(text for text, _, _ in shown[i].values()))), default=0)
            floor[i] = max(floor[i], longest)
    widths = share(natural, width - len(GAP) * (ncols - 1), {i: (floor[i], _typical(sizes[i])) for i in flex})
    if len(flex) == 2:
        widths = _fewest_lines(widths, flex, floor, sizes)

    lines = Lines()
    _emit(lines, [(_sized(text, widths[i]), text, "bold", ()) for i, text in enumerate(map(visible, headers))], widths)
    rule = sum(widths) + len(GAP) * (len(widths) - 1)
    lines.append([("─" * rule, "")])
    lines.width = max(lines.width, rule)

    last = ncols - 1
    wrapped: list[dict[object, tuple[tuple[str, int], ...]]] = []
    pieces: list[dict[object, tuple[Span, ...] | None]] = []
    for i, s in enumerate(shown):
        room, wide = widths[i], cells_wide[i]
        column_wrapped: dict[object, tuple[tuple[str, int], ...]] = {}
        column_pieces: dict[object, tuple[Span, ...] | None] = {}
        for key, (text, style, parts) in s.items():
            w = wide[key]
            lines_of = column_wrapped[key] = ((text, w),) if w <= room and "\n" not in text else _sized(text, room)
            # a cell of one line, not wider than its column: its spans and the padding after them
            part, size = lines_of[0]
            if len(lines_of) > 1 or not part or (size > room and i < last):
                column_pieces[key] = None
                continue
            spans = parts if parts and part == text else ((part, style),)
            column_pieces[key] = spans if i == last else (*spans, (" " * (room - size) + GAP if room > size else GAP, ""))
        wrapped.append(column_wrapped)
        pieces.append(column_pieces)

    if not regular:
        for row in rows:
            _emit(lines, [(wrapped[i][key], *shown[i][key]) for i, key in enumerate(_keys(row))], widths)
    elif rows:
        # where the last column starts when no cell before it is wider than its column
        offset = sum(widths[:last]) + len(GAP) * last
        last_sizes = [lines_of[0][1] for lines_of in map(wrapped[last].__getitem__, keys[last])]
        by_row = zip(*(list(map(p.__getitem__, k)) for p, k in zip(pieces, keys, strict=True)))
        chain = itertools.chain.from_iterable
        for r, row_pieces in enumerate(by_row):
            if None in row_pieces:
                _emit(lines, [(wrapped[i][k[r]], *shown[i][k[r]]) for i, k in enumerate(keys)], widths)
                continue
            lines.append(list(chain(row_pieces)))
            end = offset + last_sizes[r]
            if end > lines.width:
                lines.width = end
    _MEMO.save()
    return lines


def _keys(cells: Sequence[CellLike]) -> list[object]:
    """What each cell is known by: its text, or a styled cell's text, style and spans."""
    if set(map(type, cells)) <= {str}:
        return list(cells)
    return [c if isinstance(c, str) else (c.text, c.style, c.parts) for c in cells]


Shown = tuple[str, str, tuple[Span, ...]]


def _shown(keys: Iterable[object]) -> dict[object, Shown]:
    """Each distinct cell as the terminal shows it: text, style and spans, all through ``visible``."""
    keys = list(keys)
    plain = [k for k in keys if type(k) is str]
    if len(plain) == len(keys) and not _CONTROL.search("\n".join(plain)):  # nothing to escape: as it is
        return {k: (k, "", ()) for k in plain}  # type: ignore[misc]
    out: dict[object, Shown] = {}
    for k in keys:
        if isinstance(k, str):
            out[k] = (visible(k), "", ())
        else:
            text, style, parts = k  # type: ignore[misc]
            out[k] = (visible(text), style, tuple((visible(t), s) for t, s in parts))
    return out


def _text_width(text: str) -> int:
    """How wide a cell's text is: its widest line."""
    return cell_len(text) if "\n" not in text else max(cell_len(part) for part in text.split("\n"))


def _typical(widths: list[int]) -> int:
    """The width most rows need: the 80th percentile, so one long list does not claim the room."""
    if not widths:
        return 0
    ordered = sorted(widths)
    return ordered[min(len(ordered) - 1, (len(ordered) * 8) // 10)]


def share(natural: Sequence[int], room: int, flexible: dict[int, tuple[int, int]]) -> list[int]:
    """Column widths in ``room`` cells. Fixed columns keep their natural width; each flexible one
    (``{index: (floor, typical)}``) first gets what its typical row needs, then the rest of the room
    goes where rows are still wider, in proportion to what they still lack."""
    widths = list(natural)
    if sum(widths) <= room or not flexible:
        return widths
    fixed = sum(w for i, w in enumerate(widths) if i not in flexible)
    free = room - fixed
    want = {i: min(natural[i], max(floor, typical)) for i, (floor, typical) in flexible.items()}
    floors = {i: min(natural[i], floor) for i, (floor, _) in flexible.items()}
    if sum(want.values()) > free:
        # not even the typical rows fit: shrink from the widest toward its floor
        got = dict(want)
        excess = sum(got.values()) - free
        while excess > 0:
            shrinkable = [i for i in got if got[i] > floors[i]]
            if not shrinkable:
                break
            widest = max(shrinkable, key=lambda i: got[i])
            others = [got[i] for i in shrinkable if i != widest]
            step = max(1, min(excess, got[widest] - max(floors[widest], max(others, default=0))))
            got[widest] -= step
            excess -= step
    else:
        got = dict(want)
        spare = free - sum(got.values())
        lack = {i: natural[i] - got[i] for i in got if natural[i] > got[i]}
        total = sum(lack.values())
        for i, need in lack.items():
            got[i] += min(need, spare * need // total) if total else 0
        rest = free - sum(got.values())
        for i in sorted(lack, key=lambda i: -lack[i]):
            extra = min(rest, natural[i] - got[i])
            got[i] += extra
            rest -= extra
    for i, w in got.items():
        widths[i] = w
    return widths


SAMPLE = 200


def _fewest_lines(widths: list[int], flex: list[int], floor: dict[int, int], sizes: dict[int, list[int]]) -> list[int]:
    """Between two wrapping columns (a title and a list of units), move the border to where the
    rows take the fewest lines; on a tie, stay nearest the shared-by-need widths."""
    a, b = flex
    total = widths[a] + widths[b]
    pairs = list(zip(sizes[a], sizes[b], strict=True))
    if len(pairs) > SAMPLE:
        pairs = pairs[:: len(pairs) // SAMPLE + 1]
    if not pairs or all(wa <= widths[a] and wb <= widths[b] for wa, wb in pairs):
        return widths
    best = (widths[a], widths[b])
    best_cost = (sum(max(-(-wa // best[0]), -(-wb // best[1])) for wa, wb in pairs), 0)
    for wa_col in range(min(floor[a], total), total - min(floor[b], total) + 1):
        wb_col = total - wa_col
        if wa_col <= 0 or wb_col <= 0:
            continue
        cost = (sum(max(-(-wa // wa_col), -(-wb // wb_col)) for wa, wb in pairs), abs(wa_col - widths[a]))
        if cost < best_cost:
            best, best_cost = (wa_col, wb_col), cost
    out = list(widths)
    out[a], out[b] = best
    return out


@lru_cache(maxsize=8192)
def _sized(text: str, width: int) -> tuple[tuple[str, int], ...]:
    """``wrap``'s lines of ``text``, each with its width in cells."""
    return tuple((line, cell_len(line)) for line in wrap(text, width))


def _emit(lines: Lines, row: list[tuple[tuple[tuple[str, int], ...], str, str, tuple[Span, ...]]], widths: list[int]) -> None:
    """One row, line by line: each cell's lines (each with its width), text, style and spans."""
    height = max(len(cell[0]) for cell in row)
    last = len(row) - 1
    for n in range(height):
        line: Line = []
        pad = ""
        at = end = 0  # cells written, with the padding; where the last text ends
        for i, (cell_lines, text, style, parts) in enumerate(row):
            part, size = cell_lines[n] if n < len(cell_lines) else ("", 0)
            if part:
                if pad:
                    line.append((pad, ""))
                if parts and part == text:
                    line.extend(parts)
                else:
                    line.append((part, style))
                pad = ""
                end = at + size
            if i < last:
                room = widths[i]
                if room > size:
                    pad += " " * (room - size) + GAP
                    at = at + room + len(GAP)
                else:
                    pad += GAP
                    at = at + size + len(GAP)
        lines.append(line)
        if end > lines.width:
            lines.width = end
