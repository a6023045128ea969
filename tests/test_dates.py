"""The date helpers the reports share: month lengths without the calendar module."""

from __future__ import annotations

import calendar

from gongkai.dates import EARLIEST, LATEST, days_in_month


def test_days_in_month_agrees_with_the_calendar_over_every_year_a_ledger_may_use() -> None:
    for year in range(EARLIEST.year, LATEST.year + 1):
        assert [days_in_month(year, m) for m in range(1, 13)] == [calendar.monthrange(year, m)[1] for m in range(1, 13)], year
