"""Measured what-ifs behind the benchmark's recommendations. Nothing in src/ is changed:
each experiment times today's code beside a prototype of the change, on a generated ledger.

    .venv/bin/python bench/experiments.py [--size 1000] [--runs 7]

1. start-up: pydantic's plugin scan (PYDANTIC_DISABLE_PLUGINS), and what a warm run would
   cost if it printed a cached rendering without importing typer/rich/pydantic;
2. rendering a long table: gongkai's renderer (today) against a plain fixed-width formatter that
   measures and wraps CJK cells with rich.cells;
3. YAML: ruamel's implicit-tag resolver against one that returns ``str`` at once for a
   scalar whose first character no implicit resolver can match (Chinese text, most ids);
4. the warm cache: ``Ledger.model_validate_json`` against ``pickle`` (the cache today), and
   the models' class construction with and without ``defer_build``;
5. the cyclic garbage collector: whole cold reports and ``update`` with ``gc.disable()``
   before ``main`` against as they are (the loader builds millions of objects, and every
   700 allocations the collector walks the young ones; full collections walk them all).
"""

from __future__ import annotations

import argparse
import hashlib
import io
import json
import os
import pickle
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))
sys.path.insert(1, str(HERE.parent))  # the repository root, for the generators in tests/gen

from tests.gen import ledgers as gen  # noqa: E402

from bench import UNIT, base_env, run_proc  # noqa: E402


def best_ms(fn: Callable[[], object], runs: int) -> float:
    """Best of ``runs`` (as timeit reports): the machine is shared, and load only ever adds time."""
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return min(times) * 1000


def proc_ms(argv: list[str], env: dict[str, str], runs: int) -> float:
    run_proc(argv, env)
    return min(run_proc(argv, env).seconds for _ in range(runs)) * 1000


def startup(python: str, ledger: Path, runs: int) -> None:
    env = base_env()
    warm = base_env() | {"GONGKAI_CACHE_DIR": str(ledger.parent / "cache")}
    no_plugins = {"PYDANTIC_DISABLE_PLUGINS": "1"}
    status = [str(Path(python).with_name("gongkai")), "status", "--file", str(ledger), "--as-of", gen.AS_OF.isoformat()]
    overdue = [status[0], "overdue", *status[2:]]
    # The floor a cached rendering could reach: hash the ledger, print stored bytes.
    cached = ledger.parent / "rendered.txt"
    cached.write_bytes(subprocess.run(overdue, env=warm, capture_output=True).stdout)
    floor = (
        "import hashlib, sys\n"
        f"raw = open({str(ledger)!r}, 'rb').read(); hashlib.sha256(raw).hexdigest()\n"
        f"sys.stdout.buffer.write(open({str(cached)!r}, 'rb').read())"
    )
    rows = [
        ("python -c pass", proc_ms([python, "-c", "pass"], env, runs)),
        ("import gongkai.cli", proc_ms([python, "-c", "import gongkai.cli"], env, runs)),
        ("import gongkai.cli, PYDANTIC_DISABLE_PLUGINS=1", proc_ms([python, "-c", "import gongkai.cli"], env | no_plugins, runs)),
        ("gongkai status, warm", proc_ms(status, warm, runs)),
        ("gongkai status, warm, PYDANTIC_DISABLE_PLUGINS=1", proc_ms(status, warm | no_plugins, runs)),
        ("gongkai overdue, warm", proc_ms(overdue, warm, runs)),
        ("a cached rendering of overdue (hash + print, no typer/rich/pydantic)", proc_ms([python, "-c", floor], env, runs)),
    ]
    task = subprocess.run(["which", "task"], capture_output=True, text=True).stdout.strip()
    if task:
        tw = Path(tempfile.mkdtemp(prefix="tw-"))
        (tw / "rc").write_text(f"data.location={tw}\nconfirmation=off\nverbose=nothing\n", encoding="utf-8")
        tw_env = base_env() | {"TASKRC": str(tw / "rc"), "TASKDATA": str(tw)}
        import datetime as dt

        (tw / "in.json").write_text("[" + ",".join(gen.taskwarrior_json(gen.ledger(1000), dt.date.today()).splitlines()) + "]", encoding="utf-8")
        subprocess.run([task, "import", str(tw / "in.json")], env=tw_env, capture_output=True)
        rows.append(("task overdue (Taskwarrior, 1,000 tasks)", proc_ms([task, "overdue"], tw_env, runs)))
    print(f"1. start-up and the warm path, whole processes, best of {runs}:")
    for label, ms in rows:
        print(f"  {ms:8.1f} ms  {label}")


