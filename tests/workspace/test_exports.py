"""Exports and the dashboard of a workspace: every plan in one file, each row naming its plan."""

from __future__ import annotations

import collections
import csv
import io
import json
import re
import sqlite3
from pathlib import Path

from ..support import WORKSPACE, Run

TOML = WORKSPACE / "gongkai.toml"
AS_OF = ("--as-of", "2018-12-10")


def test_csv_has_a_plan_column(run: Run, tmp_path: Path) -> None:
    out = tmp_path / "all.csv"
    r = run("export", "--format", "csv", "-o", out, "-f", TOML, *AS_OF)
    assert r.exit_code == 0, r.stderr
    rows = list(csv.reader(io.StringIO(out.read_text(encoding="utf-8-sig"))))
    assert rows[0][:3] == ["方案", "序号", "编号"]
    assert [(row[0], row[2], row[-1]) for row in rows[1:]] == [
        ("gk2018", "g1", "绿灯"),
        ("gk2018", "g2", "红灯"),
        ("gk2018", "g3", "黄灯"),
        ("lx2018", "n1", "红灯"),
        ("aq2018", "s1", "红灯"),
        ("aq2018", "s2", "黄灯"),
    ]
    en = list(csv.reader(io.StringIO(run("export", "--format", "csv", "-o", "-", "-f", TOML, *AS_OF, "--lang", "en").stdout)))
    assert en[0][:3] == ["\ufeffplan", "No.", "id"]


def test_filter_words_apply_in_every_plan(run: Run) -> None:
    rows = list(csv.reader(io.StringIO(run("export", "--format", "csv", "-o", "-", "lead:宣传部", "-f", TOML, *AS_OF).stdout)))
    assert [(row[0], row[2]) for row in rows[1:]] == [("gk2018", "g2"), ("lx2018", "n1")]


def test_json_holds_each_plan_and_names_the_plan_of_each_task(run: Run) -> None:
    data = json.loads(run("export", "--format", "json", "-o", "-", "-f", TOML, *AS_OF).stdout)
    assert (data["schema"], data["kind"], data["as_of"]) == (1, "workspace", "2018-12-10")
    assert [p["plan"]["id"] for p in data["plans"]] == ["gk2018", "lx2018", "aq2018"]
    assert [(t["plan"], t["id"]) for p in data["plans"] for t in p["tasks"]][3:] == [("lx2018", "n1"), ("aq2018", "s1"), ("aq2018", "s2")]
    assert data["plans"][2]["summary"]["by_light"] == {"red": 1, "yellow": 1, "green": 0, "none": 0}


def test_xlsx_has_a_worksheet_per_plan(run: Run, tmp_path: Path) -> None:
    from openpyxl import load_workbook

    out = tmp_path / "all.xlsx"
    assert run("export", "--format", "xlsx", "-o", out, "-f", TOML, *AS_OF).exit_code == 0
    wb = load_workbook(out)
    assert wb.sheetnames == ["gk2018", "lx2018", "aq2018"]
    assert wb["aq2018"]["A1"].value == "测试局2018年安全生产工作方案任务分工台账"


def test_sqlite_holds_every_plan_and_appends(run: Run, tmp_path: Path) -> None:
    db = tmp_path / "city.db"
    assert run("export", "--format", "sqlite", "-o", db, "-f", TOML, *AS_OF).exit_code == 0
    with sqlite3.connect(db) as conn:
        assert conn.execute("SELECT issuer, plan_id FROM plans ORDER BY plan_id").fetchall() == [
            ("测试局", "aq2018"),
            ("测试局", "gk2018"),
            ("邻县局", "lx2018"),
        ]
        assert conn.execute("SELECT plan_id, COUNT(*) FROM tasks GROUP BY plan_id ORDER BY plan_id").fetchall() == [
            ("aq2018", 2),
            ("gk2018", 3),
            ("lx2018", 1),
        ]
    # a second export over it is refused, an append replaces the plans' rows
    assert run("export", "--format", "sqlite", "-o", db, "-f", TOML, *AS_OF).exit_code == 3
    assert run("export", "--format", "sqlite", "-o", db, "--append", "-f", TOML, *AS_OF).exit_code == 0
    with sqlite3.connect(db) as conn:
        assert conn.execute("SELECT COUNT(*) FROM tasks").fetchone() == (6,)


def test_two_plans_with_one_id_cannot_share_a_database(run: Run, tmp_path: Path) -> None:
    copy = tmp_path / "copy.yaml"
    copy.write_bytes((WORKSPACE / "gongkai.yaml").read_bytes())
    r = run("export", "--format", "sqlite", "-o", tmp_path / "x.db", "-f", WORKSPACE / "gongkai.yaml", "-f", copy, *AS_OF, "--lang", "en")
    assert r.exit_code == 3
    assert "two plans of the workspace have the id 'gk2018' (issuer: 测试局)" in r.stderr
    assert not (tmp_path / "x.db").exists()


def test_markdown_has_each_plan_under_its_title(run: Run) -> None:
    out = run("export", "--format", "md", "-o", "-", "-f", TOML, *AS_OF).stdout.splitlines()
    assert [line for line in out if line.startswith("# ")] == [
        "# 测试局2018年政务公开工作方案任务分工台账",
        "# 邻县局2018年政务公开工作方案任务分工台账",
        "# 测试局2018年安全生产工作方案任务分工台账",
    ]
    assert "测发〔2018〕2号　截至 2018-12-10" in out


