"""Assemble the ledger: metadata, sections, clauses, the unit registry, and every doubt."""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..dates import EARLIEST, LATEST
from ..loader import validate_ledger
from ..models import Covers, UnitKind
from .annotations import states_first_is_lead
from .blocks import Block, HeaderBlock, Note, ParaBlock, TableBlock, note
from .contacts import contact_entries
from .deadlines import DateContext
from .draft import DraftClause, DraftSection
from .meta import Meta, apply_header, read_meta, tidy
from .structure import build_tree, clauses, paragraphs
from .tables import TableDraft, table_clauses
from .units import Variant, group_covers, resolve_variants

Render = Callable[[Note], str]


@dataclass
class DoubtLine:
    """One doubt for the summary: which clause, where in the source, what."""

    task: str | None
    line: int | None
    row: int | None
    note: Note


@dataclass
class Summary:
    sections: int = 0
    clauses: int = 0
    units: int = 0
    groups: int = 0
    deadlines: int = 0
    doubts: list[DoubtLine] = field(default_factory=list)


@dataclass
class Draft:
    """Everything read from the document, before rendering to YAML."""

    data: dict[str, Any]
    summary: Summary
    plan_notes: list[Note]
    source: str


def assemble(blocks: list[Block], *, source: str, render: Render, today: dt.date, plan_id: str) -> Draft:
    para_blocks = [b for b in blocks if isinstance(b, ParaBlock)]
    tables = [b for b in blocks if isinstance(b, TableBlock)]
    paras = paragraphs(para_blocks)
    meta = read_meta(paras) if paras else Meta()
    for header in (b for b in blocks if isinstance(b, HeaderBlock)):
        apply_header(meta, header.fields)
    _hold_dates(meta)
    whole_text = "\n".join(p.text for p in paras) + "\n".join(" ".join(r) for t in tables for r in t.rows)
    first_is_lead = states_first_is_lead(whole_text)
    plan_notes: list[Note] = []

    table_drafts, guessed_year = _tables_and_year(tables, meta, first_is_lead, whole_text)
    ctx = DateContext(meta.year, meta.issued)

    sections: list[DraftSection] = []
    drafts: list[DraftClause] = []
    if paras:
        tree = build_tree(paras[meta.body_start : meta.body_end])
        in_tables = sum(len(td.clauses) for td in table_drafts)
        out = clauses(tree, ctx, first_is_lead=first_is_lead, marked_elsewhere=in_tables)
        sections.extend(out.sections)
        drafts.extend(out.clauses)
    _merge_tables(table_drafts, sections, drafts)
    standing_groups(paras, drafts)
    three_roles(whole_text, drafts)
    _place_sections(drafts, sections, render)

    issued, start, end = _plan_dates(meta, guessed_year=guessed_year, today=today, plan_notes=plan_notes)

    units, groups, variants = _registry(drafts, meta.copied_to, render)
    full_written = {n for d in drafts for n in (*d.resp.lead, *d.resp.cooperate) if n not in d.resp.expanded}

    # --- tasks -------------------------------------------------------------------------
    tasks: list[dict[str, Any]] = []
    seen: dict[str, int] = {}
    summary = Summary()
    for c in drafts:
        notes = list(c.notes)
        task_id = c.id
        if task_id in seen:
            seen[task_id] += 1
            task_id = f"{task_id}-{seen[task_id]}"
            notes.append(note("import.doubt.duplicate_number", "id", number=c.number))
        seen.setdefault(task_id, 1)
        for name in (*c.resp.lead, *c.resp.cooperate):
            v = variants.get(name)
            if v is not None and v.suspected:
                notes.append(note("import.doubt.variant", "lead" if name in c.resp.lead else "cooperate", name=name, canonical=v.canonical))
        for meant, as_written in c.resp.expanded.items():
            if meant not in full_written:
                notes.append(note("import.doubt.shared_prefix", "lead" if meant in c.resp.lead else "cooperate", written=as_written, meant=meant))
        task = _task_fields(c, task_id, notes, (start, end), summary)
        source_file = source if c.where is None else f"{source}#{c.where}"
        src: dict[str, Any] = {"file": source_file}
        if c.line is not None:
            src["line"] = c.line
        if c.row is not None:
            src["row"] = c.row
        task["source"] = src
        unique: list[Note] = list(dict.fromkeys(notes))
        if unique:
            task["doubts"] = [({"field": n.field} if n.field else {}) | {"message": render(n)} for n in unique]
        if c.note:
            task["note"] = c.note
        for n in unique:
            summary.doubts.append(DoubtLine(task_id, c.line, c.row, n))
        tasks.append(task)

    plan = _plan_entry(meta, plan_id, source, (issued, start, end))
    data: dict[str, Any] = {"plan": plan}
    if units:
        data["units"] = units
    if groups:
        data["groups"] = groups
    if sections:
        data["sections"] = [_section(s) for s in sections]
    data["tasks"] = tasks
    validate_ledger(data)  # the draft must be a ledger; a failure here is a bug
    summary.sections = len(sections)
    summary.clauses = len(tasks)
    summary.units = len(units)
    summary.groups = len(groups)
    summary.doubts[:0] = [DoubtLine(None, None, None, n) for n in plan_notes]
    return Draft(data, summary, plan_notes, source)


