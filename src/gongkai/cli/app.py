"""The command line's shared parts: the Typer app, the options every command takes, the context.

The cli package is the only place that imports typer. Each module of it registers one family
of commands on ``app``; ``gongkai.cli.main`` is the entry point.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import errno
import json
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, NoReturn

import typer
from rich.console import Console, RenderableType

from .. import __version__
from ..errors import ExitCode, GongkaiError, LedgerInvalid, Problem, UnreadableError, UsageError
from ..i18n import Lang, render, resolve_lang, t
from ..models import Ledger
from ..render.plain import Doc, terminal
from ..render.plain import render as render_doc
from ..render.terminal import stderr_console, stdout_console, visible

if TYPE_CHECKING:
    from ..workspace import Workspace


def _both(key: str) -> str:
    """Help text in both languages: the catalog's Chinese, then its English."""
    return f"{t(key, 'zh')} / {t(key, 'en')}"


app = typer.Typer(
    name="gongkai",
    help=_both("app.help"),
    add_completion=False,
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
)

COMPLETE_VAR = "_GONGKAI_COMPLETE"

# --- shared options ----------------------------------------------------------------------------

FileOpt = Annotated[Path | None, typer.Option("--file", "-f", help=_both("opt.file"), show_default=False)]
# The read commands: a repeated --file reads several ledgers as one workspace.
FilesOpt = Annotated[list[Path] | None, typer.Option("--file", "-f", metavar="PATH", help=_both("opt.files"), show_default=False)]
AsOfOpt = Annotated[str | None, typer.Option("--as-of", help=_both("opt.as_of"), show_default=False)]
LangOpt = Annotated[str | None, typer.Option("--lang", help=_both("opt.lang"), show_default=False)]
JsonOpt = Annotated[bool, typer.Option("--json", help=_both("opt.json"))]
OutputOpt = Annotated[Path | None, typer.Option("--output", "-o", metavar="FILE", help=_both("opt.output"), show_default=False)]
ForceOpt = Annotated[bool, typer.Option("--force", help=_both("opt.force"))]


class Ctx:
    """What every command needs once its options are parsed."""

    def __init__(self, lang: str | None, as_of: str | None = None) -> None:
        from ..dates import parse_user_date

        try:
            self.lang: Lang = resolve_lang(lang)
        except ValueError:
            self.lang = "zh"
            if lang is None:
                raise UsageError("err.bad_lang_env", value=os.environ.get("GONGKAI_LANG", "")) from None
            raise UsageError("err.bad_lang", value=lang) from None
        self.as_of: dt.date = parse_user_date(as_of)
        self.term = terminal(sys.stdout)
        self.width = self.term.width
        self.out = stdout_console()
        self.err = stderr_console()

    def print(self, renderable: RenderableType | Doc) -> None:
        if isinstance(renderable, Doc):
            sys.stdout.write(render_doc(renderable, self.term))
        else:
            self.out.print(renderable)

    def say(self, line: str) -> None:
        """One line of gongkai's own text (its arguments may be ledger text) on standard output."""
        self.out.print(visible(line), markup=False, highlight=False, soft_wrap=True)

    def print_json(self, data: Any) -> None:
        sys.stdout.write(json.dumps(data, ensure_ascii=False, indent=2) + "\n")


def ledger_path(file: Path | None) -> Path:
    """The one ledger a command works on: ``--file``, else the tasks.yaml found upward."""
    from ..loader import one_ledger

    return one_ledger(file)


def load(file: Path | None) -> Ledger:
    from ..loader import load_ledger

    return load_ledger(ledger_path(file))


def sources(files: list[Path] | None) -> list[Path]:
    """What a read command reads: every ``--file`` once, else the nearest tasks.yaml or gongkai.toml."""
    from ..loader import WORKSPACE_FILE, find_start

    paths = list(dict.fromkeys(files or []))
    if paths:
        return paths
    found = find_start(Path.cwd())
    if found is None:
        raise UsageError("err.no_ledger", start=str(Path.cwd()))
    # A workspace's files are named relative to here, as check and editors name them.
    return [Path(os.path.relpath(found)) if found.name == WORKSPACE_FILE else found]


