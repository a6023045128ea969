"""The commands' change sets: what update, done, report, add and rename-unit do to a ledger.

Each builder checks its input and returns a function from the current ledger to a
``ChangeSet``; the pipeline calls it with the ledger as read under the lock.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from ..errors import UsageError
from ..i18n import Listing, Term, t
from ..models import Ledger, Status, Task, UnitKind
from ..names import Directory
from ..periods import parse_period, period_bounds, period_key, task_periods
from .ops import LEDGER_ORDER, REPORT_ORDER, TASK_ORDER, UNIT_ORDER, Append, ChangeSet, DataPath, DropKey, Op, Replace, SetKey, Value

Build = Callable[[Ledger], ChangeSet]


@dataclass(frozen=True)
class TaskBuild:
    """A change to the one task ``task_id`` names (update, done, report): knowing which, an edit
    can read that task's lines without reading the ledger first."""

    task_id: str
    make: Build

    def __call__(self, ledger: Ledger) -> ChangeSet:
        return self.make(ledger)


def check_text(option: str, value: str | None) -> None:
    """Refuse what the ledger must not hold: bytes that were not UTF-8, control characters but tab and newline."""
    if not value:
        return
    for ch in value:
        if "\ud800" <= ch <= "\udfff":  # undecodable bytes of the command line (surrogateescape)
            raise UsageError("err.edit.bad_utf8", option=option)
        if ch not in "\t\n" and unicodedata.category(ch) == "Cc":
            raise UsageError("err.edit.control_char", option=option, char=f"U+{ord(ch):04X}")


def check_texts(option: str, values: Sequence[str] | None) -> None:
    for value in values or ():
        check_text(option, value)


def _check_entry(note: str | None, evidence: Sequence[str], by: str | None) -> None:
    check_text("--note", note)
    check_texts("--evidence", evidence)
    check_text("--by", by)


def parse_status(value: str) -> Status:
    aliases = {"未启动": "not_started", "推进中": "in_progress", "已完成": "done", "办结": "done", "已取消": "cancelled"}
    raw = aliases.get(value.strip(), value.strip().lower().replace("-", "_"))
    try:
        return Status(raw)
    except ValueError:
        raise UsageError("err.edit.bad_status", value=value) from None


def _task_index(ledger: Ledger, task_id: str) -> int:
    """The task ``task_id`` names: its id, or the plan's own number of an item with one clause."""
    for i, task in enumerate(ledger.tasks):
        if task.id == task_id:
            return i
    from ..names import suggest
    from ..queries import tasks_numbered

    clauses = tasks_numbered(ledger, task_id)
    if len(clauses) == 1:
        return ledger.tasks.index(clauses[0])
    if clauses:
        ids = Listing(tuple(task.id for task in clauses))
        raise UsageError("err.edit.several_clauses", number=clauses[0].number, count=len(clauses), ids=ids)
    raise UsageError("err.unknown_task", id=task_id, hint=suggest(task_id, [t.id for t in ledger.tasks]))


def resolve_unit(ledger: Ledger, name: str) -> str:
    """The registered unit ``name`` stands for (alias resolved); groups are not units."""
    return Directory(ledger).unit(name)


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


def update_changes(
    task_id: str,
    *,
    status: Status | None,
    note: str | None,
    evidence: Sequence[str],
    by: str | None,
    date: dt.date,
) -> Build:
    """A progress entry. A note on a task not yet started moves it to in progress unless
    ``status`` says otherwise; ``status`` done closes the task as ``done`` does."""
    _check_entry(note, evidence, by)

    def build(ledger: Ledger) -> ChangeSet:
        i = _task_index(ledger, task_id)
        if status is Status.DONE:
            return _close(ledger, i, note=note, evidence=evidence, by=by, date=date)
        task = ledger.tasks[i]
        if status is None and not note and not evidence:
            raise UsageError("err.edit.nothing")
        if status is None and note and task.status is Status.NOT_STARTED:
            changes = _record(ledger, i, Status.IN_PROGRESS, note=note, evidence=evidence, by=by, date=date)
            changes.notices.append(("edit.started", {"id": task.id}))
            return changes
        return _record(ledger, i, status, note=note, evidence=evidence, by=by, date=date)

    return TaskBuild(task_id, build)


def _record(
    ledger: Ledger, i: int, status: Status | None, *, note: str | None, evidence: Sequence[str], by: str | None, date: dt.date
) -> ChangeSet:
    task = ledger.tasks[i]
    reporter = _reporter(ledger, task, by)
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
    return ChangeSet(ops, (key, {"id": task.id, "date": date, "by": reporter, "old": old_label, "new": new_label}))


