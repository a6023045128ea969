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

    Answer = Doc | Any  # styled lines, or the data printed as JSON



def text_of(answer: Answer, term: Terminal) -> str:
    """What the terminal gets: the lines rendered, or the JSON."""
    if isinstance(answer, Doc):
        return render(answer, term)
    import json

    return json.dumps(answer, ensure_ascii=False, indent=2) + "\n"


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
        return task_list_data(result.shown, result.total, result.as_of, result.words, groups=result.groups, group_by=group_by)
    return task_list(result.shown, result.total, result.as_of, cols, lang, width, ledger=ledger, groups=result.groups, group_by=group_by)


def find(ledger: Ledger, task_id: str, as_of: dt.date) -> TaskState | list[TaskState]:
    """The task with this id; else every clause of the item the plan numbers so (二（二）2)."""
    from .names import suggest
    from .queries import find_task, task_state, tasks_numbered

    task = find_task(ledger, task_id)
    if task is not None:
        return task_state(task, ledger, as_of)
    clauses = [task_state(x, ledger, as_of) for x in tasks_numbered(ledger, task_id)]
    if not clauses:
        known = [x.id for x in ledger.tasks] + list(dict.fromkeys(x.number for x in ledger.tasks))
        raise UsageError("err.unknown_task", id=task_id, hint=suggest(task_id, known))
    return clauses
