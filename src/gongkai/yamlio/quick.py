"""A fast reader for the plain block-style YAML that ledgers are written in; ruamel stays the authority.

``scan(text)`` gives exactly the plain data that ``load(text)`` gives (the same types: ``true``
is True, ``1.0`` a float, ``2018-01-01`` text, ``~`` None, ``yes`` text under YAML 1.2), or None:
declined, and the caller reads the text with ruamel as before. It reads one line at a time and
accepts only what it can read exactly:

* block mappings whose keys are plain words (``id``, ``lead_open``, 牵头单位), block sequences
  (``- item`` and ``- key: value``), also a sequence written at its key's indentation;
* values on the key's own line: plain text, numbers, booleans and nulls as ruamel resolves them,
  single- and double-quoted text (with the usual backslash escapes), and one-line flow
  sequences of such scalars (``aliases: [局行政办, 卫健局]``), ``[]`` and ``{}``;
* comments, blank lines, and LF or CRLF line ends.

It declines everything else: tabs, anchors, aliases, tags, merge keys, block scalars (``|``,
``>``), a scalar continued on the next line, document markers and directives, ``? `` keys,
duplicate keys, keys of more than 1,000 characters, uneven indentation, flow mappings with content, a plain scalar holding ``: ``
or `` #`` or starting with an indicator, byte order marks, line breaks other than LF and CRLF,
characters YAML does not allow, nesting deeper than ``MAX_DEPTH``, and anything ruamel would
reject. What it accepts is bounded by its indentation, so the guards (``too_deep``,
``explosion``) have nothing to find there.

``tree(text, paths)`` answers where things are without a node tree of the whole file: a sparse
tree of light nodes (``id``, ``tag``, ``value``, marks, quote and flow style: all the node walker
and the line editor read) holding only the nodes on ``paths`` and their ancestors (``whole``:
and all below), with the marks ruamel gives. Sequence items off the paths share one
placeholder, so a sequence keeps its length; the lines of a subtree off the paths are skipped,
not read.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Callable, Iterable, Iterator

from .nodes import MAX_DEPTH, MAX_EXPANDED_NODES, SHORT_TEXT, DataPath

TYPE_CHECKING = False  # not from typing: importing it is a noticeable part of a report
if TYPE_CHECKING:
    from typing import Any

    from ruamel.yaml.nodes import Node


class _Declined(Exception):
    """Outside the subset: ruamel reads this text."""


# Characters YAML does not allow, the tab, the byte order mark, and the line breaks ruamel
# counts but editors do not (U+0085, U+2028, U+2029); CR is checked apart (only CRLF may have it).
_OUTSIDE = re.compile("[\x00-\x09\x0b\x0c\x0e-\x1f\x7f-\x9f\u2028\u2029\ud800-\udfff\ufeff\ufffe\uffff]")
# indent, "- ", "key: ", the rest of the line
# (a key is at most 1,000 characters: ruamel refuses a simple key of more than 1,024)
_LINE = re.compile(r"( *)(?:(-)(?: +|$))?(?:([^\W\d][\w-]{0,999}):(?: +|$))?(.*)")
_LINES = re.compile(r"( *)(- +|-$)?(?:([^\W\d][\w-]{0,999}):(?: +|$))?(.*)")  # of one line
# What may follow a value on its line: nothing, or a comment after at least one space.
_AFTER = re.compile(r"(?: +(?:#.*)?)?")
_EMPTY_FLOW_MAP = re.compile(r"\{ *\}")
_FLOW_PLAIN = re.compile(r"[^,\[\]{}#:'\" ][^,\[\]{}#:'\"]*")
# c-indicators: a plain scalar cannot start with one (a '-' followed by a non-space can).
_INDICATORS = frozenset("-?:,[]{}#&*!|>'\"%@`")
_NOT_TEXT_KEYS = frozenset({"true", "True", "TRUE", "false", "False", "FALSE", "null", "Null", "NULL"})

# ruamel's YAML 1.2 implicit resolvers (ruamel/yaml/resolver.py), which the tests hold these to.
_FLOAT = re.compile(
    """^(?:
         [-+]?(?:[0-9][0-9_]*)\\.[0-9_]*(?:[eE][-+]?[0-9]+)?
        |[-+]?(?:[0-9][0-9_]*)(?:[eE][-+]?[0-9]+)
        |[-+]?\\.[0-9_]+(?:[eE][-+][0-9]+)?
        |[-+]?\\.(?:inf|Inf|INF)
        |\\.(?:nan|NaN|NAN))$""",
    re.X,
)
_INT = re.compile(
    """^(?:[-+]?0b[0-1_]+
        |[-+]?0o?[0-7_]+
        |[-+]?[0-9_]+
        |[-+]?0x[0-9a-fA-F_]+)$""",
    re.X,
)
_TRUE = frozenset({"true", "True", "TRUE"})
_FALSE = frozenset({"false", "False", "FALSE"})
_NULL = frozenset({"~", "null", "Null", "NULL"})
# First characters of a plain scalar that may resolve to something other than text.
_TYPED_FIRST = frozenset("-+0123456789.tTfFnN~=<")

_ESCAPES = {
    "0": "\0", "a": "\x07", "b": "\x08", "t": "\t", "n": "\n", "v": "\x0b", "f": "\x0c", "r": "\r",
    "e": "\x1b", " ": " ", '"': '"', "/": "/", "\\": "\\", "N": "\x85", "_": "\xa0", "L": "\u2028", "P": "\u2029",
}  # fmt: skip
_HEX_ESCAPES = {"x": 2, "u": 4, "U": 8}
_HEX = re.compile(r"[0-9a-fA-F]+")
_SLICE = 1 << 18  # characters of text split into lines at a time
_INTERN_MAX = SHORT_TEXT  # shorter scalars repeat (unit names, statuses, dates): keep one copy of each
# Longer lines are mostly prose (a task's text) that seldom repeats: remembered, each would stay
# in memory twice (the line, and its value) until the read ends. Such a line is read again where it
# repeats, and its value is kept once all the same (with the short texts).
_REMEMBERED = 64


def scan(text: str) -> Any:
    """The plain data of ``text`` exactly as ``load`` would give it, or None when the text is outside the subset."""
    if not text:
        return None
    if "\r" in text:
        if text.count("\r") != text.count("\r\n"):
            return None
        text = text.replace("\r\n", "\n")
    try:
        return _scan(text)
    except _Declined:
        return None


# What a line holds besides its indentation, its "- " and its key (``_line``):
_VALUE = 0  # a value read whole: a scalar on the line
_EMPTY = 1  # no value on the line: null, or a block collection on the lines after
_FLOW = 2  # a flow collection, read where it stands (its depth counts, and each is a new object)
_BLANK = 3  # nothing but spaces or a comment
_BLANK_LINE = (0, 0, "", _BLANK, None)


def _scan(text: str) -> dict[str, Any]:
    root: dict[str, Any] = {}
    cols = [0]  # the column of each open block collection, outermost first
    conts: list[Any] = [root]
    top: Any = root
    topcol = 0
    # The last entry of ``top`` when its value is still empty: (``top``, its key or index).
    pending: tuple[Any, Any] | None = None
    seen: dict[str, str] = {}  # one copy of each key, short scalar and text of a long line
    intern = seen.setdefault
    # Each short line already read, as ``_line`` read it: most lines of a ledger repeat one
    # before (a status, a unit in a list, a date), and are read once.
    known: dict[str, tuple[int, int, str, int, Any]] = {}
    recall = known.get
    flows = [0]
    for line in itertools.chain.from_iterable(_lines(text)):
        indent, step, key, kind, value = recall(line) or _line(line, intern, known)
        if not kind and indent == topcol and pending is None:
            # Most lines are "key: value" in the mapping open here, or "- value" in the sequence:
            # the steps below, with fewer tests.
            if not step:
                if type(top) is dict:
                    if key in top:
                        raise _Declined  # a key written twice
                    top[key] = value
                    continue
            elif not key and type(top) is list:
                top.append(value)
                continue
        if kind == _BLANK:
            continue
        if pending is not None:
            pcont, pkey = pending
            pending = None
            if indent > topcol or (indent == topcol and step and type(pcont) is dict):
                # the value is a block collection (at its key's indentation: a sequence)
                new: Any = [] if step else {}
                pcont[pkey] = new
                cols.append(indent)
                conts.append(new)
                if len(cols) > MAX_DEPTH:
                    raise _Declined
                top, topcol = new, indent
        if indent != topcol:
            if indent > topcol:
                raise _Declined
            while cols[-1] > indent:
                cols.pop()
                conts.pop()
            if cols[-1] != indent:
                raise _Declined
            top, topcol = conts[-1], indent
        if step:
            if type(top) is not list:
                raise _Declined
            if key:  # "- key: value": a mapping whose column is the key's
                new = {}
                top.append(new)
                topcol = indent + step
                cols.append(topcol)
                conts.append(new)
                if len(cols) > MAX_DEPTH:
                    raise _Declined
                top = new
        elif type(top) is list:  # the end of a sequence written at its key's indentation
            cols.pop()
            conts.pop()
            if cols[-1] != indent:
                raise _Declined
            top = conts[-1]
        if key and key in top:
            raise _Declined  # a key written twice
        if kind == _EMPTY:
            if key:
                top[key] = None
                pending = (top, key)
            else:
                top.append(None)
                pending = (top, len(top) - 1)
            continue
        if kind == _FLOW:
            value = _value(value, intern, len(cols), flows)
        if key:
            top[key] = value
        else:
            top.append(value)
    if not root:
        raise _Declined  # nothing but comments: ruamel reads None
    # Without aliases the expanded size is the node count: at most four a line, and the flow items.
    if "*" in text and 4 * (text.count("\n") + 1) + flows[0] + 1 > MAX_EXPANDED_NODES:
        raise _Declined
    return root


def _lines(text: str) -> Iterator[list[str]]:
    """The lines of ``text``, a slice at a time: a list of every line would hold the whole file again."""
    start = 0
    while True:
        stop = text.find("\n", start + _SLICE)
        if stop < 0:
            yield text[start:].split("\n")
            return
        yield text[start:stop].split("\n")
        start = stop + 1


def _line(line: str, intern: Callable[[str, str], str], known: dict[str, tuple[int, int, str, int, Any]]) -> tuple[int, int, str, int, Any]:
    """(indent, length of its "- ", key or "", what it holds, its value) of a line, kept in ``known``
    unless it is long (then its text value is kept in ``intern``).

    Everything here depends on the line alone; where it stands (the indentation of the lines
    around, the keys already read) is ``_scan``'s.
    """
    # Every character _OUTSIDE finds is one that isprintable refuses: most lines need no search.
    if not line.isprintable() and _OUTSIDE.search(line) is not None:
        raise _Declined
    spaces, dash, key, rest = _LINES.match(line).groups("")  # type: ignore[union-attr]  # every part may be empty
    if not key and not dash:
        if not rest or rest[0] == "#":
            known[line] = _BLANK_LINE
            return _BLANK_LINE
        # A scalar on a line of its own: continued from the line before, on the line after
        # its key, or a document marker or directive.
        raise _Declined
    if key:
        if key in _NOT_TEXT_KEYS:
            raise _Declined  # a key that is not text
        key = intern(key, key)
    first = rest[:1]
    kind, value = _VALUE, None
    if not first or first == "#":
        kind = _EMPTY
    elif first == "[" or first == "{":
        kind, value = _FLOW, rest
    elif first in _INDICATORS:
        value = _value(rest, intern, 0, [0])  # quoted, -1 or declined: no depth or flow items to count
    else:
        value = _plain(rest, intern)
        if first in _TYPED_FIRST:
            value = _resolve(value)
    if len(line) > _REMEMBERED:
        if value.__class__ is str:
            value = intern(value, value)  # held once, as a remembered line's value is
        return (len(spaces), len(dash), key, kind, value)
    read = known[line] = (len(spaces), len(dash), key, kind, value)
    return read


def _plain(rest: str, intern: Callable[[str, str], str]) -> str:
    """The plain scalar ``rest`` starts with, as text."""
    cut = rest.find(" #")
    value = (rest if cut < 0 else rest[:cut]).rstrip(" ")
    if ": " in value or value[-1] == ":":
        raise _Declined
    return intern(value, value) if len(value) <= _INTERN_MAX else value


def _value(rest: str, intern: Callable[[str, str], str], depth: int, flows: list[int]) -> Any:
    """The value ``rest`` starts with, which starts with an indicator, in a collection ``depth`` deep."""
    first = rest[0]
    if first == "-" and rest[1:2] not in ("", " "):
        return _resolve(_plain(rest, intern))  # -1, -x: a plain scalar
    if first == "'" or first == '"':
        value, stop = _quoted(rest, 0, len(rest))
        _after(rest, stop)
        return intern(value, value) if len(value) <= _INTERN_MAX else value
    if first == "[":
        if depth + 1 > MAX_DEPTH:
            raise _Declined
        items, stop = _flow(rest, 0, len(rest))
        _after(rest, stop)
        flows[0] += len(items)
        return [v for v, _, _ in items]
    empty = _EMPTY_FLOW_MAP.match(rest) if first == "{" and depth + 1 <= MAX_DEPTH else None
    if empty is None:
        raise _Declined
    _after(rest, empty.end())
    return {}


def _after(line: str, stop: int) -> None:
    if _AFTER.fullmatch(line, stop) is None:
        raise _Declined


def _resolve(value: str) -> Any:
    """A plain scalar as ruamel's YAML 1.2 resolvers and safe constructors make it."""
    first = value[0]
    if first in "tT" and value in _TRUE:
        return True
    if first in "fF" and value in _FALSE:
        return False
    if value in _NULL:
        return None
    if value == "=" or value == "<<":
        raise _Declined  # ruamel's value and merge tags: no constructor in the safe loader
    if first in "-+0123456789.":
        if "-" in value[1:] and "e" not in value and "E" not in value:
            return value  # a number has a '-' past its sign only in an exponent: a date, an id like 2-1-1
        try:
            if _FLOAT.match(value):
                return _float(value)
            if first != "." and _INT.match(value):
                return _int(value)
        except ValueError:
            raise _Declined from None  # ruamel fails here too, with an error of Python's
    return value


