"""The line editor on many layouts: indentation, list offsets, blank lines, comments, endings.

For each generated layout and change, the written file must hold exactly the old data plus the
change, validate, keep every line outside the change, and be made by the line editor.
"""

from __future__ import annotations

import codecs
import datetime as dt
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from gongkai import edit, yamlio
from gongkai.loader import validate_text
from gongkai.models import UnitKind


def layout(indent: int, dash: int, offset: int, scalar_offset: int, blank: bool, comments: bool, status: bool, updates: bool) -> str:
    i = " " * indent

    def item(first: str, rest: list[str], col: int) -> list[str]:
        head = " " * col + "-" + " " * (offset - 1) + first
        return [head] + [" " * (col + offset) + line for line in rest]

    def scalars(key: str, values: list[str], col: int) -> list[str]:
        return [" " * col + f"{key}:"] + [" " * (col + dash) + "-" + " " * (scalar_offset - 1) + v for v in values]

    c = "  # note" if comments else ""
    out = ["# generated", "plan:", f"{i}id: p{c}", f"{i}title: 示例", f"{i}issued: 2018-09-14", f"{i}period:", f"{i}{i}start: 2018-09-14", f"{i}{i}end: 2018-12-31"]
    out += [f"{i}reporting:", f"{i}{i}cycle: quarterly", "units:"]
    for name in ("行政办", "卫计局", "宣传部"):
        out += item(f"name: {name}", ["kind: department"], dash)
    out += ["sections:", *item("number: 一", ["title: 任务"], dash)]
    out += ["tasks:"]
    for k, (lead, repeat) in enumerate((("行政办", False), ("卫计局", True), ("宣传部", False))):
        body = [f"number: 一{k}", "section: 一", f"title: 第{k}项", f"text: 原文{k}"]
        body += [line[dash + offset :] for line in scalars("lead", [lead], dash + offset)]
        body += [line[dash + offset :] for line in scalars("cooperate", ["卫计局" if k != 1 else "行政办"], dash + offset)]
        if repeat:
            body.append("repeat: quarterly")
        if status:
            body.append("status: in_progress")
        if updates:
            body.append("updates:")
            body += [line[dash + offset :] for line in item("date: 2018-10-08", [f"by: {lead}", "note: 已启动" + c], dash + offset)]
        if comments:
            body.append("# after the task")
        out += item(f"id: a-{k}", body, dash)
        if blank:
            out.append("")
    return "\n".join(out) + "\n"


CHANGES = {
    "update": lambda: edit.update_changes("a-0", status=edit.parse_status("in_progress"), note="进展: #1", evidence=["https://e.org/1"], by=None, date=dt.date(2018, 12, 1)),
    "done": lambda: edit.done_changes("a-2", note=None, evidence=["https://e.org/2"], by="宣传部", date=dt.date(2018, 12, 2)),
    "report": lambda: edit.report_changes("a-1", period="2018Q4", note="季度", evidence=[], by=None, date=dt.date(2018, 12, 3)),
    "rename": lambda: edit.rename_unit_changes("卫计局", "卫健局", dt.date(2018, 11, 15)),
    "add-unit": lambda: edit.add_unit_changes("新闻中心", UnitKind.UNIT),
    "add-task": lambda: edit.add_task_changes(edit.NewTask(number="一9", title="新", text="新原文", lead=["行政办"], cooperate=["宣传部"], due=dt.date(2018, 12, 31))),
    "add-clause": lambda: edit.add_task_changes(edit.NewTask(number="一1", title="新分句", text="x", lead=["卫计局"])),
}


# The arguments of ``layout``, drawn.
LAYOUTS = {
    "indent": st.sampled_from([2, 4]),
    "dash": st.sampled_from([0, 2, 4]),
    "offset": st.sampled_from([2, 4]),
    "scalar_offset": st.sampled_from([2, 4]),
    "blank": st.booleans(),
    "comments": st.booleans(),
    "status": st.booleans(),
    "updates": st.booleans(),
}


@settings(max_examples=150, deadline=None, derandomize=True, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    **LAYOUTS,
    crlf=st.booleans(),
    bom=st.booleans(),
    change=st.sampled_from(sorted(CHANGES)),
)
def test_line_editor_on_generated_layouts(tmp_path: Path, indent: int, dash: int, offset: int, scalar_offset: int, blank: bool, comments: bool, status: bool, updates: bool, crlf: bool, bom: bool, change: str) -> None:
    text = layout(indent, dash, offset, scalar_offset, blank, comments, status, updates)
    assert not validate_text(text, "x").errors, text
    raw = text.replace("\n", "\r\n") if crlf else text
    path = tmp_path / "tasks.yaml"
    path.write_bytes((codecs.BOM_UTF8 if bom else b"") + raw.encode("utf-8"))
    outcome = edit.change(path, CHANGES[change](), fast=False)
    assert outcome.method == "lines"
    after = path.read_bytes()
    assert after.startswith(codecs.BOM_UTF8) == bom
    new = yamlio.decode(after, str(path))
    assert ("\r\n" in new) == crlf and new.count("\n") == new.count("\r\n") if crlf else "\r" not in new
    assert yamlio.safe_yaml().load(new) == edit.apply_plain(yamlio.safe_yaml().load(raw), outcome.ops)
    assert not validate_text(new, str(path)).errors
    # Every old line is still there, in order: the change only adds lines or rewrites values in place.
    old_lines, new_lines = raw.splitlines(), new.splitlines()
    removed = [line for line in old_lines if line not in new_lines]
    assert len(removed) <= 4, removed
