"""The dashboard in a real browser: Debian's Chromium driven by Playwright (no browser download).

In CI (env CI set) these tests always run; .ci/system-deps installs Chromium. Elsewhere they
are skipped only when /usr/bin/chromium is absent, and say so.
"""

from __future__ import annotations

import base64
import datetime as dt
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from gongkai.export import dashboard as write_dashboard
from gongkai.i18n import Lang
from gongkai.models import Ledger

from .common import AS_OF, CHROMIUM, chromium_missing_reason

ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"]

pytestmark = [pytest.mark.browser, pytest.mark.skipif(chromium_missing_reason() is not None, reason=chromium_missing_reason() or "")]


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        b = pw.chromium.launch(executable_path=str(CHROMIUM), args=ARGS, headless=True)
        yield b
        b.close()


class Page:
    """A page opened from a file, with every console error, page error and request recorded."""

    def __init__(self, browser: Any, path: Path) -> None:
        self.page = browser.new_page(viewport={"width": 1000, "height": 900})
        self.errors: list[str] = []
        self.requests: list[str] = []
        self.page.on("console", lambda m: self.errors.append(m.text) if m.type == "error" else None)
        self.page.on("pageerror", lambda e: self.errors.append(str(e)))
        self.page.on("request", lambda r: self.requests.append(r.url))
        self.page.goto(path.as_uri())
        self.page.wait_for_load_state("load")

    def bars(self, chart: str) -> list[tuple[str, int, int, float]]:
        return [
            (g["label"], int(g["done"]), int(g["total"]), g["width"])
            for g in self.page.eval_on_selector_all(
                f"#{chart} .bar",
                "els => els.map(g => ({label: g.dataset.label, done: g.dataset.done, total: g.dataset.total,"
                " width: g.querySelector('.fill').getBoundingClientRect().width / g.querySelector('.track').getBoundingClientRect().width}))",
            )
        ]


@pytest.fixture
def dashboard(progress: Ledger, tmp_path: Path) -> Path:
    path = tmp_path / "dashboard.html"
    write_dashboard(progress, AS_OF, "zh", path)
    return path


def test_loads_without_console_errors_or_network(browser: Any, dashboard: Path) -> None:
    page = Page(browser, dashboard)
    assert page.errors == []
    assert page.requests == [dashboard.as_uri()]
    assert page.page.title() == "示例林业局2018年政务公开工作实施方案进展看板"
    assert page.page.inner_text("#as-of") == "截至 2018-11-20"
    assert page.page.inner_text("#doc-number") == "文号：示林发〔2018〕1号"
    page.page.close()


def test_charts_show_the_right_numbers(browser: Any, dashboard: Path) -> None:
    page = Page(browser, dashboard)
    assert page.page.inner_text("#overall-ratio") == "14%"
    assert page.bars("chart-overall") == [("全部任务", 1, 7, pytest.approx(1 / 7, abs=0.01))]
    assert page.bars("chart-sections") == [("一 信息公开", 1, 4, pytest.approx(0.25, abs=0.01)), ("二 保障措施", 0, 3, 0.0)]
    assert page.bars("chart-leads") == [  # worst first: overdue, then reports missing, then least done
        ("行政办", 1, 3, pytest.approx(1 / 3, abs=0.01)),
        ("宣传部", 0, 1, 0.0),
        ("新闻中心", 0, 1, 0.0),
        ("教育局", 0, 2, 0.0),
    ]
    lights = page.page.eval_on_selector_all("#by-light li", "els => els.map(e => [e.dataset.light, Number(e.dataset.count)])")
    assert lights == [["red", 2], ["yellow", 3], ["green", 2]]
    red = page.page.eval_on_selector_all("#red-list tbody tr", "els => els.map(e => e.dataset.id)")
    yellow = page.page.eval_on_selector_all("#yellow-list tbody tr", "els => els.map(e => e.dataset.id)")
    assert (red, yellow) == (["t2", "t4"], ["t3", "t7", "t5"])
    assert page.page.inner_text("#red-list tr[data-id='t4'] td.last") == "51"  # 2018Q3 due 09-30, 51 days late
    assert page.page.inner_text("#yellow-list tr[data-id='t7'] td.last") == "从未报送"
    assert page.page.inner_text("#yellow-list tr[data-id='t5'] td.last") == "2018-06-15"
    markers = page.page.eval_on_selector_all(
        "#chart-timeline circle.deadline", "els => els.map(e => [e.closest('g').dataset.id, e.dataset.due, e.getAttribute('class')])"
    )
    assert markers == [
        ["t1", "2018-10-31", "deadline fulfilled"],
        ["t2", "2018-11-10", "deadline late"],
        ["t3", "2018-11-30", "deadline soon"],
        ["t7", "2018-12-31", "deadline open"],
        ["t4", "2018-06-30", "deadline fulfilled"],
        ["t4", "2018-09-30", "deadline late"],
        ["t4", "2018-12-31", "deadline open"],
        ["t6", "2018-12-31", "deadline open"],
    ]
    page.page.close()


