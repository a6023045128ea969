"""The operations a change is made of, the change set, and applying operations to plain data."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from ..models import Ledger, PeriodReport, Task, Unit, Update, field_names

Scalar = str | int | bool | dt.date
Value = Scalar | list[Any] | dict[str, Any] | None
DataPath = tuple[str | int, ...]

TASK_ORDER = field_names(Task)
UNIT_ORDER = field_names(Unit)
UPDATE_ORDER = field_names(Update)
REPORT_ORDER = field_names(PeriodReport)
LEDGER_ORDER = field_names(Ledger)


@dataclass(frozen=True)
class SetKey:
    """``mapping[key] = value`` (a scalar); an absent key is inserted in model order."""

    at: DataPath
    key: str
    value: Scalar
    order: tuple[str, ...]


@dataclass(frozen=True)
class DropKey:
    """Remove ``key`` from ``mapping``."""

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
class ChangeSet:
    """What a command wants to do: the operations and what to tell the user afterwards."""

    ops: list[Op]
    message: tuple[str, dict[str, Any]]
    notices: list[tuple[str, dict[str, Any]]] = field(default_factory=list)


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
