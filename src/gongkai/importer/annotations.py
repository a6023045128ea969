"""Responsibility annotations: who leads, who cooperates, in every form plans use.

Forms read (brackets, colons and semicolons full- or half-width, mixed too):

* （牵头单位：X；配合单位：A、B）, also with ，/, for ；, several leads, lead only;
* （责任单位：A、B）and a bare trailing 责任单位：A、B;
* （A、B、C等负责）, split by a rule stated once (列第一位者为牵头单位，下同);
* X牵头，Y配合 / X牵头落实 / A、B分别牵头 / X会同Y / X为牵头单位，Y为配合单位.

A bracket that reads as none of these (（试行）, （简称…）, （县级市）) is ordinary text and
stays in the clause.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from .blocks import Note, note
from .deadlines import DateContext, find_deadlines
from .units import BODY_SUFFIXES as _BODY_SUFFIXES
from .units import UnitList, is_group, is_unit_name, split_units

_LABEL = re.compile(
    r"(?:(?P<lead>牵头(?:责任)?(?:单位|部门)|主责(?:单位|部门)|主办(?:单位|部门)|牵头)"
    r"|(?P<coop>配合(?:单位|部门)|协办(?:单位|部门)|协助(?:单位|部门)|参与(?:单位|部门)|参加(?:单位|部门)|协同(?:单位|部门)|配合|协办)"
    r"|(?P<resp>责任(?:单位|部门|主体|处室|科室)|负责(?:单位|部门|处室|科室)|承办(?:单位|部门)|实施(?:单位|部门)|落实(?:单位|部门))"
    r"|(?P<time>完成(?:时限|时间|期限)|时限(?:要求)?|时间(?:要求|节点|安排)?)"
    r"|(?P<supervise>督办(?:单位|部门)|监督(?:单位|部门)|督导(?:单位|部门)|督查(?:单位|部门)|指导(?:单位|部门))"
    r"|(?P<person>责任(?:领导|人)|分管(?:领导|负责人)|联系人|牵头领导|链\s*长))"
    r"\s*[:：]"
)
_RULE_TEXT = re.compile(r"(?:排|列)(?:在)?(?:第一|首|前)位(?:的|者)?(?:单位|部门)?(?:为|是)牵头(?:单位|部门)?")
_RULE_NOTE = re.compile(rf"[，,；;]?\s*{_RULE_TEXT.pattern}(?:\s*[，,]\s*下同)?|[，,；;]\s*下同")
_VERB = r"(?:负责|落实|实施|推进|组织实施|办理)"
_INLINE: list[tuple[str, re.Pattern[str]]] = [
    ("lead_coop", re.compile(rf"^(?P<lead>.+?)(?P<each>分别)?牵头{_VERB}?[，,；;、]\s*(?P<coop>.+?)(?:共同|积极|分别)?(?:按照?职责(?:分工)?)?(?:配合|参与|协同|协助|协办|负责|落实){_VERB}?$")),
    ("lead_coop", re.compile(r"^(?P<lead>.+?)为牵头(?:单位|部门)[，,；;、]\s*(?P<coop>.+?)为配合(?:单位|部门)$")),
    ("lead", re.compile(rf"^(?P<lead>.+?)(?P<each>分别)?牵头{_VERB}?$")),
    ("lead", re.compile(r"^(?P<lead>.+?)为牵头(?:单位|部门)$")),
    ("with", re.compile(rf"^(?P<lead>.+?)会同(?P<coop>.+?)(?:共同)?{_VERB}?$")),
    ("resp", re.compile(rf"^(?P<resp>.+?)(?P<each>分别|共同)?(?:按照?职责(?:分工)?)?负责{_VERB}?$")),
    # （X指导） / （X指导，Y参与）: X guides; the ledger has no such role, so X is the lead, with a doubt
    ("guide", re.compile(r"^(?P<lead>.+?)(?:检查|业务)?指导(?:[，,；;、]\s*(?P<coop>.+?)(?:参与|参加|配合|落实))?$")),
]


def states_first_is_lead(text: str) -> bool:
    """True if the document says once that the first unit listed leads (…，下同)."""
    return _RULE_TEXT.search(text) is not None


@dataclass
class Responsibility:
    lead: list[str] = field(default_factory=list)
    lead_open: bool = False
    cooperate: list[str] = field(default_factory=list)
    cooperate_open: bool = False
    due_text: str | None = None
    notes: list[Note] = field(default_factory=list)
    expanded: dict[str, str] = field(default_factory=dict)
    lead_is_responsible: bool = False  # the lead was read from a 责任单位 list, no 牵头单位 being named
    supervise: list[str] = field(default_factory=list)
    contacts: list[tuple[str, str]] = field(default_factory=list)  # (the plan's word for the person, what it says)


@dataclass
class Found:
    start: int
    end: int
    resp: Responsibility
    running: bool = False  # read from running text (由X牵头，…), not from a bracket, a label or a sentence of its own


_MARKED = re.compile(r"[（(]\s*牵头\s*[）)]$")


def _strict(ul: UnitList) -> bool:
    return bool(ul.names) and not ul.odd


def _from_lists(lead: UnitList | None, coop: UnitList | None, resp: UnitList | None, first_is_lead: bool, raw: str) -> Responsibility:
    r = Responsibility()
    if resp is not None and lead is None and any(_MARKED.search(n) for n in resp.names):
        # 责任单位：市财政局（牵头）、市审计局
        marked = [_MARKED.sub("", n) for n in resp.names if _MARKED.search(n)]
        rest = [n for n in resp.names if not _MARKED.search(n)]
        lead = UnitList(marked, False, [n for n in marked if not (is_group(n) or is_unit_name(n))], dict(resp.expanded))
        if rest:
            coop = UnitList([*rest, *(coop.names if coop else [])], resp.open or bool(coop and coop.open), [n for n in resp.odd if n in rest] + (coop.odd if coop else []))
        resp = None
    for role, ul in (("lead", lead), ("cooperate", coop), ("lead", resp)):
        if ul is not None:
            r.expanded.update(ul.expanded)
            for name in ul.odd:
                r.notes.append(note("import.doubt.odd_name", role, name=name))
    if resp is not None and resp.names and lead is None:
        r.lead_is_responsible = True
        if len(resp.names) == 1:
            r.lead, r.lead_open = resp.names, resp.open
        elif first_is_lead:
            r.lead, r.cooperate, r.cooperate_open = resp.names[:1], resp.names[1:], resp.open
        else:
            r.lead, r.lead_open = resp.names, resp.open
            r.notes.append(note("import.doubt.ambiguous_lead", "lead", names="、".join(resp.names)))
    if lead is not None:
        r.lead, r.lead_open = lead.names, lead.open
    if coop is not None:
        r.cooperate = [*r.cooperate, *coop.names]
        r.cooperate_open = r.cooperate_open or coop.open
    if resp is not None and resp.names and lead is not None:
        # 牵头单位：X 配合单位：Y 实施单位：Z — the implementing units follow the cooperating ones.
        r.cooperate.extend(resp.names)
        r.cooperate_open = r.cooperate_open or resp.open
        r.notes.append(note("import.doubt.resp_and_lead", "cooperate", names="、".join(resp.names)))
    if not r.lead:
        r.notes.append(note("import.doubt.no_lead", "lead", text=raw) if raw.strip() else note("import.doubt.no_units", "lead"))
    dup = [n for n in r.cooperate if n in r.lead]
    if dup:
        r.notes.append(note("import.doubt.lead_and_cooperate", "cooperate", names="、".join(dup)))
    return r


def _take_deadlines(content: str, ctx: DateContext) -> tuple[str, str | None]:
    """Move pure deadline segments (…，2018年底前完成) out of an inline annotation."""
    parts = re.split(r"([，,；;])", content)
    kept: list[str] = []
    due: str | None = None
    for part in parts:
        stripped = part.strip()
        found = find_deadlines(stripped, ctx, whole=True) if stripped and stripped not in "，,；;" else []
        if found and len(found[0].text) >= len(stripped.rstrip("完成")) - 2:
            due = stripped
            if kept and kept[-1] in "，,；;":
                kept.pop()
            continue
        kept.append(part)
    return "".join(kept).strip(), due


def parse_annotation(content: str, *, first_is_lead: bool, ctx: DateContext, labelled_only: bool = False) -> Responsibility | None:
    """The responsibility stated by ``content`` (the inside of a bracket), or None if it states none."""
    c = _RULE_NOTE.sub("", content.replace("\n", "")).strip().strip("。.")
    if c.startswith("由"):
        c = c[1:]
    labels = list(_LABEL.finditer(c))
    if labels and not c[: labels[0].start()].strip():
        return _labelled(c, labels, first_is_lead)
    if labelled_only or not c:
        return None
    rest, due = _take_deadlines(c, ctx)
    for kind, rx in _INLINE:
        m = rx.match(rest)
        if not m:
            continue
        groups = m.groupdict()
        lists = {k: split_units(v) for k, v in groups.items() if k in ("lead", "coop", "resp") and v}
        if not all(_strict(ul) for ul in lists.values()):
            continue
        r = _from_lists(lists.get("lead"), lists.get("coop"), lists.get("resp"), first_is_lead, c)
        if kind == "guide" and not all(is_group(n) or n.endswith(_BODY_SUFFIXES) for n in [*r.lead, *r.cooperate]):
            continue  # （技术指导）: no unit guides here
        if kind == "guide":
            r.notes.append(note("import.doubt.guides", "lead", names="、".join(r.lead)))
        if groups.get("each") == "分别" and len(r.lead) > 1:
            r.notes.append(note("import.doubt.each_leads", "lead", names="、".join(r.lead)))
        r.due_text = due
        return r
    return None


def bare_list(content: str, *, first_is_lead: bool) -> Responsibility | None:
    """（市政务服务中心、市大数据局） after a sentence: a list of responsible units, nothing else."""
    ul = split_units(content)
    if not ul.names or ul.odd or not all(is_group(n) or n.endswith(_BODY_SUFFIXES) for n in ul.names):
        return None
    return _from_lists(None, None, ul, first_is_lead, content)


def _labelled(c: str, labels: list[re.Match[str]], first_is_lead: bool) -> Responsibility | None:
    values: dict[str, list[str]] = {}
    people: list[tuple[str, str]] = []
    for i, m in enumerate(labels):
        end = labels[i + 1].start() if i + 1 < len(labels) else len(c)
        kind = next(k for k in ("lead", "coop", "resp", "time", "supervise", "person") if m.group(k))
        value = c[m.end() : end].strip().strip("；;，,。 ")
        values.setdefault(kind, []).append(value)
        if kind == "person" and value:
            people.append((re.sub(r"[\s:：]", "", m.group(0)), value))
    lists = {k: split_units("、".join(v)) for k, v in values.items() if k in ("lead", "coop", "resp")}
    if not lists:
        return None  # （完成时限：2018年12月） says when, not who
    r = _from_lists(lists.get("lead"), lists.get("coop"), lists.get("resp"), first_is_lead, c)
    if "supervise" in values:
        watch = split_units("、".join(values["supervise"]))
        r.supervise = list(watch.names)
        r.notes.extend(note("import.doubt.odd_name", "supervise", name=n) for n in watch.odd)
    r.contacts = people
    if "time" in values:
        r.due_text = "；".join(v for v in values["time"] if v) or None
    return r


# --- finding annotations in a clause's text -----------------------------------------------

_OPEN, _CLOSE = "（(【", "）)】"
# 链 长：张三 牵头单位：X… — a label naming the person in charge may open the annotation
_BARE_START = re.compile(
    r"(?:^|(?<=[。；;，,\n\s]))(?=(?:由)?(?:牵头(?:责任)?(?:单位|部门)|责任(?:单位|部门|主体)|主责(?:单位|部门)|链\s*长|牵头领导|责任领导)\s*[:：])"
)
_SENTENCE = re.compile(r"[^。；;！!\n]+[。；;！!]?")


def bracket_spans(text: str) -> list[tuple[int, int, bool]]:
    """Outermost bracket spans (start, end, closed); an unclosed one runs to the line's end."""
    spans: list[tuple[int, int, bool]] = []
    stack: list[int] = []
    for i, ch in enumerate(text):
        if ch in _OPEN:
            stack.append(i)
        elif ch in _CLOSE and stack:
            start = stack.pop()
            if not stack:
                spans.append((start, i + 1, True))
        elif ch == "\n" and stack:
            spans.append((stack[0], i, False))
            stack.clear()
    if stack:
        spans.append((stack[0], len(text), False))
    return spans


