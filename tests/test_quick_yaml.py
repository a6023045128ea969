"""The fast reader (``yamlio.quick``) against ruamel, the authority.

Four proofs. On every document at hand (the YAML test suite, every YAML file of the tests, the
repository's ledger, generated ledgers) and on thousands of small random edits of ledgers,
``scan`` either declines or gives exactly ruamel's data, and it declines whenever ruamel
fails. Every problem the loader reports is placed at the same line:col through both routes.
Every data path of accepted documents is located alike by the whole node tree and by the
sparse tree of ``quick.tree``. And a check of a clean ledger never loads ruamel's composer.
"""

from __future__ import annotations

import json
import math
import os
import random
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from gongkai import loader, yamlio
from gongkai.yamlio import quick

from .gen import ledgers as gen
from .support import LEDGER, TESTS

SUITE = TESTS / "check" / "yaml-test-suite"
CORPUS = TESTS / "check" / "corpus"


def _ruamel(text: str) -> tuple[bool, Any]:
    """(True, data) as the loader's ruamel route reads ``text``, or (False, the error)."""
    try:
        return True, yamlio.load(text)[1]
    except Exception as exc:  # every failure counts: YAML errors, the guards, Python's own ValueError
        return False, exc


def _same(a: Any, b: Any) -> bool:
    """Equal, with the same types all the way down (True is not 1, 1.0 is not 1), keys in the same order."""
    if type(a) is not type(b):
        return False
    if isinstance(a, dict):
        return list(a) == list(b) and all(_same(a[k], b[k]) for k in a)
    if isinstance(a, list):
        return len(a) == len(b) and all(_same(x, y) for x, y in zip(a, b, strict=True))
    if isinstance(a, float):
        return (math.isnan(a) and math.isnan(b)) or repr(a) == repr(b)
    return bool(a == b)


def _agrees(text: str) -> Any:
    """Assert the invariant on ``text``; the scanned data (None when declined)."""
    data = quick.scan(text)
    ok, full = _ruamel(text)
    if data is not None:
        assert ok, f"scan accepted what ruamel rejects ({full!r}): {text!r}"
        assert _same(data, full), f"scan gave {data!r}, ruamel {full!r}: {text!r}"
    return data


def _texts() -> Iterator[tuple[str, str]]:
    for path in sorted(SUITE.glob("*/*.yaml")):
        yield f"suite/{path.parent.name}/{path.name}", path.read_bytes().decode("utf-8", errors="replace")
    for path in sorted(TESTS.rglob("*.y*ml")):
        if SUITE not in path.parents:
            yield str(path.relative_to(TESTS)), path.read_bytes().decode("utf-8", errors="replace")
    yield "tasks.yaml", LEDGER.read_text(encoding="utf-8")
    for size, seed in ((1, 0), (7, 1), (30, 2), (120, 3), (400, 4)):
        yield f"generated-{size}-{seed}", gen.ledger(size, seed=seed).text


TEXTS = dict(_texts())


# --- 1. the data: scan declines or agrees -------------------------------------------------------


def test_scan_declines_or_agrees_with_ruamel_on_every_document_at_hand() -> None:
    accepted = {name for name, text in TEXTS.items() if _agrees(text) is not None}
    # The reader is worth having only if it reads what ledgers look like.
    assert {"tasks.yaml", "generated-400-4", "fixtures/progress.yaml", "check/corpus/valid.yaml", "check/corpus/crlf.yaml"} <= accepted
    assert sum(name.startswith("suite/") for name in accepted) >= 10


def test_the_resolvers_are_ruamels_own() -> None:
    from ruamel.yaml.resolver import implicit_resolvers

    own = {tag: regexp.pattern for versions, tag, regexp, _first in implicit_resolvers if (1, 2) in versions}
    assert quick._FLOAT.pattern == own["tag:yaml.org,2002:float"]
    assert quick._INT.pattern == own["tag:yaml.org,2002:int"]
    firsts = {ch for versions, tag, _regexp, first in implicit_resolvers if (1, 2) in versions and tag != "tag:yaml.org,2002:timestamp" for ch in first}
    assert firsts - {"!", "&", "*", ""} <= quick._TYPED_FIRST


