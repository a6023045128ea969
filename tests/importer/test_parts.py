"""The parts one by one: annotation forms, deadline forms, unit lists, numbering, rejoining."""

from __future__ import annotations

import datetime as dt

import pytest

from gongkai.importer.annotations import find_annotations, parse_annotation, states_first_is_lead
from gongkai.importer.blocks import ParaBlock
from gongkai.importer.deadlines import DateContext, cn_int, find_deadlines, parse_cell
from gongkai.importer.structure import numbering, paragraphs
from gongkai.importer.units import group_covers, is_unit_name, resolve_variants, split_units
from gongkai.models import Covers

CTX = DateContext(2018, dt.date(2018, 9, 14))


def who(content: str, *, rule: bool = False) -> tuple[list[str], bool, list[str], bool] | None:
    r = parse_annotation(content, first_is_lead=rule, ctx=CTX)
    return None if r is None else (r.lead, r.lead_open, r.cooperate, r.cooperate_open)


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        ("牵头单位：行政办；配合单位：林业局各单位、部门", (["行政办"], False, ["林业局各单位、部门"], False)),
        ("牵头单位:行政办;配合单位:组织部", (["行政办"], False, ["组织部"], False)),
        ("牵头单位: 行政办, 配合单位: 组织部、宣传部", (["行政办"], False, ["组织部", "宣传部"], False)),
        ("牵头单位：行政办，配合单位：组织部", (["行政办"], False, ["组织部"], False)),
        ("牵头单位：工会、民政局等部门", (["工会", "民政局"], True, [], False)),
        ("牵头部门：计统局；配合部门：城建局、交通局等部门", (["计统局"], False, ["城建局", "交通局"], True)),
        ("责任单位：县财政局", (["县财政局"], False, [], False)),
        ("市发改委牵头，市财政局配合", (["市发改委"], False, ["市财政局"], False)),
        ("由市发改委牵头，市财政局、市审计局等部门配合", (["市发改委"], False, ["市财政局", "市审计局"], True)),
        ("市委宣传部牵头落实", (["市委宣传部"], False, [], False)),
        ("市政府办公室会同市直有关部门负责", (["市政府办公室"], False, ["市直有关部门"], False)),
        ("县财政局为牵头单位，县审计局为配合单位", (["县财政局"], False, ["县审计局"], False)),
        ("县财政局负责", (["县财政局"], False, [], False)),
        ("省工信厅、财政厅负责", (["省工信厅", "省财政厅"], False, [], False)),
        ("宣传部、新闻中心及林业局各单位、部门", None),  # a bare list is only an annotation after a sentence
    ],
)
def test_annotation_forms(content: str, expected: tuple[list[str], bool, list[str], bool] | None) -> None:
    assert who(content) == expected


def test_list_of_responsible_units_split_by_the_rule() -> None:
    assert who("县市场监管局、县税务局、县公安局等负责", rule=True) == (["县市场监管局"], False, ["县税务局", "县公安局"], True)
    assert who("县市场监管局、县税务局等负责", rule=False) == (["县市场监管局", "县税务局"], True, [], False)
    assert states_first_is_lead("（A局、B局负责，列第一位者为牵头单位，下同）")
    assert states_first_is_lead("注：责任单位中排在第一位的为牵头单位。")
    assert not states_first_is_lead("牵头单位要切实负起责任")


@pytest.mark.parametrize("content", ["县级市", "试行", "简称“一网通办”", "以下统称“五公开”", "境", "国办发〔2017〕47号", "牵头起草部门", "由牵头起草部门负责解读", "伊政办发〔2018〕16 号", "2018年", "局"])
def test_ordinary_brackets_are_not_annotations(content: str) -> None:
    assert who(content) is None


def test_annotation_spans_in_text() -> None:
    text = "甲事项（试行）。（牵头单位：县财政局）乙事项，由牵头起草部门解读。（牵头单位：县审计局；配合单位：县财政局）"
    found = find_annotations(text, first_is_lead=False, ctx=CTX)
    assert [text[f.start : f.end] for f in found] == ["（牵头单位：县财政局）", "（牵头单位：县审计局；配合单位：县财政局）"]


def test_unreadable_labelled_annotation_is_kept_with_a_doubt() -> None:
    r = parse_annotation("牵头单位：；配合单位：县财政局", first_is_lead=False, ctx=CTX)
    assert r is not None and r.lead == [] and r.cooperate == ["县财政局"]
    assert [n.key for n in r.notes] == ["import.doubt.no_lead"]


def test_deadline_inside_an_annotation() -> None:
    r = parse_annotation("牵头单位：县财政局；完成时限：2018年12月底前", first_is_lead=False, ctx=CTX)
    assert r is not None and r.due_text == "2018年12月底前"
    r = parse_annotation("县财政局牵头，2018年底前完成", first_is_lead=False, ctx=CTX)
    assert r is not None and r.lead == ["县财政局"] and r.due_text == "2018年底前完成"


