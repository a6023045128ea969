"""The line editor: a change made to the text itself, every other byte kept.

A node tree gives every node's place: ruamel's, composed, or the fast reader's light one
(``yamlio.quick.tree``), told apart alike by their ``id``. New lines are written in the file's own
indentation, list layout and line endings. What it cannot do in place raises ``Unsupported``
(the round-trip editor may do it instead).
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any

from .. import yamlio
from .ops import Append, DataPath, DropKey, Op, Scalar, SetKey, Value
from .scalars import BREAKS as _BREAKS
from .scalars import emit_scalar

# A node as the editor reads it: ruamel's, or the fast reader's light one (told apart by ``id``).
Node = Any


def _kind(node: object) -> str | None:
    """The node's ``id`` ("mapping", "sequence" or "scalar"), which ruamel's nodes and the fast
    reader's light ones (``yamlio.quick.tree``) both have: the editor reads either."""
    return getattr(node, "id", None)


class Unsupported(Exception):
    """The line editor cannot make this change; the round-trip editor may."""


@dataclass(frozen=True)
class Style:
    """How a file lays out its block lists, read from its own lines."""

    seq_indent: int  # columns from a key to the dash of its block list
    item_offset: int  # columns from a dash to a mapping item's first key
    scalar_offset: int  # columns from a dash to a scalar item

    def offset(self, item: Value) -> int:
        return self.item_offset if isinstance(item, dict) else self.scalar_offset


@dataclass(order=True)
class _Splice:
    """New text for ``start:end`` of the old; ``seq`` (the order they were made) orders splices that start at one place."""

    start: int
    seq: int
    end: int = field(compare=False)
    text: str = field(compare=False)


def edit_lines(text: str, root: Node | None, ops: Sequence[Op], *, style: Style | None = None) -> str:
    """Apply ``ops`` to the text itself; raises Unsupported for what it cannot do in place.

    ``style`` fills in the list layout that ``root`` itself does not show.
    """
    if _kind(root) != "mapping":
        raise Unsupported("top level")
    ed = _LineEditor(text, root, style)
    for op in ops:
        ed.apply(op)
    return ed.result()


