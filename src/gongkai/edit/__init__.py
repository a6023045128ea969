"""Changes to the ledger: record progress, close, report a period, add, rename a unit.

A change is a ``ChangeSet``: a short list of operations (``SetKey``, ``DropKey``, ``Append``,
``Replace``, in ``ops``) on the ledger's data, built by a command (``commands``) from the
ledger as read under the lock. The operations are applied twice:

* to the plain data, giving the ledger the change must produce (the expected ledger);
* to the text, line by line (``lines``): every other byte is kept.

One verification step then validates the new text in full and compares its ledger with the
expected one. If the line editor got anything wrong, the change falls back to a round-trip edit
(``roundtrip``: slower, may reformat), verified the same way; if that fails too, nothing is
written. A change whose result has errors, or would be too big to read back, is refused.

When the ledger is in the report cache (known valid for exactly these bytes) and the change
touches one task, only that task's lines are composed and edited: the one-task path. It ends in
the same verification. Writing goes through ``safewrite`` (lock, conflict check, atomic switch).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .. import cache, safewrite, yamlio
from ..diagnose import is_syntax
from ..errors import ChangeRefused, LedgerInvalid, Problem
from ..models import Ledger, Task
from .commands import (
    Build,
    NewTask,
    TaskBuild,
    add_task_changes,
    add_unit_changes,
    check_text,
    done_changes,
    fresh_id,
    normalize_period,
    parse_status,
    rename_unit_changes,
    report_changes,
    resolve_unit,
    update_changes,
)
from .diff import unified_diff
from .lines import Style, Unsupported, edit_lines, newline, text_style
from .ops import Append, ChangeSet, DropKey, Op, Replace, Scalar, SetKey, apply_plain
from .roundtrip import DropsComments, edit_roundtrip, lost_marks, split_document
from .scalars import emit_scalar

if TYPE_CHECKING:
    from ruamel.yaml.nodes import Node

    from ..loader import CheckResult


@dataclass
class Outcome:
    """What an edit did: the old and new text, how it was made, what it says, and the new ledger."""

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
    new_bytes: bytes | None = None  # the file's new bytes, when made already (with the BOM it had)

    def diff(self, label: str | None = None) -> str:
        return unified_diff(self.old_text, self.new_text, label or self.path.name)


def change(path: Path, build: Build, *, dry_run: bool = False, today: dt.date | None = None, fast: bool = True) -> Outcome:
    """Read the ledger under the lock, build the change, apply, verify, and write (unless ``dry_run``).

    ``fast`` allows the one-task path when the ledger is in the cache.
    """
    today = today or dt.date.today()
    spath = str(path)
    # Composing builds hundreds of thousands of nodes; the cycle collector only slows that down.
    with cache.collector_paused(), safewrite.locked(path, lock=not dry_run) as snap:
        bom, _ = yamlio.split_bom(snap.data)
        text = yamlio.decode(snap.data, spath)
        outcome = (_one_task(snap, spath, text, build, today) if fast else None) or _whole_file(snap.path, spath, text, bom, build, today)
        new_bytes, outcome.new_bytes = outcome.new_bytes, None  # not held by the outcome while the ledger is pickled
        assert new_bytes is not None  # each path makes them
        _check_size(len(new_bytes))
        if not dry_run:
            safewrite.replace(snap, new_bytes)
            outcome.written = True
            key = cache.key_for(new_bytes)
            del new_bytes  # not held while the ledger is pickled
            if key is not None:
                cache.put(key, outcome.ledger)  # the next report need not parse it again
        return outcome


# --- the one verification step ------------------------------------------------------------------

def _check_size(size: int) -> None:
    """A ledger over the read limit could not be read back by anything: never write one."""
    if size > yamlio.MAX_BYTES:
        raise ChangeRefused("err.edit.too_big", size=size, limit=yamlio.MAX_BYTES)


def _verify(new_text: str, spath: str, today: dt.date, expected: Ledger | None, *, quick: bool = True) -> CheckResult | None:
    """The edited text (whose size was checked), validated once; None when the edit itself went wrong.

    It went wrong if it broke the YAML, or if its ledger is not the expected one (when the
    change is invalid by the model, ``expected`` is None and the result must not load either).
    ``quick``: offered to the fast reader first (not when it declined this very text already).
    """
    from ..loader import validate_text

    result = validate_text(new_text, spath, today=today, quick=quick)
    if any(is_syntax(p) for p in result.problems):
        return None
    if expected is None:
        return result if result.ledger is None else None
    return result if result.ledger == expected else None


def _accept(result: CheckResult, errors_before: Callable[[], list[Problem]]) -> Ledger:
    """The new ledger, or the refusal: its errors (or, if the file had errors already, those)."""
    if result.errors or result.ledger is None:
        errors = result.errors or result.problems
        old_errors = errors_before()
        if old_errors:
            raise LedgerInvalid(old_errors)
        raise ChangeRefused("err.edit.refused", problems=errors, count=len(errors))
    return result.ledger


# --- the whole file ------------------------------------------------------------------------------


def _whole_file(real: Path, spath: str, text: str, bom: bytes, build: Build, today: dt.date) -> Outcome:
    from ruamel.yaml.error import YAMLError

    from ..loader import validate_ledger, validate_parsed, validate_text
    from ..validator import core

    ValidationError = core().ValidationError

    checked: list[CheckResult] = []
    parsed: list[tuple[Node, Any]] = []

    def before() -> CheckResult:
        """The old text, validated at most once, and from the tree already parsed when there is one."""
        if not checked:
            if parsed:
                checked.append(validate_parsed(*parsed[0], text, spath, today=today))
            else:
                checked.append(validate_text(text, spath, today=today))
        return checked[0]

    def invalid_before() -> LedgerInvalid:
        return LedgerInvalid(before().errors or before().problems)

    # yamlio.load measures nesting and aliases before it builds anything (the loader's guards).
    try:
        root, old_data = yamlio.load(text)
        old = validate_ledger(old_data)
    except (yamlio.TooDeep, yamlio.AliasBomb, YAMLError, ValidationError, RecursionError):
        raise invalid_before() from None
    if root is None or not isinstance(old_data, dict):
        raise invalid_before()
    parsed.append((root, old_data))
    changes = build(old)
    expected_data = apply_plain(old_data, changes.ops)
    try:
        expected: Ledger | None = validate_ledger(expected_data)
    except ValidationError:
        expected = None
    for method in ("lines", "roundtrip"):
        made = _attempt(method, text, root, changes.ops, spath, today, expected)
        if made is not None:
            break
    else:
        raise _cannot(text, changes.ops, old, spath)
    new_text, encoded, result = made
    ledger = _accept(result, lambda: before().errors)
    notices = list(changes.notices)
    if method == "roundtrip":
        notices.append(("edit.roundtrip", {}))
    return Outcome(real, text, new_text, False, method, changes.message, notices, expected_data, ledger, changes.ops, bom + encoded)


def _attempt(method: str, text: str, root: Node, ops: Sequence[Op], spath: str, today: dt.date, expected: Ledger | None) -> tuple[str, bytes, CheckResult] | None:
    """The new text made by one editor, encoded (its size checked) and verified; None if it went wrong."""
    try:
        new_text = edit_lines(text, root, ops) if method == "lines" else edit_roundtrip(text, ops)
    except DropsComments:
        raise ChangeRefused("err.edit.would_drop_comments", path=spath) from None
    except Unsupported:
        return None
    encoded = new_text.encode("utf-8")
    _check_size(len(encoded))
    result = _verify(new_text, spath, today, expected)
    return None if result is None else (new_text, encoded, result)


def _cannot(text: str, ops: Sequence[Op], old: Ledger, spath: str) -> ChangeRefused:
    """Why neither editor could make the change: a task written once and used twice, or a defect."""
    root = yamlio.compose(text)  # afresh: constructing the data flattened the merges of the first tree
    shared = _shared_task(root, ops) if root is not None else None
    if shared is not None:
        return ChangeRefused("err.edit.merged_task", id=old.tasks[shared].id, path=spath)
    return ChangeRefused("err.edit.unsafe", path=spath)


def _shared_task(root: Node, ops: Sequence[Op]) -> int | None:
    """The task a change reaches through a node used in two places (an anchor with its aliases, a ``<<:`` merge)."""
    from ruamel.yaml.nodes import MappingNode

    shared = _shared_nodes(root)
    for op in ops:
        at = op.at
        if len(at) < 2 or at[0] != "tasks" or not isinstance(at[1], int):
            continue
        for depth in range(2, len(at) + 1):
            node = yamlio.node_at(root, at[:depth])
            if node is None:
                break
            merges = isinstance(node, MappingNode) and any(getattr(k, "tag", None) == "tag:yaml.org,2002:merge" for k, _ in node.value)
            if id(node) in shared or merges:
                return at[1]
    return None


def _shared_nodes(root: Node) -> set[int]:
    from ruamel.yaml.nodes import MappingNode, SequenceNode

    seen: set[int] = set()
    shared: set[int] = set()
    stack = [root]
    while stack:
        node = stack.pop()
        if id(node) in seen:
            shared.add(id(node))
            continue
        seen.add(id(node))
        if isinstance(node, MappingNode):
            stack.extend(n for pair in node.value for n in pair)
        elif isinstance(node, SequenceNode):
            stack.extend(node.value)
    return shared


# --- one task ------------------------------------------------------------------------------------


def _one_task(snap: safewrite.Snapshot, spath: str, text: str, build: Build, today: dt.date) -> Outcome | None:
    """The change of one task, without composing the whole old file; None when it does not apply.

    Needs the report cache to hold the old ledger (so it is known valid for exactly these bytes)
    and a change confined to one task's keys (update, done, report). Only that task's lines are
    read and edited (``_task_edit``), and the whole new text then goes through the same
    verification as the whole-file path. A change that names its task is built from the text alone
    (``_from_lines``); the cached ledger itself is read only when that does not apply
    (``_from_cached``), which takes over the task's edit when only the fast reader's read of the
    new text failed.
    """
    key = cache.key_for(snap.data)
    if key is None:
        return None
    edited = None
    if isinstance(build, TaskBuild) and cache.holds(key):
        made = _from_lines(snap, spath, text, build, today)
        if isinstance(made, Outcome):
            return made
        edited = made
    old = cache.get(key)
    return None if old is None else _from_cached(snap, spath, text, build, today, old, edited)


@dataclass
class _TaskEdit:
    """One task's lines edited in the file: its data before and after, and the new text and bytes."""

    task_id: str
    local: list[Op]  # the change, on the task's own mapping
    before: Any
    after: Any
    new_text: str
    new_bytes: bytes


