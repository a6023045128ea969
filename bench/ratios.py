"""gongkai against Taskwarrior, as ratios, at 100 to 100,000 tasks: the speed targets in one table.

Whole processes of the installed console script beside Taskwarrior 2.6 on the same tasks
(tests/gen/ledgers.py, imported into a private TASKDATA), every gongkai run paired with a
`task` run and the two taking turns, so that a change in machine load hits both alike. Each
ratio is the median of the per-pair ratios.

    .venv/bin/python bench/ratios.py                          # 100, 1,000, 10,000 tasks; 7 pairs each
    .venv/bin/python bench/ratios.py --sizes 100,1000,10000,100000 --runs 9
    .venv/bin/python bench/ratios.py --quick                  # 30 tasks, 1 pair: checks that it works

Rows:
- warm reports (the cache of validated ledgers filled by one earlier run): overdue, status,
  unit, units, list, against `task overdue` on the same tasks;
- the first report after a change: before each timed `status`, a fresh copy of the ledger gets
  one `gongkai update` (not timed); the write stores the validated result, so the report is warm;
- a TAB completion of unit names (1,000 tasks and up) against `task _projects`;
- cold `check` (no cache at all), `check` of a ledger just edited by hand (not in the cache; what
  gongkai keeps of its own is), and `update` on a fresh copy, with their peak memory;
- past 10,000 tasks (100,000, say), `overdue` and `status` on a workspace of ledgers of 10,000
  tasks each (one ledger is read up to 20 MB), against `task overdue` on all the tasks.
Absolute times are printed too; they are noisy on a shared machine, the ratios much less so.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import statistics
import subprocess
import sys
import tempfile
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(1, str(HERE.parent))  # the repository root, for the generators in tests/gen

from tests.gen import ledgers as gen  # noqa: E402

import bench  # noqa: E402  (bench/ is not a package)

AS_OF = gen.AS_OF.isoformat()
UNIT = "行政办"
# (what, tasks) -> the target ratio against Taskwarrior
TARGETS = {
    ("overdue", 1000): 4.0,
    ("status", 1000): 4.0,
    (f"unit {UNIT}", 1000): 4.0,
    ("list", 1000): 4.0,
    ("first status after update", 1000): 4.0,
    ("overdue", 10000): 1.5,
    ("status", 10000): 1.0,
    ("TAB: unit names", 1000): 3.0,
}


@dataclass
class Row:
    what: str
    size: int
    ours: list[float] = field(default_factory=list)
    theirs: list[float] = field(default_factory=list)
    note: str = ""

    def ratio(self) -> float | None:
        pairs = [a / b for a, b in zip(self.ours, self.theirs, strict=False) if b > 0]
        return statistics.median(pairs) if pairs else None


def paired(row: Row, ours: Callable[[], float], theirs: Callable[[], float], runs: int) -> Row:
    ours(), theirs()  # one untimed pair
    for _ in range(runs):
        row.ours.append(ours())
        row.theirs.append(theirs())
    return row


def timed(argv: list[str], env: dict[str, str], ok: tuple[int, ...] = (0, 1)) -> Callable[[], float]:
    def go() -> float:
        p = bench.run_proc(argv, env)
        if p.rc not in ok:
            raise SystemExit(f"{' '.join(argv[:3])}… failed (exit {p.rc}): {p.stderr.decode(errors='replace')[-300:]}")
        return p.seconds

    return go


def one_size(gongkai: str, size: int, runs: int, work: Path) -> tuple[list[Row], list[bench.Timing]]:
    ledger = gen.ledger(size)
    path = work / f"tasks-{size}.yaml"
    path.write_text(ledger.text, encoding="utf-8")
    tw = bench.private_taskwarrior([ledger], work / f"tw-{size}" / "taskdata")
    if tw is None:
        return [Row("overdue", size, note="Taskwarrior not available: apt-get install taskwarrior")], []
    env = bench.base_env() | {"GONGKAI_CACHE_DIR": str(work / f"cache-{size}")}
    task_overdue = timed(["task", "rc.confirmation=off", "rc.verbose=nothing", "overdue"], tw)
    day = ["--file", str(path), "--as-of", AS_OF]
    reports = {
        "overdue": ["overdue", *day],
        "status": ["status", *day],
        f"unit {UNIT}": ["unit", UNIT, *day],
        "units": ["units", *day],
        "list": ["list", *day],
    }
    rows: list[Row] = []
    for what, args in reports.items():
        subprocess.run([gongkai, *args], env=env, capture_output=True)  # fills the cache (and the line-break memo)
        rows.append(paired(Row(what, size), timed([gongkai, *args], env), task_overdue, runs))

    copy = work / f"after-update-{size}" / "tasks.yaml"
    copy.parent.mkdir()
    target = next(t for t in ledger.tasks if t.kind == "not_started")
    update = [gongkai, "update", target.id, "--status", "in_progress", "--note", "x", "--by", target.lead, "--date", AS_OF, "--file", str(copy)]
    status_copy = timed([gongkai, "status", "--file", str(copy), "--as-of", AS_OF], env)

    def after_update() -> float:
        copy.write_bytes(path.read_bytes())
        subprocess.run(update, env=env, capture_output=True, check=True)
        return status_copy()

    rows.append(paired(Row("first status after update", size), after_update, task_overdue, runs))

    if size >= 1000:
        complete = bench.base_env() | {"GONGKAI_CACHE_DIR": env["GONGKAI_CACHE_DIR"], "_GONGKAI_COMPLETE": "complete_bash", "COMP_WORDS": f"gongkai unit 行 --file {path}", "COMP_CWORD": "2"}
        projects = timed(["task", "rc.verbose=nothing", "_projects"], tw)
        rows.append(paired(Row("TAB: unit names", size, note="against task _projects"), timed([gongkai], complete), projects, runs))

    cold = bench.base_env() | {"GONGKAI_NO_CACHE": "1"}
    heavy = [bench.measure("check (cold)", size, [gongkai, "check", str(path), "--as-of", AS_OF], cold, max(1, runs // 2), ok_codes=(0, 1))]
    # The first check after a hand edit: the ledger is not in the cache, what gongkai keeps of its
    # own (the compiled methods of its classes, the validator's schema) is.
    edited = work / f"edited-{size}" / "tasks.yaml"
    edited.parent.mkdir()
    edits = iter(range(1_000_000))

    def hand_edit() -> None:
        edited.write_bytes(path.read_bytes() + f"# edit {next(edits)}\n".encode())

    heavy.append(bench.measure("check (after an edit)", size, [gongkai, "check", str(edited), "--as-of", AS_OF], env, max(1, runs // 2), ok_codes=(0, 1), before_each=hand_edit))
    fresh = work / f"update-{size}" / "tasks.yaml"
    fresh.parent.mkdir()
    update_fresh = [*update[: update.index("--file")], "--file", str(fresh)]

    def fresh_copy() -> None:
        fresh.write_bytes(path.read_bytes())

    heavy.append(bench.measure("update (one progress entry)", size, update_fresh, env, max(1, runs // 2), before_each=fresh_copy))
    return rows, heavy


# One ledger is read up to 20 MB (about 23,000 tasks of this generator): beyond PART tasks the
# tasks are a workspace of ledgers of PART tasks each, as an office with many plans keeps them.
PART = 10_000


def workspace_size(gongkai: str, size: int, runs: int, work: Path) -> list[Row]:
    """``status`` and ``overdue`` on ``size`` tasks kept as a workspace of ledgers of PART tasks."""
    count = -(-size // PART)
    parts = [gen.ledger(PART, seed=i) for i in range(count)]
    toml = bench.write_workspace(work / f"workspace-{size}", parts)
    note = f"{count} ledgers of {PART:,}"
    tw = bench.private_taskwarrior(parts, work / f"tw-{size}" / "taskdata")
    if tw is None:
        return [Row("overdue", size, note="Taskwarrior not available: apt-get install taskwarrior")]
    env = bench.base_env() | {"GONGKAI_CACHE_DIR": str(work / f"cache-{size}")}
    task_overdue = timed(["task", "rc.confirmation=off", "rc.verbose=nothing", "overdue"], tw)
    rows: list[Row] = []
    for what in ("overdue", "status"):
        args = [gongkai, what, "--file", str(toml), "--as-of", AS_OF]
        subprocess.run(args, env=env, capture_output=True)  # fills the cache
        rows.append(paired(Row(what, size, note=note), timed(args, env), task_overdue, runs))
    return rows


def report(rows: list[Row], heavy: list[bench.Timing], sizes: list[int]) -> list[str]:
    out = ["| what | tasks | gongkai (median) | Taskwarrior (median) | ratio | target |", "|---|---:|---:|---:|---:|---|"]
    for r in rows:
        ratio = r.ratio()
        target = TARGETS.get((r.what, r.size))
        verdict = "" if target is None or ratio is None else f"≤ {target:g}×: {'met' if ratio <= target else 'not met'}"
        ours = bench.fmt_s(statistics.median(r.ours)) if r.ours else "—"
        theirs = bench.fmt_s(statistics.median(r.theirs)) if r.theirs else "—"
        out.append(f"| {r.what}{' (' + r.note + ')' if r.note else ''} | {r.size:,} | {ours} | {theirs} | {f'{ratio:.2f}×' if ratio else '—'} | {verdict} |")
    out += ["", *bench.table(heavy), "", "Time against tasks (gongkai, median):", ""]
    names = list(dict.fromkeys(r.what for r in rows if r.ours))
    out.append("| what | " + " | ".join(f"{s:,}" for s in sizes) + " |")
    out.append("|---|" + "---:|" * len(sizes))
    for name in names:
        cells = []
        for s in sizes:
            found = next((r for r in rows if r.what == name and r.size == s and r.ours), None)
            cells.append(bench.fmt_s(statistics.median(found.ours)) if found else "—")
        out.append(f"| {name} | " + " | ".join(cells) + " |")
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--sizes", default=None, help="comma-separated task counts (default 100,1000,10000; --quick: 30)")
    ap.add_argument("--runs", type=int, default=None, help="timed pairs per row (default 7; --quick: 1)")
    ap.add_argument("--quick", action="store_true")
    beside = Path(sys.executable).with_name("gongkai")
    ap.add_argument("--gongkai", default=str(beside if beside.exists() else HERE.parent / ".venv" / "bin" / "gongkai"))
    args = ap.parse_args(argv)
    sizes = [int(s) for s in (args.sizes or ("30" if args.quick else "100,1000,10000")).replace("_", "").split(",") if s.strip()]
    runs = args.runs or (1 if args.quick else 7)
    bench.fresh_bytecode(args.gongkai)
    load = os.getloadavg()[0]
    rows: list[Row] = []
    heavy: list[bench.Timing] = []
    with tempfile.TemporaryDirectory(prefix="gongkai-ratios-") as tmp:
        for size in sizes:
            if size > PART:
                rows += workspace_size(args.gongkai, size, runs, Path(tmp))
            else:
                got, more = one_size(args.gongkai, size, runs, Path(tmp))
                rows += got
                heavy += more
            print(f"{size:,} tasks done", file=sys.stderr, flush=True)
    print(f"# gongkai / Taskwarrior, {dt.datetime.now(dt.timezone.utc):%Y-%m-%d %H:%M} UTC, {runs} pairs a row, load average {load:.2f} → {os.getloadavg()[0]:.2f} on {os.cpu_count()} CPUs\n")
    print("\n".join(report(rows, heavy, sizes)))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