def done_changes(task_id: str, *, note: str | None, evidence: Sequence[str], by: str | None, date: dt.date) -> Build:
    _check_entry(note, evidence, by)

    def build(ledger: Ledger) -> ChangeSet:
        return _close(ledger, _task_index(ledger, task_id), note=note, evidence=evidence, by=by, date=date)

    return TaskBuild(task_id, build)


def _close(ledger: Ledger, i: int, *, note: str | None, evidence: Sequence[str], by: str | None, date: dt.date) -> ChangeSet:
    """办结: status done with its completion date, and a warning when there is no evidence at all."""
    task = ledger.tasks[i]
    if task.status is Status.DONE:
        raise UsageError("err.edit.already_done", id=task.id, date=task.completed or "—")
    changes = _record(ledger, i, Status.DONE, note=note, evidence=evidence, by=by, date=date)
    changes.message = ("edit.done", {"id": task.id, "date": date})
    has_evidence = bool(evidence) or any(u.evidence for u in task.updates) or any(r.evidence for r in task.reports)
    if not has_evidence:
        changes.notices.append(("warn.edit.no_evidence", {"id": task.id}))
    return changes


def normalize_period(value: str) -> str:
    return parse_period(value).key


def report_changes(
    task_id: str,
    *,
    period: str | None,
    note: str | None,
    evidence: Sequence[str],
    by: str | None,
    date: dt.date,
    amend: bool = False,
) -> Build:
    _check_entry(note, evidence, by)
    check_text("--period", period)

    def build(ledger: Ledger) -> ChangeSet:
        i = _task_index(ledger, task_id)
        task = ledger.tasks[i]
        if task.repeat is None:
            raise UsageError("err.edit.not_recurring", id=task.id)
        notices: list[tuple[str, dict[str, Any]]] = []
        if period:
            key = normalize_period(period)
        else:
            key = period_reported(task, ledger, date)
            notices.append(("edit.period_chosen", {"id": task.id, "period": key, "date": date}))
        if _long_after(key, date):
            notices.append(("warn.edit.report_long_after", {"id": task.id, "period": key, "date": date}))
        reporter = _reporter(ledger, task, by)
        entry: dict[str, Value] = {"period": key, "date": date, "by": reporter, "note": note or None, "evidence": list(evidence)}
        earlier = [j for j, r in enumerate(task.reports) if r.period == key]
        if earlier and not amend:
            raise UsageError("err.edit.already_reported", id=task.id, period=key, date=task.reports[earlier[0]].date)
        if not earlier and amend:
            raise UsageError("err.edit.nothing_to_amend", id=task.id, period=key)
        if earlier:
            ops = _amend_ops(i, task, earlier[0], entry)
            message = ("edit.report_amended", {"id": task.id, "period": key, "date": date, "by": reporter})
        else:
            ops = [Append(("tasks", i), "reports", entry, TASK_ORDER)]
            message = ("edit.reported", {"id": task.id, "period": key, "date": date, "by": reporter})
        return ChangeSet(ops, message, notices)

    return TaskBuild(task_id, build)


def period_reported(task: Task, ledger: Ledger, date: dt.date) -> str:
    """The period a report dated ``date`` is for: the latest period ended by then and not yet
    reported, else the period that holds the date."""
    assert task.repeat is not None
    reported = {r.period for r in task.reports}
    missing = [
        key
        for key in task_periods(task, ledger.plan)
        if key not in reported and (bounds := period_bounds(key)) is not None and bounds[2] < date
    ]
    return missing[-1] if missing else period_key(task.repeat, date)


def _long_after(key: str, date: dt.date) -> bool:
    """Whether ``date`` falls after the period that follows ``key`` (2018Q4 reported after 2019-03-31)."""
    bounds = period_bounds(key)
    if bounds is None:
        return False
    cycle, _, end = bounds
    following = period_bounds(period_key(cycle, end + dt.timedelta(days=1)))
    return following is not None and date > following[2]


def _amend_ops(i: int, task: Task, j: int, entry: dict[str, Value]) -> list[Op]:
    """Replace report ``j`` by ``entry`` and keep the replaced report as a progress entry."""
    old = task.reports[j]
    at: DataPath = ("tasks", i, "reports", j)
    ops: list[Op] = [Replace((*at, "date"), entry["date"]), Replace((*at, "by"), entry["by"])]  # type: ignore[arg-type]
    note = entry["note"]
    if isinstance(note, str):
        ops.append(Replace((*at, "note"), note) if old.note is not None else SetKey(at, "note", note, REPORT_ORDER))
    elif old.note is not None:
        ops.append(DropKey(at, "note"))
    urls: list[str] = list(entry["evidence"] or [])  # type: ignore[arg-type]
    if len(urls) >= len(old.evidence):
        ops += [Replace((*at, "evidence", k), url) for k, url in enumerate(urls[: len(old.evidence)])]
        urls = urls[len(old.evidence) :]
    else:
        ops.append(DropKey(at, "evidence"))
    ops += [Append(at, "evidence", url, REPORT_ORDER) for url in urls]
    kept = t("edit.amended_note", "zh", period=old.period, date=entry["date"], note=old.note or "—")
    record: dict[str, Value] = {"date": old.date, "by": old.by, "note": kept, "evidence": list(old.evidence)}
    ops.append(Append(("tasks", i), "updates", record, TASK_ORDER))
    return ops


