"""The read-only reports: status, overdue, unit, units, show."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated, Any

import typer

from ..i18n import t
from .app import AsOfOpt, Ctx, FilesOpt, JsonOpt, LangOpt, _both, app, load_any, print_answer
from .listing import FilterArg, UnitGroup, complete_task, complete_unit

if TYPE_CHECKING:
    from ..models import Ledger
    from ..queries import TaskState
    from ..workspace import Plan


@app.command(help=_both("cmd.status"))
def status(
    file: FilesOpt = None,
    as_of: AsOfOpt = None,
    lang: LangOpt = None,
    as_json: JsonOpt = False,
    limit: Annotated[int, typer.Option("--limit", min=0, help=_both("opt.limit"))] = 20,
    trend: Annotated[bool, typer.Option("--trend", help=_both("opt.trend"))] = False,
    per: Annotated[str, typer.Option("--per", help=_both("opt.per"))] = "week",
) -> None:
    from ..models import Ledger

    ctx = Ctx(lang, as_of)
    found = load_any(file)
    if trend:
        from .history import show_trend

        show_trend(ctx, found, per, as_json)
        return
    from .. import reports

    report = reports.status if isinstance(found, Ledger) else reports.workspace_status
    print_answer(ctx, report(found, ctx.as_of, ctx.lang, ctx.width, as_json, limit=limit))  # type: ignore[arg-type]


@app.command(help=_both("cmd.overdue"))
def overdue(
    file: FilesOpt = None,
    as_of: AsOfOpt = None,
    lang: LangOpt = None,
    as_json: JsonOpt = False,
    within: Annotated[int | None, typer.Option("--within", min=0, help=_both("opt.within"), show_default=False)] = None,
    words: FilterArg = None,
    group_by: Annotated[UnitGroup | None, typer.Option("--group-by", help=_both("opt.group_by_unit"), show_default=False)] = None,
) -> None:
    from .. import reports
    from ..models import Ledger

    ctx = Ctx(lang, as_of)
    found = load_any(file)
    report = reports.overdue if isinstance(found, Ledger) else reports.workspace_overdue
    print_answer(ctx, report(found, ctx.as_of, ctx.lang, ctx.width, as_json, within=within, words=words or [], by_unit=group_by is not None))  # type: ignore[arg-type]


@app.command(help=_both("cmd.unit"))
def unit(
    name: Annotated[str, typer.Argument(metavar="NAME", help=_both("arg.unit"), show_default=False, autocompletion=complete_unit)],
    words: FilterArg = None,
    file: FilesOpt = None,
    as_of: AsOfOpt = None,
    lang: LangOpt = None,
    as_json: JsonOpt = False,
) -> None:
    from .. import reports
    from ..models import Ledger

    ctx = Ctx(lang, as_of)
    found = load_any(file)
    report = reports.unit if isinstance(found, Ledger) else reports.workspace_unit
    print_answer(ctx, report(found, ctx.as_of, ctx.lang, ctx.width, as_json, name=name, words=words or []))  # type: ignore[arg-type]


@app.command(help=_both("cmd.units"))
def units(file: FilesOpt = None, as_of: AsOfOpt = None, lang: LangOpt = None, as_json: JsonOpt = False) -> None:
    from .. import reports
    from ..models import Ledger

    ctx = Ctx(lang, as_of)
    found = load_any(file)
    report = reports.units if isinstance(found, Ledger) else reports.workspace_units
    print_answer(ctx, report(found, ctx.as_of, ctx.lang, ctx.width, as_json))  # type: ignore[arg-type]


@app.command(help=_both("cmd.show"))
def show(
    task_id: Annotated[str, typer.Argument(metavar="ID", help=_both("arg.task_id"), show_default=False, autocompletion=complete_task)],
    file: FilesOpt = None,
    as_of: AsOfOpt = None,
    lang: LangOpt = None,
    as_json: JsonOpt = False,
) -> None:
    from ..models import Ledger
    from ..render import data, history_data
    from ..render.history import show_clauses
    from ..render.show import show as show_task

    ctx = Ctx(lang, as_of)
    read = load_any(file)
    answers: list[tuple[Plan | None, Ledger, TaskState | list[TaskState]]]
    if isinstance(read, Ledger):
        from ..reports import find

        answers = [(None, read, find(read, task_id, ctx.as_of))]
    else:
        from .. import portfolio

        answers = [(plan, plan.ledger, found) for plan, found in portfolio.find_all(read, task_id, ctx.as_of)]

    def shown(ledger: Ledger, found: TaskState | list[TaskState]) -> dict[str, Any]:
        return history_data.show_number(task_id, found, ledger) if isinstance(found, list) else data.show(found, ledger)

    if as_json and answers[0][0] is None:
        ctx.print_json(shown(answers[0][1], answers[0][2]))
    elif as_json:  # a workspace: the task (or the numbered item) in each plan that has it
        ctx.print_json({"schema": data.SCHEMA_VERSION, "tasks": [{"plan": plan.id, **shown(ledger, found)} for plan, ledger, found in answers if plan]})
    else:
        for plan, ledger, found in answers:
            if plan is not None:
                ctx.say(t("workspace.plan", ctx.lang, id=plan.id))
            ctx.print(show_clauses(found, ledger, ctx.lang) if isinstance(found, list) else show_task(found, ledger, ctx.lang))
