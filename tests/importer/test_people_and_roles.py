"""People beside the units (牵头领导, 责任人, 联系电话), supervising units, and the lead one level up:
kept on the task as contacts, supervise and a note, never as units."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from gongkai.importer.contacts import contact_entries

from .common import imported, tasks_by_id

HEADER = ["序号", "工作任务", "牵头领导", "牵头单位", "配合单位", "督办单位", "责任人", "联系电话", "完成时限"]
ROWS = [
    ["1", "推进预算公开", "张三", "县财政局", "县审计局", "县政府督查室", "李四", "0591-12345678", "2019年6月底前"],
    ["2", "推进审计公开", "王五（副县长）", "县审计局", "", "", "赵六、钱七", "13800000000", "常年"],
]


def _names(result: object) -> set[str]:
    data = result.data  # type: ignore[attr-defined]
    return {u["name"] for u in data.get("units", [])} | {g["name"] for g in data.get("groups", [])}


def test_an_excel_table_with_leaders_contacts_and_a_supervising_column(tmp_path: Path) -> None:
    import openpyxl

    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["某县2019年重点工作任务分工表"])
    for row in [HEADER, *ROWS]:
        sheet.append(row)
    path = tmp_path / "fengong.xlsx"
    book.save(str(path))
    result = imported(path)
    one, two = result.data["tasks"]
    assert (one["lead"], one["cooperate"], one["supervise"]) == (["县财政局"], ["县审计局"], ["县政府督查室"])
    assert one["contacts"] == [
        {"role": "牵头领导", "name": "张三"},
        {"role": "责任人", "name": "李四", "phone": "0591-12345678"},  # the phone column goes with the person before it
    ]
    assert two["lead"] == ["县审计局"] and "cooperate" not in two and "supervise" not in two
    assert two["contacts"] == [
        {"role": "牵头领导", "name": "王五（副县长）"},
        {"role": "责任人", "name": "赵六"},
        {"role": "责任人", "name": "钱七", "phone": "13800000000"},
    ]
    # people are never units; the supervising unit is registered like the others
    assert _names(result) == {"县财政局", "县审计局", "县政府督查室"}


def test_a_web_page_table_with_a_provincial_lead_column_and_contacts(write: Callable[..., Path]) -> None:
    page = (
        '<html><head><meta charset="utf-8"></head><body><div class="article">'
        "<h1>某市2019年政务公开重点任务分工</h1><table>"
        "<tr><td>序号</td><td>工作任务</td><td>省级牵头单位</td><td>牵头单位</td><td>责任领导</td><td>联系人及电话</td></tr>"
        "<tr><td>1</td><td>推进决策公开</td><td>省司法厅</td><td>市司法局</td><td>陈一</td><td>林二 0591-7654321</td></tr>"
        "<tr><td>2</td><td>推进政策解读</td><td>省政府办公厅</td><td>市政府办公室</td><td>&nbsp;</td><td>&nbsp;</td></tr>"
        "</table></div></body></html>"
    )
    result = imported(write("fengong.html", page))
    one, two = result.data["tasks"]
    # the lead one level up is kept, in the note: it is not this plan's lead
    assert (one["lead"], one["note"]) == (["市司法局"], "省级牵头单位：省司法厅")
    assert one["contacts"] == [{"role": "责任领导", "name": "陈一"}, {"role": "联系人及电话", "name": "林二", "phone": "0591-7654321"}]
    assert (two["lead"], two["note"], "contacts" in two) == (["市政府办公室"], "省级牵头单位：省政府办公厅", False)
    assert _names(result) == {"市司法局", "市政府办公室"}


def test_a_word_table_with_a_contact_column(tmp_path: Path) -> None:
    import docx

    doc = docx.Document()
    doc.add_paragraph("某区2020年工作任务分解表")
    table = doc.add_table(rows=3, cols=4)
    for i, row in enumerate(
        [
            ["工作任务", "责任单位", "联系人", "联系方式"],
            ["建设政务公开专区", "区行政服务中心", "周八", "13912345678"],
            ["规范年报", "区政府办公室", "吴九", ""],
        ]
    ):
        for j, text in enumerate(row):
            table.cell(i, j).text = text
    path = tmp_path / "fenjie.docx"
    doc.save(str(path))
    result = imported(path)
    one, two = result.data["tasks"]
    assert (one["lead"], one["contacts"]) == (["区行政服务中心"], [{"role": "联系人", "name": "周八", "phone": "13912345678"}])
    assert (two["lead"], two["contacts"]) == (["区政府办公室"], [{"role": "联系人", "name": "吴九"}])
    assert _names(result) == {"区行政服务中心", "区政府办公室"}


def test_labels_naming_people_and_a_supervising_unit_in_text(write: Callable[..., Path]) -> None:
    text = (
        "某区2020年产业链工作方案\n一、重点产业链\n"
        "1.健康产业链。链 长：区管委会副主任陈某 牵头单位：区社会事业局配合单位：区市场监管局\n"
        "2.旅游产业链。牵头单位：区旅游局配合单位：区交通局督办单位：区督查室联系人：张三 13800000000\n"
    )
    result = imported(write("lian.txt", text))
    tasks = tasks_by_id(result)
    one, two = tasks["1-1"], tasks["1-2"]
    assert (one["lead"], one["cooperate"]) == (["区社会事业局"], ["区市场监管局"])
    assert one["contacts"] == [{"role": "链长", "name": "区管委会副主任陈某"}]
    assert (two["lead"], two["cooperate"], two["supervise"]) == (["区旅游局"], ["区交通局"], ["区督查室"])
    assert two["contacts"] == [{"role": "联系人", "name": "张三", "phone": "13800000000"}]
    assert _names(result) == {"区社会事业局", "区市场监管局", "区旅游局", "区交通局", "区督查室"}


def test_people_in_one_cell_and_their_titles() -> None:
    assert contact_entries([("链长", "黄建波（区党工委副书记） 欧阳晓波（区党工委委员、管委会副主任）")]) == [
        {"role": "链长", "name": "黄建波（区党工委副书记）"},
        {"role": "链长", "name": "欧阳晓波（区党工委委员、管委会副主任）"},
    ]
    assert contact_entries([("联系人", "张 三（电话：0591-1234567）")]) == [{"role": "联系人", "name": "张 三", "phone": "0591-1234567"}]
    # a phone column with nobody before it is a contact of its own
    assert contact_entries([("联系电话", "13800000000")]) == [{"role": "联系电话", "phone": "13800000000"}]


def test_a_table_one_space_apart_with_a_leader_column(write: Callable[..., Path]) -> None:
    text = (
        "某县2019年重点任务分解表\n序号 工作任务 牵头单位 配合单位 责任领导 完成时限\n"
        "1 推进预算公开 县财政局 县审计局 张三 2019年6月底前\n2 推进审计公开 县审计局 县直各部门 李四 2019年12月底前\n"
    )
    result = imported(write("fenjie.txt", text))
    assert [(t["lead"], t["cooperate"], t["contacts"], str(t["due"])) for t in result.data["tasks"]] == [
        (["县财政局"], ["县审计局"], [{"role": "责任领导", "name": "张三"}], "2019-06-30"),
        (["县审计局"], ["县直各部门"], [{"role": "责任领导", "name": "李四"}], "2019-12-31"),
    ]
    assert _names(result) == {"县财政局", "县审计局", "县直各部门"}


def test_a_level_named_lead_column_without_another_lead_column_is_the_lead(write: Callable[..., Path]) -> None:
    text = "序号\t工作任务\t县级牵头单位\t县级配合单位\n1\t推进预算公开\t县财政局\t县审计局\n"
    task = imported(write("county.txt", text)).data["tasks"][0]
    assert (task["lead"], task["cooperate"], "note" in task) == (["县财政局"], ["县审计局"], False)
