"""Reading ledger bytes, the fast YAML path, the node path for locations.

The fast path builds plain Python data with the C-backed safe loader. Locations
(line:col of a data path such as ``("tasks", 3, "lead", 0)``) come from composing the
node tree, which is only done when a problem needs a place.
"""

from __future__ import annotations

import codecs
import re
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .errors import Level, Problem, UnreadableError, problem

if TYPE_CHECKING:
    from ruamel.yaml import YAML
    from ruamel.yaml.nodes import Node

MAX_BYTES = 20 * 1024 * 1024
# A ledger nests six levels deep. The C composer recurses once per level and crashes the
# process (a segfault, not an exception) somewhere past 25,000 levels.
MAX_DEPTH = 200
# A ledger of 100,000 clauses has a few million nodes; an alias bomb has billions.
MAX_EXPANDED_NODES = 5_000_000


def read_bytes(path: Path) -> bytes:
    """Read the file or raise UnreadableError with a located GK001 problem."""
    spath = str(path)

    def fail(key: str, **args: Any) -> UnreadableError:
        return UnreadableError(problem("GK001", key, path=spath, line=1, col=1, **args))

    try:
        if path.is_dir():
            raise fail("p.unreadable.directory")
        size = path.stat().st_size
        if size > MAX_BYTES:
            raise fail("p.unreadable.too_large", size=size, limit=MAX_BYTES)
        return path.read_bytes()
    except FileNotFoundError:
        raise fail("p.unreadable.missing") from None
    except PermissionError:
        raise fail("p.unreadable.permission") from None
    except IsADirectoryError:
        raise fail("p.unreadable.directory") from None
    except OSError as exc:
        raise fail("p.unreadable.os", detail=exc.strerror or str(exc)) from None


def decode(data: bytes, path: str) -> str:
    """UTF-8 with or without BOM; anything else is a GK001 problem that says how to convert.

    The problem points at the first offending byte; its column counts the characters of
    the line's valid UTF-8 prefix, as every other column does.
    """
    skipped = len(codecs.BOM_UTF8) if data.startswith(codecs.BOM_UTF8) else 0
    data = data[skipped:]
    nul = data.find(b"\x00")
    if nul != -1:
        line, col = _byte_position(data, nul)
        raise UnreadableError(problem("GK001", "p.unreadable.binary", path=path, line=line, col=col))
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line, col = _byte_position(data, exc.start)
        if _looks_like_gb18030(data):
            key, extra = "p.unreadable.gbk", dict[str, Any]()
        else:
            # the n-th byte of the file as it is on disk, counting from 1 like the message does
            key, extra = "p.unreadable.encoding", {"offset": skipped + exc.start + 1}
        raise UnreadableError(problem("GK001", key, path=path, line=line, col=col, **extra)) from None


def _byte_position(data: bytes, offset: int) -> tuple[int, int]:
    """1-based line and character column of byte ``offset``, whose line prefix is valid UTF-8."""
    lone_cr = data.count(b"\r", 0, offset) - data.count(b"\r\n", 0, offset)
    line_start = max(data.rfind(b"\n", 0, offset), data.rfind(b"\r", 0, offset)) + 1
    prefix = data[line_start:offset].decode("utf-8", errors="replace")
    return data.count(b"\n", 0, offset) + lone_cr + 1, len(prefix) + 1


def _looks_like_gb18030(data: bytes) -> bool:
    try:
        decoded = data.decode("gb18030")
    except UnicodeDecodeError:
        return False
    return any("\u4e00" <= ch <= "\u9fff" for ch in decoded)


def _safe_yaml() -> YAML:
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


def load_fast(text: str) -> Any:
    """Plain data from YAML text. Raises ruamel's YAMLError subclasses on bad YAML."""
    return _safe_yaml().load(text)


_TEXT_TAGS = frozenset({"tag:yaml.org,2002:str", "tag:yaml.org,2002:timestamp"})
_SCALAR_TAGS = frozenset({"tag:yaml.org,2002:int", "tag:yaml.org,2002:bool", "tag:yaml.org,2002:null", "tag:yaml.org,2002:float"})


class _Unusual(Exception):
    """A node the direct walk leaves to ruamel (merge keys, duplicate keys, other tags)."""


