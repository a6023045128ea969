"""The dashboard's HTML, parsed (the browser tests open it in Chromium)."""

from __future__ import annotations

import datetime as dt
import re
from html.parser import HTMLParser
from pathlib import Path

from gongkai.export.html import clip, render
from gongkai.i18n import Lang
from gongkai.loader import load_ledger
from gongkai.models import Ledger

from ..time.common import YEAR
from .common import AS_OF, chromium_missing_reason


class _Page(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[str] = []
        self.refs: list[str] = []
        self.bars: dict[str, list[tuple[str, int, int]]] = {}
        self._chart = ""

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        self.tags.append(tag)
        self.refs += [v or "" for k, v in attrs if k in ("src", "href", "xlink:href")]
        if (a.get("id") or "").startswith("chart-"):
            self._chart = a["id"] or ""
        if tag == "div" and a.get("class") == "bar":
            self.bars.setdefault(self._chart, []).append((a["data-label"] or "", int(a["data-done"] or 0), int(a["data-total"] or 0)))


def _parse(page: str) -> _Page:
    p = _Page()
    p.feed(page)
    return p


def test_real_plan_dashboard(real: Ledger) -> None:
    page = render(real, AS_OF, "zh")
    parsed = _parse(page)
    assert "<title>双丰林业局2018年政务公开工作实施方案进展看板</title>" in page
    assert "文号：双林发〔2018〕66号" in page
    # worst first: 三 holds the one red clause (the 2018Q3 check); the rest, all green and 0%, keep the plan's order
    assert parsed.bars["chart-sections"] == [
        ("三 保障措施", 0, 4),
        ("二（一） 加强决策和重点领域信息公开", 0, 3),
        ("二（二） 加强公开解读回应工作", 0, 5),
        ("二（三） 着力提升政务服务工作实效", 0, 1),
        ("二（四） 大力推进政务公开平台建设", 0, 2),
        ("二（五） 加快推进政务公开制度化规范化", 0, 3),
    ]
    assert parsed.bars["chart-overall"] == [("全部任务", 0, 18)]
    assert parsed.bars["chart-leads"][0] == ("行政办", 0, 11)
    assert sum(total for _, _, total in parsed.bars["chart-leads"]) == 11 + 1 + 9 + 5  # 行政办, 计统局, 二（一）3's nine leads, 宣传部


def test_self_contained(progress: Ledger) -> None:
    page = render(progress, AS_OF, "en")
    parsed = _parse(page)
    assert parsed.refs == []
    assert not {"script", "link", "img", "iframe", "object", "embed"} & set(parsed.tags)
    assert not re.search(r"url\(|@import|https?://", page.replace("http://www.w3.org/2000/svg", ""))
    assert "@page { size: A4" in page
    assert '<html lang="en">' in page and "Progress by lead unit" in page


def test_ongoing_duties_are_named_under_the_timeline(progress: Ledger) -> None:
    assert "长期坚持的任务没有期限，不在时间轴上：t5" in render(progress, AS_OF, "zh")


def test_clip_counts_cjk_as_two_columns() -> None:
    assert clip("行政办", 6) == "行政办"
    assert clip("很长很长的单位名称", 8) == "很长很…"
    assert clip("abcdefghij", 5) == "abcd…"


def test_skip_only_outside_ci_and_only_without_chromium(tmp_path: Path) -> None:
    absent = tmp_path / "no-chromium"
    assert chromium_missing_reason(absent, {}) == f"{absent} is not installed (apt-get install chromium; .ci/system-deps does it in CI)"
    assert chromium_missing_reason(absent, {"CI": "true"}) is None  # in CI the tests run, and fail if Chromium is missing
    present = tmp_path / "chromium"
    present.write_text("")
    assert chromium_missing_reason(present, {}) is None



def test_summary_paragraph_opens_the_page(progress: Ledger) -> None:
    page = render(progress, AS_OF, "zh")
    summary = page.split('<p id="summary">', 1)[1].split("</p>", 1)[0]
    assert summary == "截至 2018-11-20，方案 7 项任务已完成 1 项（14%）；逾期 2 项，牵头单位为行政办、宣传部；行政办、新闻中心有任务超过报送周期未报送进展。"
    assert page.index('id="summary"') < page.index('id="overall"')
    en = render(progress, AS_OF, "en")
    assert "As of 2018-11-20, 1 of 7 tasks are done (14%); 2 overdue, led by 行政办, 宣传部;" in en


def test_sections_and_units_are_worst_first(progress: Ledger) -> None:
    parsed = _parse(render(progress, AS_OF, "zh"))
    assert [label for label, _, _ in parsed.bars["chart-sections"]] == ["一 信息公开", "二 保障措施"]
    # 行政办 and 宣传部 each lead one overdue clause; 行政办 also misses reports
    assert [label for label, _, _ in parsed.bars["chart-leads"]] == ["行政办", "宣传部", "新闻中心", "教育局"]


def test_dates_in_the_lists_never_break(progress: Ledger) -> None:
    page = render(progress, AS_OF, "zh")
    cells = re.findall(r'<td class="due" data-label="[^"]*">(.*?)</td>', page)
    assert sum(len(re.findall(r"\d{4}-\d{2}-\d{2}", cell)) for cell in cells) >= 3
    for cell in cells:
        assert all(f'<span class="nw">{d}</span>' in cell for d in re.findall(r"\d{4}-\d{2}-\d{2}", cell))


def test_the_timeline_plots_what_was_done_on_the_day_it_was_done(progress: Ledger) -> None:
    page = render(progress, AS_OF, "zh")
    marks = re.findall(r'<g class="task" data-id="(\w+)">.*?</g>', page)
    assert "t1" in marks
    t1 = re.search(r'<g class="task" data-id="t1">(.*?)</g>', page)
    assert t1 is not None
    circle = re.search(r'<circle class="deadline fulfilled" data-due="2018-10-31" data-done="2018-10-20"[^>]*cx="([\d.]+)"', t1.group(1))
    assert circle is not None  # closed on 2018-10-20, eleven days before its deadline
    t2 = re.search(r'<g class="task" data-id="t2">.*?cx="([\d.]+)"', page)
    assert t2 is not None and float(circle.group(1)) < float(t2.group(1))  # t2 is due 2018-11-10, still open
    assert 'data-due="2018-11-10" data-done' not in page  # what is open stays on its deadline


def test_the_summary_names_the_worst_few_units_and_counts_the_rest(real: Ledger) -> None:
    import datetime as dt

    page = render(real, dt.date(2019, 1, 15), "zh")
    summary = page.split('<p id="summary">', 1)[1].split("</p>", 1)[0]
    assert summary.startswith("截至 2019-01-15，方案 18 项任务已完成 0 项（0%）；逾期 18 项，牵头单位为行政办、宣传部、")
    overdue = summary.split("；")[1]
    assert overdue.endswith("等 12 个单位") and overdue.count("、") == 4  # twelve lead units have overdue clauses


class _Trend(HTMLParser):
    """The trend chart's points (label, day, done, overdue, total) and its tick labels."""

    def __init__(self) -> None:
        super().__init__()
        self.per = ""
        self.points: list[tuple[str, str, int, int, int]] = []
        self.ticks: list[str] = []
        self._tick = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: v or "" for k, v in attrs}
        if a.get("id") == "chart-trend":
            self.per = a["data-per"]
        if tag == "g" and a.get("class") == "point":
            self.points.append((a["data-label"], a["data-day"], int(a["data-done"]), int(a["data-overdue"]), int(a["data-total"])))
        self._tick = tag == "text" and a.get("class") == "tick"

    def handle_data(self, data: str) -> None:
        if self._tick:
            self.ticks.append(data)
            self._tick = False


