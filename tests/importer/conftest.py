"""Shared paths and helpers of the importer tests."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path

import pytest

from gongkai.importer import ImportResult, import_document

from ..support import ROOT

# The plan tasks.yaml encodes, kept in the repository so the acceptance test never depends on a sibling folder.
SAMPLE_PLAN = ROOT / "docs" / "plans" / "shuangfeng-2018-plan.md"
TODAY = dt.date(2019, 1, 15)


def imported(path: Path, **kwargs: object) -> ImportResult:
    return import_document(path, today=TODAY, **kwargs)  # type: ignore[arg-type]


def tasks_by_id(result: ImportResult) -> dict[str, dict[str, object]]:
    return {t["id"]: t for t in result.data["tasks"]}


@pytest.fixture
def write(tmp_path: Path) -> Callable[..., Path]:
    def _write(name: str, text: str, encoding: str = "utf-8") -> Path:
        path = tmp_path / name
        path.write_bytes(text.encode(encoding))
        return path

    return _write
