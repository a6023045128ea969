"""changes and remind across a workspace: each plan's own, named by its plan."""

from __future__ import annotations

import json
from pathlib import Path

from ..support import WORKSPACE, Run

TOML = WORKSPACE / "gongkai.toml"
WINDOW = ("--since", "2018-11-01", "--until", "2018-12-10")


def test_changes_has_a_block_per_plan(run: Run) -> None:
    r = run("changes", *WINDOW, "-f", TOML)
    assert r.exit_code == 0, r.stderr
    out = r.stdout.splitlines()
    heads = [i for i, line in enumerate(out) if line.startswith("方案 ")]
    assert [out[i] for i in heads] == ["方案 gk2018", "方案 lx2018", "方案 aq2018"]
    assert out[heads[1] + 2] == "邻县局2018年政务公开工作方案：2018-11-01 至 2018-12-10 工作动态"
    assert out[heads[1] + 4] == "新增逾期 1 项"
    md = run("changes", *WINDOW, "-f", TOML, "--format", "md", "--lang", "en").stdout.splitlines()
    assert md[0] == "## plan gk2018"


def test_changes_json_names_the_plan_of_each_change(run: Run) -> None:
    data = json.loads(run("changes", *WINDOW, "-f", TOML, "--json").stdout)
    assert (data["since"], data["until"], data["counts"]["newly_overdue"]) == ("2018-11-01", "2018-12-10", 3)
    assert [p["plan"] for p in data["plans"]] == ["gk2018", "lx2018", "aq2018"]
    assert data["plans"][1]["counts"]["newly_overdue"] == 1
    assert [(c["plan"], c["id"], c["kind"]) for u in data["plans"][1]["units"] for c in u["changes"]] == [("lx2018", "n1", "newly_overdue")]


def test_remind_a_unit_in_every_plan_it_is_in(run: Run) -> None:
    data = json.loads(run("remind", "宣传部", "-f", TOML, "--as-of", "2018-12-10", "--json").stdout)
    assert [(r["plan"], r["unit"], [i["id"] for i in r["overdue"]], [i["id"] for i in r["due_soon"]]) for r in data["reminders"]] == [
        ("gk2018", "宣传部", ["g2"], ["g3"]),
        ("aq2018", "宣传科", [], ["s2"]),
        ("lx2018", "宣传部", ["n1"], []),
    ]
    text = run("remind", "宣传部（邻县局）", "-f", TOML, "--as-of", "2018-12-10", "--format", "text").stdout
    assert text.startswith("关于抓紧办理《邻县局2018年政务公开工作方案》有关任务的提醒\n\n宣传部：\n")
    r = run("remind", "宣传", "-f", TOML, "--as-of", "2018-12-10")
    assert r.exit_code == 3 and "工作区的各方案中都没有单位或群体 “宣传”" in r.stderr


def test_remind_by_unit_writes_a_file_per_plan_and_unit(run: Run, tmp_path: Path) -> None:
    out = tmp_path / "notices"
    r = run("remind", "-f", TOML, "--as-of", "2018-12-10", "--by-unit", out, "--lang", "en")
    assert r.exit_code == 0, r.stderr
    names = sorted(p.name for p in out.iterdir())
    assert names == sorted(
        [
            "gk2018 行政办.md",
            "gk2018 宣传部.md",
            "gk2018 新闻中心.md",
            "lx2018 宣传部.md",
            "lx2018 办公室.md",
            "aq2018 安监科.md",
            "aq2018 宣传科.md",
            "aq2018 行政办.md",
        ]
    )
