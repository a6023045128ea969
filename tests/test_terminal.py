"""Text from the ledger reaches the terminal shown, never obeyed: escapes and bidi overrides spelt out."""

from __future__ import annotations

import datetime as dt
import io
from pathlib import Path

import pytest
from rich.console import Console, RenderableType

from gongkai.loader import load_ledger
from gongkai.models import Ledger
from gongkai.queries import group_members, overdue, status_summary, task_state, unit_view, units_table
from gongkai.render import text
from gongkai.render.plain import Doc, Terminal, render
from gongkai.render.show import show
from gongkai.render.terminal import visible

from .support import REPORTS_PROGRESS, Run

AS_OF = dt.date(2018, 12, 10)
ESC = "\x1b]0;pwned\x07\x1b[2J"  # retitle the window, clear the screen
RLO = "\u202e"
HOSTILE = f"宣传{ESC}部{RLO}txt.exe"


@pytest.mark.parametrize(
    ("raw", "shown"),
    [
        ("\x1b[31m红", "\\x1b[31m红"),
        ("a\u202eb\u2066c\u2069", "a\\u202eb\\u2066c\\u2069"),
        ("\x9b31m", "\\x9b31m"),
        ("\x07\x08\x7f\r", "\\x07\\x08\\x7f\\x0d"),
        ("行一\n行二\t列", "行一\n行二\t列"),
        ("普通文字 plain", "普通文字 plain"),
    ],
)
def test_visible(raw: str, shown: str) -> None:
    assert visible(raw) == shown
    assert visible(visible(raw)) == shown


@pytest.fixture
def hostile() -> Ledger:
    """The progress fixture with control characters in a unit name, a title and a note.

    Built by copying (no validation), as a ledger accepted by an older gongkai could hold them.
    """
    ledger = load_ledger(REPORTS_PROGRESS, use_cache=False)
    units = [u.model_copy(update={"name": HOSTILE}) if u.name == "宣传部" else u for u in ledger.units]
    tasks = []
    for task in ledger.tasks:
        lead = [HOSTILE if n == "宣传部" else n for n in task.lead]
        updates = [u.model_copy(update={"note": f"进展{ESC}{RLO}"}) for u in task.updates]
        tasks.append(task.model_copy(update={"lead": lead, "title": f"{task.title}{ESC}", "updates": updates}))
    plan = ledger.plan.model_copy(update={"title": f"方案{ESC}"})
    return ledger.model_copy(update={"units": units, "tasks": tasks, "plan": plan})


def _printed(renderable: RenderableType | Doc) -> str:
    if isinstance(renderable, Doc):
        return render(renderable, Terminal(100, color=False, no_color=True))
    buffer = io.StringIO()
    Console(file=buffer, width=100, color_system=None, force_terminal=False).print(renderable)
    return buffer.getvalue()


def _renderings(ledger: Ledger) -> dict[str, str]:
    view = unit_view(ledger, HOSTILE, AS_OF)
    assert view is not None
    group = group_members(ledger, "宣传口", AS_OF)
    assert group is not None
    task = next(t for t in ledger.tasks if t.updates and HOSTILE in t.lead)
    return {
        "status": _printed(text.status(status_summary(ledger, AS_OF), ledger, "zh", width=100)),
        "overdue": _printed(text.overdue(overdue(ledger, AS_OF, 30), "zh", 100)),
        "unit": _printed(text.unit(view, AS_OF, "zh", 100)),
        "group": _printed(text.group(group, AS_OF, "en", 100)),
        "units": _printed(text.units(units_table(ledger, AS_OF), AS_OF, "zh", 100)),
        "show": _printed(show(task_state(task, ledger, AS_OF), ledger, "zh")),
    }


@pytest.mark.parametrize("report", ["status", "overdue", "unit", "group", "units", "show"])
def test_reports_show_control_characters_visibly(report: str, hostile: Ledger) -> None:
    out = _renderings(hostile)[report]
    assert "\x1b" not in out and "\x07" not in out and RLO not in out
    assert "\\x1b" in out


def test_show_spells_out_the_note_and_the_name(hostile: Ledger) -> None:
    out = _renderings(hostile)["show"]
    assert "进展\\x1b]0;pwned\\x07\\x1b[2J\\u202e" in out
    assert "宣传\\x1b]0;pwned\\x07\\x1b[2J部\\u202etxt.exe" in out


def test_ledger_text_is_never_rich_markup(hostile: Ledger) -> None:
    task = hostile.tasks[0].model_copy(update={"text": "[bold red]不是样式[/] [link=http://x]链接[/link]"})
    out = _printed(show(task_state(task, hostile, AS_OF), hostile, "zh"))
    assert "[bold red]不是样式[/]" in out and "[link=http://x]链接[/link]" in out


def test_check_messages_show_a_hostile_yaml_key_visibly(run: Run, tmp_path: Path) -> None:
    ledger = tmp_path / "tasks.yaml"
    source = (REPORTS_PROGRESS).read_text(encoding="utf-8")
    ledger.write_text(source.replace("  id: fixture-progress\n", '  id: fixture-progress\n  "x\\e[2J\\u202ey": 1\n', 1), encoding="utf-8")
    for fmt in ("text", "parsable", "github"):
        r = run("check", "--format", fmt, ledger)
        assert r.exit_code == 1
        assert "\x1b" not in r.stdout and RLO not in r.stdout
        assert "x\\x1b[2J\\u202ey" in r.stdout
    r = run("status", "--file", ledger)  # the refusal lists the same problems on stderr
    assert r.exit_code == 1 and "\x1b" not in r.stderr and "x\\x1b[2J\\u202ey" in r.stderr


def test_edit_messages_show_a_typed_escape_visibly(run: Run, tmp_path: Path) -> None:
    ledger = tmp_path / "tasks.yaml"
    ledger.write_bytes((REPORTS_PROGRESS).read_bytes())
    # refused, the name comes back shown, not obeyed
    for args in (["unit", f"宣传{ESC}"], ["show", f"a1{RLO}"]):
        r = run(*args, "--file", ledger)
        assert r.exit_code == 3
        assert "\x1b" not in r.stdout + r.stderr and RLO not in r.stdout + r.stderr
        assert "\\x1b" in r.stdout + r.stderr or "\\u202e" in r.stdout + r.stderr
    # an edit refuses a control character in its input and names it by its code point
    r = run("add-unit", f"档案{ESC}局", "--file", ledger)
    assert r.exit_code == 3 and "\x1b" not in r.stdout + r.stderr and "U+001B" in r.stderr
