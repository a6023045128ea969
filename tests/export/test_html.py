"""The dashboard's HTML, parsed (the browser tests open it in Chromium)."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

from gongkai.export.html import clip, render
from gongkai.models import Ledger

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
        if tag == "svg" and a.get("id"):
            self._chart = a["id"] or ""
        if tag == "g" and a.get("class") == "bar":
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
    assert parsed.bars["chart-sections"] == [
        ("二（一） 加强决策和重点领域信息公开", 0, 3),
        ("二（二） 加强公开解读回应工作", 0, 5),
        ("二（三） 着力提升政务服务工作实效", 0, 1),
        ("二（四） 大力推进政务公开平台建设", 0, 2),
        ("二（五） 加快推进政务公开制度化规范化", 0, 3),
        ("三 保障措施", 0, 4),
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