def test_a_database_or_folder_format_is_not_split_by_unit(run: Run, tmp_path: Path) -> None:
    for fmt in ("sqlite", "parquet"):
        assert run("export", "--format", fmt, "--by-unit", tmp_path / "units", "-f", TOML, *AS_OF).exit_code == 3
    assert not (tmp_path / "units").exists()


def test_ics_holds_the_deadlines_of_every_plan(run: Run, tmp_path: Path) -> None:
    out = tmp_path / "plans.ics"
    assert run("export", "--format", "ics", "-o", out, "-f", TOML, *AS_OF).exit_code == 0
    text = out.read_text(encoding="utf-8")
    plans = collections.Counter(m.group(1) for m in re.finditer(r"UID:[^@\r\n]+@([^.\r\n]+)\.gongkai", text))
    assert set(plans) == {"gk2018", "aq2018", "lx2018"}
    assert text.count("BEGIN:VCALENDAR") == 1
    by_unit = tmp_path / "units"
    assert run("export", "--format", "ics", "--by-unit", by_unit, "-f", TOML, *AS_OF).exit_code == 0
    assert "宣传部（测试局）.ics" in {p.name for p in by_unit.iterdir()}


def test_parquet_holds_every_plan(run: Run, tmp_path: Path) -> None:
    import duckdb

    out = tmp_path / "parquet"
    assert run("export", "--format", "parquet", "-o", out, "-f", TOML, *AS_OF).exit_code == 0
    rows = duckdb.connect().execute(f"SELECT plan_id, COUNT(*) FROM '{out}/tasks.parquet' GROUP BY plan_id ORDER BY plan_id").fetchall()
    assert rows == [("aq2018", 2), ("gk2018", 3), ("lx2018", 1)]
    assert run("export", "--format", "parquet", "-o", out, "--append", "-f", TOML, *AS_OF).exit_code == 3


def test_by_unit_writes_a_file_per_unit_of_the_workspace(run: Run, tmp_path: Path) -> None:
    out = tmp_path / "units"
    r = run("export", "--format", "csv", "--by-unit", out, "-f", TOML, *AS_OF)
    assert (r.exit_code, r.stdout) == (0, f"已写入 6 个文件到 {out}\n")
    assert sorted(p.name for p in out.iterdir()) == sorted(
        ["行政办.csv", "宣传部（测试局）.csv", "新闻中心.csv", "宣传部（邻县局）.csv", "办公室.csv", "安监科.csv"]
    )
    rows = list(csv.reader(io.StringIO((out / "宣传部（测试局）.csv").read_text(encoding="utf-8-sig"))))
    assert [(row[0], row[2], row[-1]) for row in rows[1:]] == [("gk2018", "g2", "牵头"), ("gk2018", "g3", "配合"), ("aq2018", "s2", "牵头")]
    assert run("export", "--format", "json", "--by-unit", tmp_path / "json", "-f", TOML, *AS_OF).exit_code == 0
    data = json.loads((tmp_path / "json" / "行政办.json").read_text(encoding="utf-8"))
    assert [(p["plan"]["id"], [t["id"] for t in p["tasks"]]) for p in data["plans"]] == [("gk2018", ["g1", "g3"]), ("aq2018", ["s1"])]


def test_dashboard_has_a_row_per_plan_linking_to_its_section(run: Run) -> None:
    r = run("dashboard", "-f", TOML, *AS_OF)
    assert r.exit_code == 0, r.stderr
    page = r.stdout
    assert "<script" not in page and "http://" not in page.replace("http://www.w3.org/2000/svg", "")
    ids = re.findall(r'(?<![\w-])id="([^"]*)"', page)
    assert [k for k, n in collections.Counter(ids).items() if n > 1] == []
    rows = re.findall(r'<tr data-plan="([^"]+)">(.*?)</tr>', page)
    assert [plan for plan, _ in rows] == ["gk2018", "lx2018", "aq2018"]
    cells = [re.findall(r"<td [^>]*>(.*?)</td>", row) for _, row in rows]
    assert [c[1:] for c in cells] == [
        ["测发〔2018〕1号", "1/3 33%", "1", "1"],
        ["邻发〔2018〕9号", "0/1 0%", "1", "0"],
        ["测发〔2018〕2号", "0/2 0%", "1", "1"],
    ]
    for i, (plan, _) in enumerate(rows, start=1):
        assert f'<a href="#plan-{i}">{plan}</a>' in page
        assert f'<section class="plan" id="plan-{i}" data-plan="{plan}">' in page
    assert 'id="plan-3-plan-title">测试局2018年安全生产工作方案</h1>' in page
    assert "截至 2018-12-10，3 个方案共 6 项任务已完成 1 项（17%）；红灯 3 项，黄灯 2 项。" in page


def test_dashboard_in_english(run: Run) -> None:
    page = run("dashboard", "-f", TOML, *AS_OF, "--lang", "en").stdout
    assert "<title>Progress dashboard of 3 plans</title>" in page
    assert "As of 2018-12-10, 1 of the 6 tasks of 3 plans are done (17%); 3 red, 2 yellow." in page
