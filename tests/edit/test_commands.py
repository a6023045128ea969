"""The edit commands as a user meets them: messages, refusals (file bytes untouched), safety."""

from __future__ import annotations

import datetime as dt
import os
import stat
from pathlib import Path
from typing import Any

import pytest

from gongkai import edit, yamlio
from gongkai.loader import validate_text

from ..support import COMMENTED, LEDGER, TESTS, LedgerCopy, Run


def updates_of(path: Path, task_id: str) -> list[dict[str, object]]:
    data = yamlio.safe_yaml().load(yamlio.decode(path.read_bytes(), str(path)))
    (task,) = [t for t in data["tasks"] if t["id"] == task_id]
    return list(task.get("updates", []))


def test_update_appends_entry_and_sets_status(run: Run, ledger_copy: LedgerCopy) -> None:
    path = ledger_copy()
    r = run("update", "2-4-1", "--status", "in_progress", "--note", "已启动", "--evidence", "https://e.org/1", "--evidence", "https://e.org/2", "--date", "2018/10/15", "-f", path)
    assert r.exit_code == 0, r.stderr
    assert r.stdout == f"已记录 2-4-1 的进展（2018-10-15，行政办）：未启动 → 推进中。\n已写入 {path}。\n"
    assert updates_of(path, "2-4-1") == [
        {"date": "2018-10-15", "by": "行政办", "old_status": "not_started", "status": "in_progress", "note": "已启动", "evidence": ["https://e.org/1", "https://e.org/2"]}
    ]
    show = run("show", "2-4-1", "-f", path, "--as-of", "2018-10-20", "--json")
    assert '"status": "in_progress"' in show.stdout


def test_messages_in_english(run: Run, ledger_copy: LedgerCopy) -> None:
    path = ledger_copy()
    r = run("done", "2-4-1", "--date", "2018-12-20", "--by", "行政办", "--lang", "en", "-f", path)
    assert r.exit_code == 0, r.stderr
    assert r.stdout == f"2-4-1 closed as done on 2018-12-20.\nwritten to {path}.\n"
    assert r.stderr == "warning: 2-4-1 was closed without any evidence: consider adding it with gongkai update 2-4-1 --evidence URL.\n"


def test_done_sets_completed_and_evidence_silences_the_warning(run: Run, ledger_copy: LedgerCopy) -> None:
    path = ledger_copy()
    r = run("done", "2-4-1", "--evidence", "https://e.org/x", "--date", "2018-12-20", "-f", path)
    assert r.exit_code == 0 and r.stderr == ""
    data = yamlio.safe_yaml().load(path.read_text(encoding="utf-8"))
    task = next(t for t in data["tasks"] if t["id"] == "2-4-1")
    assert (task["status"], task["completed"]) == ("done", "2018-12-20")
    again = run("done", "2-4-1", "--date", "2018-12-21", "-f", path)
    assert again.exit_code == 3 and "已于 2018-12-20 办结" in again.stderr


def test_reopening_a_done_task_drops_completed(run: Run, ledger_copy: LedgerCopy) -> None:
    path = ledger_copy()
    assert run("done", "2-4-1", "--evidence", "https://e.org/x", "--date", "2018-12-20", "-f", path).exit_code == 0
    r = run("update", "2-4-1", "--status", "in_progress", "--note", "发现遗漏，重新办理", "--date", "2018-12-22", "-f", path)
    assert r.exit_code == 0, r.stderr
    task = next(t for t in yamlio.safe_yaml().load(path.read_text(encoding="utf-8"))["tasks"] if t["id"] == "2-4-1")
    assert task["status"] == "in_progress" and "completed" not in task
    assert [u["status"] for u in task["updates"]] == ["done", "in_progress"]


def test_report_defaults_to_the_period_of_the_date(run: Run, ledger_copy: LedgerCopy) -> None:
    path = ledger_copy()
    r = run("report", "3-1", "--note", "检查完成", "--date", "2018-09-28", "-f", path)
    assert r.exit_code == 0, r.stderr
    task = next(t for t in yamlio.safe_yaml().load(path.read_text(encoding="utf-8"))["tasks"] if t["id"] == "3-1")
    assert task["reports"] == [{"period": "2018Q3", "date": "2018-09-28", "by": "行政办", "note": "检查完成"}]


