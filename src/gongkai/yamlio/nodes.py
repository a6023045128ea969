"""Composing YAML text into nodes, with the guards, and walking them.

``compose`` keeps the node tree with its marks (aliases stay shared, so even an alias bomb
composes cheaply); ``too_deep`` and ``explosion`` find what must not be expanded before
``construct`` builds plain data. ``walk`` is the one way to follow a data path such as
``("tasks", 3, "lead", 0)`` through the nodes: problems are placed with it, and the line
editor finds what to change with it.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator

TYPE_CHECKING = False  # not from typing: importing it is a noticeable part of a report
if TYPE_CHECKING:
    from typing import Any

    from ruamel.yaml import YAML
    from ruamel.yaml.nodes import MappingNode, Node

# A ledger nests six levels deep. The C composer recurses once per level and crashes the
# process (a segfault, not an exception) somewhere past 25,000 levels.
MAX_DEPTH = 200
# A ledger of 100,000 clauses has a few million nodes; an alias bomb has billions.
MAX_EXPANDED_NODES = 5_000_000

DataPath = tuple[str | int, ...]
# Texts up to this long repeat in a ledger (unit names, statuses, dates): readers keep one copy of each.
SHORT_TEXT = 24


def safe_yaml() -> YAML:
    from ruamel.yaml import YAML
    from ruamel.yaml.resolver import VersionedResolver

    class Resolver(VersionedResolver):
        """Looks the YAML version up once per document instead of once per scalar.

        ruamel finds it by trying attributes that the C parser lacks, so every lookup
        raises and catches AttributeError twice; on a 5 MB ledger that was most of the time.
        """

        _gongkai_version: Any = None

        @property
        def processing_version(self) -> Any:
            if self._gongkai_version is None:
                self._gongkai_version = VersionedResolver.processing_version.fget(self)  # type: ignore[attr-defined]
            return self._gongkai_version

    yaml = YAML(typ="safe")
    yaml.Resolver = Resolver
    # Dates stay strings so pydantic reports an impossible date (2018-02-30) with its place.
    yaml.constructor.add_constructor(
        "tag:yaml.org,2002:timestamp", lambda constructor, node: constructor.construct_scalar(node)
    )
    return yaml


_TEXT_TAGS = frozenset({"tag:yaml.org,2002:str", "tag:yaml.org,2002:timestamp"})
_SCALAR_TAGS = frozenset({"tag:yaml.org,2002:int", "tag:yaml.org,2002:bool", "tag:yaml.org,2002:null", "tag:yaml.org,2002:float"})


class _Unusual(Exception):
    """A node the direct walk leaves to ruamel (merge keys, duplicate keys, other tags)."""


def construct(node: Node | None) -> Any:
    """Plain data from a composed node tree (as the safe loader would give, without parsing again).

    A ledger is maps, lists, text and a few numbers and booleans: a direct walk builds that
    four times faster than ruamel's constructor. Anything else goes to ruamel whole, so its
    errors (duplicate keys, unsafe tags) and merge-key handling stay exactly as they are.
    Dates stay text here as in ``safe_yaml``; pydantic parses and places them.
    """
    if node is None:
        return None
    from ruamel.yaml.nodes import MappingNode, ScalarNode, SequenceNode

    constructor = safe_yaml().constructor
    seen: dict[str, str] = {}
    intern = seen.setdefault  # one copy of each short text (unit names, statuses, dates), as the fast reader keeps

    def walk(n: Node) -> Any:
        tag = n.ctag.suffix if n.ctag is not None else None
        if isinstance(n, ScalarNode):
            if tag in _TEXT_TAGS:
                value: str = n.value
                return intern(value, value) if len(value) <= SHORT_TEXT else value
            if tag in _SCALAR_TAGS:
                try:
                    return constructor.construct_object(n, deep=True)
                except ValueError:
                    # ruamel's resolver takes -_ or 0b_ for a number its constructor cannot read
                    from ruamel.yaml.constructor import ConstructorError

                    raise ConstructorError(None, None, NOT_A_NUMBER, n.start_mark) from None
            raise _Unusual
        if isinstance(n, SequenceNode) and tag == "tag:yaml.org,2002:seq":
            return [walk(item) for item in n.value]
        if isinstance(n, MappingNode) and tag == "tag:yaml.org,2002:map":
            out: dict[Any, Any] = {}
            for key_node, value_node in n.value:
                key = walk(key_node)
                if not isinstance(key, (str, int, float)) or key in out:
                    raise _Unusual
                out[key] = walk(value_node)
            return out
        raise _Unusual

    try:
        return walk(node)
    except _Unusual:
        pass
    bad = _complex_key(node)
    if bad is not None:
        # ruamel would build a tuple key and fail on a list inside it with a bare TypeError.
        from ruamel.yaml.constructor import ConstructorError

        raise ConstructorError(None, None, COMPLEX_KEY, bad.start_mark)
    return safe_yaml().constructor.construct_document(node)


COMPLEX_KEY = "found a mapping key that is a list or a mapping"
NOT_A_NUMBER = "found a plain scalar that looks like a number and cannot be read as one"


def _complex_key(root: Node) -> Node | None:
    """The first mapping key that is itself a list or a mapping (YAML allows it; a ledger never has one)."""
    from ruamel.yaml.nodes import MappingNode, SequenceNode

    for mapping in mappings(root):
        for key, _value in mapping.value:
            if isinstance(key, (MappingNode, SequenceNode)):
                return key
    return None


def mappings(root: Node | None) -> Iterator[MappingNode]:
    """Every mapping node of the tree once (a node shared through aliases too), outer before inner."""
    from ruamel.yaml.nodes import MappingNode, SequenceNode

    stack: list[Node] = [root] if root is not None else []
    seen: set[int] = set()
    while stack:
        node = stack.pop()
        if id(node) in seen:
            continue
        seen.add(id(node))
        if isinstance(node, MappingNode):
            yield node
            stack.extend(n for pair in reversed(node.value) for n in reversed(pair))
        elif isinstance(node, SequenceNode):
            stack.extend(reversed(node.value))


def compose(text: str) -> Node | None:
    """The node tree (with marks) of YAML text; aliases stay shared, so this is cheap even for bombs."""
    node: Node | None = safe_yaml().compose(text)
    return node


_BLOCK_LEAD = r"(?m)^(?:[ \t]|[-?:][ \t])*"  # compiled (by ``re``, once) when first used: not by a report


def too_deep(text: str, limit: int = MAX_DEPTH) -> Any:
    """The mark where nesting first goes past ``limit`` levels, or None; parses events, never composes.

    A cheap upper bound comes first: every flow level needs a '[' or '{', and every two
    block levels need one more column of indentation (or of '- ', '? ' before the node).
    Only past that bound are the parser's events counted, which does not recurse.
    """
    from ruamel.yaml.events import CollectionEndEvent, CollectionStartEvent

    lead = max((len(m.group()) for m in re.finditer(_BLOCK_LEAD, text)), default=0)
    if text.count("[") + text.count("{") + 2 * (lead + 1) + 2 <= limit:
        return None
    depth = 0
    for event in safe_yaml().parse(text):
        if isinstance(event, CollectionStartEvent):
            depth += 1
            if depth > limit:
                return event.start_mark
        elif isinstance(event, CollectionEndEvent):
            depth -= 1
    return None


def explosion(root: Node | None, limit: int = MAX_EXPANDED_NODES) -> Node | None:
    """The smallest node that expands past ``limit`` nodes (where a bomb is written), or None."""
    from ruamel.yaml.nodes import MappingNode, SequenceNode

    size = _sizer(limit)
    if root is None or size(root) <= limit:
        return None
    node = root
    while True:
        children = [n for pair in node.value for n in pair] if isinstance(node, MappingNode) else node.value if isinstance(node, SequenceNode) else []
        bigger = next((child for child in children if size(child) > limit), None)
        if bigger is None:
            return node
        node = bigger


class Guarded(Exception):
    """YAML that must not be composed or expanded further; ``mark`` is where it is written."""

    def __init__(self, mark: Any) -> None:
        super().__init__(mark)
        self.mark = mark


class TooDeep(Guarded):
    """Nesting past ``MAX_DEPTH`` levels (the C composer would crash the process)."""


class AliasBomb(Guarded):
    """Aliases that expand past ``MAX_EXPANDED_NODES`` nodes; ``mark`` is None when found only by recursion."""


def load(text: str) -> tuple[Node | None, Any]:
    """The node tree and the plain data of YAML text, behind the guards.

    Raises ``TooDeep`` or ``AliasBomb`` before anything deep or huge is built, and ruamel's
    YAMLError subclasses for YAML that does not parse.
    """
    deep = too_deep(text)
    if deep is not None:
        raise TooDeep(deep)
    root = compose(text)
    # Aliases may expand exponentially; measure before anything walks the data.
    bomb = explosion(root) if "*" in text else None
    if bomb is not None:
        raise AliasBomb(bomb.start_mark)
    try:
        return root, construct(root)
    except RecursionError:
        raise AliasBomb(None) from None


def _sizer(limit: int) -> Callable[[Node], int]:
    """Expanded size of a node, memoised by identity (aliases share nodes) and capped just past ``limit``."""
    from ruamel.yaml.nodes import MappingNode, SequenceNode

    memo: dict[int, int] = {}

    def size(n: Node) -> int:
        key = id(n)
        if key in memo:
            return memo[key]
        memo[key] = 1  # guards against recursive aliases
        total = 1
        children = [c for pair in n.value for c in pair] if isinstance(n, MappingNode) else n.value if isinstance(n, SequenceNode) else []
        for child in children:
            total += size(child)
            if total > limit:
                total = limit + 1
                break
        memo[key] = total
        return total

    return size


def entry(mapping: Node, key: str, *, merges: bool = True) -> tuple[Node, Node] | None:
    """The (key, value) nodes of ``key`` in a mapping: the last one written, as YAML loaders keep.

    With ``merges`` the ``<<`` merge keys are looked into, as the loader does; through an
    alias the nodes are the anchor's, because the place to change is where it is written.
    Nodes are told apart by their ``id`` ("mapping", "sequence"), so the light nodes of
    ``quick.tree`` walk the same way without importing ruamel.
    """
    if getattr(mapping, "id", None) != "mapping":
        return None
    own = [(k, v) for k, v in mapping.value if getattr(k, "value", None) == key]
    if own:
        return own[-1]
    if not merges:
        return None
    for k, v in mapping.value:
        if getattr(k, "tag", None) == "tag:yaml.org,2002:merge" or getattr(k, "value", None) == "<<":
            sources = v.value if getattr(v, "id", None) == "sequence" else [v]
            for source in sources:
                if getattr(source, "id", None) == "mapping":
                    found = entry(source, key)
                    if found is not None:
                        return found
    return None


def walk(root: Node, path: DataPath, *, merges: bool = True) -> Iterator[tuple[Node, Node | None]]:
    """The node walker: for each step of ``path`` that lands, (the node reached, its key node or None).

    A string step enters a mapping (through ``entry``), an integer step a sequence. The walk
    stops at the first step that does not land; callers compare how far it got.
    """
    node = root
    for step in path:
        key: Node | None = None
        if isinstance(step, str):
            found = entry(node, step, merges=merges)
            if found is None:
                return
            key, node = found
        elif getattr(node, "id", None) == "sequence" and isinstance(step, int) and 0 <= step < len(node.value):
            node = node.value[step]
        else:
            return
        yield node, key


def node_at(root: Node, path: DataPath, *, merges: bool = True) -> Node | None:
    """The node ``path`` reaches, or None where it leaves the tree."""
    reached = list(walk(root, path, merges=merges))
    if len(reached) < len(path):
        return None
    return reached[-1][0] if reached else root