def _from_lines(snap: safewrite.Snapshot, spath: str, text: str, build: TaskBuild, today: dt.date) -> Outcome | _TaskEdit | None:
    """The one-task change built from the head of the file (everything before ``tasks:``) and the
    task's own lines, without the old ledger; None when it does not apply, and the task's edit
    when only the fast reader's read of the new text is missing (``_from_cached`` checks it then).

    The change is built on a ledger of that head and that one task, and made to the task's lines.
    Only a new text the fast reader reads is taken: that reader declines anchors, aliases, tags and
    scalars over several lines, so what it reads of every line outside the task's is what it read
    there before the edit. The new text must then give the head read first, the task exactly as
    changed (found by its id, once) and, like every edit, a valid ledger: validated in full.
    """
    from ..loader import quick_data, validate_ledger, validate_scanned

    task_id = build.task_id
    span = _task_span(text, task_id)
    head = _TASKS_KEY.search(text, 0, span[0]) if span is not None else None
    if span is None or head is None:
        return None
    start, end = span
    alone = quick_data(text[: head.end()] + text[start:end])
    if alone is None or not isinstance(alone.get("tasks"), list) or len(alone["tasks"]) != 1:
        return None
    try:
        changes = build(validate_ledger(alone))
    except Exception:  # refused, or built otherwise on the whole ledger: the cached ledger says which
        return None
    if _one_target(changes) != 0:
        return None
    made = _task_edit(snap.data, text, span, task_id, changes.ops)
    if made is None or made.before != alone["tasks"][0]:
        return None
    data = quick_data(made.new_text)
    if data is None:
        return made
    if data.keys() != alone.keys() or any(data[k] != v for k, v in alone.items() if k != "tasks"):
        return None
    tasks = data["tasks"]
    found = [j for j, task in enumerate(tasks) if isinstance(task, dict) and task.get("id") == task_id] if isinstance(tasks, list) else []
    if len(found) != 1 or tasks[found[0]] != made.after:
        return None
    result = validate_scanned(data, made.new_text, spath, today=today)
    del data, tasks  # the plain data: the ledger is what stays
    if result.ledger is None:
        return None
    ledger = _accept(result, list)  # the old ledger was in the cache: it had no errors
    ops = [dataclasses.replace(op, at=("tasks", found[0])) for op in changes.ops]
    return Outcome(snap.path, text, made.new_text, False, "task-lines", changes.message, list(changes.notices), None, ledger, ops, made.new_bytes)


