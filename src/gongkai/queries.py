"""Questions the supervising office asks, answered from a Ledger and a date.

Everything here is pure: it takes ``as_of`` and returns plain results that reporters
turn into text, JSON or files. Every answer is about the ledger as it stood at the end of
``as_of`` (``history.task_as_of``): a ``TaskState``'s ``task`` is that past task, so a reporter
that reads ``st.task`` never sees a status, completion, progress entry or report dated later.
"""

from __future__ import annotations

import datetime as dt
import enum
import unicodedata
from collections.abc import Iterator
from collections.abc import Set as AbstractSet
from dataclasses import dataclass, field

from .history import task_as_of
from .models import CLOSED, Covers, Cycle, Ledger, PlanMeta, Status, Task, Unit, UnitKind, effective_due, is_closed, last_report_date
from .names import Directory, NamesThen, name_on, names_then
from .periods import add_cycle, period_bounds, task_periods


class Light(str, enum.Enum):
    RED = "red"
    YELLOW = "yellow"
    GREEN = "green"
    NONE = "none"  # cancelled


class Reason(str, enum.Enum):
    OVERDUE = "overdue"
    DUE_SOON = "due_soon"
    REPORT_MISSING = "report_missing"
    REPORTED_LATE = "reported_late"  # the last period that fell due was reported after its deadline
    ON_TRACK = "on_track"
    DONE = "done"
    CANCELLED = "cancelled"


_LIGHT_OF = {
    Reason.OVERDUE: Light.RED,
    Reason.DUE_SOON: Light.YELLOW,
    Reason.REPORT_MISSING: Light.YELLOW,
    Reason.REPORTED_LATE: Light.YELLOW,
    Reason.ON_TRACK: Light.GREEN,
    Reason.DONE: Light.GREEN,
    Reason.CANCELLED: Light.NONE,
}


@dataclass(slots=True)  # not frozen: made for every task, and a frozen one costs four times as much to make
class Obligation:
    """One thing due: a one-off task's deadline, or one period of a recurring duty."""

    task: Task
    period: str | None
    due: dt.date | None  # None for an ongoing duty
    fulfilled: bool
    fulfilled_on: dt.date | None = None

    def days_late(self, as_of: dt.date) -> int:
        return (as_of - self.due).days if self.due is not None else 0

    @property
    def days_after_due(self) -> int | None:
        """Days from the deadline to the fulfilment: positive late, negative early, None if open."""
        if self.due is None or self.fulfilled_on is None:
            return None
        return (self.fulfilled_on - self.due).days

    @property
    def late(self) -> bool:
        """Fulfilled after its deadline: a period reported late (迟报), or a task closed late."""
        days = self.days_after_due
        return days is not None and days > 0


@dataclass(slots=True)  # not frozen: made for every task, and a frozen one costs four times as much to make
class TaskState:
    """A task as it stood on a day: its reason and light, obligations, next deadline and reports."""

    task: Task  # as it stood at the end of as_of
    reason: Reason
    obligations: tuple[Obligation, ...]
    next_due: dt.date | None  # the earliest unfulfilled deadline
    last_report: dt.date | None
    report_missing: bool
    as_of: dt.date | None = None  # the day the state is for

    @property
    def light(self) -> Light:
        return _LIGHT_OF[self.reason]

    @property
    def late(self) -> tuple[Obligation, ...]:
        """Obligations fulfilled after their deadline, oldest first."""
        return tuple(o for o in self.obligations if o.late)

    @property
    def late_reports(self) -> tuple[Obligation, ...]:
        """Periods of a recurring duty reported after their deadline (迟报)."""
        return tuple(o for o in self.obligations if o.late and o.period is not None)


# The periods of a recurring duty and the deadline of each: the same for every duty of one cycle
# in one plan period, and asked for by every task of every report.
_PERIOD_DUES: dict[tuple[object, dt.date, dt.date], tuple[tuple[str, dt.date], ...]] = {}


def _period_dues(task: Task, plan: PlanMeta) -> tuple[tuple[str, dt.date], ...]:
    span = (task.repeat, plan.period.start, plan.period.end)
    found = _PERIOD_DUES.get(span)
    if found is None:
        dues = []
        for key in task_periods(task, plan):
            bounds = period_bounds(key)
            assert bounds is not None
            dues.append((key, min(bounds[2], plan.period.end)))
        found = _PERIOD_DUES[span] = tuple(dues)
    return found


