"""The read-only reports: status, overdue, unit, units, show."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Annotated

import typer

from ..errors import UsageError
from .app import AsOfOpt, Ctx, FileOpt, JsonOpt, LangOpt, _both, app, load, run_report
from .listing import FilterArg, UnitGroup, complete_task, complete_unit

if TYPE_CHECKING:
    from ..models import Ledger
    from ..queries import GroupMembers, OverdueReport, TaskState, UnitView
    from ..render.plain import Doc


def _unit_or_group(ledger: Ledger, name: str, as_of: dt.date) -> UnitView | GroupMembers:
    """The unit's view; for a group's name, the group and the views of its members."""
    from ..names import Directory, suggest
    from ..queries import group_members, unit_view

    found = unit_view(ledger, name, as_of) or group_members(ledger, name, as_of)
    if found is None:
        raise UsageError("err.unknown_unit", name=name, hint=suggest(name, Directory(ledger).known_names()))
    return found


def _task(ledger: Ledger, task_id: str, as_of: dt.date) -> TaskState | list[TaskState]:
    """The task with this id; else every clause of the item the plan numbers so (二（二）2)."""
    from ..names import suggest
    from ..queries import find_task, task_state, tasks_numbered

    task = find_task(ledger, task_id)
    if task is not None:
        return task_state(task, ledger, as_of)
    clauses = [task_state(x, ledger, as_of) for x in tasks_numbered(ledger, task_id)]
    if not clauses:
        known = [x.id for x in ledger.tasks] + list(dict.fromkeys(x.number for x in ledger.tasks))
        raise UsageError("err.unknown_task", id=task_id, hint=suggest(task_id, known))
    return clauses


@app.command(help=_both("cmd.status"))
def status(
    file: FileOpt = None,
    as_of: AsOfOpt = None,
    lang: LangOpt = None,
    as_json: JsonOpt = False,
    limit: Annotated[int, typer.Option("--limit", min=0, help=_both("opt.limit"))] = 20,
    trend: Annotated[bool, typer.Option("--trend", help=_both("opt.trend"))] = False,
    per: Annotated[str, typer.Option("--per", help=_both("opt.per"))] = "week",
) -> None:
    from ..queries import status_summary
    from ..render import data, text

    if trend:
        from .history import show_trend

        show_trend(Ctx(lang, as_of), load(file), per, as_json)
        return
    run_report(
        file,
        as_of,
        lang,
        as_json,
        status_summary,
        lambda summary, _ledger, _ctx: data.status(summary),
        lambda summary, ledger, ctx: text.status(summary, ledger, ctx.lang, limit=limit, width=ctx.width),
    )


@app.command(help=_both("cmd.overdue"))
def overdue(
    file: FileOpt = None,
    as_of: AsOfOpt = None,
    lang: LangOpt = None,
    as_json: JsonOpt = False,
    within: Annotated[int | None, typer.Option("--within", min=0, help=_both("opt.within"), show_default=False)] = None,
    words: FilterArg = None,
    group_by: Annotated[UnitGroup | None, typer.Option("--group-by", help=_both("opt.group_by_unit"), show_default=False)] = None,
) -> None:
    from ..filters import narrow
    from ..queries import overdue as overdue_query
    from ..render import data, text
    from ..render.listing import overdue_by_unit

    def query(ledger: Ledger, day: dt.date) -> tuple[Ledger, OverdueReport]:
        narrowed = narrow(ledger, day, words or [])
        return narrowed, overdue_query(narrowed, day, within)

    def as_text(found: tuple[Ledger, OverdueReport], _ledger: Ledger, ctx: Ctx) -> Doc:
        narrowed, report = found
        if group_by is not None:
            return overdue_by_unit(report, narrowed, ctx.lang, ctx.width)
        return text.overdue(report, ctx.lang, ctx.width)

    run_report(file, as_of, lang, as_json, query, lambda found, _ledger, _ctx: data.overdue(found[1]), as_text)


@app.command(help=_both("cmd.unit"))
def unit(
    name: Annotated[str, typer.Argument(metavar="NAME", help=_both("arg.unit"), show_default=False, autocompletion=complete_unit)],
    words: FilterArg = None,
    file: FileOpt = None,
    as_of: AsOfOpt = None,
    lang: LangOpt = None,
    as_json: JsonOpt = False,
) -> None:
    from ..filters import narrow
    from ..queries import UnitView
    from ..render import data, text

    run_report(
        file,
        as_of,
        lang,
        as_json,
        lambda ledger, day: _unit_or_group(narrow(ledger, day, words or []), name, day),
        lambda found, _ledger, ctx: data.unit(found, ctx.as_of) if isinstance(found, UnitView) else data.group(found, ctx.as_of),
        lambda found, _ledger, ctx: (
            text.unit(found, ctx.as_of, ctx.lang, ctx.width)
            if isinstance(found, UnitView)
            else text.group(found, ctx.as_of, ctx.lang, ctx.width)
        ),
    )


@app.command(help=_both("cmd.units"))
def units(file: FileOpt = None, as_of: AsOfOpt = None, lang: LangOpt = None, as_json: JsonOpt = False) -> None:
    from ..queries import units_table
    from ..render import data, text

    run_report(
        file,
        as_of,
        lang,
        as_json,
        units_table,
        lambda rows, _ledger, ctx: data.units(rows, ctx.as_of),
        lambda rows, _ledger, ctx: text.units(rows, ctx.as_of, ctx.lang, ctx.width),
    )


@app.command(help=_both("cmd.show"))
def show(
    task_id: Annotated[str, typer.Argument(metavar="ID", help=_both("arg.task_id"), show_default=False, autocompletion=complete_task)],
    file: FileOpt = None,
    as_of: AsOfOpt = None,
    lang: LangOpt = None,
    as_json: JsonOpt = False,
) -> None:
    from ..render import data, history_data
    from ..render.history import show_clauses
    from ..render.show import show as show_task

    run_report(
        file,
        as_of,
        lang,
        as_json,
        lambda ledger, day: _task(ledger, task_id, day),
        lambda found, ledger, _ctx: (
            history_data.show_number(task_id, found, ledger) if isinstance(found, list) else data.show(found, ledger)
        ),
        lambda found, ledger, ctx: show_clauses(found, ledger, ctx.lang) if isinstance(found, list) else show_task(found, ledger, ctx.lang),
    )
