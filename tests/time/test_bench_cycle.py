"""bench/cycle.py runs and times every command of the weekly cycle. No timing is asserted."""

from __future__ import annotations

import subprocess
import sys

from ..support import ROOT


def test_cycle_benchmark_quick_run() -> None:
    r = subprocess.run(
        [sys.executable, str(ROOT / "bench" / "cycle.py"), "--quick", "--queries"], capture_output=True, text=True, timeout=600
    )
    assert r.returncode == 0, r.stderr
    rows = [line.split("|")[1].strip() for line in r.stdout.splitlines() if line.startswith("| ") and "---" not in line]
    assert rows[1:6] == ["status", "changes (one week)", "remind (every unit)", "remind --by-unit", "status --trend"]
    assert rows[7:] == [
        "status: status_summary + its text",
        "status_summary alone",
        "changes: changes (one week) + its text",
        "changes alone",
        "remind: reminders + every notice",
        "reminders alone",
        "trend (12 weeks)",
    ]
    assert "failed" not in r.stdout