def render(ledger_path: Path, runs: int) -> None:
    from rich.cells import cell_len, chop_cells
    from rich.console import Console

    from gongkai.loader import load_ledger
    from gongkai.queries import overdue
    from gongkai.render import text as render_text

    ledger = load_ledger(ledger_path, use_cache=False)
    report = overdue(ledger, gen.AS_OF, None)

    def with_rich() -> str:
        buffer = io.StringIO()
        console = Console(file=buffer, width=80, highlight=False, soft_wrap=False)
        console.print(render_text.overdue(report, "zh"))
        return buffer.getvalue()

    def plain() -> str:
        # Same columns and widths policy: natural width, the title column folded to fit 80.
        header = ["编号", "任务", "周期", "期限", "逾期天数", "牵头单位"]
        rows = [
            [ob.task.id, ob.task.title, ob.period or "—", ob.due.isoformat() if ob.due else "—", str(item.days), "、".join(ob.task.lead)]
            for item in report.overdue
            for ob in [item.obligation]
        ]
        widths = [max(cell_len(r[i]) for r in [header, *rows]) for i in range(len(header))]
        spare = 80 - (sum(widths) + 2 * (len(widths) - 1))
        for col in (5, 1):  # fold the widest text columns first
            if spare < 0:
                cut = min(-spare, widths[col] - 8)
                widths[col] -= cut
                spare += cut
        out = io.StringIO()
        for row in [header, *rows]:
            cells = [chop_cells(cell, w) if cell_len(cell) > w else [cell] for cell, w in zip(row, widths, strict=True)]
            for line in range(max(len(c) for c in cells)):
                parts = []
                for c, w in zip(cells, widths, strict=True):
                    piece = c[line] if line < len(c) else ""
                    parts.append(piece + " " * (w - cell_len(piece)))
                out.write("  ".join(parts).rstrip() + "\n")
        return out.getvalue()

    print(f"\n2. rendering `overdue` ({len(report.overdue)} rows, 80 columns), in-process, best of {runs}:")
    print(f"  {best_ms(with_rich, runs):8.1f} ms  gongkai's renderer (today)")
    print(f"  {best_ms(plain, runs):8.1f} ms  plain formatter with rich.cells (cell_len, chop_cells)")


def yaml_resolver(text: str, runs: int) -> None:
    from ruamel.yaml.nodes import ScalarNode

    from gongkai import yamlio

    def fast_yaml() -> object:
        yaml = yamlio.safe_yaml()
        base = yaml.Resolver

        class Fast(base):  # type: ignore[misc, valid-type]
            """Skips the implicit resolvers when no resolver starts with the scalar's first character."""

            _first: Any = None

            def resolve(self, kind: Any, value: Any, implicit: Any) -> Any:
                if kind is ScalarNode and implicit[0] and value and not self.yaml_path_resolvers:
                    first = self._first
                    if first is None:
                        vr = self.versioned_resolver
                        first = self._first = (set(k for k in vr if k), bool(vr.get(None)))
                    if value[0] not in first[0] and not first[1]:
                        return self.DEFAULT_SCALAR_TAG
                return super().resolve(kind, value, implicit)

        yaml.Resolver = Fast
        if not isinstance(yaml.resolver, Fast):  # already built by safe_yaml: swap its class
            yaml.resolver.__class__ = Fast
        return yaml

    today = best_ms(lambda: yamlio.compose(text), runs)
    fast = best_ms(lambda: fast_yaml().compose(text), runs)  # type: ignore[attr-defined]
    root = yamlio.compose(text)
    expected = yamlio.construct(root)
    same = expected == yamlio.safe_yaml().constructor.construct_document(fast_yaml().compose(text))  # type: ignore[attr-defined]
    print(f"\n3. YAML at {text.count(chr(10)):,} lines, in-process, best of {runs}:")
    print(f"  {today:8.1f} ms  compose, ruamel resolver (today)")
    print(f"  {fast:8.1f} ms  compose, first-character fast path in the resolver (same data: {same})")
    print(f"  {best_ms(lambda: yamlio.construct(root), runs):8.1f} ms  construct, ruamel SafeConstructor (today)")


