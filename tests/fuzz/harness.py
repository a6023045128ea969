"""Mutated inputs and one way to run gongkai on them, shared by the fuzz tests and bench/fuzz.py.

Each case is a seed file changed by a few edits: lines dropped, doubled or swapped, bytes
flipped, and tokens that have broken YAML readers or reporters before (anchors, merge keys,
tags, control characters, bidi overrides, dates at the calendar's ends, odd periods) put
in at random places. The runner calls the real entry point in-process and sorts the outcome:
an exit code from the documented table is fine; anything else is a defect.
"""

from __future__ import annotations

import contextlib
import io
import os
import re
import resource
import signal
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from hypothesis import strategies as st

from gongkai.cli import main

from ..support import IMPORTER_FIXTURES, LEDGER, REPORTS_PROGRESS, ROOT

LEDGER_SEEDS = [LEDGER, REPORTS_PROGRESS]
_REAL = IMPORTER_FIXTURES / "real"
DOCUMENT_SEEDS = [
    ROOT / "docs" / "plans" / "shuangfeng-2018-plan.md",
    *sorted(IMPORTER_FIXTURES.glob("*.*")),
    _REAL / "fujian-2016-zhengwu-gongkai-renwu-fenjiebiao.article.html",  # a saved web page with a table
    _REAL / "pingtan-2019-jianshui-jiangfei-gongzuo-fangan.txt",  # a plan on one line, labels run together
]
AS_OF = "2019-01-15"
EXIT_CODES = {0, 1, 2, 3, 4}

TOKENS = [
    ": ", "- ", "  ", "\t", "\n", "\r\n", "\r", "#", "---\n", "...\n", "[", "]", "{", "}", "'", '"', ",", "&a ", "*a",
    "<<: *a", "!!python/object:os.system ", "!!binary ", "? ", "|\n", ">\n", "~", "null", "true", "no", "0x1F", "1e309",
    "-1", "9999-12-31", "0001-01-01", "0218-09-14", "2018-02-30", "0000Q1", "2018Q5", "2018q4", "2018H3", "2018-13",
    "\x00", "\x1b[31m", "\x1b]0;title\x07", "\u202e", "\u2066", "\x85", "\u2028", "\ufeff", "\x7f", "\ud7ff", "：", "　",
    "“", "”", "宣传部", "林业局各单位、部门", "status: done", "repeat: quarterly", "ongoing: true", "completed: 2018-12-20",
    "reports: [{period: 2018Q4, date: 2018-12-31, by: 行政办}]", "x" * 300,
]


# Dates and periods at the edges of what the calendar and the period grammar allow.
WHEN = ["9999-12-31", "0001-01-01", "0218-09-14", "2018-02-29", "1970-01-01", "0000Q1", "9999Q4", "2018Q5", "2018q4", "2018H2", "2018-11", "2018", "0"]
_WHEN_VALUE = re.compile(rb": *'?(\d{4}(-\d{2}-\d{2}|Q[1-4]|H[12]|-\d{2})?)'? *\r?$")


@dataclass(frozen=True)
class Edit:
    kind: str  # "drop", "double", "swap", "value", "when", "insert", "flip"
    at: int  # a position, taken modulo the length it applies to
    token: str = ""


def edits() -> st.SearchStrategy[list[Edit]]:
    positions = st.integers(min_value=0, max_value=10**6)
    line_edit = st.builds(Edit, st.sampled_from(["drop", "double", "swap"]), positions)
    token = st.sampled_from(TOKENS) | st.text(max_size=4)
    value = st.builds(Edit, st.just("value"), positions, token)
    insert = st.builds(Edit, st.just("insert"), positions, token)
    flip = st.builds(Edit, st.just("flip"), positions)
    when = st.builds(Edit, st.just("when"), positions, st.sampled_from(WHEN))
    # Values replaced keep the YAML well formed and reach the models and reports; the rest test the readers.
    return st.lists(when | value | line_edit | insert | flip, min_size=1, max_size=6)


def mutate(data: bytes, changes: list[Edit]) -> bytes:
    for change in changes:
        if change.kind in ("value", "when"):
            data = _replace_value(data, change)
        elif change.kind in ("drop", "double", "swap"):
            lines = data.splitlines(keepends=True) or [b""]
            i = change.at % len(lines)
            if change.kind == "drop":
                del lines[i]
            elif change.kind == "double":
                lines.insert(i, lines[i])
            else:
                j = (i + 1) % len(lines)
                lines[i], lines[j] = lines[j], lines[i]
            data = b"".join(lines)
        elif change.kind == "insert":
            i = change.at % (len(data) + 1)
            data = data[:i] + change.token.encode("utf-8", "surrogatepass") + data[i:]
        elif data:
            i = change.at % len(data)
            data = data[:i] + bytes([data[i] ^ (1 << (change.at % 8))]) + data[i + 1 :]
    return data


