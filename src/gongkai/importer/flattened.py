"""A 任务分工表 flattened into text: cells run together, sometimes with no separator at all.

    …工 作 任 务牵头单位责　任　单　位工　作　要　求一、围绕深化改革推进公开（一）…
    1.全面公开权力清单省编办（省审改办）省直各部门，各设区市、平潭综合实验区通过政府门户网站集中展示。

The header row gives the columns and their order. In each numbered row the unit cells are
found by the shape of unit names (a level word and an ending: 省发改委, 区经济发展局; a group:
各设区市, 区直有关单位; after a list separator any name with an ending: 卫计委). Names glued
to each other with no separator share a cell; the cell after them is a list joined by 、 or ，
whose first name is glued to the last of the cell before. Where that boundary is a guess the
row carries a doubt. A row with no unit text at all took its units from a merged cell above:
it repeats the row before, with a doubt.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass, field

from .blocks import Block, Note, ParaBlock, TableBlock, note
from .tables import column_kind

_GAP = r"[\s\u3000]*"
_HEADER_NAMES = [
    "序号", "工作任务", "重点任务", "主要任务", "任务内容", "工作内容", "工作要求", "具体措施", "工作措施", "主要内容", "具体内容",
    "牵头单位", "牵头部门", "配合单位", "配合部门", "配合/责任单位", "责任单位", "责任部门", "协办单位", "参与单位",
    "完成时限", "时间节点", "完成时间", "备注",
    "牵头领导", "责任领导", "分管领导", "责任人", "联系人", "联系电话",
]
# 党工委管委会牵头部门, 本局责任处（单位）: unit columns named in the plan's own words
_UNIT_COLUMN = r"(?:(?!工作|任务|要求|单位)[\u4e00-\u9fff]){0,8}?(?:牵头|责任|配合)[\u4e00-\u9fff]{0,3}?(?:部门|单位|处|科室|科)(?:[（(][\u4e00-\u9fff]{1,4}[）)])?"
_HEADER_CELL = "|".join([*(_GAP.join(map(re.escape, name)) for name in sorted(_HEADER_NAMES, key=len, reverse=True)), _UNIT_COLUMN])
_HEADER = re.compile(rf"(?:(?:{_HEADER_CELL}){_GAP}){{3,}}")
_OWN = re.compile(r"^(?:本局|本单位|本部门|我局|局)?责任(?:处|科|科室|处室)")
_ROLE_CELL = re.compile(r"牵头|配合|负责|落实|参与")
_ROW = re.compile(r"^(?P<n>\d{1,3})\s*[.．、]\s*")
_SECTION = re.compile(r"^(?:[一二三四五六七八九十]{1,3}[、．]|[（(][一二三四五六七八九十]{1,3}[）)])")

_ENDINGS = (
    "委员会", "办公室", "指挥部", "管委会", "中心", "集团", "公司", "支队", "大队", "银行", "支行", "分行", "协会",
    "实验区", "示范区", "开发区", "新区", "片区", "园区", "海关",
    "局", "厅", "委", "办", "院", "馆", "署", "部", "站", "所", "室", "社", "处", "组", "会",
)
_GROUP_ENDINGS = ("部门", "单位", "机构", "市", "县", "区", "乡镇", "街道", "政府", "办事处", "国企", "企业", "管理局", "指挥部", "处室", "科室", "处")
_ONE_CHAR_ENDINGS = {e for e in (*_ENDINGS, *_GROUP_ENDINGS) if len(e) == 1}
_NOT_IN_NAME = set("的级等及或对在为将并把被是从向以于其要按由")
_START = re.compile(r"(?:[省市区县][直属])?(?:各|有关|相关)|[省市区县](?![直属级内外])")
_SEP = re.compile(r"[、，,；;\s\u3000]*")
_OPEN = re.compile(r"等(?:有关|相关|其他)?(?:部门|单位)?")
_WITH = "会同"


@dataclass
class Zone:
    start: int
    end: int
    names: list[str] = field(default_factory=list)
    seps: list[str] = field(default_factory=list)  # seps[i] stands between names[i] and names[i + 1]
    starts: list[int] = field(default_factory=list)  # where each name starts in the row


def _name_end(text: str, pos: int, *, group: bool) -> int | None:
    """Where a name starting at ``pos`` ends: the shortest reading followed by a boundary; else the
    longest that ends in a whole word (县政府办公室|王五, not 县政府办|公室王五), else the shortest."""
    endings = _GROUP_ENDINGS if group else _ENDINGS
    shortest: int | None = None
    whole: int | None = None
    for end in range(pos + 2, min(len(text), pos + 18) + 1):
        ch = text[end - 1]
        if ch in _NOT_IN_NAME or (not "\u4e00" <= ch <= "\u9fff" and ch not in "）)"):
            break
        if not text[pos:end].endswith(endings):
            continue
        end = _bracket(text, end)
        if shortest is None and not (end < len(text) and text[end] in _ONE_CHAR_ENDINGS):
            shortest = end  # 各设区|市: a name does not stop just before another ending
        if end >= len(text) or text[end] in "、，,；; \u3000（(等" or _could_start(text, end) or text.startswith(_WITH, end):
            return end
        if shortest is not None and end > shortest and text[pos:end].endswith(tuple(e for e in endings if len(e) > 1)):
            whole = end
    return whole or shortest


def _could_start(text: str, pos: int) -> bool:
    """A name of the strong kind (a level word or a group word, then an ending) starts at ``pos``."""
    m = _START.match(text, pos)
    if m is None:
        return False
    endings = _GROUP_ENDINGS if m.group(0)[-1:] in "各关" else _ENDINGS
    for end in range(pos + 2, min(len(text), pos + 18) + 1):
        ch = text[end - 1]
        if ch in _NOT_IN_NAME or not "\u4e00" <= ch <= "\u9fff":
            return False
        if text[pos:end].endswith(endings):
            return True
    return False


def _bracket(text: str, end: int) -> int:
    """省编办（省审改办）: a short bracket right after a name belongs to it."""
    m = re.match(r"[（(][^（）()]{1,12}[）)]", text[end:])
    return end + m.end() if m else end


def _name_at(text: str, pos: int, *, weak: bool) -> int | None:
    m = _START.match(text, pos)
    if m:
        return _name_end(text, pos, group=m.group(0)[-1:] in "各关")
    return _name_end(text, pos, group=False) if weak else None


def zone_at(text: str, pos: int) -> Zone | None:
    """The run of unit names starting at ``pos``, with the separators between them."""
    end = _name_at(text, pos, weak=False)
    if end is None:
        return None
    zone = Zone(pos, end, [text[pos:end]], [], [pos])
    while True:
        m = _OPEN.match(text, zone.end)
        after_open = m.end() if m and m.end() > zone.end else zone.end
        gap = _SEP.match(text, after_open)
        sep_end = after_open + len(_WITH) if text.startswith(_WITH, after_open) else (gap.end() if gap else after_open)
        sep = text[zone.end : sep_end]
        listed = any(c in sep for c in "、，,；;") or _WITH in sep
        nxt = _name_at(text, sep_end, weak=listed)
        if nxt is None:
            zone.end = after_open
            return zone
        zone.seps.append(sep)
        zone.names.append(text[sep_end:nxt])
        zone.starts.append(sep_end)
        zone.end = nxt


def find_zone(text: str, *, at_end: bool) -> Zone | None:
    """The unit cells of a row: the longest run of names (or the one reaching the row's end)."""
    best: Zone | None = None
    tail = len(text.rstrip(" \u3000。；;"))
    for pos in range(2, len(text)):
        if best is not None and pos < best.end:
            continue
        zone = zone_at(text, pos)
        if zone is None:
            continue
        if at_end:
            if zone.end >= tail:
                return zone
            continue
        if best is None or zone.end - zone.start > best.end - best.start:
            best = zone
    return best


def split_cells(zone: Zone, text: str) -> tuple[str, str, bool]:
    """(first cell, second cell, guessed): names glued together share the first cell; the list after them is the second."""
    raw = text[zone.start : zone.end]
    if _WITH in raw:
        return "", raw, False
    first_list = next((i for i, s in enumerate(zone.seps) if any(c in s for c in "、，,；;")), None)
    if first_list is None:
        groups = [i for i, n in enumerate(zone.names) if n.startswith(("各", "有关", "相关")) or "直" in n[:2] or "属" in n[:2]]
        cut = next((i for i in groups if i > 0), len(zone.names))
        guessed = len(zone.names) > 1
    else:
        cut = first_list
        guessed = cut > 1  # 省发改委省商务厅各设区市、…: two leads, or a lead and a unit of the list?
    lead = "、".join(zone.names[:cut])
    second = text[zone.starts[cut] : zone.end].strip() if cut < len(zone.names) else ""
    return lead, second, guessed


@dataclass
class _Row:
    cells: list[str]
    line: int
    notes: list[Note] = field(default_factory=list)


def unflatten(blocks: list[Block]) -> list[Block]:
    """Replace a flattened table (a header, then numbered rows) among the paragraphs by a table block."""
    for i, block in enumerate(blocks):
        if isinstance(block, ParaBlock):
            m = _HEADER.search(block.text)
            if m and _usable(m.group(0)):
                return _rebuild(blocks, i, m)
    return blocks


def _columns(header: str) -> list[str]:
    cells = re.findall(_HEADER_CELL, header)
    return [re.sub(r"[\s\u3000]", "", c) for c in cells]


def kind_of(cell: str) -> str | None:
    """A header cell's kind; ``upper`` for a lead one level up (党工委管委会牵头部门), which is not the plan's own lead."""
    if _OWN.match(cell):
        return "resp"
    return column_kind(cell)


def _usable(header: str) -> bool:
    kinds = [kind_of(c) for c in _columns(header)]
    return "task" in kinds and bool({"lead", "coop", "resp"} & set(kinds))


def _rebuild(blocks: list[Block], index: int, m: re.Match[str]) -> list[Block]:
    head = blocks[index]
    assert isinstance(head, ParaBlock)
    columns = _columns(m.group(0))
    kinds = [kind_of(c) for c in columns]
    spans = [c.span() for c in re.finditer(_HEADER_CELL, m.group(0))]
    spaced = len(spans) > 1 and all(m.group(0)[a:b].strip() == "" and b > a for (_, a), (b, _) in itertools.pairwise(spans))
    before = head.text[: m.start()].strip()
    rest = head.text[m.end() :].strip()
    pieces: list[tuple[str, int]] = [(rest, head.line)] if rest else []
    pieces += [(b.text, b.line) for b in blocks[index + 1 :] if isinstance(b, ParaBlock)]
    names = [_CANONICAL.get(k or "", c) for c, k in zip(columns, kinds, strict=True)]
    header = ["序号", *names] if "number" not in kinds else names
    rows: list[_Row] = [_Row(header, head.line)]
    previous: list[str] | None = None
    for text, line in _resplit(pieces):
        if _SECTION.match(text):
            rows.append(_Row([text] * len(header), line))
            continue
        num = _ROW.match(text)
        if num is None:
            if len(rows) > 1 and rows[-1].cells[0] != rows[-1].cells[-1]:
                rows[-1].cells[-1] += text
            continue
        body = text[num.end() :]
        row = _spaced_cells(body, kinds, previous) if spaced and " " in body.strip() else _cells(body, kinds, previous)
        previous = list(row.cells)
        if "number" not in kinds:
            row.cells.insert(0, num["n"])
        row.line = line
        rows.append(row)
    out: list[Block] = list(blocks[:index])
    if before:
        out.append(ParaBlock(before, head.line, head.heading))
    out.append(TableBlock(rows=[r.cells for r in rows], lines=[r.line for r in rows], rows_at=[None] * len(rows), label=None, notes=[r.notes for r in rows]))
    return out


_CANONICAL = {"lead": "牵头单位", "coop": "配合单位", "resp": "责任单位"}


_CUT = re.compile(r"(?<=\s)(?:[一二三四五六七八九十]{1,3}[、．]|[（(][一二三四五六七八九十]{1,3}[）)]|(?P<n>\d{1,3})[.．、](?!\d))")


def _resplit(pieces: list[tuple[str, int]]) -> list[tuple[str, int]]:
    """Rows and section headings after a space inside one piece: 牵头落实 四、围绕… 20.探索…
    A row number counts only when it goes on from the row before."""
    out: list[tuple[str, int]] = []
    last = 0
    for text, line in pieces:
        start = 0
        for m in _CUT.finditer(text):
            if m["n"] is not None and not 0 < int(m["n"]) - last <= 2:
                continue
            if text[start : m.start()].strip():
                # the space before the next row stays: it may be an empty last cell (&nbsp;)
                out.append((text[start : m.start()].lstrip(), line))
            start = m.start()
            last = int(m["n"]) if m["n"] else last
        head = _ROW.match(text)
        if head and start == 0:
            last = int(head["n"])
        out.append((text[start:].lstrip(), line))
    return [(t, ln) for t, ln in out if t.strip()]


def _spaced_cells(text: str, kinds: list[str | None], previous: list[str] | None) -> _Row:
    """Cells kept apart by single spaces, empty cells dropped: the task first, the requirement last,
    and between them unit cells told apart by content (a cell with 牵头/配合/负责 is the plan's own)."""
    parts: list[str] = []
    for piece in text.split():
        if parts and (piece[:1] in "（(" or re.match(r"^(?:牵头|配合|负责|分别)", piece)):
            parts[-1] += piece  # 区党工委管委会办公室 （政策法规处） / 水利处、海洋与渔业处 牵头落实
        else:
            parts.append(piece)
    cells = [""] * len(kinds)
    row = _Row(cells, 0)
    task_at = kinds.index("task") if "task" in kinds else 0
    detail_at = next((i for i, k in enumerate(kinds) if k == "detail" and i > task_at), None)
    cells[task_at] = parts.pop(0)
    if detail_at is not None and parts and not _is_units(parts[-1]) and not _is_role(parts[-1]):
        cells[detail_at] = parts.pop()
    own = next((i for i, k in enumerate(kinds) if k in ("resp", "lead")), None)
    upper = next((i for i, k in enumerate(kinds) if k == "upper"), None)
    roles = [p for p in parts if _is_role(p)]
    others = [p for p in parts if not _is_role(p)]
    if own is not None and roles:
        cells[own] = "；".join(roles)
    if upper is not None and others:
        cells[upper] = "、".join(others)
    elif own is not None and others and not roles:
        cells[own] = "、".join(others)
    if not parts and previous is not None:
        for i, k in enumerate(kinds):
            if k in ("lead", "coop", "resp", "upper"):
                cells[i] = previous[i]
        row.notes.append(note("import.doubt.merged_row", "lead"))
    return row


def _is_role(cell: str) -> bool:
    """综合处牵头，各处、单位配合落实: a cell that states who leads, in words."""
    from .annotations import parse_annotation
    from .deadlines import DateContext

    return len(cell) <= 40 and _ROLE_CELL.search(cell) is not None and parse_annotation(cell, first_is_lead=False, ctx=DateContext(None, None)) is not None


def _is_units(cell: str) -> bool:
    zone = zone_at(cell, 0)
    return zone is not None and zone.end >= len(cell.rstrip("。"))


def _cells(text: str, kinds: list[str | None], previous: list[str] | None) -> _Row:
    units = [i for i, k in enumerate(kinds) if k in ("lead", "coop", "resp")]
    cells = [""] * len(kinds)
    row = _Row(cells, 0)
    zone = find_zone(text, at_end=units[-1] == len(kinds) - 1)
    if zone is None:
        if previous is not None:
            for i in units:
                cells[i] = previous[i]
            row.notes.append(note("import.doubt.merged_row", "lead"))
        before, after = text, ""
    else:
        first, second, guessed = split_cells(zone, text)
        if units[-1] == len(kinds) - 1:
            first, second = _empty_cell(text, zone, first, second)
        if len(units) == 1:
            cells[units[0]] = text[zone.start : zone.end]
        else:
            cells[units[0]], cells[units[1]] = first, second
            if guessed:
                row.notes.append(note("import.doubt.cell_boundary", "lead", lead=first or "—", rest=second or "—"))
        before, after = text[: zone.start], text[zone.end :]
    _text_cells(cells, kinds, units, before.strip(), after.strip())
    return row


def _empty_cell(text: str, zone: Zone, first: str, second: str) -> tuple[str, str]:
    """One list of names ends the row; a flattened empty cell leaves a space, which says which cell it is.

    …目录。各片区管理局、各乡镇人民政府 |31. (glued before, a space after): the last cell is empty, the
    list leads; …指引。 |区直各单位|30. (a space before, none after): the lead cell is empty."""
    before, after = text[: zone.start], text[zone.end :]
    gap_before = before.endswith((" ", "\u3000"))
    if not first and after and not after.strip() and not gap_before:
        return second, ""
    if first and not second and not after and gap_before:
        return "", first
    return first, second


def _trailing_deadline(text: str) -> str:
    from .deadlines import DateContext, find_deadlines

    standing = _STANDING_DUE.search(text)
    if standing:
        return standing.group(0)
    found = find_deadlines(text, DateContext(None, None))
    last = found[-1] if found else None
    return text[last.start :] if last is not None and not text[last.end :].strip(" 。；;") else ""


_STANDING_DUE = re.compile(r"(?:常年|长期(?:坚持)?|持续推进|常态化(?:推进)?)$")


def _text_cells(cells: list[str], kinds: list[str | None], units: list[int], before: str, after: str) -> None:
    """Task, requirement and deadline cells around the unit cells."""
    left = [i for i in range(len(kinds)) if i < units[0]]
    right = [i for i in range(len(kinds)) if i > units[-1]]
    for side, text in ((left, before), (right, after)):
        if len(side) > 1 and kinds[side[-1]] == "due":
            # …县审计局张三2019年6月底前: a deadline ends the row, the cell before it takes the rest
            due = _trailing_deadline(text)
            if due:
                cells[side[-1]], text, side = due, text[: len(text) - len(due)].strip(), side[:-1]
        if not side:
            continue
        if len(side) == 1:
            cells[side[0]] = text
            continue
        # 工作任务 then 工作要求: the task is its first sentence.
        cut = text.find("。")
        cells[side[0]] = text[: cut + 1] if cut >= 0 else text
        cells[side[1]] = text[cut + 1 :] if cut >= 0 else ""


__all__ = ["Zone", "find_zone", "split_cells", "unflatten", "zone_at"]