SCALARS = [
    "0", "-0", "+1", "007", "0o17", "0o8", "0x1F", "0X1f", "0b101", "0b", "0b_", "1_000", "_1", "-_", "+", "-",
    "1.0", "1.", ".5", "-.5", "._", "1e3", "1E-3", "1.5e+3", ".5e3", ".5e+3", "1_0.0_1", "-0.0",
    ".inf", "-.Inf", "+.INF", ".nan", ".NaN", "-.nan", "inf", "nan",
    "true", "True", "TRUE", "tRue", "false", "False", "FALSE", "yes", "no", "on", "off", "y", "n",
    "~", "null", "Null", "NULL", "nULL", "none", "=", "==", "<<", "<", "<<x",
    "2018-01-01", "2018-1-1", "2018-02-30", "2018-01-01T10:00:00Z", "2018-01-01 10:00:00", "12:30", "1:30:00", "190:20:30",
    "1-2", "2-1-1c", "-1-1", "1e-5", "1E-5", "1.5e-3x", "0x1e-5", "-.5e-3", "1 2", "1,000", "1.2.3", "0x", "0xg", "12e", "1e1.5", "٣", "¹", "１２",
    "a", "a b", "a#b", "a: b", "a:b", "a:", ":a", "?a", "-a", "- a", "--", "---", "...", "a ", "a #c", "a  #c",
    "'a'", "'a''b'", "''", "'a'b", "'a' #c", "'a'#c", "'a", '"a"', '"a\\"b"', '"a\\nb"', '"\\u4e2d"', '"\\x41"', '"\\U0001F600"',
    '"\\ud800"', '"\\q"', '"\\/"', '"\\ "', '"\\N\\_\\L\\P"', '"\\e\\a\\v\\0\\b\\f\\r\\t"', '"a', '"a" b', '"\\x4"', '"\\',
    "[]", "[ ]", "[a]", "[a, b]", "[a,b]", "[ a , b ]", "[1, true, ~, 'x', \"y\"]", "[a,]", "[,a]", "[a,,b]", "[a", "[[a]]",
    "[a:b]", "[a #b]", "[a] #c", "[a]#c", "[a] b", "[-1]", "[- a]", "[-]", "[{}]", "{}", "{ }", "{a: b}", "{}x",
    "&a x", "*a", "!!str x", "!x", "|", ">", "%x", "@x", "`x", "中文", "中 文 #注", "😀",
]  # fmt: skip


@pytest.mark.parametrize("value", SCALARS)
def test_each_kind_of_scalar_as_a_value_an_item_and_a_flow_item(value: str) -> None:
    for text in (f"a: {value}\n", f"a:\n  - {value}\n", f"a:\n- {value}\n", f"a: [{value}]\n", f"a: [x, {value}, y]\n", f"k:\n  - a: {value}\n    b: 1\n"):
        _agrees(text)


LAYOUTS = [
    "a: 1\nb:\n  c: 2\n  d:\n    - 3\n    - e: 4\n      f: 5\n",
    "a:\n- 1\n- 2\nb: 3\n",
    "a:\n  - b:\n    - 1\n    c: 2\n",
    "a:\n  -\n    b: 1\n  -\n  - 2\n",
    "a:\n  - - 1\n",
    "a:\n  -   b: 1\n      c: 2\n",
    "a:\n  - b: 1\n   c: 2\n",
    "a:\n  - b: 1\n     c: 2\n",
    "a:\n    b: 1\n  c: 2\n",
    "a:\n  b: 1\n  - c\n",
    "a: 1\n  b: 2\n",
    "a:\n  b\n",
    "a: b\n  c\n",
    "a: 'b\n  c'\n",
    "a:\n\n  # comment\n\n  b: 1\n# out\nc:\n",
    "a: 1\na: 2\n",
    "a:\n  b: 1\n  b: 2\n",
    "true: 1\n",
    "null: 1\n",
    "1: a\n",
    "a b: 1\n",
    "a : 1\n",
    "a:1\n",
    "a:\n",
    "a:\n\n",
    "a:",
    "a: 1",
    "a: 1\r\nb:\r\n  - 2\r\n",
    "a: 1\rb: 2\n",
    "a: 1\r\n\r\nb: 2",
    "\ufeffa: 1\n",
    "a: 1\u2028b: 2\n",
    "a: 1\x85\n",
    "a: \x07\n",
    "a:\t1\n",
    "a:\n\t- 1\n",
    "---\na: 1\n",
    "a: 1\n---\nb: 2\n",
    "a: 1\n...\n",
    "%YAML 1.1\n---\na: yes\n",
    "? a\n: 1\n",
    "<<: {}\n",
    "- a\n",
    "a\n",
    "",
    "# only\n",
    "  a: 1\n",
    "a:\n  - 1\n  -\n",
    "a:\n  - 1\n  - \n  - 2\n",
    "a:\n  -  # c\n    b: 1\n",
    "a: [1, 2]\n  b: 3\n",
    "a:\n  b: [1,\n    2]\n",
    "é: 1\n牵头单位: 中\n_x-y: 2\n",
    "a: {}\nb: []\n",
    "a:\n  b:\n  c:\n    d:\n",
    "a:\n- b:\n  - c\n  d: 1\n",
    "a:\n- b:\n  - c\n- d\n",
    "k" * 1000 + ": 1\n",
    "k" * 1025 + ": 1\n",
    "a:\n  - " + "k" * 1025 + ": 1\n",
    "a: " + "v" * 2000 + "\n",
    "a: [" + "v" * 2000 + "]\n",
]


