"""Styled lines for the terminal, written without rich.

The reports a user runs many times a day (status, overdue, unit, units, list) are made of
lines of styled spans: a ``Doc``. Writing one needs no library: each line is wrapped to the
terminal's width (words kept whole, a word wider than the line folded by cells, as rich
wraps a ``Text``), and styles become ANSI codes only on a terminal. The terminal's width
and whether it takes colour are decided as rich decides them (``COLUMNS``, the size of the
standard streams, ``FORCE_COLOR``, ``TTY_COMPATIBLE``, ``NO_COLOR``, ``TERM=dumb``), so a
``Doc`` prints the same wherever it is printed from.
"""

from __future__ import annotations

import itertools
import os
import re
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

TYPE_CHECKING = False  # not from typing: importing it is a noticeable part of a report
if TYPE_CHECKING:
    from typing import IO

Span = tuple[str, str]  # (text, style): a style is words such as "bold red", "dim", ""
Line = list[Span]

_ZERO_WIDTH = frozenset({"Mn", "Me", "Cf"})


class _Widths(dict[str, int]):
    """Each character's width in cells, decided once (``unicodedata``) and then looked up."""

    def __missing__(self, ch: str) -> int:
        if unicodedata.east_asian_width(ch) in ("W", "F"):
            width = 2
        elif unicodedata.category(ch) in _ZERO_WIDTH or ch == "\u200b":
            width = 0
        else:
            width = 1
        self[ch] = width
        return width


_WIDTHS = _Widths()
char_width = _WIDTHS.__getitem__


def cell_len(text: str) -> int:
    """How many terminal cells ``text`` takes: two for a wide (CJK) character, none for a combining mark."""
    if text.isascii():
        return len(text)
    return sum(map(char_width, text))


def chop_cells(text: str, width: int) -> list[str]:
    """``text`` cut into pieces of at most ``width`` cells."""
    pieces: list[str] = []
    size = 0
    start = 0
    for i, ch in enumerate(text):
        w = char_width(ch)
        if size + w > width:
            pieces.append(text[start:i])
            start, size = i, 0
        size += w
    if size:
        pieces.append(text[start:])
    return pieces


_WORD = re.compile(r"\s*\S+\s*")


def divide_line(text: str, width: int) -> list[int]:
    """Where to break ``text`` to fit ``width`` cells: between words, folding a word wider than a line."""
    breaks: list[int] = []
    offset = 0
    for match in _WORD.finditer(text):
        start, word = match.start(), match.group(0)
        length = cell_len(word.rstrip())
        if width - offset >= length:
            offset += cell_len(word)
        elif length > width:
            folded = chop_cells(word, width)
            for i, piece in enumerate(folded):
                if start:
                    breaks.append(start)
                if i == len(folded) - 1:
                    offset = cell_len(piece)
                else:
                    start += len(piece)
        elif offset and start:
            breaks.append(start)
            offset = cell_len(word)
    return breaks


@dataclass
class Doc:
    """Lines of styled spans. A line of text wider than the terminal is wrapped when written;
    a line of a laid-out table (``grid``) is cut at the terminal's edge instead."""

    # (spans, wraps): a line that does not wrap is cut at the edge, unless it was laid out to fit
    # a width no wider than the terminal (``fits``, the third element, in cells).
    lines: list[tuple[Line, bool, int]] = field(default_factory=list)

    def add(self, text: str = "", style: str = "") -> Line:
        """A new line of text, returned so that more spans can be appended to it."""
        line: Line = [(text, style)] if text else []
        self.lines.append((line, True, 0))
        return line

    def grid(self, lines: Iterable[Line]) -> None:
        """Lines of a laid-out table; a ``width`` attribute on ``lines`` says how wide the widest is."""
        fits = getattr(lines, "width", 0)
        self.lines.extend((line, False, fits) for line in lines)

    def extend(self, other: Doc) -> None:
        self.lines.extend(other.lines)


def plain_text(line: Line) -> str:
    return "".join(text for text, _ in line)


def wrap(line: Line, width: int) -> list[Line]:
    """One line wrapped to ``width`` cells; trailing spaces past the width dropped."""
    text = plain_text(line)
    if cell_len(text) <= width:
        return [line]
    cuts = [0, *divide_line(text, width), len(text)]
    out: list[Line] = []
    for a, b in itertools.pairwise(cuts):
        piece = _slice(line, a, b)
        out.append(_rstrip_end(piece, width))
    return out


