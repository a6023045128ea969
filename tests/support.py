"""What the tests share besides fixtures: the repository's paths, the fixture ledgers, the CLI result type.

conftest.py files hold fixtures only; a test imports paths and types from here.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
TESTS = ROOT / "tests"
# The real ledger of the repository: the 2018 plan, tracked by hand.
LEDGER = ROOT / "tasks.yaml"

FIXTURES = TESTS / "fixtures"
EDIT_FIXTURES = TESTS / "edit" / "fixtures"
EXPORT_FIXTURES = TESTS / "export" / "fixtures"
IMPORTER_FIXTURES = TESTS / "importer" / "fixtures"

# A small monthly-reported ledger for the report and list tests; its dates are chosen around 2018-12-10.
REPORTS_PROGRESS = FIXTURES / "progress.yaml"
# A small quarterly-reported ledger for the export tests, one task in each light as of 2018-11-20.
EXPORT_PROGRESS = EXPORT_FIXTURES / "progress.yaml"
# A workspace of three plans (gongkai.toml, dates around 2018-12-10): 测试局's 宣传部 in two plans
# (one of them calls it 宣传科, joined by the [units] table), and 邻县局's own 宣传部.
WORKSPACE = FIXTURES / "workspace"
# A hand-formatted ledger (four-space indentation, quoted scalars, comments everywhere) for the edit tests.
COMMENTED = EDIT_FIXTURES / "commented.yaml"


@dataclass
class Result:
    """What ``gongkai ARGS`` did: its exit code and both streams."""

    exit_code: int
    stdout: str
    stderr: str


Run = Callable[..., Result]
# The ``ledger_copy`` fixture of the edit tests: ``ledger_copy(source, variant="lf", name=None)`` -> a path.
LedgerCopy = Callable[..., Path]