class _LineEditor:
    def __init__(self, text: str, root: Node, style: Style | None = None) -> None:
        self.text = text
        self.root = root
        self.nl = newline(text)
        self.splices: list[_Splice] = []
        self.style = detect_style(root, style)

    # -- navigation

    def node(self, path: DataPath) -> Node:
        node = yamlio.node_at(self.root, path)
        if node is None:
            raise Unsupported(f"no node at {path}")
        return node

    def block_mapping(self, path: DataPath) -> Node:
        node = self.node(path)
        if _kind(node) != "mapping" or node.flow_style or not node.value:
            raise Unsupported("not a block mapping")
        return node

    # -- positions

    def content_end(self, node: Node) -> int:
        """Index just past the last character of the node's own content."""
        kind = _kind(node)
        if kind in ("mapping", "sequence") and not node.flow_style and node.value:
            last = node.value[-1]
            return self.content_end(last[1] if kind == "mapping" else last)
        return int(node.end_mark.index)

    def line_after(self, pos: int) -> int:
        """Start of the line after the one holding the content that ends at ``pos``."""
        text = self.text
        while pos > 0 and text[pos - 1] in " \t" + _BREAKS:
            pos -= 1
        while pos < len(text) and text[pos] not in _BREAKS:
            pos += 1
        if pos == len(text):
            return pos
        if text.startswith("\r\n", pos):
            return pos + 2
        return pos + 1

    def line_start(self, pos: int) -> int:
        text = self.text
        while pos > 0 and text[pos - 1] not in _BREAKS:
            pos -= 1
        return pos

    def insert_lines(self, pos: int, lines: list[str]) -> None:
        block = "".join(line + self.nl for line in lines)
        if pos == len(self.text) and self.text and self.text[-1] not in _BREAKS:
            block = self.nl + block[: -len(self.nl)]
        self.splice(pos, pos, block)

    def splice(self, start: int, end: int, new: str) -> None:
        for other in self.splices:
            if start < other.end and other.start < end:
                raise Unsupported("overlapping edits")
        self.splices.append(_Splice(start, len(self.splices), end, new))

    def result(self) -> str:
        out = self.text
        for sp in sorted(self.splices, reverse=True):
            out = out[: sp.start] + sp.text + out[sp.end :]
        return out

    # -- operations

    def apply(self, op: Op) -> None:
        if isinstance(op, SetKey):
            self.set_key(op)
        elif isinstance(op, DropKey):
            self.drop_key(op)
        elif isinstance(op, Append):
            self.append(op)
        else:
            self.replace(op.at, op.value)

    def replace(self, path: DataPath, value: Scalar) -> None:
        node = self.node(path)
        if _kind(node) != "scalar" or node.style in ("|", ">"):
            raise Unsupported("not a one-line scalar")
        style = node.style if node.style in ("'", '"') else None
        self.splice(node.start_mark.index, node.end_mark.index, emit_scalar(value, style))

    def set_key(self, op: SetKey) -> None:
        mapping = self.block_mapping(op.at)
        if yamlio.entry(mapping, op.key) is not None:
            self.replace((*op.at, op.key), op.value)
            return
        col = mapping.value[0][0].start_mark.column
        self.insert_key(mapping, op.key, op.order, [f"{' ' * col}{op.key}: {emit_scalar(op.value)}"])

    def insert_key(self, mapping: Node, key: str, order: tuple[str, ...], lines: list[str]) -> None:
        rank = order.index(key) if key in order else len(order)
        before = [(order.index(k.value), v) for k, v in mapping.value if k.value in order and order.index(k.value) < rank]
        anchor = max(before, key=lambda pair: pair[0])[1] if before else mapping.value[-1][1]
        self.insert_lines(self.line_after(self.content_end(anchor)), lines)

    def drop_key(self, op: DropKey) -> None:
        mapping = self.block_mapping(op.at)
        found: tuple[Node, Node] | None = yamlio.entry(mapping, op.key)
        if found is None:
            return
        key, value = found
        start = self.line_start(key.start_mark.index)
        if self.text[start : key.start_mark.index].strip():
            raise Unsupported("key shares its line")
        if mapping.value[0][0] is key:
            raise Unsupported("first key of its mapping")
        self.splice(start, self.line_after(self.content_end(value)), "")

    def append(self, op: Append) -> None:
        mapping = self.block_mapping(op.at)
        found: tuple[Node, Node] | None = yamlio.entry(mapping, op.key)
        key_col = mapping.value[0][0].start_mark.column
        if found is None:
            lines = [f"{' ' * key_col}{op.key}:", *self.item_lines(op.item, key_col + self.style.seq_indent, self.style)]
            self.insert_key(mapping, op.key, op.order, lines)
            return
        key, seq = found
        if _kind(seq) == "scalar" and seq.tag == "tag:yaml.org,2002:null" and seq.value == "":
            # ``updates:`` with nothing after it.
            lines = self.item_lines(op.item, key_col + self.style.seq_indent, self.style)
            self.insert_lines(self.line_after(key.end_mark.index), lines)
            return
        if _kind(seq) != "sequence":
            raise Unsupported("not a list")
        if seq.flow_style:
            self.append_flow(key, seq, op.item, key_col)
            return
        items = seq.value
        dash_col = seq.start_mark.column
        own = items[0].start_mark.column - dash_col
        style = self.style
        if _kind(items[0]) == "mapping" and isinstance(op.item, dict):
            style = Style(style.seq_indent, own, style.scalar_offset)
        elif _kind(items[0]) == "scalar" and not isinstance(op.item, dict):
            style = Style(style.seq_indent, style.item_offset, own)
        lines = self.item_lines(op.item, dash_col, style)
        index = len(items) - 1 if op.after is None else op.after
        if len(items) > 1 and self._blank_between(items[0], items[1]):
            lines.insert(0, "")
        self.insert_lines(self.line_after(self.content_end(items[index])), lines)

    def append_flow(self, key: Node, seq: Node, item: Value, key_col: int) -> None:
        text = self.text
        end = seq.end_mark.index
        if not seq.value:
            between = text[key.end_mark.index : seq.start_mark.index]
            if between.strip() != ":" or text[seq.start_mark.index : end] != "[]":
                raise Unsupported("unusual empty flow list")
            lines = self.item_lines(item, key_col + self.style.seq_indent, self.style)
            self.splice(key.end_mark.index, end, ":" + self.nl + self.nl.join(lines))
            return
        if isinstance(item, (dict, list)) or item is None or text[end - 1] != "]":
            raise Unsupported("item in a flow list")
        self.splice(end - 1, end - 1, ", " + emit_scalar(item, flow=True))

    def _blank_between(self, first: Node, second: Node) -> bool:
        gap = self.text[self.line_after(self.content_end(first)) : self.line_start(second.start_mark.index)]
        return any(not line.strip() for line in gap.splitlines(keepends=True)) if gap else False

    def item_lines(self, item: Value, dash_col: int, style: Style) -> list[str]:
        pad = "-" + " " * max(style.offset(item) - 1, 1)
        if isinstance(item, dict):
            content_col = dash_col + len(pad)
            lines = self.mapping_lines(item, content_col, style)
            lines[0] = " " * dash_col + pad + lines[0][content_col:]
            return lines
        if isinstance(item, list) or item is None:
            raise Unsupported("nested list")
        return [" " * dash_col + pad + emit_scalar(item)]

    def mapping_lines(self, mapping: dict[str, Any], col: int, style: Style) -> list[str]:
        out: list[str] = []
        for key, value in mapping.items():
            if value is None or value == []:
                continue
            if isinstance(value, list):
                out.append(f"{' ' * col}{key}:")
                for item in value:
                    out.extend(self.item_lines(item, col + style.seq_indent, style))
            elif isinstance(value, dict):
                raise Unsupported("nested mapping")
            else:
                out.append(f"{' ' * col}{key}: {emit_scalar(value)}")
        if not out:
            raise Unsupported("empty mapping")
        return out


