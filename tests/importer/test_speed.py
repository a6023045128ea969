"""A 200-clause plan imports in well under the 2 s budget, in every input kind."""

from __future__ import annotations

from pathlib import Path

import pytest

from gongkai.loader import validate_text

from .conftest import TODAY, imported
from .gen import plan_docx, plan_text, plan_xlsx, time_import

BUDGET_S = 2.0


def test_generated_plan_has_the_clauses_it_promises(tmp_path: Path) -> None:
    path = tmp_path / "plan.md"
    path.write_text(plan_text(200), encoding="utf-8")
    result = imported(path)
    assert result.summary.clauses == 200
    assert all(t.get("lead") for t in result.data["tasks"])
    assert validate_text(result.yaml, "tasks.yaml", today=TODAY).errors == []


@pytest.mark.parametrize("kind", ["md", "docx", "xlsx"])
def test_200_clauses_import_within_budget(tmp_path: Path, kind: str) -> None:
    path = tmp_path / f"plan.{kind}"
    if kind == "md":
        path.write_text(plan_text(200), encoding="utf-8")
    elif kind == "docx":
        plan_docx(path, 200)
    else:
        plan_xlsx(path, 200)
    time_import(path)  # first run pays for imports of python-docx / openpyxl / ruamel
    seconds, clauses = time_import(path)
    assert clauses == 200
    assert seconds < BUDGET_S, f"{kind}: {seconds:.2f}s"