def construct(node: Node | None) -> Any:
    """Plain data from a composed node tree (as ``load_fast`` would give, without parsing again).

    A ledger is maps, lists, text and a few numbers and booleans: a direct walk builds that
    four times faster than ruamel's constructor. Anything else goes to ruamel whole, so its
    errors (duplicate keys, unsafe tags) and merge-key handling stay exactly as they are.
    Dates stay text here as in ``_safe_yaml``; pydantic parses and places them.
    """
    if node is None:
        return None
    from ruamel.yaml.nodes import MappingNode, ScalarNode, SequenceNode

    constructor = _safe_yaml().constructor

    def walk(n: Node) -> Any:
        tag = n.ctag.suffix if n.ctag is not None else None
        if isinstance(n, ScalarNode):
            if tag in _TEXT_TAGS:
                return n.value
            if tag in _SCALAR_TAGS:
                return constructor.construct_object(n, deep=True)
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
        return _safe_yaml().constructor.construct_document(node)


def compose(text: str) -> Node | None:
    """The node tree (with marks) of YAML text; aliases stay shared, so this is cheap even for bombs."""
    node: Node | None = _safe_yaml().compose(text)
    return node


_BLOCK_LEAD = re.compile(r"^(?:[ \t]|[-?:][ \t])*", re.M)


def too_deep(text: str, limit: int = MAX_DEPTH) -> Any:
    """The mark where nesting first goes past ``limit`` levels, or None; parses events, never composes.

    A cheap upper bound comes first: every flow level needs a '[' or '{', and every two
    block levels need one more column of indentation (or of '- ', '? ' before the node).
    Only past that bound are the parser's events counted, which does not recurse.
    """
    from ruamel.yaml.events import CollectionEndEvent, CollectionStartEvent

    lead = max((len(m.group()) for m in _BLOCK_LEAD.finditer(text)), default=0)
    if text.count("[") + text.count("{") + 2 * (lead + 1) + 2 <= limit:
        return None
    depth = 0
    for event in _safe_yaml().parse(text):
        if isinstance(event, CollectionStartEvent):
            depth += 1
            if depth > limit:
                return event.start_mark
        elif isinstance(event, CollectionEndEvent):
            depth -= 1
    return None


def count_expanded(node: Node | None, limit: int = MAX_EXPANDED_NODES) -> int:
    """Number of nodes once aliases are expanded, stopping early past ``limit``."""
    return _sizer(limit)(node) if node is not None else 0


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


def position(mark: Any, text: str | None) -> tuple[int, int]:
    """1-based (line, col) of a ruamel mark, counted as editors and GitHub count.

    The YAML reader also breaks lines at U+0085, U+2028 and U+2029, which editors do
    not; with the text at hand the place is recomputed from the mark's character index.
    """
    index = getattr(mark, "index", None)
    if text is None or not isinstance(index, int) or not 0 <= index <= len(text):
        return mark.line + 1, mark.column + 1
    return index_position(text, index)


def index_position(text: str, index: int) -> tuple[int, int]:
    """1-based (line, col) of character ``index`` of ``text``; lines end at LF, CRLF or a lone CR."""
    lone_cr = text.count("\r", 0, index) - text.count("\r\n", 0, index)
    line_start = max(text.rfind("\n", 0, index), text.rfind("\r", 0, index)) + 1
    return text.count("\n", 0, index) + lone_cr + 1, index - line_start + 1


_LINE_BREAK = re.compile(r"\r\n|\r|\n")


def split_lines(text: str) -> list[str]:
    """The lines as editors show them and as ``position`` counts them (not str.splitlines: it also breaks at U+2028)."""
    return _LINE_BREAK.split(text)


def locate(root: Node | None, loc: tuple[str | int, ...], text: str | None = None) -> tuple[int, int]:
    """1-based (line, col) of the deepest node that ``loc`` reaches.

    A string step into a mapping lands on the key when it is the last step (so an
    unknown key points at itself) and on the value otherwise. Where ``loc`` leaves the
    tree, the place is the deepest node reached.
    """
    from ruamel.yaml.nodes import MappingNode, SequenceNode

    if root is None:
        return 1, 1
    node: Node = root
    mark = node.start_mark
    for i, step in enumerate(loc):
        if isinstance(node, MappingNode) and isinstance(step, str):
            found = _entry(node, step)
            if found is None:
                break
            if i == len(loc) - 1:
                mark = found[0].start_mark
                break
            node = found[1]
        elif isinstance(node, SequenceNode) and isinstance(step, int) and 0 <= step < len(node.value):
            node = node.value[step]
        else:
            break
        mark = node.start_mark
    return position(mark, text)


