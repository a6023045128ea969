"""``load_ledger`` for the reports and ``validate`` for ``gongkai check``.

Both turn every failure (unreadable file, YAML error, schema error, semantic rule) into
``Problem`` values located at file:line:col. The reports take a fast path: the C-backed
safe loader, and a cache of validated ledgers keyed by the file's bytes.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import os
from dataclasses import dataclass, field

from . import cache, yamlio
from .errors import LedgerInvalid, Level, Problem, UnreadableError, UsageError
from .models import Ledger

TYPE_CHECKING = False  # not from typing: importing it is a noticeable part of a report
if TYPE_CHECKING:
    from pathlib import Path
    from typing import Any

    from ruamel.yaml.nodes import Node

    from .models import M


@dataclass
class CheckResult:
    """What reading and checking one ledger found."""

    path: str
    text: str | None
    ledger: Ledger | None
    problems: list[Problem] = field(default_factory=list)

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.level is Level.ERROR]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.problems if p.level is Level.WARNING]


WORKSPACE_FILE = "gongkai.toml"


def find_start(start: Path) -> Path | None:
    """The nearest tasks.yaml or gongkai.toml in ``start`` or above it; in one folder the workspace wins,
    since a gongkai.toml names the ledgers beside it."""
    from pathlib import Path

    found = find_start_name(str(start))
    return None if found is None else Path(found)


def one_ledger(file: Path | None) -> Path:
    """The one ledger a command works on: ``file``, else the tasks.yaml found upward. UsageError
    when there is none, or when what is found upward is a workspace."""
    from pathlib import Path

    if file is not None:
        return file
    found = find_start_name(os.getcwd())
    if found is None:
        raise UsageError("err.no_ledger", start=os.getcwd())
    if os.path.basename(found) == WORKSPACE_FILE:
        raise UsageError("err.workspace_one_ledger", path=os.path.relpath(found))
    return Path(found)


def find_start_name(start: str) -> str | None:
    """``find_start`` in the names of the os module (a report finds its ledger without pathlib)."""
    folder = start
    while True:
        for name in (WORKSPACE_FILE, "tasks.yaml"):
            candidate = os.path.join(folder, name)
            if os.path.isfile(candidate):
                return candidate
        parent = os.path.dirname(folder)
        if parent == folder:
            return None
        folder = parent


def validate(path: Path, *, today: dt.date | None = None) -> CheckResult:
    """Every problem of the ledger at ``path``; never raises for bad input."""
    spath = str(path)
    try:
        data = yamlio.read_bytes(path)
    except UnreadableError as exc:
        return CheckResult(spath, None, None, [exc.problem])
    return validate_bytes(data, spath, today=today)


def validate_bytes(data: bytes, path: str, *, today: dt.date | None = None) -> CheckResult:
    """Every problem of a ledger given as bytes (UTF-8, with or without BOM); never raises for bad input."""
    try:
        text = yamlio.decode(data, path)
    except UnreadableError as exc:
        return CheckResult(path, None, None, [exc.problem])
    return validate_text(text, path, today=today)


def validate_text(text: str, path: str, *, today: dt.date | None = None, quick: bool = True) -> CheckResult:
    """Every problem of ``text``, read by the fast reader when it can (not ``quick``: by ruamel,
    for a text the fast reader declined already)."""
    today = today or dt.date.today()
    # Parsing allocates millions of objects that live on; the cyclic collector would scan
    # them again and again (a third of a 10,000-task load) and find nothing to free.
    with cache.collector_paused():
        data = quick_data(text) if quick else None
        if data is not None:
            return validate_scanned(data, text, path, today=today)
        root, data, problems = _parse(text, path)
        if problems:
            return CheckResult(path, text, None, problems)
        ledger, problems = _build(data, root, text, path, today)
    return CheckResult(path, text, ledger, problems)


# GONGKAI_QUICK_YAML=0 reads every ledger with ruamel (the tests compare both routes with it).
QUICK_YAML = "GONGKAI_QUICK_YAML"


def quick_data(text: str) -> Any:
    """The plain data of a ledger in the plain block style that ``yamlio.quick`` reads, or None:
    then ruamel reads it (anything else, and every ledger that does not parse)."""
    if os.environ.get(QUICK_YAML) == "0":
        return None
    from .yamlio import quick

    data = quick.scan(text)
    return data if isinstance(data, dict) else None


def validate_scanned(data: Any, text: str, path: str, *, today: dt.date | None = None) -> CheckResult:
    """Every problem of ``text``, whose plain data ``quick_data`` gave: not read again."""
    with cache.collector_paused():
        ledger, problems = _build(data, None, text, path, today or dt.date.today(), scanned=True)
    return CheckResult(path, text, ledger, problems)


def validate_parsed(root: Node | None, data: Any, text: str, path: str, *, today: dt.date | None = None) -> CheckResult:
    """Every problem of a ledger already parsed into its node tree and plain data: no second parse."""
    from .diagnose import yaml_errors

    wrong_top = yaml_errors.top_level_problem(data, root, path, text)
    if wrong_top is not None:
        return CheckResult(path, text, None, [wrong_top])
    with cache.collector_paused():
        ledger, problems = _build(data, root, text, path, today or dt.date.today())
    return CheckResult(path, text, ledger, problems)


def load_ledger(path: Path, *, use_cache: bool = True) -> Ledger:
    """The ledger for the reports. Raises UnreadableError or LedgerInvalid (errors only)."""
    spath = str(path)
    raw = yamlio.read_bytes(path)
    key = cache.key_for(raw) if use_cache else None
    if key is not None:
        hit = cache.get(key)
        if hit is not None:
            return hit
    text = yamlio.decode(raw, spath)
    result = validate_text(text, spath)
    if result.errors or result.ledger is None:
        raise LedgerInvalid(result.errors or result.problems)
    if key is not None:
        cache.put(key, result.ledger)
    return result.ledger


def parse(text: str, path: str) -> tuple[Node | None, Any, list[Problem]]:
    """YAML text as the node tree and the plain data, or the located problem that stops reading it
    (a top level that is not a mapping among them), as a ledger is read."""
    return _parse(text, path)


def place(problems: list[Problem], text: str, path: str) -> list[Problem]:
    """Problems found outside the loader (between the ledgers of a workspace), placed in ``text`` at line:col."""
    unplaced = [p.at(path, 0, 0) for p in problems]
    if quick_data(text) is not None:
        return _place(unplaced, None, text, path, scanned=True)
    root, _data, unreadable = _parse(text, path)
    return unreadable or _place(unplaced, root, text, path)


def remember(data: bytes, ledger: Ledger) -> None:
    """Put a ledger just written (and validated, without errors) in the cache, so the next report is warm."""
    key = cache.key_for(data)
    if key is not None:
        cache.put(key, ledger)


def cached_ledger(path: Path | str) -> Ledger | None:
    """The ledger at ``path`` if the cache holds it (validated when it was stored), else None."""
    try:
        raw = yamlio.read_bytes(path)
    except UnreadableError:
        return None
    key = cache.key_for(raw)
    return cache.get(key) if key is not None else None


def validate_ledger(data: Any) -> Ledger:
    """``Ledger.model_validate(data)``: ``validate_model`` of a ledger."""
    return validate_model(Ledger, data)


def validate_model(cls: type[M], data: Any) -> M:
    """``cls.model_validate(data)`` (``cls`` one of the models), by the same pydantic validator,
    built from the core schema pydantic generated for the class, which the cache keeps: found
    there, it is built without importing pydantic itself (nor pydantic-core's Python part:
    ``validator``) or generating the schema again. Raises pydantic's ValidationError."""
    found = _VALIDATORS.get(cls)
    if found is None:
        found = _VALIDATORS[cls] = _validator(cls)
    return found.validate_python(data)  # type: ignore[no-any-return]