def test_screenshot_is_not_blank(browser: Any, dashboard: Path, tmp_path: Path) -> None:
    page = Page(browser, dashboard)
    shot = tmp_path / "shot.png"
    page.page.screenshot(path=str(shot), full_page=True)
    # Count the pixels of the chart's fill colour and how many distinct colours there are.
    stats = page.page.evaluate(
        """async (uri) => {
            const img = new Image(); img.src = uri; await img.decode();
            const c = document.createElement('canvas'); c.width = img.width; c.height = img.height;
            const ctx = c.getContext('2d'); ctx.drawImage(img, 0, 0);
            const d = ctx.getImageData(0, 0, c.width, c.height).data;
            const colours = new Set(); let dark = 0, green = 0;
            for (let i = 0; i < d.length; i += 4) {
                colours.add((d[i] >> 4) + ',' + (d[i+1] >> 4) + ',' + (d[i+2] >> 4));
                if (d[i] + d[i+1] + d[i+2] < 200) dark++;
                if (Math.abs(d[i] - 0x2e) < 12 && Math.abs(d[i+1] - 0x7d) < 12 && Math.abs(d[i+2] - 0x32) < 12) green++;
            }
            return {w: c.width, h: c.height, colours: colours.size, dark, green};
        }""",
        "data:image/png;base64," + base64.b64encode(shot.read_bytes()).decode(),
    )
    assert stats["w"] == 1000 and stats["h"] > 900
    assert stats["colours"] > 20
    assert stats["dark"] > 2000  # text
    assert stats["green"] > 500  # the filled bars and the green markers
    page.page.close()


def test_prints_to_pdf(browser: Any, dashboard: Path, tmp_path: Path) -> None:
    page = Page(browser, dashboard)
    pdf = page.page.pdf(format="A4", print_background=True)
    assert pdf.startswith(b"%PDF-")
    assert len(pdf) > 10_000
    pages = re.findall(rb"/Type\s*/Page(?!s)", pdf)
    assert 1 <= len(pages) <= 4
    boxes = re.findall(rb"/MediaBox\s*\[\s*0\s+0\s+([\d.]+)\s+([\d.]+)\s*\]", pdf)
    assert boxes and all(abs(float(w) - 595.3) < 2 and abs(float(h) - 841.9) < 2 for w, h in boxes)  # A4 in points
    page.page.close()


def test_hostile_page_runs_nothing(browser: Any, hostile: Ledger, tmp_path: Path) -> None:
    path = tmp_path / "hostile.html"
    write_dashboard(hostile, AS_OF, "en", path)
    page = Page(browser, path)
    assert page.errors == []
    assert page.requests == [path.as_uri()]
    assert page.page.evaluate("() => window.__pwned === undefined && document.scripts.length === 0 && document.images.length === 0")
    assert page.page.inner_text("#plan-title") == '<script>window.__pwned=1</script>"标题"'
    page.page.close()


def test_english_page(browser: Any, progress: Ledger, tmp_path: Path) -> None:
    path = tmp_path / "en.html"
    write_dashboard(progress, AS_OF, "en", path)
    page = Page(browser, path)
    assert page.errors == []
    assert page.page.evaluate("() => document.documentElement.lang") == "en"
    assert page.page.inner_text("#overall h2") == "Overall progress"
    assert page.page.inner_text("#overall-count") == "1 of 7 done"
    page.page.close()


