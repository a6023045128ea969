"""The seed plan's own history, after a scripted year of updates, replays exactly.

Each step is recorded with the real edit commands. Just before a day's steps and just after
them, the reports as of that day are taken from the ledger as it was then; at the end, the
same reports asked of the final ledger with ``--as-of`` must be identical.
"""

from __future__ import annotations

import datetime as dt
import json
import shutil
from pathlib import Path

import pytest

from ..support import LEDGER, Run

EVIDENCE = "https://example.org/sfly/gkml/{}.html"

# (date, command, arguments)
SCRIPT: list[tuple[str, str, tuple[str, ...]]] = [
    ("2018-09-20", "update", ("2-1-1", "--status", "in_progress", "--note", "已启动")),
    ("2018-10-08", "update", ("2-4-1", "--status", "in_progress", "--note", "已启动网站等级保护自查")),
    ("2018-10-12", "report", ("3-1", "--period", "2018Q3", "--note", "完成第三季度检查")),
    ("2018-10-15", "update", ("2-2-2a", "--status", "in_progress")),
    ("2018-10-30", "update", ("2-1-1", "--note", "第二次进展")),
    ("2018-11-05", "update", ("2-5-1", "--status", "in_progress")),
    ("2018-11-20", "done", ("2-4-1",)),
    ("2018-11-28", "update", ("2-2-1", "--status", "in_progress")),
    ("2018-12-10", "done", ("2-1-1",)),
    ("2018-12-20", "update", ("2-3", "--status", "cancelled", "--note", "并入其他任务")),
    ("2018-12-26", "report", ("3-1", "--period", "2018Q4", "--note", "完成第四季度检查")),
    ("2019-01-10", "done", ("2-2-2a",)),
    ("2019-02-15", "update", ("2-5-1", "--note", "持续推进")),
    ("2019-03-20", "done", ("2-5-1",)),
    ("2019-06-30", "update", ("2-2-1", "--note", "持续推进")),
    ("2019-09-14", "done", ("2-2-1",)),
]

REPORTS: list[tuple[str, ...]] = [
    ("status", "--json", "--limit", "0"),
    ("overdue", "--json", "--within", "14"),
    ("units", "--json"),
    ("show", "3-1", "--json"),
]


def _reports(run: Run, path: Path, day: str) -> dict[str, object]:
    out = {}
    for args in REPORTS:
        r = run(*args, "--file", path, "--as-of", day)
        assert r.exit_code == 0, r.stderr
        out[" ".join(args)] = json.loads(r.stdout)
    return out


@pytest.fixture(scope="module")
def scripted(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("seed") / "tasks.yaml"


def test_a_scripted_year_replays_exactly(run: Run, scripted: Path) -> None:
    shutil.copyfile(LEDGER, scripted)
    seen: dict[str, dict[str, object]] = {}
    for day in dict.fromkeys(d for d, _, _ in SCRIPT):
        before = (dt.date.fromisoformat(day) - dt.timedelta(days=1)).isoformat()
        seen.setdefault(before, _reports(run, scripted, before))
        for _, command, args in (step for step in SCRIPT if step[0] == day):
            extra = ("--evidence", EVIDENCE.format(day)) if command == "done" else ()
            r = run(command, *args, *extra, "--date", day, "--file", scripted)
            assert r.exit_code == 0, r.stderr
        seen[day] = _reports(run, scripted, day)
    checked = run("check", scripted, "--as-of", "2019-12-31", "--format", "parsable")
    assert checked.exit_code == 0 and "GK036" not in checked.stdout  # the edits keep status and history in step
    for day, then in seen.items():
        assert _reports(run, scripted, day) == then, f"as of {day}"


def test_the_replay_is_not_trivial(run: Run, scripted: Path) -> None:
    """The script really moves the plan: the days differ, so equality above means something."""
    counts = {}
    for day in ("2018-10-01", "2018-11-25", "2019-01-05", "2019-10-01"):
        data = json.loads(run("status", "--file", scripted, "--as-of", day, "--json").stdout)
        counts[day] = (data["by_status"]["in_progress"], data["by_status"]["done"], data["by_status"]["cancelled"])
    assert counts == {
        "2018-10-01": (1, 0, 0),  # 2-1-1
        "2018-11-25": (3, 1, 0),  # 2-1-1, 2-2-2a, 2-5-1; 2-4-1 closed
        "2019-01-05": (3, 2, 1),  # 2-2-2a, 2-5-1, 2-2-1; 2-4-1, 2-1-1 closed; 2-3 cancelled
        "2019-10-01": (0, 5, 1),
    }
