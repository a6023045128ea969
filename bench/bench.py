"""Benchmark gongkai as a user runs it: whole processes of the installed console script.

    .venv/bin/python bench/bench.py [--sizes 100,1000,10000] [--runs N] [--quick] [--out DIR]
                                    [--import-only] [--xlwt-python PATH]

For each size it generates a valid ledger (tests/gen/ledgers.py), then times, as separate
processes with a fixed --as-of, ``gongkai status``, ``gongkai overdue`` and ``gongkai unit``
(and ``status`` on a workspace of many small ledgers against one ledger of as many tasks):

- cold: ``GONGKAI_NO_CACHE=1`` (read, YAML, validation, rules, every run);
- warm: ``GONGKAI_CACHE_DIR`` pre-warmed with one run (the cache of validated ledgers).

It prints the median wall time of ``--runs`` runs (after one untimed run) and the peak
resident memory of the process (``ru_maxrss`` from ``os.wait4``, i.e. the rusage of that
child alone). Beside it, in the same run: Taskwarrior 2.6 ``task overdue`` on the same
tasks, ``gongkai update`` on each size, ``gongkai import`` of a 200-clause plan in each
format and of a 30-page PDF (``--import-only``: these alone), and the start-up cost of
``import gongkai.cli`` (and that the export libraries are not imported).

A command that fails is reported with its exit code. Nothing here asserts a timing: the
targets are printed next to the figures.
"""

from __future__ import annotations

import argparse
import datetime as dt
import difflib
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))
sys.path.insert(1, str(HERE.parent))  # the repository root, for the generators in tests/gen

from tests.gen import ledgers as gen  # noqa: E402
from tests.gen import plans as plan_gen  # noqa: E402

AS_OF = gen.AS_OF.isoformat()
UNIT = "行政办"
HEAVY = ("openpyxl", "docx", "icalendar", "playwright", "xlsxwriter", "lxml", "jinja2")
TARGET_RATIO = 10.0
TARGET_10K_S = 4.0
TARGET_MEM_MB = 300.0
TARGET_UPDATE_1K_S = 1.0
TARGET_IMPORT_S = 1.0  # a 200-clause plan, in each format
TARGET_PDF_S = 3.0  # a 30-page PDF
PDF_PAGES = 30


@dataclass
class Timing:
    """Median wall time (s) and peak RSS (MB) of one command over several runs, or why not."""

    label: str
    size: int | None
    median_s: float | None = None
    min_s: float | None = None
    max_rss_mb: float | None = None
    runs: int = 0
    note: str = ""
    extra: dict[str, object] = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        return self.median_s is not None


@dataclass
class Proc:
    rc: int
    seconds: float
    rss_mb: float
    stderr: bytes


def _gnu_time() -> str | None:
    """GNU time, if present: it forks the command from a tiny process, so the child's
    ru_maxrss is its own (a child forked from this Python would inherit our RSS as a floor)."""
    exe = shutil.which("time") or ("/usr/bin/time" if Path("/usr/bin/time").exists() else None)
    if exe is None:
        return None
    probe = subprocess.run([exe, "-f", "%M", "-o", os.devnull, "true"], capture_output=True)
    return exe if probe.returncode == 0 else None


GNU_TIME = _gnu_time()


