"""The console script. A TAB on a ledger value, and a well-formed read report on a cached
ledger (``fastpath``), are answered here, before the CLI and typer load."""

from __future__ import annotations

import os
import sys


def main() -> None:
    if os.environ.get("_GONGKAI_COMPLETE"):
        from .completion import fast_complete

        answer = fast_complete(os.environ)
        if answer is not None:
            text, status = answer
            if text:
                sys.stdout.write(text + "\n")
            raise SystemExit(status)
    from .fastpath import run

    code = run(sys.argv[1:])
    if code is not None:
        raise SystemExit(code)
    from .cli import main as cli_main

    cli_main()
