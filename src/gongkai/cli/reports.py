"""The read-only reports: status, overdue, unit, units, show."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Annotated

import typer

from ..errors import UsageError
from .app import AsOfOpt, FileOpt, JsonOpt, LangOpt, _both, app, run_report
from .listing import FilterArg, UnitGroup, complete_task, complete_unit

if TYPE_CHECKING:
    from ..models import Ledger
    from ..queries import GroupMembers, TaskState, UnitView


def _unit_or_group(ledger: Ledger, name: str, as_of: dt.date) -> UnitView | GroupMembers:
    """The unit's view; for a group's name, the group and the views of its members."""
    from ..names import Directory, suggest
    from ..queries import group_members, unit_view

    found = unit_view(ledger, name, as_of) or group_members(ledger, name, as_of)
    if found is None:
        raise UsageError("err.unknown_unit", name=name, hint=suggest(name, Directory(ledger).known_names()))
    return found


def _task(ledger: Ledger, task_id: str, as_of: dt.date) -> TaskState:
    from ..names import suggest
    from ..queries import find_task, task_state

    task = find_task(ledger, task_id)
    if task is None:
        raise UsageError("err.unknown_task", id=task_id, hint=suggest(task_id, [x.id for x in ledger.tasks]))
    return task_state(task, ledger, as_of)


@app.command(help=_both("cmd.status"))
def status(
    file: FileOpt = None,
    as_of: AsOfOpt = None,
    lang: LangOpt = None,
    as_json: JsonOpt = False,
    limit: Annotated[int, typer.Option("--limit", min=0, help=_both("opt.limit"))] = 20,
) -> None:
    from ..queries import status_summary
    from ..render import data, text

    run_report(
        file,
        as_of,
        lang,
        as_json,
        status_summary,
        lambda summary, _ledger, _ctx: data.status(summary),
        lambda summary, ledger, ctx: text.status(summary, ledger, ctx.lang, limit=limit, width=ctx.out.width),
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

    run_report(
        file,
        as_of,
        lang,
        as_json,
        lambda ledger, day: overdue_query(narrow(ledger, day, words or []), day, within),
        lambda report, _ledger, _ctx: data.overdue(report),
        lambda report, ledger, ctx: overdue_by_unit(report, ledger, ctx.lang, ctx.out.width) if group_by else text.overdue(report, ctx.lang, ctx.out.width),
    )


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
        lambda found, _ledger, ctx: text.unit(found, ctx.as_of, ctx.lang, ctx.out.width) if isinstance(found, UnitView) else text.group(found, ctx.as_of, ctx.lang, ctx.out.width),
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
        lambda rows, _ledger, ctx: text.units(rows, ctx.as_of, ctx.lang, ctx.out.width),
    )


@app.command(help=_both("cmd.show"))
def show(
    task_id: Annotated[str, typer.Argument(metavar="ID", help=_both("arg.task_id"), show_default=False, autocompletion=complete_task)],
    file: FileOpt = None,
    as_of: AsOfOpt = None,
    lang: LangOpt = None,
    as_json: JsonOpt = False,
) -> None:
    from ..render import data, text

    run_report(
        file,
        as_of,
        lang,
        as_json,
        lambda ledger, day: _task(ledger, task_id, day),
        lambda st, ledger, _ctx: data.show(st, ledger),
        lambda st, ledger, ctx: text.show(st, ledger, ctx.lang),
    )
