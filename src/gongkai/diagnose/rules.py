"""Semantic rules over a validated Ledger, and ``RULES``: the table of every rule code.

Each check gives problems with a data path (``loc``); the loader turns it into line:col. The
checks of each task are made in one walk over the tasks (``_tasks``), the rest on their own.
``RULES`` says each rule's stage and severity; ``gongkai check``, the exit code, the
``check.disable`` filter and docs/rules.md read them from there (a test keeps them in step).
"""

from __future__ import annotations

import datetime as dt
import enum
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import Any

from ..errors import Level, Problem, problem
from ..i18n import Suggestions, Term
from ..models import Covers, Ledger, PeriodReport, PlanMeta, Status, Task, Update
from ..names import Directory, joined_names, suggest
from ..periods import period_bounds


class Stage(str, enum.Enum):
    """When a rule is decided: reading the file, parsing YAML, fitting the format, or checking meaning."""

    READ = "read"
    SYNTAX = "syntax"
    SCHEMA = "schema"
    SEMANTIC = "semantic"
    WORKSPACE = "workspace"  # between the ledgers of a workspace (gongkai.toml), never one file alone


@dataclass(frozen=True)
class Rule:
    """A check's code, the stage that finds it, its level and what it says (in English, for the docs)."""

    code: str
    stage: Stage
    level: Level
    summary_en: str


_E, _W = Level.ERROR, Level.WARNING
_READ, _SYNTAX, _SCHEMA, _SEMANTIC, _WORKSPACE = Stage.READ, Stage.SYNTAX, Stage.SCHEMA, Stage.SEMANTIC, Stage.WORKSPACE

RULES: dict[str, Rule] = {
    r.code: r
    for r in [
        Rule("GK001", _READ, _E, "file cannot be read (missing, directory, permission, encoding, binary)"),
        Rule("GK002", _SYNTAX, _E, "YAML syntax error"),
        Rule("GK003", _SYNTAX, _E, "unsafe or unknown YAML tag"),
        Rule("GK004", _SYNTAX, _E, "duplicate YAML key"),
        Rule("GK005", _SYNTAX, _E, "tab used for indentation"),
        Rule("GK006", _SYNTAX, _E, "empty file, or top level is not a mapping"),
        Rule("GK007", _SYNTAX, _E, "aliases expand to too much data (alias bomb), or nesting too deep"),
        Rule("GK008", _SYNTAX, _E, "full-width colon, full-width space or Chinese quotes where YAML needs ASCII"),
        Rule("GK010", _SCHEMA, _E, "unknown key"),
        Rule("GK011", _SCHEMA, _E, "wrong type or missing required key"),
        Rule("GK012", _SCHEMA, _E, "invalid date, or a date outside 1900-01-01 to 2999-12-31"),
        Rule("GK013", _SCHEMA, _E, "value not among the allowed ones"),
        Rule("GK020", _SEMANTIC, _E, "duplicate task id"),
        Rule("GK021", _SEMANTIC, _E, "unknown unit or group"),
        Rule("GK022", _SEMANTIC, _E, "clause with no lead unit"),
        Rule("GK023", _SEMANTIC, _E, "unit both lead and cooperating in one clause"),
        Rule("GK024", _SEMANTIC, _E, "deadline outside the plan period"),
        Rule("GK025", _SEMANTIC, _E, "done task without completion date"),
        Rule("GK026", _SEMANTIC, _W, "done task without evidence"),
        Rule("GK027", _SEMANTIC, _E, "update dated in the future or before the plan was issued"),
        Rule("GK028", _SEMANTIC, _W, "group never resolved to named units"),
        Rule("GK029", _SEMANTIC, _E, "recurring period invalid or outside the plan"),
        Rule("GK030", _SEMANTIC, _W, "registered unit used by no clause"),
        Rule("GK031", _SEMANTIC, _E, "update or report by an unknown unit"),
        Rule("GK032", _SEMANTIC, _E, "unit or group registered twice"),
        Rule("GK033", _SEMANTIC, _E, "task in an unknown section"),
        Rule("GK034", _SEMANTIC, _E, "ongoing duty marked done"),
        Rule("GK035", _SEMANTIC, _E, "plan period ends before it starts"),
        Rule("GK036", _SEMANTIC, _W, "status or completion date disagrees with the task's own history"),
        Rule("GK037", _SEMANTIC, _E, "unit renamed on a day outside the plan or in the future"),
        Rule("GK038", _SEMANTIC, _E, "a unit's former name is another unit's or group's name or alias"),
        Rule("GK040", _SEMANTIC, _W, "doubt left by gongkai import, to be checked by a person"),
        Rule("GK050", _WORKSPACE, _E, "gongkai.toml is not valid TOML or does not say which ledgers the workspace holds"),
        Rule("GK051", _WORKSPACE, _E, "the same unit registered with different kinds in two plans"),
        Rule("GK052", _WORKSPACE, _E, "an alias that means two different units across the plans"),
        Rule("GK053", _WORKSPACE, _E, "two ledgers of a workspace with the same plan id and issuer"),
    ]
}