def find_annotations(text: str, *, first_is_lead: bool, ctx: DateContext, running_text: bool = True) -> list[Found]:
    """Every annotation in ``text``; with ``running_text`` false, roles inside a sentence that goes on
    with the task (由X牵头，参照…) are prose, not annotations."""
    found: list[Found] = []
    brackets = bracket_spans(text)
    for start, end, closed in brackets:
        inner = text[start + 1 : end - 1 if closed else end]
        resp = parse_annotation(inner, first_is_lead=first_is_lead, ctx=ctx)
        if resp is None and closed and text[:start].rstrip()[-1:] in "。；;！!":
            resp = bare_list(inner, first_is_lead=first_is_lead)
        if resp is None:
            continue
        if not closed:
            resp.notes.append(note("import.doubt.unclosed", None, text=text[start:end]))
        found.append(Found(start, end, resp))

    def inside(pos: int) -> bool:
        return any(s <= pos < e for s, e, _ in brackets)

    for m in _BARE_START.finditer(text):
        if inside(m.start()) or any(f.start < m.start() < f.end for f in found):
            continue
        stop = re.compile(r"[。\n]").search(text, m.start())
        end = stop.end() if stop and text[stop.start()] == "。" else (stop.start() if stop else len(text))
        resp = parse_annotation(text[m.start() : end], first_is_lead=first_is_lead, ctx=ctx, labelled_only=True)
        if resp is not None:
            found.append(Found(m.start(), end, resp))
    found.extend(f for f in prose_roles(text) if not inside(f.start))
    taken = [(f.start, f.end) for f in found]
    for m in _SENTENCE.finditer(text):
        s, e = m.start(), m.end()
        body = m.group(0).strip()
        if inside(s) or any(a <= s < b or a < e <= b for a, b in taken):
            continue
        if "牵头" not in body and "负责" not in body and "会同" not in body:
            continue
        lead_in = len(m.group(0)) - len(m.group(0).lstrip())
        resp = None
        if len(body) <= 60 and not _SUBJECT_ONLY.match(body):
            resp = parse_annotation(body.rstrip("。；;！!"), first_is_lead=first_is_lead, ctx=ctx)
        if resp is not None:
            found.append(Found(s + lead_in, e, resp))
            continue
        resp = in_sentence(body) if running_text else None
        if resp is not None:
            # 县发改局会同县财政局加强督导检查: the words are the task; keep them, end the clause here.
            found.append(Found(e, e, resp, running=True))
    if any(not f.running for f in found):
        found = [f for f in found if not f.running]  # an item with an annotation of its own: the rest is its text
    found.sort(key=lambda f: f.start)
    return found