@pytest.mark.parametrize("text", LAYOUTS)
def test_each_layout(text: str) -> None:
    _agrees(text)
    if quick.scan(text) is not None:
        _same_places(text)


def test_the_text_is_read_a_slice_at_a_time_with_the_same_result(monkeypatch: pytest.MonkeyPatch) -> None:
    text = gen.ledger(20, seed=3).text.replace("\n", "\r\n")
    whole = quick.scan(text)
    for size in (1, 7, 100):
        monkeypatch.setattr(quick, "_SLICE", size)
        assert _same(quick.scan(text), whole)


REPEATED = [
    "a:\n  k: 1\nb:\n  k: 1\n",
    "a:\n  k: 1\n  k: 1\n",
    "k: 1\na:\n  k: 1\n  b:\n    k: 1\n    k: 2\n",
    "a:\n  - k: 1\n  - k: 1\n",
    "a:\n- x\n- x\nb:\n  - x\n  - x\n",
    "a:\n  b:\n  b:\n",
    "a:\n  b:\nb:\n",
    "a: [x]\nb: [x]\nc:\n  - [x]\n  - [x]\n",
    "a: {}\nb:\n  a: {}\n",
    "# c\na: 1\n# c\nb:\n  # c\n  c: 1\n  # c\n",
    "a: 'x'\nb:\n  a: 'x'\n  - a: 'x'\n",
]


@pytest.mark.parametrize("text", REPEATED)
def test_a_line_read_before_is_read_again_where_it_stands(text: str) -> None:
    """Each line is read once and remembered; the same line elsewhere is placed by where it stands."""
    _agrees(text)


LONG = "长" * 70


@pytest.mark.parametrize(
    "text",
    [f"a: {LONG}\nb:\n  c: {LONG}\n  d: {LONG}\n", f"a:\n  - {LONG}\n  - {LONG}\nb:\n- {LONG}\n", f"a:\n  - k: {LONG}\n  - k: {LONG}\n  - k: {LONG}\n"],
    ids=["keys", "items", "repeated-line"],
)
def test_a_long_line_is_read_again_where_it_repeats_and_its_text_kept_once(text: str) -> None:
    """Lines too long to remember (prose) are read each time; their texts are still one object,
    as a remembered line's are: the ledger, and its cache entry, hold each once."""
    data = quick.scan(text)
    _agrees(text)
    texts: list[Any] = []
    stack: list[Any] = [data]
    while stack:
        node = stack.pop()
        children = list(node.values()) if isinstance(node, dict) else node if isinstance(node, list) else []
        texts += [v for v in children if v == LONG]
        stack += [v for v in children if isinstance(v, (dict, list))]
    assert len(texts) >= 2 and len({id(t) for t in texts}) == 1


