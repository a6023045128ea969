"""The read reports without typer: a well-formed command answered from the cache.

``gongkai status`` (``--trend`` too), ``overdue``, ``unit``, ``units`` and ``list``, and the
weekly ``changes`` and ``remind`` (to standard output), are what an office runs many times a
day, and building the Typer app costs more than answering them. This path parses those
commands itself, by ``COMMANDS``, a table of their options that a test holds against the Typer
app's own parameters, and calls the same functions the command line calls
(``gongkai.reports``). It imports neither typer nor rich nor pydantic.

Across a workspace (a gongkai.toml, or several ``--file``) it answers ``status``, ``overdue``,
``unit``, ``units`` and ``list`` when every ledger is in the cache.

``check`` of ledger files is answered here too, by the same validation and reporters as the
command line's: it needs the validator (pydantic-core, or pydantic when the validator's schema is
not kept yet) and the rules (and rich for its text in colour), but not typer.

It answers only what it is sure of. Help, an option it does not know or given twice, a value
it would have to convert in a way it is not sure of, a report's ledger that is not in the cache
(validation is the command line's work), ``--trend``, ``changes`` or ``remind`` across a
workspace, a check of a workspace, any error at all: ``run`` returns None before anything is printed, and
the command line runs the command from the start. A test runs a corpus of commands through
both paths and compares their bytes and exit codes. ``GONGKAI_FAST=0`` turns this path off.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

TYPE_CHECKING = False  # not from typing: importing it is a noticeable part of a report
if TYPE_CHECKING:
    from pathlib import Path
    from typing import Any

    from .i18n import Lang
    from .loader import CheckResult
    from .models import Ledger
    from .workspace import Workspace


def whole_number(value: str) -> int:
    """A whole number ≥ 0 written plainly; anything else is the command line's to explain."""
    if not (value.isascii() and value.isdigit()):
        raise ValueError(value)
    return int(value)


class Choice:
    """One of a few words, spelt exactly."""

    def __init__(self, *allowed: str) -> None:
        self.allowed = allowed

    def __call__(self, value: str) -> str:
        if value not in self.allowed:
            raise ValueError(value)
        return value


@dataclass(frozen=True)
class Command:
    """One read command: its options (every spelling -> the parameter and how its value is read),
    its flags, and the names of its arguments (the last one may take many words; without
    ``many``, the arguments not given are left out)."""

    options: dict[str, tuple[str, Callable[[str], Any]]]
    flags: dict[str, str] = field(default_factory=dict)
    arguments: tuple[str, ...] = ()
    many: bool = False  # the last argument takes the remaining words
    defaults: dict[str, Any] = field(default_factory=dict)
    # a parameter the report function names otherwise: the command line's name -> the report's
    renamed: dict[str, str] = field(default_factory=dict)


_SHARED: dict[str, tuple[str, Callable[[str], Any]]] = {"--file": ("file", str), "-f": ("file", str), "--as-of": ("as_of", str), "--lang": ("lang", str)}
_JSON = {"--json": "as_json"}

COMMANDS: dict[str, Command] = {
    "status": Command({**_SHARED, "--limit": ("limit", whole_number), "--per": ("per", str)}, {**_JSON, "--trend": "trend"}, defaults={"limit": 20}),
    "overdue": Command({**_SHARED, "--within": ("within", whole_number), "--group-by": ("group_by", Choice("unit"))}, _JSON, ("words",), many=True),
    "unit": Command(_SHARED, _JSON, ("name", "words"), many=True),
    "units": Command(_SHARED, _JSON),
    "list": Command(
        {
            **_SHARED,
            "--sort": ("sort", str),
            "--limit": ("limit", whole_number),
            "--columns": ("columns", str),
            "--group-by": ("group_by", Choice("unit", "section", "light", "status")),
        },
        _JSON,
        ("words",),
        many=True,
        defaults={"limit": 0},
    ),
    # no --as-of: the window ends on --until; a missing --since is the command line's to explain
    "changes": Command(
        {"--file": ("file", str), "-f": ("file", str), "--lang": ("lang", str), "--since": ("since", str), "--until": ("until", str), "--format": ("fmt", str)},
        _JSON,
        renamed={"until": "as_of"},  # the window's last day is the day it is as of
    ),
    "remind": Command(
        {**_SHARED, "--format": ("fmt", str), "--within": ("within", whole_number), "--by-unit": ("by_unit", str)},
        {**_JSON, "--force": "force"},
        ("unit_name",),
        renamed={"unit_name": "unit"},
    ),
    # validates (the validator and the rules): only typer is saved, but at 10,000 tasks that is a sixth of it
    "check": Command(
        {**_SHARED, "--format": ("fmt", Choice("text", "parsable", "json", "github", "sarif"))},
        {**_JSON, "--strict": "strict"},
        ("files",),
        many=True,
    ),
}


# Options every report takes, accepted before the command too: ``gongkai --lang en status``.
GLOBAL_VALUE_OPTIONS = frozenset({"--lang", "--file", "-f", "--as-of"})
GLOBAL_FLAGS = frozenset({"--json"})


