"""Word and Excel plans, built here with python-docx and openpyxl."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from gongkai.importer import ImportFailure, ImportResult
from gongkai.loader import validate_text

from .builders import excel_plan, word_plan
from .common import TODAY, imported, tasks_by_id


@pytest.fixture(scope="module")
def word(tmp_path_factory: pytest.TempPathFactory) -> ImportResult:
    return imported(word_plan(tmp_path_factory.mktemp("docx") / "nanhu-2021.docx"))


@pytest.fixture(scope="module")
def excel(tmp_path_factory: pytest.TempPathFactory) -> ImportResult:
    return imported(excel_plan(tmp_path_factory.mktemp("xlsx") / "dongshan-2022.xlsx"))


def test_word_paragraphs_bold_titles_and_soft_breaks(word: ImportResult) -> None:
    tasks = tasks_by_id(word)
    assert tasks["1-1"]["title"] == "推进预算公开"
    assert tasks["1-1"]["text"] == "全面公开部门预决算，2021年8月31日前完成。"
    assert (tasks["1-1"]["lead"], tasks["1-1"]["cooperate"], tasks["1-1"]["due"]) == (["区财政局"], ["区直各部门"], dt.date(2021, 8, 31))
    assert tasks["1-2"]["text"] == "公开审计工作报告和整改情况。"
    assert tasks["1-2"]["lead"] == ["区审计局"]
    assert tasks["1-1"]["source"] == {"file": "nanhu-2021.docx", "line": 6}


def test_word_table_with_two_header_rows_and_merged_cells(word: ImportResult) -> None:
    tasks = tasks_by_id(word)
    # rows numbered 1-3 under two unnumbered 类别: the category's place prefixes the id
    assert [k for k in tasks if k.startswith("t")] == ["t1-1-1", "t1-1-2", "t1-2-3"]
    first, second, third = tasks["t1-1-1"], tasks["t1-1-2"], tasks["t1-2-3"]
    assert (first["lead"], first["cooperate"], first.get("ongoing")) == (["区政府办公室"], ["区直各部门"], True)
    assert (second["lead"], second["cooperate"], second["repeat"]) == (["区委宣传部", "区政府办公室"], ["各街道办事处"], "quarterly")
    assert (third["cooperate"], third["cooperate_open"], third["due"]) == (["区直有关部门"], True, dt.date(2021, 12, 31))
    # the merged 类别 cell gives both rows the same section
    assert first["section"] == second["section"] == "政策解读"
    assert third["section"] == "平台建设"
    assert first["source"] == {"file": "nanhu-2021.docx#table1", "row": 3}


def test_word_metadata(word: ImportResult) -> None:
    plan = word.data["plan"]
    assert (plan["title"], plan["doc_number"], plan["issued"], plan["copied_to"]) == ("南湖区2021年政务公开工作实施方案", "南政办发〔2021〕7号", dt.date(2021, 3, 1), ["区委办公室"])
    assert plan["issuer"] == "南湖区人民政府办公室"
    assert validate_text(word.yaml, "tasks.yaml", today=TODAY).errors == []


def test_excel_header_found_below_a_title_row(excel: ImportResult) -> None:
    tasks = tasks_by_id(excel)
    assert list(tasks) == ["t1-1-1", "t1-1-2", "t1-2-3", "t1-2-4", "t2-1", "t2-2"]
    assert excel.data["plan"]["title"] == "东山县2022年政务公开重点任务分工表"
    assert [(s["number"], s["title"]) for s in excel.data["sections"]][:2] == [("一", "深化决策公开"), ("二", "加强平台建设")]
    t = tasks["t1-1-1"]
    assert (t["number"], t["title"], t["text"], t["lead"], t["cooperate"], t["due"]) == ("一1", "推进决策预公开", "重大决策草案向社会公开征求意见", ["县司法局"], ["县直各单位"], dt.date(2022, 6, 30))
    assert t["source"] == {"file": "dongshan-2022.xlsx#任务分工", "row": 5}


def test_excel_merged_lead_cell_and_date_cell(excel: ImportResult) -> None:
    t = tasks_by_id(excel)["t1-1-2"]
    assert (t["lead"], t["cooperate"]) == (["县司法局"], ["县政府办公室"])
    assert (t["due"], t["due_text"]) == (dt.date(2022, 9, 30), "2022-09-30")


def test_excel_deadline_doubts_and_lists(excel: ImportResult) -> None:
    tasks = tasks_by_id(excel)
    assert tasks["t1-2-3"]["due_text"] == "待定" and "due" not in tasks["t1-2-3"]
    assert "待定" in tasks["t1-2-3"]["doubts"][0]["message"]
    assert tasks["t1-2-4"]["lead"] == ["县委网信办", "县政府办公室"]  # half-width comma
    assert tasks["t1-2-4"]["repeat"] == "monthly"  # 每月 in the requirement column


def test_excel_responsibility_column_with_the_rule(excel: ImportResult) -> None:
    tasks = tasks_by_id(excel)
    assert (tasks["t2-1"]["lead"], tasks["t2-1"]["cooperate"]) == (["县财政局"], ["县审计局"])
    assert (tasks["t2-2"]["lead"], tasks["t2-2"]["cooperate"], tasks["t2-2"]["ongoing"]) == (["县农业农村局"], ["县财政局"], True)
    assert tasks["t2-1"]["source"] == {"file": "dongshan-2022.xlsx#责任单位", "row": 3}


def test_excel_without_a_date_says_so(excel: ImportResult) -> None:
    assert any("印发日期" in n for n in excel.plan_notes)
    assert validate_text(excel.yaml, "tasks.yaml", today=TODAY).errors == []


def test_a_table_in_markdown(tmp_path: Path) -> None:
    path = tmp_path / "table.md"
    path.write_text(
        "# 北坡镇2023年政务公开任务清单\n\n"
        "| 序号 | 工作任务 | 责任单位 | 完成时限 |\n|---|---|---|---|\n"
        "| 1 | 公开镇级财政预算 | 镇财政所 | 2023年3月底前 |\n"
        "| 2 | 公开低保名单 | 镇民政办、镇财政所 | 每季度 |\n",
        encoding="utf-8",
    )
    tasks = tasks_by_id(imported(path))
    assert tasks["1"]["lead"] == ["镇财政所"] and tasks["1"]["due"] == dt.date(2023, 3, 31)
    assert tasks["1"]["source"] == {"file": "table.md", "line": 5}
    # 责任单位 with two units and no rule: both lead, and a person decides
    assert tasks["2"]["lead"] == ["镇民政办", "镇财政所"] and tasks["2"]["doubts"]


def test_broken_office_files_are_failures(tmp_path: Path) -> None:
    for name, key in (("bad.docx", "import.err.bad_docx"), ("bad.xlsx", "import.err.bad_xlsx")):
        path = tmp_path / name
        path.write_bytes(b"not a zip file")
        with pytest.raises(ImportFailure) as err:
            imported(path)
        assert err.value.key == key


def test_a_cell_merged_across_the_lead_and_cooperating_columns(tmp_path: Path) -> None:
    import docx

    document = docx.Document()
    table = document.add_table(rows=4, cols=4)
    rows = [("序号", "工作任务", "牵头单位", "配合单位"), ("1", "办好政府网站", "县政府办公室", "县直各部门"), ("2", "公开财政预决算", "", ""), ("3", "公开审计结果", "", "")]
    for i, row in enumerate(rows):
        for j, text in enumerate(row):
            table.cell(i, j).text = text
    table.cell(2, 2).merge(table.cell(2, 3)).text = "县财政局"
    table.cell(3, 2).merge(table.cell(3, 3)).text = "县审计局、县财政局"
    path = tmp_path / "plan.docx"
    document.save(str(path))
    tasks = tasks_by_id(imported(path))
    # the merged cell names the units responsible: never the same unit as lead and as cooperating
    assert (tasks["2"]["lead"], tasks["2"].get("cooperate")) == (["县财政局"], None)
    assert (tasks["3"]["lead"], tasks["3"].get("cooperate")) == (["县审计局", "县财政局"], None)
    assert any("县审计局、县财政局" in d["message"] for d in tasks["3"]["doubts"])  # which of them leads is for a person to say
