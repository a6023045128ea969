"""Plans saved from web archives: a metadata header, and a whole plan on one line."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from gongkai.importer.glued import split_glued

from .common import imported, tasks_by_id

HEADER = """标题: 某区管委会办公室关于印发《某区2019年口岸建设工作方案》的通知
发布时间: 2019-07-19 10:12
文号:
发布机构: 某区管委会办公室
栏目: 区管委会办公室文件
==================== 正文 ====================
"""

ONE_LINE = (
    "当前位置： 首页 政务公开 某区2019年口岸建设工作方案 为推进口岸建设，对有关任务分工如下："
    "一、支持口岸对外开放建设。支持港区指定监管场地建设和报批验收，发展港口保税加工。"
    "牵头单位：区经发局、口岸办配合单位：平潭海关实施单位：区交通集团、智慧岛公司完成时限：2019年8月"
    "二、支持海峡二桥监管项目建设。加强对相关监管设施与信息化项目建设的指导、推进和督促，统一、规范管理。"
    "牵头单位：区口岸办配合单位：区旅发委、财金局完成时限：2019年11月底"
    "三、完善配套服务。（一）优化通关服务1.推行预约通关。提供预约通关服务。牵头单位：区口岸办"
    "2.推广电子支付。推广税费电子支付。牵头单位：区财金局配合单位：区税务局"
)


def test_numbers_in_a_long_line_start_items_only_in_sequence() -> None:
    pieces = split_glued(ONE_LINE)
    starts = [p[:3] for p in pieces]
    assert starts == ["当前位", "一、支", "二、支", "三、完", "（一）", "1.推", "2.推"]
    assert "统一、规范管理" in pieces[2]  # 统一、 is no item number


def test_short_lines_are_left_alone() -> None:
    assert split_glued("一、加强领导。二、落实责任。") == ["一、加强领导。二、落实责任。"]


def test_header_gives_title_issuer_and_date(write: Callable[..., Path]) -> None:
    result = imported(write("kouan.txt", HEADER + ONE_LINE + "\n"))
    plan = result.data["plan"]
    assert plan["title"] == "某区2019年口岸建设工作方案"
    assert plan["issuer"] == "某区管委会办公室"
    assert str(plan["issued"]) == "2019-07-19"
    assert "doc_number" not in plan  # an empty 文号: is no number


def test_run_together_labels_on_one_line(write: Callable[..., Path]) -> None:
    tasks = tasks_by_id(imported(write("kouan.txt", HEADER + ONE_LINE + "\n")))
    assert sorted(tasks) == ["1", "2", "3-1-1", "3-1-2"]
    first = tasks["1"]
    assert first["lead"] == ["区经发局", "区口岸办"]
    # 实施单位 follow the cooperating units; companies and bodies with their own place keep their names
    assert first["cooperate"] == ["平潭海关", "区交通集团", "智慧岛公司"]
    assert str(first["due"]) == "2019-08-31"
    second = tasks["2"]
    assert second["cooperate"] == ["区旅发委", "区财金局"]
    assert str(second["due"]) == "2019-11-30"
    assert tasks["3-1-2"]["lead"] == ["区财金局"]
    assert tasks["3-1-2"]["cooperate"] == ["区税务局"]


def test_an_annotation_after_the_last_item_closes_the_whole_list(write: Callable[..., Path]) -> None:
    text = (
        "某区乡村旅游提质升级行动方案\n一、重点任务\n（一）编制发展规划\n编制乡村旅游发展规划。\n"
        "1.打造延伸产品。有序开发延伸产品。\n2.推动景村一体化。打造精品线路。\n"
        "3.打造民宿村。打造民宿特色村。（责任单位：区旅游发展委员会、市场监督管理局，各乡镇人民政府）\n"
        "（二）完善公共服务\n做好游客服务。（责任单位：区交通与建设局）\n"
    )
    tasks = list(imported(write("xiangcun.txt", text)).data["tasks"])
    assert [t["number"] for t in tasks] == ["一（一）", "一（二）"]
    first = tasks[0]
    assert first["lead"] == ["区旅游发展委员会", "区市场监督管理局", "各乡镇人民政府"]  # 市场 is no level word
    assert "有序开发延伸产品" in first["text"] and "打造民宿特色村" in first["text"]
    assert any("一（一）" in d["message"] for d in first["doubts"])


def test_a_bracket_saying_which_part_a_unit_leads_is_not_its_name(write: Callable[..., Path]) -> None:
    text = "某区产业链工作方案\n一、健康产业链\n牵头单位：区社会事业局（牵头医疗医美板块）、区市场监管局（牵头医药器械板块）配合单位：各片区管理局\n"
    task = imported(write("lian.txt", text)).data["tasks"][0]
    assert task["lead"] == ["区社会事业局", "区市场监管局"]


def test_role_words_and_standing_rules(write: Callable[..., Path]) -> None:
    text = (
        "某县2019年工作方案\n以下各项均需各乡镇落实，不再列出。\n一、重点任务\n"
        "1.推进预算公开。（县财政局指导，县审计局参与）\n"
        "2.推进审计公开。（参加单位：县审计局、县统计局）\n"
        "3.加强统筹。责任分工：县发改委负责总体协调，县财政局组织实施，县审计局配合，县政府督查室检查指导。\n"
        "4.落实政策。（县发改委、县财政局等和各乡镇人民政府负责）\n"
        "5.开展检查。由县财政局会同有关部门组织开展专项检查，明确牵头起草部门。（责任处室：县财政局综合处）\n"
    )
    result = imported(write("roles.txt", text))
    tasks = list(result.data["tasks"])
    assert len(tasks) == 5
    one, two, three, four, five = tasks
    assert one["lead"] == ["县财政局"] and one["cooperate"] == ["县审计局", "各乡镇"]
    assert any("指导" in d["message"] for d in one["doubts"])
    assert any("第 2 行" in d["message"] for d in one["doubts"])  # the standing rule and where it came from
    assert two["cooperate"] == ["县审计局", "县统计局", "各乡镇"] and two["lead"] == []
    assert three["lead"] == ["县发改委"] and three["cooperate"] == ["县财政局", "县审计局", "各乡镇"]
    assert three["supervise"] == ["县政府督查室"]  # 检查指导: a supervising unit, registered as a unit
    assert "县政府督查室" in [u["name"] for u in result.data["units"]]
    assert four["lead"] == ["县发改委", "县财政局", "各乡镇人民政府"] and four["lead_open"] is True
    assert five["lead"] == ["县财政局综合处"]  # 会同有关部门 and 牵头起草部门 in the text make no clause


def test_a_shared_ending_and_one_unit_written_two_ways(write: Callable[..., Path]) -> None:
    text = (
        "某区2019年工作方案\n一、重点任务\n1.推进片区建设。（牵头单位：区建设局；配合单位：金井、澳前片区开发管理局）\n"
        "2.推进卫生公开。（牵头单位：区卫生计生局）\n3.推进疾控公开。（牵头单位：区卫计局）\n"
    )
    result = imported(write("pianqu.txt", text))
    tasks = list(result.data["tasks"])
    assert tasks[0]["cooperate"] == ["金井片区开发管理局", "澳前片区开发管理局"]
    assert any("金井" in d["message"] for d in tasks[0]["doubts"])  # the expansion keeps its spelling in a doubt
    units = {u["name"]: u for u in result.data["units"]}
    assert units["区卫生计生局"]["aliases"] == ["区卫计局"]
    assert "区卫计局" not in units
    assert any("区卫计局" in d["message"] for d in tasks[2]["doubts"])


def test_a_note_before_the_body_line_and_the_number_in_the_page_text(write: Callable[..., Path]) -> None:
    header = HEADER.replace("=" * 20, "页面链接与图片详见 links.tsv(同目录)\n" + "=" * 20)
    body = ONE_LINE.replace("当前位置： 首页 政务公开", "当前位置： 首页 政务公开 某管办〔2019〕61号")
    result = imported(write("kouan.txt", header + body + "\n"))
    assert result.data["plan"]["doc_number"] == "某管办〔2019〕61号"
    assert all("links.tsv" not in t["text"] for t in result.data["tasks"])