def add_unit_changes(name: str, kind: UnitKind, *, option: str = "--unit") -> Build:
    """``option`` names where the name came from, in messages."""
    check_text(option, name)

    def build(ledger: Ledger) -> ChangeSet:
        name_ = name.strip()
        if not name_:
            raise UsageError("err.edit.add_needs", missing=option)
        if Directory(ledger).canonical(name_) is not None:
            raise UsageError("err.edit.name_taken", name=name_)
        item: dict[str, Value] = {"name": name_, "kind": kind.value}
        return ChangeSet([Append((), "units", item, LEDGER_ORDER)], ("edit.added_unit", {"name": name_}))

    return build


@dataclass
class NewTask:
    """What `add` was given for a new task. Number, title, text and lead are required; the section
    is found from the number, the id made, when not given."""

    number: str | None = None
    title: str | None = None
    text: str | None = None
    section: str | None = None
    lead: Sequence[str] = ()
    cooperate: Sequence[str] = ()
    due: dt.date | None = None
    task_id: str | None = None


def add_task_changes(new: NewTask) -> Build:
    for option, value in (("--number", new.number), ("--title", new.title), ("--text", new.text), ("--section", new.section), ("--id", new.task_id)):
        check_text(option, value)
    check_texts("--lead", new.lead)
    check_texts("--cooperate", new.cooperate)

    def build(ledger: Ledger) -> ChangeSet:
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
        return ChangeSet(ops, ("edit.added_task", {"id": task_id}))

    return build


def _section_of(ledger: Ledger, number: str) -> str | None:
    """The section whose number begins the item's number (二（一）4 is in 二（一）), the longest such."""
    found = [s.number for s in ledger.sections if number.startswith(s.number) and number != s.number]
    return max(found, key=len) if found else None


def _known_name(d: Directory, name: str) -> None:
    from ..names import suggest

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


def rename_unit_changes(old: str, new: str, date: dt.date) -> Build:
    """``old`` becomes ``new`` everywhere from ``date`` on: the old name stays as an alias and the
    rename is recorded on the unit, so reports as of an earlier day show the old name."""
    check_text("NEW", new)

    def build(ledger: Ledger) -> ChangeSet:
        from ..names import suggest

        d = Directory(ledger)
        if old not in d.units:
            raise UsageError("err.edit.not_a_unit", name=old, hint=suggest(old, list(d.units)))
        new_ = new.strip()
        if not new_ or d.canonical(new_) is not None:
            raise UsageError("err.edit.name_taken", name=new)
        plan = ledger.plan
        if not plan.issued <= date <= plan.period.end:
            raise UsageError("err.edit.rename_outside", date=date, issued=plan.issued, end=plan.period.end)
        ops: list[Op] = []
        places: list[DataPath] = []
        for i, unit in enumerate(ledger.units):
            if unit.name == old:
                last = max((r.date for r in unit.renamed), default=None)
                if last is not None and date < last:
                    raise UsageError("err.edit.rename_before_last", name=old, date=date, last=last)
                places.append(("units", i, "name"))
                if old not in unit.aliases:
                    ops.append(Append(("units", i), "aliases", old, UNIT_ORDER))
                ops.append(Append(("units", i), "renamed", {"old": old, "date": date}, UNIT_ORDER))
        places += [("plan", "copied_to", j) for j, n in enumerate(ledger.plan.copied_to) if n == old]
        for i, group in enumerate(ledger.groups):
            places += [("groups", i, "members", j) for j, n in enumerate(group.members) if n == old]
        for i, task in enumerate(ledger.tasks):
            for role in ("lead", "cooperate", "supervise"):
                places += [("tasks", i, role, j) for j, n in enumerate(getattr(task, role)) if n == old]
            for kind in ("updates", "reports"):
                places += [("tasks", i, kind, j, "by") for j, entry in enumerate(getattr(task, kind)) if entry.by == old]
        ops = [Replace(p, new_) for p in places] + ops
        return ChangeSet(ops, ("edit.renamed", {"old": old, "new": new_, "count": len(places), "date": date}))

    return build