def _slice(line: Line, a: int, b: int) -> Line:
    out: Line = []
    pos = 0
    for text, style in line:
        end = pos + len(text)
        lo, hi = max(a, pos), min(b, end)
        if lo < hi:
            out.append((text[lo - pos : hi - pos], style))
        pos = end
    return out


def _rstrip_end(line: Line, width: int) -> Line:
    """Whitespace at the end of the line beyond ``width`` cells removed (as rich's ``rstrip_end``)."""
    text = plain_text(line)
    excess = cell_len(text) - width
    if excess <= 0:
        return line
    stripped = text.rstrip()
    trailing = len(text) - len(stripped)
    cut = len(text) - min(excess, trailing)
    return _slice(line, 0, cut) if cut < len(text) else line


# --- the terminal ----------------------------------------------------------------------------


@dataclass(frozen=True)
class Terminal:
    """The width of the terminal and whether it takes colour."""

    width: int
    color: bool  # styles become ANSI codes
    no_color: bool  # NO_COLOR: bold and dim stay, colours go


def terminal(stream: IO[str] | None, environ: Mapping[str, str] | None = None) -> Terminal:
    """The width and colour rules of the terminal that ``stream`` writes to."""
    env = os.environ if environ is None else environ
    is_terminal = _is_terminal(stream, env)
    dumb = is_terminal and env.get("TERM", "").lower() in ("dumb", "unknown")
    return Terminal(_width(env, dumb), is_terminal and not dumb, env.get("NO_COLOR", "") != "")


def _is_terminal(stream: IO[str] | None, env: Mapping[str, str]) -> bool:
    compatible = env.get("TTY_COMPATIBLE", "")
    if compatible in ("0", "1"):
        return compatible == "1"
    force = env.get("FORCE_COLOR")
    if force is not None:
        return force != ""
    try:
        return bool(stream is not None and stream.isatty())
    except ValueError:
        return False


def _width(env: Mapping[str, str], dumb: bool) -> int:
    columns = env.get("COLUMNS")
    if columns is not None and columns.isdigit() and not dumb:
        return int(columns)
    if dumb:
        return 80
    width = 0
    for fd in (0, 1, 2):
        try:
            width = os.get_terminal_size(fd).columns
        except (AttributeError, ValueError, OSError):
            continue
        break
    return width or 80


_CODES = {"bold": "1", "dim": "2", "italic": "3", "underline": "4", "reverse": "7"}
_COLOURS = {"black": "30", "red": "31", "green": "32", "yellow": "33", "blue": "34", "magenta": "35", "cyan": "36", "white": "37"}


def _sgr(style: str, no_color: bool) -> str:
    words = style.split()
    codes = [_CODES[w] for w in _CODES if w in words]
    if not no_color:
        codes += [_COLOURS[w] for w in words if w in _COLOURS]
    return ";".join(codes)


def crop(line: Line, width: int) -> Line:
    """``line`` cut at ``width`` cells; a wide character cut in half becomes a space."""
    out: Line = []
    room = width
    for text, style in line:
        size = cell_len(text)
        if size <= room:
            out.append((text, style))
            room -= size
            continue
        kept = _head(text, room) if room > 0 else ""
        kept += " " * (room - cell_len(kept))
        if kept:
            out.append((kept, style))
        break
    return out


def _head(text: str, width: int) -> str:
    """The longest start of ``text`` that fits in ``width`` cells (``chop_cells``'s first piece)."""
    if text.isascii():
        return text[:width]
    size = 0
    for i, ch in enumerate(text):
        size += char_width(ch)
        if size > width:
            return text[:i]
    return text


def render(doc: Doc, term: Terminal) -> str:
    """The text to write: every line wrapped or cut to the terminal, styled on a terminal."""
    out: list[str] = []
    width = term.width
    codes_of: dict[str, str] = {}  # each style's codes, decided once
    for logical, wraps, fits in doc.lines:
        if wraps:
            lines = wrap(logical, width)
        elif 0 < fits <= width:
            lines = [logical]
        else:
            lines = [crop(logical, width)]
        for line in lines:
            if not term.color:
                out.append("".join([text for text, _ in line]))
            else:
                for text, style in line:
                    codes = ""
                    if style and text:
                        codes = codes_of.get(style)  # type: ignore[assignment]
                        if codes is None:
                            codes = codes_of[style] = _sgr(style, term.no_color)
                    out.append(f"\x1b[{codes}m{text}\x1b[0m" if codes else text)
            out.append("\n")
    return "".join(out)
