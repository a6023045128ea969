"""The resolved rows of a 台账, built once from the queries and shared by every format.

A :class:`Sheet` is what every exporter writes: a title, the eight column headers, and
blocks of rows. For the whole ledger a block is a section of the plan; for one unit's
list (``--by-unit``) the blocks are what it leads, what it supports by name, and what
reaches it through a group. Every label comes from the i18n catalog.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from functools import cached_property

from ..i18n import Lang, join, t
from ..models import Ledger, Task, UnitKind, effective_due
from ..names import NamesThen, names_then
from ..queries import Light, Obligation, Progress, Reason, TaskState, UnitView, states, units_table
from ..render.labels import names, unit_name

COLUMNS = ("seq", "task", "text", "lead", "cooperate", "due", "progress", "status")


@dataclass(frozen=True)
class Row:
    seq: int
    state: TaskState
    section: str
    task: str  # the plan's number and the title, e.g. 二（一）1 推进决策和监管信息公开
    text: str
    lead: str
    cooperate: str
    due: str
    progress: str  # one line per progress report or period
    status: str  # status and what it means today, e.g. 推进中（逾期）
    role: str | None = None  # in a unit's list: how the task reaches the unit
    contacts: str = ""  # the task's people: 牵头领导：张三 0591-1234；联系人：李四

    @property
    def light(self) -> Light:
        return self.state.light

    def cells(self) -> list[str | int]:
        """The eight columns, in order."""
        return [self.seq, self.task, self.text, self.lead, self.cooperate, self.due, self.progress, self.status]


@dataclass(frozen=True)
class Block:
    key: str  # section number, or the role ("lead", "cooperate", "via_group", "maybe")
    heading: str
    rows: list[Row]


@dataclass(frozen=True)
class UnitCount:
    name: str
    kind: str
    leads: int
    supports: int
    via_group: int
    overdue: int
    report_missing: int
    lead_progress: Progress
    label: str  # the name as of the sheet's day, with today's beside it if renamed since


@dataclass
class Sheet:
    ledger: Ledger
    as_of: dt.date
    lang: Lang
    title: str
    subtitle: str
    headers: list[str]
    blocks: list[Block]
    unit: str | None = None  # set for one unit's list
    # A last column of contacts, when some task of the ledger names people: a ledger without
    # them keeps the columns it always had.
    contacts: bool = False

    def values(self, row: Row) -> list[str | int]:
        """A row's cells under ``headers``: the eight columns, the role in a unit's list, the contacts."""
        out = row.cells()
        if self.unit is not None:
            out.append(row.role or "")
        if self.contacts:
            out.append(row.contacts)
        return out

    @property
    def rows(self) -> list[Row]:
        return [r for b in self.blocks for r in b.rows]

    @property
    def states(self) -> list[TaskState]:
        """Every row's state, computed once when the sheet was built."""
        return [r.state for r in self.rows]

    @cached_property
    def views(self) -> list[UnitView]:
        """One view per registered unit, from the states already computed."""
        return units_table(self.ledger, self.as_of, self.states) if self.unit is None else []

    @cached_property
    def units(self) -> list[UnitCount]:
        """Counts per registered unit (the 各单位统计 sheet); computed only by the formats that show them."""
        return unit_counts(self.views, self.lang)


def headers(lang: Lang) -> list[str]:
    return [t(f"export.col.{c}", lang) for c in COLUMNS]


def has_contacts(ledger: Ledger) -> bool:
    return any(task.contacts for task in ledger.tasks)


def contacts_text(task: Task, lang: Lang) -> str:
    """Each person as ``role：name phone``, as ``gongkai show`` lists them."""
    return t("export.contacts.sep", lang).join(
        t("export.contact", lang, role=c.role, who=" ".join(x for x in (c.name, c.phone) if x) or "—") for c in task.contacts
    )


