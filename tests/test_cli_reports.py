"""The report commands through the real CLI entry point, on the real tasks.yaml and a fixture."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from .support import LEDGER, REPORTS_PROGRESS, ROOT, Run


def lines(text: str) -> list[str]:
    return [line.rstrip() for line in text.splitlines()]


# --- status ----------------------------------------------------------------------------------


def test_status_zh_on_the_real_plan(run: Run) -> None:
    r = run("status", "--file", LEDGER, "--as-of", "2018-12-20")
    assert r.exit_code == 0, r.stderr
    out = lines(r.stdout)
    assert out[0] == "双丰林业局2018年政务公开工作实施方案（双林发〔2018〕66号）"
    assert out[1] == "截至 2018-12-20  任务 18 项"
    assert out[2] == "按状态: 未启动 18  推进中 0  已完成 0  已取消 0"
    assert out[3] == "红黄绿灯: ● 红灯 1  ● 黄灯 17  ● 绿灯 0"
    assert "全部任务                                ░░░░░░░░░░░░░░░░░░░░ 0/18 0%" in out
    assert "二（二） 加强公开解读回应工作           ░░░░░░░░░░░░░░░░░░░░ 0/5 0%" in out
    attention = out[out.index("需要关注") + 3 :]
    # overdue first (the 2018Q3 check), then the due-soon clauses in document order
    assert attention[0].split()[:5] == ["3-1", "建立长效监测检查工作机制", "行政办", "2018-09-30", "逾期"]
    assert attention[1].split() == ["2-1-1", "推进决策和监管信息公开", "行政办", "2018-12-31", "临期"]
    assert all(len(line) <= 80 for line in out)


def test_status_en(run: Run) -> None:
    r = run("status", "--file", LEDGER, "--as-of", "2018-12-20", "--lang", "en")
    out = lines(r.stdout)
    assert out[1] == "as of 2018-12-20  18 tasks"
    assert out[2] == "by status: not started 18  in progress 0  done 0  cancelled 0"
    assert out[3] == "traffic lights: ● red 1  ● yellow 17  ● green 0"
    assert "needs attention" in out


def test_lang_from_environment(run: Run, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("GONGKAI_LANG", "en")
    assert "18 tasks" in run("status", "-f", LEDGER, "--as-of", "2018-12-20").stdout


def test_status_json_is_stable(run: Run) -> None:
    r = run("status", "--file", REPORTS_PROGRESS, "--as-of", "2018-12-10", "--json")
    data = json.loads(r.stdout)
    assert data["schema"] == 1 and data["as_of"] == "2018-12-10" and data["total"] == 8
    assert data["by_status"] == {"not_started": 0, "in_progress": 6, "done": 1, "cancelled": 1}
    assert data["by_light"] == {"red": 2, "yellow": 2, "green": 3, "none": 1}
    assert data["progress"] == {"done": 1, "total": 7}
    assert data["sections"] == [
        {"section": "一", "title": "第一部分", "done": 1, "total": 3},
        {"section": "二", "title": "第二部分", "done": 0, "total": 4},
    ]
    assert [(a["id"], a["reason"], a["light"]) for a in data["attention"]] == [
        ("b3", "overdue", "red"),
        ("a2", "overdue", "red"),
        ("a3", "due_soon", "yellow"),
        ("b1", "report_missing", "yellow"),
    ]
    assert data["attention"][3]["last_report"] == "2018-10-01"


def test_status_finds_tasks_yaml_upward(run: Run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "tasks.yaml").write_bytes(REPORTS_PROGRESS.read_bytes())
    deep = tmp_path / "a" / "b"
    deep.mkdir(parents=True)
    monkeypatch.chdir(deep)
    r = run("status", "--as-of", "2018-12-10")
    assert r.exit_code == 0 and "测试方案" in r.stdout


def test_status_without_any_ledger(run: Run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    r = run("status")
    assert r.exit_code == 3
    assert "找不到 tasks.yaml" in r.stderr and "--file" in r.stderr


# --- overdue ---------------------------------------------------------------------------------


def test_overdue_on_2019_01_15_lists_every_obligation(run: Run) -> None:
    r = run("overdue", "--file", LEDGER, "--as-of", "2019-01-15", "--json")
    data = json.loads(r.stdout)
    got = [(o["id"], o["period"], o["days_late"]) for o in data["overdue"]]
    assert got[0] == ("3-1", "2018Q3", 107)
    assert ("3-1", "2018Q4", 15) in got
    assert len(got) == 19
    assert all(days == 15 for _, period, days in got[1:])
    assert data["overdue"][3]["lead"] == ["工会", "民政局", "教育局", "卫计局", "安监局", "公安局", "多种经营局", "资源林政局", "文体局"]


def test_overdue_text(run: Run) -> None:
    r = run("overdue", "--file", LEDGER, "--as-of", "2019-01-15")
    out = lines(r.stdout)
    assert out[0] == "截至 2019-01-15"
    assert out[1] == "逾期事项（19 项）"
    assert out[4].split() == ["3-1", "建立长效监测检查工作机制", "2018Q3", "2018-09-30", "107", "行政办"]


def test_overdue_within(run: Run) -> None:
    r = run("overdue", "--file", REPORTS_PROGRESS, "--as-of", "2018-12-10", "--within", "12", "--lang", "en")
    out = lines(r.stdout)
    assert "overdue (2)" in out
    assert "due within 12 days (1)" in out
    assert any(line.split()[:2] == ["a3", "临期的任务"] for line in out)


def test_nothing_overdue(run: Run) -> None:
    r = run("overdue", "--file", LEDGER, "--as-of", "2018-09-20")
    assert "截至 2018-09-20 没有逾期事项。" in r.stdout


# --- unit / units ------------------------------------------------------------------------------


def test_unit_xuanchuanbu(run: Run) -> None:
    r = run("unit", "宣传部", "--file", LEDGER, "--as-of", "2018-12-20")
    assert r.exit_code == 0
    out = lines(r.stdout)
    assert out[0] == "宣传部的任务清单  [机关部门]"
    leads = out.index("牵头任务（5 项）")
    assert [line.split()[0] for line in out[leads + 3 : leads + 8]] == ["2-2-2a", "2-2-2b", "2-2-2c", "2-2-2d", "2-4-2"]
    supports = out.index("配合任务（点名，1 项）")
    assert out[supports + 3].split()[:3] == ["2-2-1", "加强政策解读", "行政办"]
    assert "经群体涉及的任务（8 项）" in out
    assert "可能涉及（“林业局有关部门”尚未明确具体单位，1 项）" in out


def test_unit_json_and_alias(run: Run) -> None:
    r = run("unit", "卫计局", "--file", REPORTS_PROGRESS, "--as-of", "2018-12-10", "--json")
    data = json.loads(r.stdout)
    assert data["unit"] == "卫健局" and data["aliases"] == ["卫计局"]
    assert [t["id"] for t in data["leads"]] == ["a3"]


def test_unknown_unit_gets_a_suggestion(run: Run) -> None:
    r = run("unit", "宣传", "--file", LEDGER)
    assert r.exit_code == 3
    assert "台账中没有单位或群体 “宣传”" in r.stderr and "宣传部" in r.stderr
    r = run("unit", "xuanchuan", "--file", LEDGER, "--lang", "en")
    assert "no unit or group named 'xuanchuan'" in r.stderr


def test_units_table(run: Run) -> None:
    r = run("units", "--file", LEDGER, "--as-of", "2018-12-20")
    out = lines(r.stdout)
    row = next(line for line in out if line.startswith("宣传部"))
    assert row.split() == ["宣传部", "5", "1", "8", "0", "5", "0"]
    data = json.loads(run("units", "--file", LEDGER, "--as-of", "2019-01-15", "--json").stdout)
    office = next(u for u in data["units"] if u["unit"] == "行政办")
    assert office == {"unit": "行政办", "unit_then": "行政办", "kind": "department", "leads": 11, "supports": 5, "via_group": 0, "overdue": 11, "report_missing": 11, "reported_late": 0}


def test_units_explains_its_columns(run: Run) -> None:
    out = run("units", "--file", REPORTS_PROGRESS, "--as-of", "2018-12-10").stdout
    legend = "".join(out[out.index("说明：") :].split())
    assert legend.startswith("说明：牵头=作为牵头单位的任务数；") and "缺报=牵头任务中超过报送周期未报送进展的；" in legend and legend.endswith("迟报=牵头的周期性任务中晚于期限报送的周期数。")
    en = " ".join(run("units", "--file", REPORTS_PROGRESS, "--as-of", "2018-12-10", "--lang", "en").stdout.split())
    assert "no report: led tasks with no progress report within the reporting cycle;" in en
    assert en.endswith("late: periods of led recurring duties reported after their due date.")


def test_unit_on_a_group_lists_its_members_and_their_tasks(run: Run) -> None:
    r = run("unit", "宣传口", "--file", REPORTS_PROGRESS, "--as-of", "2018-12-10")
    assert (r.exit_code, r.stderr) == (0, "")
    out = lines(r.stdout)
    assert out[0] == "“宣传口”是群体，不是单位：下面列出它包括的各单位及其任务。"
    assert "包括 2 个单位：宣传部、新闻中心" in out
    assert out.count("宣传部的任务清单  [机关部门]") == 1 and out.count("新闻中心的任务清单  [局属单位]") == 1
    assert "您是否要找" not in r.stdout


def test_unit_on_a_group_as_json(run: Run) -> None:
    data = json.loads(run("unit", "宣传口", "--file", REPORTS_PROGRESS, "--as-of", "2018-12-10", "--json").stdout)
    assert data["group"] == "宣传口" and [m["unit"] for m in data["members"]] == ["宣传部", "新闻中心"]
    assert [t["id"] for t in data["members"][1]["leads"]] == ["b4"]


def test_unit_on_an_unresolved_group_says_so(run: Run) -> None:
    r = run("unit", "有关部门", "--file", REPORTS_PROGRESS, "--as-of", "2018-12-10", "--lang", "en")
    assert r.exit_code == 0
    assert "'有关部门' is not yet resolved to named units" in r.stdout


# --- show ----------------------------------------------------------------------------------------


def test_show_task(run: Run) -> None:
    r = run("show", "2-1-3", "--file", LEDGER, "--as-of", "2018-12-20")
    assert r.exit_code == 0
    assert "任务 2-1-3  二（一）3  推进社会公益事业建设信息公开" in r.stdout
    assert "（列表以“等部门”结尾，未列尽）" in r.stdout
    assert "尚无进展报送。" in r.stdout


def test_show_recurring_with_history(run: Run) -> None:
    r = run("show", "b3", "--file", REPORTS_PROGRESS, "--as-of", "2018-12-10", "--json")
    data = json.loads(r.stdout)
    assert data["repeat"] == "monthly"
    assert [(o["period"], o["fulfilled"]) for o in data["obligations"]] == [
        ("2018-09", True), ("2018-10", False), ("2018-11", True), ("2018-12", False)
    ]  # fmt: skip
    assert data["reports"][1] == {"period": "2018-11", "date": "2018-11-29", "by": "行政办", "note": "已检查", "evidence": []}
    text = run("show", "a1", "--file", REPORTS_PROGRESS, "--as-of", "2018-12-10", "--lang", "en").stdout
    assert "2018-11-20" in text and "in progress→done" in text and "https://example.org/a1" in text


def test_show_unknown_task(run: Run) -> None:
    r = run("show", "2-2-2e", "--file", LEDGER)
    assert r.exit_code == 3
    assert "您是否要找：2-2-2d" in r.stderr


# --- errors and exit codes --------------------------------------------------------------------------


def test_bad_date_is_a_usage_error(run: Run) -> None:
    r = run("status", "--file", LEDGER, "--as-of", "2018-02-30")
    assert r.exit_code == 3
    assert "日期 “2018-02-30” 无效" in r.stderr


def test_friendly_dates_are_accepted(run: Run) -> None:
    for value in ("2018年12月20日", "2018/12/20", "20181220"):
        assert lines(run("status", "-f", LEDGER, "--as-of", value).stdout)[1] == "截至 2018-12-20  任务 18 项"


def test_missing_file_exit_2(run: Run, tmp_path: Path) -> None:
    r = run("status", "--file", tmp_path / "nope.yaml")
    assert r.exit_code == 2
    assert f"{tmp_path / 'nope.yaml'}:1:1: [错误] GK001 文件不存在" in r.stderr


def test_invalid_ledger_exit_1_with_location(run: Run, tmp_path: Path) -> None:
    bad = tmp_path / "tasks.yaml"
    bad.write_text(REPORTS_PROGRESS.read_text(encoding="utf-8").replace("cooperate: [宣传口]", "cooprate: [宣传口]"), encoding="utf-8")
    r = run("status", "--file", bad, "--lang", "en")
    assert r.exit_code == 1
    assert f"{bad}:50:5: [error] GK010 unknown key 'cooprate'. Did you mean: cooperate?" in r.stderr
    assert "Traceback" not in r.stderr


def test_unknown_unit_in_ledger(run: Run, tmp_path: Path) -> None:
    bad = tmp_path / "tasks.yaml"
    bad.write_text(REPORTS_PROGRESS.read_text(encoding="utf-8").replace("lead: [宣传部]\n    cooperate: [各单位、部门]", "lead: [宣传处]\n    cooperate: [各单位、部门]"), encoding="utf-8")
    r = run("status", "--file", bad)
    assert r.exit_code == 1
    assert ":66:12: [错误] GK021 “宣传处” 不是登记的单位、别名或群体。您是否要找：宣传部、宣传口？" in r.stderr


def test_unknown_option_is_usage(run: Run) -> None:
    assert run("status", "--nope").exit_code == 3
    assert run("status", "--lang", "fr", "-f", LEDGER).exit_code == 3


def test_cache_gives_the_same_answer(run: Run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("GONGKAI_CACHE_DIR", str(tmp_path / "c"))
    first = run("status", "-f", LEDGER, "--as-of", "2018-12-20", "--json").stdout
    assert len([name for name in os.listdir(tmp_path / "c") if name.endswith(".pickle")]) == 1
    second = run("status", "-f", LEDGER, "--as-of", "2018-12-20", "--json").stdout
    assert first == second


def test_python_dash_m(tmp_path: Path) -> None:
    import subprocess
    import sys

    proc = subprocess.run(
        [sys.executable, "-m", "gongkai", "status", "-f", str(LEDGER), "--as-of", "2018-12-20", "--json"],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env={**os.environ, "GONGKAI_NO_CACHE": "1"},
        check=False,
    )
    assert proc.returncode == 0, proc.stderr
    assert json.loads(proc.stdout)["total"] == 18


def test_status_limits_the_attention_list(run: Run) -> None:
    out = lines(run("status", "--file", LEDGER, "--as-of", "2019-01-15", "--limit", "3").stdout)
    attention = out[out.index("需要关注") + 3 :]
    assert [line.split()[0] for line in attention[:3]] == ["3-1", "2-1-1", "2-1-2"]
    assert attention[-1] == "另有 15 项未列出：用 --limit 0 列出全部，或运行 gongkai overdue。"
    everything = lines(run("status", "--file", LEDGER, "--as-of", "2019-01-15", "--limit", "0").stdout)
    assert not any(line.startswith("另有") for line in everything)


def test_usage_messages_name_the_fix(run: Run) -> None:
    r = run("status", "--lang", "fr", "-f", LEDGER)
    assert "不支持的语言 “fr”：请用 zh 或 en。" in r.stderr
    r = run("report", "-f", LEDGER, "--lang", "en")
    assert r.exit_code == 3 and r.stderr.startswith("error: ") and "gongkai report 3-1 --period 2018Q4" in r.stderr


def test_a_language_from_the_environment_that_gongkai_does_not_speak(run: Run, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("GONGKAI_LANG", "garbage")
    r = run("status", "--file", REPORTS_PROGRESS)
    assert r.exit_code == 3
    assert "环境变量 GONGKAI_LANG 的值 “garbage” 不是支持的语言" in r.stderr and "None" not in r.stderr
    r = run("status", "--file", REPORTS_PROGRESS, "--lang", "fr")
    assert r.exit_code == 3 and "不支持的语言 “fr”" in r.stderr


@pytest.mark.parametrize("args", [["status", "--json"], ["status"], ["export", "--format", "csv", "-o", "-"]])
def test_closed_standard_output_is_a_message_not_a_traceback(args: list[str]) -> None:
    import subprocess
    import sys

    proc = subprocess.run(
        [sys.executable, "-m", "gongkai", *args, "--file", str(REPORTS_PROGRESS), "--as-of", "2018-12-10"],
        stderr=subprocess.PIPE,
        text=True,
        check=False,
        close_fds=True,
        preexec_fn=lambda: os.close(1),
    )
    assert "Traceback" not in proc.stderr
    assert proc.returncode == 3
    assert "标准输出已关闭" in proc.stderr


def test_add_unit_registers_a_unit_and_the_old_spelling_still_works(run: Run, tmp_path: Path) -> None:
    ledger = tmp_path / "tasks.yaml"
    ledger.write_bytes(REPORTS_PROGRESS.read_bytes())
    r = run("add-unit", "档案局", "--kind", "unit", "--file", ledger)
    assert (r.exit_code, r.stderr) == (0, "")
    assert "  - name: 档案局\n    kind: unit\n" in ledger.read_text(encoding="utf-8")
    r = run("add", "--unit", "史志办", "--file", ledger)
    assert r.exit_code == 0
    assert "旧写法" in r.stderr and "gongkai add-unit NAME" in r.stderr
    assert "  - name: 史志办\n" in ledger.read_text(encoding="utf-8")
    r = run("add-unit", "方志馆", "--kind", "bureau", "--file", ledger)
    assert r.exit_code == 3 and "方志馆" not in ledger.read_text(encoding="utf-8")


def test_report_help_no_longer_offers_the_dashboard(run: Run) -> None:
    r = run("report", "--help")
    assert r.exit_code == 0 and "--html" not in r.stdout and "--period" in r.stdout