def _int(text: str) -> int:
    # SafeConstructor.construct_yaml_int under YAML 1.2
    value = text.replace("_", "")
    sign = -1 if value[0] == "-" else 1
    if value[0] in "+-":
        value = value[1:]
    if value == "0":
        return 0
    if value.startswith("0b"):
        return sign * int(value[2:], 2)
    if value.startswith("0x"):
        return sign * int(value[2:], 16)
    if value.startswith("0o"):
        return sign * int(value[2:], 8)
    return sign * int(value)


def _float(text: str) -> float:
    # SafeConstructor.construct_yaml_float under YAML 1.2
    value = text.replace("_", "").lower()
    sign = -1 if value[0] == "-" else 1
    if value[0] in "+-":
        value = value[1:]
    if value == ".inf":
        return sign * float("inf")
    if value == ".nan":
        return float("nan")
    return sign * float(value)


def _quoted(s: str, i: int, end: int) -> tuple[str, int]:
    """The quoted scalar starting at ``s[i]`` (a quote) and the index after its closing quote."""
    if s[i] == "'":
        j = i + 1
        while True:
            j = s.find("'", j, end)
            if j < 0:
                raise _Declined  # continued on the next line
            if s.startswith("''", j):
                j += 2
                continue
            return s[i + 1 : j].replace("''", "'"), j + 1
    j = s.find('"', i + 1, end)
    if j < 0:
        raise _Declined
    if s.find("\\", i + 1, j) < 0:
        return s[i + 1 : j], j + 1
    out: list[str] = []
    j = i + 1
    while j < end:
        ch = s[j]
        if ch == '"':
            return "".join(out), j + 1
        if ch != "\\":
            out.append(ch)
            j += 1
            continue
        esc = s[j + 1 : j + 2]
        if esc in _ESCAPES:
            out.append(_ESCAPES[esc])
            j += 2
        elif esc in _HEX_ESCAPES:
            width = _HEX_ESCAPES[esc]
            digits = s[j + 2 : j + 2 + width]
            if len(digits) != width or j + 2 + width > end or _HEX.fullmatch(digits) is None:
                raise _Declined
            code = int(digits, 16)
            if 0xD800 <= code <= 0xDFFF or code > 0x10FFFF:
                raise _Declined
            out.append(chr(code))
            j += 2 + width
        else:
            raise _Declined  # an escaped line break, or an escape YAML does not have
    raise _Declined


