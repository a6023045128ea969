"""Docs cannot drift: every command has help text and is in the README's tour."""

from __future__ import annotations

import re

import pytest

from gongkai.cli import app

from .support import ROOT, Run

README = (ROOT / "README.md").read_text(encoding="utf-8")


def command_names() -> list[str]:
    names = []
    for info in app.registered_commands:
        name = info.name or (info.callback.__name__.replace("_", "-") if info.callback else "")
        names.append(name)
    return names


def test_there_are_commands() -> None:
    assert {"status", "overdue", "unit", "units", "show"} <= set(command_names())


@pytest.mark.parametrize("name", command_names())
def test_command_has_help_and_readme_entry(name: str, run: Run) -> None:
    r = run(name, "--help")
    assert r.exit_code == 0
    # the docstring's first line is the help; it must be there in Chinese and English
    assert re.search(r"[\u4e00-\u9fff]", r.stdout) and " / " in r.stdout
    assert f"`gongkai {name}" in README, f"README.md does not mention `gongkai {name}`"


def test_readme_has_both_setup_commands_and_exit_codes() -> None:
    assert "<!-- run-command -->" in README and "gongkai status" in README
    assert "<!-- test-command -->" in README and "pytest" in README
    for code in range(5):
        assert f"| {code} |" in README
    assert "docs/format.md" in README


def test_exit_code_table_matches_the_code() -> None:
    from gongkai.errors import ExitCode

    rows = dict(re.findall(r"^\| (\d) \| (.+?) \|$", README, flags=re.M))
    assert {int(k) for k in rows} == {int(c) for c in ExitCode}


def _all_fields() -> set[str]:
    import dataclasses

    from gongkai import models

    names: set[str] = set()
    for obj in vars(models).values():
        if isinstance(obj, type) and dataclasses.is_dataclass(obj):
            names.update(f.name for f in dataclasses.fields(obj))
    assert len(names) > 40  # the models are found: a test of nothing would pass
    return names


def test_format_reference_covers_every_key() -> None:
    text = (ROOT / "docs" / "format.md").read_text(encoding="utf-8")
    missing = sorted(name for name in _all_fields() if f"`{name}`" not in text)
    assert missing == []


def test_format_reference_lists_status_vocabulary() -> None:
    from gongkai.models import Covers, Cycle, Status

    text = (ROOT / "docs" / "format.md").read_text(encoding="utf-8")
    for value in [*Status, *Cycle, *Covers]:
        assert f"`{value.value}`" in text
    for label in ("未启动", "推进中", "已完成", "已取消", "长期坚持"):
        assert label in text


def test_ci_runs_exactly_the_readme_test_command() -> None:
    block = README.split("<!-- test-command -->", 1)[1].split("<!-- /test-command -->", 1)[0]
    command = next(line for line in block.splitlines() if line.strip() and not line.startswith("```"))
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert command in ci.splitlines()


def _catalog_keys_used() -> tuple[set[str], set[str]]:
    """Every key the code names, and every prefix it completes at run time (``"status." + value``)."""
    source = ROOT / "src" / "gongkai"
    texts = []
    for path in source.rglob("*.py"):
        text = path.read_text(encoding="utf-8")
        if path.name == "i18n.py":  # the catalog itself names every key: read only the code after it
            text = text.split("\n}\n", 1)[1]
        texts.append(text)
    code = "\n".join(texts)
    keys = set(re.findall(r"[\"']([a-z_]+(?:\.[A-Za-z0-9_]+)+)[\"']", code))
    prefixes = set(re.findall(r"[\"']([a-z_]+(?:\.[a-z_]+)*\.)[\"']\s*\+", code)) | set(
        re.findall(r"f[\"']([a-z_]+(?:\.[a-z_]+)*\.)\{", code)
    )
    return keys, prefixes


def test_the_key_scan_sees_literal_and_composed_keys() -> None:
    keys, prefixes = _catalog_keys_used()
    assert {"err.out.is_ledger", "units.legend", "hint.did_you_mean"} <= keys
    assert {"status.", "light.", "reason.", "export.col."} <= prefixes


def test_every_catalog_entry_is_used() -> None:
    from gongkai.i18n import CATALOG

    keys, prefixes = _catalog_keys_used()
    unused = sorted(k for k in CATALOG if k not in keys and not k.startswith(tuple(prefixes)))
    assert unused == []


def test_help_text_comes_from_the_catalog() -> None:
    for path in (ROOT / "src" / "gongkai" / "cli").glob("*.py"):
        text = path.read_text(encoding="utf-8")
        assert not re.findall(r"help=[\"']", text), path.name
        assert not re.findall(r'^    """[^\n]*[\u4e00-\u9fff][^\n]* / ', text, flags=re.M), path.name


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_help_speaks_both_languages_from_the_catalog(lang: str, run: Run) -> None:
    from gongkai.i18n import t

    for name in ("dashboard", "add-unit", "status", "export"):
        r = run(name, "--help")
        assert r.exit_code == 0
        assert " ".join(t("cmd." + name.replace("-", "_"), lang).split()) in " ".join(r.stdout.split())
        assert t("opt.file", lang).split("（")[0].split(" (")[0] in r.stdout