def obligations(task: Task, ledger: Ledger) -> list[Obligation]:
    plan = ledger.plan
    if task.repeat is not None:
        return _periods_due(task, plan)
    if task.ongoing:
        return [Obligation(task, None, None, task.status is Status.CANCELLED)]
    return [_one_off(task, plan)]


def _periods_due(task: Task, plan: PlanMeta) -> list[Obligation]:
    """A recurring duty's obligations: one per period of the plan."""
    reported = {r.period: r.date for r in task.reports}
    closed = task.status is Status.CANCELLED
    out = []
    for key, due in _period_dues(task, plan):
        done_on = reported.get(key)
        out.append(Obligation(task, key, due, done_on is not None or closed, done_on))
    return out


def _one_off(task: Task, plan: PlanMeta) -> Obligation:
    """A one-off task's one obligation: its deadline, else the plan period's end."""
    return Obligation(task, None, task.due or plan.period.end, task.status in CLOSED, task.completed)


def task_state(task: Task, ledger: Ledger, as_of: dt.date) -> TaskState:
    """The state of ``task`` at the end of ``as_of``, from the entries dated by then."""
    # Made for every task of every report: kept to plain code and few calls, one-off tasks (most) first.
    task = task_as_of(task, as_of)
    plan = ledger.plan
    status = task.status
    closed = status in CLOSED
    next_due: dt.date | None = None
    overdue = False
    if task.repeat is None and not task.ongoing:
        one = _one_off(task, plan)
        obs: tuple[Obligation, ...] = (one,)
        if not closed:
            next_due = one.due
            overdue = next_due is not None and next_due < as_of
    else:
        obs = tuple(_periods_due(task, plan) if task.repeat is not None else obligations(task, ledger))
        for o in obs:
            when = o.due  # None for an ongoing duty
            if when is not None and not o.fulfilled:
                if next_due is None or when < next_due:
                    next_due = when
                if when < as_of:
                    overdue = True
    last = last_report_date(task)
    missing = _report_missing(task, ledger, as_of, last, closed)
    if status is Status.CANCELLED:
        reason = Reason.CANCELLED
    elif status is Status.DONE and not task.ongoing:
        reason = Reason.DONE
    elif overdue:
        reason = Reason.OVERDUE
    elif next_due is not None and (next_due - as_of).days <= plan.reporting.due_soon_days:
        reason = Reason.DUE_SOON
    elif missing:
        reason = Reason.REPORT_MISSING
    elif task.repeat is not None and _last_due_reported_late(obs, as_of):  # only a period can be reported late
        reason = Reason.REPORTED_LATE
    else:
        reason = Reason.ON_TRACK
    return TaskState(task, reason, obs, next_due, last, missing, as_of)


def task_due(st: TaskState, ledger: Ledger) -> dt.date | None:
    """The date a task is due: its earliest open deadline, else (once closed) the deadline it had."""
    return st.next_due if st.next_due is not None else effective_due(st.task, ledger.plan)


def _last_due_reported_late(obs: tuple[Obligation, ...], as_of: dt.date) -> bool:
    fallen_due = [o for o in obs if o.period is not None and o.due is not None and o.due < as_of]
    return bool(fallen_due) and fallen_due[-1].late


def _report_missing(task: Task, ledger: Ledger, as_of: dt.date, last: dt.date | None, closed: bool) -> bool:
    """``closed``: the task is done or cancelled (``models.is_closed``)."""
    cycle = ledger.plan.reporting.cycle
    if cycle is None or (closed and not task.ongoing) or as_of < ledger.plan.issued:
        return False
    since = last or ledger.plan.issued
    next_report = _NEXT_REPORT.get((since, cycle))
    if next_report is None:
        next_report = _NEXT_REPORT[since, cycle] = add_cycle(since, cycle)
    return next_report < as_of


# A report's next due day after each day a unit last reported: thousands of tasks share a few hundred days.
_NEXT_REPORT: dict[tuple[dt.date, Cycle], dt.date] = {}


