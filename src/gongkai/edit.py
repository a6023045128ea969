"""Changes to the ledger: record progress, close, report a period, add, rename a unit.

A change is a short list of operations (``SetKey``, ``DropKey``, ``Append``, ``Replace``)
on the ledger's data. They are applied twice:

* to the plain data, giving the ledger the change must produce (``expected``);
* to the text, line by line: the composed node tree gives every node's place, new lines are
  written in the file's own indentation and line endings, and every other byte is kept.

The new text is then validated in full with ``loader.validate_text`` and its ledger must
equal ``expected``: if the line editor got anything wrong, the change falls back to a
round-trip edit with ruamel.yaml (slower, and may reformat), checked the same way; if that
fails too, nothing is written. A change whose result has errors is refused with the problems.
Writing goes through ``safewrite`` (lock, conflict check, atomic replace).
"""

from __future__ import annotations

import codecs
import datetime as dt
import difflib
import gc
import re
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from . import safewrite, yamlio
from .errors import ChangeRefused, LedgerInvalid, UsageError
from .i18n import Term
from .models import Ledger, PeriodReport, Status, Task, Unit, UnitKind, Update
from .names import Directory
from .periods import parse_period, period_key

if TYPE_CHECKING:
    from ruamel.yaml.nodes import MappingNode, Node

    from .loader import CheckResult

Scalar = str | int | bool | dt.date
Value = Scalar | list[Any] | dict[str, Any] | None
DataPath = tuple[str | int, ...]

TASK_ORDER = tuple(Task.model_fields)
UNIT_ORDER = tuple(Unit.model_fields)
UPDATE_ORDER = tuple(Update.model_fields)
REPORT_ORDER = tuple(PeriodReport.model_fields)
LEDGER_ORDER = tuple(Ledger.model_fields)

# --- operations --------------------------------------------------------------------------------


@dataclass(frozen=True)
class SetKey:
    """``mapping[key] = value`` (a scalar); an absent key is inserted in model order."""

    at: DataPath
    key: str
    value: Scalar
    order: tuple[str, ...]


@dataclass(frozen=True)
class DropKey:
    at: DataPath
    key: str


@dataclass(frozen=True)
class Append:
    """Add ``item`` to the list ``mapping[key]`` (created in model order if absent).

    ``after`` inserts it after that index instead of at the end.
    """

    at: DataPath
    key: str
    item: Value
    order: tuple[str, ...]
    after: int | None = None


@dataclass(frozen=True)
class Replace:
    """Replace the scalar at ``at`` (a mapping value or a list item)."""

    at: DataPath
    value: Scalar


Op = SetKey | DropKey | Append | Replace


@dataclass
class Plan:
    """What a command wants to do: the operations and what to tell the user afterwards."""

    ops: list[Op]
    message: tuple[str, dict[str, Any]]
    notices: list[tuple[str, dict[str, Any]]] = field(default_factory=list)


@dataclass
class Outcome:
    path: Path
    old_text: str
    new_text: str
    written: bool
    method: str  # "task-lines" (one task, cached ledger), "lines" or "roundtrip"
    message: tuple[str, dict[str, Any]]
    notices: list[tuple[str, dict[str, Any]]]
    expected_data: Any  # the whole expected data (full path), None on the one-task path
    ledger: Ledger
    ops: list[Op] = field(default_factory=list)

    def diff(self, label: str | None = None) -> str:
        return unified_diff(self.old_text, self.new_text, label or self.path.name)


class Unsupported(Exception):
    """The line editor cannot make this change; the round-trip editor may."""


# --- the pipeline ------------------------------------------------------------------------------


def change(
    path: Path, build: Callable[[Ledger], Plan], *, dry_run: bool = False, today: dt.date | None = None, fast: bool = True
) -> Outcome:
    """Read the ledger under the lock, plan the change, apply, verify, and write (unless ``dry_run``).

    ``fast`` allows the one-task path (see ``_compute_fast``) when the ledger is in the cache.
    """
    today = today or dt.date.today()
    enabled = gc.isenabled()
    # Composing builds hundreds of thousands of nodes; the cycle collector only slows that down.
    gc.disable()
    try:
        with safewrite.locked(path, lock=not dry_run) as snap:
            bom, text = _decode(snap.data, str(path))
            outcome = _compute_fast(snap, str(path), text, build, today) if fast else None
            if outcome is None:
                outcome = _compute(snap.path, str(path), text, build, today, dry_run)
            if not dry_run:
                new_bytes = bom + outcome.new_text.encode("utf-8")
                safewrite.replace(snap, new_bytes)
                outcome.written = True
                _remember(new_bytes, outcome.ledger)
            return outcome
    finally:
        if enabled:
            gc.enable()


