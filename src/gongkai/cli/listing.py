"""``list`` (find, filter, sort, group), ``init`` (a new ledger) and ``docs`` (the installed documents)."""

from __future__ import annotations

import enum
from typing import Annotated

import typer

from .app import AsOfOpt, Ctx, FileOpt, JsonOpt, LangOpt, _both, app, load

# --- completion: typer asks these; a TAB on a ledger value is answered before typer loads ------


def _complete(kind: str, args: list[str], incomplete: str) -> list[str]:
    from ..completion import candidates, ledger_for, names_for

    path = ledger_for(args)
    return candidates(kind, incomplete, names_for(path) if path is not None else None)


def complete_filter(args: list[str], incomplete: str) -> list[str]:
    return _complete("filter", args, incomplete)


def complete_unit(args: list[str], incomplete: str) -> list[str]:
    return _complete("unit", args, incomplete)


def complete_task(args: list[str], incomplete: str) -> list[str]:
    return _complete("task", args, incomplete)


def complete_period(args: list[str], incomplete: str) -> list[str]:
    return _complete("period", args, incomplete)


class GroupBy(str, enum.Enum):
    unit = "unit"
    section = "section"
    light = "light"
    status = "status"


@app.command("list")
def list_(
    words: Annotated[
        list[str] | None,
        typer.Argument(metavar="[FILTER]...", help=_both("list.arg.filter"), show_default=False, autocompletion=complete_filter),
    ] = None,
    sort: Annotated[str | None, typer.Option("--sort", help=_both("list.opt.sort"), show_default=False)] = None,
    limit: Annotated[int, typer.Option("--limit", min=0, help=_both("list.opt.limit"))] = 0,
    columns: Annotated[str | None, typer.Option("--columns", help=_both("list.opt.columns"), show_default=False)] = None,
    group_by: Annotated[GroupBy | None, typer.Option("--group-by", help=_both("list.opt.group_by"), show_default=False)] = None,
    file: FileOpt = None,
    as_of: AsOfOpt = None,
    lang: LangOpt = None,
    as_json: JsonOpt = False,
) -> None:
    """按条件查找、排序、分组任务（筛选语法见 docs/filters.md）/ Find, filter, sort and group tasks (filters: docs/filters.md)."""
    from ..filters import list_tasks
    from ..render.listing import parse_columns, task_list, task_list_data

    ctx = Ctx(lang, as_of)
    cols = parse_columns(columns)
    ledger = load(file)
    by = group_by.value if group_by is not None else None
    result = list_tasks(ledger, ctx.as_of, words or [], sort=sort, limit=limit, group_by=by)
    if as_json:
        ctx.print_json(task_list_data(result.shown, result.total, result.as_of, result.words, groups=result.groups, group_by=by))
    else:
        ctx.print(task_list(result.shown, result.total, result.as_of, cols, ctx.lang, ctx.out.width, ledger=ledger, groups=result.groups, group_by=by))

