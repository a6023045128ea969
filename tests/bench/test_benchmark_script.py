"""The benchmark's generator makes valid ledgers of the intended shape, and bench.py runs.

No timing is asserted here: the figures are for people to read, not for tests to gate.
"""

from __future__ import annotations

import datetime as dt
import importlib.util
import json
import subprocess
import sys
from collections import Counter
from pathlib import Path
from types import ModuleType

import pytest

from gongkai.loader import validate
from gongkai.queries import overdue

from ..gen import ledgers as gen
from ..support import ROOT

BENCH = ROOT / "bench"


def _load(name: str) -> ModuleType:
    spec = importlib.util.spec_from_file_location(f"bench_{name}", BENCH / f"{name}.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    saved = list(sys.path)
    try:
        spec.loader.exec_module(module)
    finally:
        sys.path[:] = saved  # bench.py puts bench/ first on the path for itself
    return module


@pytest.fixture(scope="module")
def ledger_400(tmp_path_factory: pytest.TempPathFactory) -> tuple[object, Path]:
    generated = gen.ledger(400)
    path = tmp_path_factory.mktemp("bench") / "tasks.yaml"
    path.write_text(generated.text, encoding="utf-8")
    return generated, path


def test_chinese_numerals() -> None:
    assert [gen.cn_number(n) for n in (1, 9, 10, 11, 20, 35, 99)] == ["一", "九", "十", "十一", "二十", "三十五", "九十九"]


def test_scalar_quotes_only_what_yaml_would_misread() -> None:
    assert gen.scalar("加强政策解读") == "加强政策解读"
    assert gen.scalar("2018") == '"2018"'
    assert gen.scalar("a: b") == '"a: b"'
    assert gen.scalar("- 列表") == '"- 列表"'
    assert gen.scalar("true") == '"true"'


@pytest.mark.parametrize("size", [1, 37, 250])
def test_generated_ledgers_have_no_errors(size: int, tmp_path: Path) -> None:
    path = tmp_path / "tasks.yaml"
    path.write_text(gen.ledger(size).text, encoding="utf-8")
    result = validate(path, today=dt.date(2026, 1, 1))
    assert result.errors == []
    assert result.ledger is not None
    assert len(result.ledger.tasks) == size


def test_generator_is_deterministic() -> None:
    assert gen.ledger(120).text == gen.ledger(120).text
    assert gen.ledger(120, seed=1).text != gen.ledger(120).text


def test_ledger_has_the_intended_mix(ledger_400: tuple[object, Path]) -> None:
    generated, path = ledger_400
    result = validate(path, today=dt.date(2026, 1, 1))
    assert result.ledger is not None
    led = result.ledger
    # The only warning is the unresolved group being used (GK028), which is the point of it.
    assert {p.code for p in result.warnings} == {"GK028"}
    assert [(g.name, g.covers.value) for g in led.groups] == [
        ("林业局各单位、部门", "all"),
        ("林业局各部门", "departments"),
        ("局属各单位", "units"),
        ("林业局有关部门", "unresolved"),
    ]
    cooperating = Counter(name for t in led.tasks for name in t.cooperate)
    assert cooperating["林业局各单位、部门"] > 0 and cooperating["林业局有关部门"] > 0
    statuses = Counter(t.status.value for t in led.tasks)
    assert set(statuses) == {"done", "in_progress", "not_started", "cancelled"}
    done = [t for t in led.tasks if t.status.value == "done"]
    assert all(t.completed is not None and any(u.evidence for u in t.updates) for t in done)
    recurring = [t for t in led.tasks if t.repeat is not None]
    assert recurring and all(t.repeat is not None and t.repeat.value == "quarterly" for t in recurring)
    assert any(t.reports for t in recurring)
    assert any(t.ongoing for t in led.tasks)
    assert any(t.clause == 2 for t in led.tasks)
    assert any(len(t.lead) > 1 for t in led.tasks)
    dues = [t.due for t in led.tasks if t.due is not None]
    assert min(dues) < gen.AS_OF < max(dues)
    assert len(generated.tasks) == 400  # type: ignore[attr-defined]


def test_taskwarrior_gets_the_same_overdue_tasks(ledger_400: tuple[object, Path]) -> None:
    """Taskwarrior's `task overdue` (now = today) must list what `gongkai overdue` lists as of AS_OF."""
    generated, path = ledger_400
    result = validate(path, today=dt.date(2026, 1, 1))
    assert result.ledger is not None
    report = overdue(result.ledger, gen.AS_OF, None)
    gongkai_ids = {item.obligation.task.id for item in report.overdue}
    today = dt.date(2026, 11, 27)
    items = [json.loads(line) for line in gen.taskwarrior_json(generated, today).splitlines()]
    assert len(items) == 400
    now = today.strftime("%Y%m%dT000000Z")
    tw_ids = {i["description"].split()[0] for i in items if i["status"] == "pending" and "due" in i and i["due"] < now}
    assert tw_ids == gongkai_ids
    assert len(gongkai_ids) > 50


def test_plan_markdown_has_the_asked_number_of_annotations() -> None:
    text = gen.plan_markdown(200)
    assert text.count("（牵头单位：") == 200
    assert text.count("；配合单位：") == 200
    assert "某林发〔2024〕1号" in text


def test_bench_runs_end_to_end_quickly(tmp_path: Path) -> None:
    out = tmp_path / "out"
    proc = subprocess.run(
        [sys.executable, str(BENCH / "bench.py"), "--quick", "--sizes", "12", "--out", str(out)],
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert proc.returncode == 0, proc.stderr
    assert "- 12 tasks:" in proc.stdout and "0 errors" in proc.stdout
    assert "| command | tasks | median | min | peak RSS | runs | note |" in proc.stdout
    data = json.loads((out / "results.json").read_text(encoding="utf-8"))
    by_label = {t["label"]: t for t in data["timings"]}
    for label in ("status (cold)", "status (warm)", "overdue (cold)", "overdue (warm)", "unit 行政办 (cold)", "unit 行政办 (warm)"):
        assert by_label[label]["median_s"] is not None, by_label[label]
        assert by_label[label]["max_rss_mb"] > 0
        assert by_label[label]["runs"] == 1
    # Commands that are absent (or Taskwarrior not installed) are reported, never a crash.
    imports = [t for t in data["timings"] if t["label"].startswith(("import (20-clause plan", "import (30-page pdf"))]
    assert [t["label"] for t in imports] == [
        *(f"import (20-clause plan, {kind}, tests/gen/plans.py)" for kind in ("md", "docx", "xlsx", "xls", "html", "pdf of 5 pages")),
        *(f"import (20-clause plan, {kind}, tests/gen/ledgers.py)" for kind in ("md", "html", "text on one line")),
        "import (30-page pdf, 155 clauses, tests/gen/plans.py)",
    ]
    assert by_label["import (20-clause plan, xls, tests/gen/plans.py)"]["note"].startswith("not available: give --xlwt-python")
    for entry in [by_label["task overdue (Taskwarrior)"], by_label["update (one progress entry)"], *imports]:
        assert entry["median_s"] is not None or entry["note"].startswith("not available"), entry
    assert data["startup"]["heavy_modules_on_status_path"] == []
    for label in ("status, workspace of 3 ledgers x 10 tasks (cold)", "status, one ledger of 30 tasks (warm)"):
        assert by_label[label]["median_s"] is not None and by_label[label]["size"] == 30, by_label[label]
    assert "- status warm: workspace of 3 ledgers x 10 tasks " in proc.stdout
    assert (out / "results.md").read_text(encoding="utf-8").startswith("# gongkai benchmark")


def test_check_counts_of_a_generated_ledger(ledger_400: tuple[object, Path]) -> None:
    """The benchmark reads `gongkai check`'s JSON right: no errors, one warning (the unresolved group)."""
    bench = _load("bench")
    _generated, path = ledger_400
    errors, warnings, how = bench.check_ledger(str(Path(sys.executable).with_name("gongkai")), path, path.parent)
    assert (errors, warnings) == (0, 1)
    assert how in ("gongkai check", "gongkai.loader.validate")
