"""The methods ``@dataclass`` writes, compiled once and kept: part of the installed command's start-up.

``@dataclass`` writes each class's ``__init__``, ``__repr__``, ``__eq__``... as source text and
compiles it every time its module is imported. A report imports some 40 dataclasses, and that
compiling was about a fifth of a report's time at 1,000 tasks.

``remember`` has ``dataclasses`` take each compiled method from a memo in the cache folder (an
authenticated entry, as every entry is), made by this very Python: its version and optimisation
level are in the key. A text is compiled the way ``dataclasses`` compiles it, so a class is the
same either way. ``store`` adds what was compiled anew. Only the console script does this; using
gongkai as a library leaves ``dataclasses`` alone.
"""

from __future__ import annotations

import builtins
import marshal
import sys

TYPE_CHECKING = False  # not from typing: importing it is a noticeable part of a report
if TYPE_CHECKING:
    from types import CodeType
    from typing import Any

# The compiled methods, by their source text: those read from the memo, and those compiled since.
KNOWN: dict[str, CodeType] = {}
NEW: dict[str, CodeType] = {}
# A memo of more is not written: the methods of gongkai's and its libraries' classes are far fewer.
LIMIT = 4000


def _memo_key() -> str | None:
    from . import cache

    return cache.memo_key(f"dataclass methods\0{sys.version}\0{sys.flags.optimize}")


def remember() -> None:
    """Have ``dataclasses`` compile each method once, keeping it in the memo."""
    import dataclasses

    if getattr(dataclasses, "exec", builtins.exec) is not builtins.exec:
        return  # done already, or by someone else
    from . import cache

    key = _memo_key()
    blob = cache.get_memo(key) if key is not None else None
    if isinstance(blob, bytes):
        try:
            known = marshal.loads(blob)
        except (EOFError, ValueError, TypeError):
            known = None
        if isinstance(known, dict):
            KNOWN.update(known)
    dataclasses.exec = _exec  # type: ignore[attr-defined]


def _exec(source: Any, globals: Any = None, locals: Any = None, /, *args: Any, **kwargs: Any) -> None:
    """``exec``, for ``dataclasses``: source text is compiled once, the way ``exec`` compiles it there."""
    if type(source) is str and not args and not kwargs:
        code = KNOWN.get(source) or NEW.get(source)
        if code is None:
            # The flags of the code that calls exec (``dataclasses`` has no __future__ imports), not this module's.
            code = NEW[source] = compile(source, "<string>", "exec", dont_inherit=True)
        source = code
    builtins.exec(source, globals, locals, *args, **kwargs)


def store() -> None:
    """Add the methods compiled since ``remember`` to the memo."""
    if not NEW or len(KNOWN) + len(NEW) > LIMIT:
        return
    from . import cache

    key = _memo_key()
    if key is not None:
        KNOWN.update(NEW)
        NEW.clear()
        cache.put_memo(key, marshal.dumps(KNOWN))