def due_text(task: Task, st: TaskState, ledger: Ledger, lang: Lang) -> str:
    if task.repeat is not None:
        dates = join([o.due.isoformat() for o in st.obligations if o.due is not None], lang)
        return t("export.due.recurring", lang, cycle=t("cycle." + task.repeat.value, lang), dates=dates)
    if task.ongoing:
        return t("due.ongoing", lang)
    due = effective_due(task, ledger.plan)
    assert due is not None
    if task.due_text:
        return t("export.due.with_text", lang, date=due.isoformat(), text=task.due_text)
    return due.isoformat()


def _period_line(ob: Obligation, as_of: dt.date, lang: Lang) -> str:
    if ob.fulfilled_on is not None:
        note = next((r.note for r in ob.task.reports if r.period == ob.period and r.note), None)
        if note:
            return t("export.progress.reported_note", lang, period=ob.period, date=ob.fulfilled_on.isoformat(), note=note)
        return t("export.progress.reported", lang, period=ob.period, date=ob.fulfilled_on.isoformat())
    if ob.due is not None and ob.due < as_of:
        return t("export.progress.missing", lang, period=ob.period)
    return t("export.progress.pending", lang, period=ob.period)


def progress_text(st: TaskState, as_of: dt.date, lang: Lang, then: NamesThen | None = None) -> str:
    lines = []
    for u in st.task.updates:
        parts = [t("status." + u.status.value, lang)] if u.status is not None else []
        if u.note:
            parts.append(u.note)
        what = t("export.sep", lang).join(parts)
        lines.append(t("export.progress.update", lang, date=u.date.isoformat(), by=unit_name(u.by, then, lang), note=what))
    if st.task.repeat is not None:
        lines += [_period_line(ob, as_of, lang) for ob in st.obligations]
    return "\n".join(lines)


def status_text(st: TaskState, lang: Lang) -> str:
    status = t("status." + st.task.status.value, lang)
    if st.reason in (Reason.DONE, Reason.CANCELLED):
        return status
    return t("export.status_with_reason", lang, status=status, reason=t("reason." + st.reason.value, lang))


def task_label(task: Task, lang: Lang) -> str:
    """The plan's number and the title; a clause of a numbered item says which one it is."""
    label = f"{task.number} {task.title}"
    return label + t("export.clause", lang, n=task.clause) if task.clause is not None else label


def row(seq: int, st: TaskState, ledger: Ledger, as_of: dt.date, lang: Lang, role: str | None = None, then: NamesThen | None = None) -> Row:
    """``then``: the names of units renamed since ``as_of``, which the row gives as they were."""
    task = st.task
    return Row(
        seq=seq,
        state=st,
        section=task.section,
        task=task_label(task, lang),
        text=task.text,
        lead=names(task.lead, task.lead_open, lang, then),
        cooperate=names(task.cooperate, task.cooperate_open, lang, then),
        due=due_text(task, st, ledger, lang),
        progress=progress_text(st, as_of, lang, then),
        status=status_text(st, lang),
        role=role,
        contacts=contacts_text(task, lang),
    )


def section_heading(ledger: Ledger, number: str) -> str:
    title = next((s.title for s in ledger.sections if s.number == number), "")
    return f"{number} {title}".strip()


def unit_counts(views: list[UnitView], lang: Lang) -> list[UnitCount]:
    out = []
    for v in views:
        live = [s for s in v.leads if s.reason is not Reason.CANCELLED]
        done = sum(1 for s in live if s.reason is Reason.DONE)
        label = unit_name(v.name, v.names, lang)
        progress = Progress(v.name, v.name, len(live), done)
        counts = (len(v.leads), len(v.supports), len(v.via_group), v.overdue_count(), v.missing_count())
        out.append(UnitCount(v.name, v.kind, *counts, progress, label))
    return out


def _title(ledger: Ledger, lang: Lang) -> str:
    return t("export.title", lang, title=ledger.plan.title)


def subtitle(ledger: Ledger, as_of: dt.date, lang: Lang) -> str:
    as_of_text = t("report.as_of", lang, date=as_of.isoformat())
    if ledger.plan.doc_number:
        return t("export.subtitle", lang, doc=ledger.plan.doc_number, as_of=as_of_text)
    return as_of_text


