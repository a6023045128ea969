"""gongkai check reports a status or completion date that disagrees with the task's own history."""

from __future__ import annotations

from pathlib import Path

from ..support import Run
from .common import YEAR


def _variant(tmp_path: Path, old: str, new: str) -> Path:
    text = YEAR.read_text(encoding="utf-8")
    assert text.count(old) == 1
    path = tmp_path / "tasks.yaml"
    path.write_text(text.replace(old, new), encoding="utf-8")
    return path


def test_the_year_ledger_agrees_with_its_history(run: Run) -> None:
    r = run("check", YEAR, "--strict", "--as-of", "2020-01-10")
    assert r.exit_code == 0, r.stdout


def test_done_while_the_last_entry_says_in_progress(run: Run, tmp_path: Path) -> None:
    path = _variant(tmp_path, "    status: in_progress\n    updates:\n      - date: 2019-03-01", "    status: done\n    completed: 2019-10-01\n    updates:\n      - date: 2019-03-01")
    r = run("check", path, "--format", "parsable", "--lang", "en", "--as-of", "2020-01-10")
    lines = [line for line in r.stdout.splitlines() if "GK036" in line]
    line_no = path.read_text(encoding="utf-8").splitlines().index("    completed: 2019-10-01")  # the status line, 1-based
    assert lines == [
        f"{path}:{line_no}:13: [warning] GK036 status is 'done', but the last progress entry that changed it (2019-03-01) says 'in progress': "
        "record the change in an update (its date, old_status and status), or set status to match the history."
    ]
    assert r.exit_code == 0  # a warning: reports still run
    assert run("check", path, "--strict", "--as-of", "2020-01-10").exit_code == 1


def test_completed_on_another_day_than_the_closing_entry(run: Run, tmp_path: Path) -> None:
    path = _variant(tmp_path, "completed: 2019-04-20", "completed: 2019-04-25")
    r = run("check", path, "--format", "parsable", "--as-of", "2020-01-10")
    [line] = [line for line in r.stdout.splitlines() if "GK036" in line]
    assert "办结日期 2019-04-25 与办结进展记录的日期 2019-04-20 不一致" in line
    assert "completed 改为 2019-04-20" in line
