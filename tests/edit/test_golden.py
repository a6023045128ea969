"""Golden diffs: each command on the real plan and on a hand-formatted, commented ledger.

The unified diff between the file before and after must equal the one in golden/ exactly:
no other line may move. The same holds with CRLF line endings and with a UTF-8 BOM, and the
written file keeps both. ``GONGKAI_REGEN_GOLDEN=1`` rewrites the golden files (review them!).
"""

from __future__ import annotations

import codecs
import os
from pathlib import Path
from typing import Any

import pytest

from gongkai import edit, yamlio
from gongkai.loader import validate_text

from ..support import COMMENTED, LEDGER, ROOT, LedgerCopy, Run
from .common import GOLDEN, VARIANTS

CASES: dict[str, tuple[Path, list[str]]] = {
    "real-update": (LEDGER, ["update", "2-4-1", "--status", "in_progress", "--note", "已启动网站等级保护自查", "--date", "2018-10-15"]),
    "real-done": (LEDGER, ["done", "2-5-3", "--note", "已建立主动公开基本目录", "--evidence", "https://example.org/gkml", "--date", "2018-12-20"]),
    "real-report": (LEDGER, ["report", "3-1", "--period", "2018Q4", "--note", "完成第四季度检查", "--date", "2018-12-26"]),
    "real-add-task": (
        LEDGER,
        ["add", "--number", "二（一）4", "--title", "推进财政预决算公开", "--text", "按规定公开预决算。", "--lead", "计统局", "--cooperate", "行政办", "--due", "2018-12-15"],
    ),
    "real-add-clause": (LEDGER, ["add", "--number", "二（二）2", "--title", "加强舆情回应", "--text", "第五个责任分句。", "--lead", "宣传部"]),
    "real-add-unit": (LEDGER, ["add", "--unit", "卫健局", "--kind", "department"]),
    "real-rename": (LEDGER, ["rename-unit", "卫计局", "卫健局", "--date", "2018-11-15"]),
    "commented-update-done": (
        COMMENTED,
        ["update", "a-1", "--status", "done", "--note", '完成: 见 #3 "引号"', "--evidence", "https://example.org/x", "--date", "2018-12-20"],
    ),
    "commented-update-note": (COMMENTED, ["update", "a-2", "--note", "季度检查", "--date", "2018-12-20"]),
    "commented-done": (COMMENTED, ["done", "a-1", "--date", "2018-12-20"]),
    "commented-report": (COMMENTED, ["report", "a-2", "--period", "2018Q4", "--note", "完成", "--by", "卫生局", "--date", "2018-12-21"]),
    "commented-add-task": (COMMENTED, ["add", "--number", "一3", "--title", "第三项", "--text", "原文", "--lead", "行政办", "--cooperate", "卫计局", "--due", "2018-11-30"]),
    "commented-add-unit": (COMMENTED, ["add", "--unit", "宣传部"]),
    "commented-rename": (COMMENTED, ["rename-unit", "卫计局", "卫健局", "--date", "2018-11-15"]),
}


def golden(name: str) -> str:
    return (GOLDEN / f"{name}.diff").read_text(encoding="utf-8")


def params() -> list[Any]:
    out = []
    for name, (source, _) in CASES.items():
        for variant in VARIANTS if source == COMMENTED else ("lf", "crlf-bom"):
            out.append(pytest.param(name, variant, False, id=f"{name}-{variant}"))
        # With the ledger already in the report cache, a one-task change takes the one-task path.
        for variant in ("lf", "crlf-bom"):
            out.append(pytest.param(name, variant, True, id=f"{name}-{variant}-cached"))
    return out


ONE_TASK = ("update", "done", "report")