def _flow(s: str, i: int, end: int) -> tuple[list[tuple[Any, int, int]], int]:
    """The items (value, start, stop) of the one-line flow sequence at ``s[i]`` ('['), and the index after its ']'."""
    items: list[tuple[Any, int, int]] = []
    j = i + 1
    while j < end and s[j] == " ":
        j += 1
    if j < end and s[j] == "]":
        return items, j + 1
    while j < end:
        first = s[j]
        if first == "'" or first == '"':
            value, stop = _quoted(s, j, end)
            items.append((value, j, stop))
        else:
            m = _FLOW_PLAIN.match(s, j, end)
            if m is None or (first in _INDICATORS and not (first == "-" and m.end() > j + 1 and s[j + 1] != " ")):
                raise _Declined
            text = m.group().rstrip(" ")
            stop = j + len(text)
            items.append((_resolve(text) if first in _TYPED_FIRST else text, j, stop))
            stop = m.end()
        j = stop
        while j < end and s[j] == " ":
            j += 1
        if j >= end:
            break
        if s[j] == "]":
            return items, j + 1
        if s[j] != ",":
            break
        j += 1
        while j < end and s[j] == " ":
            j += 1
        if j >= end or s[j] in ",]":
            break  # an empty or a trailing item
    raise _Declined


