"""``gongkai list`` as a user runs it: filters, sort, columns, groups, JSON, and clear errors."""

from __future__ import annotations

import json
from pathlib import Path

from ..support import LEDGER, REPORTS_PROGRESS, Run


def test_list_filters_sorts_and_shows_columns(run: Run) -> None:
    r = run("list", "status:推进中", "lead:行政办", "--sort", "-light,id", "--columns", "id,status,light,last_report", "-f", REPORTS_PROGRESS, "--as-of", "2018-12-10")
    assert r.exit_code == 0, r.stderr
    lines = r.stdout.splitlines()
    assert lines[0] == "截至 2018-12-10  符合条件的任务 2 项"
    assert lines[1].split() == ["编号", "状态", "灯", "最近报送"]
    assert [line.split()[0] for line in lines[3:]] == ["b3", "b1"]
    assert lines[3].split() == ["b3", "推进中", "●", "红灯", "2018-11-29"]


def test_list_en_and_limit(run: Run) -> None:
    r = run("list", "--limit", "2", "-f", REPORTS_PROGRESS, "--as-of", "2018-12-10", "--lang", "en")
    lines = r.stdout.splitlines()
    assert lines[0] == "as of 2018-12-10  8 matching tasks"
    assert [line.split()[0] for line in lines[3:5]] == ["a1", "a2"]
    assert lines[-1] == "(2 shown, 6 more: --limit 0 lists them all)"


def test_list_group_by_unit(run: Run) -> None:
    r = run("list", "light:red", "or", "light:yellow", "--group-by", "unit", "-f", REPORTS_PROGRESS, "--as-of", "2018-12-10")
    out = r.stdout
    assert r.exit_code == 0
    heads = [line for line in out.splitlines() if "项）" in line and not line.startswith("截至")]
    assert heads == ["行政办（2 项）", "宣传部（1 项）", "卫健局（1 项）"]


def test_list_json_has_the_records_of_the_other_reports(run: Run) -> None:
    r = run("list", "lead:宣传部", "-f", REPORTS_PROGRESS, "--as-of", "2018-12-10", "--json", "--group-by", "light")
    data = json.loads(r.stdout)
    assert data["schema"] == 1 and data["as_of"] == "2018-12-10" and data["filter"] == ["lead:宣传部"]
    assert data["total"] == 2 and [t["id"] for t in data["tasks"]] == ["a2", "b2"]
    status = json.loads(run("status", "-f", REPORTS_PROGRESS, "--as-of", "2018-12-10", "--json").stdout)
    a2 = next(t for t in status["attention"] if t["id"] == "a2")
    assert data["tasks"][0] == a2
    assert data["groups"] == [{"key": "red", "ids": ["a2"]}, {"key": "green", "ids": ["b2"]}]


def test_unknown_filter_key_is_a_usage_error_with_a_suggestion(run: Run) -> None:
    r = run("list", "stauts:done", "-f", REPORTS_PROGRESS)
    assert r.exit_code == 3
    assert "筛选条件 “stauts:done” 中的键 “stauts” 未知。您是否要找：status？" in r.stderr
    r = run("list", "lead:宣传", "-f", REPORTS_PROGRESS, "--lang", "en")
    assert r.exit_code == 3 and "no unit or group named '宣传'" in r.stderr and "Did you mean: 宣传部" in r.stderr
    assert run("list", "--columns", "id,titel", "-f", REPORTS_PROGRESS).exit_code == 3
    assert "Traceback" not in r.stderr


def test_list_on_the_real_plan(run: Run) -> None:
    r = run("list", "section:二（二）", "unit:宣传部", "-f", LEDGER, "--as-of", "2018-12-20", "--json")
    assert [t["id"] for t in json.loads(r.stdout)["tasks"]] == ["2-2-1", "2-2-2a", "2-2-2b", "2-2-2c", "2-2-2d"]


def test_overdue_group_by_unit_is_the_phone_list(run: Run) -> None:
    r = run("overdue", "--group-by", "unit", "-f", LEDGER, "--as-of", "2019-01-15")
    assert r.exit_code == 0
    heads = [line for line in r.stdout.splitlines() if line.endswith("项）") and not line.startswith("逾期事项")]
    assert heads[:3] == ["行政办（12 项）", "计统局（1 项）", "多种经营局（1 项）"]
    assert "宣传部（5 项）" in heads
    # a task with several lead units is on each unit's list
    assert r.stdout.count("2-1-3 ") == len([h for h in heads if h.split("（")[0] in ("工会", "民政局", "教育局", "卫计局", "安监局", "公安局", "多种经营局", "资源林政局", "文体局")])


def test_overdue_unit_and_export_take_filters(run: Run, tmp_path: Path) -> None:
    data = json.loads(run("overdue", "lead:宣传部", "-f", LEDGER, "--as-of", "2019-01-15", "--json").stdout)
    assert [o["id"] for o in data["overdue"]] == ["2-2-2a", "2-2-2b", "2-2-2c", "2-2-2d", "2-4-2"]
    view = json.loads(run("unit", "宣传部", "section:二（二）", "-f", LEDGER, "--as-of", "2019-01-15", "--json").stdout)
    assert [t["id"] for t in view["leads"]] == ["2-2-2a", "2-2-2b", "2-2-2c", "2-2-2d"]
    out = tmp_path / "x.json"
    assert run("export", "--format", "json", "-o", out, "recurring:yes", "-f", LEDGER, "--as-of", "2019-01-15").exit_code == 0
    assert '"3-1"' in out.read_text(encoding="utf-8") and '"2-1-1"' not in out.read_text(encoding="utf-8")
    assert run("overdue", "stauts:x", "-f", LEDGER).exit_code == 3


def test_list_and_its_filters_import_no_export_library() -> None:
    from ..export.test_cli import _modules_after

    result = _modules_after(["list", "unit:宣传部", "or", "light:red", "--group-by", "unit", "-f", str(LEDGER), "--as-of", "2019-01-15"])
    assert result == {"code": 0, "heavy": []}
    result = _modules_after(["overdue", "lead:宣传部", "--group-by", "unit", "-f", str(LEDGER), "--as-of", "2019-01-15"])
    assert result == {"code": 0, "heavy": []}


def test_dashboard_takes_filters(run: Run, tmp_path: Path) -> None:
    out = tmp_path / "d.html"
    r = run("dashboard", "-o", out, "lead:宣传部", "-f", LEDGER, "--as-of", "2019-01-15")
    assert r.exit_code == 0, r.stderr
    html = out.read_text(encoding="utf-8")
    assert "加强舆情回应" in html and "建立长效监测检查工作机制" not in html


def test_every_column_of_list_has_a_header_in_both_languages(run: Run) -> None:
    from gongkai.i18n import CATALOG
    from gongkai.render.listing import COLUMNS

    for name, (header, _cell, _flexible) in COLUMNS.items():
        assert header in CATALOG, name
        for lang, word in zip(("zh", "en"), CATALOG[header], strict=True):
            r = run("list", "--columns", f"id,{name}", "--limit", "1", "-f", REPORTS_PROGRESS, "--as-of", "2018-12-10", "--lang", lang)
            assert r.exit_code == 0, (name, lang, r.stderr)
            assert word.split()[0] in r.stdout.splitlines()[1], (name, lang)