def _compute_fast(snap: safewrite.Snapshot, spath: str, text: str, build: Callable[[Ledger], Plan], today: dt.date) -> Outcome | None:
    """The change of one task, without composing the whole old file; None when it does not apply.

    Needs the old ledger from the report cache (so it is known valid for exactly these bytes)
    and a change confined to one task's keys (update, done, report). Only that task's lines are
    composed and edited; the task's new data must equal its old data plus the change, and the
    whole new text is then validated and its ledger compared, as on the full path.
    """
    from pydantic import ValidationError
    from ruamel.yaml.error import YAMLError
    from ruamel.yaml.nodes import MappingNode, SequenceNode

    from . import cache
    from .loader import validate_text

    key = cache.key_for(snap.data)
    old = cache.get(key) if key is not None else None
    if old is None:
        return None
    plan = build(old)
    targets = {op.at for op in plan.ops}
    if len(targets) != 1 or any(isinstance(op, Replace) for op in plan.ops):
        return None
    (target,) = targets
    if len(target) != 2 or target[0] != "tasks" or not isinstance(target[1], int):
        return None
    i = target[1]
    span = _task_span(text, old.tasks[i].id)
    if span is None:
        return None
    start, end = span
    part = text[start:end]
    try:
        root = yamlio.compose(part)
        if not isinstance(root, SequenceNode) or len(root.value) != 1 or not isinstance(root.value[0], MappingNode):
            return None
        task_data = yamlio.construct(root)[0]
        local = [_retarget(op) for op in plan.ops]
        expected_task = apply_plain(task_data, local)
        new_part = edit_lines(part, root.value[0], local, style=_text_style(text))
        if yamlio.construct(yamlio.compose(new_part)) != [expected_task]:
            return None
        expected_ledger = old.model_copy(update={"tasks": [*old.tasks[:i], Task.model_validate(expected_task), *old.tasks[i + 1 :]]})
    except (Unsupported, YAMLError, ValidationError, KeyError, TypeError):
        return None
    if task_data.get("id") != old.tasks[i].id:
        return None
    new_text = text[:start] + new_part + text[end:]
    result = validate_text(new_text, spath, today=today)
    if result.ledger is None or result.ledger != expected_ledger:
        return None
    if result.errors:
        raise ChangeRefused("err.edit.refused", problems=result.errors, count=len(result.errors))
    return Outcome(snap.path, text, new_text, False, "task-lines", plan.message, list(plan.notices), None, result.ledger, plan.ops)


def _retarget(op: Op) -> Op:
    """The same operation on the task's own mapping (path ``()``)."""
    from dataclasses import replace

    return replace(op, at=())


def _task_span(text: str, task_id: str) -> tuple[int, int] | None:
    """Where the list item ``- id: TASK_ID`` starts, and where its last content line ends."""
    quoted = re.escape(task_id)
    pattern = re.compile(rf"^( *)- +id: *(?:{quoted}|'{quoted}'|\"{quoted}\") *(?:#[^\n]*)?\r?$", re.M)
    matches = list(pattern.finditer(text))
    if len(matches) != 1:
        return None
    match = matches[0]
    dash_col = len(match[1])
    start = match.start()
    end = pos = text.find("\n", match.end())
    if end == -1:
        return start, len(text)
    end += 1
    while pos != -1:
        line_start = pos + 1
        pos = text.find("\n", line_start)
        line = text[line_start : pos if pos != -1 else len(text)]
        stripped = line.strip()
        if not stripped or stripped.startswith("#"):
            continue
        if len(line) - len(line.lstrip(" ")) <= dash_col:
            break
        end = pos + 1 if pos != -1 else len(text)
    return start, end


def _decode(data: bytes, spath: str) -> tuple[bytes, str]:
    bom = codecs.BOM_UTF8 if data.startswith(codecs.BOM_UTF8) else b""
    return bom, yamlio.decode(data, spath)


