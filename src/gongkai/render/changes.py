"""``gongkai changes`` as text for the terminal or Markdown to paste into a group chat or e-mail."""

from __future__ import annotations

from ..changes import Change, ChangesReport, Kind
from ..i18n import Lang, t
from ..models import Ledger
from ..names import NamesThen, names_then
from .labels import days_after_due_text, unit_name


def _paren(text: str, lang: Lang) -> str:
    return f"（{text}）" if lang == "zh" else f" ({text})"


def _what(change: Change, lang: Lang) -> str:
    task = change.task
    return f"{task.id} {task.title}" + (_paren(change.period, lang) if change.period else "")


def change_line(change: Change, lang: Lang, then: NamesThen | None = None) -> str:
    """``then``: the names of units renamed since, by which a reporting unit is named."""
    what = _what(change, lang)
    by = unit_name(change.by, then, lang) if change.by is not None else None
    k = change.kind
    if k is Kind.CLOSED:
        extra = t("sep.clause", lang) + days_after_due_text(change.days, lang) if change.days is not None else ""
        return t("changes.line.closed", lang, what=what, date=change.date, extra=extra)
    if k is Kind.CANCELLED:
        return t("changes.line.cancelled", lang, what=what, date=change.date or "—")
    if k is Kind.NEWLY_OVERDUE:
        return t("changes.line.newly_overdue", lang, what=what, due=change.due, days=change.days)
    if k is Kind.NEWLY_DUE_SOON:
        return t("changes.line.newly_due_soon", lang, what=what, due=change.due, days=change.days)
    if k is Kind.PROGRESS:
        moved = ""
        if change.status is not None:
            old = t("status." + change.old_status.value, lang) + "→" if change.old_status else ""
            moved = t("sep.word", lang) + old + t("status." + change.status.value, lang)
        note = t("sep.colon", lang) + change.note if change.note else ""
        return t("changes.line.progress", lang, what=what, date=change.date, by=by, moved=moved, note=note)
    if k is Kind.REPORT:
        return t("changes.line.report", lang, what=what, date=change.date, by=by)
    if k is Kind.LATE_REPORT:
        return t("changes.line.late_report", lang, what=what, date=change.date, by=by, days=change.days)
    last = change.last_report.isoformat() if change.last_report else t("changes.never", lang)
    return t("changes.line.not_reported", lang, what=what, last=last)


def summary_line(report: ChangesReport, lang: Lang) -> str:
    parts = [t(f"changes.count.{k.value}", lang, n=n) for k, n in report.counts.items() if n]
    return t("sep.list", lang).join(parts) if parts else t("changes.nothing", lang)


def changes_text(report: ChangesReport, ledger: Ledger, lang: Lang, *, markdown: bool) -> str:
    """The whole report as lines; Markdown adds a bold title, bold units and list bullets."""
    title = t("changes.title", lang, plan=ledger.plan.title, since=report.since.isoformat(), until=report.until.isoformat())
    lines = [f"**{title}**" if markdown else title, "", summary_line(report, lang)]
    then = names_then(ledger, report.until)  # a unit renamed after the window is named as it was in it
    for unit in report.units:
        name = unit_name(unit.unit, then, lang)
        lines += ["", f"**{name}**" if markdown else name]
        lines += [("- " if markdown else "  ") + change_line(c, lang, then) for c in unit.changes]
    return "\n".join(lines) + "\n"
