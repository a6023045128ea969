"""A plain, fast column layout for long task lists.

rich's ``Table`` measures and wraps every cell through its full renderable protocol, which
costs about a millisecond a row: seconds for a plan of thousands of clauses. Task lists
need much less: one style per cell, CJK-aware widths (``rich.cells.cell_len``), and
wrapping of the wide text columns to fit the terminal. This builds a single ``Text``.
"""

from __future__ import annotations

import itertools
import re
from bisect import bisect_right
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from itertools import repeat
from operator import add, floordiv, mul

from .plain import Line, Span, cell_len, char_width
from .terminal import _CONTROL, visible

TYPE_CHECKING = False  # not from typing: importing it is a noticeable part of a report
if TYPE_CHECKING:
    from collections.abc import Callable
    from typing import Any

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
        # In this process only: each character's key as one character (a text's keys are then a
        # string, its pattern), the decisions by pattern, and each pattern's break opportunities.
        self.classes: dict[str, str] = {}
        self.key_class: dict[Any, str] = {}
        self.seen: dict[tuple[str, int], bool] = {}
        self.by_pattern: dict[str, frozenset[int]] = {}
        # each character's kind, for wrapping: its key and all else the lines depend on (``_too_wide``)
        self.kind_of: dict[str, str] = {}
        self.kinds_seen: dict[Any, str] = {}
        self.wrapped: dict[tuple[str, int], tuple[tuple[tuple[int, int], ...], tuple[int, ...]]] = {}

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

    def pattern(self, text: str) -> str:
        """``text`` with each character written as the one character that stands for its key."""
        return _spelt(text, self.classes, self.key_class, self.char_key)

    def kinds(self, text: str) -> str:
        """``text`` with each character written as the one character that stands for its kind: its
        key, width, and whether it is printable ASCII, may not start or end a line, separates names,
        is a space, is ASCII."""
        return _spelt(text, self.kind_of, self.kinds_seen, self.kind)

    def kind(self, ch: str) -> tuple[object, ...]:
        """All that wrapping reads of a character (``_too_wide``)."""
        return (
            self.char_key(ch),
            char_width(ch),
            "!" <= ch <= "~",
            ch in NO_LINE_START,
            ch in NO_LINE_END,
            ch if ch in "、, " else "",
            ch.isspace(),
            ch.isascii(),
        )

    def opportunities(self, text: str, pattern: str) -> frozenset[int]:
        """Where ``text`` (whose keys are ``pattern``) may break: the decision on each position's neighbourhood."""
        n = len(text)
        seen, decisions = self.seen, self.decisions
        out: list[int] = []
        for p in range(1, n):
            lo, hi = max(0, p - WINDOW_BEFORE), min(n, p + WINDOW_AFTER)
            allowed = seen.get((pattern[lo:hi], p - lo))
            if allowed is None:
                context = (tuple(self.keys[ch] for ch in text[lo:hi]), p - lo)
                allowed = decisions.get(context)
                if allowed is None:
                    allowed = decisions[context] = (p - lo) in _boundaries(text[lo:hi])
                seen[pattern[lo:hi], p - lo] = allowed
            if allowed:
                out.append(p)
        return frozenset(out)


def _spelt(text: str, letters: dict[str, str], seen: dict[Any, str], what: Callable[[str], Any]) -> str:
    """``text`` written one letter a character, the same letter for characters ``what`` finds equal
    (``letters`` and ``seen`` keep them)."""
    try:
        return "".join(map(letters.__getitem__, text))
    except KeyError:
        for ch in text:
            if ch not in letters:
                letters[ch] = seen.setdefault(what(ch), chr(0x100 + len(seen)))
        return "".join(map(letters.__getitem__, text))


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
    # A text of more characters is decided by its keys alone: texts with the same keys share the answer.
    pattern = memo.pattern(text)
    found = memo.by_pattern.get(pattern)
    if found is None:
        found = memo.by_pattern[pattern] = memo.opportunities(text, pattern)
    return found