_PROSE = re.compile(r"(?:责任分工|职责分工|分工)\s*[:：](?P<body>[^。\n]+)。?")
_PROSE_ROLE = re.compile(r"^(?P<names>.+?)(?P<verb>负责|牵头|组织实施|具体实施|实施|配合|参与|协助|检查指导|督促指导|督导|指导|督查)(?![室局办处组科委])")


def prose_roles(text: str) -> list[Found]:
    """责任分工：X负责…，Y组织实施，Z配合，W检查指导 → lead X; cooperating Y, Z; W supervises."""
    out: list[Found] = []
    for m in _PROSE.finditer(text):
        lead: list[str] = []
        coop: list[str] = []
        guides: list[str] = []
        for part in re.split(r"[，,；;]", m["body"]):
            role = _PROSE_ROLE.match(part.strip())
            if role is None:
                continue
            names = split_units(role["names"])
            if not _strict(names):
                continue
            verb = role["verb"]
            (lead if verb in ("负责", "牵头") else guides if "指导" in verb or verb in ("督导", "督查") else coop).extend(names.names)
        if not lead and not coop:
            continue
        r = _from_lists(UnitList(lead) if lead else None, UnitList(coop) if coop else None, None, False, m.group(0))
        r.supervise = guides
        out.append(Found(m.start(), m.end(), r))
    return out


