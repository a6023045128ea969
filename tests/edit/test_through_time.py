"""Edits that know the calendar: which period a report is for, amending it, late reports,
progress that moves the status, and the plan's own numbering as an id."""

from __future__ import annotations

from pathlib import Path

from gongkai import yamlio


def task_of(path: Path, task_id: str) -> dict[str, object]:
    data = yamlio.safe_yaml().load(yamlio.decode(path.read_bytes(), str(path)))
    (task,) = [t for t in data["tasks"] if t["id"] == task_id]
    return dict(task)


def reported(path: Path, task_id: str) -> list[tuple[str, str]]:
    return [(r["period"], r["date"]) for r in task_of(path, task_id).get("reports", [])]  # type: ignore[attr-defined]


def test_a_report_after_the_quarter_is_for_that_quarter(run, ledger_copy) -> None:  # type: ignore[no-untyped-def]
    path = ledger_copy()
    r = run("report", "3-1", "--note", "三季度检查", "--date", "2018-10-08", "-f", path)
    assert r.exit_code == 0, r.stderr
    assert "3-1 报送的是 2018Q3" in r.stderr
    assert reported(path, "3-1") == [("2018Q3", "2018-10-08")]


def test_with_nothing_earlier_missing_the_current_period_is_reported(run, ledger_copy) -> None:  # type: ignore[no-untyped-def]
    path = ledger_copy()
    assert run("report", "3-1", "--note", "三季度", "--date", "2018-10-08", "-f", path).exit_code == 0
    r = run("report", "3-1", "--note", "四季度", "--date", "2018-11-20", "-f", path, "--lang", "en")
    assert r.exit_code == 0, r.stderr
    assert "3-1 reports 2018Q4" in r.stderr
    assert reported(path, "3-1") == [("2018Q3", "2018-10-08"), ("2018Q4", "2018-11-20")]


def test_an_explicit_period_says_nothing_about_the_choice(run, ledger_copy) -> None:  # type: ignore[no-untyped-def]
    path = ledger_copy()
    r = run("report", "3-1", "--period", "2018Q4", "--note", "四季度", "--date", "2018-12-26", "-f", path)
    assert r.exit_code == 0, r.stderr
    assert r.stderr == ""


def test_a_second_report_for_a_period_is_refused(run, ledger_copy) -> None:  # type: ignore[no-untyped-def]
    path = ledger_copy()
    assert run("report", "3-1", "--period", "2018Q3", "--note", "一", "--date", "2018-10-08", "-f", path).exit_code == 0
    before = path.read_bytes()
    r = run("report", "3-1", "--period", "2018年第三季度", "--note", "二", "--date", "2018-10-09", "-f", path)
    assert r.exit_code == 3
    assert "3-1 已有 2018Q3 的周期报送（2018-10-08）" in r.stderr and "--amend" in r.stderr
    assert path.read_bytes() == before


def test_amend_replaces_the_report_and_keeps_the_old_one_as_progress(run, ledger_copy) -> None:  # type: ignore[no-untyped-def]
    path = ledger_copy()
    first = ["--period", "2018Q3", "--note", "初报", "--evidence", "https://e.org/1", "--date", "2018-10-08", "-f", path]
    assert run("report", "3-1", *first).exit_code == 0
    r = run("report", "3-1", "--period", "2018Q3", "--note", "更正", "--evidence", "https://e.org/2", "--date", "2018-10-10", "--amend", "-f", path)
    assert r.exit_code == 0, r.stderr
    assert "已更正 3-1 2018Q3 的周期报送（2018-10-10，行政办）" in r.stdout
    task = task_of(path, "3-1")
    assert task["reports"] == [{"period": "2018Q3", "date": "2018-10-10", "by": "行政办", "note": "更正", "evidence": ["https://e.org/2"]}]
    assert task["updates"] == [
        {"date": "2018-10-08", "by": "行政办", "note": "2018Q3 周期报送，已于 2018-10-10 更正。原报送：初报", "evidence": ["https://e.org/1"]}
    ]
    assert run("check", "-f", path).exit_code == 0


def test_amend_without_a_report_is_refused(run, ledger_copy) -> None:  # type: ignore[no-untyped-def]
    path = ledger_copy()
    before = path.read_bytes()
    r = run("report", "3-1", "--period", "2018Q3", "--note", "更正", "--date", "2018-10-10", "--amend", "-f", path)
    assert r.exit_code == 3
    assert "无可更正" in r.stderr
    assert path.read_bytes() == before