def _from_cached(
    snap: safewrite.Snapshot, spath: str, text: str, build: Build, today: dt.date, old: Ledger, edited: _TaskEdit | None
) -> Outcome | None:
    """The one-task change built on the cached ledger; the new ledger must be that one with the
    task changed. ``edited``: the same change already made to the task's lines, whose new text
    the fast reader declined (it is read by ruamel here, not offered to the fast reader again)."""
    from ..loader import validate_model
    from ..validator import core

    changes = build(old)
    i = _one_target(changes)
    if i is None:
        return None
    task_id = old.tasks[i].id
    reuse = edited is not None and edited.task_id == task_id and edited.local == _local(changes.ops)
    made = edited if reuse else _task_edit(snap.data, text, _task_span(text, task_id), task_id, changes.ops)
    if made is None:
        return None
    try:
        expected = old.model_copy(update={"tasks": [*old.tasks[:i], validate_model(Task, made.after), *old.tasks[i + 1 :]]})
    except core().ValidationError:
        return None
    result = _verify(made.new_text, spath, today, expected, quick=not reuse)
    if result is None:
        return None
    ledger = _accept(result, list)  # the old ledger came from the cache: it had no errors
    return Outcome(snap.path, text, made.new_text, False, "task-lines", changes.message, list(changes.notices), None, ledger, changes.ops, made.new_bytes)