def found(code: str, key: str, /, *, loc: tuple[str | int, ...] = (), **args: Any) -> Problem:
    """A problem of rule ``code``, with the severity ``RULES`` gives it."""
    return problem(code, key, level=RULES[code].level, loc=loc, **args)


def _p(code: str, key: str, loc: tuple[str | int, ...], **args: Any) -> Problem:
    return found(code, key, loc=loc, **args)


def _registry(ledger: Ledger, d: Directory, today: dt.date) -> Iterator[Problem]:
    seen: set[str] = set()
    named: list[tuple[str, int, list[str]]] = [("units", i, [u.name, *u.aliases]) for i, u in enumerate(ledger.units)]
    named += [("groups", i, [g.name, *g.aliases]) for i, g in enumerate(ledger.groups)]
    for kind, i, names in named:
        for j, name in enumerate(names):
            if name in seen:
                loc: tuple[str | int, ...] = (kind, i, "name") if j == 0 else (kind, i, "aliases", j - 1)
                yield _p("GK032", "p.rule.duplicate_unit", loc, name=name)
            seen.add(name)
    if ledger.plan.period.end < ledger.plan.period.start:
        yield _p("GK035", "p.rule.period_end_before_start", ("plan", "period", "end"))
    for i, group in enumerate(ledger.groups):
        for j, member in enumerate(group.members):
            if d.canonical(member) not in d.units:
                yield _unknown(("groups", i, "members", j), member, d, list(d.units))
    if ledger.check is not None:
        for i, code in enumerate(ledger.check.disable):
            if code not in RULES:
                import difflib

                yield _p(
                    "GK013",
                    "p.rule.unknown_rule_code",
                    ("check", "disable", i),
                    rule=code,
                    hint=Suggestions(tuple(difflib.get_close_matches(code.strip().upper(), list(RULES), n=1, cutoff=0.8))),
                )
    for i, name in enumerate(ledger.plan.copied_to):
        if d.canonical(name) is None:
            yield _unknown(("plan", "copied_to", i), name, d, d.known_names())


def _unknown(loc: tuple[str | int, ...], name: str, d: Directory, candidates: list[str]) -> Problem:
    """GK021 for a name the registry does not know; several known names in one item are said to be that."""
    parts = joined_names(name, d)
    if parts:
        return _p("GK021", "p.rule.joined_names", loc, name=name, names=", ".join(parts))
    return _p("GK021", "p.rule.unknown_name", loc, name=name, hint=suggest(name, candidates))