# --- where things are, without the whole node tree ------------------------------------------------


class Mark:
    """A place as ruamel marks it: 0-based character index, line and column."""

    __slots__ = ("column", "index", "line")

    def __init__(self, index: int, line: int, column: int) -> None:
        self.index, self.line, self.column = index, line, column

    def __repr__(self) -> str:
        return f"Mark({self.index}, {self.line}, {self.column})"


class _Node:
    """A light node: its ``id``, ``tag``, ``value``, marks, ``style`` (a scalar's quote, ``'`` or
    ``"``, else None) and ``flow_style`` (a collection written in brackets), all the node walker
    and the line editor read. Unlike ruamel's, a scalar's ``value`` is its source text (quotes
    and escapes as written) and its ``tag`` is text's, but for an empty value (null)."""

    __slots__ = ("end_mark", "flow_style", "start_mark", "style", "tag", "value")
    id = ""

    def __init__(self, tag: str, value: Any, start: Mark, end: Mark, *, style: str | None = None, flow_style: bool = False) -> None:
        self.tag, self.value, self.start_mark, self.end_mark = tag, value, start, end
        self.style, self.flow_style = style, flow_style


class ScalarNode(_Node):
    id = "scalar"


class SequenceNode(_Node):
    id = "sequence"


class MappingNode(_Node):
    id = "mapping"


