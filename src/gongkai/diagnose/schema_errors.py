"""The wording of schema problems: each pydantic validation error becomes one problem.

A problem carries the error's data path (``loc``); the loader places it at line:col.
"""

from __future__ import annotations

import dataclasses
import difflib
import functools
import re
import typing
from typing import TYPE_CHECKING, Any

from ..dates import EARLIEST, LATEST
from ..errors import Problem
from ..i18n import Suggestions, Term
from ..models import Ledger, resolve_types
from .rules import found

if TYPE_CHECKING:
    from pydantic import ValidationError
    from pydantic_core import ErrorDetails

_DATE_ERRORS = {"date_from_datetime_parsing", "date_parsing", "date_type", "date_from_datetime_inexact"}


def schema_problems(exc: ValidationError) -> list[Problem]:
    """One problem per pydantic error, with the error's data path as ``loc`` (placed later)."""
    return [_schema_problem(err) for err in exc.errors(include_url=False)]


def _schema_problem(err: ErrorDetails) -> Problem:
    loc = tuple(err["loc"])
    kind = err["type"]
    value = err.get("input")
    if kind in ("extra_forbidden", "unexpected_keyword_argument"):
        key = str(loc[-1])
        fields = fields_at(loc[:-1])
        hint = Suggestions(tuple(difflib.get_close_matches(key, fields, n=1, cutoff=0.6)))
        return found("GK010", "p.schema.unknown_key", loc=loc, key=key, hint=hint)
    if kind == "missing":
        return found("GK011", "p.schema.missing", loc=loc[:-1], key=str(loc[-1]))
    if kind == "date_range":
        return found("GK012", "p.schema.date_range", loc=loc, value=str(value), earliest=EARLIEST, latest=LATEST)
    if kind in _DATE_ERRORS:
        return found("GK012", "p.schema.date", loc=loc, value=str(value))
    if kind == "enum":
        expected = str((err.get("ctx") or {}).get("expected", ""))
        allowed = " | ".join(re.findall(r"'([^']*)'", expected)) or expected
        return found("GK013", "p.schema.enum", loc=loc, value=str(value), allowed=allowed)
    expected_kind = _EXPECTED.get(kind)
    field_name = next((str(step) for step in reversed(loc) if isinstance(step, str)), "")
    if expected_kind is not None:
        kind_found = _kind_of(value)
        words: dict[str, Any] = {"expected": Term(expected_kind), "found": Term(kind_found)}
        if expected_kind == "yaml.kind.text" and kind_found in ("yaml.kind.number", "yaml.kind.bool"):
            # id: 1 or title: yes reads as a number or a boolean; quotes make it text.
            shown = str(value).lower() if kind_found == "yaml.kind.bool" else str(value)
            return found("GK011", "p.schema.expected_quote", loc=loc, key=field_name, value=shown, **words)
        if loc and isinstance(loc[-1], int):
            return found("GK011", "p.schema.expected_item", loc=loc, key=field_name, n=loc[-1] + 1, **words)
        return found("GK011", "p.schema.expected", loc=loc, key=field_name, **words)
    bound = (err.get("ctx") or {}).get("ge")
    if kind == "greater_than_equal" and bound is not None:
        return found("GK011", "p.schema.at_least", loc=loc, key=field_name, value=str(value), bound=bound)
    return found("GK011", "p.schema.type", loc=loc, detail=f"{'.'.join(map(str, loc))}: {err['msg']}")


_EXPECTED = {
    "dict_type": "yaml.kind.mapping",
    "model_type": "yaml.kind.mapping",
    "dataclass_type": "yaml.kind.mapping",
    "dataclass_args_type": "yaml.kind.mapping",
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


def fields_at(loc: tuple[Any, ...]) -> list[str]:
    """Field names of the model reached by ``loc`` from Ledger (for typo suggestions)."""
    model: type = Ledger
    for step in loc:
        if isinstance(step, int):
            continue
        annotation = _hints(model).get(str(step))
        if annotation is None:
            return []
        inner = _model_in(annotation)
        if inner is None:
            return []
        model = inner
    return list(_hints(model))


@functools.cache
def _hints(model: type) -> dict[str, Any]:
    """A model's fields and their types, in order."""
    resolve_types()
    hints = typing.get_type_hints(model)
    return {f.name: hints[f.name] for f in dataclasses.fields(model)}


def _model_in(annotation: Any) -> type | None:
    if isinstance(annotation, type) and dataclasses.is_dataclass(annotation):
        return annotation
    for arg in typing.get_args(annotation):
        inner = _model_in(arg)
        if inner is not None:
            return inner
    return None


@functools.cache
def field_names() -> frozenset[str]:
    """Every key the format knows, at any level (plan, title, lead, ...)."""
    names: set[str] = set()
    todo: list[type] = [Ledger]
    seen: set[type] = set()
    while todo:
        model = todo.pop()
        if model in seen:
            continue
        seen.add(model)
        for name, annotation in _hints(model).items():
            names.add(name)
            inner = _model_in(annotation)
            if inner is not None:
                todo.append(inner)
    return frozenset(names)