def _tasks(ledger: Ledger, d: Directory, today: dt.date) -> tuple[list[Problem], set[str]]:
    """Every task's problems, in one walk over the tasks (a large plan has tens of thousands, and
    one walk per concern took half as long again; the loader sorts problems by place and code),
    and every name the tasks give as lead, cooperating or supervising unit."""
    from ..history import disagreements

    found: list[Problem] = []
    add = found.append
    named: set[str] = set()
    first: dict[str, int] = {}
    sections = [s.number for s in ledger.sections]
    known_sections = set(sections)  # a large plan has hundreds of sections
    known = d.known_names()
    canonical_of = d.canonical_of
    plan = ledger.plan
    start, end, issued = plan.period.start, plan.period.end, plan.issued
    done = Status.DONE
    units = {name for name, canon in canonical_of.items() if canon not in d.groups}  # the names that mean a unit
    for i, task in enumerate(ledger.tasks):
        # ids and sections
        if task.id in first:
            add(_p("GK020", "p.rule.duplicate_id_line", ("tasks", i, "id"), id=task.id, first=("tasks", first[task.id], "id")))
        else:
            first[task.id] = i
        if sections and task.section not in known_sections:
            add(_p("GK033", "p.rule.unknown_section", ("tasks", i, "section"), section=task.section, hint=suggest(task.section, sections)))

        # responsibility
        lead, cooperate, supervise = task.lead, task.cooperate, task.supervise
        for role, names in (("lead", lead), ("cooperate", cooperate), ("supervise", supervise)):
            for j, name in enumerate(names):
                if name not in canonical_of:
                    add(_unknown(("tasks", i, role, j), name, d, known))
        if not lead:
            # Where ``lead`` is not written at all, the place found is the task's own.
            add(_p("GK022", "p.rule.no_lead", ("tasks", i, "lead"), id=task.id))
        if cooperate:
            leads = {canonical_of.get(n) or n for n in lead}
            for j, name in enumerate(cooperate):
                if (canonical_of.get(name) or name) in leads:
                    add(_p("GK023", "p.rule.lead_and_cooperate", ("tasks", i, "cooperate", j), name=name))
        named.update(lead, cooperate, supervise)

        # dates
        updates, reports = task.updates, task.reports
        if task.due is not None and not start <= task.due <= end:
            add(_p("GK024", "p.rule.due_outside", ("tasks", i, "due"), due=task.due, start=start, end=end))
        if task.status is done:
            if task.ongoing:
                add(_p("GK034", "p.rule.ongoing_done", ("tasks", i, "status")))
            if task.completed is None:
                add(_p("GK025", "p.rule.done_no_date", ("tasks", i, "status")))
            if not any(u.evidence for u in updates) and not any(r.evidence for r in reports):
                add(_p("GK026", "p.rule.done_no_evidence", ("tasks", i, "status")))
        kinds: tuple[tuple[str, Sequence[Update | PeriodReport]], ...] = (("updates", updates), ("reports", reports))
        for kind, entries in kinds:
            for j, entry in enumerate(entries):
                if entry.date > today:
                    add(_p("GK027", "p.rule.update_future", ("tasks", i, kind, j, "date"), date=entry.date, today=today))
                elif entry.date < issued:
                    add(_p("GK027", "p.rule.update_before_plan", ("tasks", i, kind, j, "date"), date=entry.date, issued=issued))
                if entry.by not in units:  # unknown, or a group
                    add(
                        _p(
                            "GK031",
                            "p.rule.unknown_reporter",
                            ("tasks", i, kind, j, "by"),
                            name=entry.by,
                            hint=suggest(entry.by, list(d.units)),
                        )
                    )

        # the periods of a recurring duty
        if reports:
            found.extend(_periods(task, i, plan))

        for j, doubt in enumerate(task.doubts):
            add(_p("GK040", "p.rule.doubt", ("tasks", i, "doubts", j), message=doubt.message))

        # the status field against the entries (none without a progress entry)
        if updates:
            for dis in disagreements(task):
                said = Term(f"status.{dis.entry_status.value}")
                if dis.kind == "status":
                    field = Term(f"status.{task.status.value}")
                    add(_p("GK036", "p.rule.history_status", ("tasks", i, "status"), field=field, said=said, date=dis.entry_date))
                else:
                    add(_p("GK036", "p.rule.history_completed", ("tasks", i, "completed"), completed=dis.field, date=dis.entry_date))
    return found, named