@pytest.mark.parametrize(
    ("text", "due", "repeat", "ongoing", "wording"),
    [
        ("2018年12月底前完成", dt.date(2018, 12, 31), None, False, "2018年12月底前"),
        ("于2018年11月30日前上报", dt.date(2018, 11, 30), None, False, "2018年11月30日前"),
        ("12月20日前完成", dt.date(2018, 12, 20), None, False, "12月20日前"),
        ("年底前完成", dt.date(2018, 12, 31), None, False, "年底前"),
        ("2019年底前", dt.date(2019, 12, 31), None, False, "2019年底前"),
        ("二〇一八年十二月三十一日前", dt.date(2018, 12, 31), None, False, "二〇一八年十二月三十一日前"),
        ("10月中旬前", dt.date(2018, 10, 20), None, False, "10月中旬前"),
        ("第四季度末前完成", dt.date(2018, 12, 31), None, False, "第四季度末前"),
        ("下半年完成", dt.date(2018, 12, 31), None, False, "下半年"),
        ("每季度检查一次", None, "quarterly", False, "每季度"),
        ("每月报送", None, "monthly", False, "每月"),
        ("每半年通报一次", None, "half_yearly", False, "每半年"),
        ("每年3月31日前公布", None, "yearly", False, "每年3月31日前"),
        ("，长期坚持。", None, None, True, "长期坚持"),
        ("此项工作持续推进。", None, None, False, "持续推进"),
        ("自本方案印发之日起30日内完成", dt.date(2018, 10, 14), None, False, "本方案印发之日起30日内"),
    ],
)
def test_deadline_forms(text: str, due: dt.date | None, repeat: str | None, ongoing: bool, wording: str) -> None:
    found = find_deadlines(text, CTX)
    if wording == "持续推进":
        # 持续推进 as a verb inside a sentence is not a deadline; standing alone it is
        assert found == [] or not found[0].ongoing
        assert find_deadlines("，持续推进。", CTX)[0].ongoing
        return
    d = found[0]
    assert (d.due, d.repeat.value if d.repeat else None, d.ongoing, d.text) == (due, repeat, ongoing, wording)


def test_dates_that_are_not_deadlines() -> None:
    assert find_deadlines("2018年9月14日印发", CTX) == []
    assert find_deadlines("按照伊政办发〔2018〕16号要求，结合2018年实际", CTX) == []
    assert find_deadlines("持续推进政务公开", CTX) == []
    assert find_deadlines("三年内", CTX) == []


def test_deadline_doubts() -> None:
    assert [n.key for n in find_deadlines("6月30日前完成", CTX)[0].notes] == ["import.doubt.deadline_next_year"]
    assert find_deadlines("6月30日前完成", CTX)[0].due == dt.date(2019, 6, 30)
    assert [n.key for n in find_deadlines("15个工作日内答复", CTX)[0].notes] == ["import.doubt.deadline_relative"]
    assert [n.key for n in find_deadlines("定期检查", CTX)[0].notes] == ["import.doubt.cycle_unspecified"]
    assert [n.key for n in find_deadlines("每周通报", CTX)[0].notes] == ["import.doubt.cycle_unsupported"]
    assert [n.key for n in find_deadlines("12月20日前", DateContext(None, None))[0].notes] == ["import.doubt.deadline_no_year"]
    cell = parse_cell("视情况而定", CTX)
    assert cell is not None and cell.due is None and [n.key for n in cell.notes] == ["import.doubt.deadline_unparsed"]
    assert parse_cell("", CTX) is None
    cell = parse_cell("2018-11-30", CTX)
    assert cell is not None and cell.due == dt.date(2018, 11, 30)


def test_chinese_numbers() -> None:
    assert [cn_int(s) for s in ("12", "十二", "二十", "三十一", "十", "二〇一八")] == [12, 12, 20, 31, 10, 2018]


def test_unit_lists() -> None:
    ul = split_units("宣传部、新闻中心及林业局各单位、部门")
    assert (ul.names, ul.open) == (["宣传部", "新闻中心", "林业局各单位、部门"], False)
    ul = split_units("城建局、企管科、交通局、多种经营局等部门")
    assert (ul.names, ul.open) == (["城建局", "企管科", "交通局", "多种经营局"], True)
    assert split_units("市财政局，市审计局、市统计局").names == ["市财政局", "市审计局", "市统计局"]
    assert split_units("住房和城乡建设局").names == ["住房和城乡建设局"]
    assert split_units("财政局和审计局").names == ["财政局", "审计局"]
    assert split_units("人力资源与社会保障局").names == ["人力资源与社会保障局"]
    ul = split_units("省工信厅、财政厅、省商务厅")
    assert (ul.names, ul.expanded) == (["省工信厅", "省财政厅", "省商务厅"], {"省财政厅": "财政厅"})
    assert split_units("市发改委、中国人民银行江北市中心支行").names == ["市发改委", "中国人民银行江北市中心支行"]


