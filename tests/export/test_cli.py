"""gongkai export / report --html / bulletin, run as a user would."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import docx
import pytest

from gongkai.cli import ExportFormat
from gongkai.export import FORMATS

from ..support import EXPORT_PROGRESS, LEDGER, Run
from .common import AS_OF_TEXT


def test_format_choices_are_the_registry() -> None:
    assert [f.value for f in ExportFormat] == list(FORMATS)


@pytest.mark.parametrize("fmt", list(FORMATS))
def test_export_each_format(fmt: str, run: Run, tmp_path: Path) -> None:
    out = tmp_path / f"台账.{fmt}"
    r = run("export", "--format", fmt, "-o", out, "-f", LEDGER, "--as-of", "2019-01-15")
    assert (r.exit_code, r.stderr) == (0, "")
    assert r.stdout == f"已写入 {out}\n"
    files = list(out.rglob("*")) if out.is_dir() else [out]  # parquet writes a folder of files
    assert sum(p.stat().st_size for p in files) > 1000


def test_export_by_unit_in_english(run: Run, tmp_path: Path) -> None:
    r = run("export", "--format", "md", "--by-unit", tmp_path / "units", "-f", EXPORT_PROGRESS, "--as-of", AS_OF_TEXT, "--lang", "en")
    assert r.exit_code == 0
    assert r.stdout == f"wrote 4 files to {tmp_path / 'units'}\n1 external units have no tasks, so no file was written for them: 法院\n"
    assert (tmp_path / "units" / "行政办.md").read_text(encoding="utf-8").splitlines()[0] == "# task list of 行政办"


@pytest.mark.parametrize("args", [[], ["-o", "x.csv", "--by-unit", "d"]])
def test_export_needs_exactly_one_target(args: list[str], run: Run, tmp_path: Path) -> None:
    r = run("export", "--format", "csv", *args, "-f", EXPORT_PROGRESS)
    assert r.exit_code == 3
    assert "请用 -o FILE 指定输出文件，或用 --by-unit DIR 按单位导出" in r.stderr


def test_export_usage_errors(run: Run, tmp_path: Path) -> None:
    assert run("export", "--format", "pdf", "-o", tmp_path / "x.pdf", "-f", EXPORT_PROGRESS).exit_code == 3
    r = run("export", "--format", "csv", "-o", tmp_path / "no" / "such" / "x.csv", "-f", EXPORT_PROGRESS, "--lang", "en")
    assert r.exit_code == 3 and "cannot write" in r.stderr and "Traceback" not in r.stderr
    afile = tmp_path / "afile"
    afile.write_text("")
    r = run("export", "--format", "csv", "--by-unit", afile, "-f", EXPORT_PROGRESS)
    assert r.exit_code == 3 and "不是目录" in r.stderr


def test_export_of_an_invalid_ledger_is_refused(run: Run, tmp_path: Path) -> None:
    bad = tmp_path / "tasks.yaml"
    bad.write_text(EXPORT_PROGRESS.read_text(encoding="utf-8").replace("lead: [宣传部]\n    cooperate: [各部门]", "lead: [无此单位]\n    cooperate: [各部门]"), encoding="utf-8")
    r = run("export", "--format", "xlsx", "-o", tmp_path / "x.xlsx", "-f", bad)
    assert r.exit_code == 1
    assert "GK021" in r.stderr
    assert not (tmp_path / "x.xlsx").exists()


def test_dashboard(run: Run, tmp_path: Path) -> None:
    out = tmp_path / "看板.html"
    r = run("dashboard", "-o", out, "-f", EXPORT_PROGRESS, "--as-of", AS_OF_TEXT)
    assert (r.exit_code, r.stdout, r.stderr) == (0, f"已写入 {out}\n", "")
    page = out.read_text(encoding="utf-8")
    assert page.startswith("<!DOCTYPE html>") and "截至 2018-11-20" in page
    r = run("dashboard", "-o", tmp_path / "x.txt", "-f", EXPORT_PROGRESS)
    assert r.exit_code == 3 and "应为 .html" in r.stderr and not (tmp_path / "x.txt").exists()


def test_dashboard_to_standard_output(run: Run) -> None:
    r = run("dashboard", "-f", EXPORT_PROGRESS, "--as-of", AS_OF_TEXT)
    assert r.exit_code == 0 and r.stdout.startswith("<!DOCTYPE html>") and r.stdout.endswith("</html>\n")
    assert run("dashboard", "-o", "-", "-f", EXPORT_PROGRESS, "--as-of", AS_OF_TEXT).stdout == r.stdout


def test_report_html_is_the_old_spelling_of_dashboard(run: Run, tmp_path: Path) -> None:
    out = tmp_path / "看板.html"
    r = run("report", "--html", out, "-f", EXPORT_PROGRESS, "--as-of", AS_OF_TEXT)
    assert (r.exit_code, r.stdout) == (0, f"已写入 {out}\n")
    assert "旧写法" in r.stderr and "gongkai dashboard -o FILE" in r.stderr
    assert out.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")


def test_bulletin_to_stdout_markdown_and_word(run: Run, tmp_path: Path) -> None:
    r = run("bulletin", "--period", "2018Q4", "-f", EXPORT_PROGRESS, "--as-of", AS_OF_TEXT)
    assert r.exit_code == 0
    assert r.stdout == (Path(__file__).parent / "fixtures" / "bulletin-2018Q4.md").read_text(encoding="utf-8")
    r = run("bulletin", "--period", "2018Q4", "-f", EXPORT_PROGRESS, "--as-of", AS_OF_TEXT, "-o", tmp_path / "b.md")
    assert r.exit_code == 0 and (tmp_path / "b.md").read_text(encoding="utf-8").startswith("# 关于示例林业局")
    r = run("bulletin", "--period", "2018Q4", "-f", EXPORT_PROGRESS, "--as-of", AS_OF_TEXT, "-o", tmp_path / "b.docx", "--lang", "en")
    assert r.exit_code == 0
    assert docx.Document(str(tmp_path / "b.docx")).paragraphs[0].text == "Supervision bulletin on the implementation of 示例林业局2018年政务公开工作实施方案"


def test_bulletin_is_as_of_the_period_end_by_default(run: Run) -> None:
    r = run("bulletin", "--period", "2018Q3", "-f", EXPORT_PROGRESS)
    assert r.exit_code == 0
    assert "截至2018年9月30日，" in r.stdout


def test_bulletin_usage_errors(run: Run, tmp_path: Path) -> None:
    r = run("bulletin", "--period", "2018Q5", "-f", EXPORT_PROGRESS)
    assert r.exit_code == 3 and "周期 “2018Q5” 无效" in r.stderr
    r = run("bulletin", "--period", "2018Q4", "-f", EXPORT_PROGRESS, "-o", tmp_path / "b.pdf", "--lang", "en")
    assert r.exit_code == 3 and "does not end like a bulletin file (expected .md)" in r.stderr
    assert run("bulletin", "-f", EXPORT_PROGRESS).exit_code == 3


HEAVY = ("openpyxl", "docx", "icalendar", "playwright")


def _modules_after(args: list[str]) -> dict[str, object]:
    code = (
        "import json, sys\n"
        "import gongkai.cli\n"
        f"try:\n    gongkai.cli.main({args!r})\nexcept SystemExit as e:\n    code = e.code\n"
        f"print(json.dumps({{'code': code, 'heavy': sorted(m for m in sys.modules if m.split('.')[0] in {HEAVY!r})}}))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, env={"GONGKAI_NO_CACHE": "1", "PATH": "/usr/bin:/bin"})
    result: dict[str, object] = json.loads(out.stdout.strip().splitlines()[-1])
    return result


def test_status_does_not_import_the_export_libraries() -> None:
    result = _modules_after(["status", "-f", str(LEDGER), "--as-of", "2019-01-15"])
    assert result == {"code": 0, "heavy": []}


def test_the_import_check_can_fail(tmp_path: Path) -> None:
    # the same probe sees the libraries when a command does need them
    result = _modules_after(["bulletin", "--period", "2018Q4", "-f", str(LEDGER), "-o", str(tmp_path / "b.docx")])
    assert "docx" in result["heavy"]  # type: ignore[operator]
