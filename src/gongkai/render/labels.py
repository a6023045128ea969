"""Small pieces of text that terminal reports and exported files share."""

from __future__ import annotations

import unicodedata

from ..i18n import Lang, join, t
from ..names import NamesThen


def unit_name(name: str, then: NamesThen | None, lang: Lang) -> str:
    """A unit's name on the report's day; for a unit renamed since, that name with today's beside it."""
    if then is None or name not in then.then:
        return name
    return t("name.then_now", lang, then=then.then[name], now=then.now[name])


def names(items: list[str], is_open: bool, lang: Lang, then: NamesThen | None = None) -> str:
    """A list of unit names as the plan writes it, with 等部门 when the plan leaves it open;
    with ``then``, each as it was named on the report's day."""
    text = join([unit_name(n, then, lang) for n in items] if then is not None and then.then else items, lang)
    return f"{text}{t('open.more', lang)}" if is_open and items else text


def display_width(text: str) -> int:
    """Columns ``text`` takes in a fixed-width grid: a wide (CJK) character counts two."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def days_after_due_text(days: int, lang: Lang) -> str:
    """'提前 3 天' / '按期' / '迟 12 天' for a fulfilment ``days`` after its deadline."""
    if days < 0:
        return t("time.early", lang, n=-days)
    if days == 0:
        return t("time.on_time", lang)
    return t("time.late", lang, n=days)
