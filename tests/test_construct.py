"""The direct node walk in ``yamlio.construct`` gives exactly what ruamel's constructor gives,
on every ledger the loader would construct (files it refuses earlier never get here)."""

from __future__ import annotations

from pathlib import Path

import pytest
from ruamel.yaml.error import YAMLError

from gongkai import yamlio
from gongkai.errors import UnreadableError

from .support import LEDGER, REPORTS_PROGRESS

CORPUS = sorted((Path(__file__).parent / "check" / "corpus").glob("*.yaml"))


def constructible(path: Path) -> str | None:
    """The text, if the loader would reach construction with it (as loader._parse decides)."""
    try:
        text = yamlio.decode(path.read_bytes(), str(path))
        if yamlio.too_deep(text):
            return None
        node = yamlio.compose(text)
    except (UnreadableError, YAMLError):
        return None
    if yamlio.explosion(node) is not None:
        return None
    return text


SAMPLES = [p for p in [LEDGER, REPORTS_PROGRESS, *CORPUS] if constructible(p) is not None]


def test_most_of_the_corpus_is_compared() -> None:
    assert len(SAMPLES) > 50


@pytest.mark.parametrize("path", SAMPLES, ids=lambda p: p.name)
def test_walk_matches_ruamel(path: Path) -> None:
    text = constructible(path)
    assert text is not None
    node = yamlio.compose(text)
    if node is None:  # empty or only comments
        assert yamlio.construct(node) is None
        return
    try:
        expected = yamlio.safe_yaml().constructor.construct_document(node)
    except YAMLError as exc:  # duplicate keys, unsafe tags: the walk hands these to ruamel
        with pytest.raises(type(exc)):
            yamlio.construct(yamlio.compose(text))
        return
    assert yamlio.construct(node) == expected


def test_walk_handles_numbers_booleans_and_merges() -> None:
    text = "base: &b {x: 1, y: true, z: null, f: 1.5}\nother:\n  <<: *b\n  y: false\nd: 2018-02-30\n"
    assert yamlio.construct(yamlio.compose(text)) == {
        "base": {"x": 1, "y": True, "z": None, "f": 1.5},
        "other": {"x": 1, "y": False, "z": None, "f": 1.5},
        "d": "2018-02-30",
    }


def test_load_refuses_deep_nesting_and_alias_bombs_before_building_them() -> None:
    with pytest.raises(yamlio.TooDeep) as deep:
        yamlio.load("a: " + "[" * 5000 + "]" * 5000 + "\n")
    assert (deep.value.mark.line, deep.value.mark.column) == (0, 3 + yamlio.MAX_DEPTH - 1)
    bomb = "a: &a [x, x, x, x, x, x, x, x, x]\n" + "".join(
        f"{chr(98 + i)}: &{chr(98 + i)} [{', '.join([f'*{chr(97 + i)}'] * 9)}]\n" for i in range(8)
    )
    with pytest.raises(yamlio.AliasBomb) as info:
        yamlio.load(bomb)
    assert info.value.mark.line == 6  # &g, the first anchor past MAX_EXPANDED_NODES (9^7 strings and their lists)
    root, data = yamlio.load("plan: {id: x}\n")
    assert data == {"plan": {"id": "x"}} and root is not None