def _compute(real: Path, spath: str, text: str, build: Callable[[Ledger], Plan], today: dt.date, dry_run: bool) -> Outcome:
    from pydantic import ValidationError
    from ruamel.yaml.error import YAMLError

    from .loader import validate_text

    def invalid_before() -> LedgerInvalid:
        before = validate_text(text, spath, today=today)
        return LedgerInvalid(before.errors or before.problems)

    # Aliases (which may expand exponentially) and deep nesting (which crashes the C composer):
    # let the loader measure them before anything composes or expands them.
    risky = "*" in text or "<<" in text or yamlio.too_deep(text) is not None
    if risky and validate_text(text, spath, today=today).errors:
        raise invalid_before()
    try:
        root = yamlio.compose(text)
        old_data = yamlio.construct(root)
        old = Ledger.model_validate(old_data)
    except (YAMLError, ValidationError, RecursionError):
        raise invalid_before() from None
    if root is None or not isinstance(old_data, dict):
        raise invalid_before()
    plan = build(old)
    expected_data = apply_plain(old_data, plan.ops)
    try:
        expected: Ledger | None = Ledger.model_validate(expected_data)
    except ValidationError:
        expected = None

    def attempt(method: str) -> tuple[str, CheckResult] | None:
        try:
            new_text = edit_lines(text, root, plan.ops) if method == "lines" else edit_roundtrip(text, plan.ops)
        except Unsupported:
            return None
        result = validate_text(new_text, spath, today=today)
        if any(p.code in _SYNTAX_CODES for p in result.problems):
            return None  # the edit itself broke the YAML
        if expected is None:
            # The change is invalid by the model: the result must be too, and is refused below.
            return (new_text, result) if result.ledger is None else None
        if result.ledger != expected:
            return None
        return new_text, result

    method = "lines"
    made = attempt(method)
    if made is None:
        method = "roundtrip"
        made = attempt(method)
    if made is None:
        raise ChangeRefused("err.edit.unsafe", path=spath)
    new_text, result = made
    if result.errors or result.ledger is None:
        errors = result.errors or result.problems
        before = validate_text(text, spath, today=today).errors
        if before:
            raise LedgerInvalid(before)
        raise ChangeRefused("err.edit.refused", problems=errors, count=len(errors))
    notices = list(plan.notices)
    if method == "roundtrip":
        notices.append(("edit.roundtrip", {}))
    return Outcome(real, text, new_text, False, method, plan.message, notices, expected_data, result.ledger, plan.ops)


_SYNTAX_CODES = frozenset({"GK001", "GK002", "GK003", "GK004", "GK005", "GK006", "GK007"})


def _remember(data: bytes, ledger: Ledger) -> None:
    """Put the new ledger in the report cache so the next command need not parse it again."""
    from . import cache

    key = cache.key_for(data)
    if key is not None:
        cache.put(key, ledger)


# --- applying operations to plain data ---------------------------------------------------------


def plain(value: Value) -> Any:
    """A value as the fast loader would read it back: dates as ISO text; empty keys dropped."""
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, dict):
        return {k: plain(v) for k, v in value.items() if v is not None and v != []}
    if isinstance(value, list):
        return [plain(v) for v in value]
    return value


def apply_plain(data: Any, ops: Sequence[Op]) -> Any:
    """``data`` with ``ops`` applied; only the containers on the changed paths are copied."""
    root: Any = dict(data)
    copied = {id(root)}

    def container(path: DataPath) -> Any:
        node = root
        for step in path:
            child = node[step]
            if id(child) not in copied:
                child = dict(child) if isinstance(child, dict) else list(child)
                copied.add(id(child))
                node[step] = child
            node = child
        return node

    for op in ops:
        if isinstance(op, SetKey):
            container(op.at)[op.key] = plain(op.value)
        elif isinstance(op, DropKey):
            del container(op.at)[op.key]
        elif isinstance(op, Append):
            mapping = container(op.at)
            items = list(mapping.get(op.key) or [])
            position = len(items) if op.after is None else op.after + 1
            items.insert(position, plain(op.item))
            mapping[op.key] = items
            copied.add(id(items))
        else:
            container(op.at[:-1])[op.at[-1]] = plain(op.value)
    return root


# --- the line editor ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Style:
    seq_indent: int  # columns from a key to the dash of its block list
    item_offset: int  # columns from a dash to a mapping item's first key
    scalar_offset: int  # columns from a dash to a scalar item

    def offset(self, item: Value) -> int:
        return self.item_offset if isinstance(item, dict) else self.scalar_offset


@dataclass(order=True)
class _Splice:
    start: int
    seq: int
    end: int = field(compare=False)
    text: str = field(compare=False)


def edit_lines(text: str, root: Node | None, ops: Sequence[Op], *, style: Style | None = None) -> str:
    """Apply ``ops`` to the text itself; raises Unsupported for what it cannot do in place.

    ``style`` fills in the list layout that ``root`` itself does not show.
    """
    from ruamel.yaml.nodes import MappingNode

    if not isinstance(root, MappingNode):
        raise Unsupported("top level")
    ed = _LineEditor(text, root, style)
    for op in ops:
        ed.apply(op)
    return ed.result()


_BREAKS = "\r\n\x85\u2028\u2029"


