"""The methods ``@dataclass`` writes, compiled once and kept: part of the installed command's start-up.

``@dataclass`` writes each class's ``__init__``, ``__repr__``, ``__eq__``... as source text and
compiles it every time its module is imported. A report imports some 40 dataclasses, and that
compiling was about a fifth of a report's time at 1,000 tasks.

``remember`` has ``dataclasses`` take each compiled method from a memo in the cache folder (an
authenticated entry, as every entry is), made by this very Python: its version and optimisation
level are in the key. There is one memo per package whose classes are built (gongkai, pydantic,
rich...), read when the first of them is: a report reads gongkai's alone. A text is compiled the
way ``dataclasses`` compiles it, so a class is the same either way. ``store`` adds what was
compiled anew. Only the console script does this; using gongkai as a library leaves
``dataclasses`` alone.
"""

from __future__ import annotations

import builtins
import marshal
import sys
from types import CodeType

TYPE_CHECKING = False  # not from typing: importing it is a noticeable part of a report
if TYPE_CHECKING:
    from typing import Any

# Per package: the compiled methods by their source text, as read from its memo (each
# unmarshalled when a class asks for it), and those compiled since.
KNOWN: dict[str, dict[str, bytes]] = {}
NEW: dict[str, dict[str, CodeType]] = {}
USED: dict[str, set[str]] = {}  # the texts read from a memo by this process
# A memo that would grow past this keeps only what this process used and compiled: texts of
# classes since changed are dropped.
LIMIT = 4000


def _memo_key(package: str) -> str | None:
    from . import cache

    return cache.memo_key(f"dataclass methods\0{package}\0{sys.version}\0{sys.flags.optimize}")


def remember() -> None:
    """Have ``dataclasses`` compile each method once, keeping it in its package's memo."""
    import dataclasses

    if getattr(dataclasses, "exec", builtins.exec) is not builtins.exec:
        return  # done already, or by someone else
    dataclasses.exec = _exec  # type: ignore[attr-defined]


def _known(package: str) -> dict[str, bytes]:
    """The methods the package's memo holds, read the first time one of its classes is built."""
    found = KNOWN.get(package)
    if found is None:
        from . import cache

        key = _memo_key(package)
        memo = cache.get_memo(key) if key is not None else None
        found = KNOWN[package] = {}
        if isinstance(memo, dict):
            found.update((text, code) for text, code in memo.items() if isinstance(text, str) and isinstance(code, bytes))
    return found


def _compiled(source: str, package: str) -> CodeType:
    """``source`` compiled as ``exec`` compiles it for ``dataclasses`` (which has no __future__
    imports: the flags of the code that calls exec, not this module's)."""
    new = NEW.setdefault(package, {})
    code = new.get(source)
    if code is None:
        kept = _known(package).get(source)
        if kept is not None:
            try:
                found = marshal.loads(kept)
            except (EOFError, ValueError, TypeError):
                found = None
            if type(found) is CodeType:
                USED.setdefault(package, set()).add(source)
                return found
        code = new[source] = compile(source, "<string>", "exec", dont_inherit=True)
    return code


def _exec(source: Any, globals: Any = None, locals: Any = None, /, *args: Any, **kwargs: Any) -> None:
    """``exec``, for ``dataclasses``: source text is compiled once, and kept with the package of
    the class it is for (whose module's names are ``globals``)."""
    if type(source) is str and not args and not kwargs:
        module = globals.get("__name__") if isinstance(globals, dict) else None
        source = _compiled(source, module.partition(".")[0] if isinstance(module, str) and module else "?")
    builtins.exec(source, globals, locals, *args, **kwargs)


def store() -> None:
    """Add the methods compiled since ``remember`` to their packages' memos."""
    from . import cache

    # Writing a memo may build classes of its own (the first write imports the safe writer): what
    # they compile is stored by the next round, until nothing new is left.
    for _ in range(3):
        pending = [(package, new) for package, new in NEW.items() if new]
        if not pending:
            return
        for package, new in pending:
            known = KNOWN.setdefault(package, {})
            if len(known) + len(new) > LIMIT:
                used = USED.get(package, set())
                known = KNOWN[package] = {text: code for text, code in known.items() if text in used}
            key = _memo_key(package)
            known.update((text, marshal.dumps(code)) for text, code in new.items())
            new.clear()
            if key is not None:
                cache.put_memo(key, known)
