"""An edit of one task on a cached ledger: built from the task's own lines, never from the cached
ledger itself, and giving exactly the file the whole-file edit gives."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from gongkai import cache, edit, yamlio
from gongkai.loader import load_ledger

from ..support import LEDGER

DAY = dt.date(2018, 12, 20)


def _two_copies(tmp_path: Path, text: str) -> tuple[Path, Path]:
    """The ledger ``text`` twice, in the cache: one for the one-task path, one for the whole-file path (``fast=False``)."""
    cached, whole = tmp_path / "cached" / "tasks.yaml", tmp_path / "whole" / "tasks.yaml"
    for path in (cached, whole):
        path.parent.mkdir()
        path.write_text(text, encoding="utf-8")
    load_ledger(cached)
    return cached, whole


READ_CACHED = cache.get


def _unpickling_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(key: str) -> None:
        raise AssertionError("the cached ledger was read")

    monkeypatch.setattr(cache, "get", refuse)


@pytest.mark.parametrize(
    "build",
    [
        edit.update_changes("3-3", status=None, note="已推进", evidence=["https://e.org/3"], by=None, date=DAY),
        edit.update_changes("2-4-1", status=edit.parse_status("in_progress"), note="见 3-3", evidence=[], by="行政办", date=DAY),
        edit.done_changes("2-5-2", note=None, evidence=["https://e.org/d"], by=None, date=DAY),
    ],
)
def test_one_task_is_edited_from_its_lines_as_the_whole_file_edits_it(build: edit.Build, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    cached, whole = _two_copies(tmp_path, LEDGER.read_text(encoding="utf-8"))
    expected = edit.change(whole, build, today=DAY, fast=False)
    _unpickling_refused(monkeypatch)
    outcome = edit.change(cached, build, today=DAY)
    assert (outcome.method, expected.method) == ("task-lines", "lines")
    assert cached.read_bytes() == whole.read_bytes()
    assert (outcome.ops, outcome.message, outcome.notices) == (expected.ops, expected.message, expected.notices)
    assert outcome.ledger == expected.ledger
    key = cache.key_for(cached.read_bytes())  # the new ledger is in the cache for the next report
    assert key is not None and READ_CACHED(key) == outcome.ledger


def test_the_task_is_found_by_its_own_line_though_other_lines_name_its_id(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    text = LEDGER.read_text(encoding="utf-8").replace("  - id: 3-2\n", "  # 3-3 follows 3-2\n  - id: 3-2\n", 1)
    cached, whole = _two_copies(tmp_path, text)
    mention = edit.update_changes("3-2", status=None, note="- id: 3-3 另行办理", evidence=[], by=None, date=DAY)
    for path in (cached, whole):
        edit.change(path, mention, today=DAY)
    build = edit.update_changes("3-3", status=None, note="已推进", evidence=[], by=None, date=DAY)
    expected = edit.change(whole, build, today=DAY, fast=False)
    _unpickling_refused(monkeypatch)
    outcome = edit.change(cached, build, today=DAY)
    assert outcome.method == "task-lines"
    assert cached.read_bytes() == whole.read_bytes()
    assert outcome.ops == expected.ops


@pytest.mark.parametrize(
    "change_text",
    [
        lambda text: text + "check:\n  disable: [GK030]\n",  # a key after the tasks: not in the head read first
        lambda text: text.replace("  - id: 3-3\n", "  - id: 3-3\n    note: &n 备注\n", 1),  # an anchor: the fast reader declines
    ],
)
def test_what_the_task_lines_cannot_show_is_edited_on_the_cached_ledger(change_text: object, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    assert callable(change_text)
    cached, whole = _two_copies(tmp_path, change_text(LEDGER.read_text(encoding="utf-8")))
    build = edit.update_changes("3-3", status=None, note="已推进", evidence=[], by=None, date=DAY)
    expected = edit.change(whole, build, today=DAY, fast=False)
    read: list[str] = []
    monkeypatch.setattr(cache, "get", lambda key: read.append(key) or READ_CACHED(key))
    outcome = edit.change(cached, build, today=DAY)
    assert outcome.method == "task-lines" and len(read) == 1
    assert cached.read_bytes() == whole.read_bytes()
    old = yamlio.safe_yaml().load(outcome.old_text)
    assert yamlio.safe_yaml().load(outcome.new_text) == edit.apply_plain(old, outcome.ops) == edit.apply_plain(old, expected.ops)


def test_the_new_bytes_are_the_old_with_the_task_part_replaced_once() -> None:
    from gongkai.edit import _spliced

    data = "\ufeff前\n  - id: a\n    x: 一\n后\n".encode()
    assert _spliced(data, "  - id: a\n    x: 一\n", "  - id: a\n    x: 二\n") == "\ufeff前\n  - id: a\n    x: 二\n后\n".encode()
    # Found twice (a line that ends like the part's first line, then the same lines): the whole
    # text is encoded instead.
    twice = "#  - id: a\n    x: 一\n  - id: a\n    x: 一\n".encode()
    assert _spliced(twice, "  - id: a\n    x: 一\n", "  - id: a\n    x: 二\n") is None


@pytest.mark.parametrize("text", ["前\n  - id: a\n    x: 一\n后\n", "#  - id: a\n    x: 一\n  - id: a\n    x: 一\n后\n"], ids=["once", "found-first-elsewhere"])
def test_the_new_text_replaces_the_task_part_where_it_stands(text: str) -> None:
    from gongkai.edit import _rewritten

    start = text.rindex("  - id: a")
    end = start + len("  - id: a\n    x: 一\n")
    new_text, new_bytes = _rewritten(text.encode(), text, start, end, "  - id: a\n    x: 二\n")
    assert new_text == text[:start] + "  - id: a\n    x: 二\n" + text[end:]
    assert new_bytes == new_text.encode()


def test_a_new_text_the_fast_reader_declines_is_offered_to_it_once(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A task's text over several lines elsewhere in the file: the edit made to the task's lines is
    checked against the cached ledger, read by ruamel, without being made or read quickly again."""
    from gongkai.yamlio import quick

    text = LEDGER.read_text(encoding="utf-8").replace("    text: 加强政务公开业务培训，", "    text: |\n      加强政务公开业务培训，\n      ", 1)
    cached, whole = _two_copies(tmp_path, text)
    build = edit.update_changes("3-3", status=None, note="已推进", evidence=[], by=None, date=DAY)
    expected = edit.change(whole, build, today=DAY, fast=False)
    read: list[int] = []
    scan = quick.scan
    monkeypatch.setattr(quick, "scan", lambda text: read.append(len(text)) or scan(text))
    outcome = edit.change(cached, build, today=DAY)
    assert outcome.method == "task-lines"
    assert cached.read_bytes() == whole.read_bytes() and outcome.ops == expected.ops
    assert len([n for n in read if n >= len(text)]) == 1
