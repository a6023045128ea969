"""Small pieces of text that terminal reports and exported files share."""

from __future__ import annotations

import unicodedata

from ..i18n import Lang, join, t


def names(items: list[str], is_open: bool, lang: Lang) -> str:
    """A list of unit names as the plan writes it, with 等部门 when the plan leaves it open."""
    text = join(items, lang)
    return f"{text}{t('open.more', lang)}" if is_open and items else text


def display_width(text: str) -> int:
    """Columns ``text`` takes in a fixed-width grid: a wide (CJK) character counts two."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)