def cache_paths(ledger_path: Path, runs: int, python: str) -> None:
    from gongkai.loader import load_ledger
    from gongkai.models import Ledger

    ledger = load_ledger(ledger_path, use_cache=False)
    as_json = json.dumps(ledger.model_dump(mode="json", exclude_none=True), ensure_ascii=False).encode()
    as_pickle = pickle.dumps(ledger, protocol=pickle.HIGHEST_PROTOCOL)
    print(f"\n4. the warm cache at {len(ledger.tasks):,} tasks, in-process, best of {runs}:")
    print(f"  {best_ms(lambda: Ledger.model_validate(json.loads(as_json)), runs):8.1f} ms  JSON, validated again by pydantic ({len(as_json) / 1e6:.1f} MB, the first cache)")
    print(f"  {best_ms(lambda: pickle.loads(as_pickle), runs):8.1f} ms  pickle.loads of the dataclasses ({len(as_pickle) / 1e6:.1f} MB, the cache today)")
    print(f"  {best_ms(lambda: hashlib.sha256(ledger_path.read_bytes()).hexdigest(), runs):8.1f} ms  read + sha256 of the ledger (the cache key)")
    code = "import time; t = time.perf_counter(); import pydantic, pydantic.fields; print((time.perf_counter() - t) * 1000)"
    timings = [float(subprocess.run([python, "-c", code], env=base_env(), capture_output=True, text=True).stdout or "nan") for _ in range(runs)]
    print(f"  {min(timings):8.1f} ms  import pydantic, pydantic.fields (never on a warm report)")


_RUN = "import gc, sys\n{pre}from gongkai.cli import main\nmain(sys.argv[1:])\n"


def gc_off(python: str, runs: int, sizes: tuple[int, ...] = (1000, 10000)) -> None:
    from bench import measure_interleaved

    print(f"\n5. cold reports and update with the cyclic GC off, whole processes taking turns, median (best) of {runs}:")
    for size in sizes:
        folder = Path(tempfile.mkdtemp(prefix=f"gc-{size}-"))
        ledger = folder / "tasks.yaml"
        ledger.write_text(gen.ledger(size).text, encoding="utf-8")
        env = base_env() | {"GONGKAI_NO_CACHE": "1"}
        status = ["status", "--file", str(ledger), "--as-of", gen.AS_OF.isoformat()]
        timings = measure_interleaved(
            [
                ("status cold, as today", [python, "-c", _RUN.format(pre=""), *status], env),
                ("status cold, gc.disable() first", [python, "-c", _RUN.format(pre="gc.disable()\n"), *status], env),
            ],
            runs,
            size=size,
        )
        target = next(t for t in gen.ledger(size).tasks if t.kind == "not_started")
        copy = folder / "copy.yaml"
        update = ["update", target.id, "--status", "in_progress", "--note", "x", "--by", target.lead, "--date", gen.AS_OF.isoformat(), "--file", str(copy)]
        seconds: dict[str, list[float]] = {"update, as today": [], "update, gc.disable() first": []}
        peak: dict[str, float] = dict.fromkeys(seconds, 0.0)
        for i in range(runs + 1):
            for label, pre in (("update, as today", ""), ("update, gc.disable() first", "gc.disable()\n")):
                copy.write_bytes(ledger.read_bytes())
                p = run_proc([python, "-c", _RUN.format(pre=pre), *update], env)
                if p.rc == 0 and i > 0:
                    seconds[label].append(p.seconds)
                    peak[label] = max(peak[label], p.rss_mb)
        for t in timings:
            print(f"  {size:>6,} tasks  {(t.median_s or 0) * 1000:8.0f} ms ({(t.min_s or 0) * 1000:.0f})  peak {t.max_rss_mb or 0:.0f} MB  {t.label}")
        for label, values in seconds.items():
            if values:
                print(f"  {size:>6,} tasks  {sorted(values)[len(values) // 2] * 1000:8.0f} ms ({min(values) * 1000:.0f})  peak {peak[label]:.0f} MB  {label}")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--size", type=int, default=1000)
    ap.add_argument("--runs", type=int, default=7)
    args = ap.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="gongkai-exp-"))
    ledger = folder / "tasks.yaml"
    text = gen.ledger(args.size).text
    ledger.write_text(text, encoding="utf-8")
    os.environ["GONGKAI_CACHE_DIR"] = str(folder / "cache")
    python = sys.executable
    assert UNIT
    startup(python, ledger, args.runs)
    render(ledger, args.runs)
    yaml_resolver(text, args.runs)
    cache_paths(ledger, args.runs, python)
    gc_off(python, min(args.runs, 3))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
