"""The command line's shared parts: the Typer app, the options every command takes, the context.

The cli package is the only place that imports typer. Each module of it registers one family
of commands on ``app``; ``gongkai.cli.main`` is the entry point.
"""

from __future__ import annotations

import datetime as dt
import json
import sys
from pathlib import Path
from typing import Annotated, Any, NoReturn

import typer
from rich.console import Console, RenderableType

from .. import __version__
from ..errors import GongkaiError, LedgerInvalid, Problem, UnreadableError, UsageError
from ..i18n import Lang, render, resolve_lang, t
from ..models import Ledger

app = typer.Typer(
    name="gongkai",
    help="gongkai：实施方案任务分工台账 / the task-responsibility ledger of an implementation plan.",
    add_completion=False,
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
)

COMPLETE_VAR = "_GONGKAI_COMPLETE"

# --- shared options ----------------------------------------------------------------------------

FileOpt = Annotated[
    Path | None,
    typer.Option("--file", "-f", help="台账文件，默认从当前目录向上查找 tasks.yaml / ledger file (default: tasks.yaml searched upward)", show_default=False),
]
AsOfOpt = Annotated[
    str | None,
    typer.Option("--as-of", help="以该日期为准，默认今天 / evaluate as of this date (YYYY-MM-DD, default today)", show_default=False),
]
LangOpt = Annotated[
    str | None,
    typer.Option("--lang", help="输出语言 zh|en（或 GONGKAI_LANG）/ output language zh|en (or GONGKAI_LANG)", show_default=False),
]
JsonOpt = Annotated[bool, typer.Option("--json", help="输出 JSON（见 docs/json.md）/ print JSON (see docs/json.md)")]


class Ctx:
    """What every command needs once its options are parsed."""

    def __init__(self, lang: str | None, as_of: str | None = None) -> None:
        from ..dates import parse_user_date

        try:
            self.lang: Lang = resolve_lang(lang)
        except ValueError:
            self.lang = "zh"
            raise UsageError("err.bad_lang", value=lang) from None
        self.as_of: dt.date = parse_user_date(as_of)
        self.out = Console(highlight=False, soft_wrap=False)
        self.err = Console(stderr=True, highlight=False, soft_wrap=True)

    def print(self, renderable: RenderableType) -> None:
        self.out.print(renderable)

    def print_json(self, data: Any) -> None:
        sys.stdout.write(json.dumps(data, ensure_ascii=False, indent=2) + "\n")


def ledger_path(file: Path | None) -> Path:
    if file is not None:
        return file
    from ..loader import find_ledger

    found = find_ledger(Path.cwd())
    if found is None:
        raise UsageError("err.no_ledger", start=str(Path.cwd()))
    return found


def load(file: Path | None) -> Ledger:
    from ..loader import load_ledger

    return load_ledger(ledger_path(file))


def _both(key: str) -> str:
    return f"{t(key, 'zh')} / {t(key, 'en')}"


def _version_callback(value: bool) -> None:
    if value:
        typer.echo(f"gongkai {__version__}")
        raise typer.Exit()


SHELLS = ("bash", "zsh", "fish", "powershell", "pwsh")


def _completion_callback(install: bool) -> Any:
    """``--install-completion [SHELL]`` / ``--show-completion [SHELL]``, the shell detected when not named."""

    def callback(ctx: typer.Context, value: bool) -> None:
        if not value or ctx.resilient_parsing:
            return
        from typer._completion_shared import _get_shell_name, get_completion_script
        from typer._completion_shared import install as install_script

        argv: list[str] = (ctx.find_root().obj or {}).get("argv", sys.argv[1:])
        flag = "--install-completion" if install else "--show-completion"
        after = argv[argv.index(flag) + 1 :] if flag in argv else []
        lang = _lang_from_argv(argv)
        shell = after[0] if after and not after[0].startswith("-") else (_get_shell_name() or "")
        if shell not in SHELLS:
            raise UsageError("completion.unknown_shell", shell=shell)
        if install:
            name, path = install_script(shell=shell, prog_name="gongkai", complete_var=COMPLETE_VAR)
            typer.echo(t("completion.installed", lang, shell=name, path=str(path)))
        else:
            typer.echo(get_completion_script(prog_name="gongkai", complete_var=COMPLETE_VAR, shell=shell))
        raise typer.Exit()

    return callback


@app.callback()
def _root(
    version: Annotated[bool, typer.Option("--version", callback=_version_callback, is_eager=True, help=_both("opt.version"))] = False,
    file: FileOpt = None,
    as_of: AsOfOpt = None,
    lang: LangOpt = None,
    as_json: JsonOpt = False,
    install_completion: Annotated[
        bool,
        typer.Option("--install-completion", callback=_completion_callback(True), is_eager=True, help=_both("opt.install_completion"), show_default=False),
    ] = False,
    show_completion: Annotated[
        bool,
        typer.Option("--show-completion", callback=_completion_callback(False), is_eager=True, help=_both("opt.show_completion"), show_default=False),
    ] = False,
) -> None:
    """gongkai：实施方案任务分工台账 / the task-responsibility ledger of an implementation plan.

    --file、--as-of、--lang、--json 写在命令前后均可 / --file, --as-of, --lang and --json may come before the command or after it.
    """


def _lang_from_argv(argv: list[str]) -> Lang:
    raw: str | None = None
    for i, arg in enumerate(argv):
        if arg == "--lang" and i + 1 < len(argv):
            raw = argv[i + 1]
        elif arg.startswith("--lang="):
            raw = arg.split("=", 1)[1]
    try:
        return resolve_lang(raw)
    except ValueError:
        return "zh"


def report_problems(err: Console, problems: list[Problem], lang: Lang) -> None:
    from ..render.problems import parsable_line

    for p in problems:
        err.print(parsable_line(p, lang), markup=False, highlight=False)


def fail(err: Console, exc: GongkaiError, lang: Lang) -> NoReturn:
    """Print a GongkaiError in the user's language and exit with its code."""
    if isinstance(exc, UnreadableError):
        report_problems(err, [exc.problem], lang)
    elif isinstance(exc, LedgerInvalid):
        report_problems(err, exc.problems, lang)
        err.print(f"{t('err.prefix', lang)}: {render(exc.key, lang, exc.args_map)}", markup=False)
    else:
        problems = getattr(exc, "problems", None)
        if problems:
            report_problems(err, problems, lang)
        err.print(f"{t('err.prefix', lang)}: {render(exc.key, lang, exc.args_map)}", markup=False)
    raise SystemExit(int(exc.exit_code))