class _LineEditor:
    def __init__(self, text: str, root: MappingNode, style: Style | None = None) -> None:
        self.text = text
        self.root = root
        self.nl = _newline(text)
        self.splices: list[_Splice] = []
        self.style = _detect_style(root, style)

    # -- navigation

    def node(self, path: DataPath) -> Node:
        from ruamel.yaml.nodes import MappingNode, SequenceNode

        node: Node = self.root
        for step in path:
            if isinstance(node, MappingNode) and isinstance(step, str):
                found = _pair(node, step)
                if found is None:
                    raise Unsupported(f"no key {step}")
                node = found[1]
            elif isinstance(node, SequenceNode) and isinstance(step, int) and 0 <= step < len(node.value):
                node = node.value[step]
            else:
                raise Unsupported(f"no step {step}")
        return node

    def block_mapping(self, path: DataPath) -> MappingNode:
        from ruamel.yaml.nodes import MappingNode

        node = self.node(path)
        if not isinstance(node, MappingNode) or node.flow_style or not node.value:
            raise Unsupported("not a block mapping")
        return node

    # -- positions

    def content_end(self, node: Node) -> int:
        """Index just past the last character of the node's own content."""
        from ruamel.yaml.nodes import MappingNode, SequenceNode

        if isinstance(node, (MappingNode, SequenceNode)) and not node.flow_style and node.value:
            last = node.value[-1]
            return self.content_end(last[1] if isinstance(node, MappingNode) else last)
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
        from ruamel.yaml.nodes import ScalarNode

        node = self.node(path)
        if not isinstance(node, ScalarNode) or node.style in ("|", ">"):
            raise Unsupported("not a one-line scalar")
        style = node.style if node.style in ("'", '"') else None
        self.splice(node.start_mark.index, node.end_mark.index, emit_scalar(value, style))

    def set_key(self, op: SetKey) -> None:
        mapping = self.block_mapping(op.at)
        if _pair(mapping, op.key) is not None:
            self.replace((*op.at, op.key), op.value)
            return
        col = mapping.value[0][0].start_mark.column
        self.insert_key(mapping, op.key, op.order, [f"{' ' * col}{op.key}: {emit_scalar(op.value)}"])

    def insert_key(self, mapping: MappingNode, key: str, order: tuple[str, ...], lines: list[str]) -> None:
        rank = order.index(key) if key in order else len(order)
        before = [(order.index(k.value), v) for k, v in mapping.value if k.value in order and order.index(k.value) < rank]
        anchor = max(before, key=lambda pair: pair[0])[1] if before else mapping.value[-1][1]
        self.insert_lines(self.line_after(self.content_end(anchor)), lines)

    def drop_key(self, op: DropKey) -> None:
        mapping = self.block_mapping(op.at)
        found = _pair(mapping, op.key)
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
        from ruamel.yaml.nodes import MappingNode, ScalarNode, SequenceNode

        mapping = self.block_mapping(op.at)
        found = _pair(mapping, op.key)
        key_col = mapping.value[0][0].start_mark.column
        if found is None:
            lines = [f"{' ' * key_col}{op.key}:", *self.item_lines(op.item, key_col + self.style.seq_indent, self.style)]
            self.insert_key(mapping, op.key, op.order, lines)
            return
        key, seq = found
        if isinstance(seq, ScalarNode) and seq.tag == "tag:yaml.org,2002:null" and seq.value == "":
            # ``updates:`` with nothing after it.
            lines = self.item_lines(op.item, key_col + self.style.seq_indent, self.style)
            self.insert_lines(self.line_after(key.end_mark.index), lines)
            return
        if not isinstance(seq, SequenceNode):
            raise Unsupported("not a list")
        if seq.flow_style:
            self.append_flow(key, seq, op.item, key_col)
            return
        items = seq.value
        dash_col = seq.start_mark.column
        own = items[0].start_mark.column - dash_col
        style = self.style
        if isinstance(items[0], MappingNode) and isinstance(op.item, dict):
            style = Style(style.seq_indent, own, style.scalar_offset)
        elif isinstance(items[0], ScalarNode) and not isinstance(op.item, dict):
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


def _pair(mapping: MappingNode, key: str) -> tuple[Node, Node] | None:
    found = None
    for k, v in mapping.value:
        if getattr(k, "value", None) == key:
            found = (k, v)
    return found


def _newline(text: str) -> str:
    first = text.find("\n")
    if first == -1:
        return "\r" if "\r" in text else "\n"
    return "\r\n" if first > 0 and text[first - 1] == "\r" else "\n"


_TEXT_LIST = re.compile(r"^( *)[A-Za-z_][A-Za-z0-9_]*:[ \t]*(?:#[^\n]*)?\r?\n( *)-( +)([^\s#][^\n]*)$", re.M)
_MAPPING_ITEM = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*:(?:\s|$)")


def _text_style(text: str, limit: int = 200) -> Style | None:
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