def test_rename_keeps_history_resolvable(run: Run, ledger_copy: LedgerCopy) -> None:
    path = ledger_copy()
    assert run("update", "2-1-3", "--note", "已报送", "--by", "卫计局", "--date", "2018-11-01", "-f", path).exit_code == 0
    r = run("rename-unit", "卫计局", "卫健局", "--date", "2018-11-15", "-f", path)
    assert r.exit_code == 0, r.stderr
    assert "共 4 处" in r.stdout and "自 2018-11-15 起生效" in r.stdout
    text = path.read_text(encoding="utf-8")
    assert text.count("卫计局") == 2  # only as the alias and the former name of the rename
    assert run("unit", "卫计局", "-f", path, "--as-of", "2018-11-02").exit_code == 0  # the old name still resolves
    assert updates_of(path, "2-1-3")[0]["by"] == "卫健局"


def test_add_takes_fresh_ids(run: Run, ledger_copy: LedgerCopy) -> None:
    path = ledger_copy()
    args = ["--title", "新任务", "--text", "原文", "--lead", "行政办", "-f", path]
    assert "已新增任务 2-5-4。" in run("add", "--number", "二（五）4", *args).stdout
    assert "已新增任务 2-5-5。" in run("add", "--number", "二（五）5", *args).stdout
    # A second clause of 二（五）4: 2-5-4 becomes clause 1, the new one is clause 2.
    assert "已新增任务 2-5-4b。" in run("add", "--number", "二（五）4", *args).stdout
    tasks = yamlio.safe_yaml().load(path.read_text(encoding="utf-8"))["tasks"]
    assert [(t["id"], t.get("clause")) for t in tasks[14:17]] == [("2-5-4", 1), ("2-5-4b", 2), ("2-5-5", None)]
    taken = run("add", "--number", "二（五）9", "--id", "2-5-5", *args)
    assert taken.exit_code == 3 and "2-5-5" in taken.stderr


def test_dry_run_writes_nothing_and_prints_the_diff(run: Run, ledger_copy: LedgerCopy) -> None:
    path = ledger_copy()
    before = path.read_bytes()
    r = run("update", "2-4-1", "--note", "自查", "--date", "2018-10-15", "--dry-run", "-f", path)
    assert r.exit_code == 0
    assert path.read_bytes() == before
    assert r.stdout.startswith("--- a/tasks.yaml\n+++ b/tasks.yaml\n@@ -253,6 +253,13 @@\n")
    assert r.stdout.endswith("预演：以上是将要做的修改，文件未改动。\n")


# --- refusals: the file's bytes are compared ---------------------------------------------------


@pytest.mark.parametrize(
    ("args", "code", "needle"),
    [
        (["update", "2-4-1", "--note", "x", "--date", "2999-01-01"], 4, "GK027"),
        (["update", "2-4-1", "--note", "x", "--date", "2018-01-01"], 4, "GK027"),
        (["report", "3-1", "--period", "2018-11", "--date", "2018-12-01"], 4, "GK029"),
        (["report", "3-1", "--period", "2017Q4", "--date", "2018-12-01"], 4, "GK029"),
        (["add", "--number", "九1", "--section", "九", "--title", "t", "--text", "x", "--lead", "行政办"], 4, "GK033"),
        (["add", "--number", "二（一）9", "--title", "t", "--text", "x", "--lead", "行政办", "--due", "2019-06-30"], 4, "GK024"),
        (["add", "--number", "二（一）9", "--title", "t", "--text", "x", "--lead", "行政办", "--cooperate", "行政办"], 4, "GK023"),
        (["update", "9-9", "--note", "x"], 3, "9-9"),
        (["update", "2-4-1", "--note", "x", "--by", "宣传"], 3, "宣传部"),
        (["update", "2-4-1", "--note", "x", "--by", "林业局各部门"], 3, "群体"),
        (["update", "2-4-1", "--note", "x", "--date", "2018-13-01"], 3, "2018-13-01"),
        (["update", "2-4-1", "--status", "finished"], 3, "finished"),
        (["update", "2-4-1"], 3, "--status"),
        (["report", "2-4-1", "--period", "2018Q4"], 3, "repeat"),
        (["report", "3-1", "--period", "2018Q5"], 3, "2018Q5"),
        (["add", "--unit", "行政办"], 3, "行政办"),
        (["add", "--unit", "X", "--kind", "ministry"], 3, "ministry"),
        (["add", "--title", "t"], 3, "--number"),
        (["add", "--number", "二（一）9", "--title", "t", "--text", "x", "--lead", "不存在的局"], 3, "不存在的局"),
        (["rename-unit", "卫计局", "宣传部", "--date", "2018-11-15"], 3, "宣传部"),
        (["rename-unit", "林业局各部门", "X", "--date", "2018-11-15"], 3, "林业局各部门"),
    ],
)
def test_refusals_leave_the_file_untouched(args: list[str], code: int, needle: str, run: Run, ledger_copy: LedgerCopy) -> None:
    path = ledger_copy()
    before = path.read_bytes()
    r = run(*args, "-f", path)
    assert r.exit_code == code, r.stderr
    assert needle in r.stderr
    assert path.read_bytes() == before