def hoist_globals(args: Sequence[str]) -> list[str]:
    """Move global options written before the command to just after it, where the command reads them."""
    moved: list[str] = []
    i = 0
    while i < len(args) and args[i].startswith("-"):
        arg = args[i]
        name = arg.split("=", 1)[0]
        if name in GLOBAL_VALUE_OPTIONS and "=" in arg:
            moved.append(arg)
            i += 1
        elif name in GLOBAL_VALUE_OPTIONS and i + 1 < len(args):
            moved += [arg, args[i + 1]]
            i += 2
        elif arg in GLOBAL_FLAGS:
            moved.append(arg)
            i += 1
        else:
            return list(args)
    if not moved or i >= len(args):
        return list(args)
    return [args[i], *moved, *args[i + 1 :]]


class NotHere(Exception):
    """What this path leaves to the command line."""


def parse(command: Command, args: Sequence[str]) -> dict[str, Any]:
    """The parameters of a well-formed command line; NotHere for anything else."""
    values: dict[str, Any] = {"as_json": False, **command.defaults}
    words: list[str] = []
    i = 0
    while i < len(args):
        arg = args[i]
        if arg.startswith("-"):
            name, eq, inline = arg.partition("=")
            if eq and not name.startswith("--"):
                raise NotHere(arg)  # ``-f=x``: click reads the value as ``=x``
            if name in command.flags and not eq:
                values[command.flags[name]] = True
            elif name in command.options and (eq or i + 1 < len(args)):
                dest, read = command.options[name]
                if dest in values and dest not in command.defaults and dest != "file":
                    raise NotHere(arg)  # an option given twice is the command line's to judge
                raw = inline if eq else args[i + 1]
                if not eq:
                    if raw.startswith("-"):
                        raise NotHere(arg)  # click would read it as the value or complain: its call
                    i += 1
                try:
                    value = read(raw)
                except ValueError:
                    raise NotHere(arg) from None
                if dest == "file":  # several make a workspace
                    values.setdefault("file", []).append(value)
                else:
                    values[dest] = value
            else:
                raise NotHere(arg)  # help, ``--``, a short option joined to its value, a typo...
        else:
            words.append(arg)
        i += 1
    names = command.arguments
    if command.many:
        fixed = names[:-1]
        if len(words) < len(fixed):
            raise NotHere("missing argument")
        values.update(zip(fixed, words, strict=False))
        values[names[-1]] = words[len(fixed) :]
    elif len(words) > len(names):
        raise NotHere("unexpected argument")
    else:
        values.update(zip(names, words, strict=False))  # an argument not given keeps its default
    return values


def fast_argv(argv: Sequence[str], table: dict[str, Command]) -> list[str] | None:
    """``argv`` with its global options after the command, when it names a command of ``table``
    and the fast paths are on (``GONGKAI_FAST``) with a standard output to write to; else None."""
    if os.environ.get("GONGKAI_FAST") == "0" or sys.stdout is None:
        return None
    hoisted = hoist_globals(argv)
    return hoisted if hoisted and hoisted[0] in table else None


def run(argv: Sequence[str]) -> int | None:
    """Answer the command and return its exit code, or None (nothing printed) to leave it to the command line."""
    from .cache import collector_paused

    found = fast_argv(argv, COMMANDS)
    if found is None:
        return None
    # A report allocates hundreds of thousands of objects that live until it ends. Frozen, the
    # collector never walks them when it comes back on (its first young collection would: some
    # 12 ms at 10,000 tasks, for nothing to free).
    with collector_paused(freeze=True):
        answer = _answered(found)
    if answer is None:
        return None
    try:
        sys.stdout.write(answer[0])
        sys.stdout.flush()
    except (OSError, UnicodeError):
        # A closed or broken standard output, or one that cannot take the text (encoded before a
        # byte is written): the command line says so, as it always does.
        return None
    return answer[1]


def _answered(argv: list[str]) -> tuple[str, int] | None:
    """What the command prints and its exit code, or None to leave it to the command line."""
    try:
        command = COMMANDS[argv[0]]
        values = parse(command, argv[1:])
        if values.get("by_unit") is not None or values.get("force"):
            return None  # files written: the command line's
        if argv[0] == "changes" and "since" not in values:
            return None  # a missing --since is the command line's to explain
        for name, passed_as in command.renamed.items():
            if name in values:
                values[passed_as] = values.pop(name)
        if argv[0] == "check":
            return _check(values)
        text = _answer(argv[0], values)
        return None if text is None else (text, 0)
    except Exception:  # an error is for the command line to report, in its words and with its exit code
        return None

# What an answer was made from, kept until the process ends: the console script then exits
# without freeing it object by object (``console.script``). One answer's worth at a time.
KEPT: list[object] = []


def keep(*made: object) -> None:
    KEPT[:] = made