def _one_target(changes: ChangeSet) -> int | None:
    """The index of the one task every operation of ``changes`` is on (none replacing a value
    whole), or None."""
    targets = {op.at for op in changes.ops}
    if len(targets) != 1 or any(isinstance(op, Replace) for op in changes.ops):
        return None
    (target,) = targets
    return target[1] if len(target) == 2 and target[0] == "tasks" and isinstance(target[1], int) else None


def _local(ops: Sequence[Op]) -> list[Op]:
    """``ops`` on one task, as operations on the task's own mapping."""
    return [dataclasses.replace(op, at=()) for op in ops]


def _task_edit(data: bytes, text: str, span: tuple[int, int] | None, task_id: str, ops: Sequence[Op]) -> _TaskEdit | None:
    """``ops`` (on one task) made to the task's lines at ``span`` of ``text`` (``data`` decoded):
    its data before and after, and the new text and bytes (``_rewritten``); None if not so simple."""
    if span is None:
        return None
    start, end = span
    local = _local(ops)
    made = _edit_span(text, start, end, task_id, local)
    if made is None:
        return None
    before, after, new_part = made
    new_text, new_bytes = _rewritten(data, text, start, end, new_part)
    _check_size(len(new_bytes))
    return _TaskEdit(task_id, local, before, after, new_text, new_bytes)


def _rewritten(data: bytes, text: str, start: int, end: int, new_part: str) -> tuple[str, bytes]:
    """The new text and the file's new bytes: ``text`` (``data`` decoded) with ``text[start:end]``
    (one task's lines) replaced by ``new_part``."""
    old_part = text[start:end]
    # str.replace makes one copy of the large text; the slices around the part would each be one more.
    new_text = text.replace(old_part, new_part, 1) if text.find(old_part) == start else "".join((text[:start], new_part, text[end:]))
    new_bytes = _spliced(data, old_part, new_part)
    if new_bytes is None:
        new_bytes = yamlio.split_bom(data)[0] + new_text.encode("utf-8")
    return new_text, new_bytes


def _spliced(data: bytes, old_part: str, new_part: str) -> bytes | None:
    """``data`` (the file's bytes) with the one place that holds ``old_part`` holding ``new_part``:
    the new file's bytes without encoding the whole new text again. UTF-8 bytes match only where
    their characters do, and the part holds the task's one ``- id:`` line; None when it is found
    more than once all the same (the whole new text is then encoded)."""
    old = old_part.encode("utf-8")
    at = data.find(old)
    if at < 0 or data.find(old, at + 1) >= 0:
        return None
    whole = memoryview(data)  # slices of it are not copies: the bytes are copied once, by join
    return b"".join((whole[:at], new_part.encode("utf-8"), whole[at + len(old) :]))


# The top-level key ``tasks:`` with nothing after it on its line but a comment.
_TASKS_KEY = re.compile(r"^tasks:[ \t]*(?:#[^\n]*)?\r?\n", re.M)


