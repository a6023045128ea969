"""The 督查通报 draft: exact Markdown for the fixture, and the Word file read back."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import docx
import pytest

from gongkai.errors import UsageError
from gongkai.export.bulletin import build, docx_bytes, period_end, period_label, to_markdown
from gongkai.models import Ledger

from ..support import EXPORT_FIXTURES
from .common import AS_OF


def test_markdown_is_exactly_the_expected_draft(progress: Ledger) -> None:
    expected = (EXPORT_FIXTURES / "bulletin-2018Q4.md").read_text(encoding="utf-8")
    assert to_markdown(build(progress, "2018Q4", AS_OF, "zh")) == expected


def test_opening_line_and_marked_sections(progress: Ledger) -> None:
    md = to_markdown(build(progress, "2018Q4", AS_OF, "zh"))
    opening = md.split("\n\n")[2]
    assert opening.startswith("截至2018年11月20日，")
    assert "8 项任务中，已完成 1 项，推进中 5 项，未启动 1 项，已取消 1 项" in opening
    assert md.count("【请督查室填写") == 2


def test_docx_reads_back_with_styles_and_highlighted_placeholders(progress: Ledger, tmp_path: Path) -> None:
    doc = build(progress, "2018Q4", AS_OF, "zh")
    (tmp_path / "b.docx").write_bytes(docx_bytes(doc))
    word = docx.Document(str(tmp_path / "b.docx"))
    paragraphs = [(p.style.name, p.text) for p in word.paragraphs]
    assert paragraphs[0] == ("Title", "关于示例林业局2018年政务公开工作实施方案落实情况的督查通报")
    assert paragraphs[1][1] == "（2018年第四季度·草稿）"
    assert paragraphs[2][1].startswith("截至2018年11月20日，")
    headings = [text for style, text in paragraphs if style == "Heading 1"]
    assert headings == ["一、总体进展", "二、逾期事项（按牵头单位）", "三、未按期报送进展的单位", "四、周期性任务漏报情况", "五、督查意见", "六、下一步工作要求"]
    assert [text for style, text in paragraphs if style == "Heading 2"] == [
        "行政办（1 项）",
        "宣传部（1 项）",
        "行政办：2 项任务超过一个报送周期（每季度）未报送进展",
        "新闻中心：1 项任务超过一个报送周期（每季度）未报送进展",
    ]
    bullets = [text for style, text in paragraphs if style == "List Bullet"]
    assert "二1 季度检查（2018Q3），时限 2018-09-30，逾期 51 天" in bullets
    assert "二1 季度检查（牵头：行政办）：2018Q3 未报送" in bullets
    highlighted = [p.text for p in word.paragraphs if any(r.font.highlight_color is not None for r in p.runs)]
    assert highlighted == ["【请督查室填写：对总体进展、突出问题和原因的分析评价】", "【请督查室填写：整改要求、完成时限和责任单位】"]
    section = word.sections[0]
    assert (round(section.page_width.mm), round(section.page_height.mm)) == (210, 297)
    east_asia = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}eastAsia"
    assert word.styles["Normal"].element.rPr.rFonts.get(east_asia) == "仿宋"
    assert word.styles["Heading 1"].element.rPr.rFonts.get(east_asia) == "黑体"
    assert word.paragraphs[2].style.name == "Normal"


def test_nothing_overdue(real: Ledger) -> None:
    md = to_markdown(build(real, "2018Q3", dt.date(2018, 9, 20), "zh"))
    assert "截至2018年9月20日，无逾期事项。" in md
    assert "周期性任务均已按期报送。" in md
    assert "各单位均已按期报送进展。" in md


@pytest.mark.parametrize(
    ("period", "zh", "en", "end"),
    [
        ("2018Q4", "2018年第四季度", "Q4 2018", dt.date(2018, 12, 31)),
        ("2018Q1", "2018年第一季度", "Q1 2018", dt.date(2018, 3, 31)),
        ("2018H2", "2018年下半年", "H2 2018", dt.date(2018, 12, 31)),
        ("2018-11", "2018年11月", "2018-11", dt.date(2018, 11, 30)),
        ("2018", "2018年度", "2018", dt.date(2018, 12, 31)),
    ],
)
def test_period_labels(period: str, zh: str, en: str, end: dt.date) -> None:
    assert (period_label(period, "zh"), period_label(period, "en"), period_end(period)) == (zh, en, end)


@pytest.mark.parametrize("period", ["2018Q5", "Q4", "2018-13", "", "2018q4x"])
def test_bad_period(period: str) -> None:
    with pytest.raises(UsageError) as info:
        period_end(period)
    assert info.value.key == "err.bad_period"