def _periods(task: Task, i: int, plan: PlanMeta) -> Iterator[Problem]:
    """The problems of the period reports of task ``i``."""
    if task.repeat is None:
        yield _p("GK029", "p.rule.not_recurring", ("tasks", i, "reports"), id=task.id)
        return
    for j, report in enumerate(task.reports):
        loc: tuple[str | int, ...] = ("tasks", i, "reports", j, "period")
        bounds = period_bounds(report.period)
        if bounds is None:
            yield _p("GK029", "p.rule.bad_period", loc, period=report.period)
            continue
        cycle, p_start, p_end = bounds
        if cycle is not task.repeat:
            yield _p(
                "GK029",
                "p.rule.period_wrong_cycle",
                loc,
                period=report.period,
                cycle=Term(f"cycle.{task.repeat.value}" if task.repeat else "light.none"),
            )
        elif p_end < plan.period.start or p_start > plan.period.end:
            yield _p("GK029", "p.rule.period_outside", loc, period=report.period, start=plan.period.start, end=plan.period.end)


def _usage(ledger: Ledger, d: Directory, named: set[str]) -> Iterator[Problem]:
    """Units no task names (``named``: the names the tasks give) and groups used unresolved."""
    canonical_of = d.canonical_of
    used = {canonical_of[name] for name in named if name in canonical_of}
    for group in ledger.groups:
        if group.name in used:
            used.update(d.members(group.name))
    copied = {d.canonical(n) for n in ledger.plan.copied_to}
    for i, unit in enumerate(ledger.units):
        if unit.name not in used and unit.name not in copied:
            yield _p("GK030", "p.rule.unused_unit", ("units", i, "name"), name=unit.name)
    for i, group in enumerate(ledger.groups):
        if group.covers is Covers.UNRESOLVED and group.name in used:
            yield _p("GK028", "p.rule.unresolved_group", ("groups", i, "covers"), name=group.name)


def _plan_doubts(ledger: Ledger) -> Iterator[Problem]:
    for j, doubt in enumerate(ledger.plan.doubts):
        yield _p("GK040", "p.rule.doubt", ("plan", "doubts", j), message=doubt.message)


def _renames(ledger: Ledger, d: Directory, today: dt.date) -> Iterator[Problem]:
    plan = ledger.plan
    owner: dict[str, int] = {}
    for i, unit in enumerate(ledger.units):
        for name in (unit.name, *unit.aliases):
            owner.setdefault(name, i)
    for i, unit in enumerate(ledger.units):
        for j, rename in enumerate(unit.renamed):
            at: tuple[str | int, ...] = ("units", i, "renamed", j)
            if rename.date < plan.issued or rename.date > plan.period.end:
                yield _p(
                    "GK037",
                    "p.rule.rename_outside",
                    (*at, "date"),
                    name=unit.name,
                    date=rename.date,
                    issued=plan.issued,
                    end=plan.period.end,
                )
            elif rename.date > today:
                yield _p("GK037", "p.rule.rename_future", (*at, "date"), name=unit.name, date=rename.date, today=today)
            other = owner.get(rename.old, i)
            if other != i:
                yield _p("GK038", "p.rule.former_name_taken", (*at, "old"), name=rename.old, unit=unit.name, other=ledger.units[other].name)
            elif rename.old in d.groups or d.alias_of.get(rename.old, unit.name) in d.groups:
                yield _p("GK038", "p.rule.former_name_group", (*at, "old"), name=rename.old, unit=unit.name)


def semantic_problems(ledger: Ledger, today: dt.date) -> list[Problem]:
    """Every problem the rules find: the registry, each task's (ids and sections, responsibility,
    dates, periods, doubts, history), the units' use, the plan's doubts, renames."""
    d = Directory(ledger)
    tasks, named = _tasks(ledger, d, today)
    return [*_registry(ledger, d, today), *tasks, *_usage(ledger, d, named), *_plan_doubts(ledger), *_renames(ledger, d, today)]
