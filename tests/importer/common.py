"""Shared paths and helpers of the importer tests: the sample plan, the import date, an import."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from gongkai.importer import ImportResult, import_document

from ..support import ROOT

# The plan tasks.yaml encodes, kept in the repository so the acceptance test never depends on a sibling folder.
SAMPLE_PLAN = ROOT / "docs" / "plans" / "shuangfeng-2018-plan.md"
TODAY = dt.date(2019, 1, 15)


def imported(path: Path, **kwargs: object) -> ImportResult:
    return import_document(path, today=TODAY, **kwargs)  # type: ignore[arg-type]


def tasks_by_id(result: ImportResult) -> dict[str, dict[str, object]]:
    return {t["id"]: t for t in result.data["tasks"]}
