"""The reports across a workspace: a block or a row per plan, every row naming its plan."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from ..support import REPORTS_PROGRESS, WORKSPACE, Run

TOML = WORKSPACE / "gongkai.toml"
AS_OF = ("--as-of", "2018-12-10")


def lines(text: str) -> list[str]:
    return [line.rstrip() for line in text.splitlines()]


# --- status ----------------------------------------------------------------------------------------


def test_status_has_a_block_per_plan_then_the_total(run: Run) -> None:
    r = run("status", "-f", TOML, *AS_OF)
    assert r.exit_code == 0, r.stderr
    out = lines(r.stdout)
    heads = [i for i, line in enumerate(out) if line.startswith("方案 ") and len(line.split()) == 2]
    assert [out[i] for i in heads] == ["方案 gk2018", "方案 lx2018", "方案 aq2018"]
    assert out[heads[0] + 1] == "测试局2018年政务公开工作方案（测发〔2018〕1号）"
    assert out[heads[2] + 2] == "截至 2018-12-10  任务 2 项"
    total = out[out.index("全部方案（3 个）") :]
    assert total[1:4] == [
        "截至 2018-12-10  任务 6 项",
        "按状态: 未启动 4  推进中 1  已完成 1  已取消 0",
        "红黄绿灯: ● 红灯 3  ● 黄灯 2  ● 绿灯 1",
    ]
    assert total[5].split() == ["方案", "文号", "办结进度", "红灯", "黄灯"]
    assert total[7].split() == ["全部任务", "███░░░░░░░░░░░░░░░░░", "1/6", "17%"]
    assert total[8].split() == ["gk2018", "测发〔2018〕1号", "███████░░░░░░░░░░░░░", "1/3", "33%", "1", "1"]
    assert total[9].split() == ["lx2018", "邻发〔2018〕9号", "░░░░░░░░░░░░░░░░░░░░", "0/1", "0%", "1", "0"]
    assert total[10].split() == ["aq2018", "测发〔2018〕2号", "░░░░░░░░░░░░░░░░░░░░", "0/2", "0%", "1", "1"]


def test_status_in_english(run: Run) -> None:
    out = lines(run("status", "-f", TOML, *AS_OF, "--lang", "en").stdout)
    assert "plan gk2018" in out
    total = out[out.index("all plans (3)") :]
    assert total[1] == "as of 2018-12-10  6 tasks"
    assert total[5].split() == ["plan", "document", "progress", "(closed)", "red", "yellow"]


def test_status_json_has_each_plan_and_the_total(run: Run) -> None:
    data = json.loads(run("status", "-f", TOML, *AS_OF, "--json").stdout)
    assert [(p["plan"], p["doc_number"], p["issuer"], p["path"], p["total"]) for p in data["plans"]] == [
        ("gk2018", "测发〔2018〕1号", "测试局", str(WORKSPACE / "gongkai.yaml"), 3),
        ("lx2018", "邻发〔2018〕9号", "邻县局", str(WORKSPACE / "plans" / "neighbour.yaml"), 1),
        ("aq2018", "测发〔2018〕2号", "测试局", str(WORKSPACE / "plans" / "safety.yaml"), 2),
    ]
    assert [(a["plan"], a["id"], a["reason"]) for p in data["plans"] for a in p["attention"]] == [
        ("gk2018", "g2", "overdue"),
        ("gk2018", "g3", "due_soon"),
        ("lx2018", "n1", "overdue"),
        ("aq2018", "s1", "overdue"),
        ("aq2018", "s2", "due_soon"),
    ]
    assert data["total"] == {
        "plans": 3,
        "total": 6,
        "by_status": {"not_started": 4, "in_progress": 1, "done": 1, "cancelled": 0},
        "by_light": {"red": 3, "yellow": 2, "green": 1, "none": 0},
        "progress": {"done": 1, "total": 6},
    }


# --- finding the workspace ---------------------------------------------------------------------------


def test_the_workspace_is_found_from_a_subfolder(run: Run, workspace_here: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    deep = workspace_here / "notes" / "2018"
    deep.mkdir(parents=True)
    monkeypatch.chdir(deep)
    data = json.loads(run("status", *AS_OF, "--json").stdout)
    assert [p["plan"] for p in data["plans"]] == ["gk2018", "lx2018", "aq2018"]
    assert data["plans"][0]["path"] == str(Path("..", "..", "gongkai.yaml"))


def test_the_nearest_wins_and_a_workspace_beats_tasks_yaml_beside_it(
    run: Run, workspace_here: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    inner = workspace_here / "single"
    inner.mkdir()
    (inner / "tasks.yaml").write_bytes(REPORTS_PROGRESS.read_bytes())
    monkeypatch.chdir(inner)
    assert run("status", *AS_OF).stdout.startswith("测试方案（测发〔2018〕1号）\n")
    (workspace_here / "tasks.yaml").write_bytes(REPORTS_PROGRESS.read_bytes())
    monkeypatch.chdir(workspace_here)
    assert run("status", *AS_OF).stdout.startswith("方案 gk2018\n")


def test_repeated_file_makes_a_workspace_and_one_file_stays_one_ledger(run: Run) -> None:
    ledgers = [WORKSPACE / "gongkai.yaml", WORKSPACE / "plans" / "safety.yaml"]
    data = json.loads(run("status", "-f", ledgers[0], "-f", ledgers[1], *AS_OF, "--json").stdout)
    assert [p["plan"] for p in data["plans"]] == ["gk2018", "aq2018"]
    single = json.loads(run("status", "-f", ledgers[0], *AS_OF, "--json").stdout)
    assert "plans" not in single and single["total"] == 3
    # global options before the command are hoisted, repeated or not
    assert run("--file", ledgers[0], "--file", ledgers[1], "status", *AS_OF).stdout.startswith("方案 gk2018\n")


def test_a_repeated_file_is_read_once(run: Run) -> None:
    ledger = WORKSPACE / "gongkai.yaml"
    assert run("status", "-f", ledger, "-f", ledger, *AS_OF, "--json").stdout == run("status", "-f", ledger, *AS_OF, "--json").stdout


def test_commands_of_one_ledger_refuse_a_workspace(run: Run, workspace_here: Path) -> None:
    r = run("bulletin", "--period", "2018Q4")
    assert r.exit_code == 3
    assert r.stderr == "错误: gongkai.toml 是一个工作区，而此命令只作用于一个台账：请用 --file 指定台账。\n"
    r = run("update", "g1", "--note", "x", "--lang", "en")
    assert (r.exit_code, r.stderr) == (
        3,
        "error: gongkai.toml is a workspace, and this command works on one ledger: name the ledger with --file.\n",
    )
    assert run("bulletin", "--period", "2018Q4", "-f", "gongkai.yaml").exit_code == 0


def test_show_finds_the_task_in_the_plans_that_have_it(run: Run) -> None:
    out = lines(run("show", "s2", "-f", TOML, *AS_OF).stdout)
    assert out[0] == "方案 aq2018" and out[1].startswith("任务 s2  一2")
    data = json.loads(run("show", "一1", "-f", TOML, *AS_OF, "--json").stdout)
    assert [(t["plan"], [c["id"] for c in t["tasks"]]) for t in data["tasks"]] == [
        ("gk2018", ["g1"]),
        ("lx2018", ["n1"]),
        ("aq2018", ["s1"]),
    ]
    r = run("show", "s9", "-f", TOML, *AS_OF)
    assert (r.exit_code, r.stderr) == (3, "错误: 工作区的各方案中都没有编号为 “s9” 的任务。您是否要找：s2、s1？\n")


# --- overdue -----------------------------------------------------------------------------------------


def test_overdue_lists_every_plan_longest_late_first(run: Run) -> None:
    out = lines(run("overdue", "-f", TOML, *AS_OF, "--within", "10").stdout)
    assert out[1] == "逾期事项（3 项）"
    assert [line.split() for line in out[4:7]] == [
        ["aq2018", "s1", "开展安全大检查", "—", "2018-10-31", "40", "安监科"],
        ["gk2018", "g2", "做好政策解读", "—", "2018-11-15", "25", "宣传部"],
        ["lx2018", "n1", "公开政府信息", "—", "2018-12-01", "9", "宣传部"],
    ]
    assert out[7] == "10 天内到期（2 项）"
    assert [line.split()[:2] for line in out[10:12]] == [["aq2018", "s2"], ["gk2018", "g3"]]


def test_overdue_json_names_the_plan_of_each_row_and_counts_per_plan(run: Run) -> None:
    data = json.loads(run("overdue", "-f", TOML, *AS_OF, "--json", "--lang", "en").stdout)
    assert [(o["plan"], o["id"], o["days_late"]) for o in data["overdue"]] == [
        ("aq2018", "s1", 40),
        ("gk2018", "g2", 25),
        ("lx2018", "n1", 9),
    ]
    assert [(p["plan"], p["overdue"], p["due_soon"]) for p in data["plans"]] == [("gk2018", 1, 0), ("lx2018", 1, 0), ("aq2018", 1, 0)]


def test_overdue_filters_in_every_plan(run: Run) -> None:
    data = json.loads(run("overdue", "lead:宣传部", "-f", TOML, *AS_OF, "--json").stdout)
    assert [(o["plan"], o["id"]) for o in data["overdue"]] == [("gk2018", "g2"), ("lx2018", "n1")]


def test_overdue_in_english(run: Run) -> None:
    out = lines(run("overdue", "-f", TOML, *AS_OF, "--lang", "en").stdout)
    assert out[1] == "overdue (3)"
    assert out[2].split()[:3] == ["plan", "id", "task"]


# --- units ---------------------------------------------------------------------------------------------


def test_units_joins_a_unit_across_plans_of_one_issuer_and_keeps_another_issuers_apart(run: Run) -> None:
    out = lines(run("units", "-f", TOML, *AS_OF).stdout)
    rows = [line.split() for line in out[4:10]]
    assert rows == [
        ["行政办", "gk2018、aq2018", "2", "1", "0", "0", "0", "0"],
        ["宣传部（测试局）", "gk2018、aq2018", "2", "1", "0", "1", "0", "0"],
        ["新闻中心", "gk2018", "0", "1", "0", "0", "0", "0"],
        ["宣传部（邻县局）", "lx2018", "1", "0", "0", "1", "0", "0"],
        ["办公室", "lx2018", "0", "1", "0", "0", "0", "0"],
        ["安监科", "aq2018", "1", "0", "0", "1", "0", "0"],
    ]


def test_units_json_has_a_breakdown_per_plan(run: Run) -> None:
    data = json.loads(run("units", "-f", TOML, *AS_OF, "--json").stdout)
    publicity = data["units"][1]
    assert (publicity["unit"], publicity["name"], publicity["issuer"], publicity["leads"]) == ("宣传部（测试局）", "宣传部", "测试局", 2)
    assert [(p["plan"], p["name"], p["leads"], p["supports"]) for p in publicity["plans"]] == [
        ("gk2018", "宣传部", 1, 1),
        ("aq2018", "宣传科", 1, 0),
    ]
    assert [u["unit"] for u in data["units"]] == ["行政办", "宣传部（测试局）", "新闻中心", "宣传部（邻县局）", "办公室", "安监科"]


def test_units_in_english(run: Run) -> None:
    out = lines(run("units", "-f", TOML, *AS_OF, "--lang", "en").stdout)
    assert out[0] == "tasks by unit"
    assert out[2].split() == ["unit", "plan", "leads", "supports", "via", "group", "overdue", "no", "report", "late"]


# --- unit NAME --------------------------------------------------------------------------------------------


def test_unit_answers_everything_it_owes_across_the_plans(run: Run) -> None:
    data = json.loads(run("unit", "宣传部", "-f", TOML, *AS_OF, "--json").stdout)
    first, other = data["units"]
    assert (first["unit"], [(t["plan"], t["id"]) for t in first["leads"]]) == ("宣传部（测试局）", [("gk2018", "g2"), ("aq2018", "s2")])
    assert [(t["plan"], t["id"]) for t in first["supports"]] == [("gk2018", "g3")]
    assert (first["supervises"], first["via_group"]) == ([], [])
    assert [(p["plan"], p["name"], p["leads"]) for p in first["plans"]] == [("gk2018", "宣传部", 1), ("aq2018", "宣传科", 1)]
    assert (other["unit"], other["issuer"], [(t["plan"], t["id"]) for t in other["leads"]]) == (
        "宣传部（邻县局）",
        "邻县局",
        [("lx2018", "n1")],
    )


def test_unit_by_its_label_a_plans_alias_or_the_workspaces_alias(run: Run) -> None:
    def units(name: str) -> list[str]:
        return [u["unit"] for u in json.loads(run("unit", name, "-f", TOML, *AS_OF, "--json").stdout)["units"]]

    assert units("宣传部（邻县局）") == ["宣传部（邻县局）"]
    assert units("局办公室") == ["行政办"]  # gk2018's own alias; 行政办 of aq2018 is the same unit (same issuer)
    assert units("宣传科") == ["宣传部（测试局）", "宣传部（邻县局）"]  # the workspace's alias stands for the name 宣传部


def test_unit_text_shows_each_plan(run: Run) -> None:
    out = lines(run("unit", "宣传部（测试局）", "-f", TOML, *AS_OF).stdout)
    assert out[:5] == ["截至 2018-12-10", "宣传部（测试局）在 2 个方案中的任务", "", "方案 gk2018", "宣传部的任务清单  [机关部门]"]
    assert "方案 aq2018" in out and "宣传科的任务清单  [机关部门]" in out
    en = lines(run("unit", "宣传部（测试局）", "-f", TOML, *AS_OF, "--lang", "en").stdout)
    assert en[1] == "what 宣传部（测试局） owes in 2 plan(s)"


def test_an_unknown_unit_is_a_usage_error_with_suggestions(run: Run) -> None:
    r = run("unit", "宣传", "-f", TOML, *AS_OF)
    assert r.exit_code == 3
    assert r.stderr == "错误: 工作区的各方案中都没有单位或群体 “宣传”。您是否要找：宣传部、宣传科？\n"


# --- list ------------------------------------------------------------------------------------------------


def test_list_names_the_plan_of_each_row_and_sorts_across_plans(run: Run) -> None:
    out = lines(run("list", "-f", TOML, *AS_OF, "--sort", "due", "--limit", "4").stdout)
    assert out[0] == "截至 2018-12-10  符合条件的任务 6 项"
    assert out[1].split() == ["方案", "编号", "任务", "牵头单位", "期限", "灯"]
    assert [line.split()[:2] for line in out[3:7]] == [["aq2018", "s1"], ["gk2018", "g2"], ["gk2018", "g1"], ["lx2018", "n1"]]
    assert out[7] == "（列出 4 项，另有 2 项：用 --limit 0 列出全部）"


def test_list_json_and_filters(run: Run) -> None:
    data = json.loads(run("list", "light:red", "-f", TOML, *AS_OF, "--json").stdout)
    assert data["total"] == 3
    assert [(t["plan"], t["id"]) for t in data["tasks"]] == [("gk2018", "g2"), ("lx2018", "n1"), ("aq2018", "s1")]
    assert [(p["plan"], p["shown"]) for p in data["plans"]] == [("gk2018", 1), ("lx2018", 1), ("aq2018", 1)]


def test_list_in_english(run: Run) -> None:
    out = lines(run("list", "-f", TOML, *AS_OF, "--lang", "en").stdout)
    assert out[0] == "as of 2018-12-10  6 matching tasks"
    assert out[1].split() == ["plan", "id", "task", "lead", "due", "light"]


def test_unit_on_a_groups_name_shows_the_group_in_each_plan(run: Run) -> None:
    data = json.loads(run("unit", "各部门", "-f", TOML, *AS_OF, "--json").stdout)
    assert [(g["plan"], g["group"], [m["unit"] for m in g["members"]]) for g in data["groups"]] == [
        ("gk2018", "各部门", ["行政办", "宣传部"]),
        ("aq2018", "各部门", ["安监科", "宣传科", "行政办"]),
    ]
    out = lines(run("unit", "各部门", "-f", TOML, *AS_OF).stdout)
    assert out[:2] == ["方案 gk2018", "“各部门”是群体，不是单位：下面列出它包括的各单位及其任务。"]
    assert "方案 aq2018" in out and "方案 lx2018" not in out


def test_ledgers_keep_the_order_of_their_first_listing(run: Run, workspace_here: Path) -> None:
    (workspace_here / "gongkai.toml").write_text('ledgers = ["plans/*.yaml", "gongkai.yaml", "plans/safety.yaml"]\n', encoding="utf-8")
    data = json.loads(run("status", *AS_OF, "--json").stdout)
    assert [p["plan"] for p in data["plans"]] == ["lx2018", "aq2018", "gk2018"]


def test_a_workspace_and_ledgers_cannot_be_named_together(run: Run) -> None:
    r = run("status", "-f", TOML, "-f", WORKSPACE / "gongkai.yaml", *AS_OF, "--lang", "en")
    assert (r.exit_code, r.stderr) == (
        3,
        f"error: {TOML} is a workspace: --file names either one gongkai.toml or several ledgers, not both.\n",
    )


def test_the_fast_path_answers_a_workspaces_reports_and_leaves_the_rest_to_the_command_line(run: Run, workspace_here: Path) -> None:
    import contextlib
    import io

    from gongkai import fastpath

    def fast(*argv: str) -> tuple[int | None, str]:
        out = io.StringIO()
        with contextlib.redirect_stdout(out):
            code = fastpath.run(list(argv))
        return code, out.getvalue()

    # Every ledger is in the cache (a tasks.yaml above the workspace too), so only the workspace can send these back.
    above = workspace_here.parent / "tasks.yaml"
    above.write_bytes(REPORTS_PROGRESS.read_bytes())
    for ledger in ("gongkai.yaml", "plans/safety.yaml", "plans/neighbour.yaml", above):
        assert run("status", "-f", ledger, *AS_OF).exit_code == 0
    assert fast("status", "-f", "gongkai.yaml", *AS_OF)[0] == 0  # the probe answers one ledger
    # status across the workspace: found upward, named, or as several --file; the command line's bytes
    for argv in (["status", *AS_OF], ["status", "-f", "gongkai.toml", *AS_OF, "--lang", "en"], ["status", *AS_OF, "--json"]):
        assert fast(*argv) == (0, run(*argv).stdout)
    several = ["status", "-f", "gongkai.yaml", "-f", "plans/safety.yaml", *AS_OF, "--limit", "3"]
    assert fast(*several) == (0, run(*several).stdout)
    assert fast("-f", "gongkai.yaml", "-f", "plans/safety.yaml", "status", *AS_OF) == (0, run(*several[:5], *AS_OF).stdout)
    # overdue, unit, units and list across it too
    for argv in (
        ["units", "-f", "gongkai.toml", *AS_OF],
        ["list", "-f", "gongkai.yaml", "-f", "plans/safety.yaml", *AS_OF],
        ["overdue", "--within", "10", *AS_OF, "--json"],
        ["unit", "宣传部", *AS_OF],
    ):
        assert fast(*argv) == (0, run(*argv).stdout)
    assert fast("-f", "gongkai.yaml", "-f", "plans/safety.yaml", "units", *AS_OF) == (0, run("units", "-f", "gongkai.yaml", "-f", "plans/safety.yaml", *AS_OF).stdout)
    # the trend across plans, changes and remind across plans, a toml named beside a ledger: the command line's
    assert fastpath.run(["status", "--trend", *AS_OF]) is None
    assert fastpath.run(["changes", "--since", "2018-10-01", "--until", "2018-12-10"]) is None
    assert fastpath.run(["remind", *AS_OF]) is None
    assert fastpath.run(["status", "-f", "gongkai.toml", "-f", "gongkai.yaml", *AS_OF]) is None
    (workspace_here / "plans" / "safety.yaml").write_text((workspace_here / "plans" / "safety.yaml").read_text(encoding="utf-8") + "\n", encoding="utf-8")
    assert fastpath.run(["status", *AS_OF]) is None  # safety.yaml changed: not in the cache any more


def test_overdue_by_unit_joins_a_unit_across_plans(run: Run) -> None:
    out = lines(run("overdue", "--group-by", "unit", "--within", "10", "-f", TOML, *AS_OF).stdout)
    soon = out[out.index("10 天内到期（2 项）") :]
    # g3 is led by 局办公室, gk2018's alias of 行政办; s2 by 宣传科, joined to 宣传部 by the workspace
    assert [soon[1], soon[4].split()[:2], soon[5], soon[8].split()[:2]] == [
        "行政办（1 项）",
        ["gk2018", "g3"],
        "宣传部（测试局）（1 项）",
        ["aq2018", "s2"],
    ]
    assert out[2] == "宣传部（测试局）（1 项）" and out[5].split()[:2] == ["gk2018", "g2"]


def test_list_groups_units_across_plans_and_sections_per_plan(run: Run) -> None:
    out = lines(run("list", "--group-by", "unit", "-f", TOML, *AS_OF).stdout)
    heads = [line for line in out if line.endswith("项）") and not line.startswith("截至")]
    assert heads == ["行政办（2 项）", "宣传部（测试局）（2 项）", "宣传部（邻县局）（1 项）", "安监科（1 项）"]
    out = lines(run("list", "--group-by", "section", "-f", TOML, *AS_OF, "--lang", "en").stdout)
    assert [line for line in out if line.endswith(")") and not line.startswith("as of")] == [
        "gk2018 一 公开工作 (3)",
        "lx2018 一 公开工作 (1)",
        "aq2018 一 安全检查 (2)",
    ]
    data = json.loads(run("list", "--group-by", "light", "-f", TOML, *AS_OF, "--json").stdout)
    assert data["group_by"] == "light"
    red = data["groups"][0]
    assert (red["key"], [(t["plan"], t["id"]) for t in red["tasks"]]) == ("red", [("gk2018", "g2"), ("lx2018", "n1"), ("aq2018", "s1")])


def test_status_trend_adds_up_the_plans_period_by_period(run: Run) -> None:
    data = json.loads(run("status", "--trend", "--per", "month", "-f", TOML, *AS_OF, "--json").stdout)
    assert [(p["label"], p["done"], p["overdue"], p["total"]) for p in data["points"]] == [
        ("2018-09", 0, 0, 6),
        ("2018-10", 0, 0, 6),
        ("2018-11", 1, 2, 6),
        ("2018-12", 1, 3, 6),
    ]
    out = lines(run("status", "--trend", "--per", "month", "-f", TOML, *AS_OF).stdout)
    assert out[0] == "全部方案（3 个）：办结和逾期走势（按月）"


def test_overdue_and_list_name_a_renamed_unit_as_it_was_on_the_day(run: Run, workspace_here: Path) -> None:
    safety = workspace_here / "plans" / "safety.yaml"
    text = safety.read_text(encoding="utf-8")
    # as gongkai rename-unit leaves it: the new name everywhere, the old one in the unit's history
    text = text.replace("  - name: 安监科\n", "  - name: 应急科\n    renamed:\n      - old: 安监科\n        date: 2018-12-20\n", 1)
    safety.write_text(text.replace("lead: [安监科]", "lead: [应急科]"), encoding="utf-8")
    out = lines(run("overdue", *AS_OF).stdout)
    assert out[4].split()[:2] == ["aq2018", "s1"] and out[4].split()[-1].startswith("安监科（今：")  # cut at 80 columns
    out = lines(run("list", "lead:应急科", *AS_OF).stdout)
    assert out[3].split()[:2] == ["aq2018", "s1"] and "安监科（今：应急科）" in out[3]