def run_proc(argv: list[str], env: dict[str, str]) -> Proc:
    """Run one process: wall time from spawn to reap, and the peak RSS of that process.

    The RSS is ru_maxrss of the child (wait4 rusage), taken by GNU time when it exists,
    else by os.wait4 here (then it has this process's RSS at fork time as a floor).
    """
    with tempfile.NamedTemporaryFile(prefix="rss-", suffix=".txt", delete=False) as fh:
        rss_file = Path(fh.name)
    wrapped = [GNU_TIME, "-f", "%M", "-o", str(rss_file), *argv] if GNU_TIME else argv
    start = time.perf_counter()
    proc = subprocess.Popen(wrapped, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    assert proc.stderr is not None
    stderr = proc.stderr.read()
    _, status, usage = os.wait4(proc.pid, 0)
    seconds = time.perf_counter() - start
    proc.returncode = code = os.waitstatus_to_exitcode(status)
    proc.stderr.close()
    rss_kb = float(usage.ru_maxrss)
    if GNU_TIME:
        text = rss_file.read_text().strip().splitlines()
        # GNU time writes "Command exited with non-zero status N" before the figure.
        rss_kb = float(text[-1]) if text and text[-1].strip().isdigit() else 0.0
    rss_file.unlink(missing_ok=True)
    return Proc(code, seconds, rss_kb / 1024, stderr)


def measure(
    label: str,
    size: int | None,
    argv: list[str],
    env: dict[str, str],
    runs: int,
    *,
    ok_codes: tuple[int, ...] = (0,),
    before_each: Callable[[], None] | None = None,
) -> Timing:
    """One untimed run, then ``runs`` timed runs; stops at the first unexpected exit code."""
    timing = Timing(label, size)
    times: list[float] = []
    rss: list[float] = []
    for i in range(runs + 1):
        if before_each is not None:
            before_each()
        p = run_proc(argv, env)
        if p.rc not in ok_codes:
            timing.note = f"failed (exit {p.rc}): {p.stderr.decode(errors='replace').strip().splitlines()[-1:] or ''}"
            return timing
        if i > 0:
            times.append(p.seconds)
        rss.append(p.rss_mb)
    timing.median_s = statistics.median(times)
    timing.min_s = min(times)
    timing.max_rss_mb = max(rss)
    timing.runs = runs
    return timing


def base_env() -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("GONGKAI_", "TASK"))}
    env.update(COLUMNS="80", LC_ALL="C.UTF-8")
    return env


def fresh_bytecode(gongkai: str) -> None:
    """Write the package's bytecode before anything is timed, as an installed copy has it.

    With PYTHONDONTWRITEBYTECODE set (some shells and CI images set it), a module edited since
    its .pyc was written is compiled again in every process: a few milliseconds each, which
    would be timed as start-up.
    """
    python = str(Path(gongkai).with_name("python"))
    where = subprocess.run([python, "-c", "import gongkai, os; print(os.path.dirname(gongkai.__file__))"], capture_output=True, text=True, check=True)
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    subprocess.run([python, "-m", "compileall", "-q", where.stdout.strip()], env=env, capture_output=True, check=True)


def has_command(gongkai: str, name: str) -> bool:
    p = subprocess.run([gongkai, name, "--help"], capture_output=True, env=base_env())
    return p.returncode == 0


# --- the parts ------------------------------------------------------------------------------


def check_ledger(gongkai: str, path: Path, work: Path) -> tuple[int, int, str]:
    """(errors, warnings, how) for a generated ledger: ``gongkai check`` when it exists."""
    env = base_env() | {"GONGKAI_NO_CACHE": "1"}
    if has_command(gongkai, "check"):
        p = subprocess.run([gongkai, "check", str(path), "--format", "json"], capture_output=True, env=env, cwd=work)
        try:
            data = json.loads(p.stdout)
            if isinstance(data, dict) and isinstance(data.get("errors"), int):  # docs/json.md shape
                return int(data["errors"]), int(data.get("warnings", 0)), "gongkai check"
            problems = data.get("problems", []) if isinstance(data, dict) else data
            errors = sum(1 for x in problems if x.get("level") == "error")
            warnings = sum(1 for x in problems if x.get("level") == "warning")
            return errors, warnings, "gongkai check"
        except (ValueError, AttributeError, TypeError):
            return (0 if p.returncode == 0 else 1), 0, f"gongkai check (exit {p.returncode})"
    errors, warnings, _tasks = validate_counts(str(Path(gongkai).with_name("python")), path)
    return errors, warnings, "gongkai.loader.validate"


_VALIDATE = """
import json, sys
from pathlib import Path
from gongkai.loader import validate
r = validate(Path(sys.argv[1]))
print(json.dumps([len(r.errors), len(r.warnings), len(r.ledger.tasks) if r.ledger else 0]))
"""