@lru_cache(maxsize=8192)
def _breaks(text: str) -> tuple[int, ...]:
    """Offsets where ``text`` may break: UAX #14 (uniseg), less the ones 禁则, ids, dates, URLs and short names forbid."""
    allowed = set(_uax14(text))
    for run in _ASCII_RUN.finditer(text):  # ids, dates, URLs, words: never split
        allowed.difference_update(range(run.start() + 1, run.end()))
    for item in _LIST_ITEM.finditer(text):
        if item.end() - item.start() > 1 and cell_len(item.group()) <= NAME_CELLS:
            allowed.difference_update(range(item.start() + 1, item.end()))
    return tuple(sorted(p for p in allowed if text[p] not in NO_LINE_START and text[p - 1] not in NO_LINE_END))


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
def _sized(text: str, width: int) -> tuple[tuple[str, int], ...]:
    """``wrap``'s lines of ``text``, each with its width in cells."""
    if width <= 0:
        return ((text, cell_len(text)),)
    if "\n" in text:
        return tuple(line for paragraph in text.split("\n") for line in _sized(paragraph, width))
    size = cell_len(text)
    if size <= width:
        return ((text, size),)
    return _too_wide(text, width)


def _too_wide(text: str, width: int) -> tuple[tuple[str, int], ...]:
    """The lines of ``text``, a paragraph wider than ``width`` (> 0) cells, each with its width."""
    if len(text) <= WINDOW_BEFORE + WINDOW_AFTER:  # decided on the text itself (``_uax14``)
        return tuple((line, cell_len(line)) for line in (text[a:b] for a, b in _line_spans(text, width)))
    # Where the lines of a longer text end, and how wide they are, depends only on the kinds of its
    # characters: texts of the same kinds (a list of names as long as another) wrap alike.
    memo = _MEMO
    memo.load()
    key = (memo.kinds(text), width)
    found = memo.wrapped.get(key)
    if found is None:
        spans = _line_spans(text, width)
        found = memo.wrapped[key] = (spans, tuple(cell_len(text[a:b]) for a, b in spans))
    return tuple(zip([text[a:b] for a, b in found[0]], found[1], strict=True))


def _line_spans(text: str, width: int) -> tuple[tuple[int, int], ...]:
    """Where each line of ``text`` starts and ends: as many pieces between break opportunities as
    fit; spaces at the ends of lines dropped; a piece wider than a line starting one of its own,
    cut (``_hard_split``) unless it is an id, a date or a URL, which overflows whole."""
    cuts = [0, *_breaks(text), len(text)]
    if " " not in text:
        return _fill(text, width, cuts)
    return _greedy(text, width, cuts)


def _greedy(text: str, width: int, cuts: list[int]) -> tuple[tuple[int, int], ...]:
    """``_line_spans`` of any text, taking the pieces between ``cuts`` one by one: the rules as
    written. ``_fill`` gives the same lines faster on a text without spaces (a test ties the two)."""
    out: list[tuple[int, int]] = []
    start = end = used = 0  # the line so far is text[start:end], ``used`` cells
    for a, b in itertools.pairwise(cuts):
        unit = text[a:b]
        w = cell_len(unit.rstrip(" "))
        if used + w <= width:
            if start == end:
                start = a
            end = b
            used += cell_len(unit)
            continue
        if start < end:
            out.append((start, start + len(text[start:end].rstrip(" "))))
            used = 0
            a += len(unit) - len(unit.lstrip(" "))
            unit = text[a:b]
            w = cell_len(unit.rstrip(" "))
        if w <= width or unit.strip().isascii():
            start, end, used = a, b, cell_len(unit)
            continue
        *full, rest = _hard_split(unit, width)
        for piece in full:
            out.append((a, a + len(piece)))
            a += len(piece)
        start, end, used = a, b, cell_len(rest)
    out.append((start, start + len(text[start:end].rstrip(" "))))
    return tuple(out)


def _fill(text: str, width: int, cuts: list[int]) -> tuple[tuple[int, int], ...]:
    """``_greedy`` of a text without spaces (nothing to drop at the ends of lines), faster: each
    line takes the most pieces that fit, found by the cells before each cut."""
    at = list(itertools.accumulate(map(char_width, text), initial=0))  # cells before each offset
    reach = [at[c] for c in cuts]
    out: list[tuple[int, int]] = []
    start = k = 0  # where the line starts; the last cut it has reached
    last = len(cuts) - 1
    while k < last:
        e = bisect_right(reach, at[start] + width, k + 1) - 1
        if e > k:
            k = e
            continue
        a, b = cuts[k], cuts[k + 1]  # the piece after the line does not fit on it
        if start < a:
            out.append((start, a))
            start = a
        k += 1
        unit = text[a:b]
        if reach[k] - reach[k - 1] <= width or unit.strip().isascii():
            continue  # the piece starts the next line
        *full, _ = _hard_split(unit, width)
        for piece in full:
            out.append((a, a + len(piece)))
            a += len(piece)
        start = a
    out.append((start, len(text)))
    return tuple(out)