def _check(values: dict[str, Any]) -> tuple[str, int] | None:
    """``check`` of ledger files (a workspace is the command line's): what it prints, and its exit code."""
    from pathlib import Path

    from .dates import parse_user_date
    from .diagnose import exit_code_for
    from .i18n import resolve_lang
    from .loader import find_start, validate
    from .render.problems import PROBLEM_FORMATS, default_format

    lang = resolve_lang(values.pop("lang", None))
    as_of = parse_user_date(values.pop("as_of", None))
    file = values.pop("file", None) or []
    if len(file) > 1:
        return None  # the command line takes the last --file
    named = [Path(f) for f in [*values.pop("files"), *file]]
    if not named:
        found = find_start(Path.cwd())
        if found is None:
            return None
        named = [Path(os.path.relpath(found))]  # shown relative to here, as the command line shows it
    if any(_workspace_file(str(p)) for p in named):
        return None
    results = [validate(path, today=as_of) for path in dict.fromkeys(named)]
    keep(results)
    name = "json" if values["as_json"] else values.get("fmt") or default_format()
    output = _plain_check_text(results, lang) if name == "text" else None
    if output is None:
        made = PROBLEM_FORMATS[name](results, lang)
        if isinstance(made, str):
            output = made
        else:
            from .render.terminal import stdout_console

            # The command line's console, printed to a string first so that nothing is written before it can all be.
            console = stdout_console()
            with console.capture() as captured:
                console.print(made, soft_wrap=True)
            output = captured.get()
    return output, int(exit_code_for([p for r in results for p in r.problems], strict=values.get("strict", False)))


def _plain_check_text(results: list[CheckResult], lang: Lang) -> str | None:
    """``check``'s text made without rich, where rich would print it without colour; None elsewhere."""
    from .render.plain import terminal
    from .render.problems import plain_text

    columns = os.environ.get("COLUMNS")
    if terminal(sys.stdout).color or (columns is not None and columns.isdigit() and not int(columns)):
        return None  # colour, or COLUMNS=0 (rich then prints nothing at all)
    return plain_text(results, lang)


def _workspace_file(name: str) -> bool:
    """A gongkai.toml, or another .toml named on the command line: a workspace, not a ledger."""
    from .loader import WORKSPACE_FILE

    base = os.path.basename(name)
    return base == WORKSPACE_FILE or (base.endswith(".toml") and base != ".toml")


def _answer(name: str, values: dict[str, Any]) -> str | None:
    from . import reports
    from .dates import parse_user_date
    from .i18n import resolve_lang
    from .loader import WORKSPACE_FILE, find_start_name
    from .models import Ledger
    from .render.plain import terminal

    lang = resolve_lang(values.pop("lang", None))
    as_of = parse_user_date(values.pop("as_of", None))
    names: list[str] = list(dict.fromkeys(values.pop("file", None) or []))
    if not names:
        found = find_start_name(os.getcwd())
        if found is None:
            return None
        # A workspace's files are named relative to here, as the command line names them.
        names = [os.path.relpath(found) if os.path.basename(found) == WORKSPACE_FILE else found]
    # The report's own arguments, as the command line gives them.
    as_json, per, trend = values.pop("as_json"), values.pop("per", None), values.pop("trend", False)
    values.pop("by_unit", None)
    values.pop("force", None)
    if name == "overdue":
        values["by_unit"] = values.pop("group_by", None) is not None
    read = _cached(name, names, trend)
    if read is None:
        return None
    keep(read)
    term = terminal(sys.stdout)
    if trend and isinstance(read, Ledger):  # across a workspace the trend is the command line's
        return reports.text_of(reports.trend(read, as_of, lang, term.width, as_json, per=per or "week"), term)
    one: dict[str, Callable[..., Any]] = {
        "status": reports.status,
        "overdue": reports.overdue,
        "unit": reports.unit,
        "units": reports.units,
        "list": reports.task_list,
        "changes": reports.changes,
        "remind": reports.remind,
    }
    report = one[name] if isinstance(read, Ledger) else getattr(reports, f"workspace_{name}")
    return reports.text_of(report(read, as_of, lang, term.width, as_json, **values), term)


# The reports this path answers across a workspace (``reports.workspace_<name>``); ``--trend``,
# ``changes`` and ``remind`` across plans are the command line's.
_ACROSS = frozenset({"status", "overdue", "unit", "units", "list"})


def _cached(name: str, names: list[str], trend: bool) -> Ledger | Workspace | None:
    """The ledger, or the workspace, the files name, when every ledger is in the cache."""
    from .loader import cached_ledger

    if len(names) > 1 or _workspace_file(names[0]):
        from pathlib import Path

        from .workspace import load_workspace

        paths = list(dict.fromkeys(Path(f) for f in names))
        tomls = [p for p in paths if _workspace_file(str(p))]
        if len(paths) > 1 or tomls:
            if name not in _ACROSS or trend or (tomls and len(paths) > 1):
                return None

            def cached(path: Path) -> Ledger:
                ledger = cached_ledger(path)
                if ledger is None:
                    raise NotHere(str(path))
                return ledger

            return load_workspace(paths[0] if tomls else paths, load=cached)
        names = [str(paths[0])]  # one ledger named twice
    return cached_ledger(names[0])