def _detect_style(root: MappingNode, fallback: Style | None = None) -> Style:
    """The file's own list layout: the first block lists under a key, of mappings and of scalars."""
    from ruamel.yaml.nodes import MappingNode, ScalarNode, SequenceNode

    def walk(node: Node, depth: int) -> Iterator[tuple[Node, Node]]:
        if depth > 6:
            return
        if isinstance(node, MappingNode):
            for k, v in node.value:
                yield k, v
                yield from walk(v, depth + 1)
        elif isinstance(node, SequenceNode):
            for item in node.value[:2]:
                yield from walk(item, depth + 1)

    seq_indent = item_offset = scalar_offset = None
    for key, value in walk(root, 0):
        if not isinstance(value, SequenceNode) or value.flow_style or not value.value or value.start_mark.line == key.start_mark.line:
            continue
        offset = value.value[0].start_mark.column - value.start_mark.column
        if seq_indent is None:
            seq_indent = value.start_mark.column - key.start_mark.column
        if isinstance(value.value[0], MappingNode) and item_offset is None:
            item_offset = offset
        elif isinstance(value.value[0], ScalarNode) and scalar_offset is None:
            scalar_offset = offset
        if item_offset is not None and scalar_offset is not None:
            break
    if fallback is not None:
        seq_indent = fallback.seq_indent if seq_indent is None else seq_indent
        item_offset = fallback.item_offset if item_offset is None else item_offset
        scalar_offset = fallback.scalar_offset if scalar_offset is None else scalar_offset
    item_offset = item_offset or scalar_offset or 2
    return Style(2 if seq_indent is None else seq_indent, item_offset, scalar_offset or item_offset)


# --- scalars -----------------------------------------------------------------------------------

_PLAIN_SAFE = re.compile(r"^[^\s\-?:,\[\]{}#&*!|>'\"%@`][^\x00-\x1f\x7f\x85\u2028\u2029\ufeff]*$")


def emit_scalar(value: Scalar, style: str | None = None, *, flow: bool = False) -> str:
    """``value`` as YAML text that reads back as exactly the same value.

    Text is plain only when that is unambiguous (no ``: ``, `` #``, indicators, no text that
    reads as a number, date, boolean or null); otherwise double-quoted with escapes.
    ``style`` keeps a quoted scalar's quotes when it is replaced.
    """
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, dt.date):
        return value.isoformat()
    if style == "'" and not any(ch in value for ch in _BREAKS) and value.isprintable():
        return "'" + value.replace("'", "''") + "'"
    if style is None and _plain_ok(value, flow):
        return value
    return _double_quoted(value)


def _plain_ok(value: str, flow: bool) -> bool:
    if not _PLAIN_SAFE.match(value) or value != value.strip() or not value.isprintable():
        return False
    if ": " in value or " #" in value or value.endswith(":") or "\t" in value:
        return False
    if flow and not all(ch.isalnum() or ch in "_./（）、·" for ch in value):
        return False  # flow lists have more indicators, and parsers disagree on the corners
    from ruamel.yaml.nodes import ScalarNode
    from ruamel.yaml.resolver import VersionedResolver

    # Plain only if both YAML 1.2 and 1.1 readers (editors, other tools) see text: not yes/no/on.
    return all(VersionedResolver(version=v).resolve(ScalarNode, value, (True, False)) == "tag:yaml.org,2002:str" for v in ((1, 2), (1, 1)))


def _double_quoted(value: str) -> str:
    out = ['"']
    for ch in value:
        if ch == '"':
            out.append('\\"')
        elif ch == "\\":
            out.append("\\\\")
        elif ch == "\n":
            out.append("\\n")
        elif ch == "\t":
            out.append("\\t")
        elif ch in "\x85\u2028\u2029\ufeff" or not ch.isprintable():
            code = ord(ch)
            out.append(f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}" if code < 0x10000 else f"\\U{code:08x}")
        else:
            out.append(ch)
    out.append('"')
    return "".join(out)


# --- the round-trip fallback -------------------------------------------------------------------


def edit_roundtrip(text: str, ops: Sequence[Op]) -> str:
    """The same change through ruamel.yaml's round-trip document: keeps comments, may reformat."""
    import io

    from ruamel.yaml import YAML
    from ruamel.yaml.comments import CommentedMap

    yaml = YAML(typ="rt")
    yaml.preserve_quotes = True
    yaml.width = 1_000_000
    root = yamlio.compose(text)
    from ruamel.yaml.nodes import MappingNode

    style = _detect_style(root) if isinstance(root, MappingNode) else Style(2, 2, 2)
    yaml.indent(mapping=2, sequence=style.seq_indent + style.item_offset, offset=style.seq_indent)
    try:
        doc = yaml.load(text)
    except Exception as exc:
        raise Unsupported("round-trip load") from exc

    def rt(value: Value) -> Any:
        if isinstance(value, dict):
            out = CommentedMap()
            for k, v in value.items():
                if v is not None and v != []:
                    out[k] = rt(v)
            return out
        if isinstance(value, list):
            return [rt(v) for v in value]
        return value

    def at(path: DataPath) -> Any:
        node = doc
        for step in path:
            node = node[step]
        return node

    def put(mapping: Any, key: str, value: Any, order: tuple[str, ...]) -> None:
        if key in mapping or not isinstance(mapping, CommentedMap):
            mapping[key] = value
            return
        rank = order.index(key) if key in order else len(order)
        keys = list(mapping)
        before = [i for i, k in enumerate(keys) if k in order and order.index(k) < rank]
        position = max(before, key=lambda i: order.index(keys[i])) + 1 if before else len(keys)
        mapping.insert(position, key, value)

    for op in ops:
        if isinstance(op, SetKey):
            put(at(op.at), op.key, rt(op.value), op.order)
        elif isinstance(op, DropKey):
            at(op.at).pop(op.key, None)
        elif isinstance(op, Append):
            mapping = at(op.at)
            if mapping.get(op.key) is None:
                put(mapping, op.key, [], op.order)
            items = mapping[op.key]
            items.insert(len(items) if op.after is None else op.after + 1, rt(op.item))
        else:
            at(op.at[:-1])[op.at[-1]] = rt(op.value)
    buf = io.StringIO()
    yaml.dump(doc, buf)
    out = buf.getvalue()
    nl = _newline(text)
    return out.replace("\n", nl) if nl != "\n" else out


