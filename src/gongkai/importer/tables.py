"""任务分工表: a table whose header row names its columns, wherever that row sits.

Used for Excel sheets, Word tables and Markdown pipe tables alike. Merged cells have
already been filled by the reader (every cell of a merged range carries its value).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from .annotations import Responsibility, _from_lists, parse_annotation, states_first_is_lead
from .blocks import TableBlock
from .deadlines import DateContext, find_deadlines, parse_cell
from .draft import DraftClause, DraftSection
from .structure import _derived_title, _split_title, numbering
from .units import split_units

_COLUMNS: list[tuple[str, re.Pattern[str]]] = [
    # people and telephone numbers are contacts, never units: 牵头领导 is no 牵头单位
    ("contact", re.compile(r"^(?:牵头|责任|分管|联系|包挂|挂钩)?(?:领导|责任人|负责人|联系人|经办人)(?:及?(?:联系)?(?:电话|方式))?$|^(?:联系)?(?:电话|手机|联系方式)$|^链长$")),
    ("number", re.compile(r"^(?:序号|编号|序|号|项次)$")),
    # the lead one level up (省级牵头单位, 党工委管委会牵头部门) is not this plan's own lead
    ("upper", re.compile(r"^(?:上级|省级|市级|区级|县级|省直|市直|区直|县直|党工委|管委会|党委|政府)[\u4e00-\u9fff]{0,6}牵头")),
    ("supervise", re.compile(r"^(?:督办|监督|督导|督查|指导)(?:单位|部门|处室|科室)$")),
    ("lead", re.compile(r"^(?:牵头(?:责任)?(?:单位|部门|处室|科室)|牵头|主责(?:单位|部门)|主办(?:单位|部门))$")),
    ("coop", re.compile(r"^(?:配合(?:单位|部门)|协办(?:单位|部门)|参与(?:单位|部门)|参加(?:单位|部门)|协同(?:单位|部门)|配合)$")),
    ("resp", re.compile(r"^(?:责任(?:单位|部门|主体|处室|科室)|负责(?:单位|部门|处室)|承办(?:单位|部门)|实施(?:单位|部门)|落实(?:单位|部门))$")),
    ("due", re.compile(r"^(?:完成(?:时限|时间|期限)|时限(?:要求)?|时间(?:要求|节点|安排)?|进度安排|完成时限要求)$")),
    ("task", re.compile(r"^(?:(?:重点|主要|具体|工作)?任务(?:内容|名称|事项)?|工作(?:内容|事项)|事项|任务分工)$")),
    ("detail", re.compile(r"^(?:(?:工作|具体|任务|目标)(?:要求|措施|目标)|具体内容|主要内容|工作举措|主要措施)$")),
    ("category", re.compile(r"^(?:类别|分类|领域|重点领域|板块|项目|工作类别|任务类别|方面)$")),
    ("note", re.compile(r"^(?:备注|说明)$")),
]


# Looser names, tried when no exact one matches: 工作任务及措施, 牵头责任单位（部门）…
_CONTAINS: list[tuple[str, re.Pattern[str]]] = [
    ("lead", re.compile(r"牵头")),
    ("coop", re.compile(r"配合|协办|协同")),
    ("resp", re.compile(r"责任(?:单位|部门|主体)")),
    ("due", re.compile(r"时限|时间|期限")),
    ("task", re.compile(r"任务|事项")),
    ("detail", re.compile(r"措施|要求|内容|目标")),
]


def column_kind(cell: str) -> str | None:
    """What a header cell names: number, upper, supervise, lead, coop, resp, due, task, detail, category,
    note or contact."""
    return _column(cell)


def _column(cell: str) -> str | None:
    key = re.sub(r"[\s\u3000*]", "", cell)
    for name, rx in _COLUMNS:
        if rx.match(key):
            return name
    if 2 <= len(key) <= 12:
        for name, rx in _CONTAINS:
            if rx.search(key):
                return name
    return None


@dataclass
class Header:
    index: int
    columns: dict[str, int]


def find_header(rows: list[list[str]]) -> Header | None:
    """The first row that names a task column and a responsibility column (also split over two rows)."""
    for i, row in enumerate(rows[:40]):
        cols: dict[str, int] = {}
        for j, cell in enumerate(row):
            name = _column(cell)
            if name and name not in cols:
                cols[name] = j
        if i + 1 < len(rows):
            # 责任单位 merged over two sub-columns 牵头单位 | 配合单位 in the next row.
            below = {_column(c): j for j, c in enumerate(rows[i + 1]) if _column(c)}
            if "lead" in below or "coop" in below:
                for name, j in below.items():
                    if name is not None and (name not in cols or name in ("lead", "coop")):
                        cols[name] = j
                if "resp" in cols and ("lead" in cols or "coop" in cols) and cols["resp"] in (cols.get("lead"), cols.get("coop")):
                    del cols["resp"]
                if "task" in cols:
                    return Header(i + 1, cols)
        if "upper" in cols and not ({"lead", "resp"} & cols.keys()):
            cols["lead"] = cols.pop("upper")  # 县级牵头单位 | 县级配合单位: the plan's own lead column
        if "task" in cols and ({"lead", "coop", "resp"} & cols.keys()):
            return Header(i, cols)
    return None


@dataclass
class TableDraft:
    sections: list[DraftSection] = field(default_factory=list)
    clauses: list[DraftClause] = field(default_factory=list)
    title_rows: list[str] = field(default_factory=list)


def _cell(row: list[str], cols: dict[str, int], name: str) -> str:
    j = cols.get(name)
    return row[j].strip() if j is not None and j < len(row) else ""


def _responsibility(lead: str, coop: str, resp: str, first_is_lead: bool, ctx: DateContext) -> Responsibility:
    """Cells may hold plain lists or whole annotations (市发改委牵头，市财政局配合)."""
    if resp and not lead and not coop:
        parsed = parse_annotation(resp, first_is_lead=first_is_lead, ctx=ctx)
        if parsed is not None and (len(parsed.lead) > 0 and (parsed.cooperate or "牵头" in resp or "会同" in resp or "：" in resp or ":" in resp)):
            return parsed
    if lead and not coop and not resp:
        parsed = parse_annotation(lead, first_is_lead=first_is_lead, ctx=ctx)
        if parsed is not None and parsed.cooperate:
            return parsed
    lists = [split_units(x) if x else None for x in (lead, coop, resp)]
    return _from_lists(lists[0], lists[1], lists[2], first_is_lead, "；".join(x for x in (lead, coop, resp) if x))


def table_clauses(table: TableBlock, ctx: DateContext, *, first_is_lead: bool, where: str | None, id_prefix: str = "") -> TableDraft | None:
    header = find_header(table.rows)
    if header is None:
        return None
    out = TableDraft(title_rows=[" ".join(dict.fromkeys(c for c in r if c.strip())) for r in table.rows[: header.index] if any(c.strip() for c in r)])
    cols = header.columns
    rule = first_is_lead or any(states_first_is_lead(" ".join(r)) for r in table.rows)
    section: str | None = None
    sections: dict[str, DraftSection] = {}
    count = 0
    header_cells = [c.strip() for c in table.rows[header.index]]
    column_names = [re.sub(r"[\s\u3000*]", "", c) for c in header_cells]
    people = [(j, name) for j, name in enumerate(column_names) if _column(name) == "contact"]
    for i in range(header.index + 1, len(table.rows)):
        row = table.rows[i]
        cells = [c.strip() for c in row]
        if not any(cells) or cells == header_cells:
            continue
        distinct = {c for c in cells if c}
        if len(distinct) == 1:
            # A merged full-width row: a heading such as 一、加强决策公开, or a note.
            text = distinct.pop()
            if states_first_is_lead(text) or text.startswith(("注", "说明", "备注")):
                continue
            section = _section(text, sections, out)
            continue
        if "category" in cols and _cell(row, cols, "category"):
            section = _section(_cell(row, cols, "category"), sections, out)
        task = _cell(row, cols, "task")
        detail = _cell(row, cols, "detail")
        if not task and not detail:
            continue
        count += 1
        number = _cell(row, cols, "number") or str(count)
        lead, coop, responsible = _cell(row, cols, "lead"), _cell(row, cols, "coop"), _cell(row, cols, "resp")
        if lead and coop == lead:  # one cell merged across both columns: the units responsible, not both roles
            lead, coop, responsible = "", "", responsible or lead
        resp = _responsibility(lead, coop, responsible, rule, ctx)
        if detail and task:
            title, text = task.rstrip("。"), detail
        else:
            body = task or detail
            t, rest = _split_title(body)
            title, text = (t, rest) if t else (_derived_title(body), body)
        base = _slug(number) or str(count)
        if section and section in sections and not number.startswith(section):
            shown = section + number if numbering(section + "、") else number
            # 1, 2 under 一、 are 1-1, 1-2; under an unnumbered 类别, its position among them
            prefix = _slug(section) or str(list(sections).index(section) + 1)
            row_id = f"{prefix}-{base}"
        else:
            shown, row_id = number, base
        clause = DraftClause(
            number=shown,
            id=id_prefix + row_id,
            section=section or "",
            title=title,
            text=text,
            resp=resp,
            line=table.lines[i],
            row=table.rows_at[i],
            where=where,
        )
        clause.notes.extend(resp.notes)
        resp.supervise = list(split_units(_cell(row, cols, "supervise")).names)
        resp.contacts = [(role, row[j].strip()) for j, role in people if j < len(row) and row[j].strip()]
        upper = _cell(row, cols, "upper")
        if upper:
            clause.note = f"{column_names[cols['upper']]}：{upper}"
        if i < len(table.notes):
            clause.notes.extend(table.notes[i])
        due = _cell(row, cols, "due") or resp.due_text or ""
        if due:
            clause.deadline = parse_cell(due, ctx)
        else:
            found = find_deadlines(f"{task}。{detail}", ctx)
            clause.deadline = found[0] if found else None
        if clause.deadline is not None:
            clause.notes.extend(clause.deadline.notes)
        out.clauses.append(clause)
    if not out.clauses:
        return None
    if any(not c.section for c in out.clauses):
        label = where or (out.title_rows[0] if out.title_rows else "任务分工表")
        out.sections.insert(0, DraftSection(label, label))
        for c in out.clauses:
            c.section = c.section or label
    return out


def _section(text: str, sections: dict[str, DraftSection], out: TableDraft) -> str:
    num = numbering(text)
    if num is not None:
        number = num[2].group(0).strip().rstrip("、．. ")
        number = {1: num[1], 2: f"（{num[1]}）"}.get(num[0], number)
        title = text[num[2].end() :].strip()
    else:
        number, title = text, text
    if number not in sections:
        sections[number] = DraftSection(number, title)
        out.sections.append(sections[number])
    return number


def _slug(number: str) -> str:
    from .structure import cn_small

    parts = re.findall(r"\d+|[一二三四五六七八九十百零〇]+|[①-⑳]", number)
    out: list[str] = []
    for p in parts:
        try:
            out.append(str(cn_small(p)))
        except (KeyError, ValueError):
            return ""
    return "-".join(out)


__all__ = ["Header", "TableDraft", "column_kind", "find_header", "table_clauses"]
