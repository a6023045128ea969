"""The read-only reports: status, overdue, unit, units, show."""

from __future__ import annotations

from typing import Annotated

import typer

from ..errors import UsageError
from .app import AsOfOpt, Ctx, FileOpt, JsonOpt, LangOpt, app, load
from .listing import FilterArg, UnitGroup, complete_task, complete_unit


@app.command()
def status(
    file: FileOpt = None,
    as_of: AsOfOpt = None,
    lang: LangOpt = None,
    as_json: JsonOpt = False,
    limit: Annotated[int, typer.Option("--limit", min=0, help="需关注事项最多列出几项，0 为全部 / list at most N items needing attention, 0 for all")] = 20,
) -> None:
    """全局进度：按状态、红黄绿灯统计，分章节进度，需关注事项 / The whole plan at a glance: counts by status and light, progress per section, items needing attention."""
    from ..queries import status_summary
    from ..render import data, text

    ctx = Ctx(lang, as_of)
    ledger = load(file)
    summary = status_summary(ledger, ctx.as_of)
    if as_json:
        ctx.print_json(data.status(summary))
    else:
        ctx.print(text.status(summary, ledger, ctx.lang, limit=limit, width=ctx.out.width))


@app.command()
def overdue(
    file: FileOpt = None,
    as_of: AsOfOpt = None,
    lang: LangOpt = None,
    as_json: JsonOpt = False,
    within: Annotated[int | None, typer.Option("--within", min=0, help="同时列出 N 天内到期的事项 / also list what falls due in the next N days", show_default=False)] = None,
    words: FilterArg = None,
    group_by: Annotated[UnitGroup | None, typer.Option("--group-by", help="按牵头单位分组 / group by lead unit", show_default=False)] = None,
) -> None:
    """逾期事项（含周期性任务漏报的周期），逾期天数和牵头单位 / Every overdue obligation, with days late and lead units."""
    from ..filters import narrow
    from ..queries import overdue as overdue_query
    from ..render import data, text
    from ..render.listing import overdue_by_unit

    ctx = Ctx(lang, as_of)
    ledger = narrow(load(file), ctx.as_of, words or [])
    report = overdue_query(ledger, ctx.as_of, within)
    if as_json:
        ctx.print_json(data.overdue(report))
    elif group_by is not None:
        ctx.print(overdue_by_unit(report, ledger, ctx.lang, ctx.out.width))
    else:
        ctx.print(text.overdue(report, ctx.lang, ctx.out.width))


@app.command()
def unit(
    name: Annotated[str, typer.Argument(help="单位名称或别名 / unit name or alias", show_default=False, autocompletion=complete_unit)],
    words: FilterArg = None,
    file: FileOpt = None,
    as_of: AsOfOpt = None,
    lang: LangOpt = None,
    as_json: JsonOpt = False,
) -> None:
    """某单位的任务清单：牵头、点名配合、经群体涉及 / One unit's list: what it leads, supports by name, and what reaches it through a group."""
    from ..filters import narrow
    from ..names import Directory, suggest
    from ..queries import unit_view
    from ..render import data, text

    ctx = Ctx(lang, as_of)
    ledger = narrow(load(file), ctx.as_of, words or [])
    view = unit_view(ledger, name, ctx.as_of)
    if view is None:
        d = Directory(ledger)
        raise UsageError("err.unknown_unit", name=name, hint=suggest(name, d.known_names()))
    if as_json:
        ctx.print_json(data.unit(view, ctx.as_of))
    else:
        ctx.print(text.unit(view, ctx.as_of, ctx.lang, ctx.out.width))


@app.command()
def units(file: FileOpt = None, as_of: AsOfOpt = None, lang: LangOpt = None, as_json: JsonOpt = False) -> None:
    """各单位统计：牵头、配合、逾期、缺报 / One row per unit: led, supported, overdue, report missing."""
    from ..queries import units_table
    from ..render import data, text

    ctx = Ctx(lang, as_of)
    ledger = load(file)
    rows = units_table(ledger, ctx.as_of)
    if as_json:
        ctx.print_json(data.units(rows, ctx.as_of))
    else:
        ctx.print(text.units(rows, ctx.as_of, ctx.lang, ctx.out.width))


@app.command()
def show(
    task_id: Annotated[str, typer.Argument(metavar="ID", help="任务编号，如 2-2-2a / task id, e.g. 2-2-2a", show_default=False, autocompletion=complete_task)],
    file: FileOpt = None,
    as_of: AsOfOpt = None,
    lang: LangOpt = None,
    as_json: JsonOpt = False,
) -> None:
    """一项任务的全部信息：原文、单位、期限、进展记录 / One task in full: text, units, deadline and history."""
    from ..names import suggest
    from ..queries import find_task, task_state
    from ..render import data, text

    ctx = Ctx(lang, as_of)
    ledger = load(file)
    task = find_task(ledger, task_id)
    if task is None:
        raise UsageError("err.unknown_task", id=task_id, hint=suggest(task_id, [x.id for x in ledger.tasks]))
    st = task_state(task, ledger, ctx.as_of)
    if as_json:
        ctx.print_json(data.show(st, ledger))
    else:
        ctx.print(text.show(st, ledger, ctx.lang))
