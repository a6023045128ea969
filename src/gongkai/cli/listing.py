"""``list`` (find, filter, sort, group), ``init`` (a new ledger) and ``docs`` (the installed documents)."""

from __future__ import annotations

import enum
import sys
from pathlib import Path
from typing import Annotated, Any

import typer

from ..errors import UsageError
from ..i18n import Lang, t
from .app import AsOfOpt, Ctx, FilesOpt, JsonOpt, LangOpt, _both, app, load_any, print_answer

# --- completion: typer asks these; a TAB on a ledger value is answered before typer loads ------


def _complete(kind: str, args: list[str], incomplete: str) -> list[str]:
    from ..completion import candidates, ledgers_for, names_in

    return candidates(kind, incomplete, names_in(ledgers_for(args)))


def complete_filter(args: list[str], incomplete: str) -> list[str]:
    return _complete("filter", args, incomplete)


def complete_unit(args: list[str], incomplete: str) -> list[str]:
    return _complete("unit", args, incomplete)


def complete_task(args: list[str], incomplete: str) -> list[str]:
    return _complete("task", args, incomplete)


def complete_period(args: list[str], incomplete: str) -> list[str]:
    return _complete("period", args, incomplete)


FilterArg = Annotated[
    list[str] | None,
    typer.Argument(metavar="FILTER", help=_both("list.arg.filter"), show_default=False, autocompletion=complete_filter),
]


class UnitGroup(str, enum.Enum):
    unit = "unit"


class GroupBy(str, enum.Enum):
    unit = "unit"
    section = "section"
    light = "light"
    status = "status"


@app.command("list", help=_both("cmd.list"))
def list_(
    words: FilterArg = None,
    sort: Annotated[str | None, typer.Option("--sort", help=_both("list.opt.sort"), show_default=False)] = None,
    limit: Annotated[int, typer.Option("--limit", min=0, help=_both("list.opt.limit"))] = 0,
    columns: Annotated[str | None, typer.Option("--columns", help=_both("list.opt.columns"), show_default=False)] = None,
    group_by: Annotated[GroupBy | None, typer.Option("--group-by", help=_both("list.opt.group_by"), show_default=False)] = None,
    file: FilesOpt = None,
    as_of: AsOfOpt = None,
    lang: LangOpt = None,
    as_json: JsonOpt = False,
) -> None:
    from .. import reports
    from ..models import Ledger
    from ..render.listing import parse_columns

    ctx = Ctx(lang, as_of)
    parse_columns(columns)  # a wrong column is named before the ledger is read
    found = load_any(file)
    report = reports.task_list if isinstance(found, Ledger) else reports.workspace_list
    by = group_by.value if group_by is not None else None
    print_answer(ctx, report(found, ctx.as_of, ctx.lang, ctx.width, as_json, words=words or [], sort=sort, limit=limit, columns=columns, group_by=by))  # type: ignore[arg-type]


# --- init ----------------------------------------------------------------------------------------


def _ask(key: str, lang: Lang, default: str | None = None) -> str:
    value: str = typer.prompt(t(key, lang), default=default, show_default=default is not None)
    return value.strip()


@app.command(help=_both("cmd.init"))
def init(
    output: Annotated[Path, typer.Option("--output", "-o", help=_both("init.opt.output"))] = Path("tasks.yaml"),
    title: Annotated[str | None, typer.Option("--title", help=_both("init.opt.title"), show_default=False)] = None,
    doc_number: Annotated[str | None, typer.Option("--doc-number", help=_both("init.opt.doc_number"), show_default=False)] = None,
    issued: Annotated[str | None, typer.Option("--issued", help=_both("init.opt.issued"), show_default=False)] = None,
    period: Annotated[str | None, typer.Option("--period", help=_both("init.opt.period"), show_default=False)] = None,
    units: Annotated[list[str] | None, typer.Option("--unit", help=_both("init.opt.unit"), show_default=False)] = None,
    lang: LangOpt = None,
) -> None:

    from ..dates import parse_user_date
    from ..schema import schema_text
    from ..starter import NewPlan, create, ledger_text, parse_period, split_units

    ctx = Ctx(lang)
    if output.exists():
        raise UsageError("init.err.exists", path=str(output))
    ask = sys.stdin.isatty()

    def need(value: str | None, key: str, default: str | None = None) -> str:
        if value is not None and value.strip():
            return value.strip()
        if not ask:
            raise UsageError("init.err.missing", what=t(key, ctx.lang))
        return _ask(key, ctx.lang, default)

    title_text = need(title, "init.prompt.title")
    if doc_number is None and ask:
        doc_number = _ask("init.prompt.doc_number", ctx.lang, default="")
    issued_day = parse_user_date(need(issued, "init.prompt.issued"))
    if period is None and ask:
        start = parse_user_date(_ask("init.prompt.start", ctx.lang, issued_day.isoformat()))
        end = parse_user_date(_ask("init.prompt.end", ctx.lang, f"{issued_day.year}-12-31"))
        period = f"{start.isoformat()}..{end.isoformat()}"
    start_day, end_day = parse_period(period or str(issued_day.year), issued_day)
    names = split_units(units or ([] if not ask else [_ask("init.prompt.units", ctx.lang)]))
    if not names:
        raise UsageError("init.err.no_units")
    plan = NewPlan(title_text, issued_day, start_day, end_day, names, doc_number or None)
    create(output, ledger_text(plan, ctx.lang))
    schema_file = output.parent / "tasks.schema.json"
    if not schema_file.exists():
        create(schema_file, schema_text())
    ctx.out.print(t("init.written", ctx.lang, path=str(output)), markup=False, soft_wrap=True)


# --- docs ------------------------------------------------------------------------------------------


def _installed_docs() -> dict[str, Any]:
    from importlib.resources import files

    folder = files("gongkai").joinpath("docs")
    return {entry.name.removesuffix(".md"): entry for entry in folder.iterdir() if entry.name.endswith(".md")}


def complete_doc(incomplete: str) -> list[str]:
    return sorted(name for name in _installed_docs() if name.startswith(incomplete))


@app.command(help=_both("cmd.docs"))
def docs(
    name: Annotated[
        str | None, typer.Argument(metavar="[NAME]", help=_both("docs.arg.name"), show_default=False, autocompletion=complete_doc)
    ] = None,
    lang: LangOpt = None,
) -> None:

    Ctx(lang)  # checks --lang
    found = _installed_docs()
    if name is None:
        sys.stdout.write("".join(f"{n}\n" for n in sorted(found)))
        return
    entry = found.get(name.removesuffix(".md").removeprefix("docs/"))
    if entry is None:
        raise UsageError("docs.err.unknown", name=name, allowed=", ".join(sorted(found)))
    sys.stdout.write(entry.read_text(encoding="utf-8"))
