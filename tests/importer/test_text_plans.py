"""Plans the importer has never seen: every annotation, numbering and deadline form, in text."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from gongkai.importer import ImportFailure, ImportResult
from gongkai.loader import validate_text

from ..support import IMPORTER_FIXTURES
from .common import TODAY, imported, tasks_by_id

CITY = IMPORTER_FIXTURES / "city-2019-keypoints.txt"
COUNTY = IMPORTER_FIXTURES / "county-2020-rule.md"


def doubt_keys(result: ImportResult) -> dict[str | None, list[str]]:
    out: dict[str | None, list[str]] = {}
    for d in result.summary.doubts:
        out.setdefault(d.task, []).append(d.note.key.rsplit(".", 1)[-1])
    return out


@pytest.fixture(scope="module")
def city() -> ImportResult:
    return imported(CITY)


@pytest.fixture(scope="module")
def county() -> ImportResult:
    return imported(COUNTY)


def who(task: dict[str, Any]) -> tuple[list[str], bool, list[str], bool]:
    return task.get("lead", []), task.get("lead_open", False), task.get("cooperate", []), task.get("cooperate_open", False)


CITY_CLAUSES = {
    # full-width brackets, colons and semicolons
    "1-1": (["市财政局"], False, ["市审计局", "市发展和改革委员会"], False),
    # half-width brackets and colons, a comma for the semicolon, 统计局 under the shared prefix 市
    "1-2": (["市发改委"], False, ["市市场监管局", "市统计局"], False),
    # several leads, no cooperating units; 和 inside a name is not a separator
    "1-3": (["市教育局", "市人力资源和社会保障局"], False, [], False),
    # 责任单位 with one unit: it leads
    "1-4": (["市住房和城乡建设局"], False, [], False),
    # X牵头，Y配合 as a sentence of its own
    "2-1": (["市政府办公室"], False, ["市直各部门"], False),
    # X牵头落实
    "2-2": (["市委宣传部"], False, [], False),
    # A、B分别牵头
    "2-3-1": (["市政府办公室", "市司法局"], False, [], False),
    # X会同Y负责
    "2-3-2": (["市政府办公室"], False, ["市直有关部门"], False),
    # a bare list of units in brackets after a sentence
    "3-1": (["市政务服务中心", "市大数据局"], False, [], False),
    # a trailing 责任单位：… without brackets, a unit and a group
    "3-2": (["市政务服务中心", "各区县人民政府"], False, [], False),
    # an annotation broken across lines inside its bracket
    "3-3": (["市政府办公室"], False, ["各区县人民政府", "市直有关部门"], False),
    # two annotations in one item
    "4-1a": (["市政府办公室"], False, ["市人力资源与社会保障局"], False),
    "4-1b": (["市政府办公室"], False, [], False),
    # 等部门: open-ended
    "4-2": (["市委督查室", "市政府督查室"], False, ["市人社局"], True),
}


def test_city_plan_clauses(city: ImportResult) -> None:
    tasks = tasks_by_id(city)
    assert list(tasks) == list(CITY_CLAUSES)
    for task_id, expected in CITY_CLAUSES.items():
        assert who(tasks[task_id]) == expected, task_id


def test_city_plan_numbering_levels(city: ImportResult) -> None:
    tasks = tasks_by_id(city)
    assert [tasks[i]["number"] for i in ("1-1", "1-2", "2-1", "2-2", "2-3-1", "4-1a", "4-1b")] == ["一（一）", "一（二）", "二1", "二2", "二3（1）", "四（一）", "四（一）"]
    assert (tasks["4-1a"]["clause"], tasks["4-1b"]["clause"]) == (1, 2)
    assert "clause" not in tasks["1-1"]
    sections = {s["number"]: s for s in city.data["sections"]}
    assert sections["二3"] == {"number": "二3", "title": "完善解读机制", "parent": "二"}
    assert tasks["2-3-1"]["section"] == "二3"


def test_city_plan_texts_keep_ordinary_brackets(city: ImportResult) -> None:
    tasks = tasks_by_id(city)
    assert tasks["3-1"]["text"] == "推进“互联网+政务服务”（试行）建设，在青山（县级市）等地推广（以下简称“一网通办”），牵头起草部门要做好政策解读。年底前完成。"
    assert tasks["2-1"]["text"] == "每季度发布一次政策解读信息。"
    assert tasks["3-3"]["text"] == "制定基层政务公开目录，2019年12月底前完成。"
    assert tasks["4-1b"]["text"] == "开展政务公开第三方评估，评估结果向社会公开。"
    assert tasks["1-2"]["title"] == "推进价格信息公开"


def test_city_plan_deadlines(city: ImportResult) -> None:
    tasks = tasks_by_id(city)

    def when(task_id: str) -> tuple[Any, ...]:
        t = tasks[task_id]
        return t.get("due"), t.get("due_text"), t.get("repeat"), t.get("ongoing", False)

    assert when("1-1") == (dt.date(2019, 6, 30), "2019年6月30日前", None, False)
    assert when("1-2") == (None, "按月", "monthly", False)
    assert when("1-3") == (dt.date(2019, 9, 30), "9月底前", None, False)  # the plan's year is implied
    assert when("2-1") == (None, "每季度", "quarterly", False)
    assert when("2-2") == (None, "长期坚持", None, True)
    assert when("2-3-2") == (dt.date(2019, 4, 16), "本方案印发之日起30个工作日内", None, False)
    assert when("3-1") == (dt.date(2019, 12, 31), "年底前", None, False)
    assert when("4-1a") == (None, "每年", "yearly", False)
    assert when("4-2") == (None, "定期", None, False)
    assert "due" not in tasks["1-4"] and "due_text" not in tasks["1-4"]


def test_city_plan_doubts(city: ImportResult) -> None:
    keys = doubt_keys(city)
    assert keys[None] == ["plan_period"]
    assert keys["1-2"] == ["variant", "shared_prefix"]
    assert keys["2-3-1"] == ["each_leads"]
    assert keys["2-3-2"] == ["working_days"]
    assert keys["3-1"] == ["ambiguous_lead"]
    assert keys["3-2"] == ["ambiguous_lead"]
    assert keys["4-1b"] == ["trailing_text"]
    assert keys["4-2"] == ["cycle_unspecified", "variant"]
    assert set(keys) == {None, "1-2", "2-3-1", "2-3-2", "3-1", "3-2", "4-1b", "4-2"}
    messages = [d["message"] for d in tasks_by_id(city)["4-1b"]["doubts"]]
    assert "持续推进政务公开考核" in messages[0]


def test_city_plan_registry(city: ImportResult) -> None:
    units = {u["name"]: u for u in city.data["units"]}
    assert units["市发展和改革委员会"]["aliases"] == ["市发改委"]
    assert units["市人力资源和社会保障局"]["aliases"] == ["市人力资源与社会保障局", "市人社局"]
    assert "市统计局" in units and "统计局" not in units
    assert [u["name"] for u in city.data["units"] if u.get("kind") == "external"] == ["市委办公室", "市人大常委会办公室", "市政协办公室"]
    assert [(g["name"], g["covers"]) for g in city.data["groups"]] == [("市直各部门", "departments"), ("市直有关部门", "unresolved"), ("各区县人民政府", "unresolved")]


def test_city_plan_metadata(city: ImportResult) -> None:
    plan = city.data["plan"]
    assert plan["title"] == "江北市2019年政务公开工作要点"
    assert plan["doc_number"] == "江政办发〔2019〕12号"
    assert plan["issuer"] == "江北市人民政府办公室"
    assert plan["issued"] == dt.date(2019, 3, 5)
    assert plan["copied_to"] == ["市委办公室", "市人大常委会办公室", "市政协办公室"]
    assert plan["period"] == {"start": dt.date(2019, 3, 5), "end": dt.date(2019, 12, 31)}


def test_city_plan_passes_check(city: ImportResult) -> None:
    check = validate_text(city.yaml, "tasks.yaml", today=TODAY)
    assert check.errors == []
    assert sum(p.code == "GK040" for p in check.warnings) == sum(1 for d in city.summary.doubts if d.task)


def test_rule_stated_once_splits_every_list(county: ImportResult) -> None:
    tasks = tasks_by_id(county)
    # （A、B、C等负责，列第一位者为牵头单位，下同）
    assert who(tasks["1-1"]) == (["县市场监管局"], False, ["县税务局", "县公安局"], True)
    # 下同: the rule applies to later lists too
    assert who(tasks["1-2"]) == (["县自然资源局"], False, ["县税务局"], False)
    assert who(tasks["1-3-1"]) == (["县税务局"], False, [], False)
    # shared prefix: 县发改局、财政局 means 县财政局 (written in full elsewhere, so no doubt)
    assert who(tasks["1-3-2"]) == (["县发改局"], False, ["县财政局"], False)
    # the plan marks its clauses in brackets: 会同 and 牵头 in the running text of 组织保障 are prose
    assert list(tasks) == ["1-1", "1-2", "1-3-1", "1-3-2"]
    assert tasks["1-3-1"]["due"] == dt.date(2020, 9, 30)
    assert tasks["1-3-2"]["due"] == dt.date(2020, 6, 30)
    assert doubt_keys(county)["1-1"] == ["deadline_relative"]


def test_bold_markdown_titles_and_body_start(county: ImportResult) -> None:
    tasks = tasks_by_id(county)
    assert tasks["1-1"]["title"] == "压缩企业开办时间"
    assert tasks["1-1"]["text"] == "将企业开办时间压缩至3个工作日以内。"
    assert county.data["plan"]["title"] == "青河县2020年优化营商环境任务分工方案"
    assert county.data["plan"]["issuer"] == "青河县人民政府办公室"


@pytest.mark.parametrize("encoding", ["gbk", "gb18030"])
def test_gbk_and_gb18030_files_are_detected(tmp_path: Path, city: ImportResult, encoding: str) -> None:
    path = tmp_path / CITY.name
    path.write_bytes(CITY.read_text(encoding="utf-8").encode(encoding))
    result = imported(path)
    assert result.encoding == "gb18030"
    assert result.data == city.data


def test_encoding_can_be_named(tmp_path: Path, city: ImportResult) -> None:
    path = tmp_path / CITY.name
    path.write_bytes(CITY.read_text(encoding="utf-8").encode("gbk"))
    assert imported(path, encoding="gbk").data == city.data
    with pytest.raises(ImportFailure) as err:
        imported(path, encoding="utf-8")
    assert err.value.key == "import.err.decode"
    with pytest.raises(ImportFailure) as err:
        imported(path, encoding="no-such-codec")
    assert err.value.key == "import.err.unknown_encoding"


def test_other_encodings_are_refused_not_garbled(tmp_path: Path) -> None:
    path = tmp_path / "big5.txt"
    path.write_bytes("政府資訊公開工作實施方案。一、工作任務。（一）推進財政資訊公開。（牽頭單位：財政局；配合單位：審計局）".encode("big5"))
    with pytest.raises(ImportFailure) as err:
        imported(path)
    assert err.value.key == "import.err.undecodable"
    named = imported(path, encoding="big5")
    assert named.encoding == "big5" and "政府資訊公開工作實施方案" in named.yaml


def test_utf8_bom_and_crlf(tmp_path: Path, city: ImportResult) -> None:
    path = tmp_path / CITY.name
    path.write_bytes(b"\xef\xbb\xbf" + CITY.read_text(encoding="utf-8").replace("\n", "\r\n").encode("utf-8"))
    assert imported(path).data == city.data


def test_unreadable_inputs_are_failures(tmp_path: Path) -> None:
    for name, key in (("missing.txt", "import.err.missing"), ("old.ofd", "import.err.old_format")):
        path = tmp_path / name
        if name != "missing.txt":
            path.write_bytes(b"\xd0\xcf\x11\xe0")
        with pytest.raises(ImportFailure) as err:
            imported(path)
        assert err.value.key == key
    with pytest.raises(ImportFailure) as err:
        imported(tmp_path)
    assert err.value.key == "import.err.directory"


def test_heading_annotation_is_shared_by_items_without_their_own(tmp_path: Path) -> None:
    path = tmp_path / "plan.txt"
    path.write_text(
        "一、重点任务\n"
        "（一）推进财政公开（牵头单位：县财政局；配合单位：县审计局）\n"
        "1. 公开部门预算。\n"
        "2. 公开部门决算，9月底前完成。\n"
        "（二）推进审计公开\n"
        "1. 公开审计报告\n"
        "全面公开审计工作报告。（牵头单位：县审计局）\n"
        "2. 公开整改情况。\n",
        encoding="utf-8",
    )
    result = imported(path)
    tasks = tasks_by_id(result)
    # the heading's units reach its items, with a doubt; the heading is no task of its own
    assert list(tasks) == ["1-1-1", "1-1-2", "1-2-1", "1-2-2"]
    assert who(tasks["1-1-1"]) == (["县财政局"], False, ["县审计局"], False)
    assert who(tasks["1-1-2"]) == (["县财政局"], False, ["县审计局"], False)
    assert "一（一）" in tasks["1-1-1"]["doubts"][0]["message"]
    # an item heading on its own line is the title, not a section
    assert (tasks["1-2-1"]["title"], tasks["1-2-1"]["text"]) == ("公开审计报告", "全面公开审计工作报告。")
    assert "一（二）1" not in [s["number"] for s in result.data["sections"]]
    # an item without an annotation among annotated siblings: units missing, and said so
    assert tasks["1-2-2"]["lead"] == []
    assert doubt_keys(result)["1-2-2"] == ["no_annotation"]


def test_provincial_style_forms(tmp_path: Path) -> None:
    path = tmp_path / "plan.txt"
    path.write_text(
        "某省2019年政务公开工作要点\n\n一、加强公开\n"
        "1．全面推进决策公开。制定目录。（省政府办公厅牵头，省直各部门按职责分工负责）\n"
        "2．推进市场监管公开。公开抽查结果。（省市场监管局牵头，各市（州）人民政府配合）\n"
        "3．推进基层公开。制定基层公开目录。责任单位：县政府办。完成时限：2019年12月底前。\n",
        encoding="utf-8",
    )
    result = imported(path)
    tasks = tasks_by_id(result)
    assert who(tasks["1-1"]) == (["省政府办公厅"], False, ["省直各部门"], False)
    assert who(tasks["1-2"]) == (["省市场监管局"], False, ["各市（州）人民政府"], False)
    assert who(tasks["1-3"]) == (["县政府办"], False, [], False)
    assert (tasks["1-3"]["due"], tasks["1-3"]["due_text"]) == (dt.date(2019, 12, 31), "2019年12月底前")
    assert "doubts" not in tasks["1-3"]
    assert [(g["name"], g["covers"]) for g in result.data["groups"]] == [("省直各部门", "departments"), ("各市（州）人民政府", "unresolved")]


def test_running_text_states_the_units_of_a_plan_written_in_prose(write: Callable[..., Path]) -> None:
    path = write(
        "prose.txt",
        "青河县2020年政务公开工作要点\n一、重点工作\n"
        "（一）加强督导。县发改局会同县财政局加强督导检查，每半年通报一次。\n"
        "（二）强化考核。县政府督查室牵头，各乡镇人民政府、县直有关部门配合，二〇二〇年十一月三十日前完成年度考核。\n"
        "（三）做好宣传。由县委宣传部牵头，组织开展政策宣传活动。\n",
    )
    tasks = tasks_by_id(imported(path))
    # no bracket or label anywhere: the sentences themselves say who leads
    assert who(tasks["1-1"]) == (["县发改局"], False, ["县财政局"], False)
    assert tasks["1-1"]["text"] == "县发改局会同县财政局加强督导检查，每半年通报一次。"
    assert tasks["1-1"]["repeat"] == "half_yearly"
    assert who(tasks["1-2"]) == (["县政府督查室"], False, ["各乡镇人民政府", "县直有关部门"], False)
    assert tasks["1-2"]["due"] == dt.date(2020, 11, 30)
    assert who(tasks["1-3"]) == (["县委宣传部"], False, [], False)


def test_running_text_in_a_plan_with_labelled_annotations_makes_no_clause(write: Callable[..., Path]) -> None:
    path = write(
        "labelled.txt",
        "某区2019年工作实施方案\n一、工作任务\n"
        "1.腾笼换鸟。不适宜在园区办公的单位，由区管委会办公室牵头，搬迁至商务中心办公；"
        "空置企业由区两岸公司负责清退。牵头单位：区管委会办公室责任单位：区直相关单位，区交通集团配合单位：区财金局\n"
        "2.优化区块功能。重新定位区块功能。牵头单位：区交通集团责任单位：区两岸发展公司\n"
        "二、保障措施\n（一）强化督促检查。由区督查室牵头，将本方案工作纳入督查范围。\n",
    )
    tasks = list(imported(path).data["tasks"])
    assert [(t["number"], t["lead"], t.get("cooperate", [])) for t in tasks] == [
        ("一1", ["区管委会办公室"], ["区财金局", "区直相关单位", "区交通集团"]),
        ("一2", ["区交通集团"], ["区两岸发展公司"]),
    ]
    assert tasks[0]["text"].startswith("不适宜在园区办公的单位，由区管委会办公室牵头")


def test_three_labelled_roles_leave_the_lead_open_where_none_is_named(write: Callable[..., Path]) -> None:
    path = write(
        "three.txt",
        "某区2019年工作实施方案\n一、工作任务\n"
        "1.设置免税商城。牵头单位：区免税办责任单位：区交通集团配合单位：区财金局\n"
        "2.布局小镇业态。牵头单位：区交通集团责任单位：区两岸发展公司\n"
        "3.引进特色餐饮。责任单位：区两岸发展公司\n"
        "4.完善生活配套。责任单位：区交通集团、两岸发展公司配合单位：区交建局、区公安交警支队\n",
    )
    result = imported(path)
    tasks = list(result.data["tasks"])
    assert [(t["lead"], t.get("cooperate", [])) for t in tasks] == [
        (["区免税办"], ["区财金局", "区交通集团"]),
        (["区交通集团"], ["区两岸发展公司"]),
        (["区两岸发展公司"], []),  # the only units named: they lead
        # 牵头, 责任 and 配合 are three roles here: with 配合单位 beside them, the 责任单位 do not lead
        ([], ["区交建局", "区公安交警支队", "区交通集团", "两岸发展公司"]),
    ]
    assert doubt_keys(result)["1-4"] == ["responsible_not_lead"]


def test_one_responsible_unit_with_cooperating_ones_leads_where_no_lead_label_is_used(write: Callable[..., Path]) -> None:
    path = write(
        "two.txt",
        "某区2019年减税降费工作方案\n一、工作任务\n"
        "1.落实增值税改革。责任单位：区税务局配合单位：区财金局\n"
        "2.落实个人所得税改革。责任单位：区税务局配合单位：区财金局\n",
    )
    tasks = list(imported(path).data["tasks"])
    assert [(t["lead"], t["cooperate"]) for t in tasks] == [(["区税务局"], ["区财金局"])] * 2


def test_running_text_beside_a_task_table_makes_no_clause(write: Callable[..., Path]) -> None:
    path = write(
        "table.md",
        "某县2019年政务公开任务分解表\n\n一、工作要求\n（一）加强领导。由县政府办公室牵头，定期调度工作进展。\n\n"
        "| 序号 | 工作任务 | 牵头单位 | 配合单位 |\n|---|---|---|---|\n"
        "| 1 | 推进预算公开 | 县财政局 | 县审计局 |\n| 2 | 推进审计公开 | 县审计局 | |\n",
    )
    tasks = list(imported(path).data["tasks"])
    # the table marks every clause; 由…牵头 in the requirements is prose
    assert [(t["title"], t["lead"]) for t in tasks] == [("推进预算公开", ["县财政局"]), ("推进审计公开", ["县审计局"])]


def test_running_text_names_the_units_of_an_item_among_annotated_ones(write: Callable[..., Path]) -> None:
    path = write(
        "mixed.txt",
        "某市2019年政务公开工作要点\n一、重点工作\n"
        "（一）推进决策公开。公开重大决策草案。（牵头单位：市司法局；配合单位：市直各部门）\n"
        "（二）推进预算公开。由市财政局牵头，市审计局配合，建立预决算公开检查机制。\n"
        "（三）推进审计公开。公开审计工作报告。（牵头单位：市审计局）\n"
        "二、保障措施\n（一）加强督查。由市政府督查室牵头，将政务公开纳入督查范围。\n",
    )
    tasks = list(imported(path).data["tasks"])
    # 一、 marks its clauses, so its item in running text is a task whose words name the units;
    # 二、 marks none: its running text is prose
    assert [(t["number"], t["lead"], t.get("cooperate", [])) for t in tasks] == [
        ("一（一）", ["市司法局"], ["市直各部门"]),
        ("一（二）", ["市财政局"], ["市审计局"]),
        ("一（三）", ["市审计局"], []),
    ]


def test_a_top_level_item_in_running_text_among_annotated_ones(write: Callable[..., Path]) -> None:
    path = write(
        "top.txt",
        "某市2019年政务公开工作要点\n"
        "（一）推进决策公开。公开重大决策草案。（牵头单位：市司法局）\n"
        "（二）推进预算公开。由市财政局牵头，市审计局配合，建立预决算公开检查机制。\n"
        "（三）推进审计公开。公开审计工作报告。（牵头单位：市审计局）\n",
    )
    tasks = list(imported(path).data["tasks"])
    assert [(t["number"], t["lead"], t.get("cooperate", [])) for t in tasks] == [
        ("（一）", ["市司法局"], []),
        ("（二）", ["市财政局"], ["市审计局"]),
        ("（三）", ["市审计局"], []),
    ]
