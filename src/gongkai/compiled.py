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
from types import CodeType

TYPE_CHECKING = False  # not from typing: importing it is a noticeable part of a report
if TYPE_CHECKING:
    from typing import Any

# The compiled methods by their source text: as read from the memo (each unmarshalled when a
# class asks for it: a memo holds the methods of many classes no one command builds), and those
# compiled since.
KNOWN: dict[str, bytes] = {}
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
    known = cache.get_memo(key) if key is not None else None
    if isinstance(known, dict):
        KNOWN.update((text, code) for text, code in known.items() if isinstance(text, str) and isinstance(code, bytes))
    dataclasses.exec = _exec  # type: ignore[attr-defined]


def _compiled(source: str) -> CodeType:
    """``source`` compiled as ``exec`` compiles it for ``dataclasses`` (which has no __future__
    imports: the flags of the code that calls exec, not this module's)."""
    code = NEW.get(source)
    if code is None:
        kept = KNOWN.get(source)
        if kept is not None:
            try:
                found = marshal.loads(kept)
            except (EOFError, ValueError, TypeError):
                found = None
            if type(found) is CodeType:
                return found
        code = NEW[source] = compile(source, "<string>", "exec", dont_inherit=True)
    return code


def _exec(source: Any, globals: Any = None, locals: Any = None, /, *args: Any, **kwargs: Any) -> None:
    """``exec``, for ``dataclasses``: source text is compiled once, and kept."""
    if type(source) is str and not args and not kwargs:
        source = _compiled(source)
    builtins.exec(source, globals, locals, *args, **kwargs)


def store() -> None:
    """Add the methods compiled since ``remember`` to the memo."""
    if not NEW or len(KNOWN) + len(NEW) > LIMIT:
        return
    from . import cache

    key = _memo_key()
    if key is not None:
        KNOWN.update((text, marshal.dumps(code)) for text, code in NEW.items())
        NEW.clear()
        cache.put_memo(key, KNOWN)
