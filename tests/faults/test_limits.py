"""A change whose result could not be read back is never written."""

from __future__ import annotations

from pathlib import Path

import pytest

from gongkai import yamlio

from ..support import LEDGER, Run


@pytest.mark.parametrize("dry_run", [False, True])
def test_an_update_that_would_pass_the_read_limit_is_refused(dry_run: bool, run: Run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "tasks.yaml"
    path.write_bytes(LEDGER.read_bytes())
    # The limit just above today's ledger, so that one long note pushes it past (20 MB of notes would be slow).
    monkeypatch.setattr(yamlio, "MAX_BYTES", len(LEDGER.read_bytes()) + 1000)
    args = ["update", "2-4-1", "--note", "很长的进展" * 100, "--date", "2018-12-01", "-f", str(path)]
    r = run(*args, *(["--dry-run"] if dry_run else []))
    assert r.exit_code == 4
    assert "读取上限" in r.stderr
    assert path.read_bytes() == LEDGER.read_bytes()
    # The ledger still loads, and a change that fits is still made.
    assert run("status", "-f", path, "--as-of", "2018-12-01").exit_code == 0
    assert run("update", "2-4-1", "--note", "短", "--date", "2018-12-01", "-f", path).exit_code == 0
