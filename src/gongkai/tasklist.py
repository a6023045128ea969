"""``gongkai list``'s answer: the tasks a filter selects, sorted, cut to a limit and grouped."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from .errors import UsageError
from .models import Ledger, Status
from .names import Directory, suggest
from .queries import Light, TaskState, task_due

_LIGHT_RANK = {Light.NONE: 0, Light.GREEN: 1, Light.YELLOW: 2, Light.RED: 3}
_STATUS_RANK = {s: i for i, s in enumerate(Status)}
_NATURAL = re.compile(r"(\d+)")


def natural_key(text: str) -> tuple[tuple[int, int | str], ...]:
    """``2-10`` after ``2-9``: digits compare as numbers."""
    return tuple((0, int(part)) if part.isdigit() else (1, part) for part in _NATURAL.split(text) if part)


SortValue = Callable[[TaskState, Ledger], object]


SORT_KEYS: dict[str, SortValue] = {
    "id": lambda st, _l: natural_key(st.task.id),
    "number": lambda st, _l: natural_key(st.task.number),
    "title": lambda st, _l: st.task.title,
    "section": lambda st, led: _section_rank(led).get(st.task.section, len(led.sections)),
    "lead": lambda st, _l: st.task.lead[0] if st.task.lead else None,
    "due": task_due,
    "light": lambda st, _l: _LIGHT_RANK[st.light],
    "status": lambda st, _l: _STATUS_RANK[st.task.status],
    "last_report": lambda st, _l: st.last_report,
    "completed": lambda st, _l: st.task.completed,
}

_RANKS: dict[int, tuple[Ledger, dict[str, int]]] = {}


def _section_rank(ledger: Ledger) -> dict[str, int]:
    # The ledger is kept beside its ranks, so its id cannot be reused while the entry lives.
    entry = _RANKS.get(id(ledger))
    if entry is None or entry[0] is not ledger:
        if len(_RANKS) > 64:  # several ledgers are sorted together in a workspace
            _RANKS.clear()
        entry = _RANKS[id(ledger)] = (ledger, {s.number: i for i, s in enumerate(ledger.sections)})
    rank = entry[1]
    return rank


def parse_sort(spec: str | None) -> list[tuple[str, bool]]:
    """``due,-light,id`` -> [("due", False), ("light", True), ("id", False)]; True means descending."""
    out: list[tuple[str, bool]] = []
    for part in (spec or "").split(","):
        part = part.strip()
        if not part:
            continue
        desc = part.startswith("-")
        name = part.lstrip("+-")
        if name not in SORT_KEYS:
            raise UsageError("filter.err.sort_key", name=name, allowed=", ".join(SORT_KEYS), hint=suggest(name, list(SORT_KEYS)))
        out.append((name, desc))
    return out


def sort_states(states: list[TaskState], keys: Sequence[tuple[str, bool]], ledger: Ledger) -> list[TaskState]:
    """Stable multi-key sort; a task without a value for a key goes last in either direction."""
    return [st for _, st in sort_pairs([(ledger, st) for st in states], keys)]


def sort_pairs(pairs: Sequence[tuple[Ledger, TaskState]], keys: Sequence[tuple[str, bool]]) -> list[tuple[Ledger, TaskState]]:
    """``sort_states`` for tasks of several ledgers, each beside its own."""
    items = list(pairs)
    for name, desc in reversed(keys):
        value = SORT_KEYS[name]
        keyed = [(value(st, ledger), (ledger, st)) for ledger, st in items]
        present = [pair for pair in keyed if pair[0] is not None]
        present.sort(key=lambda pair: pair[0], reverse=desc)  # type: ignore[arg-type,return-value]
        items = [item for _, item in present] + [item for v, item in keyed if v is None]
    return items


GROUP_BY = ("unit", "section", "light", "status")


def group_states(states: Sequence[TaskState], by: str, ledger: Ledger) -> list[tuple[str, list[TaskState]]]:
    """Groups in a meaningful order: units as registered, sections as in the plan, lights red first.

    By unit, a task is listed under each of its lead units (canonical names; a group stays a group).
    """
    groups: dict[str, list[TaskState]] = {}
    if by == "unit":
        d = Directory(ledger)
        for st in states:
            for name in dict.fromkeys(d.canonical(n) or n for n in st.task.lead):
                groups.setdefault(name, []).append(st)
        order = {name: i for i, name in enumerate([*d.units, *d.groups])}
        keys = sorted(groups, key=lambda k: (order.get(k, len(order)), k))
    elif by == "section":
        for st in states:
            groups.setdefault(st.task.section, []).append(st)
        rank = _section_rank(ledger)
        keys = sorted(groups, key=lambda k: (rank.get(k, len(rank)), k))
    elif by == "light":
        for st in states:
            groups.setdefault(st.light.value, []).append(st)
        keys = sorted(groups, key=lambda k: -_LIGHT_RANK[Light(k)])
    else:
        for st in states:
            groups.setdefault(st.task.status.value, []).append(st)
        keys = sorted(groups, key=lambda k: _STATUS_RANK[Status(k)])
    return [(k, groups[k]) for k in keys]


@dataclass(frozen=True)
class TaskList:
    """The answer to ``gongkai list``: what matched, what is shown, and how it is grouped."""

    as_of: dt.date
    words: tuple[str, ...]
    total: int
    shown: list[TaskState]
    group_by: str | None = None
    groups: list[tuple[str, list[TaskState]]] | None = None


def list_tasks(
    ledger: Ledger,
    as_of: dt.date,
    words: Sequence[str] = (),
    *,
    sort: str | None = None,
    limit: int = 0,
    group_by: str | None = None,
) -> TaskList:
    """Select by ``words``, sort by ``sort`` (ledger order otherwise), keep the first ``limit``, group."""
    from .queries import states

    keys = parse_sort(sort)
    pred = None
    if words:
        from .filters import compile_filter

        pred = compile_filter(words, ledger, as_of)
    matched = [st for st in states(ledger, as_of) if pred is None or pred(st)]
    matched = sort_states(matched, keys, ledger)
    shown = matched[:limit] if limit > 0 else matched
    groups = group_states(shown, group_by, ledger) if group_by is not None else None
    return TaskList(as_of, tuple(words), len(matched), shown, group_by, groups)