_STANDING = re.compile(r"(?:以下|下列)各项(?:任务)?(?:均需|均由|均要|都需|都要|均请)(?P<group>各[\u4e00-\u9fff]{1,12}?)(?:负责)?(?:落实|配合|参与|贯彻落实|组织实施)[，,]?\s*(?:不再(?:一一)?列出)")


def standing_groups(paras: list[Any], drafts: list[DraftClause]) -> None:
    """以下各项均需各地区落实，不再列出: the group cooperates on every clause after the rule, with a doubt saying so."""
    for para in paras:
        m = _STANDING.search(para.text)
        if m is None:
            continue
        line = para.line_at(m.start())
        for c in drafts:
            if c.line is not None and c.line >= line and m["group"] not in (*c.resp.lead, *c.resp.cooperate):
                c.resp.cooperate.append(m["group"])
                c.notes.append(note("import.doubt.standing_group", "cooperate", group=m["group"], line=line))


_LEAD_LABEL = re.compile(r"牵头(?:单位|部门)\s*[:：]")
_RESP_LABEL = re.compile(r"责任(?:单位|部门)\s*[:：]")


def three_roles(whole_text: str, drafts: list[DraftClause]) -> None:
    """A plan that labels 牵头单位, 责任单位 and 配合单位 separately has three roles, and 责任单位 is not
    its lead. Where a clause names 责任单位 and 配合单位 but no 牵头单位, nobody leads: the
    responsible units follow the cooperating ones, as they do beside a lead, and a doubt asks for the lead."""
    if len(_LEAD_LABEL.findall(whole_text)) < 2 or len(_RESP_LABEL.findall(whole_text)) < 2:
        return
    for c in drafts:
        r = c.resp
        if r.lead_is_responsible and r.cooperate and r.lead:
            names = "、".join(r.lead)
            r.lead, r.cooperate = [], [*r.cooperate, *(n for n in r.lead if n not in r.cooperate)]
            r.cooperate_open = r.cooperate_open or r.lead_open
            r.lead_open = False
            c.notes = [n for n in c.notes if n.key != "import.doubt.ambiguous_lead"]
            c.notes.append(note("import.doubt.responsible_not_lead", "lead", names=names))


