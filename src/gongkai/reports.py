"""The read reports, from a loaded ledger to what is printed: the JSON data or the styled lines.

The command line calls these after typer has parsed the options; the fast path
(``fastpath``) calls the very same functions after parsing a well-formed command itself, so
both print the same bytes. Nothing here needs typer, rich or pydantic.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from .errors import UsageError
from .i18n import Lang
from .models import Ledger
from .queries import GroupMembers, TaskState, UnitView
from .render.plain import Doc, Terminal, render

TYPE_CHECKING = False  # not from typing: importing it is a noticeable part of a report
if TYPE_CHECKING:
    from typing import Any

    from .trend import Per, Trend
    from .workspace import Workspace

    Answer = Doc | Any  # styled lines, or the data printed as JSON


def text_of(answer: Answer, term: Terminal) -> str:
    """What the terminal gets: the lines rendered, text as it is, or the JSON."""
    if isinstance(answer, Doc):
        return render(answer, term)
    if isinstance(answer, str):
        return answer
    import json

    return json.dumps(answer, ensure_ascii=False, indent=2) + "\n"


def text_format(value: str) -> bool:
    """True for Markdown; anything but text or md is a usage error."""
    if value not in ("text", "md"):
        raise UsageError("err.time.bad_format", value=value)
    return value == "md"


def since_day(since: str, until: dt.date) -> dt.date:
    """The first day of a ``changes`` window, which may not come after its last."""
    from .dates import parse_user_date

    start = parse_user_date(since)
    if start > until:
        raise UsageError("err.time.window", since=start.isoformat(), until=until.isoformat())
    return start


def trend(ledger: Ledger, as_of: dt.date, lang: Lang, width: int, as_json: bool, *, per: str = "week") -> Answer:
    """``gongkai status --trend``: done and overdue at the end of each week or month."""
    from .trend import trend as trend_points

    points = trend_points(ledger, as_of, trend_per(per))
    if as_json:
        return trend_data(points)
    from .render.trendtext import trend as trend_text

    return trend_text(points, ledger.plan.title, lang, width)


def trend_per(per: str) -> Per:
    """``--per week`` or ``--per month``; anything else is a usage error."""
    from .trend import Per

    try:
        return Per(per)
    except ValueError:
        raise UsageError("err.time.bad_per", value=per) from None


def trend_data(points: Trend) -> Any:
    from .render import history_data

    return history_data.trend(points)


def changes(ledger: Ledger, as_of: dt.date, lang: Lang, width: int, as_json: bool, *, since: str, fmt: str = "text") -> Answer:
    """``gongkai changes``: the window from ``since`` to ``as_of`` (its ``--until``)."""
    from .changes import changes as changes_query
    from .render import history_data
    from .render.changes import changes_text

    markdown = text_format(fmt)
    report = changes_query(ledger, since_day(since, as_of), as_of)
    return history_data.changes(report) if as_json else changes_text(report, ledger, lang, markdown=markdown)


def remind_notices(ledger: Ledger, as_of: dt.date, lang: Lang, *, unit: str | None, markdown: bool, within: int | None) -> dict[str, str]:
    """Each unit's 催报 notice, by unit (for ``remind UNIT`` a unit, an alias or a group's members)."""
    from .render.remind import notices

    return notices(_reminders(ledger, as_of, unit, within), ledger, lang, markdown=markdown)


def _reminders(ledger: Ledger, as_of: dt.date, unit: str | None, within: int | None) -> list[Any]:
    from .names import Directory, suggest
    from .remind import reminders

    found = reminders(ledger, as_of, within, unit)
    if unit is not None and not found:
        raise UsageError("err.unknown_unit", name=unit, hint=suggest(unit, list(Directory(ledger).units)))
    return found


def remind(
    ledger: Ledger, as_of: dt.date, lang: Lang, width: int, as_json: bool, *, unit: str | None = None, fmt: str = "md", within: int | None = None
) -> Answer:
    """``gongkai remind`` to standard output: every notice, or the JSON."""
    from .i18n import t

    markdown = text_format(fmt)
    if as_json:
        from .render import history_data

        return history_data.reminders(_reminders(ledger, as_of, unit, within), as_of)
    texts = remind_notices(ledger, as_of, lang, unit=unit, markdown=markdown, within=within)
    if not texts:
        return t("remind.none", lang, date=as_of.isoformat()) + "\n"
    return ("\n" + "-" * 40 + "\n\n").join(texts.values())


def status(ledger: Ledger, as_of: dt.date, lang: Lang, width: int, as_json: bool, *, limit: int = 20) -> Answer:
    from .queries import status_summary
    from .render import data, text

    summary = status_summary(ledger, as_of)
    return data.status(summary) if as_json else text.status(summary, ledger, lang, limit=limit, width=width)


def overdue(
    ledger: Ledger, as_of: dt.date, lang: Lang, width: int, as_json: bool, *, within: int | None = None, words: Sequence[str] = (), by_unit: bool = False
) -> Answer:
    from .queries import overdue as overdue_query
    from .render import data, text

    narrowed = _narrow(ledger, as_of, words)
    report = overdue_query(narrowed, as_of, within)
    if as_json:
        return data.overdue(report)
    if by_unit:
        from .render.listing import overdue_by_unit

        return overdue_by_unit(report, narrowed, lang, width)
    return text.overdue(report, lang, width)


def _narrow(ledger: Ledger, as_of: dt.date, words: Sequence[str]) -> Ledger:
    """The tasks the filter words select; the filter language is loaded only when there are words."""
    if not words:
        return ledger
    from .filters import narrow

    return narrow(ledger, as_of, list(words))


def unit_or_group(ledger: Ledger, name: str, as_of: dt.date) -> UnitView | GroupMembers:
    """The unit's view; for a group's name, the group and the views of its members."""
    from .names import Directory, suggest
    from .queries import group_members, unit_view

    found = unit_view(ledger, name, as_of) or group_members(ledger, name, as_of)
    if found is None:
        raise UsageError("err.unknown_unit", name=name, hint=suggest(name, Directory(ledger).known_names()))
    return found


def unit(ledger: Ledger, as_of: dt.date, lang: Lang, width: int, as_json: bool, *, name: str, words: Sequence[str] = ()) -> Answer:
    from .render import data, text

    found = unit_or_group(_narrow(ledger, as_of, words), name, as_of)
    if isinstance(found, UnitView):
        return data.unit(found, as_of) if as_json else text.unit(found, as_of, lang, width)
    return data.group(found, as_of) if as_json else text.group(found, as_of, lang, width)


def units(ledger: Ledger, as_of: dt.date, lang: Lang, width: int, as_json: bool) -> Answer:
    from .queries import units_table
    from .render import data, text

    rows = units_table(ledger, as_of)
    return data.units(rows, as_of) if as_json else text.units(rows, as_of, lang, width)


def task_list(
    ledger: Ledger,
    as_of: dt.date,
    lang: Lang,
    width: int,
    as_json: bool,
    *,
    words: Sequence[str] = (),
    sort: str | None = None,
    limit: int = 0,
    columns: str | None = None,
    group_by: str | None = None,
) -> Answer:
    from .render.listing import parse_columns, task_list, task_list_data
    from .tasklist import list_tasks

    cols = parse_columns(columns)
    result = list_tasks(ledger, as_of, list(words), sort=sort, limit=limit, group_by=group_by)
    if as_json:
        from .names import names_then

        then = names_then(ledger, result.as_of)
        return task_list_data(result.shown, result.total, result.as_of, result.words, groups=result.groups, group_by=group_by, names=then)
    return task_list(result.shown, result.total, result.as_of, cols, lang, width, ledger=ledger, groups=result.groups, group_by=group_by)


def find(ledger: Ledger, task_id: str, as_of: dt.date) -> TaskState | list[TaskState]:
    """The task with this id; else every clause of the item the plan numbers so (二（二）2)."""
    from .names import suggest
    from .queries import known_task_names, task_or_item

    found = task_or_item(ledger, task_id, as_of)
    if found is None:
        raise UsageError("err.unknown_task", id=task_id, hint=suggest(task_id, known_task_names(ledger)))
    return found


def workspace_status(ws: Workspace, as_of: dt.date, lang: Lang, width: int, as_json: bool, *, limit: int = 20) -> Answer:
    """``status`` across a workspace: a block per plan, then the totals."""
    from . import portfolio
    from .render import portfolio as shown

    report = portfolio.status(ws, as_of)
    return shown.status_data(report) if as_json else shown.status(report, lang, limit=limit, width=width)


def workspace_overdue(
    ws: Workspace, as_of: dt.date, lang: Lang, width: int, as_json: bool, *, within: int | None = None, words: Sequence[str] = (), by_unit: bool = False
) -> Answer:
    """``overdue`` across a workspace: every plan's rows, each naming its plan."""
    from . import portfolio
    from .render import portfolio as shown

    report = portfolio.overdue_all(ws, as_of, within, list(words))
    if as_json:
        return shown.overdue_data(report)
    return shown.overdue_by_unit(report, ws, lang, width) if by_unit else shown.overdue(report, lang, width)