def wrap(text: str, width: int) -> list[str]:
    """Break ``text`` into lines of at most ``width`` cells, by UAX #14 with Chinese 禁则.

    No line starts with closing punctuation (、。，）》」 …) or ends with an opening bracket or “;
    an id, a date or a URL is never split (it overflows a line narrower than itself); a short
    name in a list (工会、民政局) moves to the next line whole rather than break.
    """
    if width <= 0:
        return [text]
    return [line for line, _ in _sized(text, width)]


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
    """Lay out ``rows`` (each as long as ``headers``) under ``headers`` in ``width`` cells; only
    ``flexible`` columns wrap."""
    return layout_columns(headers, list(zip(*rows, strict=True)) if rows else [() for _ in headers], width, flexible)


def layout_columns(headers: Sequence[str], columns: Sequence[Sequence[CellLike]], width: int, flexible: Sequence[int]) -> Lines:
    """``layout_lines`` of the table given column by column (each as long as the others)."""
    return _layout(headers, [_Column(cells) for cells in columns], width, flexible)


def _layout(headers: Sequence[str], columns: list[_Column], width: int, flexible: Sequence[int]) -> Lines:
    """The table laid out.

    The work is done column by column, once for each distinct cell of a column (a unit, a date, a
    light repeats down it): what it shows, how wide it is, how it wraps at the column's width and
    the spans it adds to a line. A row whose cells each take one line is then those spans chained.
    """
    ncols = len(headers)
    natural = [cell_len(visible(h)) for h in headers]
    flex = [i for i in flexible if i < ncols]
    sizes: dict[int, list[int]] = {}
    floor = {i: max(MIN_WIDTH, cell_len(visible(headers[i]))) for i in flex}
    for i, column in enumerate(columns):
        natural[i] = max(natural[i], column.widest)
        if i in floor:
            sizes[i] = list(map(column.wide.__getitem__, column.keys))
            floor[i] = max(floor[i], min_width(column.joined))  # the texts are joined by a newline, which no run crosses
    widths = share(natural, width - len(GAP) * (ncols - 1), {i: (floor[i], _typical(sizes[i])) for i in flex})
    if len(flex) == 2:
        widths = _fewest_lines(widths, flex, floor, sizes)

    lines = Lines()
    _emit(lines, [_entries(_sized(text, widths[i]), text, "bold", ()) for i, text in enumerate(map(visible, headers))], widths)
    rule = sum(widths) + len(GAP) * (len(widths) - 1)
    lines.append([("─" * rule, "")])
    lines.width = max(lines.width, rule)

    last = ncols - 1
    if columns and columns[0].keys:
        pieces = [column.pieces(widths[i], i == last) for i, column in enumerate(columns)]
        # every row's first line as if its cells all had pieces, made at once
        chain = itertools.chain.from_iterable
        firsts = list(map(list, map(chain, zip(*(list(map(p.__getitem__, column.keys)) for p, column in zip(pieces, columns, strict=True)), strict=True))))
        # the rows a cell of which has no piece, made cell by cell; the rows with further lines
        slow: set[int] = set()
        taller: set[int] = set()
        for column in columns:
            if column.slow:
                slow.update(itertools.compress(itertools.count(), map(column.slow.__contains__, column.keys)))
            if column.more:
                taller.update(itertools.compress(itertools.count(), map(column.more.__contains__, column.keys)))
        # a first line ends where the last column starts (no cell before it being wider than its
        # column) and its cell's first line ends
        last_column = columns[last]
        first_sizes = {**last_column.wide, **last_column.first_sizes} if last_column.first_sizes else last_column.wide
        ends = list(map(first_sizes.__getitem__, last_column.keys))
        for r in slow:
            ends[r] = -1
        if max(ends) >= 0:
            lines.width = max(lines.width, sum(widths[:last]) + len(GAP) * last + max(ends))
        if not slow and not taller:
            lines.extend(firsts)
        else:
            blanks = _Blanks(widths)
            done = 0
            for r in sorted(slow | taller):
                lines.extend(firsts[done:r])
                done = r + 1
                if r in slow:
                    _emit(lines, [column.entries(column.keys[r], widths[i]) for i, column in enumerate(columns)], widths)
                else:
                    lines.append(firsts[r])
                    blanks.more(lines, [column.more.get(column.keys[r], ()) for column in columns])
            lines.extend(firsts[done:])
    _MEMO.save()
    return lines