def ledger_sheet(ledger: Ledger, as_of: dt.date, lang: Lang) -> Sheet:
    """The whole ledger: one block per section, in the plan's order, numbered 1..n."""
    by_section: dict[str, list[TaskState]] = {}
    for st in states(ledger, as_of):
        by_section.setdefault(st.task.section, []).append(st)
    order = {s.number: i for i, s in enumerate(ledger.sections)}
    then = names_then(ledger, as_of)
    blocks = []
    seq = 0
    for sec in sorted(by_section, key=lambda sec: order.get(sec, len(order))):
        rows = []
        for st in by_section[sec]:
            seq += 1
            rows.append(row(seq, st, ledger, as_of, lang, then=then))
        blocks.append(Block(sec, section_heading(ledger, sec), rows))
    contacts = has_contacts(ledger)
    heads = [*headers(lang), t("export.col.contacts", lang)] if contacts else headers(lang)
    return Sheet(ledger, as_of, lang, _title(ledger, lang), subtitle(ledger, as_of, lang), heads, blocks, contacts=contacts)


def _role(key: str, lang: Lang, group: str | None = None, role: str | None = None) -> str:
    if key == "via_group":
        return t("export.role.via", lang, group=group, role=t("role." + (role or "cooperate"), lang))
    if key == "maybe":
        return t("export.role.maybe", lang, group=group, role=t("role." + (role or "cooperate"), lang))
    return t("role." + key, lang)


def unit_sheet(ledger: Ledger, view: UnitView, as_of: dt.date, lang: Lang) -> Sheet:
    """One unit's list: what it leads, supports by name, and what reaches it through a group."""
    blocks = []
    seq = 0

    def numbered(items: list[tuple[TaskState, str]]) -> list[Row]:
        nonlocal seq
        out = []
        for st, role in items:
            seq += 1
            out.append(row(seq, st, ledger, as_of, lang, role, view.names))
        return out

    blocks.append(Block("lead", t("unit.leads", lang, n=len(view.leads)), numbered([(s, _role("lead", lang)) for s in view.leads])))
    blocks.append(Block("cooperate", t("unit.supports", lang, n=len(view.supports)), numbered([(s, _role("cooperate", lang)) for s in view.supports])))
    blocks.append(
        Block("via_group", t("unit.via_group", lang, n=len(view.via_group)), numbered([(v.state, _role("via_group", lang, v.group, v.role)) for v in view.via_group]))
    )
    if view.supervises:
        blocks.append(Block("supervise", t("unit.supervises", lang, n=len(view.supervises)), numbered([(s, _role("supervise", lang)) for s in view.supervises])))
    if view.maybe:
        blocks.append(Block("maybe", t("export.maybe", lang, n=len(view.maybe)), numbered([(v.state, _role("maybe", lang, v.group, v.role)) for v in view.maybe])))
    return Sheet(
        ledger,
        as_of,
        lang,
        t("unit.title", lang, name=unit_name(view.name, view.names, lang)),
        subtitle(ledger, as_of, lang),
        [*headers(lang), t("export.col.role", lang), *([t("export.col.contacts", lang)] if has_contacts(ledger) else [])],
        blocks,
        unit=view.name,
        contacts=has_contacts(ledger),
    )


def _reaches(view: UnitView) -> bool:
    return bool(view.leads or view.supports or view.via_group or view.maybe or view.supervises)


def sheets_by_unit(ledger: Ledger, as_of: dt.date, lang: Lang) -> tuple[list[Sheet], list[str]]:
    """One list per registered unit, from one computation of the task states.

    An external unit (a body outside the government) that no task reaches gets no list; its
    name comes back in the second list so that the caller can say so.
    """
    whole = ledger_sheet(ledger, as_of, lang)
    sheets, skipped = [], []
    for view in whole.views:
        if not _reaches(view) and view.kind == UnitKind.EXTERNAL.value:
            skipped.append(view.name)
            continue
        sheets.append(unit_sheet(ledger, view, as_of, lang))
    return sheets, skipped


__all__ = ["COLUMNS", "Block", "Row", "Sheet", "UnitCount", "ledger_sheet", "sheets_by_unit", "unit_sheet"]