def locate_value(root: Node | None, loc: tuple[str | int, ...], text: str | None = None) -> tuple[int, int]:
    """Like ``locate`` but lands on the value of a final mapping key."""
    from ruamel.yaml.nodes import MappingNode

    if not loc or root is None:
        return locate(root, loc, text)
    node = _walk(root, loc[:-1])
    found = _entry(node, loc[-1]) if isinstance(node, MappingNode) and isinstance(loc[-1], str) else None
    if found is None:
        return locate(root, loc, text)
    key_node, value_node = found
    # An empty value (``tasks:`` then nothing) has no place of its own: point at its key.
    target = key_node if value_node.start_mark.index == value_node.end_mark.index else value_node
    return position(target.start_mark, text)


def _entry(mapping: Node, key: str) -> tuple[Node, Node] | None:
    """The (key, value) nodes of ``key`` in a mapping, looking into ``<<`` merges as the loader does.

    Through an alias the nodes are the anchor's: the place to change is where it is written.
    """
    from ruamel.yaml.nodes import MappingNode, SequenceNode

    own = [(k, v) for k, v in mapping.value if getattr(k, "value", None) == key]
    if own:
        return own[-1]
    for k, v in mapping.value:
        if getattr(k, "tag", None) == "tag:yaml.org,2002:merge" or getattr(k, "value", None) == "<<":
            sources = v.value if isinstance(v, SequenceNode) else [v]
            for source in sources:
                if isinstance(source, MappingNode):
                    found = _entry(source, key)
                    if found is not None:
                        return found
    return None


def _walk(root: Node, loc: tuple[str | int, ...]) -> Node | None:
    from ruamel.yaml.nodes import MappingNode, SequenceNode

    node: Node = root
    for step in loc:
        if isinstance(node, MappingNode) and isinstance(step, str):
            found = _entry(node, step)
            if found is None:
                return None
            node = found[1]
        elif isinstance(node, SequenceNode) and isinstance(step, int) and 0 <= step < len(node.value):
            node = node.value[step]
        else:
            return None
    return node


def yaml_error_problem(exc: Exception, path: str, text: str) -> Problem:
    """Turn any ruamel.yaml error into one located problem."""
    from ruamel.yaml.constructor import ConstructorError, DuplicateKeyError
    from ruamel.yaml.error import MarkedYAMLError
    from ruamel.yaml.reader import ReaderError

    if isinstance(exc, ReaderError) and isinstance(exc.character, int) and chr(exc.character) in text:
        # A character YAML does not allow anywhere. The C reader gives a byte offset, not a
        # mark; it stops at the first such character, so the first occurrence is the one.
        line, col = index_position(text, text.index(chr(exc.character)))
        return problem("GK002", "p.yaml.bad_character", path=path, line=line, col=col, char=f"U+{exc.character:04X}")
    mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
    context = getattr(exc, "context_mark", None)
    what = str(getattr(exc, "problem", "") or "")
    if context is not None and "end of stream" in what:
        # An unclosed quote or bracket is found only at the end of the file; the place to fix is where it opened.
        mark = context
    line, col = position(mark, text) if mark is not None else (1, 1)
    if isinstance(exc, DuplicateKeyError):
        key = _duplicate_key_name(what)
        first = _first_key_line(text, context, key) if context is not None else line
        return problem("GK004", "p.yaml.duplicate_key", path=path, line=line, col=col, key=key, first=first)
    if isinstance(exc, ConstructorError) and "could not determine a constructor for the tag" in what:
        return problem("GK003", "p.yaml.unsafe_tag", path=path, line=line, col=col, tag=_short_tag(what))
    if isinstance(exc, MarkedYAMLError):
        found_odd = _UNUSUAL_BREAKS.search(text)
        odd = found_odd.start() if found_odd else None
        if odd is not None and (mark is None or odd <= getattr(mark, "index", odd)):
            # Invisible in editors, but YAML ends the line there: the error follows from it.
            odd_line, odd_col = index_position(text, odd)
            return problem("GK002", "p.yaml.line_separator", path=path, line=odd_line, col=odd_col, char=f"U+{ord(text[odd]):04X}")
        if _tab_indent(text, line):
            return problem("GK005", "p.yaml.tab", path=path, line=line, col=col)
        raw_context = str(exc.context or "")
        if "duplicate anchor" in raw_context:
            what, raw_context = "found duplicate anchor", ""
        detail = _worded(what.strip() or raw_context.strip(), _PROBLEM_WORDS)
        where = _CONTEXT_WORDS.get(raw_context, raw_context)
        if context is not None and where:
            context_line, context_col = position(context, text)
            return problem(
                "GK002", "p.yaml.syntax_context", path=path, line=line, col=col,
                detail=detail, context=where, context_line=context_line, context_col=context_col,
            )
        key = "p.yaml.syntax_worded" if isinstance(detail, tuple) else "p.yaml.syntax"
        return problem("GK002", key, path=path, line=line, col=col, detail=detail)
    return problem("GK002", "p.yaml.syntax", path=path, line=line, col=col, detail=str(exc))