def workspace_unit(ws: Workspace, as_of: dt.date, lang: Lang, width: int, as_json: bool, *, name: str, words: Sequence[str] = ()) -> Answer:
    """``unit NAME`` across a workspace: the unit's list in every plan, or the group's members."""
    from . import portfolio
    from .render import portfolio as shown

    answer = portfolio.unit(ws, name, as_of, list(words))
    if answer and isinstance(answer[0], portfolio.PortfolioUnit):
        units = [u for u in answer if isinstance(u, portfolio.PortfolioUnit)]
        return shown.unit_data(units, as_of) if as_json else shown.unit(units, as_of, lang, width)
    groups = [g for g in answer if isinstance(g, tuple)]
    return shown.groups_data(groups, as_of) if as_json else shown.groups(groups, as_of, lang, width)


def workspace_units(ws: Workspace, as_of: dt.date, lang: Lang, width: int, as_json: bool) -> Answer:
    """``units`` across a workspace: a row per unit, joined across the plans."""
    from . import portfolio
    from .render import portfolio as shown

    rows = portfolio.units_table(ws, as_of)
    return shown.units_data(rows, as_of) if as_json else shown.units(rows, as_of, lang, width)


def workspace_list(
    ws: Workspace,
    as_of: dt.date,
    lang: Lang,
    width: int,
    as_json: bool,
    *,
    words: Sequence[str] = (),
    sort: str | None = None,
    limit: int = 0,
    columns: str | None = None,
    group_by: str | None = None,
) -> Answer:
    """``list`` across a workspace: the tasks of every plan, filtered, sorted and grouped together."""
    from . import portfolio
    from .render import portfolio as shown
    from .render.listing import parse_columns

    cols = parse_columns(columns)
    rows = portfolio.list_all(ws, as_of, list(words), sort=sort, limit=limit, group_by=group_by)
    return shown.list_data(rows, ws.plans) if as_json else shown.task_list(rows, cols, lang, width)


def workspace_changes(ws: Workspace, as_of: dt.date, lang: Lang, width: int, as_json: bool, *, since: str, fmt: str = "text") -> Answer:
    """``changes`` across a workspace: each plan's window, each change naming its plan."""
    from . import portfolio
    from .render import portfolio as shown

    markdown = text_format(fmt)
    start = since_day(since, as_of)
    plans = portfolio.changes_all(ws, start, as_of)
    return shown.changes_data(plans, start, as_of) if as_json else shown.changes_text(plans, lang, markdown=markdown)