# --- the diff ----------------------------------------------------------------------------------


def unified_diff(old: str, new: str, name: str) -> str:
    """A git-style unified diff, computed only over the changed window (fast on big ledgers)."""
    a = old.splitlines()
    b = new.splitlines()
    prefix = 0
    limit = min(len(a), len(b))
    while prefix < limit and a[prefix] == b[prefix]:
        prefix += 1
    suffix = 0
    while suffix < limit - prefix and a[-1 - suffix] == b[-1 - suffix]:
        suffix += 1
    lo = max(prefix - 3, 0)
    keep = max(suffix - 3, 0)
    a_win, b_win = a[lo : len(a) - keep], b[lo : len(b) - keep]
    out = [f"--- a/{name}", f"+++ b/{name}"]
    for line in list(difflib.unified_diff(a_win, b_win, lineterm="", n=3))[2:]:
        if line.startswith("@@"):
            line = _shift_hunk(line, lo)
        out.append(line)
    return "\n".join(out) + "\n" if len(out) > 2 else ""


_HUNK = re.compile(r"^@@ -(\d+)(,\d+)? \+(\d+)(,\d+)? @@")


def _shift_hunk(line: str, by: int) -> str:
    m = _HUNK.match(line)
    if not m:
        return line
    a_start, b_start = int(m[1]), int(m[3])
    a_start = a_start + by if a_start or (m[2] or "") != ",0" else by
    b_start = b_start + by if b_start or (m[4] or "") != ",0" else by
    return f"@@ -{a_start}{m[2] or ''} +{b_start}{m[4] or ''} @@" + line[m.end() :]


# --- the commands' plans -----------------------------------------------------------------------


def parse_status(value: str) -> Status:
    aliases = {"未启动": "not_started", "推进中": "in_progress", "已完成": "done", "办结": "done", "已取消": "cancelled"}
    raw = aliases.get(value.strip(), value.strip().lower().replace("-", "_"))
    try:
        return Status(raw)
    except ValueError:
        raise UsageError("err.edit.bad_status", value=value) from None


def _task_index(ledger: Ledger, task_id: str) -> int:
    from .names import suggest

    for i, task in enumerate(ledger.tasks):
        if task.id == task_id:
            return i
    raise UsageError("err.unknown_task", id=task_id, hint=suggest(task_id, [t.id for t in ledger.tasks]))


def resolve_unit(ledger: Ledger, name: str) -> str:
    """The registered unit ``name`` stands for (alias resolved); groups are not units."""
    from .names import suggest

    d = Directory(ledger)
    canon = d.canonical(name)
    if canon is None:
        raise UsageError("err.unknown_unit", name=name, hint=suggest(name, d.known_names()))
    if canon not in d.units:
        raise UsageError("err.edit.by_group", name=name)
    return canon


def _reporter(ledger: Ledger, task: Task, by: str | None) -> str:
    if by is not None:
        return resolve_unit(ledger, by)
    d = Directory(ledger)
    for name in task.lead:
        canon = d.canonical(name)
        if canon is not None and canon in d.units:
            return canon
    raise UsageError("err.edit.need_by", id=task.id)


def _status_ops(i: int, task: Task, new: Status, date: dt.date) -> list[Op]:
    at: DataPath = ("tasks", i)
    ops: list[Op] = [SetKey(at, "status", new.value, TASK_ORDER)]
    if new is Status.DONE:
        ops.append(SetKey(at, "completed", date, TASK_ORDER))
    elif task.completed is not None:
        ops.append(DropKey(at, "completed"))
    return ops


