"""The read-only reports: status, overdue, unit, units, show."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Annotated

import typer

from .app import AsOfOpt, Ctx, FileOpt, JsonOpt, LangOpt, _both, app, load, run_report
from .listing import FilterArg, UnitGroup, complete_task, complete_unit

if TYPE_CHECKING:
    from ..models import Ledger
    from ..queries import TaskState


def _task(ledger: Ledger, task_id: str, as_of: dt.date) -> TaskState | list[TaskState]:
    from ..reports import find

    return find(ledger, task_id, as_of)


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
    if trend:
        from .history import show_trend

        show_trend(Ctx(lang, as_of), load(file), per, as_json)
        return
    from .. import reports

    run_report(file, as_of, lang, as_json, lambda ledger, day, lng, width, js: reports.status(ledger, day, lng, width, js, limit=limit))


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
    from .. import reports

    run_report(
        file,
        as_of,
        lang,
        as_json,
        lambda ledger, day, lng, width, js: reports.overdue(ledger, day, lng, width, js, within=within, words=words or [], by_unit=group_by is not None),
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
    from .. import reports

    run_report(file, as_of, lang, as_json, lambda ledger, day, lng, width, js: reports.unit(ledger, day, lng, width, js, name=name, words=words or []))


@app.command(help=_both("cmd.units"))
def units(file: FileOpt = None, as_of: AsOfOpt = None, lang: LangOpt = None, as_json: JsonOpt = False) -> None:
    from .. import reports

    run_report(file, as_of, lang, as_json, reports.units)


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

    ctx = Ctx(lang, as_of)
    ledger = load(file)
    found = _task(ledger, task_id, ctx.as_of)
    if as_json:
        ctx.print_json(history_data.show_number(task_id, found, ledger) if isinstance(found, list) else data.show(found, ledger))
    else:
        ctx.print(show_clauses(found, ledger, ctx.lang) if isinstance(found, list) else show_task(found, ledger, ctx.lang))
