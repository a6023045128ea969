"""Plain-data (JSON) forms for the ledger through time. Shapes in docs/json.md."""

from __future__ import annotations

from typing import Any

from ..models import Ledger
from ..queries import TaskState
from .data import SCHEMA_VERSION, show


def show_number(number: str, clauses: list[TaskState], ledger: Ledger) -> dict[str, Any]:
    """``show`` for a plan number: every clause of the item, each as ``show ID --json`` gives it."""
    return {
        "schema": SCHEMA_VERSION,
        "number": clauses[0].task.number,
        "asked": number,
        "tasks": [{k: v for k, v in show(st, ledger).items() if k != "schema"} for st in clauses],
    }