def test_a_report_dated_long_after_its_period_warns(run, ledger_copy) -> None:  # type: ignore[no-untyped-def]
    path = ledger_copy()
    r = run("report", "3-1", "--period", "2018Q3", "--note", "补记", "--date", "2019-01-02", "-f", path)
    assert r.exit_code == 0, r.stderr
    assert r.stderr.startswith("警告: 3-1 的 2018Q3 报送日期为 2019-01-02，已晚于该周期的下一个周期")
    assert reported(path, "3-1") == [("2018Q3", "2019-01-02")]


def test_a_report_within_the_following_period_does_not_warn(run, ledger_copy) -> None:  # type: ignore[no-untyped-def]
    path = ledger_copy()
    r = run("report", "3-1", "--period", "2018Q3", "--note", "迟报", "--date", "2018-12-31", "-f", path)
    assert r.exit_code == 0, r.stderr
    assert r.stderr == ""


def test_a_note_on_a_task_not_started_moves_it_to_in_progress(run, ledger_copy) -> None:  # type: ignore[no-untyped-def]
    path = ledger_copy()
    r = run("update", "2-4-1", "--note", "已启动自查", "--date", "2018-10-15", "-f", path)
    assert r.exit_code == 0, r.stderr
    assert r.stdout.startswith("已记录 2-4-1 的进展（2018-10-15，行政办）：未启动 → 推进中。\n")
    assert "状态由未启动改为推进中" in r.stderr
    task = task_of(path, "2-4-1")
    assert task["status"] == "in_progress"
    assert task["updates"] == [{"date": "2018-10-15", "by": "行政办", "old_status": "not_started", "status": "in_progress", "note": "已启动自查"}]


def test_status_given_with_the_note_wins(run, ledger_copy) -> None:  # type: ignore[no-untyped-def]
    path = ledger_copy()
    r = run("update", "2-4-1", "--note", "尚在研究", "--status", "not_started", "--date", "2018-10-15", "-f", path)
    assert r.exit_code == 0, r.stderr
    assert r.stderr == ""
    assert "status" not in task_of(path, "2-4-1")


def test_evidence_alone_does_not_start_a_task(run, ledger_copy) -> None:  # type: ignore[no-untyped-def]
    path = ledger_copy()
    assert run("update", "2-4-1", "--evidence", "https://e.org/1", "--date", "2018-10-15", "-f", path).exit_code == 0
    assert "status" not in task_of(path, "2-4-1")


def test_update_status_done_closes_like_done(run, ledger_copy) -> None:  # type: ignore[no-untyped-def]
    path = ledger_copy()
    r = run("update", "2-4-1", "--status", "done", "--note", "完成备案", "--date", "2018-12-20", "-f", path)
    assert r.exit_code == 0, r.stderr
    assert r.stdout.startswith("2-4-1 已办结（2018-12-20）。\n")
    assert "2-4-1 办结时没有任何佐证材料" in r.stderr
    task = task_of(path, "2-4-1")
    assert (task["status"], task["completed"]) == ("done", "2018-12-20")
    again = run("update", "2-4-1", "--status", "办结", "--date", "2018-12-21", "-f", path)
    assert again.exit_code == 3
    assert "2-4-1 已于 2018-12-20 办结" in again.stderr


def test_the_plans_number_names_an_item_with_one_clause(run, ledger_copy) -> None:  # type: ignore[no-untyped-def]
    path = ledger_copy()
    for number in ("二（四）1", "二(四)1", "二（四） 1"):
        r = run("update", number, "--note", "自查", "--date", "2018-10-15", "--dry-run", "-f", path)
        assert r.exit_code == 0, r.stderr
        assert "已记录 2-4-1 的进展" in r.stdout
    assert "已记录 3-1 2018Q3 的周期报送" in run("report", "三(一)", "--note", "检查", "--date", "2018-10-08", "-f", path).stdout
    assert "2-4-1 已办结" in run("done", "二（四）1", "--date", "2018-12-20", "-f", path).stdout


def test_the_number_of_an_item_with_several_clauses_is_refused_with_their_ids(run, ledger_copy) -> None:  # type: ignore[no-untyped-def]
    path = ledger_copy()
    before = path.read_bytes()
    for command in (["update", "二(二)2", "--note", "x"], ["done", "二（二） 2"], ["report", "二（二）2"]):
        r = run(*command, "--date", "2018-10-15", "-f", path)
        assert r.exit_code == 3
        assert "二（二）2 有 4 个责任分句，请指定其中一个：2-2-2a、2-2-2b、2-2-2c、2-2-2d。" in r.stderr
    r = run("update", "二（二）2", "--note", "x", "--date", "2018-10-15", "-f", path, "--lang", "en")
    assert "name one of them: 2-2-2a, 2-2-2b, 2-2-2c, 2-2-2d." in r.stderr
    assert path.read_bytes() == before
