"""Exports, the dashboard and the bulletin inherit the as-of replay from the task states."""

from __future__ import annotations

import csv
from pathlib import Path

from ..support import Run
from .common import YEAR


def _row(path: Path, task_id: str) -> list[str]:
    with path.open(encoding="utf-8-sig", newline="") as fh:
        return next(row for row in csv.reader(fh) if task_id in row)


def test_csv_as_of_shows_the_status_and_entries_of_that_day(run: Run, tmp_path: Path) -> None:
    early, late = tmp_path / "early.csv", tmp_path / "late.csv"
    assert run("export", "--format", "csv", "-o", early, "--file", YEAR, "--as-of", "2019-04-10").exit_code == 0
    assert run("export", "--format", "csv", "-o", late, "--file", YEAR, "--as-of", "2019-05-01").exit_code == 0
    before, after = _row(early, "t2"), _row(late, "t2")
    assert "推进中（逾期）" in before and "红灯" in before
    assert not any("2019-04-20" in cell for cell in before)
    assert any("2019-04-20" in cell for cell in after) and "红灯" not in after


def test_bulletin_as_of_counts_only_what_was_closed_by_then(run: Run, tmp_path: Path) -> None:
    out = tmp_path / "b.md"
    assert run("bulletin", "--period", "2019Q2", "-o", out, "--file", YEAR, "--as-of", "2019-04-10").exit_code == 0
    text = out.read_text(encoding="utf-8")
    assert "2019年第二季度无办结任务。" in text
    assert "一（一）2 逾期后办结的任务，时限 2019-03-31，逾期 10 天" in text
    out2 = tmp_path / "b2.md"
    assert run("bulletin", "--period", "2019Q2", "-o", out2, "--file", YEAR, "--as-of", "2019-07-05").exit_code == 0
    later = out2.read_text(encoding="utf-8")
    assert "无办结任务" not in later and "逾期 10 天" not in later


def _dashboard(run: Run, tmp_path: Path, as_of: str) -> str:
    out = tmp_path / f"d-{as_of}.html"
    assert run("report", "--html", out, "--file", YEAR, "--as-of", as_of).exit_code == 0
    return out.read_text(encoding="utf-8")


def test_dashboard_as_of(run: Run, tmp_path: Path) -> None:
    html = _dashboard(run, tmp_path, "2019-04-10")
    start = html.index("逾期后办结的任务</td>")  # in the red list until it was closed on 2019-04-20
    assert "推进中（逾期）" in html[start : html.index("</tr>", start)]
    assert "逾期后办结的任务</td>" not in _dashboard(run, tmp_path, "2019-05-01")
