"""The resolved rows every format shares, on the progress fixture as of 2018-11-20."""

from __future__ import annotations

from gongkai.export.rows import ledger_sheet, unit_sheet
from gongkai.models import Ledger
from gongkai.queries import Light, unit_view

from .common import AS_OF


def test_headers_title_and_blocks_in_chinese(progress: Ledger) -> None:
    sheet = ledger_sheet(progress, AS_OF, "zh")
    assert sheet.headers == ["序号", "任务", "具体内容", "牵头单位", "配合单位", "完成时限", "进展情况", "状态"]
    assert sheet.title == "示例林业局2018年政务公开工作实施方案任务分工台账"
    assert sheet.subtitle == "示林发〔2018〕1号　截至 2018-11-20"
    assert [(b.key, b.heading, [r.state.task.id for r in b.rows]) for b in sheet.blocks] == [
        ("一", "一 信息公开", ["t1", "t2", "t3", "t7"]),
        ("二", "二 保障措施", ["t4", "t5", "t6", "t8"]),
    ]


def test_every_row_in_chinese(progress: Ledger) -> None:
    rows = ledger_sheet(progress, AS_OF, "zh").rows
    assert [r.cells() for r in rows] == [
        [1, "一1 公开决策信息", "及时公开局务会议决定事项。", "行政办", "宣传部", "2018-10-31", "2018-10-20 行政办：已完成；已在门户网站公开", "已完成"],
        [2, "一2 政策解读", "做好重大政策解读。", "宣传部", "各部门", "2018-11-10", "2018-11-01 宣传部：推进中；已起草解读材料", "推进中（逾期）"],
        [3, "一3 教育信息公开", "公开教育收费项目。", "教育局", "宣传口", "2018-11-30", "2018-11-05 教育局：推进中；正在梳理收费清单", "推进中（临期）"],
        [4, "一4 建立公开目录", "建立主动公开基本目录。", "行政办", "", "2018-12-31", "", "未启动（未报送进展）"],
        [
            5,
            "二1 季度检查",
            "每季度检查一次网站更新情况。",
            "行政办",
            "各部门",
            "每季度（2018-06-30、2018-09-30、2018-12-31）",
            "2018Q2 已报送（2018-06-28）：检查网站 3 个\n2018Q3 未报送\n2018Q4 未到期",
            "推进中（逾期）",
        ],
        [6, "二2 新闻发布", "长期坚持做好新闻发布。", "新闻中心", "", "长期坚持", "2018-06-15 新闻中心：发布新闻 12 条", "推进中（未报送进展）"],
        [7, "二3 业务培训", "开展政务公开业务培训。", "教育局", "行政办", "2018-12-31", "2018-10-30 教育局：推进中；培训方案已印发", "推进中（正常推进）"],
        [8, "二4 已取消的任务", "因机构调整取消。", "宣传部", "", "2018-12-31", "", "已取消"],
    ]
    assert [r.light for r in rows] == [Light.GREEN, Light.RED, Light.YELLOW, Light.YELLOW, Light.RED, Light.YELLOW, Light.GREEN, Light.NONE]


def test_english_labels(progress: Ledger) -> None:
    sheet = ledger_sheet(progress, AS_OF, "en")
    assert sheet.headers == ["No.", "Task", "Details", "Lead unit", "Cooperating units", "Deadline", "Progress", "Status"]
    row = sheet.rows[4]
    assert row.due == "quarterly (2018-06-30, 2018-09-30, 2018-12-31)"
    assert row.progress == "2018Q2 reported (2018-06-28): 检查网站 3 个\n2018Q3 not reported\n2018Q4 not yet due"
    assert row.status == "in progress (overdue)"


def test_real_plan_clauses_of_one_item_say_which_clause(real: Ledger) -> None:
    rows = ledger_sheet(real, AS_OF, "zh").rows
    assert len(rows) == 18
    assert [r.task for r in rows if r.state.task.number == "二（二）2"] == [f"二（二）2 加强舆情回应（第{n}项责任）" for n in range(1, 5)]
    # 等部门 stays visible
    assert rows[1].cooperate == "城建局、企管科、交通局、多种经营局等部门"


def test_unit_sheet_groups_what_the_unit_leads_supports_and_reaches_through_a_group(progress: Ledger) -> None:
    view = unit_view(progress, "行政办", AS_OF)
    assert view is not None
    sheet = unit_sheet(progress, view, AS_OF, "zh")
    assert sheet.unit == "行政办"
    assert sheet.title == "行政办的任务清单"
    assert sheet.headers[-1] == "角色"
    assert [(b.key, b.heading, [(r.seq, r.state.task.id, r.role) for r in b.rows]) for b in sheet.blocks] == [
        ("lead", "牵头任务（3 项）", [(1, "t1", "牵头"), (2, "t7", "牵头"), (3, "t4", "牵头")]),
        ("cooperate", "配合任务（点名，1 项）", [(4, "t6", "配合")]),
        ("via_group", "经群体涉及的任务（1 项）", [(5, "t2", "经“各部门”配合")]),
    ]


def test_unit_counts(progress: Ledger) -> None:
    units = ledger_sheet(progress, AS_OF, "zh").units
    assert [(u.name, u.leads, u.lead_progress.done, u.lead_progress.total, u.supports, u.via_group, u.overdue, u.report_missing) for u in units] == [
        ("行政办", 3, 1, 3, 1, 1, 1, 2),
        ("宣传部", 2, 0, 1, 1, 2, 1, 0),
        ("教育局", 2, 0, 2, 0, 2, 0, 0),
        ("新闻中心", 1, 0, 1, 0, 1, 0, 1),
        ("法院", 0, 0, 0, 0, 0, 0, 0),
    ]
