"""Task tables flattened into text: cells run together, found again from the header and the shape of names."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from gongkai.importer.flattened import find_zone, split_cells

from .common import imported, tasks_by_id

# 工作任务 | 牵头单位 | 责任单位 | 工作要求, spaced header, no separators, a merged row (2), 会同 (4)
GLUED = (
    "某省2016年政务公开工作主要任务分解表工 作 任 务牵头单位责　任　单　位工　作　要　求"
    "一、围绕深化改革推进公开（一）推进权力清单公开"
    "1.全面公开省级政府工作部门权力清单省编办（省审改办）省直各部门，各设区市、某某综合实验区通过政府门户网站集中展示。"
    "2.推动市县两级政府工作部门全面公开权力清单"
    "3.依法公开随机抽查事项清单 省直各相关部门，各设区市明确抽查依据、主体、内容。"
    "4.推进面向转移落户人员的服务公开 省公安厅会同省人社厅、卫计委、教育厅等相关部门，各设区市及时公开户口迁移政策。"
    "二、围绕促进经济发展推进公开（一）推进市场准入负面清单公开"
    "5.做好市场准入负面清单试点情况的公开工作省发改委省商务厅各设区市公开市场准入负面清单试点内容。"
)

# 工作任务 | 工作要求 | 牵头单位 | 配合/责任单位: units at the end of each row, rows glued to the last cell
AT_END = (
    "附件 某区政务公开工作主要任务分解表工作任务工作要求牵头单位配合/责任单位"
    "一、深化政务公开（一）做好规划公开"
    "1.主动公开规划纲要。通过政府门户网站专题专栏集中展示。区经济发展局区自然资源与生态环境局 区直有关单位，各片区管理局、各乡镇人民政府（街道办事处）"
    "2.归集整理历史规划。通过政府信息公开专栏集中发布。区经济发展局区直有关单位，各片区管理局"
    "3.依法落实信息处理费有关规定。严格依照规定计收信息处理费。区财政金融局"
)


def test_the_unit_cells_of_a_glued_row() -> None:
    text = "全面公开权力清单省编办（省审改办）省直各部门，各设区市、某某综合实验区通过政府门户网站集中展示。"
    zone = find_zone(text, at_end=False)
    assert zone is not None
    assert zone.names == ["省编办（省审改办）", "省直各部门", "各设区市", "某某综合实验区"]
    assert split_cells(zone, text) == ("省编办（省审改办）", "省直各部门，各设区市、某某综合实验区", False)


def test_two_leads_glued_before_the_list_are_a_guess() -> None:
    text = "做好公开工作省发改委省商务厅各设区市、平潭综合实验区公开试点内容。"
    zone = find_zone(text, at_end=False)
    assert zone is not None
    lead, rest, guessed = split_cells(zone, text)
    assert (lead, rest) == ("省发改委、省商务厅", "各设区市、平潭综合实验区")
    assert guessed


def test_a_flattened_table_with_units_in_the_middle(write: Callable[..., Path]) -> None:
    result = imported(write("fenjie.txt", GLUED + "\n"))
    tasks = list(result.data["tasks"])
    assert len(tasks) == 5
    first, second, third, fourth, fifth = tasks
    assert first["title"] == "全面公开省级政府工作部门权力清单"
    assert first["lead"] == ["省编办（省审改办）"]
    assert first["cooperate"] == ["省直各部门", "各设区市", "某某综合实验区"]
    assert first["text"] == "通过政府门户网站集中展示。"
    # row 2 shows no units: they came from a merged cell, repeated with a doubt
    assert second["lead"] == first["lead"] and second["cooperate"] == first["cooperate"]
    assert any("合并单元格" in d["message"] for d in second["doubts"])
    # no lead cell: the whole list is responsible, and a person must pick the lead
    assert third["lead"] == ["省直各相关部门", "各设区市"]
    assert "cooperate" not in third
    # 会同 in the unit cell: the first leads; the shared 省 is carried along the list
    assert fourth["lead"] == ["省公安厅"]
    assert fourth["cooperate"] == ["省人社厅", "省卫计委", "省教育厅", "各设区市"]
    assert fourth["cooperate_open"] is True
    assert fifth["lead"] == ["省发改委", "省商务厅"]
    assert fifth["cooperate"] == ["各设区市"]
    assert any("压平" in d["message"] for d in fifth["doubts"])
    assert [s["number"] for s in result.data["sections"]][:2] == ["一", "（一）"]


def test_a_flattened_table_with_units_at_the_end(write: Callable[..., Path]) -> None:
    tasks = list(imported(write("fenjie.txt", AT_END + "\n")).data["tasks"])
    assert [t["title"] for t in tasks] == ["主动公开规划纲要", "归集整理历史规划", "依法落实信息处理费有关规定"]
    assert tasks[0]["lead"] == ["区经济发展局", "区自然资源与生态环境局"]
    assert tasks[0]["cooperate"] == ["区直有关单位", "各片区管理局", "各乡镇人民政府（街道办事处）"]
    assert tasks[0]["text"] == "通过政府门户网站专题专栏集中展示。"
    assert tasks[1]["lead"] == ["区经济发展局"]
    assert tasks[1]["cooperate"] == ["区直有关单位", "各片区管理局"]
    assert tasks[2]["lead"] == ["区财政金融局"]
    assert "cooperate" not in tasks[2]


def test_cells_joined_by_tabs(write: Callable[..., Path]) -> None:
    text = "序号\t工作任务\t牵头单位\t配合单位\t完成时限\n1\t推进预算公开\t县财政局\t县直各部门\t2019年6月底前\n2\t推进审计公开\t县审计局\t\t长期坚持\n"
    tasks = tasks_by_id(imported(write("tabs.txt", "某县2019年政务公开任务分工\n" + text)))
    assert tasks["1"]["lead"] == ["县财政局"] and tasks["1"]["cooperate"] == ["县直各部门"]
    assert str(tasks["1"]["due"]) == "2019-06-30"
    assert tasks["2"]["lead"] == ["县审计局"] and tasks["2"].get("ongoing") is True


# 工作任务 | 党工委管委会牵头部门 | 本局责任处（单位） | 工作要求, single spaces between cells, empty cells gone
SPACED = (
    "附件 某局2016年政务公开工作主要任务分解表 工 作 任 务 党工委管委会牵头部门 本局责任处（单位） 工　作　要　求 "
    "一、围绕深化改革推进公开 （一）推进权力清单公开 "
    "1.全面公开权力清单 区行政审批局 综合处牵头，各处、单位配合落实 通过政府门户网站集中展示。 "
    "2.公开保留的行政审批事项 重点公开保留的行政许可事项清单。 "
    "3.依法公开随机抽查事项清单 综合处牵头 明确抽查依据、主体、内容。 "
    "4.督导检查建设单位公开环评信息 区经济发展局 区环境局 水利处、渔业处 牵头落实 "
    "二、围绕促进经济发展推进公开 5.做好试点情况的公开工作 区行政审批局 公开试点内容。"
)


def test_a_spaced_table_with_a_column_one_level_up(write: Callable[..., Path]) -> None:
    tasks = list(imported(write("ju.txt", SPACED + "\n")).data["tasks"])
    assert len(tasks) == 5
    one, two, three, four, five = tasks
    # the column one level up names who leads above the plan: not this plan's own lead
    assert one["lead"] == ["综合处"] and one["cooperate"] == ["各处、单位"]  # one group, as 各单位、部门
    assert one["text"] == "通过政府门户网站集中展示。"
    assert two["lead"] == ["综合处"] and any("合并单元格" in d["message"] for d in two["doubts"])
    assert three["lead"] == ["综合处"] and "cooperate" not in three
    assert four["lead"] == ["水利处", "渔业处"]  # 牵头落实 after a space still belongs to the cell
    assert five["lead"] == [] and "cooperate" not in five  # only the upper column is filled: a task with no units
    assert [d["message"] for d in five["doubts"]] == ["这一项没有写任何单位：请填写 lead，或删除该任务。"]
    # the column one level up is kept in the note, under its own name (row 2 shares row 1's merged cells)
    upper = "党工委管委会牵头部门："
    assert [t.get("note") for t in tasks] == [
        upper + "区行政审批局",
        upper + "区行政审批局",
        None,
        upper + "区经济发展局、区环境局",
        upper + "区行政审批局",
    ]


def test_a_space_after_the_last_list_of_a_row_is_an_empty_last_cell(write: Callable[..., Path]) -> None:
    text = (
        "附件 某区政务公开工作主要任务分解表工作任务工作要求牵头单位配合/责任单位"
        "一、推进基层政务公开（一）完善标准目录"
        "1.完善基层政务公开市级标准指引。跟踪国务院各领域标准指引出台情况，发布对应市级标准指引。 区直各单位"
        "2.完善基层政务公开事项标准目录。对照标准指引及时调整完善本级政务公开事项标准目录。各片区管理局、各乡镇人民政府（街道办事处） "
        "3.持续加强基层政府信息公开窗口建设。在政务服务大厅设立政务公开专区，提供政策查询等便民服务。区行政服务中心，各片区管理局 "
        "4.依法落实信息处理费有关规定。严格依照规定计收信息处理费，规范收费行为。区财政金融局区直各单位，各片区管理局\n"
    )
    tasks = [(t["lead"], t.get("cooperate", [])) for t in imported(write("jiceng.txt", text)).data["tasks"]]
    assert tasks == [
        # a space before the list: the lead cell is empty, the list is the 配合/责任单位 cell
        ([], ["区直各单位"]),
        # glued to the requirement and followed by a space: the last cell is empty, the list leads
        (["各片区管理局", "各乡镇人民政府（街道办事处）"], []),
        (["区行政服务中心", "各片区管理局"], []),
        (["区财政金融局"], ["区直各单位", "各片区管理局"]),
    ]


def test_contact_columns_are_never_units(write: Callable[..., Path]) -> None:
    text = (
        "某县2019年重点工作任务分工\n"
        "序号\t工作任务\t牵头领导\t牵头单位\t责任人\t联系电话\t完成时限\n"
        "1\t推进预算公开\t张三\t县财政局\t李四\t0591-12345678\t常年\n"
        "2\t推进审计公开\t王五\t县审计局\t赵六\t13800000000\t2个工作日内\n"
    )
    result = imported(write("contacts.txt", text))
    tasks = tasks_by_id(result)
    assert tasks["1"]["lead"] == ["县财政局"] and "cooperate" not in tasks["1"]
    assert tasks["2"]["lead"] == ["县审计局"]
    assert tasks["1"]["contacts"] == [{"role": "牵头领导", "name": "张三"}, {"role": "责任人", "name": "李四", "phone": "0591-12345678"}]
    names = {u["name"] for u in result.data["units"]}
    assert names == {"县财政局", "县审计局"}
    assert tasks["2"]["due_text"] == "2个工作日内"
    assert (tasks["1"]["due_text"], tasks["1"]["ongoing"]) == ("常年", True)  # a standing duty


def test_a_glued_table_with_a_leader_column_before_the_deadline(write: Callable[..., Path]) -> None:
    text = (
        "某县2019年重点任务分解表工作任务牵头单位配合单位责任领导完成时限一、重点工作"
        "1.推进预算公开。全面公开部门预算和决算，细化到功能分类项级科目，做到应公开尽公开。县财政局县直各部门张三2019年6月底前"
        "2.推进审计公开。公开审计工作报告和整改情况，接受社会监督。县审计局县直各部门李四2019年12月底前"
        "3.推进决策公开。按规定公开重大决策事项和决策过程，听取公众意见。县司法局县政府办公室王五常年\n"
    )
    result = imported(write("glued.txt", text))
    got = [(t["lead"], t.get("cooperate", []), t["contacts"], t["due_text"]) for t in result.data["tasks"]]
    assert got == [
        (["县财政局"], ["县直各部门"], [{"role": "责任领导", "name": "张三"}], "2019年6月底前"),
        (["县审计局"], ["县直各部门"], [{"role": "责任领导", "name": "李四"}], "2019年12月底前"),
        # the person glued after the units is cut where the name ends in a whole word (办公室)
        (["县司法局", "县政府办公室"], [], [{"role": "责任领导", "name": "王五"}], "常年"),
    ]
    assert {u["name"] for u in result.data["units"]} == {"县财政局", "县审计局", "县司法局", "县政府办公室"}