@pytest.mark.parametrize(
    ("name", "covers"),
    [
        ("林业局各单位、部门", Covers.ALL),
        ("各单位、各部门", Covers.ALL),
        ("林业局各部门", Covers.DEPARTMENTS),
        ("市直各部门", Covers.DEPARTMENTS),
        ("局属各单位", Covers.UNITS),
        ("林业局有关部门", Covers.UNRESOLVED),
        ("各有关部门", Covers.UNRESOLVED),
        ("各区县人民政府", Covers.UNRESOLVED),
        ("行政办", None),
        ("各司其职", None),
    ],
)
def test_groups(name: str, covers: Covers | None) -> None:
    assert group_covers(name) == covers


def test_unit_names() -> None:
    assert is_unit_name("资源林政局") and is_unit_name("党办") and is_unit_name("应急管理局")
    assert not is_unit_name("牵头起草部门") and not is_unit_name("各部门要") and not is_unit_name("“五公开”")


def test_variants() -> None:
    v = resolve_variants(["财政局", "县财政局", "人力资源和社会保障局", "人力资源与社会保障局", "人社局", "发改委", "发展和改革委员会", "教育局", "公安局"])
    assert {k: (x.canonical, x.suspected) for k, x in v.items()} == {
        "财政局": ("县财政局", False),
        "人力资源与社会保障局": ("人力资源和社会保障局", False),
        "人社局": ("人力资源和社会保障局", True),
        "发改委": ("发展和改革委员会", True),
    }


def test_numbering_forms() -> None:
    def rank(text: str) -> tuple[int, str] | None:
        n = numbering(text)
        return None if n is None else (n[0], n[1])

    assert rank("一、指导思想") == (1, "一")
    assert rank("十二、其他") == (1, "十二")
    assert rank("（一）加强") == (2, "一")
    assert rank("(四) 强化") == (2, "四")
    assert rank("1. 推进") == (3, "1")
    assert rank("2、推进") == (3, "2")
    assert rank("3．推进") == (3, "3")
    assert rank("(1) 建立") == (4, "1")
    assert rank("（2）建立") == (4, "2")
    assert rank("3）建立") == (4, "3")
    assert rank("①建立") == (5, "①")
    assert rank("2018年工作") is None
    assert rank("1.5万元") is None
    assert rank("（牵头单位：行政办）") is None


def test_lines_broken_across_pages_are_rejoined() -> None:
    blocks = [
        ParaBlock("1. 推进决策公开。要对公开相关信", 1),
        ParaBlock("", 2),
        ParaBlock("息作出明确规定。（牵头单位：行政办；配合单位：林业局各", 3),
        ParaBlock("单位、部门)", 5),
        ParaBlock("2. 下一项。", 6),
        ParaBlock("（一）短标题", 7),
        ParaBlock("正文。", 8),
    ]
    paras = paragraphs(blocks)
    assert [p.text for p in paras] == ["1. 推进决策公开。要对公开相关信息作出明确规定。（牵头单位：行政办；配合单位：林业局各单位、部门)", "2. 下一项。", "（一）短标题", "正文。"]
    assert paras[0].line_at(0) == 1 and paras[0].line_at(20) == 3


def test_lead_marked_inside_a_list_and_people_labels() -> None:
    assert who("责任单位：市财政局（牵头）、市审计局、市统计局等") == (["市财政局"], False, ["市审计局", "市统计局"], True)
    assert who("责任领导：张三；责任单位：县财政局") == (["县财政局"], False, [], False)
    assert who("牵头单位：县财政局；责任人：李四；完成时限：年底前") == (["县财政局"], False, [], False)


def test_more_real_world_forms() -> None:
    # 按职责分工负责, 【】 brackets, a group with brackets inside, a deadline-only bracket
    assert who("市发改委牵头，市直有关部门按职责分工负责") == (["市发改委"], False, ["市直有关部门"], False)
    assert who("牵头单位：市财政局；配合单位：各县（市、区）人民政府") == (["市财政局"], False, ["各县（市、区）人民政府"], False)
    assert who("完成时限：2018年12月") is None
    text = "甲事项。【牵头单位：县财政局】乙事项（完成时限：2018年12月）。（牵头单位：县审计局）"
    found = find_annotations(text, first_is_lead=False, ctx=CTX)
    assert [text[f.start : f.end] for f in found] == ["【牵头单位：县财政局】", "（牵头单位：县审计局）"]


def test_full_width_digits_keep_their_wording() -> None:
    cell = parse_cell("２０１８年１２月底前", CTX)
    assert cell is not None and (cell.due, cell.text) == (dt.date(2018, 12, 31), "２０１８年１２月底前")
