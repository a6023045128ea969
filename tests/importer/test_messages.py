"""Every message the importer can write or print is in the catalog, in both languages."""

from __future__ import annotations

import re

import pytest

from gongkai.i18n import CATALOG, t

from ..support import ROOT

SOURCE = ROOT / "src" / "gongkai"


def used_keys() -> set[str]:
    keys: set[str] = set()
    for path in [*SOURCE.joinpath("importer").rglob("*.py"), *SOURCE.joinpath("cli").glob("*.py")]:
        keys.update(re.findall(r"[\"'](import\.[a-z_]+\.[a-z_]+)[\"']", path.read_text(encoding="utf-8")))
    return keys


def test_keys_are_found() -> None:
    assert {"import.doubt.ambiguous_lead", "import.err.undecodable", "import.summary.counts"} <= used_keys()


@pytest.mark.parametrize("key", sorted(used_keys()))
def test_used_key_is_in_the_catalog(key: str) -> None:
    zh, en = CATALOG[key]
    assert re.search(r"[\u4e00-\u9fff]", zh) and re.search(r"[A-Za-z]{2}", en)
    assert set(re.findall(r"\{(\w+)\}", zh)) == set(re.findall(r"\{(\w+)\}", en))


def test_no_unused_import_keys() -> None:
    assert sorted(k for k in CATALOG if k.startswith("import.") and k not in used_keys()) == []


def test_doubt_messages_render() -> None:
    assert t("import.doubt.variant", "en", name="发改委", canonical="发展和改革委员会") == "'发改委' is taken as an abbreviation of '发展和改革委员会' (the same unit): check it."
