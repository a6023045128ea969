"""The edit building blocks on their own: scalar emission, the lock, the diff, the two paths."""

from __future__ import annotations

import datetime as dt
import fcntl
import os
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from gongkai import edit, safewrite, yamlio
from gongkai.errors import ChangeRefused

from ..gen.layouts import make_ledger

TEXT = st.text(st.characters(exclude_categories=("Cs",)), max_size=40)
# Short strings made of YAML's indicators and the words it reads as something else.
TRICKY = st.text(st.sampled_from(list(":#-?[]{},&*!|>'\"%@` \t\n0123456789abcyesnoYNtruefalsenul~.x=<")), max_size=12)


@settings(max_examples=1000, deadline=None, derandomize=True)
@given(st.one_of(TEXT, TRICKY))
def test_any_text_reads_back_exactly(value: str) -> None:
    assert yamlio.safe_yaml().load("k: " + edit.emit_scalar(value) + "\n") == {"k": value}
    assert yamlio.safe_yaml().load("k: [a, " + edit.emit_scalar(value, flow=True) + "]\n") == {"k": ["a", value]}
    assert yamlio.safe_yaml().load("k:\n  - " + edit.emit_scalar(value) + "\n") == {"k": [value]}
    for quote in ("'", '"'):
        assert yamlio.safe_yaml().load("k: " + edit.emit_scalar(value, quote) + "\n") == {"k": value}


@pytest.mark.parametrize(
    ("value", "text"),
    [
        ("行政办", "行政办"),
        ("已启动网站等级保护自查", "已启动网站等级保护自查"),
        ("https://example.org/a?b=1#x", "https://example.org/a?b=1#x"),
        ("完成: 见附件", '"完成: 见附件"'),
        ("2018", '"2018"'),
        ("2018-12-20", '"2018-12-20"'),
        ("yes", '"yes"'),
        ("第一行\n第二行", '"第一行\\n第二行"'),
        ("- x", '"- x"'),
        (dt.date(2018, 12, 20), "2018-12-20"),
        (3, "3"),
        (True, "true"),
    ],
)
def test_scalars_are_plain_when_safe_and_quoted_otherwise(value: edit.Scalar, text: str) -> None:
    assert edit.emit_scalar(value) == text


def test_replacing_a_quoted_scalar_keeps_its_quotes() -> None:
    assert edit.emit_scalar("卫健局", "'") == "'卫健局'"
    assert edit.emit_scalar("it's", "'") == "'it''s'"
    assert edit.emit_scalar("卫健局", '"') == '"卫健局"'


def test_lock_held_by_another_writer_times_out_naming_the_lock(tmp_path: Path) -> None:
    path = tmp_path / "tasks.yaml"
    path.write_text("plan: {}\n", encoding="utf-8")
    with safewrite.locked(path):
        pass  # the first writer makes the lock file
    lock = tmp_path / ".tasks.yaml.lock"
    fd = os.open(lock, os.O_RDWR)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
        with pytest.raises(ChangeRefused) as info, safewrite.locked(path, timeout=0.05):
            pass
        assert info.value.key == "err.edit.locked"
        assert info.value.args_map["lock"] == str(lock)
    finally:
        os.close(fd)
    with safewrite.locked(path) as snap:
        assert snap.data == b"plan: {}\n" and snap.locked


def test_a_reader_locking_the_ledger_itself_does_not_stall_writers(tmp_path: Path) -> None:
    path = tmp_path / "tasks.yaml"
    path.write_text("plan: {}\n", encoding="utf-8")
    fd = os.open(path, os.O_RDONLY)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
        with safewrite.locked(path, timeout=0.05) as snap:
            assert snap.locked
    finally:
        os.close(fd)


def test_the_lock_file_opens_only_to_those_who_may_write_the_ledger(tmp_path: Path) -> None:
    import stat

    for mode, expected in ((0o644, 0o600), (0o664, 0o660), (0o666, 0o666), (0o640, 0o600)):
        path = tmp_path / f"l{mode:o}.yaml"
        path.write_text("plan: {}\n", encoding="utf-8")
        path.chmod(mode)
        with safewrite.locked(path):
            pass
        assert stat.S_IMODE(safewrite.lock_path(path).stat().st_mode) == expected


def test_diff_of_a_change_far_down_a_big_file_has_true_line_numbers() -> None:
    old = "".join(f"line {k}\n" for k in range(10_000))
    new = old.replace("line 7000\n", "line 7000\nadded\n")
    assert edit.unified_diff(old, new, "f") == (
        "--- a/f\n+++ b/f\n@@ -6999,6 +6999,7 @@\n line 6998\n line 6999\n line 7000\n+added\n line 7001\n line 7002\n line 7003\n"
    )
    assert edit.unified_diff(old, old, "f") == ""


def test_both_paths_write_the_same_text_on_a_big_ledger(tmp_path: Path) -> None:
    from gongkai.loader import load_ledger

    path = tmp_path / "tasks.yaml"
    path.write_text(make_ledger(300), encoding="utf-8")
    load_ledger(path)  # the cache now holds it
    for task_id in ("t-0", "t-3", "t-299"):
        changes = edit.done_changes(task_id, note="完成: 见 #1", evidence=["https://e.org/1"], by=None, date=dt.date(2018, 12, 20))
        fast = edit.change(path, changes, dry_run=True)
        full = edit.change(path, changes, dry_run=True, fast=False)
        assert (fast.method, full.method) == ("task-lines", "lines")
        assert fast.new_text == full.new_text
        assert yamlio.safe_yaml().load(full.new_text) == full.expected_data


def test_what_may_read_as_other_than_text_is_ruamels() -> None:
    """Text starting with none of those characters, or with a letter and not one of those words,
    is written plain without asking ruamel's resolvers: they are looked up by the first character,
    and those for a letter list their words."""
    import re

    from ruamel.yaml.resolver import VersionedResolver

    from gongkai.edit.scalars import MAY_RESOLVE, RESOLVED_WORDS

    tables = [VersionedResolver(version=v).versioned_resolver for v in ((1, 2), (1, 1))]
    assert all(None not in table for table in tables)
    assert {first for table in tables for first in table if first} == MAY_RESOLVE
    words: set[str] = set()
    for table in tables:
        for first in (f for f in table if f and f.isalpha()):
            for _tag, regexp in table[first]:
                body = re.fullmatch(r"\^\(\?:(.*)\)\$", regexp.pattern, re.S)
                assert body is not None and regexp.flags & re.X, regexp.pattern  # a list of words
                alternatives = re.sub(r"\s", "", body[1]).split("|")
                assert all(re.fullmatch(r"[A-Za-z~]*", a) for a in alternatives), regexp.pattern  # literal words
                words.update(a for a in alternatives if a[:1].isalpha())
    assert words == RESOLVED_WORDS