def test_each_flow_collection_is_its_own_object_and_counts_at_its_depth() -> None:
    data = quick.scan("a: [x]\nb: [x]\nc: {}\nd: {}\n")
    assert data["a"] == data["b"] == ["x"] and data["a"] is not data["b"] and data["c"] is not data["d"]
    deep = "".join(" " * i + f"k{i}:\n" for i in range(yamlio.MAX_DEPTH - 1))
    assert quick.scan("x: [1]\n" + deep + " " * (yamlio.MAX_DEPTH - 1) + "x: [1]\n") is None
    assert quick.scan("x: [1]\n" + deep[: -len(f"k{yamlio.MAX_DEPTH - 2}:\n")] + " " * (yamlio.MAX_DEPTH - 2) + "x: [1]\n") is not None


def test_nesting_past_the_limit_is_declined() -> None:
    def nested(depth: int) -> str:
        return "".join(" " * i + f"k{i}:\n" for i in range(depth - 1)) + " " * (depth - 1) + "k: 1\n"

    assert quick.scan(nested(yamlio.MAX_DEPTH)) is not None
    assert quick.scan(nested(yamlio.MAX_DEPTH + 1)) is None
    assert quick.scan(nested(yamlio.MAX_DEPTH - 1)[:-2] + "[1]\n") is not None
    assert quick.scan(nested(yamlio.MAX_DEPTH)[:-2] + "[1]\n") is None


# --- 2. random small edits ----------------------------------------------------------------------

CHARS = " :-#[]{}'\"&*!|>\t\n0a中,.~\\\r"


def _mutants(text: str, rng: random.Random, count: int) -> Iterator[str]:
    lines = text.split("\n")
    for _ in range(count):
        out = text
        for _ in range(rng.randint(1, 3)):
            at = rng.randrange(len(out) + 1)
            roll = rng.random()
            if roll < 0.3:
                out = out[:at] + rng.choice(CHARS) + out[at:]
            elif roll < 0.55:
                out = out[:at] + out[at + 1 :]
            elif roll < 0.8:
                out = out[:at] + rng.choice(CHARS) + out[at + 1 :]
            else:
                start = out.rfind("\n", 0, at) + 1
                out = out[:start] + rng.choice(["", " ", "  ", "- ", "-", "#"]) + out[start + rng.choice([0, 0, 1, 2]) :]
        if rng.random() < 0.1:
            i = rng.randrange(len(lines))
            out = "\n".join([*lines[:i], lines[i], *lines[i:]])
        yield out


def _fuzz_bases() -> list[str]:
    small = gen.ledger(3, seed=5).text
    commented = (TESTS / "edit" / "fixtures" / "commented.yaml").read_text(encoding="utf-8")
    return [small, commented[:3000], LEDGER.read_text(encoding="utf-8")[:2500]]


def test_random_edits_of_ledgers_never_make_scan_disagree() -> None:
    rng = random.Random(20261129)
    accepted = declined = 0
    for base in _fuzz_bases():
        for text in _mutants(base, rng, 1200):
            if _agrees(text) is None:
                declined += 1
            else:
                accepted += 1
                if rng.random() < 0.05:
                    _same_places(text)
    assert accepted > 500 and declined > 500