def test_refused_change_shows_located_problems(run: Run, ledger_copy: LedgerCopy) -> None:
    path = ledger_copy(COMMENTED)
    before = path.read_bytes()
    r = run("update", "a-1", "--note", "x", "--date", "2999-01-01", "--lang", "en", "-f", path)
    assert r.exit_code == 4
    lines = r.stderr.splitlines()
    assert lines[0].startswith(f"{path}:50:15: [error] GK027 update dated 2999-01-01, after today")
    assert lines[-1] == "error: the change would leave the ledger with 1 error(s); refused, the file is untouched."
    assert path.read_bytes() == before


def test_ongoing_duty_cannot_be_done(run: Run, ledger_copy: LedgerCopy) -> None:
    path = ledger_copy()
    path.write_text(path.read_text(encoding="utf-8").replace("    due_text: 定期\n", "    due_text: 定期\n    ongoing: true\n"), encoding="utf-8")
    before = path.read_bytes()
    r = run("done", "3-4", "--evidence", "https://e.org", "--date", "2018-12-20", "-f", path)
    assert r.exit_code == 4 and "GK034" in r.stderr
    assert path.read_bytes() == before


def test_an_invalid_ledger_is_not_edited(run: Run, ledger_copy: LedgerCopy) -> None:
    path = ledger_copy()
    path.write_text(path.read_text(encoding="utf-8").replace("      - 组织部\n", "      - 组织部门\n"), encoding="utf-8")
    before = path.read_bytes()
    r = run("update", "3-4", "--note", "x", "--date", "2018-12-20", "-f", path)
    assert r.exit_code == 1 and "GK021" in r.stderr
    assert path.read_bytes() == before


def test_conflicting_write_is_refused(run: Run, ledger_copy: LedgerCopy, monkeypatch: pytest.MonkeyPatch) -> None:
    path = ledger_copy()
    real_compute = edit._whole_file

    def editor_saves_meanwhile(*args: Any, **kwargs: Any) -> Any:
        outcome = real_compute(*args, **kwargs)
        path.write_text(path.read_text(encoding="utf-8") + "# saved by an editor\n", encoding="utf-8")
        return outcome

    monkeypatch.setattr(edit, "_whole_file", editor_saves_meanwhile)
    r = run("update", "2-4-1", "--note", "x", "--date", "2018-10-15", "-f", path)
    assert r.exit_code == 4
    assert "被其他程序修改" in r.stderr
    assert path.read_text(encoding="utf-8") == LEDGER.read_text(encoding="utf-8") + "# saved by an editor\n"
    assert sorted(p.name for p in path.parent.iterdir()) == [".tasks.yaml.lock", "tasks.yaml"]


def test_permissions_symlink_and_no_leftovers(run: Run, ledger_copy: LedgerCopy) -> None:
    path = ledger_copy()
    os.chmod(path, 0o640)
    link = path.with_name("link.yaml")
    link.symlink_to(path.name)
    assert run("update", "2-4-1", "--note", "x", "--date", "2018-10-15", "-f", link).exit_code == 0
    assert link.is_symlink()
    assert stat.S_IMODE(path.stat().st_mode) == 0o640
    assert updates_of(path, "2-4-1")[0]["note"] == "x"
    assert sorted(p.name for p in path.parent.iterdir()) == [".tasks.yaml.lock", "link.yaml", "tasks.yaml"]


def test_read_only_file_is_refused(run: Run, ledger_copy: LedgerCopy) -> None:
    path = ledger_copy()
    os.chmod(path, 0o444)
    before = path.read_bytes()
    r = run("update", "2-4-1", "--note", "x", "--date", "2018-10-15", "-f", path)
    assert r.exit_code == 4 and "只读" in r.stderr
    assert path.read_bytes() == before


def test_stale_temp_files_of_killed_writers_are_removed(run: Run, ledger_copy: LedgerCopy) -> None:
    path = ledger_copy()
    stale = path.with_name(".tasks.yaml.abc123_z.gongkai-tmp")
    stale.write_text("half a ledg", encoding="utf-8")
    # Files that are not this ledger's temporary files, however alike, are never touched.
    others = [
        ".tasks.yaml.bak.k2j4h5g6.gongkai-tmp",  # a writer of tasks.yaml.bak
        ".tasks.yaml.abc123_z.gongkai-part",  # write_file's
        ".tasks.yaml.abc123.gongkai-tmp",
        "tasks.yaml.abc123_z.gongkai-tmp",
    ]
    for name in others:
        path.with_name(name).write_text("keep", encoding="utf-8")
    assert run("update", "2-4-1", "--note", "x", "--date", "2018-10-15", "-f", path).exit_code == 0
    assert not stale.exists()
    assert all(path.with_name(name).read_text(encoding="utf-8") == "keep" for name in others)