_STR = "tag:yaml.org,2002:str"
_SEQ = "tag:yaml.org,2002:seq"
_MAP = "tag:yaml.org,2002:map"
_SKIPS: dict[int, re.Pattern[str]] = {}

Wanted = dict[str | int, "Wanted"]


class _Whole(dict):  # type: ignore[type-arg]
    """Wanted: every key and item, and all below them."""

    def __contains__(self, key: object) -> bool:
        return True

    def __getitem__(self, key: object) -> _Whole:
        return self


def tree(text: str, paths: Iterable[DataPath], *, whole: bool = False) -> Node:
    """A sparse node tree of ``text`` (which ``scan`` accepts) holding the nodes on ``paths`` and their ancestors
    (``whole``: and every node below the last of each path).

    ``locate``, ``locate_value`` and ``reaches`` answer on it exactly as on the composed tree,
    for these paths and their prefixes.
    """
    wanted: Wanted = {}
    for path in paths:
        level = wanted
        for step in path[:-1]:
            level = level.setdefault(step, {})
        if path and whole:
            level[path[-1]] = _Whole()  # all below: what a longer path asked for too
        elif path:
            level.setdefault(path[-1], {})
    reader = _Tree(text)
    root = reader.mapping(0, wanted, top=True)
    return root  # type: ignore[return-value]  # duck-typed: the walker reads id, value, tag and marks


