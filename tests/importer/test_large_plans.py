"""A 200-clause plan imports whole in every input kind (its speed is measured in bench/, not here)."""

from __future__ import annotations

from pathlib import Path

import pytest

from gongkai.loader import validate_text

from ..gen.plans import plan_docx, plan_html, plan_pdf, plan_pdf_pages, plan_text, plan_xlsx, time_import
from .common import TODAY, imported


def test_generated_plan_has_the_clauses_it_promises(tmp_path: Path) -> None:
    path = tmp_path / "plan.md"
    path.write_text(plan_text(200), encoding="utf-8")
    result = imported(path)
    assert result.summary.clauses == 200
    assert all(t.get("lead") for t in result.data["tasks"])
    assert validate_text(result.yaml, "tasks.yaml", today=TODAY).errors == []


@pytest.mark.parametrize("kind", ["md", "docx", "xlsx", "html", "pdf"])
def test_200_clauses_import_in_every_kind(tmp_path: Path, kind: str) -> None:
    path = tmp_path / f"plan.{kind}"
    if kind == "md":
        path.write_text(plan_text(200), encoding="utf-8")
    elif kind == "docx":
        plan_docx(path, 200)
    elif kind == "xlsx":
        plan_xlsx(path, 200)
    elif kind == "html":
        plan_html(path, 200)
    else:
        assert plan_pdf(path, 200) == 38  # pages
    _seconds, clauses = time_import(path)
    assert clauses == 200


def test_a_30_page_pdf_imports_every_clause(tmp_path: Path) -> None:
    path = tmp_path / "plan.pdf"
    clauses = plan_pdf_pages(path, 30)
    assert plan_pdf(tmp_path / "one-page-less.pdf", clauses - 1) < 30
    result = imported(path)
    assert result.summary.clauses == clauses
    assert all(t.get("lead") for t in result.data["tasks"])
    # the running header and the page numbers are gone
    assert not any("青河县人民政府办公室" in t["text"] or "- 2 -" in t["text"] for t in result.data["tasks"])
    assert validate_text(result.yaml, "tasks.yaml", today=TODAY).errors == []
