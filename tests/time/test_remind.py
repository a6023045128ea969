"""gongkai remind (催报): a notice per unit, what it leads or supports that needs action."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

from gongkai.models import Ledger
from gongkai.remind import reminders

from ..support import Run
from .common import YEAR

D = dt.date


def test_who_gets_reminded_of_what(year: Ledger) -> None:
    found = {r.unit: r for r in reminders(year, D(2019, 10, 5))}
    assert list(found) == ["行政办", "宣传部", "信息中心"]
    office = found["行政办"]
    # 行政办 supports t3 by name: overdue since 09-30 and silent since 06-01
    assert [(i.state.task.id, i.role, i.days) for i in office.overdue] == [("t3", "cooperate", 5)]
    assert [(i.state.task.id, i.role) for i in office.report_missing] == [("t3", "cooperate")]
    assert office.due_soon == []
    info = found["信息中心"]
    assert [(i.state.task.id, i.role) for i in info.report_missing] == [("t3", "lead"), ("o1", "lead")]


def test_due_soon_uses_the_window_and_reaches_through_groups(year: Ledger) -> None:
    found = {r.unit: r for r in reminders(year, D(2019, 3, 20))}
    # q1 is led by 行政办; every unit cooperates through 各单位、部门
    assert [(i.state.task.id, i.role, i.days) for i in found["行政办"].due_soon] == [("q1", "lead", 11)]
    assert [(i.state.task.id, i.role, i.days) for i in found["宣传部"].due_soon] == [("t2", "lead", 11), ("q1", "cooperate", 11)]
    assert reminders(year, D(2019, 3, 20), within=5) == []


def test_one_unit_notice_in_markdown(run: Run) -> None:
    r = run("remind", "宣传部", "--file", YEAR, "--as-of", "2019-10-05")
    assert r.exit_code == 0
    assert r.stdout == (
        "## 关于抓紧办理《测试局2019年工作方案》有关任务的提醒\n"
        "\n"
        "宣传部：\n"
        "\n"
        "　　按照《测试局2019年工作方案》（测发〔2019〕1号）任务分工，截至2019年10月5日，你单位牵头或配合的以下事项需抓紧办理：\n"
        "\n"
        "**一、未按期报送进展事项（1项）**\n"
        "1. 二（四） 从未启动的任务（n1，牵头）：尚未报送进展。\n"
        "\n"
        "　　请抓紧推进上述工作，并于【报送时限】前将进展情况及佐证材料报送【督查室】。\n"
        "\n"
        "【发文单位】  \n"
        "2019年10月5日\n"
    )


def test_plain_text_in_english_with_periods(run: Run) -> None:
    r = run("remind", "行政办", "--file", YEAR, "--as-of", "2019-07-05", "--format", "text", "--lang", "en")
    assert "**" not in r.stdout and "##" not in r.stdout
    assert "To: 行政办" in r.stdout
    assert "1. 二（一） 每季度检查 2019Q2 (q1, lead): due 2019-06-30, 5 days overdue." in r.stdout
    assert r.stdout.rstrip().endswith("[Sender]\n2019-07-05")


def test_a_unit_with_nothing_gets_a_clean_notice_and_an_unknown_one_an_error(run: Run) -> None:
    r = run("remind", "行政办", "--file", YEAR, "--as-of", "2019-01-10")
    assert r.exit_code == 0 and "均无逾期、临期或未报送进展情况" in r.stdout
    r = run("remind", "宣传", "--file", YEAR)
    assert r.exit_code == 3 and "宣传部" in r.stderr


def test_by_unit_writes_one_file_per_unit(run: Run, tmp_path: Path) -> None:
    out = tmp_path / "催报"
    r = run("remind", "--file", YEAR, "--as-of", "2019-10-05", "--by-unit", out)
    assert r.exit_code == 0 and "3" in r.stdout
    assert sorted(p.name for p in out.iterdir()) == sorted(["行政办.md", "宣传部.md", "信息中心.md"])
    assert (out / "宣传部.md").read_text(encoding="utf-8") == run("remind", "宣传部", "--file", YEAR, "--as-of", "2019-10-05").stdout
    r = run("remind", "--file", YEAR, "--as-of", "2019-10-05", "--by-unit", tmp_path / "txt", "--format", "text")
    assert sorted(p.suffix for p in (tmp_path / "txt").iterdir()) == [".txt"] * 3


def test_by_unit_into_a_file_is_refused(run: Run, tmp_path: Path) -> None:
    (tmp_path / "x").write_text("keep", encoding="utf-8")
    r = run("remind", "--file", YEAR, "--as-of", "2019-10-05", "--by-unit", tmp_path / "x")
    assert r.exit_code == 3 and (tmp_path / "x").read_text(encoding="utf-8") == "keep"


def test_json_shape(run: Run) -> None:
    data = json.loads(run("remind", "--file", YEAR, "--as-of", "2019-07-05", "--json").stdout)
    assert data["as_of"] == "2019-07-05"
    office = next(r for r in data["reminders"] if r["unit"] == "行政办")
    assert office["overdue"] == [
        {"id": "q1", "number": "二（一）", "title": "每季度检查", "role": "lead", "period": "2019Q2", "due": "2019-06-30", "days": 5, "last_report": "2019-03-28"}
    ]


def test_a_group_stands_for_its_members(year: Ledger) -> None:
    assert [r.unit for r in reminders(year, D(2019, 1, 10), unit="各单位、部门")] == ["行政办", "宣传部", "信息中心"]


def test_by_unit_again_needs_force(run: Run, tmp_path: Path) -> None:
    out = tmp_path / "催报"
    args = ("remind", "--file", YEAR, "--as-of", "2019-10-05", "--by-unit", out)
    assert run(*args).exit_code == 0
    (out / "宣传部.md").write_text("office's own edits", encoding="utf-8")
    r = run(*args)
    assert r.exit_code == 3 and "--force" in r.stderr
    assert (out / "宣传部.md").read_text(encoding="utf-8") == "office's own edits"
    assert run(*args, "--force").exit_code == 0
    assert (out / "宣传部.md").read_text(encoding="utf-8").startswith("## 关于抓紧办理")


def test_every_notice_at_once_reads_as_each_notice_alone(year: Ledger) -> None:
    from gongkai.render.remind import notice, notices

    # q1 reaches every unit through 各单位、部门: its lines are worded once and shared
    found = reminders(year, D(2019, 3, 20))
    assert len(found) == 3
    for lang in ("zh", "en"):
        alone = {r.unit: notice(r, year, lang, markdown=False) for r in found}
        assert notices(found, year, lang, markdown=False) == alone
        assert all("q1" in text for text in alone.values())
