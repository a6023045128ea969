"""The command line: parse options, call the core, pick a reporter, exit.

This package is the only one that imports typer. Exit codes come from ``errors.ExitCode``.
The console script enters through ``gongkai.console``, which answers a TAB on a ledger value
before this package (and typer) is imported.
"""

from __future__ import annotations

import os
import re
import sys
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

import typer

from ..errors import ExitCode, GongkaiError
from ..fastpath import GLOBAL_FLAGS, GLOBAL_VALUE_OPTIONS, hoist_globals
from ..render.problems import default_format
from . import check, documents, edits, history, listing, reports  # noqa: F401  (each registers its commands)
from .app import COMPLETE_VAR, _lang_from_argv, app, fail, is_stdout_error, stdout_closed, stdout_unencodable
from .documents import ExportFormat

if TYPE_CHECKING:
    from rich.console import Console

__all__ = ["GLOBAL_FLAGS", "GLOBAL_VALUE_OPTIONS", "ExportFormat", "app", "default_format", "hoist_globals", "main"]

def _stderr() -> Console:
    from ..render.terminal import stderr_console

    return stderr_console()


def main(argv: list[str] | None = None) -> None:
    """Console-script entry point: maps every outcome to the exit-code table."""
    if os.environ.get(COMPLETE_VAR):
        from typer._completion_classes import completion_init

        completion_init()  # the completion classes for bash, zsh, fish and PowerShell
    args = hoist_globals(list(sys.argv[1:] if argv is None else argv))
    lang = _lang_from_argv(args)
    if sys.stdout is None:  # started with stdout closed (``>&-``)
        stdout_closed(_stderr(), None, lang)
    try:
        code = app(args=args, prog_name="gongkai", standalone_mode=False, obj={"argv": args})
    except GongkaiError as exc:
        fail(_stderr(), exc, lang)
    except (KeyboardInterrupt, typer.Abort):
        raise SystemExit(130) from None
    except UnicodeEncodeError:
        stdout_unencodable(_stderr(), lang)
    except OSError as exc:
        if not is_stdout_error(exc):
            raise
        stdout_closed(_stderr(), exc, lang)
    except Exception as exc:
        # click's UsageError family (typer vendors click, so match by shape, not by class).
        if not hasattr(exc, "show") or not hasattr(exc, "exit_code"):
            raise
        if type(exc).__name__ == "NoArgsIsHelpError":
            exc.show()
            raise SystemExit(int(ExitCode.OK)) from None
        sys.stderr.write(usage_error_text(exc, args, lang))
        raise SystemExit(int(ExitCode.USAGE)) from None
    raise SystemExit(int(code) if isinstance(code, int) else 0)


# --- usage errors in the user's language ---------------------------------------------------------


def _raw_value(args: Sequence[str], opts: Sequence[str]) -> str | None:
    for i, arg in enumerate(args):
        for opt in opts:
            if arg == opt and i + 1 < len(args):
                return args[i + 1]
            if arg.startswith(opt + "="):
                return arg[len(opt) + 1 :]
    return None


def _param_name(param: Any) -> str:
    opts = [o for o in getattr(param, "opts", []) if o.startswith("--")]
    if getattr(param, "param_type_name", "") == "option" and opts:
        return str(opts[0])
    metavar = getattr(param, "metavar", None)
    return str(metavar or getattr(param, "name", "") or "").upper()


def usage_message(exc: Any, args: Sequence[str], lang: str) -> str:
    """The message of a click usage error, worded by the catalog."""
    from ..i18n import Lang, Suggestions, join, render

    lng: Lang = "en" if lang == "en" else "zh"
    kind = type(exc).__name__
    message = str(getattr(exc, "message", "") or "")
    param = getattr(exc, "param", None)

    def say(key: str, **kw: Any) -> str:
        return render(key, lng, kw)

    if kind == "NoSuchOption":
        name = str(exc.option_name)
        return say("usage.no_such_option", name=name, hint=Suggestions(tuple(getattr(exc, "possibilities", None) or ())))
    if kind == "BadOptionUsage" and "requires an argument" in message:
        return say("usage.needs_value", name=str(exc.option_name))
    if kind == "MissingParameter" and param is not None:
        key = "usage.missing_option" if getattr(param, "param_type_name", "") == "option" else "usage.missing_argument"
        return say(key, name=_param_name(param))
    if kind == "BadParameter" and param is not None:
        name = _param_name(param)
        value = _raw_value(args, getattr(param, "opts", [])) or ""
        if "valid integer" in message:
            return say("usage.bad_int", name=name, value=value)
        bound = re.search(r"greater than or equal to (\S+)", message)
        if bound:
            return say("usage.too_small", name=name, value=value, bound=bound[1])
        if "is not one of" in message:
            quoted = re.findall(r"'([^']*)'", message)
            allowed = [str(c) for c in getattr(getattr(param, "type", None), "choices", None) or quoted[1:]]
            return say("usage.bad_choice", name=name, value=value or (quoted[0] if quoted else ""), allowed=join(allowed, lng))
        return say("usage.bad_value", name=name, detail=message)
    command = re.match(r"No such command '(.*?)'\.", message)
    if command:
        ctx = getattr(exc, "ctx", None)
        names = list(ctx.command.list_commands(ctx)) if ctx is not None and hasattr(ctx.command, "list_commands") else []
        import difflib

        return say("usage.no_such_command", name=command[1], hint=Suggestions(tuple(difflib.get_close_matches(command[1], names, n=3))))
    if message.startswith("Missing command"):
        return say("usage.missing_command")
    extra = re.match(r"Got unexpected extra arguments? \((.*)\)", message)
    if extra:
        return say("usage.extra_args", args=extra[1])
    return say("usage.other", detail=message)


def usage_error_text(exc: Any, args: Sequence[str], lang: str) -> str:
    """Usage line, where to find help, and the error, as click lays them out, in the user's language."""
    from ..i18n import Lang, t

    lng: Lang = "en" if lang == "en" else "zh"
    lines: list[str] = []
    ctx = getattr(exc, "ctx", None)
    if ctx is not None:
        usage = ctx.get_usage()
        lines.append(re.sub(r"^Usage:\s*", t("usage.usage", lng) + ("" if lng == "zh" else " "), usage))
        lines.append(t("usage.try_help", lng, command=ctx.command_path))
        lines.append("")
    lines.append(f"{t('err.prefix', lng)}: {usage_message(exc, args, lng)}")
    return "\n".join(lines) + "\n"
