"""Deadlines as an iCalendar file (icalendar): one all-day event per deadline of a one-off
task and per period of a recurring duty, so a unit can subscribe in its calendar.
Ongoing duties (长期坚持) have no date and so no event."""

from __future__ import annotations

import datetime as dt

from icalendar import Alarm, Calendar, Event

from ..i18n import join, t
from ..queries import Obligation, Reason
from ..render.terminal import visible
from .rows import Row, Sheet


def _line(text: str) -> str:
    """A one-line property value: iCalendar holds no control character, and a name no line break."""
    return " ".join(visible(text).split("\n"))


def _uid(sheet: Sheet, ob: Obligation) -> str:
    # Stable across exports, so a subscribed calendar updates events instead of duplicating them;
    # the plan's id keeps the tasks of a workspace's plans apart.
    key = f"{ob.task.id}.{ob.period}" if ob.period else ob.task.id
    return f"{key}@{sheet.ledger.plan.id}.gongkai"


def _summary(sheet: Sheet, row: Row, ob: Obligation) -> str:
    lang = sheet.lang
    text = row.task if ob.period is None else t("export.ics.period", lang, task=row.task, period=ob.period)
    if ob.fulfilled:
        mark = "export.ics.reported" if ob.period else "export.ics.closed"
        return t(mark, lang) + text
    if ob.due is not None and ob.due < sheet.as_of:
        return t("export.ics.overdue", lang) + text
    return text


def _description(sheet: Sheet, row: Row) -> str:
    lang = sheet.lang
    heads = dict(zip(("seq", "task", "text", "lead", "cooperate", "due", "progress", "status"), sheet.headers, strict=False))
    lines = [
        f"{heads['lead']}: {row.lead}",
        f"{heads['cooperate']}: {row.cooperate or '—'}",
        f"{heads['due']}: {row.due}",
        f"{heads['status']}: {row.status}",
    ]
    if row.role:
        lines.append(f"{t('export.col.role', lang)}: {row.role}")
    lines += ["", row.text]
    if row.progress:
        lines += ["", f"{heads['progress']}:", row.progress]
    lines += ["", f"{t('col.id', lang)}: {row.state.task.id}  ({sheet.ledger.plan.title})"]
    return "\n".join(lines)


def _calendar(name: str) -> Calendar:
    cal = Calendar()
    cal.add("prodid", "-//gongkai//task ledger export//ZH")
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("method", "PUBLISH")
    cal.add("x-wr-calname", _line(name))
    return cal


def build(sheet: Sheet) -> Calendar:
    name = sheet.title if sheet.unit is not None else t("export.ics.calname", sheet.lang, title=sheet.ledger.plan.title)
    cal = _calendar(name)
    _add_events(cal, sheet)
    return cal


def build_plans(sheets: list[Sheet]) -> Calendar:
    """One calendar for the deadlines of several plans (a workspace's): each event names its plan."""
    lang = sheets[0].lang
    cal = _calendar(t("export.ics.calname", lang, title=join([s.ledger.plan.title for s in sheets], lang)))
    for sheet in sheets:
        _add_events(cal, sheet)
    return cal


def _add_events(cal: Calendar, sheet: Sheet) -> None:
    stamp = dt.datetime.combine(sheet.as_of, dt.time(0, 0), tzinfo=dt.timezone.utc)
    for row in sheet.rows:
        if row.state.reason is Reason.CANCELLED:
            continue
        for ob in row.state.obligations:
            if ob.due is None:
                continue
            event = Event()
            event.add("uid", _uid(sheet, ob))
            event.add("dtstamp", stamp)
            event.add("dtstart", ob.due)
            event.add("dtend", ob.due + dt.timedelta(days=1))
            event.add("summary", _line(_summary(sheet, row, ob)))
            event.add("description", visible(_description(sheet, row)))
            event.add("categories", [t("reason." + row.state.reason.value, sheet.lang)])
            event.add("transp", "TRANSPARENT")
            if not ob.fulfilled and ob.due >= sheet.as_of:
                alarm = Alarm()
                alarm.add("action", "DISPLAY")
                alarm.add("description", _line(_summary(sheet, row, ob)))
                alarm.add("trigger", dt.timedelta(days=-3))
                event.add_component(alarm)
            cal.add_component(event)


def render(sheet: Sheet) -> bytes:
    data: bytes = build(sheet).to_ical()
    return data


def render_plans(sheets: list[Sheet]) -> bytes:
    data: bytes = build_plans(sheets).to_ical()
    return data