def _random_document(rng: random.Random) -> str:
    """A random document in (mostly) the plain block style: every layout the reader accepts, and near misses."""
    scalars = ["a", "中文", "1", "-1", "0x1F", "1.5", ".inf", "true", "False", "~", "null", "yes", "2018-01-01", "2-1-1c",
               "'q''s'", '"d\\"q"', '""', "[]", "[a, 1, 'b']", "{}", "a #c", "x:y", "a b", "-", "- a", "a: b", "'a", "[a", "&x a", "*x", "!t a", "|"]  # fmt: skip
    out: list[str] = []

    def line(text: str) -> None:
        out.append(text)
        if rng.random() < 0.08:
            out.append(rng.choice(["", "# c", "   ", " " * rng.randint(0, 8) + "# c"]))

    def mapping(col: int, depth: int, first_prefix: str | None = None) -> None:
        keys = rng.sample(["id", "name", "k", "lead", "due", "x_y", "a-b", "键"], rng.randint(1, 4))
        if rng.random() < 0.03:
            keys.append(keys[0])
        for n, key in enumerate(keys):
            prefix = first_prefix if n == 0 and first_prefix is not None else " " * (col + (rng.random() < 0.02))
            value(prefix + key + ":", col, depth, indentless=True)

    def sequence(col: int, depth: int) -> None:
        for _ in range(rng.randint(1, 3)):
            gap = " " * rng.choice([1, 1, 1, 2, 3])
            dash = " " * col + "-"
            roll = rng.random()
            if roll < 0.4 and depth < 4:
                mapping(col + 1 + len(gap), depth + 1, first_prefix=dash + gap)
            elif roll < 0.5 and depth < 4:
                line(dash)
                nested(col + rng.choice([1, 2, 4]), depth + 1)
            else:
                value(dash, col, depth, indentless=False, gap=gap)

    def nested(col: int, depth: int) -> None:
        if rng.random() < 0.5:
            mapping(col, depth + 1)
        else:
            sequence(col, depth + 1)

    def value(head: str, col: int, depth: int, *, indentless: bool, gap: str = " ") -> None:
        roll = rng.random()
        if roll < 0.55 or depth >= 4:
            line(head + gap + rng.choice(scalars) + rng.choice(["", "", " ", "  # c"]))
        elif roll < 0.65:
            line(head + rng.choice(["", " ", " # c"]))
        elif roll < 0.75 and indentless:
            line(head)
            sequence(col, depth + 1)
        else:
            line(head)
            nested(col + rng.choice([1, 2, 2, 4]), depth)

    mapping(0, 0)
    return "\n".join(out) + rng.choice(["\n", "", "\n\n"])


def test_random_documents_in_the_block_style_never_make_scan_disagree() -> None:
    rng = random.Random(29)
    accepted = 0
    for _ in range(1500):
        text = _random_document(rng)
        if rng.random() < 0.2:
            text = text.replace("\n", "\r\n")
        if _agrees(text) is not None:
            accepted += 1
            _same_places(text)
    assert accepted > 300


# --- 3. the loader places problems alike through both routes -------------------------------------


def _problem_texts() -> Iterator[tuple[str, str]]:
    for path in sorted(CORPUS.glob("*.yaml")):
        yield path.name, path.read_bytes().decode("utf-8", errors="replace")
    rng = random.Random(7)
    base = gen.ledger(6, seed=8).text
    # Edits that keep the YAML and break the ledger: values of the wrong kind, unknown keys, lost keys.
    swaps = [("status: done", "status: finished"), ("due: 20", "due: 19"), ("lead:", "leed:"), ("- id: ", "- idx: "), ("covers: all", "covers: 3"),
             ("kind: department", "kind: [a]"), ("clause: 1", "clause: x"), ("title: ", "title: ~ #"), ("status: in_progress", "status: [in_progress]"), ("number: ", "number: true #")]  # fmt: skip
    for i in range(60):
        text = base
        for old, new in rng.sample(swaps, rng.randint(1, 3)):
            spots = [n for n in range(len(text)) if text.startswith(old, n)]
            if spots:
                at = rng.choice(spots)
                text = text[:at] + new + text[at + len(old) :]
        yield f"broken-{i}", text


@pytest.mark.parametrize(("name", "text"), list(_problem_texts()), ids=lambda v: v if len(v) < 60 else "")
def test_problems_are_placed_alike_through_both_routes(monkeypatch: pytest.MonkeyPatch, name: str, text: str) -> None:
    quick_result = loader.validate_text(text, name, today=gen.AS_OF)
    monkeypatch.setenv(loader.QUICK_YAML, "0")
    full_result = loader.validate_text(text, name, today=gen.AS_OF)
    assert [(p.line, p.col, p.code, p.message_key, p.args) for p in quick_result.problems] == [
        (p.line, p.col, p.code, p.message_key, p.args) for p in full_result.problems
    ]
    assert quick_result.ledger == full_result.ledger


def test_the_broken_ledgers_are_read_by_the_fast_route_and_have_problems() -> None:
    broken = [text for name, text in _problem_texts() if name.startswith("broken-")]
    assert all(quick.scan(text) is not None for text in broken)
    assert sum(bool(loader.validate_text(text, "t", today=gen.AS_OF).problems) for text in broken) > 40


# --- 4. every path is located alike by the whole tree and the sparse one --------------------------