def newline(text: str) -> str:
    first = text.find("\n")
    if first == -1:
        return "\r" if "\r" in text else "\n"
    return "\r\n" if first > 0 and text[first - 1] == "\r" else "\n"


_TEXT_LIST = re.compile(r"^( *)[A-Za-z_][A-Za-z0-9_]*:[ \t]*(?:#[^\n]*)?\r?\n( *)-( +)([^\s#][^\n]*)$", re.M)
_MAPPING_ITEM = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*:(?:\s|$)")


def text_style(text: str, limit: int = 200) -> Style | None:
    """The list layout read from the text alone (for the one-task path, which composes no more)."""
    seq_indent = item_offset = scalar_offset = None
    for n, m in enumerate(_TEXT_LIST.finditer(text)):
        if n >= limit or (item_offset is not None and scalar_offset is not None):
            break
        offset = 1 + len(m[3])
        if seq_indent is None:
            seq_indent = len(m[2]) - len(m[1])
        if _MAPPING_ITEM.match(m[4]):
            item_offset = item_offset if item_offset is not None else offset
        else:
            scalar_offset = scalar_offset if scalar_offset is not None else offset
    if seq_indent is None or seq_indent < 0:
        return None
    item_offset = item_offset or scalar_offset or 2
    return Style(seq_indent, item_offset, scalar_offset or item_offset)


def detect_style(root: Node, fallback: Style | None = None) -> Style:
    """The file's own list layout: the first block lists under a key, of mappings and of scalars."""
    def walk(node: Node, depth: int) -> Iterator[tuple[Node, Node]]:
        if depth > 6:
            return
        if _kind(node) == "mapping":
            for k, v in node.value:
                yield k, v
                yield from walk(v, depth + 1)
        elif _kind(node) == "sequence":
            for item in node.value[:2]:
                yield from walk(item, depth + 1)

    seq_indent = item_offset = scalar_offset = None
    for key, value in walk(root, 0):
        if _kind(value) != "sequence" or value.flow_style or not value.value or value.start_mark.line == key.start_mark.line:
            continue
        offset = value.value[0].start_mark.column - value.start_mark.column
        if seq_indent is None:
            seq_indent = value.start_mark.column - key.start_mark.column
        if _kind(value.value[0]) == "mapping" and item_offset is None:
            item_offset = offset
        elif _kind(value.value[0]) == "scalar" and scalar_offset is None:
            scalar_offset = offset
        if item_offset is not None and scalar_offset is not None:
            break
    if fallback is not None:
        seq_indent = fallback.seq_indent if seq_indent is None else seq_indent
        item_offset = fallback.item_offset if item_offset is None else item_offset
        scalar_offset = fallback.scalar_offset if scalar_offset is None else scalar_offset
    item_offset = item_offset or scalar_offset or 2
    return Style(2 if seq_indent is None else seq_indent, item_offset, scalar_offset or item_offset)
