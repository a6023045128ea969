"""``check`` for CI and editors, and ``schema`` for editors."""

from __future__ import annotations

import enum
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from ..render.problems import PROBLEM_FORMATS, default_format
from .app import AsOfOpt, Ctx, FileOpt, LangOpt, _both, app, ledger_path

if TYPE_CHECKING:
    ProblemFormat = str
else:
    # The --format choices are the reporter registry's keys: one table, no second list to drift.
    ProblemFormat = enum.Enum("ProblemFormat", {name: name for name in PROBLEM_FORMATS}, type=str)


@app.command(help=_both("cmd.check"))
def check(
    files: Annotated[
        list[Path] | None,
        typer.Argument(metavar="FILE", help=_both("opt.check_files"), show_default=False),
    ] = None,
    fmt: Annotated[
        ProblemFormat | None,
        typer.Option("--format", help=_both("opt.check_format"), show_default=False),
    ] = None,
    strict: Annotated[bool, typer.Option("--strict", help=_both("opt.strict"))] = False,
    as_json: Annotated[bool, typer.Option("--json", help=_both("opt.check_json"))] = False,
    file: FileOpt = None,
    as_of: AsOfOpt = None,
    lang: LangOpt = None,
) -> None:
    from ..diagnose import exit_code_for
    from ..loader import WORKSPACE_FILE, CheckResult, find_start, validate

    ctx = Ctx(lang, as_of)
    # The found ledger is shown relative to here, as GitHub annotations and editors expect.
    named = [*(files or []), *([file] if file is not None else [])]
    if not named:
        found = find_start(Path.cwd())
        if found is None:
            ledger_path(None)  # says that nothing was found
        assert found is not None
        named = [Path(os.path.relpath(found))]
    results: list[CheckResult] = []
    for path in dict.fromkeys(named):
        if path.name == WORKSPACE_FILE or path.suffix == ".toml":
            from ..workspace import check as check_workspace

            results += check_workspace(path, today=ctx.as_of)
        else:
            results.append(validate(path, today=ctx.as_of))
    name = "json" if as_json else str(getattr(fmt, "value", fmt)) if fmt is not None else default_format()
    output = PROBLEM_FORMATS[name](results, ctx.lang)
    if isinstance(output, str):
        sys.stdout.write(output)
    else:
        # Like a compiler's: long lines are left to the terminal, so each problem stays one line.
        ctx.out.print(output, soft_wrap=True)
    raise typer.Exit(int(exit_code_for([p for r in results for p in r.problems], strict=strict)))


@app.command(help=_both("cmd.schema"))
def schema() -> None:
    from ..schema import schema_text

    sys.stdout.write(schema_text())