# What the YAML reader says, by the start of its wording, and the catalog entry that says it for people.
_PROBLEM_WORDS = {
    "mapping values are not allowed": "yaml.problem.mapping_values",
    "did not find expected ',' or ']'": "yaml.problem.flow_list_end",
    "did not find expected ',' or '}'": "yaml.problem.flow_mapping_end",
    "found unexpected end of stream": "yaml.problem.end_of_stream",
    "did not find expected key": "yaml.problem.expected_key",
    "did not find expected '-' indicator": "yaml.problem.expected_dash",
    "could not find expected ':'": "yaml.problem.expected_colon",
    "found unexpected ':'": "yaml.problem.unexpected_colon",
    "found undefined alias": "yaml.problem.undefined_alias",
    "found duplicate anchor": "yaml.problem.duplicate_anchor",
    "found character that cannot start any token": "yaml.problem.bad_start",
    "but found another document": "yaml.problem.another_document",
    "did not find expected <document start>": "yaml.problem.after_document",
}
# What it was reading when it failed: worded, or dropped ("") when it adds nothing.
_CONTEXT_WORDS: dict[str, Any] = {
    "while parsing a flow sequence": ("t", "yaml.context.flow_list"),
    "while parsing a flow mapping": ("t", "yaml.context.flow_mapping"),
    "while scanning a quoted scalar": ("t", "yaml.context.quoted"),
    "while parsing a block mapping": ("t", "yaml.context.mapping"),
    "while parsing a block collection": ("t", "yaml.context.list"),
    "while scanning a simple key": ("t", "yaml.context.key"),
    "while scanning a plain scalar": ("t", "yaml.context.plain"),
    "while scanning for the next token": "",
    "expected a single document in the stream": "",
}


def _worded(raw: str, table: dict[str, str]) -> Any:
    key = next((k for prefix, k in table.items() if raw.startswith(prefix)), None)
    return ("t", key) if key is not None else raw


_UNUSUAL_BREAKS = re.compile("[\x85\u2028\u2029]")


def _short_tag(what: str) -> str:
    # ruamel words it: could not determine a constructor for the tag 'tag:yaml.org,2002:python/name:os.system'
    start, end = what.find("'"), what.rfind("'")
    tag = what[start + 1 : end] if 0 <= start < end else what
    return "!!" + tag.removeprefix("tag:yaml.org,2002:") if tag.startswith("tag:yaml.org,2002:") else tag


def _first_key_line(text: str, mapping_mark: Any, key: str) -> int:
    """Line of the first ``key`` in the mapping that starts at ``mapping_mark`` (composing does not check duplicates)."""
    from ruamel.yaml.error import YAMLError
    from ruamel.yaml.nodes import MappingNode

    try:
        root = compose(text)
    except YAMLError:
        return position(mapping_mark, text)[0]
    stack: list[Node] = [root] if root is not None else []
    seen: set[int] = set()
    while stack:
        node = stack.pop()
        if id(node) in seen:
            continue
        seen.add(id(node))
        if isinstance(node, MappingNode):
            if (node.start_mark.line, node.start_mark.column) == (mapping_mark.line, mapping_mark.column):
                for k, _ in node.value:
                    if getattr(k, "value", None) == key:
                        return position(k.start_mark, text)[0]
            stack.extend(n for pair in node.value for n in pair)
        elif isinstance(node.value, list):
            stack.extend(node.value)
    return position(mapping_mark, text)[0]


def _tab_indent(text: str, line: int) -> bool:
    lines = split_lines(text)
    if not 1 <= line <= len(lines):
        return False
    raw = lines[line - 1]
    return "\t" in raw[: len(raw) - len(raw.lstrip(" \t"))]


def _duplicate_key_name(text: str) -> str:
    # ruamel words it: found duplicate key "a" with value "2" (original value: "1")
    start = text.find('"')
    end = text.find('"', start + 1)
    return text[start + 1 : end] if start != -1 and end != -1 else text


def warning(code: str, key: str, **args: Any) -> Problem:
    return problem(code, key, level=Level.WARNING, **args)


# The node walker and the BOM split under public names, for the edit package.
entry = _entry
node_at = _walk


def split_bom(data: bytes) -> tuple[bytes, bytes]:
    """(the UTF-8 BOM or b"", the rest): writers keep the BOM a file had."""
    bom = codecs.BOM_UTF8 if data.startswith(codecs.BOM_UTF8) else b""
    return bom, data[len(bom) :]