def plan_update(
    task_id: str,
    *,
    status: Status | None,
    note: str | None,
    evidence: Sequence[str],
    by: str | None,
    date: dt.date,
) -> Callable[[Ledger], Plan]:
    def build(ledger: Ledger) -> Plan:
        i = _task_index(ledger, task_id)
        task = ledger.tasks[i]
        reporter = _reporter(ledger, task, by)
        if status is None and not note and not evidence:
            raise UsageError("err.edit.nothing")
        changes = status is not None and status is not task.status
        entry: dict[str, Value] = {"date": date, "by": reporter}
        ops: list[Op] = []
        if changes:
            assert status is not None
            entry["old_status"] = task.status.value
            entry["status"] = status.value
            ops += _status_ops(i, task, status, date)
        entry["note"] = note or None
        entry["evidence"] = list(evidence)
        ops.append(Append(("tasks", i), "updates", entry, TASK_ORDER))
        old_label = Term(f"status.{task.status.value}")
        new_label = Term(f"status.{(status or task.status).value}")
        key = "edit.updated_status" if changes else "edit.updated"
        return Plan(ops, (key, {"id": task.id, "date": date, "by": reporter, "old": old_label, "new": new_label}))

    return build


def plan_done(task_id: str, *, note: str | None, evidence: Sequence[str], by: str | None, date: dt.date) -> Callable[[Ledger], Plan]:
    def build(ledger: Ledger) -> Plan:
        i = _task_index(ledger, task_id)
        task = ledger.tasks[i]
        if task.status is Status.DONE:
            raise UsageError("err.edit.already_done", id=task.id, date=task.completed or "—")
        plan = plan_update(task_id, status=Status.DONE, note=note, evidence=evidence, by=by, date=date)(ledger)
        plan.message = ("edit.done", {"id": task.id, "date": date})
        has_evidence = bool(evidence) or any(u.evidence for u in task.updates) or any(r.evidence for r in task.reports)
        if not has_evidence:
            plan.notices.append(("warn.edit.no_evidence", {"id": task.id}))
        return plan

    return build


def normalize_period(value: str) -> str:
    return parse_period(value).key


def plan_report(
    task_id: str, *, period: str | None, note: str | None, evidence: Sequence[str], by: str | None, date: dt.date
) -> Callable[[Ledger], Plan]:
    def build(ledger: Ledger) -> Plan:
        i = _task_index(ledger, task_id)
        task = ledger.tasks[i]
        if task.repeat is None:
            raise UsageError("err.edit.not_recurring", id=task.id)
        key = normalize_period(period) if period else period_key(task.repeat, date)
        reporter = _reporter(ledger, task, by)
        entry: dict[str, Value] = {"period": key, "date": date, "by": reporter, "note": note or None, "evidence": list(evidence)}
        op = Append(("tasks", i), "reports", entry, TASK_ORDER)
        return Plan([op], ("edit.reported", {"id": task.id, "period": key, "date": date, "by": reporter}))

    return build


def plan_add_unit(name: str, kind: UnitKind) -> Callable[[Ledger], Plan]:
    def build(ledger: Ledger) -> Plan:
        name_ = name.strip()
        if not name_:
            raise UsageError("err.edit.add_needs", missing="--unit")
        if Directory(ledger).canonical(name_) is not None:
            raise UsageError("err.edit.name_taken", name=name_)
        item: dict[str, Value] = {"name": name_, "kind": kind.value}
        return Plan([Append((), "units", item, LEDGER_ORDER)], ("edit.added_unit", {"name": name_}))

    return build


@dataclass
class NewTask:
    number: str | None = None
    title: str | None = None
    text: str | None = None
    section: str | None = None
    lead: Sequence[str] = ()
    cooperate: Sequence[str] = ()
    due: dt.date | None = None
    task_id: str | None = None


def plan_add_task(new: NewTask) -> Callable[[Ledger], Plan]:
    def build(ledger: Ledger) -> Plan:
        missing = [opt for opt, val in (("--number", new.number), ("--title", new.title), ("--text", new.text), ("--lead", new.lead)) if not val]
        if missing:
            raise UsageError("err.edit.add_needs", missing=", ".join(missing))
        assert new.number is not None
        d = Directory(ledger)
        for name in (*new.lead, *new.cooperate):
            _known_name(d, name)
        siblings = [i for i, t in enumerate(ledger.tasks) if t.number == new.number]
        section = new.section or (ledger.tasks[siblings[0]].section if siblings else _section_of(ledger, new.number))
        if section is None:
            raise UsageError("err.edit.add_needs", missing="--section")
        ids = {t.id for t in ledger.tasks}
        if new.task_id is not None and new.task_id in ids:
            raise UsageError("err.edit.id_taken", id=new.task_id)
        ops: list[Op] = []
        clause: int | None = None
        if siblings:
            # Another clause of an existing item: number the clauses (1, 2, ...) if not yet done.
            for n, i in enumerate(siblings, start=1):
                if ledger.tasks[i].clause is None:
                    ops.append(SetKey(("tasks", i), "clause", n, TASK_ORDER))
            clause = max((ledger.tasks[i].clause or n) for n, i in enumerate(siblings, start=1)) + 1
        task_id = new.task_id or fresh_id(ledger, new.number, section, clause)
        item: dict[str, Value] = {"id": task_id, "number": new.number, "clause": clause}
        item.update(
            {
                "section": section,
                "title": new.title,
                "text": new.text,
                "lead": list(new.lead),
                "cooperate": list(new.cooperate),
                "due": new.due,
            }
        )
        in_section = [i for i, t in enumerate(ledger.tasks) if t.section == section]
        after = siblings[-1] if siblings else (in_section[-1] if in_section else None)
        if after == len(ledger.tasks) - 1:
            after = None
        ops.append(Append((), "tasks", item, LEDGER_ORDER, after=after))
        return Plan(ops, ("edit.added_task", {"id": task_id}))

    return build