def standing(task: Task, ledger: Ledger, as_of: dt.date) -> tuple[Status, bool]:
    """The status and whether a report is missing at the end of ``as_of``: the part of a
    ``task_state`` that a comparison with another day needs, without working out obligations."""
    past = task_as_of(task, as_of)
    return past.status, _report_missing(past, ledger, as_of, last_report_date(past), is_closed(past))


def states(ledger: Ledger, as_of: dt.date) -> list[TaskState]:
    return [task_state(t, ledger, as_of) for t in ledger.tasks]


# --- status ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Progress:
    """Done against total for the whole plan or a section."""

    key: str  # section number, or "" for the whole plan
    title: str
    total: int  # not counting cancelled tasks
    done: int

    @property
    def ratio(self) -> float:
        return self.done / self.total if self.total else 1.0


@dataclass(frozen=True)
class StatusSummary:
    """What ``status`` shows: counts, progress per section, items needing attention."""

    as_of: dt.date
    total: int
    by_status: dict[Status, int]
    by_light: dict[Light, int]
    overall: Progress
    sections: list[Progress]
    attention: list[TaskState]  # overdue first, then due soon, then report missing
    names: NamesThen = field(default_factory=NamesThen)  # the names of units renamed since as_of


_ATTENTION_ORDER = {Reason.OVERDUE: 0, Reason.DUE_SOON: 1, Reason.REPORT_MISSING: 2, Reason.REPORTED_LATE: 3}


def _next_due_or_last(st: TaskState) -> dt.date:
    return st.next_due or dt.date.max


def status_summary(ledger: Ledger, as_of: dt.date, all_states: list[TaskState] | None = None) -> StatusSummary:
    """``all_states``: the states of every task as of ``as_of``, when the caller has them already."""
    if all_states is None:
        all_states = states(ledger, as_of)
    # One pass over the states (every task of the plan): counts, sections, what needs attention.
    by_status = {s: 0 for s in Status}
    by_reason = {r: 0 for r in Reason}
    by_section: dict[str, list[int]] = {}  # section -> [total, done], not counting cancelled tasks
    waiting: dict[Reason, list[TaskState]] = {r: [] for r in _ATTENTION_ORDER}
    cancelled, done = Reason.CANCELLED, Reason.DONE
    for st in all_states:
        task = st.task
        by_status[task.status] += 1
        reason = st.reason
        by_reason[reason] += 1
        counts = by_section.get(task.section)
        if counts is None:
            counts = by_section[task.section] = [0, 0]
        if reason is not cancelled:
            counts[0] += 1
            if reason is done:
                counts[1] += 1
            else:
                kind = waiting.get(reason)
                if kind is not None:
                    kind.append(st)
    by_light = {light: 0 for light in Light}
    for reason, count in by_reason.items():
        by_light[_LIGHT_OF[reason]] += count
    titles = {s.number: s.title for s in ledger.sections}
    order = {s.number: i for i, s in enumerate(ledger.sections)}
    used = sorted(by_section, key=lambda sec: order.get(sec, len(order)))
    sections = [Progress(sec, titles.get(sec, sec), *by_section[sec]) for sec in used]
    # Overdue first, then due soon...: each kind in the order of its next deadline (a stable
    # sort, as one sort by kind and deadline would give).
    attention = []
    for reason in sorted(waiting, key=_ATTENTION_ORDER.__getitem__):
        kind = waiting[reason]
        kind.sort(key=_next_due_or_last)
        attention.extend(kind)
    live = len(all_states) - by_reason[Reason.CANCELLED]
    return StatusSummary(
        as_of=as_of,
        total=len(all_states),
        by_status=by_status,
        by_light=by_light,
        overall=Progress("", ledger.plan.title, live, by_reason[Reason.DONE]),
        sections=sections,
        attention=attention,
        names=names_then(ledger, as_of),
    )


# --- overdue -----------------------------------------------------------------------------------


@dataclass(slots=True)  # not frozen: made for every task, and a frozen one costs four times as much to make
class DueItem:
    """An obligation past or near its deadline, with the days."""

    obligation: Obligation
    days: int  # days late (overdue) or days left (due soon)


@dataclass(frozen=True)
class OverdueReport:
    """What ``overdue`` shows: overdue obligations, and those due soon."""

    as_of: dt.date
    within: int | None
    overdue: list[DueItem]
    due_soon: list[DueItem]
    names: NamesThen = field(default_factory=NamesThen)  # the names of units renamed since as_of


