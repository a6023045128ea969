"""Shell completion from the ledger: unit names, task ids, plan numbers, groups, periods, filter keys.

A TAB runs gongkai once, so it must answer at the speed of typing. The names a ledger offers are
kept in a small text file beside the cache of validated ledgers, keyed by the ledger's bytes and
gongkai's version: a TAB reads the ledger's bytes, checksums them and reads that file. No YAML,
no pydantic, no typer, not even json or pathlib on that path (``fast_complete``): each import
there costs a TAB milliseconds. What it cannot answer for certain (command
names, options) it leaves to typer's own completion, which asks the same ``candidates``.
"""

from __future__ import annotations

import os
import stat
import zlib

from . import __version__

TYPE_CHECKING = False  # not imported from typing: that import alone is a noticeable part of a TAB
if TYPE_CHECKING:
    from collections.abc import Mapping, Sequence
    from typing import Any

    Names = dict[str, list[str]]

_FORMAT = "names-1"
_KINDS = ("units", "groups", "ids", "numbers", "sections", "periods")
KEEP = 32

# The keys of the filter language (docs/filters.md); ``filters`` parses them.
FILTER_KEYS: tuple[str, ...] = (
    "status",
    "light",
    "section",
    "lead",
    "coop",
    "supervise",
    "unit",
    "due",
    "due.before",
    "due.after",
    "done.before",
    "done.after",
    "recurring",
    "ongoing",
    "late",
    "has",
    "no",
)
# Keys that take ``.not`` (``status.not:done``).
NEGATABLE = ("status", "light", "section", "lead", "coop", "supervise", "unit")
_FIXED: dict[str, tuple[str, ...]] = {
    "status": ("not_started", "in_progress", "done", "cancelled", "open", "未启动", "推进中", "已完成", "已取消"),
    "light": ("red", "yellow", "green", "红", "黄", "绿"),
    "date": ("today", "eow", "eom", "eoq", "eoy", "+7d", "+14d", "+1m"),
    "yesno": ("yes", "no"),
    "has": ("evidence", "updates", "reports", "doubts", "note", "coop", "supervise"),
    "lang": ("zh", "en"),
    "group_by": ("unit", "section", "light", "status"),
    "sort": ("id", "number", "title", "section", "lead", "due", "light", "status", "last_report", "completed"),
}

# What the first argument of a command is, and whether more of the same may follow.
COMMAND_ARGS: dict[str, tuple[str, bool]] = {
    "list": ("filter", True),
    "unit": ("unit", False),
    "show": ("task", False),
    "update": ("task", False),
    "done": ("task", False),
    "report": ("task", False),
    "rename-unit": ("unit", False),
}
# Options whose values come from the ledger or a fixed list; other options are left to typer.
OPTION_VALUES: dict[str, str] = {
    "--by": "unit",
    "--lead": "unit",
    "--period": "period",
    "--lang": "lang",
    "--group-by": "group_by",
    "--section": "section",
}
# Options that take a value, whatever it is (to tell an option's value from a command argument).
VALUE_OPTIONS = frozenset(
    {"--file", "-f", "--as-of", "--within", "--limit", "--sort", "--columns", "--status", "--note", "--evidence", "--date", "--format", "--output", "-o", *OPTION_VALUES}
)
FLAGS = frozenset({"--json", "--dry-run", "--strict", "--force"})


# --- the names a ledger offers -------------------------------------------------------------------


def _cache_dir() -> str | None:
    """The folder of ``cache.folder()``, by its rules (absolute paths only), without importing it:
    cache.py imports the models."""
    if os.environ.get("GONGKAI_NO_CACHE"):
        return None
    explicit = os.environ.get("GONGKAI_CACHE_DIR")
    if explicit:
        chosen = explicit
    else:
        xdg = os.environ.get("XDG_CACHE_HOME")
        base = xdg if xdg and os.path.isabs(xdg) else os.path.join(os.path.expanduser("~"), ".cache")
        chosen = os.path.join(base, "gongkai")
    return os.path.normpath(chosen) if os.path.isabs(chosen) else None


def _read_owned(path: str) -> Names | None:
    """A names file: its format line, then one ``kind<TAB>name`` per line."""
    try:
        with open(path, "rb") as fh:
            st = os.fstat(fh.fileno())
            if st.st_uid != os.getuid() or st.st_mode & (stat.S_IWGRP | stat.S_IWOTH):
                return None
            lines = fh.read().decode("utf-8").split("\n")
    except (OSError, UnicodeDecodeError):
        return None
    if not lines or lines[0] != _FORMAT:
        return None
    names: Names = {kind: [] for kind in _KINDS}
    for line in lines[1:]:
        kind, tab, name = line.partition("\t")
        if tab and kind in names:
            names[kind].append(name)
    return names


