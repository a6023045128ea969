"""The console script. A TAB on a ledger value, a well-formed read report on a cached ledger or
a check (``fastpath``), and a well-formed edit (``fastedit``), are answered here, before the CLI
and typer load."""

from __future__ import annotations

import os
import sys
import types


class _Deferred(types.ModuleType):
    """A module imported only when one of its names is first looked up, then the module itself
    (its names copied in, so later lookups are plain)."""

    def __getattr__(self, name: str) -> object:
        if name.startswith("__") and name.endswith("__"):
            raise AttributeError(name)  # asked of any module by the import system and by tools
        if sys.modules.get(self.__name__) is self:
            del sys.modules[self.__name__]
        __import__(self.__name__)
        real = sys.modules[self.__name__]
        self.__dict__.update(real.__dict__)
        return getattr(real, name)


def _on_first_use(name: str) -> None:
    """Defer importing ``name`` until one of its names is used."""
    if name not in sys.modules:
        sys.modules[name] = _Deferred(name)


def _defer_unused_imports() -> None:
    """``dataclasses`` imports ``inspect`` (a sixth of a report's imports) for one call, which a
    class with a docstring never makes."""
    _on_first_use("inspect")


def main() -> None:
    code = _answer()
    if code is not None:
        raise SystemExit(code)


def _answer() -> int | None:
    """The exit code of an answer made here, before the command line and typer load (a TAB, a
    report on a cached ledger, a check, an edit); else the command line runs, and exits itself."""
    if os.environ.get("_GONGKAI_COMPLETE"):
        from .completion import fast_complete

        answer = fast_complete(os.environ)
        if answer is not None:
            text, status = answer
            if text:
                sys.stdout.write(text + "\n")
            return status
    _defer_unused_imports()
    from . import compiled

    compiled.remember()
    try:
        from .fastpath import run

        code = run(sys.argv[1:])
        if code is None:
            from .fastedit import run as edit

            code = edit(sys.argv[1:])
        if code is not None:
            return code
        from .cli import main as cli_main

        cli_main()
        return None
    finally:
        compiled.store()


def script() -> None:
    """The installed ``gongkai`` command: ``main``, and, when the answer was made here, an exit
    that leaves the process's objects to the operating system instead of freeing them one by one
    (a ledger of 10,000 tasks is some 150,000 of them: tens of milliseconds nobody waits for).
    Everything written has been flushed; nothing else is pending at that point."""
    code = _answer()
    if code is None:
        return
    for stream in (sys.stdout, sys.stderr):
        try:
            if stream is not None:
                stream.flush()
        except (OSError, ValueError):
            raise SystemExit(code) from None  # a stream that fails: the usual exit says so
    os._exit(code)
