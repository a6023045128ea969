"""From source lines to numbered items and their responsibility clauses.

Lines are rejoined into paragraphs where the plan was broken across lines or pages
(公开相关信 / 息作出明确规定). Numbering levels are told by their form, not by Markdown
heading depth: 一、 > （一） > 1. / 1、 > (1) / 1） > ①. Every annotation inside an item
closes a clause: the sentences since the item's start or the previous annotation.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from .annotations import Responsibility, find_annotations
from .blocks import ParaBlock, note
from .deadlines import DateContext, Deadline, find_deadlines, parse_cell
from .draft import DraftClause, DraftSection

_CN = "一二三四五六七八九十百零〇"
_NUMBERINGS: list[tuple[int, re.Pattern[str]]] = [
    (1, re.compile(rf"^(?P<n>[{_CN}]{{1,3}})\s*[、．.]\s*")),
    (2, re.compile(rf"^[（(]\s*(?P<n>[{_CN}]{{1,3}})\s*[）)]\s*[、．.]?\s*")),
    (3, re.compile(r"^(?P<n>\d{1,3})\s*[、．.](?!\d)\s*")),
    (4, re.compile(r"^(?:[（(]\s*(?P<n>\d{1,3})\s*[）)]|(?P<m>\d{1,3})\s*[）)])\s*")),
    (5, re.compile(r"^(?P<n>[①-⑳])\s*")),
]
_TERMINAL = "。！？!?；;：:）)」”』…"
_PUNCT = re.compile(r"[，。；、,;：:！？]")
_ANNOTATION_LINE = re.compile(r"^[（(]\s*(?:由)?(?:牵头|责任|配合|主责|协办)")
_FULLWIDTH_DIGITS = str.maketrans("０１２３４５６７８９", "0123456789")
DATE_LINE = re.compile(r"^(?:\d{4}|[〇零一二三四五六七八九]{4})\s*年\s*[\d一二三四五六七八九十]{1,2}\s*月\s*[\d一二三四五六七八九十]{1,3}\s*日$")
_TIME_LABEL = re.compile(r"(?:完成(?:时限|时间|期限)|时限要求|时间节点)\s*[:：]\s*(?P<value>[^；;。）)】\n]+)")
_APPENDIX = re.compile(r"^附件\s*\d*\s*[:：]?\s*\S{0,40}$")


def cn_small(s: str) -> int:
    if s.isdecimal():
        return int(s)
    if s and s in "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳":
        return "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳".index(s) + 1
    from .deadlines import cn_int

    return cn_int(s.replace("百", "")) if s != "百" else 100


@dataclass
class Para:
    text: str
    line: int
    marks: list[tuple[int, int]]  # (offset in text, source line) where each source line starts
    heading: bool = False
    bold: list[tuple[int, int]] = field(default_factory=list)

    def line_at(self, offset: int) -> int:
        line = self.line
        for off, ln in self.marks:
            if off <= offset:
                line = ln
        return line


def numbering(text: str) -> tuple[int, str, re.Match[str]] | None:
    for rank, rx in _NUMBERINGS:
        m = rx.match(text)
        if m:
            n = m.group("n") or (m.groupdict().get("m") or "")
            return rank, n, m
    return None


def _heading_like(text: str) -> bool:
    return len(text) < 20 and not _PUNCT.search(text)


def _continues(prev: Para, nxt: ParaBlock) -> bool:
    if prev.heading or nxt.heading or numbering(nxt.text) is not None:
        return False
    if _ANNOTATION_LINE.match(nxt.text) or nxt.text[:1] in "）)，。；、,;":
        return True
    if _unclosed(prev.text):
        return True
    if prev.text[-1:] in _TERMINAL or _heading_like(prev.text) or DATE_LINE.match(nxt.text):
        return False
    # A numbered heading (（一）加强决策公开) is complete without a full stop.
    return numbering(prev.text) is None or len(prev.text) > 40 or re.search(r"[，。；,;]", prev.text) is not None


def _unclosed(text: str) -> bool:
    """An annotation broken inside its bracket: （牵头单位：X；配合单位： / A、B）."""
    depth = 0
    for ch in text[-80:]:
        if ch in "（(":
            depth += 1
        elif ch in "）)" and depth:
            depth -= 1
    return depth > 0 and _ANNOTATION_LINE.search(text[text.rfind("（") if "（" in text else text.rfind("(") :]) is not None


def paragraphs(blocks: list[ParaBlock]) -> list[Para]:
    """Rejoin lines into paragraphs. Blank lines alone do not end a paragraph: a page break does not."""
    out: list[Para] = []
    for block in blocks:
        text = block.text.translate(_FULLWIDTH_DIGITS).rstrip()
        if not text.strip():
            continue
        if out and _continues(out[-1], ParaBlock(text, block.line, block.heading, block.bold)):
            prev = out[-1]
            sep = " " if prev.text[-1:].isascii() and prev.text[-1:].isalnum() and text[:1].isascii() and text[:1].isalnum() else ""
            prev.marks.append((len(prev.text) + len(sep), block.line))
            prev.text = prev.text + sep + text
            continue
        out.append(Para(text, block.line, [(0, block.line)], block.heading, list(block.bold)))
    return out


@dataclass
class Node:
    rank: int
    mark: str
    num: int
    parent: Node | None
    head: Para | None = None  # the numbered paragraph, numbering taken off
    head_title: str | None = None  # bold run right after the number
    body: list[Para] = field(default_factory=list)
    children: list[Node] = field(default_factory=list)

    @property
    def chain(self) -> list[Node]:
        out: list[Node] = []
        node: Node | None = self
        while node is not None and node.rank > 0:
            out.append(node)
            node = node.parent
        return out[::-1]

    @property
    def number(self) -> str:
        return "".join(n.mark for n in self.chain)

    @property
    def id(self) -> str:
        return "-".join(str(n.num) for n in self.chain)

    @property
    def heading_only(self) -> bool:
        if self.head is None:
            return False
        t = self.head.text.strip()
        if not t:
            return True
        if len(t) > 40 or _ANNOTATION_LINE.search(t) or "（牵头" in t:
            return False
        if self.head.heading:
            return not re.search(r"[。！？；;]", t.rstrip("。"))
        return not re.search(r"[。！？；;]", t)


def _mark(rank: int, n: str) -> str:
    return {1: n, 2: f"（{n}）", 3: n, 4: f"（{n}）", 5: n}[rank]


def build_tree(paras: list[Para]) -> Node:
    root = Node(0, "", 0, None)
    stack: list[Node] = [root]
    for para in paras:
        if _APPENDIX.match(para.text):
            del stack[1:]
            continue
        num = numbering(para.text)
        if num is None:
            stack[-1].body.append(para)
            continue
        rank, n, m = num
        while stack[-1].rank >= rank:
            stack.pop()
        cut = m.end()
        head = Para(para.text[cut:], para.line, [(max(0, o - cut), ln) for o, ln in para.marks], para.heading, [(a - cut, b - cut) for a, b in para.bold])
        node = Node(rank, _mark(rank, n), cn_small(n), stack[-1], head)
        for a, b in head.bold:
            if a <= 0 < b:
                node.head_title = head.text[:b].strip().rstrip("。.：:； ")
                rest = head.text[b:]
                shift = b + len(rest) - len(rest.lstrip())
                head.text = rest.lstrip()
                head.marks = [(max(0, o - shift), ln) for o, ln in head.marks]
                break
        stack[-1].children.append(node)
        stack.append(node)
    return root


# --- clauses --------------------------------------------------------------------------------


@dataclass
class Clauses:
    sections: list[DraftSection] = field(default_factory=list)
    clauses: list[DraftClause] = field(default_factory=list)


def _split_title(text: str) -> tuple[str | None, str]:
    """A short first sentence with no comma is a title (推进网上办事服务公开。…)."""
    m = re.match(r"^([^。！？\n]{2,30})[。！？]", text)
    if m and not re.search(r"[，,；;：:]", m.group(1)) and text[m.end() :].strip():
        return m.group(1).strip(), text[m.end() :].lstrip()
    return None, text


def _derived_title(text: str) -> str:
    first = re.split(r"[，,；;。！？\n]", text.strip(), maxsplit=1)[0].strip()
    first = re.sub(r"^(?:要|应当|应|须|必须)", "", first)
    return first if len(first) <= 30 else first[:30] + "…"


class _Walker:
    def __init__(self, ctx: DateContext, first_is_lead: bool, running_in: set[int] | None = None) -> None:
        self.ctx = ctx
        self.first_is_lead = first_is_lead
        self.running_in = running_in  # the top-level parts where running text may state roles (None: all)
        self.explicit = 0  # clauses closed by a bracket, a label or a sentence of their own
        self.running = 0  # clauses closed by roles inside running text
        self.marked: set[int] = set()  # the top-level parts with a clause of the first kind
        self.out = Clauses()
        self.made: set[int] = set()
        self.by_node: dict[int, list[DraftClause]] = {}
        self.silent: list[tuple[Node, str | None, int]] = []

    def unannotated(self) -> None:
        """Items without an annotation.

        Under an annotated heading whose items carry none, each item takes the heading's
        units (a doubt says so) and the heading, if it was only a heading, is no task of its
        own. Among annotated siblings, an item without one is a task whose units are missing.
        """
        drop: set[int] = set()
        for node, section, index in reversed(self.silent):
            siblings = node.parent.children if node.parent is not None else []
            if self.closes_list(node, siblings):
                continue
            owner = next((a for a in _ancestors(node) if id(a) in self.by_node), None)
            if any(id(s) in self.made for s in siblings):
                resp, key, args = Responsibility(), "import.doubt.no_annotation", {}
            elif owner is not None:
                source = self.by_node[id(owner)][-1]
                resp = Responsibility(list(source.resp.lead), source.resp.lead_open, list(source.resp.cooperate), source.resp.cooperate_open)
                key, args = "import.doubt.inherited", {"number": owner.number}
                own = self.by_node[id(owner)]
                if len(own) == 1 and own[0].text in (own[0].title, ""):
                    drop.add(id(own[0]))
            else:
                continue
            paras = _drop_signature(([node.head] if node.head is not None and node.head.text.strip() else []) + node.body)
            text = "\n".join(p.text for p in paras).strip()
            title = node.head_title
            if title is None:
                t, rest = _split_title(text)
                title, text = (t, rest) if t else (_derived_title(text), text)
            clause = DraftClause(node.number, node.id, section or node.number, title or "", text, resp, line=node.head.line if node.head else None)
            clause.notes.append(note(key, "lead", **args))
            found = find_deadlines(text, self.ctx)
            if found:
                clause.deadline = found[0]
                clause.notes.extend(found[0].notes)
            self.out.clauses.insert(index, clause)
        self.out.clauses = [c for c in self.out.clauses if id(c) not in drop]

    def closes_list(self, node: Node, siblings: list[Node]) -> bool:
        """1.… 2.… 3.…（责任单位：…）: an annotation after the last item, none before, is the whole list's.

        The items' texts join the last one's clause, which becomes the parent's.
        """
        last = siblings[-1] if siblings else None
        if last is None or node is last or node.parent is None or node.parent.rank == 0:
            return False
        if [s for s in siblings if id(s) in self.made] != [last] or len(self.by_node.get(id(last), [])) != 1:
            return False
        closing = self.by_node[id(last)][0]
        paras = _drop_signature(([node.head] if node.head is not None and node.head.text.strip() else []) + node.body)
        closing.text = "\n".join([*(p.text for p in paras), closing.text]).strip()
        parent = node.parent
        if closing.number != parent.number:
            closing.number, closing.id = parent.number, parent.id
            closing.title = parent.head_title or _derived_title(parent.head.text if parent.head else closing.text)
            closing.notes.append(note("import.doubt.closes_list", "lead", number=parent.number))
        return True

    def walk(self, node: Node, section: str | None) -> None:
        # 1. 推进决策公开 alone on its line is an item's heading, not a section.
        is_section = bool(node.children) or (node.heading_only and node.rank <= 2)
        sec: DraftSection | None = None
        if is_section:
            title = node.head_title or _without_annotations(node.head.text if node.head else "", self.ctx)
            sec = DraftSection(node.number, title, section)
            self.out.sections.append(sec)
        made = self.clauses_of(node, node.number if sec else section)
        if made:
            self.made.add(id(node))
        elif sec is None and not node.children and node.head is not None:
            self.silent.append((node, section, len(self.out.clauses)))
        if sec is not None and not made:
            paras = _drop_signature(([node.head] if node.head and node.head_title and node.head.text.strip() else []) + node.body)
            sec.text = "\n".join(p.text for p in paras).strip() or None
        for child in node.children:
            self.walk(child, node.number if sec else section)

    def clauses_of(self, node: Node, section: str | None) -> bool:
        title: str | None = None
        heading = ""
        if node.heading_only:
            paras = list(node.body)
            heading = node.head_title or (node.head.text.strip().rstrip("。") if node.head else "")
        else:
            title = node.head_title
            paras = ([node.head] if node.head is not None and node.head.text.strip() else []) + node.body
        paras = _drop_signature(paras)
        if not paras:
            return False
        text, where = _concat(paras)
        part = _part(node)
        running_text = self.running_in is None or part in self.running_in
        found = find_annotations(text, first_is_lead=self.first_is_lead, ctx=self.ctx, running_text=running_text)
        if not found:
            return False
        self.running += sum(f.running for f in found)
        self.explicit += sum(not f.running for f in found)
        if any(not f.running for f in found):
            self.marked.update({part, id(node.chain[0]) if node.chain else part})
        start = 0
        if title is None and node.heading_only and node.rank >= 3:
            title = heading
        if title is None:
            t, rest = _split_title(text[: found[0].start])
            if t is not None:
                title, start = t, len(text[: found[0].start]) - len(rest)
            else:
                title = heading or _derived_title(text[: found[0].start] or text)
        number = node.number
        base_id = node.id if node.rank else f"p{where(0)}"
        for k, f in enumerate(found, start=1):
            raw = text[start : f.start]
            lead_in = len(raw) - len(raw.lstrip(" \n\u3000，,；;。."))
            body = raw.strip(" \n\u3000，,；;").lstrip("。.") if k > 1 else raw.strip(" \n\u3000，,；;")
            if not body and k == 1 and len(found) == 1:
                body = heading or title
            clause = DraftClause(
                number=number,
                id=base_id + (_letter(k) if len(found) > 1 else ""),
                section=section or number,
                title=title,
                text=body,
                resp=f.resp,
                clause=k if len(found) > 1 else None,
                line=where(start + lead_in),
            )
            clause.notes.extend(f.resp.notes)
            clause.deadline = self.deadline(body, f.resp)
            if clause.deadline is not None:
                clause.notes.extend(clause.deadline.notes)
            if not number:
                clause.notes.append(note("import.doubt.unnumbered", None))
            self.out.clauses.append(clause)
            self.by_node.setdefault(id(node), []).append(clause)
            start = f.end
        tail = text[start:].strip(" \n\u3000，,；;。.")
        last = self.out.clauses[-1]
        label = _TIME_LABEL.match(tail)
        if label and len(label.group(0).rstrip("。；; ")) >= len(tail) - 1:
            # …（牵头单位：X）完成时限：2019年12月底前。 belongs to the clause before it
            if last.deadline is None:
                last.deadline = parse_cell(label["value"], self.ctx)
                if last.deadline is not None:
                    last.notes.extend(last.deadline.notes)
            tail = ""
        if tail:
            self.out.clauses[-1].notes.append(note("import.doubt.trailing_text", "text", text=tail[:40]))
        return True

    def deadline(self, body: str, resp: Responsibility) -> Deadline | None:
        if resp.due_text:
            return parse_cell(resp.due_text, self.ctx)
        label = _TIME_LABEL.search(body)
        if label:
            return parse_cell(label["value"], self.ctx)
        found = find_deadlines(body, self.ctx)
        if not found:
            return None
        first = found[0]
        if len({(d.due, d.repeat, d.ongoing) for d in found}) > 1:
            first.notes.append(note("import.doubt.several_deadlines", "due", text="；".join(d.text for d in found)))
        return first


def _without_annotations(text: str, ctx: DateContext) -> str:
    """A heading such as 推进财政公开（牵头单位：县财政局） without its annotation."""
    for f in reversed(find_annotations(text, first_is_lead=False, ctx=ctx)):
        text = text[: f.start] + text[f.end :]
    return text.strip().rstrip("。")


def _part(node: Node) -> int:
    """The part of the plan an item belongs to: its top-level section (四、保障措施 for 四（一）), or the
    whole plan for a top-level item, whose siblings are the other parts."""
    chain = node.chain
    if len(chain) > 1:
        return id(chain[0])
    return id(node.parent if node.parent is not None else node)


def _ancestors(node: Node) -> list[Node]:
    out: list[Node] = []
    parent = node.parent
    while parent is not None and parent.rank > 0:
        out.append(parent)
        parent = parent.parent
    return out


def _letter(k: int) -> str:
    letters = "abcdefghijklmnopqrstuvwxyz"
    return letters[k - 1] if k <= 26 else letters[(k - 1) // 26 - 1] + letters[(k - 1) % 26]


def _drop_signature(paras: list[Para]) -> list[Para]:
    """A plan ends with the issuer and a date: they belong to no item."""
    out = list(paras)
    while out and (DATE_LINE.match(out[-1].text.strip()) or (len(out) >= 2 and DATE_LINE.match(out[-1].text.strip()))):
        out.pop()
        if out and _heading_like(out[-1].text):
            out.pop()
    return out


def _concat(paras: list[Para]) -> tuple[str, _Where]:
    parts: list[str] = []
    offsets: list[tuple[int, Para]] = []
    pos = 0
    for p in paras:
        if parts:
            parts.append("\n")
            pos += 1
        offsets.append((pos, p))
        parts.append(p.text)
        pos += len(p.text)
    return "".join(parts), _Where(offsets)


class _Where:
    def __init__(self, offsets: list[tuple[int, Para]]) -> None:
        self.offsets = offsets

    def __call__(self, offset: int) -> int:
        base, para = self.offsets[0]
        for off, p in self.offsets:
            if off <= offset:
                base, para = off, p
        return para.line_at(offset - base)


def clauses(root: Node, ctx: DateContext, *, first_is_lead: bool, marked_elsewhere: int = 0) -> Clauses:
    """The plan's clauses. A plan that marks at least half its responsibilities in brackets, labels or a
    task table (``marked_elsewhere`` clauses) marks them all that way: there, 由X牵头，… inside a
    sentence is prose and makes no clause in a part (一、… 四、保障措施) that marks none. In a part
    that does, an item in running text is a task anyway (its siblings are), and its words name the units."""
    walker = _walk(root, ctx, first_is_lead, running_in=None)
    if walker.running and walker.explicit + marked_elsewhere >= walker.running:
        walker = _walk(root, ctx, first_is_lead, running_in=walker.marked)
    return walker.out


def _walk(root: Node, ctx: DateContext, first_is_lead: bool, *, running_in: set[int] | None) -> _Walker:
    walker = _Walker(ctx, first_is_lead, running_in)
    walker.clauses_of(root, None)
    for child in root.children:
        walker.walk(child, None)
    walker.unannotated()
    return walker


__all__ = ["Clauses", "Node", "Para", "build_tree", "clauses", "numbering", "paragraphs"]
