"""Golden renderings at 60, 80 and 120 columns, and Chinese line breaking (禁则) across all of them.

Regenerate after an intended change with ``GONGKAI_REGENERATE_GOLDEN=1 pytest tests/listing/test_golden.py``
and review the diff.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest
from rich.cells import cell_len

from gongkai.render.grid import GAP, NO_LINE_END, NO_LINE_START

from ..support import LEDGER, REPORTS_PROGRESS, Run

GOLDEN = Path(__file__).parent / "golden"
WIDTHS = (60, 80, 120)
CASES: dict[str, tuple[str | Path, ...]] = {
    "status": ("status", "-f", LEDGER, "--as-of", "2018-12-20"),
    "overdue": ("overdue", "-f", LEDGER, "--as-of", "2019-01-15", "--within", "30"),
    "unit": ("unit", "宣传部", "-f", LEDGER, "--as-of", "2018-12-20"),
    "units": ("units", "-f", LEDGER, "--as-of", "2018-12-20"),
    "show": ("show", "2-2-2b", "-f", LEDGER, "--as-of", "2019-01-15"),
    "show-history": ("show", "b3", "-f", REPORTS_PROGRESS, "--as-of", "2018-12-10"),
    "list": ("list", "--columns", "id,title,lead,coop,due,light", "-f", LEDGER, "--as-of", "2018-12-20"),
    "list-by-unit": ("list", "light:red", "or", "light:yellow", "--group-by", "unit", "-f", LEDGER, "--as-of", "2019-01-15"),
}


def render(run: Run, monkeypatch: pytest.MonkeyPatch, name: str, width: int) -> str:
    monkeypatch.setenv("COLUMNS", str(width))
    r = run(*CASES[name])
    assert r.exit_code == 0, r.stderr
    return r.stdout


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("name", list(CASES))
def test_golden(run: Run, monkeypatch: pytest.MonkeyPatch, name: str, width: int) -> None:
    out = render(run, monkeypatch, name, width)
    path = GOLDEN / f"{name}-{width}.txt"
    if os.environ.get("GONGKAI_REGENERATE_GOLDEN"):
        GOLDEN.mkdir(exist_ok=True)
        path.write_text(out, encoding="utf-8")
    assert out == path.read_text(encoding="utf-8")
    assert all(cell_len(line.rstrip()) <= width for line in out.splitlines()), "a line is wider than the terminal"


def cell_lines(text: str) -> list[str]:
    """The pieces of each line that belong to one cell: tables separate columns by two spaces or more."""
    return [piece for line in text.splitlines() for piece in re.split(r" {2,}", line.strip()) if piece]


@pytest.mark.parametrize("width", WIDTHS)
def test_no_line_starts_or_ends_with_forbidden_punctuation(run: Run, monkeypatch: pytest.MonkeyPatch, width: int) -> None:
    for name in CASES:
        for piece in cell_lines(render(run, monkeypatch, name, width)):
            assert piece[0] not in NO_LINE_START, f"{name} at {width}: a line starts with {piece[0]!r}: {piece}"
            assert piece[-1] not in NO_LINE_END, f"{name} at {width}: a line ends with {piece[-1]!r}: {piece}"


def test_the_check_would_catch_a_bad_break() -> None:
    # rich's own folding, which this layout replaces, breaks before 、 in the same list
    assert any(p[0] in NO_LINE_START for p in cell_lines("配合单位  行政办、教育局、卫计局、城建局、安监局、多种经营局\n          、民政局等部门"))


def test_overdue_gives_the_title_room_at_80_columns(run: Run, monkeypatch: pytest.MonkeyPatch) -> None:
    out = render(run, monkeypatch, "overdue", 80).splitlines()
    header = next(line for line in out if line.startswith("编号"))
    title_column = cell_len(header[: header.index("周期")]) - cell_len(header[: header.index("任务")]) - len(GAP)
    assert title_column >= 16
