"""One task's lines edited on the fast reader's light nodes give exactly the lines the same edit
gives on the nodes ruamel composes: on many layouts, on the real plan's every task, and for
values that must be quoted."""

from __future__ import annotations

import dataclasses
import datetime as dt
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from gongkai import edit
from gongkai.edit.lines import text_style
from gongkai.edit.ops import TASK_ORDER
from gongkai.loader import validate_text

from ..support import COMMENTED, LEDGER
from .test_layouts import CHANGES, LAYOUTS, layout

DAY = dt.date(2018, 12, 20)
ONE_TASK = ("update", "done", "report")


def _both(text: str, build: edit.Build) -> tuple[object, object]:
    """The edit's (data before, data after, new lines) read by the fast reader and composed by ruamel."""
    ledger = validate_text(text, "tasks.yaml", today=DAY).ledger
    assert ledger is not None
    changes = build(ledger)
    (target,) = {op.at for op in changes.ops}
    index = target[1]
    assert isinstance(index, int)
    task_id = ledger.tasks[index].id
    local = [dataclasses.replace(op, at=()) for op in changes.ops]
    span = edit._task_span(text, task_id)
    assert span is not None
    part, style = text[span[0] : span[1]], text_style(text)
    return edit._edit_read(part, task_id, local, style), edit._edit_composed(part, task_id, local, style)


@settings(max_examples=120, deadline=None, derandomize=True)
@given(
    **LAYOUTS,
    crlf=st.booleans(),
    change=st.sampled_from(ONE_TASK),
)
def test_on_generated_layouts(indent: int, dash: int, offset: int, scalar_offset: int, blank: bool, comments: bool, status: bool, updates: bool, crlf: bool, change: str) -> None:
    text = layout(indent, dash, offset, scalar_offset, blank, comments, status, updates)
    if crlf:
        text = text.replace("\n", "\r\n")
    read, composed = _both(text, CHANGES[change]())
    assert read is not None
    assert read == composed


NOTES = ["已推进", "进展: #1", "yes", "No", "null", "2018-12-20", "0x1F", "-1", "~", "'引号'", '"双引号"', "a: b", "末尾冒号:", " 前后空格 ", "true", "on"]


# The tasks each plan's own lines are not read by the fast reader: a-1's text is a block scalar (``|``).
DECLINED = {LEDGER: set(), COMMENTED: {"a-1"}}


@pytest.mark.parametrize("source", [LEDGER, COMMENTED], ids=lambda p: p.name)
def test_on_every_task_of_a_plan(source: Path) -> None:
    text = source.read_text(encoding="utf-8")
    ledger = validate_text(text, "tasks.yaml", today=DAY).ledger
    assert ledger is not None
    declined = set()
    for k, task in enumerate(ledger.tasks):
        note = NOTES[k % len(NOTES)]
        builds = [
            edit.update_changes(task.id, status=edit.parse_status("in_progress"), note=note, evidence=[f"https://e.org/{k}"], by=None, date=DAY),
            edit.done_changes(task.id, note=note, evidence=["证明材料"], by=None, date=DAY),
        ]
        for build in builds:
            read, composed = _both(text, build)
            assert composed is not None, task.id
            if read is None:
                declined.add(task.id)
            else:
                assert read == composed, task.id
    assert declined == DECLINED[source]


def test_lines_the_fast_reader_declines_are_edited_on_ruamels_nodes() -> None:
    text = COMMENTED.read_text(encoding="utf-8")
    start, end = edit._task_span(text, "a-1") or (0, 0)
    local = [edit.SetKey((), "status", "done", TASK_ORDER)]
    assert edit._edit_read(text[start:end], "a-1", local, text_style(text)) is None
    made = edit._edit_span(text, start, end, "a-1", local)
    assert made is not None and made == edit._edit_composed(text[start:end], "a-1", local, text_style(text))
    assert "    status: done\n" in made[2] and "    text: |\n" in made[2]


def test_a_quoted_value_keeps_its_quotes_when_replaced() -> None:
    text = layout(2, 2, 2, 2, False, False, True, False).replace("    status: in_progress", "    status: 'in_progress'", 1)
    read, composed = _both(text, edit.update_changes("a-0", status=edit.parse_status("cancelled"), note=None, evidence=[], by=None, date=DAY))
    assert read is not None and read == composed
    assert "status: 'cancelled'" in read[2]  # type: ignore[index]


def test_with_the_fast_reader_switched_off_every_task_is_composed(monkeypatch: pytest.MonkeyPatch) -> None:
    from gongkai.loader import QUICK_YAML

    text = layout(2, 2, 2, 2, False, False, True, False)
    monkeypatch.setenv(QUICK_YAML, "0")
    read, composed = _both(text, CHANGES["update"]())
    assert read is None and composed is not None