def _edit_span(text: str, start: int, end: int, task_id: str, local: Sequence[Op]) -> tuple[Any, Any, str] | None:
    """The task written at ``text[start:end]`` (one list item, id ``task_id``) changed by ``local``
    (operations on the task's own mapping): its data before and after, and its new lines; None if
    not so simple. The new lines must read back as exactly the data after.

    Lines the fast reader reads are read and edited on its light nodes; others are composed by ruamel.
    """
    part = text[start:end]
    style = text_style(text)
    return _edit_read(part, task_id, local, style) or _edit_composed(part, task_id, local, style)


def _edit_read(part: str, task_id: str, local: Sequence[Op], style: Style | None) -> tuple[Any, Any, str] | None:
    """``_edit_span`` on the fast reader's light nodes (``yamlio.quick``), without ruamel."""
    return _edit_item(part, task_id, local, style, _read_quickly)


def _edit_composed(part: str, task_id: str, local: Sequence[Op], style: Style | None) -> tuple[Any, Any, str] | None:
    """``_edit_span`` on the nodes ruamel composes."""
    return _edit_item(part, task_id, local, style, _read_composed)


_ITEM = "item"
# A reader of ``_edit_item``: a text's plain data and the node of its item (``_ITEM``, 0), or None.
_Reader = Callable[[str], "tuple[Any, Any] | None"]


def _edit_item(part: str, task_id: str, local: Sequence[Op], style: Style | None, read: _Reader) -> tuple[Any, Any, str] | None:
    """The task written at ``part`` (one list item, id ``task_id``) changed by ``local``, on the
    nodes ``read`` gives: the item is read as the one item of a list under a key of its own, and
    the edited lines must read back as exactly the data after. None when the reader declines it,
    the line editor cannot make the change, or the lines do not read back so."""
    head = f"{_ITEM}:{newline(part)}"
    wrapped = head + part
    try:
        got = read(wrapped)
        items = got[0].get(_ITEM) if got is not None and isinstance(got[0], dict) else None
        if got is None or not isinstance(items, list) or len(items) != 1 or not isinstance(items[0], dict) or items[0].get("id") != task_id:
            return None
        task_data = items[0]
        expected_task = apply_plain(task_data, local)
        new_wrapped = edit_lines(wrapped, got[1], local, style=style)
        back = read(new_wrapped) if new_wrapped.startswith(head) else None
    except (Unsupported, KeyError, TypeError):
        return None
    if back is None or back[0] != {_ITEM: [expected_task]}:
        return None
    return task_data, expected_task, new_wrapped[len(head) :]


def _read_quickly(text: str) -> tuple[Any, Any] | None:
    from ..loader import quick_data
    from ..yamlio import quick

    data = quick_data(text)
    return None if data is None else (data, yamlio.node_at(quick.tree(text, [(_ITEM, 0)], whole=True), (_ITEM, 0)))


def _read_composed(text: str) -> tuple[Any, Any] | None:
    from ruamel.yaml.error import YAMLError

    try:
        root = yamlio.compose(text)
    except YAMLError:
        return None
    return None if root is None else (yamlio.construct(root), yamlio.node_at(root, (_ITEM, 0)))


def _task_span(text: str, task_id: str) -> tuple[int, int] | None:
    """Where the list item ``- id: TASK_ID`` starts, and where its last content line ends."""
    if not task_id:
        return None
    quoted = re.escape(task_id)
    pattern = re.compile(rf"( *)- +id: *(?:{quoted}|'{quoted}'|\"{quoted}\") *(?:#[^\n]*)?\r?")
    # Only the lines holding the id can be its line: found by plain search, each then matched whole.
    matches = []
    pos = text.find(task_id)
    while pos != -1:
        line_end = text.find("\n", pos)
        line_end = len(text) if line_end == -1 else line_end
        match = pattern.fullmatch(text, text.rfind("\n", 0, pos) + 1, line_end)
        if match is not None:
            matches.append(match)
        pos = text.find(task_id, line_end + 1)
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


__all__ = [
    "Append",
    "Build",
    "ChangeSet",
    "DropKey",
    "NewTask",
    "Outcome",
    "Replace",
    "Scalar",
    "SetKey",
    "add_task_changes",
    "add_unit_changes",
    "apply_plain",
    "change",
    "check_text",
    "done_changes",
    "edit_lines",
    "edit_roundtrip",
    "emit_scalar",
    "fresh_id",
    "lost_marks",
    "normalize_period",
    "parse_status",
    "rename_unit_changes",
    "report_changes",
    "resolve_unit",
    "split_document",
    "unified_diff",
    "update_changes",
]
