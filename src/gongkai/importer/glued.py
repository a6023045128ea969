"""Numbering glued into running text: a whole plan on one line, or a table flattened to text.

Web archives and PDF extraction often lose every line break, so item numbers sit in the
middle of a line (…2019年11月底三、支持… / …2018年底前12.加强…). A number is taken as an
item's number only when it continues its level's sequence (一、 after 一、 comes 二、), so
统一、规范 or a date never starts an item. Levels nest: 一、 > （一） > 1. > （1）; within each
segment of a level the next level may restart at 1 or continue the plan-wide count.
"""

from __future__ import annotations

import itertools
import re

from .deadlines import cn_int

_CN = "一二三四五六七八九十"
# (pattern, value of the number); a first number needs a boundary before it.
_LEVELS: list[re.Pattern[str]] = [
    re.compile(rf"(?<![{_CN}第])(?P<n>[{_CN}]{{1,3}})[、．]"),
    re.compile(rf"[（(](?P<n>[{_CN}]{{1,3}})[）)]"),
    re.compile(r"(?<![\d.．:：/\-])(?P<n>\d{1,2})[.．、](?![\d%])"),
    re.compile(r"[（(](?P<n>\d{1,2})[）)]"),
]
_BOUNDARY = set("。；;：:！？!? \t\u3000）)”」\n")
MIN_LENGTH = 200  # a line shorter than this is an ordinary paragraph: left alone


def _value(s: str) -> int:
    return int(s) if s.isdecimal() else cn_int(s)


def _two_follows(text: str, start: int, end: int, rx: re.Pattern[str]) -> bool:
    return any(m["n"] in ("二", "2") for m in rx.finditer(text, start, end))


def _sequence(text: str, start: int, end: int, rx: re.Pattern[str], last: list[int]) -> list[int]:
    """Offsets of the numbers of one level in text[start:end] that count 1, 2, 3… (or go on from ``last``)."""
    out: list[int] = []
    expected: set[int] = {1, last[0] + 1, last[0] + 2} if rx is _LEVELS[2] else {1, last[0] + 1}
    for m in rx.finditer(text, start, end):
        try:
            value = _value(m["n"])
        except (KeyError, ValueError):
            continue
        if value not in expected:
            continue
        before = text[m.start() - 1] if m.start() > 0 else "\n"
        if not out and value == 1 and m.start() > start and before not in _BOUNDARY and rx is _LEVELS[0] and not _two_follows(text, m.end(), end, rx):
            continue  # 统一、规范 is no item, unless 二、 follows
        out.append(m.start())
        last[0] = value
        expected = {value + 1, value + 2} if rx is _LEVELS[2] else {value + 1}  # a skipped row number happens
    if len(out) == 1 and last[0] == 1 and rx is _LEVELS[2]:
        last[0] = 0  # a lone 1. is more likely a figure than a list of one item
        return []
    return out


def _split(text: str, start: int, end: int, level: int, lasts: list[list[int]], cuts: list[int]) -> None:
    if level >= len(_LEVELS):
        return
    found = _sequence(text, start, end, _LEVELS[level], lasts[level])
    if len(found) < 2 and level == 0 and not found:
        _split(text, start, end, level + 1, lasts, cuts)
        return
    bounds = [start, *found, end]
    cuts.extend(found)
    for a, b in itertools.pairwise(bounds):
        if b > a:
            _split(text, a, b, level + 1, lasts, cuts)


def split_glued(text: str) -> list[str]:
    """Cut a long line before every item number that continues its level's sequence."""
    if len(text) < MIN_LENGTH:
        return [text]
    cuts: list[int] = []
    _split(text, 0, len(text), 0, [[0] for _ in _LEVELS], cuts)
    if len(cuts) < 2:
        return [text]
    points = sorted(set(cuts))
    # A space before the next number stays (as one): in a flattened table it is an empty last cell.
    pieces = [re.sub(r"\s+$", " ", text[a:b].lstrip()) for a, b in zip([0, *points], [*points, len(text)], strict=False)]
    return [p for p in pieces if p.strip()]


__all__ = ["MIN_LENGTH", "split_glued"]
