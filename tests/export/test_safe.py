"""Formula neutralising and file names that cannot escape the --by-unit folder."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from gongkai.export.safe import neutralise, safe_stem, unit_files

from .common import HOSTILE_UNITS, LONG_NAME


@pytest.mark.parametrize("value", ["=cmd|' /C calc'!A0", "+SUM(1,2)", "-2+3", "@SUM(A1)", "\t=1", "\r=1", "＝1+1"])
def test_formula_prefixes_are_neutralised(value: str) -> None:
    assert neutralise(value) == "'" + value


@pytest.mark.parametrize("value", ["行政办", "2018-12-31", "a=b", "", "'quoted"])
def test_ordinary_text_is_unchanged(value: str) -> None:
    assert neutralise(value) == value


@pytest.mark.parametrize(
    ("name", "stem"),
    [
        ("行政办", "行政办"),
        ("../../etc/passwd", "_.._etc_passwd"),
        ("..", "_"),
        (".", "_"),
        ("", "_"),
        ("CON", "_CON"),
        ("con", "_con"),
        ("com1.txt", "_com1.txt"),
        ("LPT9", "_LPT9"),
        ("a/b\\c", "a_b_c"),
        ('x<>:"|?*y', "x_______y"),
        ("trailing. ", "trailing"),
        ("tab\there", "tab_here"),
        ("CONSOLE", "CONSOLE"),
    ],
)
def test_safe_stem(name: str, stem: str) -> None:
    assert safe_stem(name) == stem


def test_long_names_are_cut_to_a_valid_length_with_a_hash() -> None:
    stem = safe_stem(LONG_NAME)
    assert len(stem.encode("utf-8")) <= 120
    assert stem.startswith("很长很长的单位名称")
    assert stem != safe_stem(LONG_NAME + "乙")  # the hash tells long names apart


def test_every_hostile_name_gets_a_distinct_file_inside_the_folder(tmp_path: Path) -> None:
    paths = unit_files(HOSTILE_UNITS, tmp_path / "out", ".csv")
    root = (tmp_path / "out").resolve()
    assert set(paths) == set(HOSTILE_UNITS)
    assert len({p.name.casefold() for p in paths.values()}) == len(HOSTILE_UNITS)
    for path in paths.values():
        assert path.parent == root
        assert path.suffix == ".csv"
        assert len(path.name.encode("utf-8")) <= 255
        assert not any(ch in path.name for ch in '<>:"/\\|?*')
        assert path.name.split(".")[0].upper() not in {"CON", "PRN", "AUX", "NUL", "COM1", "LPT1"}


def test_names_differing_only_in_case_get_distinct_files(tmp_path: Path) -> None:
    paths = unit_files(["Office", "office"], tmp_path, ".md")
    assert paths["Office"].name != paths["office"].name
    assert paths["Office"].name.casefold() != paths["office"].name.casefold()


@settings(max_examples=300, deadline=None)
@given(st.lists(st.text(min_size=0, max_size=300), min_size=1, max_size=8, unique=True))
def test_any_names_give_distinct_valid_files_inside_the_folder(tmp_path_factory: pytest.TempPathFactory, names: list[str]) -> None:
    root = tmp_path_factory.getbasetemp() / "prop"
    paths = unit_files(names, root, ".xlsx")
    assert len({p.name.casefold() for p in paths.values()}) == len(names)
    for path in paths.values():
        assert path.parent == root.resolve()
        stem = path.name[: -len(".xlsx")]
        assert stem and stem not in (".", "..") and not stem.endswith((" ", "."))
        assert len(path.name.encode("utf-8")) <= 255
        assert not any(ch in stem for ch in '<>:"/\\|?*') and all(ord(ch) >= 32 for ch in stem)
        assert stem.split(".")[0].upper() not in {"CON", "PRN", "AUX", "NUL", *(f"COM{i}" for i in range(10)), *(f"LPT{i}" for i in range(10))}


@given(st.text(max_size=50))
def test_neutralised_text_never_starts_a_formula(value: str) -> None:
    out = neutralise(value)
    assert not out.startswith(("=", "+", "-", "@", "\t", "\r", "\n"))
    assert out in (value, "'" + value)


def test_a_name_equal_to_another_units_hashed_file_name_gets_its_own_file(tmp_path: Path) -> None:
    import hashlib

    hashed = "a_b-" + hashlib.sha256(b"a/b").hexdigest()[:8]
    paths = unit_files(["a/b", "a\\b", hashed], tmp_path, ".csv")
    assert paths[hashed].name == f"{hashed}.csv"  # a unit's own, unique name stays as it is
    assert paths["a/b"].name == f"{hashed}-2.csv"
    assert len({p.name.casefold() for p in paths.values()}) == 3
