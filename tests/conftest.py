"""Shared fixtures: an isolated environment and one way to run the CLI as a user would."""

from __future__ import annotations

import contextlib
import io
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from gongkai.cli import main

from .support import WORKSPACE, Result, Run


@pytest.fixture(autouse=True)
def _isolated_env(monkeypatch: pytest.MonkeyPatch, tmp_path_factory: pytest.TempPathFactory) -> None:
    monkeypatch.setenv("GONGKAI_CACHE_DIR", str(tmp_path_factory.mktemp("cache")))
    monkeypatch.delenv("GONGKAI_LANG", raising=False)
    monkeypatch.delenv("GITHUB_ACTIONS", raising=False)
    monkeypatch.setenv("COLUMNS", "80")
    monkeypatch.setenv("NO_COLOR", "1")
    monkeypatch.setenv("TERM", "dumb")


@pytest.fixture
def run() -> Iterator[Run]:
    """Run ``gongkai ARGS`` in-process through the real entry point (exit-code mapping included)."""

    def _run(*args: str | Path) -> Result:
        out, err = io.StringIO(), io.StringIO()
        code = 0
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            try:
                main([str(a) for a in args])
            except SystemExit as exc:
                code = exc.code if isinstance(exc.code, int) else (0 if exc.code is None else 1)
        return Result(code, out.getvalue(), err.getvalue())

    yield _run


@pytest.fixture
def workspace_here(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A copy of the fixture workspace (tests/fixtures/workspace), as the current folder."""
    root = tmp_path / "ws"
    shutil.copytree(WORKSPACE, root)
    monkeypatch.chdir(root)
    return root
