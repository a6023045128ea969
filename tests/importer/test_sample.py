"""Acceptance: importing the sample plan gives the hand-made ledger, clause by clause."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from ruamel.yaml import YAML

from gongkai.importer import ImportResult
from gongkai.loader import validate_text
from gongkai.models import Ledger

from ..support import LEDGER
from .builders import markdown_as_word
from .common import SAMPLE_PLAN, TODAY, imported

# Fields that make a clause what it is: who, what, how open, when.
CLAUSE_FIELDS = ("number", "clause", "section", "lead", "lead_open", "cooperate", "cooperate_open", "due", "due_text", "repeat", "ongoing", "text")
# Titles of items without a heading are derived from their first words; the hand-made
# ledger paraphrases this one (牵头单位要切实负起责任 / 牵头单位负起责任、配合单位积极配合).
PARAPHRASED_TITLES = {"3-3"}


@pytest.fixture(scope="module")
def hand() -> Ledger:
    return Ledger.model_validate(YAML(typ="safe").load(LEDGER.read_text(encoding="utf-8")))


@pytest.fixture(scope="module")
def result() -> ImportResult:
    return imported(SAMPLE_PLAN)


@pytest.fixture(scope="module")
def mine(result: Any) -> Ledger:
    return Ledger.model_validate(result.data)


def test_same_clause_ids_in_the_same_order(hand: Ledger, mine: Ledger) -> None:
    assert [t.id for t in mine.tasks] == [t.id for t in hand.tasks]


@pytest.mark.parametrize("field", CLAUSE_FIELDS)
def test_every_clause_matches_the_hand_made_ledger(hand: Ledger, mine: Ledger, field: str) -> None:
    got = {t.id: getattr(t, field) for t in mine.tasks}
    want = {t.id: getattr(t, field) for t in hand.tasks}
    for task_id, value in want.items():
        assert got.get(task_id) == value, f"{task_id}.{field}"


def test_titles(hand: Ledger, mine: Ledger) -> None:
    got = {t.id: t.title for t in mine.tasks}
    for t in hand.tasks:
        if t.id not in PARAPHRASED_TITLES:
            assert got[t.id] == t.title, t.id
    assert got["3-3"] == "牵头单位要切实负起责任"


def test_groups_and_their_coverage(hand: Ledger, mine: Ledger) -> None:
    assert [(g.name, g.covers) for g in mine.groups] == [(g.name, g.covers) for g in hand.groups]


def test_units_are_the_names_the_plan_uses(hand: Ledger, mine: Ledger) -> None:
    assert [u.name for u in mine.units] == [u.name for u in hand.units]
    assert all(not u.aliases for u in mine.units)


def test_sections(hand: Ledger, mine: Ledger) -> None:
    assert [(s.number, s.title, s.parent, s.text) for s in mine.sections] == [(s.number, s.title, s.parent, s.text) for s in hand.sections]


def test_plan_metadata(hand: Ledger, mine: Ledger) -> None:
    for field in ("title", "doc_number", "issuer", "issued", "copied_to", "period"):
        assert getattr(mine.plan, field) == getattr(hand.plan, field), field
    assert mine.plan.id == "shuangfeng-2018"


def test_provenance_points_at_the_line_where_each_clause_starts(mine: Ledger) -> None:
    lines = SAMPLE_PLAN.read_text(encoding="utf-8").splitlines()
    for task in mine.tasks:
        assert task.source is not None and task.source.file == SAMPLE_PLAN.name
        assert task.source.line is not None
        assert task.text[:6] in lines[task.source.line - 1], task.id
    assert {t.id: t.source.line for t in mine.tasks if t.source}["2-2-2d"] == 47


def test_doubts_are_honest_and_few(mine: Ledger, result: Any) -> None:
    doubts = {t.id: [d.message for d in t.doubts] for t in mine.tasks if t.doubts}
    # 定期 names no cycle: the one thing in the sample a person must decide.
    assert list(doubts) == ["3-4"]
    assert "定期" in doubts["3-4"][0]
    assert any("执行期" in n for n in result.plan_notes)


def test_the_written_yaml_passes_check_with_warnings_only(result: Any) -> None:
    check = validate_text(result.yaml, "tasks.yaml", today=TODAY)
    assert check.errors == []
    codes = sorted({p.code for p in check.warnings})
    assert codes == ["GK028", "GK040"]
    assert sum(p.code == "GK040" for p in check.warnings) == 1


def test_yaml_has_header_and_no_anchors(result: Any) -> None:
    assert result.yaml.startswith("# ")
    assert "&id" not in result.yaml and "*id" not in result.yaml
    assert "\n  - id: 2-2-2b\n" in result.yaml


CORE = ("id", "number", "clause", "section", "title", "text", "lead", "lead_open", "cooperate", "cooperate_open", "due", "due_text", "repeat", "ongoing")


def _core(result: Any) -> list[dict[str, Any]]:
    return [{k: t.get(k) for k in CORE} for t in result.data["tasks"]]


def test_the_sample_as_word_gives_the_same_clauses(result: Any, tmp_path: Path) -> None:
    word = imported(markdown_as_word(SAMPLE_PLAN.read_text(encoding="utf-8"), tmp_path / "shuangfeng.docx"))
    assert _core(word) == _core(result)
    assert word.data["plan"] == result.data["plan"] | {"id": "shuangfeng"}


def test_the_sample_as_gb18030_text_gives_the_same_clauses(result: Any, tmp_path: Path) -> None:
    path = tmp_path / "shuangfeng-2018-plan.txt"
    path.write_bytes(SAMPLE_PLAN.read_text(encoding="utf-8").encode("gb18030"))
    assert _core(imported(path)) == _core(result)