# --- internals ---------------------------------------------------------------------------

_VALIDATORS: dict[type, Any] = {}
# A function of the models in a kept schema: (this mark, its name).
_FUNCTION = "gongkai.models function"


class _NotKept(Exception):
    """A schema holding what cannot be kept (a function from elsewhere), or a kept one that does not fit."""


def _schema_key(cls: type = Ledger) -> str | None:
    """The key of the kept schema of ``cls``: it follows the models' source and pydantic's version."""
    return cache.memo_key(f"schema\0{cls.__name__}\0{cache.source_stamp()}", "pydantic", "pydantic_core")


def _validator(cls: type) -> Any:
    from .validator import core

    compiled = core()
    SchemaError, SchemaValidator = compiled.SchemaError, compiled.SchemaValidator
    key = _schema_key(cls)
    kept = cache.get_memo(key) if key is not None else None
    if kept is not None:
        # One that does not fit (pydantic-core found elsewhere than its version was read from) is a miss.
        with contextlib.suppress(_NotKept, SchemaError):
            return SchemaValidator(_unkept(kept))
    from .models import core_schema

    schema = core_schema(cls)
    try:
        kept = _kept(schema)
    except _NotKept:
        return SchemaValidator(schema)
    if key is not None:
        cache.put_memo(key, kept)
    return SchemaValidator(_unkept(kept))


def _kept(schema: Any) -> Any:
    """A core schema as builtin data, the models' classes and enums: its functions (the models'
    own) as marks, its metadata (for JSON Schema, which the validator never reads) left out."""
    import types

    if isinstance(schema, dict):
        return {k: _kept(v) for k, v in schema.items() if not (k == "metadata" and "type" in schema)}
    if isinstance(schema, list):
        return [_kept(v) for v in schema]
    if isinstance(schema, tuple):
        raise _NotKept  # would read back as a mark
    if isinstance(schema, types.FunctionType):
        if schema.__module__ != Ledger.__module__ or "." in schema.__qualname__:
            raise _NotKept
        return (_FUNCTION, schema.__qualname__)
    return schema