def test_real_plan_page(browser: Any, real: Ledger, tmp_path: Path) -> None:
    path = tmp_path / "real.html"
    write_dashboard(real, dt.date(2018, 12, 20), "zh", path)
    page = Page(browser, path)
    assert page.errors == []
    sections = [(label, done, total) for label, done, total, _ in page.bars("chart-sections")]
    assert sections[0] == ("三 保障措施", 0, 4)  # the one red clause: the 2018Q3 check
    assert sorted(sections) == sorted(
        [
            ("二（一） 加强决策和重点领域信息公开", 0, 3),
            ("二（二） 加强公开解读回应工作", 0, 5),
            ("二（三） 着力提升政务服务工作实效", 0, 1),
            ("二（四） 大力推进政务公开平台建设", 0, 2),
            ("二（五） 加快推进政务公开制度化规范化", 0, 3),
            ("三 保障措施", 0, 4),
        ]
    )
    assert page.page.inner_text("#doc-number") == "文号：双林发〔2018〕66号"
    # 19 deadlines: 17 one-off clauses and the two quarters of 三（一）
    assert page.page.eval_on_selector_all("#chart-timeline circle.deadline", "els => els.length") == 19
    page.page.close()


LAYOUT_PROBE = """() => {
    const root = document.documentElement;
    const small = [];
    for (const el of document.querySelectorAll('body *')) {
        const own = [...el.childNodes].some(n => n.nodeType === 3 && n.textContent.trim());
        if (!own || el.getClientRects().length === 0) continue;
        let size = parseFloat(getComputedStyle(el).fontSize);
        const svg = el.closest('svg');
        if (svg && svg.viewBox.baseVal && svg.viewBox.baseVal.width) {
            size *= svg.getBoundingClientRect().width / svg.viewBox.baseVal.width;
        }
        if (size < 12) small.push(el.tagName + ':' + el.textContent.trim().slice(0, 20) + ':' + size.toFixed(1));
    }
    const lines = el => {
        const r = document.createRange(); r.selectNodeContents(el);
        return new Set([...r.getClientRects()].filter(b => b.width > 0).map(b => Math.round(b.top))).size;
    };
    const whole = [...document.querySelectorAll('td.id, td.state, td.last, .nw')];
    return {
        scroll: root.scrollWidth - window.innerWidth,
        small,
        wrapped: whole.filter(el => lines(el) > 1).map(el => el.textContent),
        checked: whole.length,
        cards: getComputedStyle(document.querySelector('tbody tr')).display,
        header: getComputedStyle(document.querySelector('thead')).display,
    };
}"""


@pytest.mark.parametrize("width", [390, 1280])
@pytest.mark.parametrize("plan", ["progress", "real"])
def test_layout_at_phone_and_desktop_widths(width: int, plan: str, browser: Any, request: pytest.FixtureRequest, tmp_path: Path) -> None:
    ledger: Ledger = request.getfixturevalue(plan)
    path = tmp_path / f"{plan}.html"
    write_dashboard(ledger, dt.date(2018, 12, 20), "zh", path)
    page = browser.new_page(viewport={"width": width, "height": 800})
    page.goto(path.as_uri())
    page.wait_for_load_state("load")
    probe = page.evaluate(LAYOUT_PROBE)
    assert probe["scroll"] <= 0, "the page scrolls sideways"
    assert probe["small"] == []
    assert probe["checked"] > 5 and probe["wrapped"] == []
    # a phone gets cards (each row a block, no header row); a desktop gets tables
    assert (probe["cards"], probe["header"]) == (("block", "none") if width == 390 else ("table-row", "table-header-group"))
    page.close()


