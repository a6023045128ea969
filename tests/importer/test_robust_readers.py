"""Whatever a web page, a flattened table or a PDF holds, import reads it or fails cleanly."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from gongkai.importer import ImportFailure, import_document
from gongkai.models import Ledger

HTML_PIECES = [
    "<table>", "</table>", "<tr>", "</tr>", "<td>", "</td>", '<td rowspan="3">', '<td colspan="4">', '<td rowspan="0">',
    '<td rowspan="-2">', '<td colspan="x">', "<p>", "</p>", "<span>", "</span>", "&nbsp;", "<br>", "<script>", "</script>",
    "<div class='nav'>", "</div>", "<article>", "工作任务", "牵头单位", "责任单位", "1.", "2.", "一、", "省财政厅", "各设区市", "，", "、",
]
FLAT_PIECES = [
    "工 作 任 务", "牵头单位", "责　任　单　位", "工作要求", "配合/责任单位", "党工委管委会牵头部门", "本局责任处（单位）", " ", "\t", "\n",
    "一、", "（一）", "1.", "2.", "3.", "省发改委", "省直各部门", "，", "、", "各设区市", "平潭综合实验区", "综合处牵头", "各处、单位配合落实", "会同", "等相关部门",
]
SETTINGS = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])


def _check(path: Path) -> None:
    try:
        result = import_document(path, today=dt.date(2019, 1, 15))
    except ImportFailure:
        return
    Ledger.model_validate(result.data)
    ids = [t["id"] for t in result.data["tasks"]]
    assert len(ids) == len(set(ids))


@SETTINGS
@given(st.lists(st.sampled_from(HTML_PIECES) | st.text(max_size=4), max_size=80))
# A control character after an element the reader strips (lxml refuses it when text is set again).
@example(["<div class='nav'>", "</div>", "\x08"])
@example(["<table>", "<script>", "</script>", "\x1f"])
def test_any_web_page(tmp_path: Path, parts: list[str]) -> None:
    path = tmp_path / "page.html"
    path.write_text("".join(parts), encoding="utf-8")
    _check(path)


@SETTINGS
@given(st.lists(st.sampled_from(FLAT_PIECES) | st.text(max_size=4), max_size=80))
def test_any_flattened_table(tmp_path: Path, parts: list[str]) -> None:
    path = tmp_path / "plan.txt"
    path.write_text("某县工作方案\n" + "".join(parts), encoding="utf-8")
    _check(path)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.binary(max_size=400))
def test_any_pdf_bytes(tmp_path: Path, data: bytes) -> None:
    path = tmp_path / "plan.pdf"
    path.write_bytes(b"%PDF-1.4\n" + data)
    _check(path)