def first_task_id(data: bytes) -> str:
    """The id of the ledger's first task, as written (``3-1`` if none is found)."""
    found = re.search(rb"^\s*- id: *(\S+)", data, re.M)
    return found[1].decode("utf-8", "replace").strip("'\"") if found else "3-1"


def _replace_value(data: bytes, change: Edit) -> bytes:
    """The value of one ``key: value`` line replaced (for "when", one that holds a date or a period)."""
    lines = data.splitlines(keepends=True)
    fits = [i for i, line in enumerate(lines) if (_WHEN_VALUE.search(line) if change.kind == "when" else b": " in line)]
    if not fits:
        return data
    i = fits[change.at % len(fits)]
    key, _, rest = lines[i].partition(b": ")
    end = b"\r\n" if rest.endswith(b"\r\n") else b"\n" if rest.endswith(b"\n") else b""
    lines[i] = key + b": " + change.token.encode("utf-8", "surrogatepass") + end
    return b"".join(lines)


def report_commands(ledger: Path, out: Path, task_id: str = "3-1") -> list[list[str]]:
    """Every read command on ``ledger``; files go into the folder ``out``."""
    common = ["--file", str(ledger), "--as-of", AS_OF]
    return [
        ["check", str(ledger)],
        ["check", "--format", "json", str(ledger)],
        ["check", "--format", "sarif", str(ledger)],
        ["check", "--format", "github", str(ledger)],
        ["status", *common],
        ["status", *common, "--json", "--lang", "en"],
        ["overdue", *common, "--within", "30"],
        ["overdue", *common, "--json"],
        ["units", *common],
        ["unit", "行政办", *common],
        ["show", task_id, *common],
        ["export", "--format", "csv", "-o", str(out / "a.csv"), *common],
        ["export", "--format", "xlsx", "-o", str(out / "a.xlsx"), *common],
        ["export", "--format", "ics", "-o", str(out / "a.ics"), *common],
        ["export", "--format", "md", "--by-unit", str(out / "units"), *common],
        ["report", "--html", str(out / "a.html"), *common],
        ["bulletin", "--period", "2018Q4", "-o", str(out / "b.docx"), *common],
    ]


@dataclass
class Outcome:
    code: int
    stdout: str
    stderr: str


class Hang(Exception):
    pass


@contextlib.contextmanager
def time_limit(seconds: float) -> Iterator[None]:
    """Raise Hang if the block runs longer than ``seconds`` (main thread, POSIX only)."""
    if not hasattr(signal, "setitimer"):
        yield
        return

    def on_alarm(signum: int, frame: object) -> None:
        raise Hang(f"still running after {seconds} s")

    previous = signal.signal(signal.SIGALRM, on_alarm)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def run(args: list[str], *, seconds: float) -> Outcome:
    """``gongkai ARGS`` in-process; an exception other than SystemExit propagates (a defect)."""
    out, err = io.StringIO(), io.StringIO()
    code = 0
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err), time_limit(seconds):
        try:
            main(args)
        except SystemExit as exc:
            code = exc.code if isinstance(exc.code, int) else (0 if exc.code is None else 1)
    return Outcome(code, out.getvalue(), err.getvalue())


def peak_rss_mb() -> float:
    """The process's peak resident memory so far (Linux reports kilobytes)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def hang_seconds(default: float) -> float:
    """How long one command may run before it counts as hung: GONGKAI_FUZZ_HANG_S, else ``default``."""
    return float(os.environ.get("GONGKAI_FUZZ_HANG_S", default))


def rss_limit_mb() -> float | None:
    """The peak memory a long fuzz run allows itself (GONGKAI_FUZZ_MAX_RSS_MB), None in the test run."""
    raw = os.environ.get("GONGKAI_FUZZ_MAX_RSS_MB")
    return float(raw) if raw else None


def examples(default: int) -> int:
    """How many examples a fuzz test draws: GONGKAI_FUZZ_EXAMPLES, else ``default``."""
    return int(os.environ.get("GONGKAI_FUZZ_EXAMPLES", default))