# --- hostile text and unusual layouts ----------------------------------------------------------

HOSTILE = [
    "完成: 见附件",
    "# 不是注释",
    "进展 #3",
    'He said "yes"',
    "it's done",
    "第一行\n第二行",
    "尾随换行\n",
    "- 像列表",
    "[1, 2]",
    "{a: b}",
    "*alias",
    "&anchor",
    "!tag",
    "%YAML",
    "@at",
    "`tick`",
    "| literal",
    "> folded",
    "true",
    "no",
    "null",
    "~",
    "123",
    "0x1F",
    "1e3",
    ".inf",
    "2018-12-20",
    "  两侧空格  ",
    "",
    "tab\there",
    "line\u2028sep",
    "back\\slash",
    "---",
    "...",
    "?",
    ":",
    "a:",
    "https://example.org/a?b=1#frag",
    "\ufeffbom",
    "😀 emoji",
]


@pytest.mark.parametrize("note", HOSTILE)
def test_hostile_notes_read_back_exactly(note: str, tmp_path: Path) -> None:
    for source in (LEDGER, COMMENTED):
        path = tmp_path / source.name
        path.write_bytes(source.read_bytes())
        task_id = "2-4-1" if source == LEDGER else "a-1"
        # The first change composes the whole file; the second finds the ledger in the cache
        # (the first put it there) and edits only the task's lines.
        for method in ("lines", "task-lines"):
            old = path.read_text(encoding="utf-8")
            outcome = edit.change(path, edit.update_changes(task_id, status=None, note=note or "x", evidence=[note or "e"], by=None, date=_date()))
            assert outcome.method == method
            data = yamlio.safe_yaml().load(path.read_text(encoding="utf-8"))
            assert data == edit.apply_plain(yamlio.safe_yaml().load(old), outcome.ops)
            entry = next(t for t in data["tasks"] if t["id"] == task_id)["updates"][-1]
            assert entry["note"] == (note or "x") and entry["evidence"] == [note or "e"]
            assert not validate_text(path.read_text(encoding="utf-8"), str(path)).errors


@pytest.mark.parametrize(
    ("args", "option"),
    [
        (["update", "2-4-1", "--note", "响铃\x07"], "--note"),
        (["update", "2-4-1", "--note", "x", "--evidence", "https://e.org/\x1b[31m"], "--evidence"),
        (["done", "2-4-1", "--note", "回车\r覆盖"], "--note"),
        (["report", "3-1", "--note", "删除\x7f", "--period", "2018Q4"], "--note"),
        (["add", "--number", "二（一）4", "--title", "标题\x00", "--text", "原文", "--lead", "行政办"], "--title"),
        (["add", "--unit", "新\x1b单位"], "--unit"),
        (["rename-unit", "卫计局", "卫健\x85局"], "NEW"),
    ],
)
def test_control_characters_in_edit_input_are_refused_naming_the_option(args: list[str], option: str, run: Run, ledger_copy: LedgerCopy) -> None:
    path = ledger_copy()
    before = path.read_bytes()
    r = run(*args, "--date", "2018-12-20", "-f", path) if args[0] in ("update", "done", "report") else run(*args, "-f", path)
    assert r.exit_code == 3, r.stderr
    assert option in r.stderr and "控制字符" in r.stderr and "缺陷" not in r.stderr
    assert path.read_bytes() == before


def test_tab_and_newline_are_welcome_in_notes(run: Run, ledger_copy: LedgerCopy) -> None:
    path = ledger_copy()
    assert run("update", "2-4-1", "--note", "第一行\n第二行\t完", "--date", "2018-12-20", "-f", path).exit_code == 0
    assert updates_of(path, "2-4-1")[-1]["note"] == "第一行\n第二行\t完"


def test_a_note_that_was_not_utf8_is_refused_with_a_proper_message(run: Run, ledger_copy: LedgerCopy) -> None:
    path = ledger_copy()
    before = path.read_bytes()
    note = b"\xff\xfe\xe5\x9b".decode("utf-8", "surrogateescape")  # how Python hands over undecodable argv bytes
    r = run("update", "2-4-1", "--note", note, "--date", "2018-12-20", "-f", path)
    assert r.exit_code == 3
    assert "--note" in r.stderr and "UTF-8" in r.stderr and "缺陷" not in r.stderr
    assert path.read_bytes() == before


