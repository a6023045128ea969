"""Heavy readers are loaded only when their format is read."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

HEAVY = ("lxml", "pdfplumber", "pdfminer", "pypdfium2", "python_calamine", "openpyxl", "docx")
PLAN = "某县2019年工作方案\n一、推进公开\n1.公开预算。（牵头单位：县财政局）\n"


def _loaded(args: list[str]) -> list[str]:
    code = (
        "import json, sys\nimport gongkai.cli\n"
        f"try:\n    gongkai.cli.main({args!r})\nexcept SystemExit:\n    pass\n"
        f"print(json.dumps(sorted({{m.split('.')[0] for m in sys.modules}} & set({HEAVY!r}))))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, env={"GONGKAI_NO_CACHE": "1", "PATH": "/usr/bin:/bin"})
    result: list[str] = json.loads(out.stdout.strip().splitlines()[-1])
    return result


def test_a_text_import_loads_no_reader_library(tmp_path: Path) -> None:
    plan = tmp_path / "plan.txt"
    plan.write_text(PLAN, encoding="utf-8")
    assert _loaded(["import", str(plan), "--dry-run"]) == []


def test_a_web_page_import_loads_lxml_only(tmp_path: Path) -> None:
    page = tmp_path / "plan.html"
    page.write_text("<html><body><p>" + PLAN.replace("\n", "</p><p>") + "</p></body></html>", encoding="utf-8")
    assert _loaded(["import", str(page), "--dry-run"]) == ["lxml"]


def test_a_pdf_import_loads_pdfium_only(tmp_path: Path) -> None:
    from .pdfgen import page_content, write_pdf

    rule = [(60, 790, 535, 790)]  # the rule under a 公文's letterhead rules no table
    pdf = write_pdf(tmp_path / "plan.pdf", [page_content([(72, 800, "某县2019年工作方案"), (72, 780, "1.公开预算。（牵头单位：县财政局）")], rule)])
    assert _loaded(["import", str(pdf), "--dry-run"]) == ["pypdfium2"]


def test_a_pdf_with_a_ruled_table_loads_pdfplumber_too(tmp_path: Path) -> None:
    from .pdfgen import page_content, write_pdf

    grid = [(60, y, 300, y) for y in (760, 730, 700)] + [(x, 700, x, 760) for x in (60, 180, 300)]
    cells = [(64, 740, "工作任务"), (184, 740, "牵头单位"), (64, 710, "推进预算公开"), (184, 710, "县财政局")]
    pdf = write_pdf(tmp_path / "table.pdf", [page_content([(72, 800, "某县2019年任务分工表"), *cells], grid)])
    assert _loaded(["import", str(pdf), "--dry-run"]) == ["pdfminer", "pdfplumber", "pypdfium2"]
