"""Friendly date input from the command line, normalised to ``datetime.date``."""

from __future__ import annotations

import datetime as dt
import re

from .errors import UsageError

# The dates a ledger and the command line may use. Wider than any plan needs, and far enough
# from the calendar's ends (year 1, year 9999) that adding a cycle or a few days cannot overflow.
EARLIEST = dt.date(1900, 1, 1)
LATEST = dt.date(2999, 12, 31)


def in_range(day: dt.date) -> bool:
    return EARLIEST <= day <= LATEST

# Patterns, compiled (by ``re``, once) when a date first needs them: most runs read one ISO date.
_FORMS = [
    r"^(?P<y>\d{4})-(?P<m>\d{1,2})-(?P<d>\d{1,2})$",
    r"^(?P<y>\d{4})/(?P<m>\d{1,2})/(?P<d>\d{1,2})$",
    r"^(?P<y>\d{4})\.(?P<m>\d{1,2})\.(?P<d>\d{1,2})$",
    r"^(?P<y>\d{4})(?P<m>\d{2})(?P<d>\d{2})$",
    r"^(?P<y>\d{4})\s*年\s*(?P<m>\d{1,2})\s*月\s*(?P<d>\d{1,2})\s*日?$",
]


def parse_user_date(value: str | None, *, today: dt.date | None = None) -> dt.date:
    """``None``/``today`` -> today; ISO, 2018/12/31, 2018.12.31, 20181231 or 2018年12月31日."""
    if value is None or value.strip().lower() in ("", "today", "今天"):
        return today or dt.date.today()
    raw = value.strip()
    for form in _FORMS:
        m = re.match(form, raw)
        if m:
            try:
                day = dt.date(int(m["y"]), int(m["m"]), int(m["d"]))
            except ValueError:
                break
            if not in_range(day):
                raise UsageError("err.date_range", value=value, earliest=EARLIEST, latest=LATEST)
            return day
    raise UsageError("err.bad_date", value=value)


def days_in_month(year: int, month: int) -> int:
    """28 to 31 (without ``calendar``, which a report need not import)."""
    if month == 12:
        return 31
    return (dt.date(year, month + 1, 1) - dt.date(year, month, 1)).days