def validate_counts(python: str, path: Path) -> tuple[int, int, int]:
    """(errors, warnings, tasks) of a ledger, validated in a separate process so that this
    one stays small (its RSS would otherwise leak into the children's figures)."""
    p = subprocess.run([python, "-c", _VALIDATE, str(path)], capture_output=True, text=True, env=base_env())
    if p.returncode != 0:
        return 1, 0, 0
    errors, warnings, tasks = json.loads(p.stdout)
    return int(errors), int(warnings), int(tasks)


def bench_reports(gongkai: str, path: Path, size: int, runs: int, work: Path) -> list[Timing]:
    commands = {
        "status": ["status"],
        "overdue": ["overdue"],
        f"unit {UNIT}": ["unit", UNIT],
    }
    cold_env = base_env() | {"GONGKAI_NO_CACHE": "1"}
    cache = work / f"cache-{size}"
    warm_env = base_env() | {"GONGKAI_CACHE_DIR": str(cache)}
    out = []
    for name, args in commands.items():
        argv = [gongkai, *args, "--file", str(path), "--as-of", AS_OF]
        out.append(measure(f"{name} (cold)", size, argv, cold_env, runs))
        subprocess.run(argv, env=warm_env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        out.append(measure(f"{name} (warm)", size, argv, warm_env, runs))
    return out


def private_taskwarrior(parts: list[gen.Generated], data: Path) -> dict[str, str] | None:
    """A Taskwarrior of its own in the new folder ``data``, with the tasks of every ledger in
    ``parts``, due dates shifted so that its today is their as-of date: the environment to run
    ``task`` in, or None when Taskwarrior is missing or the import fails."""
    if shutil.which("task") is None:
        return None
    data.mkdir(parents=True)
    (data / "taskrc").write_text(f"data.location={data}\nconfirmation=off\nverbose=nothing\n", encoding="utf-8")
    env = base_env() | {"TASKRC": str(data / "taskrc"), "TASKDATA": str(data)}
    lines = [line for part in parts for line in gen.taskwarrior_json(part, dt.date.today()).splitlines()]
    (data / "import.json").write_text("[" + ",".join(lines) + "]", encoding="utf-8")
    done = subprocess.run(["task", "rc.confirmation=off", "rc.verbose=nothing", "import", str(data / "import.json")], env=env, capture_output=True)
    return env if done.returncode == 0 else None


def bench_taskwarrior(gongkai: str, path: Path, size: int, ledger: gen.Generated, runs: int, work: Path) -> list[Timing]:
    """``task overdue`` and ``gongkai overdue`` (warm and cold) taking turns, run by run, so
    that the ratio compares runs made under the same machine load."""
    label = "task overdue (Taskwarrior)"
    task = shutil.which("task")
    if task is None:
        return [Timing(label, size, note="not available: apt-get install taskwarrior")]
    env = private_taskwarrior([ledger], work / f"tw-{size}")
    if env is None:
        return [Timing(label, size, note="task import failed")]
    version = subprocess.run([task, "--version"], env=env, capture_output=True, text=True).stdout.strip()
    count = subprocess.run([task, "rc.verbose=nothing", "+OVERDUE", "count"], env=env, capture_output=True, text=True).stdout.strip()
    overdue = [gongkai, "overdue", "--file", str(path), "--as-of", AS_OF]
    timings = measure_interleaved(
        [
            (label, [task, "rc.confirmation=off", "rc.verbose=nothing", "overdue"], env),
            ("overdue (warm), side by side", overdue, base_env() | {"GONGKAI_CACHE_DIR": str(work / f"cache-{size}")}),
            ("overdue (cold), side by side", overdue, base_env() | {"GONGKAI_NO_CACHE": "1"}),
        ],
        runs,
        ok_codes=(0, 1),
        size=size,
    )
    timings[0].extra = {"version": version, "overdue_tasks": int(count) if count.isdigit() else count}
    return timings


def bench_update(gongkai: str, path: Path, ledger: gen.Generated, size: int, runs: int, work: Path) -> Timing:
    label = "update (one progress entry)"
    target = next((t for t in ledger.tasks if t.kind == "not_started"), None)
    if target is None:
        return Timing(label, size, note="no not-started task in this ledger to update")
    copy = work / f"update-{size}" / "tasks.yaml"
    copy.parent.mkdir()
    original = path.read_bytes()

    def fresh() -> None:
        copy.write_bytes(original)

    env = base_env() | {"GONGKAI_CACHE_DIR": str(work / f"cache-{size}")}
    argv = [gongkai, "update", target.id, "--status", "in_progress", "--note", "x", "--by", target.lead, "--date", AS_OF, "--file", str(copy)]
    t = measure(label, size, argv, env, runs, before_each=fresh)
    if t.ok:
        # What the update did to the file: only added lines, and the file still validates.
        before = original.decode("utf-8").splitlines()
        after = copy.read_text(encoding="utf-8").splitlines()
        diff = [d for d in difflib.unified_diff(before, after, lineterm="", n=0) if d[:1] in "+-" and d[:3] not in ("+++", "---")]
        errors, _warnings, _tasks = validate_counts(str(Path(gongkai).with_name("python")), copy)
        t.extra = {"task": target.id, "diff_added": sum(d.startswith("+") for d in diff), "diff_removed": sum(d.startswith("-") for d in diff), "errors_after": errors}
    return t


def _xls(xlwt_python: str | None, clauses: int, path: Path) -> str | None:
    """The 任务分工表 of tests/gen/plans.py as a real Excel 97-2003 file, written by xlwt in another
    Python (gongkai does not depend on xlwt); None when written, else why not."""
    if xlwt_python is None:
        return "not available: give --xlwt-python, a Python with xlwt (see tests/importer/fixtures/make_xls.py)"
    p = subprocess.run([xlwt_python, str(ROOT / "tests" / "importer" / "fixtures" / "make_xls.py"), "--clauses", str(clauses), str(path)], capture_output=True, text=True)
    return None if p.returncode == 0 else f"not available: make_xls.py failed: {p.stderr.strip().splitlines()[-1:]}"


def bench_import(gongkai: str, clauses: int, runs: int, work: Path, xlwt_python: str | None = None) -> list[Timing]:
    folder = work / "import"
    folder.mkdir()
    # (label, clauses, the plan file, or why it could not be made)
    plans: list[tuple[str, int, Path, str | None]] = []
    for kind in ("md", "docx", "xlsx", "xls", "html", "pdf"):
        path = folder / f"plan-{kind}.{kind}"
        what, why = kind, None
        if kind == "md":
            path.write_text(plan_gen.plan_text(clauses), encoding="utf-8")
        elif kind == "docx":
            plan_gen.plan_docx(path, clauses)
        elif kind == "xlsx":
            plan_gen.plan_xlsx(path, clauses)
        elif kind == "xls":
            why = _xls(xlwt_python, clauses, path)
        elif kind == "html":
            plan_gen.plan_html(path, clauses)
        else:
            what = f"pdf of {plan_gen.plan_pdf(path, clauses)} pages"
        plans.append((f"import ({clauses}-clause plan, {what}, tests/gen/plans.py)", clauses, path, why))
    own = folder / "plan-bench.md"
    own.write_text(gen.plan_markdown(clauses), encoding="utf-8")
    # the same plan as a saved web page and as text that lost its line breaks
    lines = [ln.lstrip("# ").replace("**", "") for ln in own.read_text(encoding="utf-8").splitlines() if ln.strip()]
    page = folder / "plan-bench.html"
    page.write_text("<html><body><article>" + "".join(f"<p>{ln}</p>" for ln in lines) + "</article></body></html>", encoding="utf-8")
    flat = folder / "plan-bench-one-line.txt"
    flat.write_text("".join(lines) + "\n", encoding="utf-8")
    for what, path in (("md", own), ("html", page), ("text on one line", flat)):
        plans.append((f"import ({clauses}-clause plan, {what}, tests/gen/ledgers.py)", clauses, path, None))
    pdf30 = folder / f"plan-{PDF_PAGES}-pages.pdf"
    pdf_clauses = plan_gen.plan_pdf_pages(pdf30, PDF_PAGES)
    plans.append((f"import ({PDF_PAGES}-page pdf, {pdf_clauses} clauses, tests/gen/plans.py)", pdf_clauses, pdf30, None))
    out = folder / "tasks.yaml"

    def clean() -> None:
        out.unlink(missing_ok=True)

    env = base_env() | {"GONGKAI_NO_CACHE": "1"}
    timings = []
    for label, size, plan, why in plans:
        if why is not None:
            timings.append(Timing(label, size, note=why))
            continue
        t = measure(label, size, [gongkai, "import", str(plan), "-o", str(out)], env, runs, before_each=clean)
        if t.ok and out.exists():
            errors, warnings, n = validate_counts(str(Path(gongkai).with_name("python")), out)
            t.extra = {"clauses_written": n, "errors": errors, "warnings": warnings}
        elif t.ok:
            t.note = "ran, but wrote no file"
        timings.append(t)
    return timings


def write_workspace(folder: Path, parts: list[gen.Generated]) -> Path:
    """A workspace of the generated ledgers ``parts`` (plan ids bench-plan-1, -2, ...) under
    ``folder``: plans/plan-NNN.yaml and a gongkai.toml with a glob. Returns the toml."""
    (folder / "plans").mkdir(parents=True)
    for i, part in enumerate(parts):
        text = part.text.replace("  id: bench-plan\n", f"  id: bench-plan-{i + 1}\n", 1)
        (folder / "plans" / f"plan-{i + 1:03d}.yaml").write_text(text, encoding="utf-8")
    toml = folder / "gongkai.toml"
    toml.write_text('ledgers = ["plans/*.yaml"]\n', encoding="utf-8")
    return toml


def bench_portfolio(gongkai: str, plans: int, per_plan: int, runs: int, work: Path) -> list[Timing]:
    """``status`` on a workspace of ``plans`` ledgers of ``per_plan`` tasks each (gongkai.toml with a
    glob) against ``status`` on one ledger of as many tasks, cold and warm, all taking turns."""
    toml = write_workspace(work / "portfolio", [gen.ledger(per_plan, seed=i) for i in range(plans)])
    total = plans * per_plan
    single = work / f"tasks-{total}.yaml"
    if not single.exists():
        single.write_text(gen.ledger(total).text, encoding="utf-8")
    cold = base_env() | {"GONGKAI_NO_CACHE": "1"}
    warm = base_env() | {"GONGKAI_CACHE_DIR": str(work / "cache-portfolio")}
    many = [gongkai, "status", "--file", str(toml), "--as-of", AS_OF]
    one = [gongkai, "status", "--file", str(single), "--as-of", AS_OF]
    shape = f"{plans} ledgers x {per_plan} tasks"
    # The untimed first turn fills the warm cache for both.
    timings = measure_interleaved(
        [
            (f"status, workspace of {shape} (cold)", many, cold),
            (f"status, one ledger of {total:,} tasks (cold)", one, cold),
            (f"status, workspace of {shape} (warm)", many, warm),
            (f"status, one ledger of {total:,} tasks (warm)", one, warm),
        ],
        runs,
        size=total,
    )
    for t in timings:
        t.extra = {"portfolio": f"{plans}x{per_plan}"}
    return timings


_BLOCK = """
import sys, time
for name in {heavy!r}:
    sys.modules[name] = None  # makes `import name` raise ImportError
from gongkai.cli import main
main(sys.argv[1:])
"""
_PLAIN = """
import sys
from gongkai.cli import main
main(sys.argv[1:])
"""


def bench_startup(python: str, ledger_path: Path, size: int, runs: int) -> tuple[list[Timing], dict[str, object]]:
    """Import cost of gongkai.cli, which heavy modules the status path imports, and status
    with the export libraries made unimportable versus present."""
    env = base_env() | {"GONGKAI_NO_CACHE": "1"}
    p = subprocess.run([python, "-X", "importtime", "-c", "import gongkai.cli"], capture_output=True, text=True, env=env)
    rows = parse_importtime(p.stderr)
    cli_us = next((cum for name, _self, cum in rows if name == "gongkai.cli"), None)
    by_pkg: dict[str, int] = {}
    for name, self_us, _cum in rows:
        top = name.split(".")[0]
        by_pkg[top] = by_pkg.get(top, 0) + self_us
    status_argv = ["status", "--file", str(ledger_path), "--as-of", AS_OF]
    q = subprocess.run([python, "-X", "importtime", "-c", _PLAIN, *status_argv], capture_output=True, text=True, env=env)
    status_modules = {name for name, _s, _c in parse_importtime(q.stderr)}
    heavy_loaded = sorted({m.split(".")[0] for m in status_modules if m.split(".")[0] in HEAVY})
    info: dict[str, object] = {
        "import_gongkai_cli_ms": round(cli_us / 1000, 1) if cli_us is not None else None,
        "import_self_ms_by_package": {k: round(v / 1000, 1) for k, v in sorted(by_pkg.items(), key=lambda kv: -kv[1])[:12]},
        "heavy_modules_on_status_path": heavy_loaded,
        "modules_on_status_path": len(status_modules),
    }
    timings = measure_interleaved(
        [
            ("status (cold), export libraries present", [python, "-c", _PLAIN, *status_argv], env),
            ("status (cold), export libraries blocked", [python, "-c", _BLOCK.format(heavy=HEAVY), *status_argv], env),
            ("python -c 'import gongkai.cli'", [python, "-c", "import gongkai.cli"], env),
            ("python -c 'pass' (interpreter floor)", [python, "-c", "pass"], env),
        ],
        runs,
    )
    for t in timings[:2]:
        t.size = size
    return timings, info


def measure_interleaved(
    commands: list[tuple[str, list[str], dict[str, str]]], runs: int, *, ok_codes: tuple[int, ...] = (0,), size: int | None = None
) -> list[Timing]:
    """Like ``measure``, but the commands take turns, so a change in machine load hits all alike."""
    times: dict[str, list[float]] = {label: [] for label, _, _ in commands}
    rss: dict[str, list[float]] = {label: [] for label, _, _ in commands}
    failed: dict[str, str] = {}
    for i in range(runs + 1):
        for label, argv, env in commands:
            if label in failed:
                continue
            p = run_proc(argv, env)
            if p.rc not in ok_codes:
                failed[label] = f"failed (exit {p.rc})"
            elif i > 0:
                times[label].append(p.seconds)
                rss[label].append(p.rss_mb)
    out = []
    for label, _, _ in commands:
        if label in failed:
            out.append(Timing(label, size, note=failed[label]))
        else:
            out.append(Timing(label, size, statistics.median(times[label]), min(times[label]), max(rss[label]), runs))
    return out


def parse_importtime(stderr: str) -> list[tuple[str, int, int]]:
    """(module, self µs, cumulative µs) from ``python -X importtime`` output."""
    rows = []
    for line in stderr.splitlines():
        if not line.startswith("import time:") or "self [us]" in line:
            continue
        try:
            self_us, cum_us, name = (part.strip() for part in line.split(":", 1)[1].split("|"))
            rows.append((name, int(self_us), int(cum_us)))
        except ValueError:
            continue
    return rows


# --- output -----------------------------------------------------------------------------------


def fmt_s(value: float | None) -> str:
    if value is None:
        return "—"
    return f"{value * 1000:.0f} ms" if value < 1 else f"{value:.2f} s"


def table(timings: list[Timing]) -> list[str]:
    lines = ["| command | tasks | median | min | peak RSS | runs | note |", "|---|---:|---:|---:|---:|---:|---|"]
    for t in timings:
        note = t.note or ", ".join(f"{k}={v}" for k, v in t.extra.items())
        rss = f"{t.max_rss_mb:.0f} MB" if t.max_rss_mb is not None else "—"
        size = f"{t.size:,}" if t.size is not None else ""
        lines.append(f"| {t.label} | {size} | {fmt_s(t.median_s)} | {fmt_s(t.min_s)} | {rss} | {t.runs or ''} | {note} |")
    return lines


def verdicts(timings: list[Timing]) -> list[str]:
    def get(label: str, size: int | None) -> Timing | None:
        return next((t for t in timings if t.label == label and t.size == size and t.ok), None)

    out = []
    tw = get("task overdue (Taskwarrior)", 1000)
    for mode in ("cold", "warm"):
        gk = get(f"overdue ({mode}), side by side", 1000)
        if tw and gk and tw.median_s and gk.median_s:
            ratio = gk.median_s / tw.median_s
            best = gk.min_s / tw.min_s if gk.min_s and tw.min_s else ratio
            out.append(
                f"overdue {mode} / task overdue at 1,000 tasks, runs taking turns: {ratio:.1f}x of medians, {best:.1f}x of best runs"
                f" (target <= {TARGET_RATIO:.0f}x): {'MET' if ratio <= TARGET_RATIO else 'MISSED'}"
            )
    for t in timings:
        if t.size == 10000 and t.ok and t.label.split(" (")[0] in ("status", "overdue", f"unit {UNIT}") and t.median_s is not None:
            out.append(f"{t.label} at 10,000 tasks: {fmt_s(t.median_s)} (target < {TARGET_10K_S:.0f} s): {'MET' if t.median_s < TARGET_10K_S else 'MISSED'}")
    peak = max((t.max_rss_mb for t in timings if t.max_rss_mb is not None and t.label.startswith(("status", "overdue", "unit"))), default=None)
    if peak is not None:
        out.append(f"peak RSS of any report: {peak:.0f} MB (target < {TARGET_MEM_MB:.0f} MB): {'MET' if peak < TARGET_MEM_MB else 'MISSED'}")
    up = get("update (one progress entry)", 1000)
    if up and up.median_s is not None:
        out.append(f"update at 1,000 tasks: {fmt_s(up.median_s)} (target < {TARGET_UPDATE_1K_S:.0f} s): {'MET' if up.median_s < TARGET_UPDATE_1K_S else 'MISSED'}")
    for mode in ("cold", "warm"):
        many = next((t for t in timings if t.label.startswith("status, workspace of") and t.label.endswith(f"({mode})") and t.ok), None)
        one = next((t for t in timings if t.label.startswith("status, one ledger of") and t.label.endswith(f"({mode})") and t.ok), None)
        if many and one and many.median_s and one.median_s:
            out.append(
                f"status {mode}: {many.label.split(' (')[0].removeprefix('status, ')} {fmt_s(many.median_s)}"
                f" against {one.label.split(' (')[0].removeprefix('status, ')} {fmt_s(one.median_s)}: {many.median_s / one.median_s:.1f}x"
            )
    for imp in timings:
        if not imp.label.startswith("import (") or imp.median_s is None:
            continue
        pdf = imp.label.startswith(f"import ({PDF_PAGES}-page pdf")
        if not pdf and imp.size != 200:
            continue  # the target is for a 200-clause plan
        target = TARGET_PDF_S if pdf else TARGET_IMPORT_S
        verdict = "MET" if imp.median_s <= target else "MISSED"
        out.append(f"{imp.label}: {fmt_s(imp.median_s)}, best {fmt_s(imp.min_s)} (target <= {target:.0f} s): {verdict}")
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--sizes", default=None, help="comma-separated task counts (default 100,1000,10000; --quick: 30)")
    ap.add_argument("--runs", type=int, default=None, help="timed runs per command (default 5; --quick: 1)")
    ap.add_argument("--quick", action="store_true", help="a tiny, fast run to check that the benchmark works")
    ap.add_argument("--portfolio", default=None, help="a workspace of PLANSxTASKS ledgers for status (default 50x200; --quick: 3x10; 0 to skip)")
    ap.add_argument("--import-clauses", type=int, default=None, help="clauses in the plan for `gongkai import` (default 200; --quick: 20)")
    beside = Path(sys.executable).with_name("gongkai")
    default_script = beside if beside.exists() else ROOT / ".venv" / "bin" / "gongkai"
    ap.add_argument("--gongkai", default=str(default_script), help="the console script to time (default: beside this Python)")
    ap.add_argument("--out", type=Path, default=None, help="also write results.md and results.json to this folder (e.g. bench/out)")
    ap.add_argument("--import-only", action="store_true", help="time `gongkai import` only: no ledgers, reports or start-up")
    ap.add_argument("--xlwt-python", default=None, help="a Python with xlwt, to write the .xls plan (tests/importer/fixtures/make_xls.py)")
    args = ap.parse_args(argv)
    sizes = [int(s.replace("_", "").replace(",", "")) for s in (args.sizes or ("30" if args.quick else "100,1000,10000")).split(",") if s.strip()]
    runs = args.runs or (1 if args.quick else 5)
    clauses = args.import_clauses or (20 if args.quick else 200)
    portfolio = args.portfolio or ("3x10" if args.quick else "50x200")
    gongkai = args.gongkai
    python = str(Path(gongkai).with_name("python"))
    if not Path(gongkai).exists():
        print(f"no console script at {gongkai}; install with .venv/bin/pip install -e .", file=sys.stderr)
        return 3
    fresh_bytecode(gongkai)

    header = [
        f"# gongkai benchmark, {dt.datetime.now(dt.timezone.utc):%Y-%m-%d %H:%M} UTC",
        "",
        f"{platform.python_implementation()} {platform.python_version()}, {platform.machine()}, {os.cpu_count()} CPUs; --as-of {AS_OF}; median of {runs} run(s) after one untimed run.",
        "cold = GONGKAI_NO_CACHE=1 (parse + validate every run); warm = GONGKAI_CACHE_DIR pre-warmed. Peak RSS from os.wait4 per process.",
        "",
    ]
    load_before = os.getloadavg()
    print("\n".join(header), flush=True)
    timings: list[Timing] = []
    ledgers: list[str] = []
    with tempfile.TemporaryDirectory(prefix="gongkai-bench-") as tmp:
        work = Path(tmp)
        first_path: Path | None = None
        for size in [] if args.import_only else sizes:
            ledger = gen.ledger(size)
            path = work / f"tasks-{size}.yaml"
            path.write_text(ledger.text, encoding="utf-8")
            first_path = first_path or path
            errors, warnings, how = check_ledger(gongkai, path, work)
            lines = ledger.text.count("\n")
            ledgers.append(f"- {size:,} tasks: {lines:,} lines, {len(ledger.text.encode()) / 1e6:.1f} MB; {how}: {errors} errors, {warnings} warnings")
            print(ledgers[-1], flush=True)
            if errors:
                print("the generated ledger has errors: fix tests/gen/ledgers.py", file=sys.stderr)
                return 1
            timings += bench_reports(gongkai, path, size, runs, work)
            timings += bench_taskwarrior(gongkai, path, size, ledger, runs, work)
            timings.append(bench_update(gongkai, path, ledger, size, runs, work))
            print("\n".join(table([t for t in timings if t.size == size])[2:]), flush=True)
        if portfolio != "0" and not args.import_only:
            plans, per_plan = (int(n) for n in portfolio.lower().split("x"))
            timings += bench_portfolio(gongkai, plans, per_plan, runs, work)
            print("\n".join(table(timings[-4:])[2:]), flush=True)
        timings += bench_import(gongkai, clauses, runs, work, args.xlwt_python)
        startup: dict[str, object] = {}
        if first_path is not None:
            start_timings, startup = bench_startup(python, first_path, sizes[0], runs)
            timings += start_timings

    load_after = os.getloadavg()
    load = f"Load average (1 min) {load_before[0]:.2f} at start, {load_after[0]:.2f} at end, on {os.cpu_count()} CPUs: other work on the machine inflates the figures."
    body = ["", "## Figures", "", load, "", *ledgers, "", *table(timings), "", "## Targets", ""]
    body += [f"- {v}" for v in verdicts(timings)] or ["- (no size of 1,000 or 10,000 in this run)"]
    body += ["", "## Start-up", ""]
    body += [f"- {k}: {v}" for k, v in startup.items()] or ["- (not measured: --import-only)"]
    print("\n".join(body))
    if args.out is not None:
        args.out.mkdir(parents=True, exist_ok=True)
        (args.out / "results.md").write_text("\n".join(header + body) + "\n", encoding="utf-8")
        (args.out / "results.json").write_text(
            json.dumps({"sizes": sizes, "runs": runs, "timings": [asdict(t) for t in timings], "startup": startup}, ensure_ascii=False, indent=2) + "\n",
            encoding="utf-8",
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