def test_light_colours_meet_wcag_aa(browser: Any, dashboard: Path) -> None:
    page = Page(browser, dashboard)
    ratios = page.page.evaluate(
        """() => {
            const rgb = s => s.match(/\\d+/g).slice(0, 3).map(Number);
            const lum = c => { const [r, g, b] = c.map(v => { v /= 255; return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4; });
                               return 0.2126 * r + 0.7152 * g + 0.0722 * b; };
            const ratio = (a, b) => { const [x, y] = [lum(a), lum(b)].sort((p, q) => q - p); return (x + 0.05) / (y + 0.05); };
            const bg = [255, 255, 255];
            const out = {};
            for (const light of ['red', 'yellow', 'green']) {
                out['chip-' + light] = ratio(rgb(getComputedStyle(document.querySelector('li.light.' + light), '::before').color), bg);
            }
            for (const light of ['red', 'yellow']) {
                out['state-' + light] = ratio(rgb(getComputedStyle(document.querySelector('tr.' + light + ' td.state')).color), bg);
            }
            for (const cls of ['fulfilled', 'late', 'soon', 'open']) {
                const mark = document.querySelector('circle.deadline.' + cls);
                if (mark) out['mark-' + cls] = ratio(rgb(getComputedStyle(mark).fill), bg);
            }
            out.footer = ratio(rgb(getComputedStyle(document.querySelector('footer')).color), bg);
            return out;
        }"""
    )
    assert set(ratios) >= {"chip-red", "chip-yellow", "chip-green", "state-red", "state-yellow", "mark-late", "mark-soon", "footer"}
    for name, value in ratios.items():
        assert value >= 4.5, (name, value)
    page.page.close()


TREND_PROBE = """() => {
    const svg = document.querySelector('#chart-trend');
    const box = svg.getBoundingClientRect();
    const scale = box.width / svg.viewBox.baseVal.width;
    const ticks = [...svg.querySelectorAll('text.tick')].map(e => e.getBoundingClientRect());
    const zero = [...svg.querySelectorAll('g.point rect.done')].map(r => r.getBoundingClientRect().bottom);
    return {
        left: box.left, right: box.right, viewport: document.documentElement.clientWidth,
        fonts: [...svg.querySelectorAll('text')].map(e => parseFloat(getComputedStyle(e).fontSize) * scale),
        overlaps: ticks.slice(1).filter((b, i) => b.left < ticks[i].right + 2).length,
        outside: ticks.filter(b => b.left < box.left || b.right > box.right).length,
        ticks: ticks.length,
        bars: [...svg.querySelectorAll('g.point')].map(g => [g.dataset.label, Number(g.dataset.done), Number(g.dataset.total),
                                                              g.querySelector('rect.done').getBoundingClientRect().height]),
        plot: (Math.max(...zero) - svg.querySelector('line:last-of-type').getBoundingClientRect().top),
        dots: [...svg.querySelectorAll('g.point circle.overdue')].map(c => Math.round(c.getBoundingClientRect().top)),
    };
}"""


@pytest.mark.parametrize("width", [390, 1280])
@pytest.mark.parametrize(("as_of", "lang", "points"), [(dt.date(2019, 4, 21), "zh", 16), (dt.date(2019, 12, 31), "en", 12)])
def test_trend_chart_is_legible_and_true_to_its_data(
    width: int, as_of: dt.date, lang: Lang, points: int, browser: Any, tmp_path: Path
) -> None:
    from gongkai.loader import load_ledger

    from ..time.common import YEAR

    path = tmp_path / "trend.html"
    write_dashboard(load_ledger(YEAR, use_cache=False), as_of, lang, path)
    page = browser.new_page(viewport={"width": width, "height": 800})
    page.goto(path.as_uri())
    page.wait_for_load_state("load")
    probe = page.evaluate(TREND_PROBE)
    assert probe["left"] >= 0 and probe["right"] <= probe["viewport"], "the chart is wider than the page"
    assert min(probe["fonts"]) >= 12, probe["fonts"]
    assert probe["ticks"] >= points // 2 and probe["overlaps"] == 0 and probe["outside"] == 0
    assert len(probe["bars"]) == points
    top = max(total for _, _, total, _ in probe["bars"])
    for label, done, _, height in probe["bars"]:  # each bar as tall as its share of the tallest total
        assert height == pytest.approx(probe["plot"] * done / top, abs=1.0), label
    assert len(set(probe["dots"])) == 2  # overdue is 0 or 1 in both spans of this year: the line has two levels
    page.close()