def _paths(data: Any, prefix: tuple[str | int, ...] = ()) -> Iterator[tuple[str | int, ...]]:
    yield prefix
    # steps that are not written: an unknown key, an item past the end, a key into a list
    yield (*prefix, "no_such_key")
    yield (*prefix, 10_000)
    yield (*prefix, 0)
    yield (*prefix, "id")
    if isinstance(data, dict):
        for key, value in data.items():
            yield from _paths(value, (*prefix, key))
    elif isinstance(data, list):
        for i, value in enumerate(data):
            yield from _paths(value, (*prefix, i))


def _answers(root: Any, path: tuple[str | int, ...], text: str) -> tuple[Any, ...]:
    reached = list(yamlio.walk(root, path)) if root is not None else []
    marks = [(n.start_mark.index, n.start_mark.line, n.start_mark.column, n.end_mark.index) for n, _k in reached]
    keys = [(k.start_mark.index, k.end_mark.index) for _n, k in reached if k is not None]
    return yamlio.locate(root, path, text), yamlio.locate_value(root, path, text), yamlio.reaches(root, path), marks, keys


def _same_places(text: str, *, singly: int | None = None) -> None:
    full = yamlio.compose(text)
    paths = list(dict.fromkeys(_paths(quick.scan(text))))
    together = quick.tree(text, paths)
    for path in paths:
        assert _answers(together, path, text) == _answers(full, path, text), (path, text)
    # One path at a time: everything off the path is skipped or a placeholder.
    for path in paths if singly is None else random.Random(len(text)).sample(paths, min(singly, len(paths))):
        assert _answers(quick.tree(text, [path]), path, text) == _answers(full, path, text), (path, text)


@pytest.mark.parametrize("name", ["tasks.yaml", "generated-7-1", "generated-120-3", "fixtures/progress.yaml", "check/corpus/crlf.yaml"])
def test_every_path_is_located_alike_by_the_sparse_tree(name: str) -> None:
    _same_places(TEXTS[name], singly=150)


def test_every_path_of_every_accepted_document_is_located_alike() -> None:
    for name, text in TEXTS.items():
        if name.startswith("generated-") or quick.scan(text) is None:
            continue
        _same_places(text, singly=40)


def test_the_sparse_tree_keeps_only_what_was_asked() -> None:
    text = gen.ledger(30, seed=1).text
    root: Any = quick.tree(text, [("tasks", 3, "lead", 0)])
    assert [k.value for k, _v in root.value] == ["tasks"]
    tasks = root.value[0][1].value
    assert len(tasks) == len(quick.scan(text)["tasks"])
    assert len({id(t) for i, t in enumerate(tasks) if i != 3}) == 1
    assert [k.value for k, _v in tasks[3].value] == ["lead"]


def test_source_lines_are_the_split_lines_asked_for() -> None:
    rng = random.Random(3)
    for _ in range(2000):
        text = "".join(rng.choice("ab \n\r") for _ in range(rng.randint(0, 20)))
        lines = yamlio.split_lines(text)
        asked = [rng.randint(-1, len(lines) + 2) for _ in range(3)]
        assert yamlio.source_lines(text, asked) == {n: lines[n - 1] for n in asked if 1 <= n <= len(lines)}


# --- the common path does not compose -----------------------------------------------------------


def test_checking_a_large_clean_ledger_loads_no_composer(tmp_path: Path) -> None:
    path = tmp_path / "tasks.yaml"
    path.write_text(gen.ledger(10_000).text, encoding="utf-8")
    code = (
        "import sys, json\n"
        "from gongkai.console import main\n"
        f"sys.argv = ['gongkai', 'check', {str(path)!r}, '--as-of', {gen.AS_OF.isoformat()!r}]\n"
        "try:\n    main()\nexcept SystemExit as e:\n    code = e.code\n"
        "sys.stderr.write(json.dumps([code, sorted(m for m in sys.modules if m.startswith('ruamel'))]))\n"
    )
    env = os.environ | {"GONGKAI_NO_CACHE": "1"}
    done = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, timeout=120, check=True)
    exit_code, ruamel = json.loads(done.stderr.strip().splitlines()[-1])
    assert exit_code == 0
    assert "ruamel.yaml.composer" not in ruamel
