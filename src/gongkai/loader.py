"""``load_ledger`` for the reports and ``validate`` for ``gongkai check``.

Both turn every failure (unreadable file, YAML error, schema error, semantic rule) into
``Problem`` values located at file:line:col. The reports take a fast path: the C-backed
safe loader, and a cache of validated ledgers keyed by the file's bytes.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import difflib
import gc
import re
import typing
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from . import cache, yamlio
from .errors import LedgerInvalid, Level, Problem, UnreadableError, problem
from .models import Ledger

if TYPE_CHECKING:
    from pydantic import ValidationError
    from pydantic_core import ErrorDetails
    from ruamel.yaml.nodes import Node


@dataclass
class CheckResult:
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


def find_ledger(start: Path) -> Path | None:
    """tasks.yaml in ``start`` or the nearest folder above it, as git finds .git."""
    for folder in (start, *start.parents):
        candidate = folder / "tasks.yaml"
        if candidate.is_file():
            return candidate
    return None


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


def validate_text(text: str, path: str, *, today: dt.date | None = None) -> CheckResult:
    today = today or dt.date.today()
    # Parsing allocates millions of objects that live on; the cyclic collector would scan
    # them again and again (a third of a 10,000-task load) and find nothing to free.
    with _no_cyclic_gc():
        root, data, problems = _parse(text, path)
        if problems:
            return CheckResult(path, text, None, problems)
        ledger, problems = _build(data, root, text, path, today)
    return CheckResult(path, text, ledger, problems)


@contextlib.contextmanager
def _no_cyclic_gc() -> Iterator[None]:
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


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


# --- internals ---------------------------------------------------------------------------


def _parse(text: str, path: str) -> tuple[Node | None, Any, list[Problem]]:
    """The node tree (kept for locating problems later) and the plain data, or the one problem that stops reading."""
    from ruamel.yaml.error import YAMLError

    try:
        deep = yamlio.too_deep(text)
        if deep is not None:
            line, col = yamlio.position(deep, text)
            return None, None, [problem("GK007", "p.yaml.too_deep", path=path, line=line, col=col, limit=yamlio.MAX_DEPTH)]
        root = yamlio.compose(text)
        # Aliases may expand exponentially; measure before anything walks the data.
        bomb = yamlio.explosion(root) if "*" in text else None
        if bomb is not None:
            line, col = yamlio.position(bomb.start_mark, text)
            return root, None, [problem("GK007", "p.yaml.alias_bomb", path=path, line=line, col=col)]
        data = yamlio.construct(root)
    except YAMLError as exc:
        return None, None, [yamlio.yaml_error_problem(exc, path, text)]
    except RecursionError:
        return None, None, [problem("GK007", "p.yaml.alias_bomb", path=path, line=1, col=1)]
    if data is None:
        return root, None, [problem("GK006", "p.yaml.empty", path=path, line=1, col=1)]
    if not isinstance(data, dict):
        line, col = yamlio.locate(root, (), text)
        found = ("t", "yaml.kind.list" if isinstance(data, list) else "yaml.kind.scalar")
        return root, None, [problem("GK006", "p.yaml.not_mapping", path=path, line=line, col=col, found=found)]
    return root, data, []


def _build(data: Any, root: Node | None, text: str, path: str, today: dt.date) -> tuple[Ledger | None, list[Problem]]:
    from pydantic import ValidationError

    from .rules import semantic_problems

    try:
        ledger = Ledger.model_validate(data)
    except ValidationError as exc:
        return None, _place(_schema_problems(exc), root, text, path)
    found = semantic_problems(ledger, today)
    # Only rules of meaning can be switched off; a file that cannot be read or does not fit the format always fails.
    disabled = {code for code in ledger.check.disable if code >= "GK020"} if ledger.check else set()
    found = [p for p in found if p.code not in disabled]
    return ledger, _place(found, root, text, path)


def _place(problems: list[Problem], root: Node | None, text: str, path: str) -> list[Problem]:
    """Give each problem its line:col from the node tree."""
    placed = []
    for p in problems:
        point_at_value = bool(p.loc) and isinstance(p.loc[-1], str) and p.message_key not in _POINT_AT_KEY
        line, col = (yamlio.locate_value if point_at_value else yamlio.locate)(root, p.loc, text)
        args = dict(p.args)
        first = args.get("first")
        if isinstance(first, tuple):
            args["first"] = f"{yamlio.locate_value(root, first, text)[0]}"
        placed.append(Problem(path, line, col, p.level, p.code, p.message_key, tuple(sorted(args.items())), p.loc))
    # Data reached through an alias is written once, at its anchor: say so once.
    unique = {(q.line, q.col, q.code, q.message_key, q.args): q for q in reversed(placed)}
    return sorted(unique.values())


# Problems about a key itself (unknown, or one that cannot be there) point at the key; the rest at its value.
_POINT_AT_KEY = {"p.schema.unknown_key", "p.schema.missing", "p.rule.not_recurring"}

_DATE_ERRORS = {"date_from_datetime_parsing", "date_parsing", "date_type", "date_from_datetime_inexact"}


def _schema_problems(exc: ValidationError) -> list[Problem]:
    out = []
    for err in exc.errors(include_url=False):
        out.append(_schema_problem(err))
    return out


def _schema_problem(err: ErrorDetails) -> Problem:
    loc = tuple(err["loc"])
    kind = err["type"]
    value = err.get("input")
    if kind == "extra_forbidden":
        key = str(loc[-1])
        fields = _fields_at(loc[:-1])
        hint = ("suggest", tuple(difflib.get_close_matches(key, fields, n=1, cutoff=0.6)))
        return problem("GK010", "p.schema.unknown_key", loc=loc, key=key, hint=hint)
    if kind == "missing":
        return problem("GK011", "p.schema.missing", loc=loc[:-1], key=str(loc[-1]))
    if kind in _DATE_ERRORS:
        return problem("GK012", "p.schema.date", loc=loc, value=str(value))
    if kind == "enum":
        expected = str((err.get("ctx") or {}).get("expected", ""))
        allowed = " | ".join(re.findall(r"'([^']*)'", expected)) or expected
        return problem("GK013", "p.schema.enum", loc=loc, value=str(value), allowed=allowed)
    expected_kind = _EXPECTED.get(kind)
    field_name = next((str(step) for step in reversed(loc) if isinstance(step, str)), "")
    if expected_kind is not None:
        found = _kind_of(value)
        words: dict[str, Any] = {"expected": ("t", expected_kind), "found": ("t", found)}
        if expected_kind == "yaml.kind.text" and found in ("yaml.kind.number", "yaml.kind.bool"):
            # id: 1 or title: yes reads as a number or a boolean; quotes make it text.
            return problem("GK011", "p.schema.expected_quote", loc=loc, key=field_name, value=str(value).lower() if found == "yaml.kind.bool" else str(value), **words)
        if loc and isinstance(loc[-1], int):
            return problem("GK011", "p.schema.expected_item", loc=loc, key=field_name, n=loc[-1] + 1, **words)
        return problem("GK011", "p.schema.expected", loc=loc, key=field_name, **words)
    bound = (err.get("ctx") or {}).get("ge")
    if kind == "greater_than_equal" and bound is not None:
        return problem("GK011", "p.schema.at_least", loc=loc, key=field_name, value=str(value), bound=bound)
    return problem("GK011", "p.schema.type", loc=loc, detail=f"{'.'.join(map(str, loc))}: {err['msg']}")


_EXPECTED = {
    "dict_type": "yaml.kind.mapping",
    "model_type": "yaml.kind.mapping",
    "model_attributes_type": "yaml.kind.mapping",
    "list_type": "yaml.kind.list",
    "string_type": "yaml.kind.text",
    "int_type": "yaml.kind.integer",
    "int_parsing": "yaml.kind.integer",
    "int_from_float": "yaml.kind.integer",
    "bool_type": "yaml.kind.bool",
    "bool_parsing": "yaml.kind.bool",
}


def _kind_of(value: Any) -> str:
    if value is None:
        return "yaml.kind.null"
    if isinstance(value, bool):
        return "yaml.kind.bool"
    if isinstance(value, int | float):
        return "yaml.kind.number"
    if isinstance(value, dict):
        return "yaml.kind.mapping"
    if isinstance(value, list | tuple | set):
        return "yaml.kind.list"
    return "yaml.kind.text"


def _fields_at(loc: tuple[Any, ...]) -> list[str]:
    """Field names of the model reached by ``loc`` from Ledger (for typo suggestions)."""
    from pydantic import BaseModel

    model: type[BaseModel] = Ledger
    for step in loc:
        if isinstance(step, int):
            continue
        info = model.model_fields.get(str(step))
        if info is None:
            return []
        inner = _model_in(info.annotation)
        if inner is None:
            return []
        model = inner
    return list(model.model_fields)


def _model_in(annotation: Any) -> Any:
    from pydantic import BaseModel

    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    for arg in typing.get_args(annotation):
        found = _model_in(arg)
        if found is not None:
            return found
    return None
