"""The command line: parse options, call the core, pick a reporter, exit.

This package is the only one that imports typer. Exit codes come from ``errors.ExitCode``.
"""

from __future__ import annotations

import sys

import typer
from rich.console import Console

from ..errors import ExitCode, GongkaiError
from . import check, documents, edits, history, reports  # noqa: F401  (each registers its commands)
from .app import _lang_from_argv, app, fail, is_stdout_error, stdout_closed
from .check import default_format
from .documents import ExportFormat

__all__ = ["ExportFormat", "app", "default_format", "main"]


def main(argv: list[str] | None = None) -> None:
    """Console-script entry point: maps every outcome to the exit-code table."""
    args = list(sys.argv[1:] if argv is None else argv)
    lang = _lang_from_argv(args)
    err = Console(stderr=True, highlight=False, soft_wrap=True)
    if sys.stdout is None:  # started with stdout closed (``>&-``)
        stdout_closed(err, None, lang)
    try:
        code = app(args=args, prog_name="gongkai", standalone_mode=False)
    except GongkaiError as exc:
        fail(err, exc, lang)
    except (KeyboardInterrupt, typer.Abort):
        raise SystemExit(130) from None
    except OSError as exc:
        if not is_stdout_error(exc):
            raise
        stdout_closed(err, exc, lang)
    except Exception as exc:
        # click's UsageError family (typer may vendor click, so match by shape, not by class).
        show = getattr(exc, "show", None)
        if show is None or not hasattr(exc, "exit_code"):
            raise
        show()
        no_args = type(exc).__name__ == "NoArgsIsHelpError"
        raise SystemExit(int(ExitCode.OK if no_args else ExitCode.USAGE)) from None
    raise SystemExit(int(code) if isinstance(code, int) else 0)