Shown = tuple[str, str, tuple[Span, ...]]  # a cell as the terminal shows it: text, style, spans
CellLines = tuple[tuple[str, int], ...]  # a cell's lines, each with its width in cells
Entry = tuple[tuple[Span, ...], int]  # one line of a cell: its spans (none when it is empty) and width
_BLANK: Entry = ((), 0)


def _entries(cell_lines: CellLines, text: str, style: str, parts: tuple[Span, ...]) -> tuple[Entry, ...]:
    """A cell's lines as spans: its own spans where the line is the whole text, else the line in its style."""
    return tuple((((parts if parts and part == text else ((part, style),)) if part else ()), size) for part, size in cell_lines)


Key = str | tuple[str, str, tuple[Span, ...]]  # a plain cell's text; a styled cell's text, style and spans


def _keys(cells: Sequence[CellLike]) -> tuple[list[Key], bool]:
    """What each cell is known by, and whether every cell is plain text (then its key is its text)."""
    if set(map(type, cells)) <= {str}:
        return list(cells), True  # type: ignore[arg-type]  # all of them texts
    objects = dict(zip(map(id, cells), cells, strict=True))  # a styled cell is often one object in many rows
    key_of: dict[int, Key] = {i: c if isinstance(c, str) else (c.text, c.style, c.parts) for i, c in objects.items()}
    return list(map(key_of.__getitem__, map(id, cells))), False


def _shown(key: Key) -> Shown:
    """A cell as the terminal shows it: every text through ``visible``."""
    if isinstance(key, str):
        return visible(key), "", ()
    text, style, parts = key
    return visible(text), style, tuple((visible(t), s) for t, s in parts)


class _Column:
    """One column's cells: what each row holds (``keys``), and each distinct cell once."""

    def __init__(self, cells: Sequence[CellLike]) -> None:
        self.keys, plain = _keys(cells)
        distinct = list(dict.fromkeys(self.keys))
        # Plain text with nothing to escape is shown as it is (``shown`` None): the usual case,
        # decided by one search of all the texts.
        self.shown: dict[Key, Shown] | None = None
        if plain:
            texts: list[str] = distinct  # type: ignore[assignment]  # the keys are the texts
            joined = "\n".join(texts)
        if not plain or _CONTROL.search(joined):
            self.shown = {k: _shown(k) for k in distinct}
            texts = [s[0] for s in self.shown.values()]
            joined = "\n".join(texts)
        self.joined = joined
        self.several_lines = joined.count("\n") > len(texts) - 1  # a text of several lines
        if not self.several_lines:
            self.wide = dict(zip(distinct, map(len if joined.isascii() else cell_len, texts), strict=True))
        else:
            self.wide = dict(zip(distinct, map(_text_width, texts), strict=True))
        self.widest = max(self.wide.values(), default=0)
        self.made: dict[Key, tuple[Entry, ...]] = {}

    def entries(self, key: Key, room: int) -> tuple[Entry, ...]:
        """A cell's lines in the column, ``room`` cells wide (the same for every call), as spans."""
        found = self.made.get(key)
        if found is None:
            shown: Shown = self.shown[key] if self.shown is not None else (key, "", ())  # type: ignore[assignment]  # the key is the text
            text, style, parts = shown
            w = self.wide[key]
            cell_lines = _sized(text, room) if "\n" in text else ((text, w),) if w <= room or room <= 0 else _too_wide(text, room)
            found = self.made[key] = _entries(cell_lines, text, style, parts)
        return found

    def pieces(self, room: int, last: bool) -> dict[Key, tuple[Span, ...]]:
        """Each distinct cell as the spans its first line adds to a line, with the padding after them
        (none in the last column), its further lines in ``more``. A cell whose first line is empty
        or, but in the last column, wider than the column, is in ``slow`` (its rows are made cell by
        cell)."""
        pads = [(" " * (room - w) + GAP, "") for w in range(room)] + [(GAP, "")]
        out: dict[Key, tuple[Span, ...] | None]
        if self.shown is None:  # the keys are the texts
            if last:
                out = {k: ((k, ""),) if w <= room and k else None for k, w in self.wide.items()}  # type: ignore[misc]
            else:
                out = {k: ((k, ""), pads[w]) if w <= room and k else None for k, w in self.wide.items()}  # type: ignore[misc]
            if self.several_lines:
                for k in out:
                    if "\n" in k:
                        out[k] = None
        else:
            out = {}
            for k, (text, style, parts) in self.shown.items():
                w = self.wide[k]
                if w > room or not text or "\n" in text:
                    out[k] = None
                    continue
                spans = parts if parts else ((text, style),)
                out[k] = spans if last else (*spans, pads[w])
        self.more: dict[Key, tuple[Entry, ...]] = {}
        self.first_sizes: dict[Key, int] = {}
        self.slow: set[Key] = set()
        for k in [k for k, piece in out.items() if piece is None]:
            if self.wide[k] > room or self.several_lines:
                entries = self.entries(k, room)
                spans, size = entries[0]
                if len(entries) > 1 and spans and (last or size <= room):
                    out[k] = spans if last else (*spans, pads[size])
                    self.more[k] = entries[1:]
                    self.first_sizes[k] = size
                    continue
            out[k] = ()  # its rows are made cell by cell
            self.slow.add(k)
        return out  # type: ignore[return-value]  # no None is left


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
    # each distinct pair of widths once, with how many rows have it
    counted = Counter(pairs)
    wide_a, wide_b, counts = [wa for wa, _ in counted], [wb for _, wb in counted], list(counted.values())

    def lines(col_a: int, col_b: int) -> int:
        """The lines the sampled rows take with the two columns so wide (a row takes its taller cell's)."""
        taller = map(max, map(floordiv, map(add, wide_a, repeat(col_a - 1)), repeat(col_a)), map(floordiv, map(add, wide_b, repeat(col_b - 1)), repeat(col_b)))
        return sum(map(mul, taller, counts))

    best = (widths[a], widths[b])
    best_cost = (lines(*best), 0)
    for wa_col in range(min(floor[a], total), total - min(floor[b], total) + 1):
        wb_col = total - wa_col
        if wa_col <= 0 or wb_col <= 0:
            continue
        cost = (lines(wa_col, wb_col), abs(wa_col - widths[a]))
        if cost < best_cost:
            best, best_cost = (wa_col, wb_col), cost
    out = list(widths)
    out[a], out[b] = best
    return out


