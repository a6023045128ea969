"""催报 notices in the register an office writes them, as Markdown or plain text. Nothing is sent;
the sender and the reply deadline are left for the office to fill in."""

from __future__ import annotations

import datetime as dt

from ..i18n import Lang, t
from ..models import Ledger
from ..names import names_then
from ..remind import Item, Reminder
from .labels import unit_name

_ORDINALS = "一二三四五六七八九十"


def long_date(day: dt.date, lang: Lang) -> str:
    return f"{day.year}年{day.month}月{day.day}日" if lang == "zh" else day.isoformat()


def _item(item: Item, lang: Lang, which: str) -> str:
    task = item.state.task
    period = item.obligation.period if item.obligation is not None else None
    head = f"{task.number} {task.title}" + (f" {period}" if period else "")
    who = t("remind.who", lang, id=task.id, role=t("role." + item.role, lang))
    if which == "overdue":
        assert item.obligation is not None and item.obligation.due is not None
        return t("remind.item.overdue", lang, head=head, who=who, due=long_date(item.obligation.due, lang), days=item.days)
    if which == "due_soon":
        assert item.obligation is not None and item.obligation.due is not None
        return t("remind.item.due_soon", lang, head=head, who=who, due=long_date(item.obligation.due, lang), days=item.days)
    last = item.state.last_report
    if last is None:
        return t("remind.item.never", lang, head=head, who=who)
    return t("remind.item.missing", lang, head=head, who=who, last=long_date(last, lang))


def _worded(item: Item, lang: Lang, which: str, memo: dict[tuple[int, str], str] | None) -> str:
    if memo is None:
        return _item(item, lang, which)
    key = (id(item), which)
    line = memo.get(key)
    if line is None:
        line = memo[key] = _item(item, lang, which)
    return line


def notices(found: list[Reminder], ledger: Ledger, lang: Lang, *, markdown: bool) -> dict[str, str]:
    """Each unit's notice. An item reached through a group is the same object in every member's
    reminder (``remind.reminders``), so its line is worded once."""
    memo: dict[tuple[int, str], str] = {}
    return {rem.unit: notice(rem, ledger, lang, markdown=markdown, memo=memo) for rem in found}


def notice(rem: Reminder, ledger: Ledger, lang: Lang, *, markdown: bool, memo: dict[tuple[int, str], str] | None = None) -> str:
    """``memo``: lines already worded, by item identity; keep it no longer than the reminders it words."""
    plan = ledger.plan
    doc = t("remind.doc", lang, doc=plan.doc_number) if plan.doc_number else ""
    title = t("remind.title", lang, plan=plan.title)
    to = unit_name(rem.unit, names_then(ledger, rem.as_of), lang)  # a unit renamed since is addressed as it was then
    lines = [f"## {title}" if markdown else title, "", t("remind.to", lang, unit=to), ""]
    if not rem:
        lines += [t("remind.nothing", lang, plan=plan.title, doc=doc, date=long_date(rem.as_of, lang)), ""]
    else:
        lines += [t("remind.opening", lang, plan=plan.title, doc=doc, date=long_date(rem.as_of, lang)), ""]
        sections = [("overdue", rem.overdue), ("due_soon", rem.due_soon), ("missing", rem.report_missing)]
        shown = [(which, items) for which, items in sections if items]
        for n, (which, items) in enumerate(shown):
            heading = t(f"remind.h.{which}", lang, n=len(items), days=rem.within)
            if lang == "zh":
                heading = f"{_ORDINALS[n]}、{heading}"
            lines.append(f"**{heading}**" if markdown else heading)
            lines += [f"{i}. {_worded(item, lang, which, memo)}" for i, item in enumerate(items, 1)]
            lines.append("")
        lines += [t("remind.closing", lang), ""]
    # Markdown joins the lines of a paragraph; two trailing spaces keep the date under the sender.
    lines += [t("remind.sender", lang) + ("  " if markdown else ""), long_date(rem.as_of, lang)]
    return "\n".join(lines) + "\n"
