"""Whatever text comes in, the import either reads it into a valid draft or fails cleanly."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from gongkai.importer import ImportFailure, import_document
from gongkai.loader import validate_text
from gongkai.models import Ledger

PIECES = [
    "一、", "二、", "（一）", "(二)", "1.", "2、", "(1)", "①", "**", "#", "\n", "\n\n", "。", "，", "；", "、",
    "（", "）", "(", ")", "：", ":", "牵头单位：", "配合单位：", "责任单位：", "牵头", "配合", "会同", "负责",
    "等部门", "各单位、部门", "有关部门", "县财政局", "市发改委", "行政办", "2018年12月底前", "6月30日前",
    "每季度", "长期坚持", "定期", "30个工作日内", "抄送：", "双林发〔2018〕66号", "2018年9月14日", "实施方案", "|", "---",
    "3023年", "1800年3月1日", "2023-3023年",
]


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.sampled_from(PIECES) | st.text(max_size=5), max_size=60))
def test_any_text_gives_a_valid_draft(tmp_path: Path, parts: list[str]) -> None:
    path = tmp_path / "plan.md"
    path.write_text("".join(parts), encoding="utf-8")
    try:
        result = import_document(path, today=dt.date(2019, 1, 15))
    except ImportFailure:
        return
    Ledger.model_validate(result.data)
    assert result.yaml.endswith("\n")
    ids = [t["id"] for t in result.data["tasks"]]
    assert len(ids) == len(set(ids))
    # the YAML reads back as the same ledger: no syntax, schema or duplicate-id problem
    check = validate_text(result.yaml, "tasks.yaml", today=dt.date(2019, 1, 15))
    assert not [p for p in check.problems if p.code < "GK014" or p.code in ("GK020", "GK021", "GK024", "GK032", "GK033")], check.problems


def test_a_year_a_ledger_cannot_hold_is_no_year(tmp_path: Path) -> None:
    # a slip of the keyboard in the title and the date line: the year is guessed from the rest, with a doubt
    path = tmp_path / "plan.txt"
    path.write_text("某县3023年政务公开工作方案\n一、推进决策公开\n1.推进重大决策预公开。（牵头单位：县司法局）\n某县人民政府\n1800年3月1日\n", encoding="utf-8")
    result = import_document(path, today=dt.date(2019, 1, 15))
    plan = result.data["plan"]
    assert (plan["issued"], plan["period"]) == (dt.date(2019, 1, 15), {"start": dt.date(2019, 1, 15), "end": dt.date(2019, 12, 31)})
    assert any("2019-01-15" in n for n in result.plan_notes)
    assert validate_text(result.yaml, "tasks.yaml", today=dt.date(2019, 1, 15)).errors == []
