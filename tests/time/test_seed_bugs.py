"""The README's own edits, then reports for past dates: nothing recorded later leaks in."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from ..support import LEDGER, Run


@pytest.fixture
def edited(run: Run, tmp_path: Path) -> Path:
    path = tmp_path / "tasks.yaml"
    shutil.copyfile(LEDGER, path)
    steps = [
        ("update", "2-4-1", "--status", "in_progress", "--note", "已启动网站等级保护自查", "--date", "2018-10-15"),
        ("done", "2-4-1", "--evidence", "https://example.org/gkml/2018-12-20.html", "--date", "2018-12-20"),
        ("report", "3-1", "--period", "2018Q3", "--note", "完成第三季度检查", "--date", "2018-10-12"),
        ("report", "3-1", "--period", "2018Q4", "--note", "完成第四季度检查"),  # no --date: today
    ]
    for step in steps:
        assert run(*step, "--file", path).exit_code == 0
    return path


def _json(run: Run, *args: str | Path) -> dict:  # type: ignore[type-arg]
    r = run(*args, "--json")
    assert r.exit_code == 0, r.stderr
    data: dict = json.loads(r.stdout)  # type: ignore[type-arg]
    return data


def test_a_task_closed_later_is_not_done_before(run: Run, edited: Path) -> None:
    data = _json(run, "status", "--file", edited, "--as-of", "2018-10-01", "--limit", "0")
    assert data["by_status"]["done"] == 0
    assert data["progress"] == {"done": 0, "total": 18}
    task = _json(run, "show", "2-4-1", "--file", edited, "--as-of", "2018-10-01")
    assert (task["status"], task["reason"], task["completed"]) == ("not_started", "on_track", None)
    after = _json(run, "status", "--file", edited, "--as-of", "2018-12-20")
    assert after["by_status"]["done"] == 1


def test_a_report_filed_later_does_not_count_before_its_date(run: Run, edited: Path) -> None:
    data = _json(run, "overdue", "--file", edited, "--as-of", "2018-10-05")
    assert [(i["id"], i["period"], i["days_late"]) for i in data["overdue"]] == [("3-1", "2018Q3", 5)]
    later = _json(run, "overdue", "--file", edited, "--as-of", "2018-10-12")
    assert later["overdue"] == []


def test_show_as_of_does_not_show_a_report_dated_after_it(run: Run, edited: Path) -> None:
    data = _json(run, "show", "3-1", "--file", edited, "--as-of", "2019-01-15")
    assert [r["period"] for r in data["reports"]] == ["2018Q3"]
    assert [(o["period"], o["fulfilled"]) for o in data["obligations"]] == [("2018Q3", True), ("2018Q4", False)]
    assert data["reason"] == "overdue"


def test_show_as_of_hides_evidence_attached_later(run: Run, edited: Path) -> None:
    before = _json(run, "show", "2-4-1", "--file", edited, "--as-of", "2018-11-01")
    assert (before["status"], before["completed"]) == ("in_progress", None)
    assert [u.get("evidence", []) for u in before["updates"]] == [[]]
    r = run("show", "2-4-1", "--file", edited, "--as-of", "2018-11-01")
    assert "example.org" not in r.stdout and "推进中" in r.stdout