def _tables_and_year(tables: list[TableBlock], meta: Meta, first_is_lead: bool, whole_text: str) -> tuple[list[TableDraft], bool]:
    """The tables' clauses; a title from a table's title row; the plan year, guessed when nothing states it."""
    table_drafts: list[TableDraft] = []
    for table in tables:
        ctx = DateContext(meta.year, meta.issued)
        td = table_clauses(table, ctx, first_is_lead=first_is_lead, where=table.label)
        if td is not None:
            table_drafts.append(td)
    if meta.title is None and table_drafts and table_drafts[0].title_rows:
        meta.title = tidy(table_drafts[0].title_rows[0])
        y = re.search(r"(\d{4})\s*年", meta.title)
        meta.year = (_held(int(y.group(1))) if y else None) or meta.year
    guessed_year = meta.year is None and meta.issued is None
    if guessed_year:
        years = Counter(int(y) for y in re.findall(r"((?:19|20)\d\d)\s*年", whole_text))
        meta.year = years.most_common(1)[0][0] if years else None
    return table_drafts, guessed_year


def _place_sections(drafts: list[DraftClause], sections: list[DraftSection], render: Render) -> None:
    """Every clause in a known section: a top-level task is its own section; clauses under none go to 正文."""
    known = {s.number for s in sections}
    for c in drafts:
        if c.section and c.section not in known:
            # 一、加强XX。（牵头单位：…） is a top-level item that is a task: its own section.
            sections.append(DraftSection(c.section, c.title))
            known.add(c.section)
    if any(not c.section for c in drafts):
        label = render(note("import.label.body"))
        sections.insert(0, DraftSection(label, label))
        for c in drafts:
            c.section = c.section or label


def _merge_tables(table_drafts: list[TableDraft], sections: list[DraftSection], drafts: list[DraftClause]) -> None:
    """Add the tables' sections and clauses; with several tables (or text too) ids carry the table's number."""
    several = len(table_drafts) > 1 or (bool(drafts) and bool(table_drafts))
    for k, td in enumerate(table_drafts, start=1):
        table_sections = {s.number for s in td.sections}
        for s in td.sections:
            if s.number not in {x.number for x in sections}:
                sections.append(s)
        for c in td.clauses:
            if not several:
                c.where = None
            elif not c.id.startswith("t"):
                c.id = f"t{k}-{c.id}"
            if c.section not in table_sections and c.section not in {x.number for x in sections}:
                c.section = ""
            drafts.append(c)


def _plan_entry(meta: Meta, plan_id: str, source: str, dates: tuple[dt.date, dt.date, dt.date]) -> dict[str, Any]:
    issued, start, end = dates
    plan: dict[str, Any] = {"id": plan_id, "title": meta.title or Path(source).stem}
    if meta.doc_number:
        plan["doc_number"] = meta.doc_number
    if meta.issuer:
        plan["issuer"] = meta.issuer
    plan["issued"] = issued
    if meta.copied_to:
        plan["copied_to"] = list(meta.copied_to)
    plan["period"] = {"start": start, "end": end}
    return plan


def _held(year: int | None) -> int | None:
    return year if year is not None and EARLIEST.year <= year <= LATEST.year else None


def _hold_dates(meta: Meta) -> None:
    """A year a ledger cannot hold (3023年, a slip of the keyboard) is no year at all: it is guessed, with a doubt."""
    meta.year, meta.end_year = _held(meta.year), _held(meta.end_year)
    if meta.issued is not None and not EARLIEST <= meta.issued <= LATEST:
        meta.issued = None


def _plan_dates(meta: Meta, *, guessed_year: bool, today: dt.date, plan_notes: list[Note]) -> tuple[dt.date, dt.date, dt.date]:
    """The issue date and the plan period, each guess noted for the plan's doubts."""
    if meta.title is None:
        plan_notes.append(note("import.doubt.plan_title"))
    year = meta.year or (meta.issued.year if meta.issued else None)
    issued = meta.issued
    if issued is None:
        issued = dt.date(year, 1, 1) if year else today
        plan_notes.append(note("import.doubt.plan_issued", date=issued.isoformat()))
    if year is None or guessed_year:
        year = year or issued.year
        plan_notes.append(note("import.doubt.plan_year", year=year))
    start = issued if issued.year == year else dt.date(year, 1, 1)
    end = dt.date(meta.end_year or year, 12, 31)
    if end < start:
        start = dt.date(end.year, 1, 1)
    plan_notes.append(note("import.doubt.plan_period", start=start.isoformat(), end=end.isoformat()))
    return issued, start, end