def overdue(
    ledger: Ledger, as_of: dt.date, within: int | None = None, *, all_states: list[TaskState] | None = None
) -> OverdueReport:
    late: list[tuple[int, DueItem]] = []
    soon: list[tuple[int, DueItem]] = []
    for order, st in enumerate(all_states if all_states is not None else states(ledger, as_of)):
        task = st.task
        if task.status is Status.CANCELLED or (task.status is Status.DONE and task.repeat is None):
            continue
        for ob in st.obligations:
            if ob.fulfilled or ob.due is None:
                continue
            if ob.due < as_of:
                late.append((order, DueItem(ob, (as_of - ob.due).days)))
            elif within is not None and (ob.due - as_of).days <= within:
                soon.append((order, DueItem(ob, (ob.due - as_of).days)))
    late.sort(key=lambda pair: (-pair[1].days, pair[0]))
    soon.sort(key=lambda pair: (pair[1].days, pair[0]))
    return OverdueReport(as_of, within, [d for _, d in late], [d for _, d in soon], names_then(ledger, as_of))


# --- units ---------------------------------------------------------------------------------------


@dataclass  # not frozen: made for every task, and a frozen one costs four times as much to make
class ViaGroup:
    """A task that reaches a unit through a group name."""

    state: TaskState
    group: str
    role: str  # "lead" or "cooperate"


@dataclass
class UnitView:
    """Everything one unit leads, supports and is reached by."""

    name: str
    kind: str
    aliases: list[str]
    leads: list[TaskState] = field(default_factory=list)
    supports: list[TaskState] = field(default_factory=list)
    via_group: list[ViaGroup] = field(default_factory=list)
    maybe: list[ViaGroup] = field(default_factory=list)  # through a group not yet resolved
    supervises: list[TaskState] = field(default_factory=list)  # named to check, guide or oversee (督导)
    name_then: str = ""  # the unit's name on the day of the view; ``name`` is today's
    names: NamesThen = field(default_factory=NamesThen)  # the names of units renamed since that day

    def overdue_count(self) -> int:
        return sum(1 for s in self.leads if s.reason is Reason.OVERDUE)

    def missing_count(self) -> int:
        return sum(1 for s in self.leads if s.report_missing)

    def late_count(self) -> int:
        """Periods of the duties it leads that were reported late (迟报)."""
        return sum(len(s.late_reports) for s in self.leads)


Named = tuple[frozenset[str], frozenset[str], tuple[tuple[str, str], ...], frozenset[str]]


def _named(task: Task, d: Directory) -> Named:
    """A task's lead, cooperating and supervising units by their registered names, and the groups
    it names (role, group) in list order, lead first. Names do not change with the day."""
    lead = [d.canonical(n) for n in task.lead]
    coop = [d.canonical(n) for n in task.cooperate]
    groups = tuple((role, g) for role, names in (("lead", lead), ("cooperate", coop)) for g in names if g is not None and g in d.groups)
    supervise = frozenset(n for n in (d.canonical(x) for x in task.supervise) if n)
    return frozenset(n for n in lead if n), frozenset(n for n in coop if n), groups, supervise


class _Reach:
    """How a task reaches a unit's view: named as lead, else as cooperating, else as supervising;
    else through a group it names (its lead groups first), or, for a unit of the bureau, maybe
    through a group not yet resolved to named units."""

    def __init__(self, d: Directory) -> None:
        self.d = d
        self.members = {g: d.members(g) for g in d.groups}
        self.unresolved = {g for g, group in d.groups.items() if group.covers is Covers.UNRESOLVED}
        self.internal = {name for name, unit in d.units.items() if unit.kind is not UnitKind.EXTERNAL}

    def places(self, task: Task, units: AbstractSet[str]) -> Iterator[tuple[str, str, str, str]]:
        """(unit, the view's list, group, role) for each of ``units`` that ``task`` reaches."""
        lead, cooperate, named_groups, supervise = _named(task, self.d)
        for name in lead & units:
            yield name, "leads", "", ""
        for name in (cooperate - lead) & units:
            yield name, "supports", "", ""
        for name in (supervise - lead - cooperate) & units:
            yield name, "supervises", "", ""
        if not named_groups:
            return
        decided = set(lead | cooperate | supervise)
        for role in ("lead", "cooperate"):
            groups = [g for rl, g in named_groups if rl == role]
            if not groups:
                continue
            first_group: dict[str, str] = {}
            for g in groups:
                for name in self.members[g]:
                    first_group.setdefault(name, g)
            open_group = next((g for g in groups if g in self.unresolved), None)
            for name in units:
                if name in decided:
                    continue
                hit = first_group.get(name)
                if hit is not None:
                    yield name, "via_group", hit, role
                    decided.add(name)
                elif open_group is not None and name in self.internal:
                    yield name, "maybe", open_group, role
                    decided.add(name)


