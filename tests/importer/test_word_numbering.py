"""Word's automatic numbering: labels Word draws are read as if typed."""

from __future__ import annotations

from pathlib import Path

from gongkai.importer.readers.numbering import chinese

from .common import imported, tasks_by_id

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
LEVELS = [("chineseCounting", "%1、"), ("chineseCounting", "（%2）"), ("decimal", "%3."), ("decimal", "（%4）"), ("decimalEnclosedCircle", "%5")]


def _numbered_plan(path: Path) -> Path:
    import docx
    from docx.oxml import parse_xml

    document = docx.Document()
    numbering = document.part.numbering_part.element
    levels = "".join(
        f'<w:lvl w:ilvl="{i}"><w:start w:val="1"/><w:numFmt w:val="{fmt}"/><w:lvlText w:val="{text}"/></w:lvl>'
        for i, (fmt, text) in enumerate(LEVELS)
    )
    numbering.insert(0, parse_xml(f'<w:abstractNum xmlns:w="{W}" w:abstractNumId="90">{levels}</w:abstractNum>'))
    numbering.append(parse_xml(f'<w:num xmlns:w="{W}" w:numId="90"><w:abstractNumId w:val="90"/></w:num>'))

    def para(text: str, level: int | None) -> None:
        p = document.add_paragraph(text)
        if level is not None:
            p._p.get_or_add_pPr().append(parse_xml(f'<w:numPr xmlns:w="{W}"><w:ilvl w:val="{level}"/><w:numId w:val="90"/></w:numPr>'))

    para("某县2021年政务公开工作方案", None)
    para("推进重点领域公开", 0)
    para("推进财政公开", 1)
    para("公开部门预算。（牵头单位：县财政局）", 2)
    para("公开部门决算。（牵头单位：县财政局；配合单位：县直各部门）", 2)
    para("推进审计公开", 1)
    para("公开审计结果。（县审计局负责）", 2)
    para("加强政策解读", 0)
    para("做好政策解读。（牵头单位：县发改委）", 1)
    document.save(str(path))
    return path


def test_labels_word_draws_are_read(tmp_path: Path) -> None:
    result = imported(_numbered_plan(tmp_path / "plan.docx"))
    tasks = tasks_by_id(result)
    assert sorted(tasks) == ["1-1-1", "1-1-2", "1-2-1", "2-1"]
    assert tasks["1-1-2"]["number"] == "一（一）2"
    assert tasks["1-1-2"]["cooperate"] == ["县直各部门"]
    assert tasks["1-2-1"]["number"] == "一（二）1"  # the level below restarts
    assert tasks["2-1"]["lead"] == ["县发改委"]


def test_chinese_counting() -> None:
    assert [chinese(n) for n in (1, 10, 12, 20, 21, 99)] == ["一", "十", "十二", "二十", "二十一", "九十九"]