def _unkept(kept: Any) -> Any:
    """The core schema ``_kept`` gave, its functions found again in the models."""
    import types

    from . import models

    if isinstance(kept, dict):
        return {k: _unkept(v) for k, v in kept.items()}
    if isinstance(kept, list):
        return [_unkept(v) for v in kept]
    if isinstance(kept, tuple):
        found = getattr(models, kept[1], None) if len(kept) == 2 and kept[0] == _FUNCTION else None
        if not isinstance(found, types.FunctionType) or found.__module__ != models.__name__:
            raise _NotKept
        return found
    return kept


def _parse(text: str, path: str) -> tuple[Node | None, Any, list[Problem]]:
    """The node tree (kept for locating problems later) and the plain data, or the one problem that stops reading."""
    from ruamel.yaml.error import YAMLError

    from .diagnose import yaml_errors

    try:
        root, data = yamlio.load(text)
    except yamlio.TooDeep as exc:
        return None, None, [yaml_errors.too_deep_problem(exc.mark, path, text)]
    except yamlio.AliasBomb as exc:
        return None, None, [yaml_errors.alias_bomb_problem(exc.mark, path, text)]
    except YAMLError as exc:
        return None, None, _fullwidth(text, path) or [yaml_errors.yaml_error_problem(exc, path, text)]
    wrong_top = yaml_errors.top_level_problem(data, root, path, text)
    if wrong_top is not None:
        return root, None, [wrong_top]
    return root, data, []


def _fullwidth(text: str, path: str, root: Node | None = None) -> list[Problem]:
    """Full-width punctuation typed where YAML needs ASCII: the cause to name before any other."""
    from .diagnose.schema_errors import field_names
    from .diagnose.yaml_errors import fullwidth_problems

    return fullwidth_problems(text, path, field_names(), root)


def _build(data: Any, root: Node | None, text: str, path: str, today: dt.date, *, scanned: bool = False) -> tuple[Ledger | None, list[Problem]]:
    """The ledger and its problems, placed in the node tree, or (``scanned``) in the text that ``yamlio.quick`` read.

    A scanned text has no scalar over several lines, which is all the full-width check wants the tree for.
    """
    from .diagnose import can_disable, semantic_problems
    from .validator import core

    ValidationError = core().ValidationError

    try:
        ledger = validate_ledger(data)
    except ValidationError as exc:
        from .diagnose.schema_errors import schema_problems

        return None, _fullwidth(text, path, root) or _place(schema_problems(exc), root, text, path, scanned=scanned)
    found = semantic_problems(ledger, today)
    disabled = {code for code in ledger.check.disable if can_disable(code)} if ledger.check else set()
    found = [p for p in found if p.code not in disabled]
    return ledger, _place(found, root, text, path, scanned=scanned)


def _place(problems: list[Problem], root: Node | None, text: str, path: str, *, scanned: bool = False) -> list[Problem]:
    """Give each problem its line:col from the node tree; for a ``scanned`` text, from a tree of
    only the nodes the problems ask about (``yamlio.quick.tree``)."""
    if scanned and problems:
        from .yamlio import quick

        root = quick.tree(text, _asked(problems))
    placed = []
    for p in problems:
        point_at_value = bool(p.loc) and isinstance(p.loc[-1], str) and p.message_key not in _POINT_AT_KEY
        loc = p.loc
        if point_at_value and not yamlio.reaches(root, loc) and yamlio.reaches(root, (*loc[:-1], "id")):
            loc = (*loc[:-1], "id")  # a field not written at all: the entry is known by its id
        line, col = (yamlio.locate_value if point_at_value else yamlio.locate)(root, loc, text)
        args = dict(p.args)
        first = args.get("first")
        if isinstance(first, tuple):
            args["first"] = f"{yamlio.locate_value(root, first, text)[0]}"
        placed.append(Problem(path, line, col, p.level, p.code, p.message_key, tuple(sorted(args.items())), p.loc))
    # Data reached through an alias is written once, at its anchor: say so once.
    unique = {(q.line, q.col, q.code, q.message_key, q.args): q for q in reversed(placed)}
    return sorted(unique.values())


def _asked(problems: list[Problem]) -> list[yamlio.DataPath]:
    """Every data path ``_place`` looks up for these problems."""
    paths: list[yamlio.DataPath] = []
    for p in problems:
        paths.append(p.loc)
        if p.loc:
            paths.append((*p.loc[:-1], "id"))
        first = dict(p.args).get("first")
        if isinstance(first, tuple):
            paths.append(first)
    return paths


# Problems about a key itself (unknown, or one that cannot be there) point at the key; the rest at its value.
_POINT_AT_KEY = {"p.schema.unknown_key", "p.schema.missing", "p.rule.not_recurring"}
