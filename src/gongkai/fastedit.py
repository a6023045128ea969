"""``update``, ``done`` and ``report`` without typer: the weekly edits, parsed by a table.

An edit pays for what it must: reading the ledger, validating the new text in full (pydantic,
the rules) and writing it. Building the Typer app is not part of that, and costs more than the
rest on a plan of a thousand clauses. This path parses the three commands by ``EDITS`` (a test
holds the table against the Typer app's parameters, as ``fastpath.COMMANDS`` is held), then calls
the same change builders and the same ``edit.change`` as the command line, and prints the same
lines.

Everything before the write is the command line's to redo: an option it does not know or given
twice, ``--dry-run``, a workspace, a value the builders refuse, a change refused or any error
(``edit.change`` raises before it writes). ``run`` returns None and the command line runs the
command from the start, so it reports the problem in its words and with its exit code. After the
write nothing is handed over (that would write twice): the lines are printed here, exactly as the
command line prints them. ``GONGKAI_FAST=0`` turns this path off, as it does ``fastpath``.
"""

from __future__ import annotations

import re
import sys

from .fastpath import Command, NotHere, fast_argv, keep, parse

TYPE_CHECKING = False  # not from typing: importing it is a noticeable part of a run
if TYPE_CHECKING:
    from typing import Any

_SHARED: dict[str, tuple[str, Any]] = {
    "--note": ("note", str),
    "--evidence": ("evidence", str),
    "--by": ("by", str),
    "--date": ("date", str),
    "--file": ("file", str),
    "-f": ("file", str),
    "--lang": ("lang", str),
}
_DRY_RUN = {"--dry-run": "dry_run"}

EDITS: dict[str, Command] = {
    "update": Command({**_SHARED, "--status": ("status_", str)}, _DRY_RUN, ("task_id",)),
    "done": Command(_SHARED, _DRY_RUN, ("task_id",)),
    # --html and --as-of belong to the old spelling of ``dashboard``: the command line's
    "report": Command({**_SHARED, "--period": ("period", str), "--html": ("html", str), "--as-of": ("as_of", str)}, {**_DRY_RUN, "--amend": "amend"}, ("task_id",)),
}

# What rich would change in a line it prints with markup off: an emoji code (``:smile:``) or a tab.
_RICH_WOULD_CHANGE = re.compile(r":\S*?:|\t")


def run(argv: list[str]) -> int | None:
    """Make the change and return 0, or None (nothing written, nothing printed) to leave it to the command line."""
    found = fast_argv(argv, EDITS) if sys.stderr is not None else None
    if found is None:
        return None
    argv = found
    from .cache import collector_paused

    # What the edit reads and makes (two ledgers of a large plan: millions of objects) lives until
    # the process ends: frozen, the collector need not walk it all when it comes back on.
    with collector_paused(freeze=True):
        try:
            lang, path, outcome = _change(argv[0], argv[1:])
        except Exception:  # refused, invalid or not understood: nothing was written
            return None
    keep(outcome)
    _print(lang, path, outcome)
    return 0


def _change(name: str, args: list[str]) -> tuple[str, Any, Any]:
    from pathlib import Path

    from .dates import parse_user_date
    from .edit import change, done_changes, parse_status, report_changes, update_changes
    from .i18n import resolve_lang
    from .loader import one_ledger

    values = parse(EDITS[name], args)
    files = values.get("file", [])
    if values.get("dry_run") or "html" in values or "as_of" in values or len(files) > 1 or "task_id" not in values:
        raise NotHere(name)
    lang = resolve_lang(values.get("lang"))
    day = parse_user_date(values.get("date"))
    evidence: list[str] = [values["evidence"]] if "evidence" in values else []
    note, by, task_id = values.get("note"), values.get("by"), values["task_id"]
    if name == "update":
        status = values.get("status_")
        new_status = parse_status(status) if status is not None else None
        build = update_changes(task_id, status=new_status, note=note, evidence=evidence, by=by, date=day)
    elif name == "done":
        build = done_changes(task_id, note=note, evidence=evidence, by=by, date=day)
    else:
        build = report_changes(task_id, period=values.get("period"), note=note, evidence=evidence, by=by, date=day, amend=bool(values.get("amend")))
    # --file, else the tasks.yaml found upward; none, or a workspace, is the command line's to explain
    path = one_ledger(Path(files[0]) if files else None)
    return lang, path, change(path, build)


def told(outcome: Any, path: Any, lang: Any, *, dry_run: bool = False) -> tuple[list[str], list[str]]:
    """What an edit tells: its notices (standard error), then what was done and where (standard
    output). The command line prints the same lines."""
    from .i18n import render, t
    from .render.terminal import visible

    errors = []
    for key, args in outcome.notices:
        line = visible(render(key, lang, args))
        errors.append(f"{t('warn.prefix', lang)}: {line}" if key.startswith("warn.") else line)
    key, args = outcome.message
    done = t("edit.dry_run", lang) if dry_run else t("edit.written", lang, path=str(path))
    return errors, [visible(render(key, lang, args)), done]


def _print(lang: Any, path: Any, outcome: Any) -> None:
    """The command line's lines, written without rich unless rich would write them otherwise."""
    errors, out = told(outcome, path, lang)
    if any(_RICH_WOULD_CHANGE.search(line) for line in [*errors, *out]):
        _print_through_rich(errors, out, lang)
        return
    try:
        if errors:
            sys.stderr.write("".join(line + "\n" for line in errors))
            sys.stderr.flush()
    except OSError:
        _print_through_rich(errors, out, lang)
        return
    try:
        sys.stdout.write("".join(line + "\n" for line in out))
        sys.stdout.flush()
    except OSError:
        # A reader gone away, or a stream that failed: rich meets it as the command line does.
        _print_through_rich([], out, lang)
    except UnicodeEncodeError:
        _unencodable(lang)


def _print_through_rich(errors: list[str], out: list[str], lang: Any) -> None:
    """Lines rich would print differently from their text, or that met a failing stream: printed by
    rich, as the command line does (on a broken pipe rich itself ends the process)."""
    from .cli.app import is_stdout_error, stdout_closed, stdout_unencodable
    from .render.terminal import stderr_console, stdout_console

    err = stderr_console()
    try:
        for line in errors:
            err.print(line, markup=False, soft_wrap=True)
        console = stdout_console()
        for line in out:
            console.print(line, markup=False, soft_wrap=True)
    except OSError as exc:
        if not is_stdout_error(exc):
            raise
        stdout_closed(err, exc, lang)
    except UnicodeEncodeError:
        stdout_unencodable(err, lang)


def _unencodable(lang: Any) -> None:
    from .cli.app import stdout_unencodable
    from .render.terminal import stderr_console

    stdout_unencodable(stderr_console(), lang)
