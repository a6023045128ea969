"""Where things are: the 1-based line:col of a mark, of a character, of a data path.

Lines are counted as editors and GitHub count them (LF, CRLF or a lone CR), not as the
YAML reader does (it also breaks at U+0085, U+2028 and U+2029).
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from .nodes import DataPath, entry, walk

TYPE_CHECKING = False  # not from typing: importing it is a noticeable part of a report
if TYPE_CHECKING:
    from typing import Any

    from ruamel.yaml.nodes import Node


def position(mark: Any, text: str | None) -> tuple[int, int]:
    """1-based (line, col) of a ruamel mark; with the text at hand, from the mark's character index."""
    index = getattr(mark, "index", None)
    if text is None or not isinstance(index, int) or not 0 <= index <= len(text):
        return mark.line + 1, mark.column + 1
    return index_position(text, index)


def index_position(text: str, index: int) -> tuple[int, int]:
    """1-based (line, col) of character ``index`` of ``text``; lines end at LF, CRLF or a lone CR."""
    lone_cr = text.count("\r", 0, index) - text.count("\r\n", 0, index)
    line_start = max(text.rfind("\n", 0, index), text.rfind("\r", 0, index)) + 1
    return text.count("\n", 0, index) + lone_cr + 1, index - line_start + 1


_LINE_BREAK = r"\r\n|\r|\n"  # compiled (by ``re``, once) when first used: not by a report


def split_lines(text: str) -> list[str]:
    """The lines as editors show them and as ``position`` counts them (not str.splitlines: it also breaks at U+2028)."""
    return re.split(_LINE_BREAK, text)


def source_lines(text: str, numbers: Iterable[int]) -> dict[int, str]:
    """The lines ``numbers`` (1-based, as ``split_lines`` counts them) of ``text``, found without splitting the rest."""
    wanted = set(numbers)
    out: dict[int, str] = {}
    if not wanted:
        return out
    last, start, n = max(wanted), 0, 1
    for m in re.finditer(_LINE_BREAK, text):
        if n in wanted:
            out[n] = text[start : m.start()]
        if n >= last:
            return out
        start, n = m.end(), n + 1
    if n in wanted:
        out[n] = text[start:]
    return out


def locate(root: Node | None, loc: DataPath, text: str | None = None) -> tuple[int, int]:
    """1-based (line, col) of the deepest node that ``loc`` reaches.

    A string step into a mapping lands on the key when it is the last step (so an
    unknown key points at itself) and on the value otherwise. Where ``loc`` leaves the
    tree, the place is the deepest node reached.
    """
    if root is None:
        return 1, 1
    mark = root.start_mark
    reached = list(walk(root, loc))
    for i, (node, key) in enumerate(reached):
        last = i == len(loc) - 1
        mark = key.start_mark if last and key is not None else node.start_mark
    return position(mark, text)


def reaches(root: Node | None, loc: DataPath) -> bool:
    """Whether every step of ``loc`` is written in the tree."""
    return root is not None and len(list(walk(root, loc))) == len(loc)


def locate_value(root: Node | None, loc: DataPath, text: str | None = None) -> tuple[int, int]:
    """Like ``locate`` but lands on the value of a final mapping key."""
    if not loc or root is None or not isinstance(loc[-1], str):
        return locate(root, loc, text)
    reached = list(walk(root, loc[:-1]))
    parent = reached[-1][0] if reached else root
    found = entry(parent, loc[-1]) if len(reached) == len(loc) - 1 else None
    if found is None:
        return locate(root, loc, text)
    key_node, value_node = found
    # An empty value (``tasks:`` then nothing) has no place of its own: point at its key.
    target = key_node if value_node.start_mark.index == value_node.end_mark.index else value_node
    return position(target.start_mark, text)