def names_from_ledger(ledger: Any) -> Names:
    """Every name a TAB may offer, from a validated ledger."""
    from .models import Cycle
    from .periods import periods_between

    cycles = {t.repeat for t in ledger.tasks if t.repeat is not None}
    if ledger.plan.reporting.cycle is not None:
        cycles.add(ledger.plan.reporting.cycle)
    periods: list[str] = []
    for cycle in Cycle:
        if cycle in cycles:
            periods += periods_between(cycle, ledger.plan.period.start, ledger.plan.period.end)
    return {
        "units": [n for u in ledger.units for n in (u.name, *u.aliases)],
        "groups": [n for g in ledger.groups for n in (g.name, *g.aliases)],
        "ids": [t.id for t in ledger.tasks],
        "numbers": list(dict.fromkeys(t.number for t in ledger.tasks)),
        "sections": [s.number for s in ledger.sections],
        "periods": periods,
    }


def names_for(path: str | os.PathLike[str]) -> Names | None:
    """The names of the ledger at ``path``, from the names file when the bytes are known; None if unreadable or invalid."""
    try:
        with open(path, "rb") as fh:
            raw = fh.read()
    except OSError:
        return None
    folder = _cache_dir()
    entry = None
    if folder is not None:
        # Two checksums and the length name the bytes well enough for completion, and zlib loads
        # in microseconds where hashlib loads OpenSSL. A wrong guess could only offer stale names.
        tag = f"{zlib.crc32(raw):08x}{zlib.adler32(raw):08x}{len(raw):x}-{zlib.crc32(__version__.encode()):08x}"
        entry = os.path.join(folder, f"names-{tag}.txt")
        hit = _read_owned(entry)
        if hit is not None:
            return hit
    from pathlib import Path

    from .errors import GongkaiError
    from .loader import load_ledger

    try:
        names = names_from_ledger(load_ledger(Path(path)))
    except GongkaiError:
        return None
    if entry is not None:
        _store(entry, names)
    return names


def _store(entry: str, names: Names) -> None:
    import tempfile
    from pathlib import Path

    lines = [_FORMAT, *(f"{kind}\t{name}" for kind in _KINDS for name in names[kind] if "\t" not in name and "\n" not in name)]
    folder = Path(entry).parent
    try:
        folder.mkdir(parents=True, exist_ok=True, mode=0o700)
        fd, tmp = tempfile.mkstemp(dir=folder, prefix=".tmp-", suffix=".txt")
        try:
            with os.fdopen(fd, "w", encoding="utf-8") as fh:
                fh.write("\n".join(lines) + "\n")
            os.replace(tmp, entry)
        except BaseException:
            os.unlink(tmp)
            raise
        old = sorted(folder.glob("names-*.txt"), key=lambda p: p.stat().st_mtime, reverse=True)
        for stale in old[KEEP:]:
            stale.unlink(missing_ok=True)
    except OSError:
        pass  # the names file only makes a TAB faster


def ledgers_for(args: Sequence[str], cwd: str | None = None) -> list[str]:
    """The ledgers the command line names with --file/-f, else the nearest tasks.yaml here or
    above; a gongkai.toml (named, or nearest) stands for every ledger of its workspace."""
    named: list[str] = []
    for i, arg in enumerate(args):
        if arg in ("--file", "-f") and i + 1 < len(args):
            named.append(args[i + 1])
        elif arg.startswith("--file="):
            named.append(arg.split("=", 1)[1])
    folder = os.path.abspath(cwd or os.getcwd())
    while not named:
        found = [os.path.join(folder, n) for n in ("gongkai.toml", "tasks.yaml") if os.path.isfile(os.path.join(folder, n))]
        if found:
            named.append(found[0])
        parent = os.path.dirname(folder)
        if parent == folder:
            break
        folder = parent
    out: list[str] = []
    for path in named:
        out += _workspace_ledgers(path) if path.endswith(".toml") else [path]
    return out


def _workspace_ledgers(path: str) -> list[str]:
    from pathlib import Path

    from .workspace import parse_config

    try:
        with open(path, encoding="utf-8") as fh:
            text = fh.read()
    except (OSError, UnicodeDecodeError):
        return []
    config, _problems = parse_config(text, Path(path))
    return [str(p) for p in config.ledgers] if config is not None else []


def names_in(paths: Sequence[str]) -> Names | None:
    """The names of these ledgers together (those that can be read and are valid); None if none can."""
    found = [names for names in (names_for(p) for p in paths) if names is not None]
    if len(found) <= 1:
        return found[0] if found else None
    return {kind: list(dict.fromkeys(name for names in found for name in names[kind])) for kind in found[0]}


# --- candidates ----------------------------------------------------------------------------------


def _filter_kind(key: str) -> str | None:
    base = key[:-4] if key.endswith(".not") else key
    if base in ("status", "light"):
        return base
    if base in ("lead", "coop", "supervise", "unit"):
        return "unit"
    if base == "section":
        return "section"
    if base.startswith(("due", "done")):
        return "date"
    if base in ("recurring", "ongoing", "late"):
        return "yesno"
    if base in ("has", "no"):
        return "has"
    return None