def _trend(ledger: Ledger, as_of: dt.date, lang: Lang = "zh") -> _Trend:
    p = _Trend()
    p.feed(render(ledger, as_of, lang))
    return p


def test_the_trend_plots_tasks_done_on_the_day_they_were_closed() -> None:
    year = load_ledger(YEAR, use_cache=False)
    # t2 (due 03-31) closed 04-20, t1 closed 05-20, t1b closed 06-10; t3 overdue from 10-01; c1 cancelled 08-01
    chart = _trend(year, dt.date(2019, 12, 31))
    assert chart.per == "month"
    labels, _, done, overdue, total = zip(*chart.points, strict=True)
    assert labels == tuple(f"2019-{m:02d}" for m in range(1, 13))
    assert done == (0, 0, 0, 1, 2, 3, 3, 3, 3, 3, 3, 3)
    assert overdue == (0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1)
    assert total == (8,) * 7 + (7,) * 5  # c1 no longer counts once cancelled
    assert chart.ticks == ["2月", "4月", "6月", "8月", "10月", "12月"]  # every other month, ending with the last
    assert _trend(year, dt.date(2019, 12, 31), "en").ticks == ["Feb", "Apr", "Jun", "Aug", "Oct", "Dec"]


def test_the_trend_goes_week_by_week_while_the_plan_fits_the_chart() -> None:
    year = load_ledger(YEAR, use_cache=False)
    weekly = _trend(year, dt.date(2019, 4, 21))  # 16 weeks since the plan was issued
    assert weekly.per == "week" and len(weekly.points) == 16
    # t2 was due 03-31 and closed 04-20: overdue at the ends of two weeks, then done
    assert [(day, done, overdue) for _, day, done, overdue, _ in weekly.points[-4:]] == [
        ("2019-03-31", 0, 0),
        ("2019-04-07", 0, 1),
        ("2019-04-14", 0, 1),
        ("2019-04-21", 1, 0),
    ]
    assert weekly.ticks[-2:] == ["4/7", "4/21"]
    monthly = _trend(year, dt.date(2019, 4, 22))  # one day more: 17 weeks, so month by month
    assert (monthly.per, [p[0] for p in monthly.points]) == ("month", ["2019-01", "2019-02", "2019-03", "2019-04"])


def test_the_trend_of_an_ended_plan_stops_at_its_end_and_names_the_year() -> None:
    year = load_ledger(YEAR, use_cache=False)  # the plan's period ends 2019-12-31
    later = render(year, dt.date(2021, 6, 30), "zh")
    chart = _trend(year, dt.date(2021, 6, 30))
    assert [p[0] for p in chart.points] == [f"2019-{m:02d}" for m in range(1, 13)]
    assert later.count('class="tick-year"') == 1 and ">2019年</text>" in later
    assert ">2019</text>" in render(year, dt.date(2021, 6, 30), "en")