class _Tree:
    """Reads the lines of accepted text again, building nodes only where a path leads."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.line_start = 0  # of the current line
        self.ln = 0  # its 0-based number
        self.at = 0  # where the current content starts (after a "- ", within the line)
        self.col = 0
        self.end = 0  # where the line's content ends (before CR LF)
        self.eof = False
        self._settle()

    # the cursor

    def _settle(self) -> None:
        """Move from the current line to the first line with content (this one if it has some)."""
        text = self.text
        pos, ln = self.line_start, self.ln
        while True:
            nl = text.find("\n", pos)
            stop = len(text) if nl < 0 else nl
            end = stop - 1 if stop > pos and text[stop - 1] == "\r" else stop
            at = pos
            while at < end and text[at] == " ":
                at += 1
            if at < end and text[at] != "#":
                self.line_start, self.ln, self.at, self.col, self.end = pos, ln, at, at - pos, end
                return
            if nl < 0:
                self.line_start, self.ln, self.eof = pos, ln, True
                return
            pos, ln = nl + 1, ln + 1

    def _next_line(self) -> None:
        nl = self.text.find("\n", self.end)
        if nl < 0:
            self.eof = True
            return
        self.line_start, self.ln = nl + 1, self.ln + 1
        self._settle()

    def _skip_deeper(self, col: int) -> None:
        """Past the current line and every following line indented more than ``col``."""
        nl = self.text.find("\n", self.end)
        if nl < 0:
            self.eof = True
            return
        skip = _SKIPS.get(col)
        if skip is None:
            skip = _SKIPS[col] = re.compile(rf"\n {{0,{col}}}(?=[^ \r\n#])")
        m = skip.search(self.text, nl)
        if m is None:
            self.eof = True
            return
        start = m.start() + 1
        self.ln += self.text.count("\n", self.line_start, start)
        self.line_start = start
        self._settle()

    def mark(self, index: int) -> Mark:
        """The mark of ``index`` on the current line."""
        return Mark(index, self.ln, index - self.line_start)

    def here(self) -> Mark:
        """Where the next token is: the current content, or the end of the stream."""
        if not self.eof:
            return self.mark(self.at)
        text = self.text
        return Mark(len(text), text.count("\n") + (not text.endswith("\n")), 0)

    def _dash(self) -> bool:
        text, at = self.text, self.at
        return text[at] == "-" and (at + 1 == self.end or text[at + 1] == " ")

    # the nodes

    def mapping(self, col: int, wanted: Wanted, *, top: bool = False) -> MappingNode:
        node = MappingNode(_MAP, [], self.mark(self.at), self.mark(self.at))
        # The top level ends with the text: once its wanted keys are read, the rest need not be skipped.
        left = len(wanted) if top else -1
        while left and not self.eof and self.col == col and not self._dash():
            m = _LINE.match(self.text, self.at, self.end)
            assert m is not None
            key = m.group(3)
            colon = m.end(3)
            if key in wanted:
                key_node = ScalarNode(_STR, key, self.mark(m.start(3)), self.mark(colon))
                node.value.append((key_node, self._value(col, m.start(4), colon + 1, wanted[key], indentless=True)))
                left -= 1
            else:
                self._skip_value(col, m.start(4), indentless=True)
        if not left:
            self.eof = True
        node.end_mark = self.here()
        return node

    def sequence(self, col: int, wanted: Wanted) -> SequenceNode:
        node = SequenceNode(_SEQ, [], self.mark(self.at), self.mark(self.at))
        items = node.value
        while not self.eof and self.col == col and self._dash():
            here = len(items)
            m = _LINE.match(self.text, self.at, self.end)
            assert m is not None
            if here not in wanted:
                items.append(_PLACEHOLDER)
                self._skip_deeper(col)
            elif m.group(3) is not None:
                self.at = m.start(3)
                self.col = self.at - self.line_start
                items.append(self.mapping(self.col, wanted[here]))
            else:
                items.append(self._value(col, m.start(4), self.at + 1, wanted[here], indentless=False))
        node.end_mark = self.here()
        return node

    def _value(self, col: int, at: int, empty_at: int, wanted: Wanted, *, indentless: bool) -> Any:
        """The value of an entry at ``col`` written from ``at`` on (an empty one is marked at ``empty_at``)."""
        text, end = self.text, self.end
        if at >= end or text[at] == "#":
            empty = self.mark(empty_at)
            self._next_line()
            if not self.eof and (self.col > col or (indentless and self.col == col and self._dash())):
                return self.sequence(self.col, wanted) if self._dash() else self.mapping(self.col, wanted)
            return ScalarNode("tag:yaml.org,2002:null", "", empty, empty)
        first = text[at]
        if first == "'" or first == '"':
            _, stop = _quoted(text, at, end)
            node: _Node = ScalarNode(_STR, text[at:stop], self.mark(at), self.mark(stop), style=first)
        elif first == "[":
            items, stop = _flow(text, at, end)
            scalars = [ScalarNode(_STR, text[a:b], self.mark(a), self.mark(b), style=_quote(text[a])) for _, a, b in items]
            node = SequenceNode(_SEQ, scalars, self.mark(at), self.mark(stop), flow_style=True)
        elif first == "{":
            stop = text.index("}", at) + 1
            node = MappingNode(_MAP, [], self.mark(at), self.mark(stop), flow_style=True)
        else:
            cut = text.find(" #", at, end)
            stop = at + len(text[at : end if cut < 0 else cut].rstrip(" "))
            node = ScalarNode(_STR, text[at:stop], self.mark(at), self.mark(stop))
        self._next_line()
        return node

    def _skip_value(self, col: int, at: int, *, indentless: bool) -> None:
        if at < self.end and self.text[at] != "#":
            self._next_line()
            return
        self._skip_deeper(col)
        while indentless and not self.eof and self.col == col and self._dash():
            self._skip_deeper(col)


def _quote(first: str) -> str | None:
    return first if first == "'" or first == '"' else None


_PLACEHOLDER = ScalarNode("", "", Mark(0, 0, 0), Mark(0, 0, 0))
