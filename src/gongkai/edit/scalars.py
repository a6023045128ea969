"""Scalars written so that they read back as exactly the same value, by YAML 1.2 and 1.1 readers."""

from __future__ import annotations

import datetime as dt
import re

from .ops import Scalar

BREAKS = "\r\n\x85\u2028\u2029"

# The first characters of a plain scalar that ruamel's implicit resolvers (YAML 1.2 and 1.1) may
# read as something other than text (they are looked up by it), and the words those for a letter
# read so: booleans and nulls. Text is decided here without importing ruamel unless it starts with
# a digit, a sign, ".", "~", "<" or "=" (the table's "!", "&", "*" and "-" never reach it:
# ``_PLAIN_SAFE`` refuses them first). A test holds both to ruamel's tables.
MAY_RESOLVE = frozenset("!&*+-.0123456789<=FNOTYfnoty~")
RESOLVED_WORDS = frozenset(
    ["y", "Y", "yes", "Yes", "YES", "n", "N", "no", "No", "NO", "true", "True", "TRUE", "false", "False", "FALSE", "on", "On", "ON", "off", "Off", "OFF", "null", "Null", "NULL"]
)
_PLAIN_SAFE = re.compile(r"^[^\s\-?:,\[\]{}#&*!|>'\"%@`][^\x00-\x1f\x7f\x85\u2028\u2029\ufeff]*$")


def emit_scalar(value: Scalar, style: str | None = None, *, flow: bool = False) -> str:
    """``value`` as YAML text that reads back as exactly the same value.

    Text is plain only when that is unambiguous (no ``: ``, `` #``, indicators, no text that
    reads as a number, date, boolean or null); otherwise double-quoted with escapes.
    ``style`` keeps a quoted scalar's quotes when it is replaced.
    """
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, dt.date):
        return value.isoformat()
    if style == "'" and not any(ch in value for ch in BREAKS) and value.isprintable():
        return "'" + value.replace("'", "''") + "'"
    if style is None and _plain_ok(value, flow):
        return value
    return _double_quoted(value)


def _plain_ok(value: str, flow: bool) -> bool:
    if not _PLAIN_SAFE.match(value) or value != value.strip() or not value.isprintable():
        return False
    if ": " in value or " #" in value or value.endswith(":") or "\t" in value:
        return False
    if flow and not all(ch.isalnum() or ch in "_./（）、·" for ch in value):
        return False  # flow lists have more indicators, and parsers disagree on the corners
    first = value[0]
    if first not in MAY_RESOLVE:
        return True  # no implicit resolver of either version reads text starting so
    if first.isalpha():
        return value not in RESOLVED_WORDS
    from ruamel.yaml.nodes import ScalarNode
    from ruamel.yaml.resolver import VersionedResolver

    # Plain only if both YAML 1.2 and 1.1 readers (editors, other tools) see text: not yes/no/on.
    return all(VersionedResolver(version=v).resolve(ScalarNode, value, (True, False)) == "tag:yaml.org,2002:str" for v in ((1, 2), (1, 1)))


def _double_quoted(value: str) -> str:
    out = ['"']
    for ch in value:
        if ch == '"':
            out.append('\\"')
        elif ch == "\\":
            out.append("\\\\")
        elif ch == "\n":
            out.append("\\n")
        elif ch == "\t":
            out.append("\\t")
        elif ch in "\x85\u2028\u2029\ufeff" or not ch.isprintable():
            code = ord(ch)
            out.append(f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}" if code < 0x10000 else f"\\U{code:08x}")
        else:
            out.append(ch)
    out.append('"')
    return "".join(out)