def _emit(lines: Lines, row: list[tuple[Entry, ...]], widths: list[int]) -> None:
    """One row, line by line, from each cell's lines as spans."""
    for n in range(max(map(len, row))):
        _line(lines, [entries[n] if n < len(entries) else _BLANK for entries in row], widths)


def _line(lines: Lines, cells: list[Entry], widths: list[int]) -> None:
    """One line of a row: each cell's spans in its column, the padding between them, none after the last."""
    line: Line = []
    pad = ""
    at = end = 0  # cells written, with the padding; where the last text ends
    last = len(cells) - 1
    for i, (spans, size) in enumerate(cells):
        if spans:
            if pad:
                line.append((pad, ""))
            line.extend(spans)
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


class _Blanks:
    """What comes before each column when every column before it is empty on a line: the padding,
    and where the column starts.

    ``_emit`` makes the same lines (a test ties the two), but a list's further lines are mostly
    one cell going on after empty ones, and ``_line`` takes about a third longer over them.
    """

    def __init__(self, widths: list[int]) -> None:
        self.widths = widths
        room = [max(w, 0) for w in widths]
        self.before = list(itertools.accumulate((" " * w + GAP for w in room), initial=""))
        self.starts = list(itertools.accumulate((w + len(GAP) for w in room), initial=0))

    def more(self, lines: Lines, row: list[tuple[Entry, ...]]) -> None:
        """A row's lines after its first, from each cell's further lines (none for a cell of one line)."""
        for n in range(max(map(len, row))):
            cells = [entries[n] if n < len(entries) else _BLANK for entries in row]
            full = [i for i, (spans, _) in enumerate(cells) if spans]
            if len(full) > 1:
                _line(lines, cells, self.widths)
                continue
            end = 0
            if full:  # the usual line: one cell goes on, after empty ones
                i = full[0]
                spans, size = cells[i]
                lines.append([(self.before[i], ""), *spans] if i else list(spans))
                end = self.starts[i] + size
            else:
                lines.append([])
            if end > lines.width:
                lines.width = end