def is_workspace(paths: list[Path]) -> bool:
    """Several ledgers, or a gongkai.toml; nothing is read to tell."""
    from ..loader import WORKSPACE_FILE

    return len(paths) > 1 or any(p.name == WORKSPACE_FILE or p.suffix == ".toml" for p in paths)


def load_many(paths: list[Path]) -> Workspace:
    """The workspace of a gongkai.toml, or of several ledgers (not both)."""
    from ..loader import WORKSPACE_FILE
    from ..workspace import load_workspace

    tomls = [p for p in paths if p.name == WORKSPACE_FILE or p.suffix == ".toml"]
    if tomls and len(paths) > 1:
        raise UsageError("err.workspace_mixed", path=str(tomls[0]))
    return load_workspace(paths[0] if tomls else paths)


def load_any(files: list[Path] | None) -> Ledger | Workspace:
    """One ledger (one ``--file``, or tasks.yaml found upward), or a workspace (several ``--file``,
    a gongkai.toml named or found upward; the nearest file wins)."""
    from ..loader import load_ledger

    paths = sources(files)
    return load_many(paths) if is_workspace(paths) else load_ledger(paths[0])


def print_answer(ctx: Ctx, answer: Any) -> None:
    """What a read report answered (``gongkai.reports``), printed: the styled lines, the text or the JSON."""
    from ..reports import text_of

    sys.stdout.write(text_of(answer, ctx.term))


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
        typer.Option(
            "--install-completion",
            callback=_completion_callback(True),
            is_eager=True,
            help=_both("opt.install_completion"),
            show_default=False,
        ),
    ] = False,
    show_completion: Annotated[
        bool,
        typer.Option(
            "--show-completion", callback=_completion_callback(False), is_eager=True, help=_both("opt.show_completion"), show_default=False
        ),
    ] = False,
) -> None:
    pass


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
        err.print(visible(parsable_line(p, lang)), markup=False, highlight=False)


def stdout_closed(err: Console, exc: OSError | None, lang: Lang) -> NoReturn:
    """Standard output is closed (``>&-``) or its reader went away (``| head``): no traceback.

    A closed stdout gets a message; a reader that stopped reading already has what it wanted.
    """
    if not isinstance(exc, BrokenPipeError):
        err.print(f"{t('err.prefix', lang)}: {t('err.stdout_closed', lang)}", markup=False, soft_wrap=True)
    # Python flushes stdout at exit, which would fail again with a traceback of its own.
    with contextlib.suppress(OSError, ValueError, AttributeError):
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.__stdout__.fileno())  # type: ignore[union-attr]
    raise SystemExit(int(ExitCode.USAGE))


def stdout_unencodable(err: Console, lang: Lang) -> NoReturn:
    """Standard output that cannot take the text (PYTHONIOENCODING=ascii): said, never a traceback."""
    encoding = getattr(sys.stdout, "encoding", None) or "?"
    err.print(f"{t('err.prefix', lang)}: {t('err.stdout_encoding', lang, encoding=encoding)}", markup=False)
    raise SystemExit(int(ExitCode.USAGE)) from None


def is_stdout_error(exc: BaseException) -> bool:
    return isinstance(exc, OSError) and exc.errno in (errno.EPIPE, errno.EBADF)


def fail(err: Console, exc: GongkaiError, lang: Lang) -> NoReturn:
    """Print a GongkaiError in the user's language and exit with its code."""
    if isinstance(exc, UnreadableError):
        report_problems(err, [exc.problem], lang)
    elif isinstance(exc, LedgerInvalid):
        report_problems(err, exc.problems, lang)
        err.print(f"{t('err.prefix', lang)}: {visible(render(exc.key, lang, exc.args_map))}", markup=False)
    else:
        problems = getattr(exc, "problems", None)
        if problems:
            report_problems(err, problems, lang)
        err.print(f"{t('err.prefix', lang)}: {visible(render(exc.key, lang, exc.args_map))}", markup=False)
    raise SystemExit(int(exc.exit_code))