def _task_fields(c: DraftClause, task_id: str, notes: list[Note], period: tuple[dt.date, dt.date], summary: Summary) -> dict[str, Any]:
    """A clause's task fields up to its deadline; a deadline outside the plan period becomes a doubt."""
    start, end = period
    task: dict[str, Any] = {"id": task_id, "number": c.number}
    if c.clause is not None:
        task["clause"] = c.clause
    task["section"] = c.section
    task["title"] = c.title
    task["text"] = c.text
    # written even when empty: a task whose lead is missing shows where to fill it in
    task["lead"] = list(c.resp.lead)
    if c.resp.lead_open:
        task["lead_open"] = True
    if c.resp.cooperate:
        task["cooperate"] = list(c.resp.cooperate)
    if c.resp.cooperate_open:
        task["cooperate_open"] = True
    if c.resp.supervise:
        task["supervise"] = list(c.resp.supervise)
    contacts = contact_entries(c.resp.contacts)
    if contacts:
        task["contacts"] = contacts
    d = c.deadline
    if d is not None:
        if d.due is not None and not start <= d.due <= end:
            notes.append(note("import.doubt.due_outside", "due", due=d.due.isoformat(), start=start.isoformat(), end=end.isoformat()))
        elif d.due is not None:
            task["due"] = d.due
        task["due_text"] = d.text
        if d.repeat is not None:
            task["repeat"] = d.repeat.value
        if d.ongoing:
            task["ongoing"] = True
        if d.due is not None or d.repeat is not None or d.ongoing:
            summary.deadlines += 1
    return task


def _registry(drafts: list[DraftClause], copied_to: list[str], render: Render) -> tuple[list[dict[str, Any]], list[dict[str, Any]], dict[str, Variant]]:
    """The units (with aliases and external ones named only in 抄送) and the groups, in order of first appearance."""
    written: list[str] = []
    for c in drafts:
        written.extend(c.resp.lead)
        written.extend(c.resp.cooperate)
        written.extend(c.resp.supervise)
    unit_names = [n for n in dict.fromkeys(written) if group_covers(n) is None]
    group_names = [n for n in dict.fromkeys([*written, *copied_to]) if group_covers(n) is not None]
    copy_only = [n for n in dict.fromkeys(copied_to) if n not in unit_names and group_covers(n) is None]
    variants = resolve_variants(unit_names + copy_only)
    group_variants = resolve_variants(group_names, abbreviations=False)
    units: list[dict[str, Any]] = []
    by_name: dict[str, dict[str, Any]] = {}
    for name in unit_names + copy_only:
        canon = variants[name].canonical if name in variants else name
        entry = by_name.get(canon)
        if entry is None:
            entry = {"name": canon}
            if canon in copy_only and all(variants.get(n, None) is None or variants[n].canonical != canon for n in unit_names):
                entry["kind"] = UnitKind.EXTERNAL.value
            by_name[canon] = entry
            units.append(entry)
        if name != canon:
            entry.setdefault("aliases", []).append(name)
    groups: list[dict[str, Any]] = []
    for name in group_names:
        if name in group_variants:
            continue
        covers = group_covers(name) or Covers.UNRESOLVED
        entry = {"name": name, "covers": covers.value}
        aliases = [v.name for v in group_variants.values() if v.canonical == name]
        if aliases:
            entry["aliases"] = aliases
        if covers is Covers.UNRESOLVED:
            entry["note"] = render(note("import.note.unresolved_group"))
        groups.append(entry)
    return units, groups, variants


def _section(s: DraftSection) -> dict[str, Any]:
    out: dict[str, Any] = {"number": s.number, "title": s.title}
    if s.parent:
        out["parent"] = s.parent
    if s.text:
        out["text"] = s.text
    return out