def _section_of(ledger: Ledger, number: str) -> str | None:
    """The section whose number begins the item's number (二（一）4 is in 二（一）), the longest such."""
    found = [s.number for s in ledger.sections if number.startswith(s.number) and number != s.number]
    return max(found, key=len) if found else None


def _known_name(d: Directory, name: str) -> None:
    from .names import suggest

    if d.canonical(name) is None:
        raise UsageError("err.unknown_unit", name=name, hint=suggest(name, d.known_names()))


_TRAILING_NUMBER = re.compile(r"^(.*?)(\d+)$")


def fresh_id(ledger: Ledger, number: str, section: str, clause: int | None = None) -> str:
    """A short id that no task has: the clause's letter for another clause of an item (2-2-2e is
    clause 5), the next number in the section (2-1-4), else ``t-N``."""
    ids = {t.id for t in ledger.tasks}
    siblings = [t.id for t in ledger.tasks if t.number == number]
    if siblings:
        base = re.sub(r"[a-z]$", "", siblings[0])
        letters = "abcdefghijklmnopqrstuvwxyz"
        preferred = letters[clause - 1 :] if clause is not None and 0 < clause <= len(letters) else letters
        for letter in preferred + letters:
            if f"{base}{letter}" not in ids:
                return f"{base}{letter}"
    in_section = [t.id for t in ledger.tasks if t.section == section]
    for task_id in reversed(in_section):
        m = _TRAILING_NUMBER.match(re.sub(r"[a-z]$", "", task_id))
        if m:
            prefix = m[1]
            top = max(int(mm[2]) for x in in_section if (mm := _TRAILING_NUMBER.match(re.sub(r"[a-z]$", "", x))) and mm[1] == prefix)
            n = top + 1
            while f"{prefix}{n}" in ids:
                n += 1
            return f"{prefix}{n}"
    n = len(ledger.tasks) + 1
    while f"t-{n}" in ids:
        n += 1
    return f"t-{n}"


def plan_rename_unit(old: str, new: str) -> Callable[[Ledger], Plan]:
    def build(ledger: Ledger) -> Plan:
        from .names import suggest

        d = Directory(ledger)
        if old not in d.units:
            raise UsageError("err.edit.not_a_unit", name=old, hint=suggest(old, list(d.units)))
        new_ = new.strip()
        if not new_ or d.canonical(new_) is not None:
            raise UsageError("err.edit.name_taken", name=new)
        ops: list[Op] = []
        places: list[DataPath] = []
        for i, unit in enumerate(ledger.units):
            if unit.name == old:
                places.append(("units", i, "name"))
                ops.append(Append(("units", i), "aliases", old, UNIT_ORDER))
        places += [("plan", "copied_to", j) for j, n in enumerate(ledger.plan.copied_to) if n == old]
        for i, group in enumerate(ledger.groups):
            places += [("groups", i, "members", j) for j, n in enumerate(group.members) if n == old]
        for i, task in enumerate(ledger.tasks):
            for role in ("lead", "cooperate"):
                places += [("tasks", i, role, j) for j, n in enumerate(getattr(task, role)) if n == old]
            for kind in ("updates", "reports"):
                places += [("tasks", i, kind, j, "by") for j, entry in enumerate(getattr(task, kind)) if entry.by == old]
        ops = [Replace(p, new_) for p in places] + ops
        return Plan(ops, ("edit.renamed", {"old": old, "new": new_, "count": len(places)}))

    return build


__all__ = [
    "Append",
    "DropKey",
    "NewTask",
    "Outcome",
    "Plan",
    "Replace",
    "SetKey",
    "apply_plain",
    "change",
    "edit_lines",
    "edit_roundtrip",
    "emit_scalar",
    "fresh_id",
    "normalize_period",
    "parse_status",
    "plan_add_task",
    "plan_add_unit",
    "plan_done",
    "plan_rename_unit",
    "plan_report",
    "plan_update",
    "resolve_unit",
    "unified_diff",
]