def _file(view: UnitView, where: str, state: TaskState, group: str, role: str) -> None:
    if group:
        getattr(view, where).append(ViaGroup(state, group, role))
    else:
        getattr(view, where).append(state)


def _view(unit: Unit, as_of: dt.date, then: NamesThen) -> UnitView:
    return UnitView(unit.name, unit.kind.value, list(unit.aliases), name_then=name_on(unit, as_of), names=then)


def unit_view(ledger: Ledger, name: str, as_of: dt.date) -> UnitView | None:
    """``name``: the unit's name, an alias or a former name. The state is worked out only of the
    tasks that reach the unit."""
    d = Directory(ledger)
    canon = d.canonical(name)
    if canon is None or canon not in d.units:
        return None
    view = _view(d.units[canon], as_of, names_then(ledger, as_of))
    reach = _Reach(d)
    for task in ledger.tasks:
        for _name, where, group, role in reach.places(task, {canon}):
            _file(view, where, task_state(task, ledger, as_of), group, role)
    return view


def units_table(ledger: Ledger, as_of: dt.date, all_states: list[TaskState] | None = None) -> list[UnitView]:
    """Every unit's view (as ``unit_view`` makes one), in one pass over the tasks."""
    return list(unit_views(ledger, as_of, all_states).values())


def unit_views(ledger: Ledger, as_of: dt.date, all_states: list[TaskState] | None = None) -> dict[str, UnitView]:
    """Every unit's view by its name, in the registry's order (one pass over the tasks)."""
    d = Directory(ledger)
    then = names_then(ledger, as_of)
    views = {name: _view(unit, as_of, then) for name, unit in d.units.items()}
    reach = _Reach(d)
    for st in states(ledger, as_of) if all_states is None else all_states:
        for name, where, group, role in reach.places(st.task, views.keys()):
            _file(views[name], where, st, group, role)
    return views


def find_task(ledger: Ledger, task_id: str) -> Task | None:
    for task in ledger.tasks:
        if task.id == task_id:
            return task
    return None


@dataclass(frozen=True)
class GroupMembers:
    """A group (林业局各部门) answered as its members' lists: ``unit NAME`` on a group's name."""

    name: str
    aliases: list[str]
    members: list[UnitView]  # empty while the group is not resolved to named units


def group_members(ledger: Ledger, name: str, as_of: dt.date) -> GroupMembers | None:
    d = Directory(ledger)
    canon = d.canonical(name)
    if canon is None or canon not in d.groups:
        return None
    views = unit_views(ledger, as_of)
    return GroupMembers(canon, list(d.groups[canon].aliases), [views[m] for m in d.members(canon)])


def plain_number(number: str) -> str:
    """A plan number with full-width brackets made half-width and every space dropped."""
    return "".join(unicodedata.normalize("NFKC", number).split())


def tasks_numbered(ledger: Ledger, number: str) -> list[Task]:
    """Every clause of the item the plan numbers ``number`` (二（二）2, 二(二)2, 二（二） 2)."""
    wanted = plain_number(number)
    return [task for task in ledger.tasks if plain_number(task.number) == wanted]


def task_or_item(ledger: Ledger, task_id: str, as_of: dt.date) -> TaskState | list[TaskState] | None:
    """The task with this id; else every clause of the item the plan numbers so (二（二）2); else None."""
    task = find_task(ledger, task_id)
    if task is not None:
        return task_state(task, ledger, as_of)
    return [task_state(x, ledger, as_of) for x in tasks_numbered(ledger, task_id)] or None


def known_task_names(ledger: Ledger) -> list[str]:
    """What ``show`` takes: every task id, then every plan number."""
    return [x.id for x in ledger.tasks] + list(dict.fromkeys(x.number for x in ledger.tasks))
