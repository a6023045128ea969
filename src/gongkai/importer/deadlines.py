"""Deadline phrases: 2018年12月底前, 6月30日前, 年底前, 30个工作日内, 每季度, 长期坚持 ...

Each phrase keeps its wording beside the parsed value. In running text a date only counts
as a deadline when it says so (…前, …底, …完成); in a deadline cell or a 完成时限 label
the whole cell is the deadline, and a cell that cannot be parsed is a doubt.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass, field

from ..models import Cycle
from ..periods import month_end
from .blocks import Note, note

_FULLWIDTH = str.maketrans("０１２３４５６７８９－／．", "0123456789-/.")
_CN_DIGIT = {"〇": 0, "零": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}


def cn_int(s: str) -> int:
    """12, 十二, 二十, 三十一, 二〇一八 -> int."""
    s = s.strip()
    if s.isdecimal():
        return int(s)
    if "十" not in s:
        return int("".join(str(_CN_DIGIT[c]) for c in s))
    tens, _, ones = s.partition("十")
    return (_CN_DIGIT[tens] if tens else 1) * 10 + (_CN_DIGIT[ones] if ones else 0)


@dataclass(frozen=True)
class DateContext:
    year: int | None  # the plan's year, for 6月30日前 and 年底前
    issued: dt.date | None


@dataclass
class Deadline:
    text: str
    start: int
    end: int
    due: dt.date | None = None
    repeat: Cycle | None = None
    ongoing: bool = False
    notes: list[Note] = field(default_factory=list)


_Y = r"(?P<y>\d{4}|[〇零一二三四五六七八九]{4})\s*年\s*"
_M = r"(?P<m>1[0-2]|0?[1-9]|十[一二]?|[一二三四五六七八九])\s*月\s*"
_D = r"(?P<d>3[01]|[12]\d|0?[1-9]|[二三]?十[一二三四五六七八九]?|[一二三四五六七八九])\s*[日号]"
_BEFORE = r"(?:前|以前|之前|为止|止)"
_NUM = r"(?P<n>\d{1,3}|[一二三四五六七八九十两]{1,3})"

_PATTERNS: list[tuple[str, re.Pattern[str]]] = [
    ("iso", re.compile(rf"(?P<y>\d{{4}})[-/.](?P<m>1[0-2]|0?[1-9])[-/.](?P<d>3[01]|[12]\d|0?[1-9])(?!\d)\s*(?P<suf>{_BEFORE}|完成)?")),
    ("day", re.compile(rf"(?:{_Y})?{_M}{_D}\s*(?P<suf>{_BEFORE}|完成)?")),
    ("month", re.compile(rf"(?:{_Y})?{_M}(?P<part>底|末|中旬|上旬|下旬|初)?\s*(?P<suf>{_BEFORE}|完成)?")),
    ("year_end", re.compile(rf"(?:{_Y}(?:年)?|(?:今|本|当)年|(?<![\d〇零一二三四五六七八九十])年)(?:底|末)\s*(?:{_BEFORE})?")),
    ("within_year", re.compile(r"(?<![\d一二三四五六七八九十两几每])(?:年内|年度内|本年度内)")),
    ("half", re.compile(rf"(?:{_Y})?(?P<h>上|下)半年(?:底|末)?(?:前|内)?")),
    ("quarter", re.compile(rf"(?<!每)(?:{_Y})?第?(?P<q>[一二三四1-4])季度(?:末|底)?(?:前|内)?")),
    ("relative", re.compile(rf"{_NUM}\s*个?\s*(?P<unit>工作日|日|天|个月|月|周|星期)(?:以内|之内|内)")),
    ("recur", re.compile(rf"(?P<every>每(?:个)?月|按月|每(?:个)?季度?|按季度?|每半年|每(?:一)?年(?:度)?|按年度?|一年一次|每(?:个)?(?:周|星期|旬))(?:\s*{_M}(?:{_D}|底)?\s*(?:{_BEFORE})?)?")),
    ("periodic", re.compile(r"(?<![不])定期")),
    ("ongoing", re.compile(r"长期坚持|持续推进|长期推进|长期开展|持续开展|常态化推进|长期|常年")),
]
_ANCHOR = re.compile(r"(?:本方案|本通知|本文件|方案|通知|文件)(?:印发|下发|发布)(?:之日)?(?:起|后)")


def _year(m: re.Match[str], ctx: DateContext) -> tuple[int | None, bool]:
    if m.groupdict().get("y"):
        return cn_int(m["y"]), False
    return ctx.year, True


def find_deadlines(text: str, ctx: DateContext, *, whole: bool = False) -> list[Deadline]:
    """Every deadline phrase in ``text``, in order; ``whole`` is for a deadline cell."""
    original, text = text, text.translate(_FULLWIDTH)  # same length: offsets still hold
    hits: list[tuple[int, int, str, re.Match[str]]] = []
    for kind, rx in _PATTERNS:
        for m in rx.finditer(text):
            if m.end() > m.start():
                hits.append((m.start(), -(m.end() - m.start()), kind, m))
    hits.sort(key=lambda h: (h[0], h[1]))
    out: list[Deadline] = []
    taken = -1
    for start, _neg, kind, m in hits:
        if start < taken:
            continue
        d = _interpret(kind, m, text, ctx, whole)
        if d is not None:
            if d.text == m.group(0).strip():
                d.text = original[m.start() : m.end()].strip()
            out.append(d)
            taken = m.end()
    return out


def _standalone(text: str, start: int, end: int) -> bool:
    before = text[start - 1] if start > 0 else "，"
    after = text[end] if end < len(text) else "。"
    return before in "，。；、,;（(：:\n \u3000" and after in "，。；,;）)\n \u3000"


def _interpret(kind: str, m: re.Match[str], text: str, ctx: DateContext, whole: bool) -> Deadline | None:
    d = Deadline(m.group(0).strip(), m.start(), m.end())
    if kind in ("day", "month", "iso"):
        if not whole and not m["suf"] and not (kind == "month" and m["part"]):
            return None
        year, implied = _year(m, ctx)
        month = cn_int(m["m"])
        if year is None:
            d.notes.append(note("import.doubt.deadline_no_year", "due", text=d.text))
            return d
        if kind in ("day", "iso"):
            try:
                due = dt.date(year, month, cn_int(m["d"]))
            except ValueError:
                d.notes.append(note("import.doubt.deadline_unparsed", "due", text=d.text))
                return d
        else:
            part = m["part"] or ""
            last = month_end(year, month)
            due = {"上旬": last.replace(day=10), "中旬": last.replace(day=20), "初": last.replace(day=10)}.get(part, last)
            if not part and m["suf"] in ("前", "以前", "之前"):
                d.notes.append(note("import.doubt.month_before", "due", text=d.text, due=due.isoformat()))
        if implied and ctx.issued is not None and due < ctx.issued:
            due = due.replace(year=due.year + 1)
            d.notes.append(note("import.doubt.deadline_next_year", "due", text=d.text, due=due.isoformat()))
        d.due = due
        return d
    if kind in ("year_end", "within_year", "half", "quarter"):
        year, _implied = _year(m, ctx)
        if year is None:
            d.notes.append(note("import.doubt.deadline_no_year", "due", text=d.text))
            return d
        if kind == "half":
            d.due = dt.date(year, 6, 30) if m["h"] == "上" else dt.date(year, 12, 31)
        elif kind == "quarter":
            q = cn_int(m["q"])
            d.due = month_end(year, 3 * q)
        else:
            d.due = dt.date(year, 12, 31)
        return d
    if kind == "relative":
        return _relative(d, m, text, ctx)
    if kind == "recur":
        every = m["every"]
        if "月" in every:
            d.repeat = Cycle.MONTHLY
        elif "半年" in every:
            d.repeat = Cycle.HALF_YEARLY
        elif "季" in every:
            d.repeat = Cycle.QUARTERLY
        elif "年" in every:
            d.repeat = Cycle.YEARLY
        else:
            d.notes.append(note("import.doubt.cycle_unsupported", "repeat", text=d.text))
        return d
    if kind == "periodic":
        d.notes.append(note("import.doubt.cycle_unspecified", "repeat", text=d.text))
        return d
    # ongoing: in running text only as a phrase of its own (，长期坚持。), never 持续推进政务公开.
    if not whole and not _standalone(text, m.start(), m.end()):
        return None
    if d.text in ("长期", "常年") and not whole:
        return None
    d.ongoing = True
    return d


def _relative(d: Deadline, m: re.Match[str], text: str, ctx: DateContext) -> Deadline:
    """``印发之日起30个工作日内``: counted from the issue date the phrase is anchored to."""
    anchor = _ANCHOR.search(text, max(0, m.start() - 20), m.start())
    n = cn_int(m["n"])
    if anchor is None or ctx.issued is None:
        d.notes.append(note("import.doubt.deadline_relative", "due", text=d.text))
        return d
    d.text = text[anchor.start() : m.end()]
    unit = m["unit"]
    if unit in ("日", "天"):
        d.due = ctx.issued + dt.timedelta(days=n)
    elif unit in ("周", "星期"):
        d.due = ctx.issued + dt.timedelta(weeks=n)
    elif unit in ("个月", "月"):
        months = ctx.issued.month - 1 + n
        y, mo = ctx.issued.year + months // 12, months % 12 + 1
        d.due = dt.date(y, mo, min(ctx.issued.day, calendar.monthrange(y, mo)[1]))
    else:
        day, left = ctx.issued, n
        while left:
            day += dt.timedelta(days=1)
            if day.weekday() < 5:
                left -= 1
        d.due = day
        d.notes.append(note("import.doubt.working_days", "due", text=d.text, due=day.isoformat()))
    return d


def parse_cell(cell: str, ctx: DateContext) -> Deadline | None:
    """A 完成时限 cell or label value; unparseable wording is a doubt, never a guess."""
    text = cell.strip()
    if not text or text in ("-", "—", "/", "无"):
        return None
    found = find_deadlines(text, ctx, whole=True)
    if not found:
        return Deadline(text, 0, len(text), notes=[note("import.doubt.deadline_unparsed", "due", text=text)])
    first = found[0]
    first.text = text
    for other in found[1:]:
        first.notes.extend(other.notes)
        if first.due is None and other.due is not None:
            first.due = other.due
        first.repeat = first.repeat or other.repeat
        first.ongoing = first.ongoing or other.ongoing
    if len({x.due for x in found if x.due}) > 1:
        first.notes.append(note("import.doubt.several_deadlines", "due", text=text))
    return first