_LEAD_IN = re.compile(
    r"(?:^|[，,])\s*(?:由)?(?P<lead>[^，,。；;（(]+?)(?P<each>分别)?牵头(?:负责|落实)?[，,]\s*"
    r"(?P<coop>[^，,。；;（(]+?)(?:共同|积极)?(?:配合|参与|协助|协同)(?:落实|实施)?(?:[，,]|[。；;！!]?$)"
)
_LEAD_ONLY_IN = re.compile(r"(?:^|[，,])\s*由(?P<lead>[^，,。；;（(]+?)(?P<each>分别)?牵头(?:负责|落实)?(?:[，,]|[。；;！!]?$)")
_WITH_IN = re.compile(r"(?:^|[，,])\s*(?:由)?(?P<lead>[^，,。；;（(]+?)会同(?P<rest>[^，,。；;（(]+)")


def in_sentence(body: str) -> Responsibility | None:
    """Responsibility stated inside a sentence that goes on with the task itself:
    由X牵头，Y配合，建立… / X牵头，Y配合，完成… / X会同Y加强…"""
    for rx in (_LEAD_IN, _LEAD_ONLY_IN):
        m = rx.search(body)
        if m:
            lead = split_units(m["lead"])
            coop = split_units(m["coop"]) if "coop" in m.groupdict() else None
            if _strict(lead) and (coop is None or _strict(coop)):
                r = _from_lists(lead, coop, None, False, m.group(0))
                if m["each"] and len(r.lead) > 1:
                    r.notes.append(note("import.doubt.each_leads", "lead", names="、".join(r.lead)))
                return r
    m = _WITH_IN.search(body)
    if m:
        lead = split_units(m["lead"])
        rest = m["rest"]
        if _strict(lead) and not _SUBJECT_ONLY.match(m["lead"]):
            for i in range(2, len(rest)):
                prefix = rest[:i]
                coop = split_units(prefix)
                if prefix.endswith(_BODY_SUFFIXES) and _strict(coop):
                    if all(_SUBJECT_ONLY.match(n) for n in coop.names):
                        return None  # 由X会同有关部门组织开展…: running text, not an annotation
                    return _from_lists(lead, coop, None, False, m.group(0))
    return None


# A sentence like 各部门负责。 or 有关部门负责。 names nobody in particular.
_SUBJECT_ONLY = re.compile(r"^(?:各|有关|相关)")
