"""Word's automatic numbering: the labels Word draws (一、 （一） 1. （1） ①) as if they were typed.

A numbered paragraph carries ``w:numPr`` (a list id and a level), in itself or through its
style; ``numbering.xml`` gives each level's format (chineseCounting, decimal,
decimalEnclosedCircle …), its text pattern (``%1、``, ``（%1）``) and its start. Counters run per
list; a higher level resets the levels below it.
"""

from __future__ import annotations

from typing import Any

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_CN_DIGITS = "零一二三四五六七八九"
_CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳"


def chinese(n: int) -> str:
    """1 → 一, 10 → 十, 12 → 十二, 21 → 二十一 (the counting Word uses for chineseCounting)."""
    if n <= 0 or n >= 100:
        return str(n)
    tens, ones = divmod(n, 10)
    head = "" if tens == 0 else ("十" if tens == 1 else _CN_DIGITS[tens] + "十")
    return head + (_CN_DIGITS[ones] if ones else "")


def _format(n: int, fmt: str) -> str:
    if fmt.startswith(("chinese", "ideograph", "taiwanese", "japanese")):
        return chinese(n)
    if fmt == "decimalEnclosedCircle" or fmt.startswith("decimalEnclosedCircle"):
        return _CIRCLED[n - 1] if 1 <= n <= len(_CIRCLED) else str(n)
    if fmt == "lowerLetter":
        return chr(ord("a") + (n - 1) % 26)
    if fmt == "upperLetter":
        return chr(ord("A") + (n - 1) % 26)
    if fmt == "none" or fmt == "bullet":
        return ""
    return str(n)


class Numbering:
    """Label each numbered paragraph in document order."""

    def __init__(self, document: Any) -> None:
        self.levels: dict[str, dict[int, tuple[str, str, int]]] = {}  # numId -> ilvl -> (fmt, text, start)
        self.style_num: dict[str, tuple[str, int]] = {}
        self.counters: dict[str, dict[int, int]] = {}
        try:
            root = document.part.numbering_part.element
        except (NotImplementedError, KeyError, AttributeError):
            return
        abstract: dict[str, dict[int, tuple[str, str, int]]] = {}
        for node in root.iter(f"{_W}abstractNum"):
            levels: dict[int, tuple[str, str, int]] = {}
            for lvl in node.iter(f"{_W}lvl"):
                levels[int(lvl.get(f"{_W}ilvl", "0"))] = (_val(lvl, "numFmt", "decimal"), _val(lvl, "lvlText", ""), int(_val(lvl, "start", "1") or 1))
            abstract[node.get(f"{_W}abstractNumId", "")] = levels
        for num in root.iter(f"{_W}num"):
            ref = num.find(f"{_W}abstractNumId")
            if ref is not None:
                self.levels[num.get(f"{_W}numId", "")] = abstract.get(ref.get(f"{_W}val", ""), {})
        for style in getattr(document.styles, "element", root).iter(f"{_W}style"):
            num_pr = style.find(f"{_W}pPr/{_W}numPr")
            if num_pr is not None:
                self.style_num[style.get(f"{_W}styleId", "")] = _num_pr(num_pr)

    def label(self, paragraph: Any, style_id: str | None) -> str:
        """The label Word draws before this paragraph, or ''."""
        num_pr = paragraph.find(f"{_W}pPr/{_W}numPr")
        num_id, level = _num_pr(num_pr) if num_pr is not None else self.style_num.get(style_id or "", ("", 0))
        levels = self.levels.get(num_id)
        if not levels or level not in levels:
            return ""
        counters = self.counters.setdefault(num_id, {})
        fmt, text, start = levels[level]
        counters[level] = counters.get(level, start - 1) + 1
        for deeper in [k for k in counters if k > level]:
            del counters[deeper]
        out = text
        for k, (k_fmt, _, k_start) in sorted(levels.items()):
            if f"%{k + 1}" in out:
                out = out.replace(f"%{k + 1}", _format(counters.get(k, k_start), k_fmt))
        return "" if fmt in ("bullet", "none") else out


def _val(node: Any, tag: str, default: str) -> str:
    child = node.find(f"{_W}{tag}")
    return str(child.get(f"{_W}val", default)) if child is not None else default


def _num_pr(num_pr: Any) -> tuple[str, int]:
    return _val(num_pr, "numId", ""), int(_val(num_pr, "ilvl", "0") or 0)


__all__ = ["Numbering", "chinese"]