def candidates(kind: str, incomplete: str, names: Names | None) -> list[str]:
    """What a TAB offers for ``incomplete`` where a value of ``kind`` is expected."""
    names = names or {}
    if kind == "filter":
        key, colon, value = incomplete.partition(":")
        if not colon:
            keys = [*FILTER_KEYS, *(f"{k}.not" for k in NEGATABLE)]
            return [f"{k}:" for k in keys if k.startswith(incomplete)]
        sub = _filter_kind(key)
        return [f"{key}:{v}" for v in candidates(sub, value, names)] if sub else []
    if kind == "unit":
        pool: Sequence[str] = [*names.get("units", []), *names.get("groups", [])]
    elif kind == "task":
        pool = names.get("ids", [])
    elif kind == "section":
        pool = [*names.get("sections", []), *names.get("numbers", [])]
    elif kind == "period":
        pool = names.get("periods", [])
    else:
        pool = _FIXED.get(kind, ())
    return [v for v in dict.fromkeys(pool) if v.startswith(incomplete)]


def position(args: Sequence[str], incomplete: str) -> str | None:
    """The kind of value expected at the cursor, or None where typer must decide (commands, options)."""
    if incomplete.startswith("-"):
        return None
    command: str | None = None
    positionals = 0
    i = 0
    while i < len(args):
        arg = args[i]
        if arg == "--":
            return None
        if arg.startswith("-"):
            if "=" in arg or arg in FLAGS:
                i += 1
                continue
            if arg not in VALUE_OPTIONS:
                return None
            if i + 1 == len(args):
                return OPTION_VALUES.get(arg)
            i += 2
            continue
        if command is None:
            command = arg
        else:
            positionals += 1
        i += 1
    if command is None or command not in COMMAND_ARGS:
        return None
    kind, repeats = COMMAND_ARGS[command]
    return kind if repeats or positionals == 0 else None


# --- the shells' side, as typer's completion classes write it --------------------------------------


def _split(line: str) -> list[str]:
    if not any(c in line for c in "\"'\\"):
        return line.split()
    import shlex

    lex = shlex.shlex(line, posix=True)
    lex.whitespace_split = True
    lex.commenters = ""
    out: list[str] = []
    try:
        for token in lex:
            out.append(token)
    except ValueError:
        # an open quote: keep what was read, as click's split_arg_string does
        if lex.token:
            out.append(lex.token)
    return out


def _zsh_escape(s: str) -> str:
    return s.replace('"', '""').replace("'", "''").replace("$", "\\$").replace("`", "\\`").replace(":", r"\\:")


def shell_args(shell: str, environ: Mapping[str, str]) -> tuple[list[str], str] | None:
    """(arguments before the cursor, the word being completed) as each shell's script passes them."""
    if shell == "bash":
        words = _split(environ.get("COMP_WORDS", ""))
        cword = int(environ.get("COMP_CWORD", "0") or 0)
        return words[1:cword], words[cword] if cword < len(words) else ""
    line = environ.get("_TYPER_COMPLETE_ARGS", "")
    words = _split(line)
    if shell in ("zsh", "fish"):
        args = words[1:]
        if args and not line.endswith(" "):
            return args[:-1], args[-1]
        return args, ""
    if shell in ("powershell", "pwsh"):
        incomplete = environ.get("_TYPER_COMPLETE_WORD_TO_COMPLETE", "")
        return (words[1:-1] if incomplete else words[1:]), incomplete
    return None


def format_for(shell: str, values: Sequence[str], environ: Mapping[str, str]) -> tuple[str, int]:
    """The text and exit status typer's completion class for ``shell`` gives for ``values``."""
    if shell == "bash":
        return "\n".join(values), 0
    if shell == "zsh":
        if not values:
            return "_files", 0
        joined = "\n".join(f'"{_zsh_escape(v)}"' for v in values)
        return f"_arguments '*: :(({joined}))'", 0
    if shell == "fish":
        action = environ.get("_TYPER_COMPLETE_FISH_ACTION", "")
        if action == "is-args":
            return "", 0 if values else 1
        return ("\n".join(values) if values and action == "get-args" else ""), 0
    return "\n".join(f"{v}::: " for v in values), 0


def fast_complete(environ: Mapping[str, str]) -> tuple[str, int] | None:
    """Answer a TAB without typer when the cursor is on a ledger value; None hands it to typer."""
    shell = environ.get("_GONGKAI_COMPLETE", "").removeprefix("complete_")
    if shell not in ("bash", "zsh", "fish", "powershell", "pwsh"):
        return None
    parsed = shell_args(shell, environ)
    if parsed is None:
        return None
    args, incomplete = parsed
    kind = position(args, incomplete)
    if kind is None:
        return None
    needs_ledger = kind in ("unit", "task", "section", "period", "filter")
    names = None
    if needs_ledger:
        names = names_in(ledgers_for(args))
    return format_for(shell, candidates(kind, incomplete, names), environ)