@pytest.mark.parametrize(("name", "variant", "cached"), params())
def test_command_changes_exactly_the_golden_lines(name: str, variant: str, cached: bool, run: Run, ledger_copy: LedgerCopy, monkeypatch: pytest.MonkeyPatch) -> None:
    source, args = CASES[name]
    path = ledger_copy(source, variant)
    before = path.read_bytes()
    if cached:
        assert run("units", "-f", path, "--as-of", "2018-12-20").exit_code == 0

    dry = run(*args, "--dry-run", "-f", path)
    assert dry.exit_code == 0, dry.stderr
    assert path.read_bytes() == before

    outcomes: list[edit.Outcome] = []
    real_change = edit.change

    def spy(*a: Any, **k: Any) -> edit.Outcome:
        outcome = real_change(*a, **k)
        outcomes.append(outcome)
        return outcome

    monkeypatch.setattr(edit, "change", spy)
    result = run(*args, "-f", path)
    assert result.exit_code == 0, result.stderr
    after = path.read_bytes()

    # Encoding and line endings are kept exactly.
    assert after.startswith(codecs.BOM_UTF8) == ("bom" in variant)
    if "crlf" in variant:
        assert after.count(b"\n") == after.count(b"\r\n")
    else:
        assert b"\r" not in after
    old_text, new_text = yamlio.decode(before, "x"), yamlio.decode(after, "x")
    actual_diff = edit.unified_diff(old_text.replace("\r\n", "\n"), new_text.replace("\r\n", "\n"), path.name)
    if os.environ.get("GONGKAI_REGEN_GOLDEN") and variant == "lf":
        (GOLDEN / f"{name}.diff").write_text(actual_diff, encoding="utf-8")
    expected_diff = golden(name)
    assert actual_diff == expected_diff
    # --dry-run printed the same diff (line endings aside) before the message.
    assert dry.stdout.replace("\r", "").startswith(expected_diff)

    # The line editor did it (no fallback), and the data is exactly the intended change.
    (outcome,) = outcomes
    assert outcome.method == ("task-lines" if cached and args[0] in ONE_TASK else "lines")
    assert yamlio.safe_yaml().load(new_text) == edit.apply_plain(yamlio.safe_yaml().load(old_text), outcome.ops)
    assert not validate_text(new_text, str(path)).errors


def test_docs_example_is_the_real_diff() -> None:
    docs = (ROOT / "docs" / "edit.md").read_text(encoding="utf-8")
    block = docs.split("```diff\n", 1)[1].split("```", 1)[0]
    assert block == golden("real-update").split("\n", 2)[2]


# --- the round-trip fallback ---------------------------------------------------------------------

FIXTURES = COMMENTED.parent
ROUNDTRIP: dict[str, tuple[Path, list[str]]] = {
    # Header comments, then ``---``, and a flow list of mappings the line editor cannot extend.
    "roundtrip-doc-start": (FIXTURES / "doc-start.yaml", ["report", "a-2", "--period", "2018Q4", "--note", "完成", "--by", "卫生局", "--date", "2018-12-21"]),
    # The same flow list, and a comment after the document's end marker ``...``.
    "roundtrip-doc-end": (FIXTURES / "doc-end.yaml", ["report", "a-2", "--period", "2018Q4", "--note", "完成", "--by", "卫生局", "--date", "2018-12-21"]),
}


@pytest.mark.parametrize("variant", ["lf", "crlf-bom"])
@pytest.mark.parametrize("name", list(ROUNDTRIP))
def test_round_trip_keeps_comments_and_document_markers(name: str, variant: str, run: Run, ledger_copy: LedgerCopy) -> None:
    source, args = ROUNDTRIP[name]
    path = ledger_copy(source, variant, name="tasks.yaml")
    before = path.read_bytes()
    result = run(*args, "-f", path)
    assert result.exit_code == 0, result.stderr
    assert "整体重写" in result.stderr  # it did take the round-trip path
    after = path.read_bytes()
    assert after.startswith(codecs.BOM_UTF8) == ("bom" in variant)
    old_text = yamlio.decode(before, "x").replace("\r\n", "\n")
    new_text = yamlio.decode(after, "x").replace("\r\n", "\n")
    assert edit.lost_marks(old_text, new_text) == []
    actual_diff = edit.unified_diff(old_text, new_text, path.name)
    if os.environ.get("GONGKAI_REGEN_GOLDEN") and variant == "lf":
        (GOLDEN / f"{name}.diff").write_text(actual_diff, encoding="utf-8")
    assert actual_diff == golden(name)
    assert not validate_text(new_text, str(path)).errors


def test_lost_marks_finds_comments_and_markers_that_disappear() -> None:
    old = "# head\n---\na: 1  # why\nb: '#not'\n...\n# tail\n"
    assert edit.lost_marks(old, old) == []
    assert edit.lost_marks(old, "a: 1 # why\nb: '#not'\n") == ["# head", "# tail", "---", "..."]


def test_split_document_sets_aside_what_round_trip_would_drop() -> None:
    text = "# head\n---\n\nplan: {}\n...\n# tail\n"
    assert edit.split_document(text) == ("# head\n---\n\n", "plan: {}\n", "...\n# tail\n")
    assert edit.split_document("plan: {}\n") == ("", "plan: {}\n", "")