def test_a_task_written_through_a_merge_key_is_refused_with_a_proper_message(run: Run, tmp_path: Path) -> None:
    path = tmp_path / "tasks.yaml"
    path.write_text(MERGED, encoding="utf-8")
    before = path.read_bytes()
    r = run("update", "a-1", "--note", "x", "--date", "2018-10-01", "-f", path)
    assert r.exit_code == 4
    assert "a-1" in r.stderr and "<<:" in r.stderr and "缺陷" not in r.stderr
    assert path.read_bytes() == before
    # The task that merges it is written out in its own lines: that one can be changed.
    assert run("update", "a-2", "--note", "x", "--date", "2018-10-01", "-f", path).exit_code == 0


MERGED = """plan:
  id: m
  title: 测试
  issued: 2018-09-14
  period: {start: 2018-09-14, end: 2018-12-31}
units:
- name: 行政办
  kind: department
sections:
- number: 一
  title: 任务
tasks:
- &first
  id: a-1
  number: 一1
  section: 一
  title: 第一
  text: 原文
  lead: [行政办]
- <<: *first
  id: a-2
  number: 一2
"""


def _date() -> dt.date:
    return dt.date(2018, 12, 20)


def test_flow_lists_and_missing_final_newline(tmp_path: Path) -> None:
    path = tmp_path / "tasks.yaml"
    text = COMMENTED.read_text(encoding="utf-8").replace("    lead: [卫计局]\n", "    lead: [卫计局, 行政办]\n").rstrip("\n")
    path.write_text(text, encoding="utf-8")
    outcome = edit.change(path, edit.rename_unit_changes("行政办", "综合办", _date()))
    assert outcome.method == "lines"
    new = path.read_text(encoding="utf-8")
    assert "    lead: [卫计局, 综合办]\n" in new
    outcome = edit.change(path, edit.update_changes("a-2", status=None, note="末尾", evidence=[], by=None, date=_date()))
    assert outcome.method == "task-lines"
    assert yamlio.safe_yaml().load(outcome.new_text) == edit.apply_plain(yamlio.safe_yaml().load(outcome.old_text), outcome.ops)
    # The new list takes the file's layout (lists flush with their keys, four columns after a
    # mapping item's dash), learnt from the rest of the file though a-2 has only flow lists.
    assert "    repeat: quarterly\n    status: in_progress\n    updates:\n    -   date: 2018-12-20\n        by: 卫计局\n        old_status: not_started\n        status: in_progress\n        note: 末尾\n    reports: []\n" in outcome.new_text


def test_flow_updates_fall_back_to_a_round_trip(run: Run, tmp_path: Path) -> None:
    path = tmp_path / "tasks.yaml"
    text = COMMENTED.read_text(encoding="utf-8").replace("    reports: []\n", "    reports: [{period: 2018Q3, date: 2018-09-30, by: 卫计局}]\n")
    path.write_text(text, encoding="utf-8")
    r = run("report", "a-2", "--period", "2018Q4", "--note", "完成", "--date", "2018-12-21", "-f", path)
    assert r.exit_code == 0, r.stderr
    assert "整体重写" in r.stderr
    data = yamlio.safe_yaml().load(path.read_text(encoding="utf-8"))
    task = next(t for t in data["tasks"] if t["id"] == "a-2")
    assert [r["period"] for r in task["reports"]] == ["2018Q3", "2018Q4"]
    assert "# keep me: a comment after the last update" in path.read_text(encoding="utf-8")


CORPUS = sorted((TESTS / "check" / "corpus").glob("*.y*ml"))


def test_the_bad_ledger_corpus_is_there() -> None:
    assert len(CORPUS) >= 50


@pytest.mark.parametrize("bad", CORPUS, ids=[p.name for p in CORPUS])
def test_bad_ledgers_are_never_edited(bad: Path, run: Run, tmp_path: Path) -> None:
    """Every ledger of the check corpus (syntax errors, bombs, deep nesting, schema errors, ...)."""
    path = tmp_path / "tasks.yaml"
    path.write_bytes(bad.read_bytes())
    r = run("update", "2-4-1", "--note", "x", "--date", "2018-12-01", "-f", path)
    assert r.exit_code in (1, 2, 3), r.stderr
    assert "Traceback" not in r.stderr
    assert path.read_bytes() == bad.read_bytes()
