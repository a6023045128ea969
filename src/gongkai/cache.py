"""A cache of validated ledgers, keyed by the exact bytes of the file.

A hit skips YAML parsing, validation and the semantic rules: an entry is only written for a
ledger that had no errors, so it is stored as a pickle of the validated models, which are
plain dataclasses, and read back without validating again. A hit imports neither pydantic nor
ruamel.yaml. A field at its default (None, False, an empty list) is left out of the entry and
reads back as the default (``models.LEFT_OUT``): most fields of most tasks are, and reading an
entry costs by the field it holds.

The key covers everything that changes the result: the file's bytes, gongkai's version, the
source of the models and the rules (a hash of those files' bytes, not their times), and the
versions of pydantic and pydantic-core.

Pickles can run code when loaded, so nothing is unpickled unless it is authenticated and plain:

* every entry carries an HMAC-SHA256 tag made with a per-user secret: the file ``key`` in the
  cache folder, 32 random bytes made at first use, mode 0600. The secret is mixed with that
  file's inode and change time, so a key file copied or checked out from elsewhere (with the
  entries made with it) authenticates nothing here;
* the folder, the key and the entry must be owned by the current user and writable by nobody
  else; the key must be readable by nobody else;
* a tagged entry is unpickled by an unpickler that finds only gongkai's model classes and
  enums, ``datetime.date`` and builtin containers.

The folder is ``GONGKAI_CACHE_DIR`` if set, else ``$XDG_CACHE_HOME/gongkai`` or
``~/.cache/gongkai``. It must be an absolute path: a relative one (which would name a different
folder in every working directory, a checkout's among them) turns the cache off. Set
``GONGKAI_NO_CACHE=1`` to bypass it. Any failure to read or write it is ignored: the cache can
only make things faster; its entries are not synced to disk (one a crash tears fails its tag).
Only entries named exactly ``<64 hex digits>.pickle`` (or ``.kept``) are ever removed.
"""

from __future__ import annotations

import contextlib
import copyreg
import functools
import gc
import hashlib
import hmac
import io
import os
import pickle
import re
import stat
import sys

TYPE_CHECKING = False  # not from typing: importing it is a noticeable part of a report
if TYPE_CHECKING:
    from collections.abc import Iterator
    from pathlib import Path
    from typing import Any, BinaryIO

    from .models import Ledger

_FORMAT = "5"
_MAGIC = b"GKC5"
# One entry per version of a ledger; older ones are removed as new ones are written. Enough for
# a workspace of many ledgers, each read on every report, to stay cached.
KEEP = 128
KEY_NAME = "key"
# gongkai's entries and nothing else: the folder may be shared, or set to a folder of other files.
_ENTRY = r"[0-9a-f]{64}\.pickle"  # compiled (by ``re``, once) when the folder is pruned
_PACKAGE = os.path.dirname(os.path.realpath(__file__))
# What a cached ledger depends on besides its bytes: the models, the rules and what they read.
_SOURCES = ("models.py", "periods.py", "names.py", "dates.py", "history.py", "schema.py", "loader.py", "yamlio", "diagnose")


def folder() -> Path | None:
    """The cache folder, or None when the cache is off (``GONGKAI_NO_CACHE``, or no absolute path)."""
    from pathlib import Path

    where = _folder()
    return None if where is None else Path(where)


def _folder() -> str | None:
    """``folder()`` as text: a report reads the cache without loading pathlib."""
    if os.environ.get("GONGKAI_NO_CACHE"):
        return None
    explicit = os.environ.get("GONGKAI_CACHE_DIR")
    if explicit:
        chosen = explicit
    else:
        xdg = os.environ.get("XDG_CACHE_HOME")
        # The XDG rules: a relative XDG_CACHE_HOME is invalid and ignored.
        base = xdg if xdg and os.path.isabs(xdg) else os.path.join(os.path.expanduser("~"), ".cache")
        chosen = os.path.join(base, "gongkai")
    if not os.path.isabs(chosen):
        return None
    return os.path.normpath(chosen)


def key_for(raw: bytes) -> str | None:
    if _folder() is None:
        return None
    digest = hashlib.sha256(raw)
    digest.update(f"\0{_version()}\0{_FORMAT}\0{source_stamp()}\0{_pydantic_stamp()}".encode())
    return digest.hexdigest()


def _version() -> str:
    return str(sys.modules[__package__ or "gongkai"].__version__)


_stamp: str | None = None


def source_stamp() -> str:
    """A hash of the bytes of the modules a cached ledger depends on (read once per process)."""
    global _stamp
    if _stamp is None:
        digest = hashlib.sha256()
        for name in _SOURCES:
            for relative in _python_files(name):
                with contextlib.suppress(OSError), open(os.path.join(_PACKAGE, relative), "rb") as fh:
                    digest.update(f"{relative}\0".encode() + fh.read() + b"\0")
        _stamp = digest.hexdigest()
    return _stamp


def _python_files(name: str) -> list[str]:
    """``name`` (a module file or a package folder of gongkai) as the .py files in it, relative and sorted."""
    target = os.path.join(_PACKAGE, name)
    if not os.path.isdir(target):
        return [name]
    found = [
        os.path.relpath(os.path.join(folder, file), _PACKAGE)
        for folder, _dirs, files in os.walk(target)
        for file in files
        if file.endswith(".py")
    ]
    return sorted(found, key=lambda relative: relative.split(os.sep))


def _pydantic_stamp() -> str:
    return _installed("pydantic", "pydantic_core")


def _installed(*packages: str) -> str:
    """The installed versions of ``packages``, read from the names of their metadata folders:
    reading them must not import them."""
    found: list[str] = []
    for entry in sys.path if packages else ():
        if entry and os.path.isdir(os.path.join(entry, packages[0])):
            with contextlib.suppress(OSError):
                prefixes = tuple(f"{p}-" for p in packages)
                found = sorted(name for name in os.listdir(entry) if name.startswith(prefixes) and name.endswith(".dist-info"))
            break
    return "/".join(found)


def _private(st: os.stat_result) -> bool:
    """Owned by us and writable by nobody else (always true where there are no uids)."""
    getuid = getattr(os, "getuid", None)
    if getuid is None:
        return True
    return st.st_uid == getuid() and not st.st_mode & (stat.S_IWGRP | stat.S_IWOTH)


def _secret(where: str, *, create: bool) -> bytes | None:
    """The HMAC key: the key file's bytes mixed with its inode and change time; None if unsafe."""
    path = os.path.join(where, KEY_NAME)
    flags = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_CLOEXEC", 0)
    try:
        fd = os.open(path, flags)
    except FileNotFoundError:
        if not create or not _make_key(path):
            return None
        fd = os.open(path, flags)
    with os.fdopen(fd, "rb") as fh:
        st = os.fstat(fh.fileno())
        secret = fh.read(64)
    if not stat.S_ISREG(st.st_mode) or not _private(st) or st.st_mode & 0o077 or st.st_nlink != 1 or len(secret) != 32:
        return None
    return hashlib.sha256(secret + f"\0{st.st_dev}\0{st.st_ino}\0{st.st_ctime_ns}".encode()).digest()


def _make_key(path: str) -> bool:
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0), 0o600)
    except FileExistsError:
        return True  # another process made it meanwhile
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(os.urandom(32))
            fh.flush()
            os.fsync(fh.fileno())
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(path)  # a short key would turn the cache off for good
        raise
    return True


def _mac(secret: bytes, key: str) -> Any:
    """The HMAC of an entry under ``key``, to be fed its payload."""
    return hmac.new(secret, key.encode() + b"\0", hashlib.sha256)


def _open_entry(key: str) -> tuple[io.BufferedReader, bytes] | None:
    """The entry's file, open past its magic, and the HMAC key; None when the cache is off, the
    folder, the key or the file is not ours alone, or the file is not an entry. OSError when missing."""
    where = _folder()
    if where is None or not _private(os.stat(where)):
        return None
    secret = _secret(where, create=False)
    if secret is None:
        return None
    fh = open(os.path.join(where, _file_name(key)), "rb")  # noqa: SIM115  (closed below, or by the caller)
    if not _private(os.fstat(fh.fileno())) or fh.read(len(_MAGIC)) != _MAGIC:
        fh.close()
        return None
    return fh, secret


def _authentic(key: str, *, keep: bool) -> bytes | None:
    """The entry's payload once its tag is checked; None when it is not ours alone, not an entry,
    or its tag does not verify. Not ``keep``: read a piece at a time and not held (b"").
    OSError when it is missing."""
    opened = _open_entry(key)
    if opened is None:
        return None
    fh, secret = opened
    check = _mac(secret, key)
    with fh:
        tag = fh.read(32)
        payload = fh.read() if keep else b""
        check.update(payload)
        if not keep:  # read into one buffer, a piece at a time
            piece = bytearray(1 << 20)
            view = memoryview(piece)
            while size := fh.readinto(piece):
                check.update(view[:size])
    return payload if hmac.compare_digest(tag, check.digest()) else None


@contextlib.contextmanager
def collector_paused(*, freeze: bool = False) -> Iterator[None]:
    """The cyclic garbage collector off while a ledger is read, built or answered: that makes
    hundreds of thousands of objects that live on, which it would scan again and again and find
    nothing to free. ``freeze``: what was made by then is set apart when it comes back on, so
    that it is never walked at all."""
    collecting = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if collecting:
            if freeze:
                gc.freeze()
            gc.enable()


def get(key: str) -> Ledger | None:
    from .models import Ledger  # imported here: the compiled-code memo is read before the models are

    ledger = _read(key)
    return ledger if isinstance(ledger, Ledger) else None


def holds(key: str) -> bool:
    """Whether an authentic entry is stored under ``key``, read but not unpickled: the ledger of
    those bytes was valid. An edit of one task needs no more than that (and its lines)."""
    try:
        return _authentic(key, keep=False) is not None
    except OSError:
        return False


def put(key: str, ledger: Ledger) -> None:
    _write(key, ledger)


def memo_key(name: str, *packages: str) -> str | None:
    """The key of a memo of gongkai's own (plain data, such as decided line breaks, the validator's
    schema, compiled methods): it changes with gongkai's version and with the versions of the
    ``packages`` whose answers it keeps. A memo is read by nearly every run and written once: it
    lives in a file ``KEY.kept``, apart from the ledgers' entries, so that their pruning never
    removes it. ``get_memo`` and ``put_memo`` read and write it."""
    if _folder() is None:
        return None
    digest = hashlib.sha256(f"memo\0{name}\0{_version()}\0{_FORMAT}\0{_installed(*packages)}".encode())
    return f"{digest.hexdigest()}{_KEPT}"


_KEPT = ".kept"
_KEPT_ENTRY = r"[0-9a-f]{64}\.kept"


def _file_name(key: str) -> str:
    """The file of the entry ``key``: ``KEY.pickle``, or a memo's own name (``memo_key``)."""
    return key if key.endswith(_KEPT) else f"{key}.pickle"


def get_memo(key: str) -> Any:
    """The memo's data, or None. It unpickles under the entries' rules: builtin data, gongkai's
    model classes and enums and ``datetime.date``; anything else is refused."""
    return _read(key)


def put_memo(key: str, data: Any) -> None:
    _write(key, data)


def _read(key: str) -> Any:
    try:
        payload = _authentic(key, keep=True)
        if not payload:
            return None
        with collector_paused():
            return _ModelUnpickler(io.BytesIO(payload)).load()
    except Exception:  # a missing, stale, forged or damaged entry is just a miss
        return None


def _write(key: str, data: Any) -> None:
    from pathlib import Path

    from .safewrite import write_stream

    where = _folder()
    if where is None:
        return
    try:
        os.makedirs(where, mode=0o700, exist_ok=True)
        if not _private(os.stat(where)):
            return
        secret = _secret(where, create=True)
        if secret is None:
            return
        # Not synced to disk: an entry a crash tears or loses fails its tag, or is missing: a miss.
        write_stream(Path(where) / _file_name(key), lambda out: _pickle_into(out, secret, key, data), mode=0o600, durable=False)
        _prune(where, _KEPT_ENTRY if key.endswith(_KEPT) else _ENTRY)
    except OSError:
        pass


def _pickle_into(out: BinaryIO, secret: bytes, key: str, data: Any) -> None:
    """The entry (magic, tag, pickle) written as it is pickled: the pickle of a large ledger is
    never held whole (nor copied to be tagged); the tag, known at the end, fills its place."""
    tag = _mac(secret, key)
    out.write(_MAGIC + bytes(tag.digest_size))

    class Tagged:
        def write(self, piece: bytes) -> int:
            tag.update(piece)
            return out.write(piece)

    _pickler(Tagged()).dump(data)
    out.seek(len(_MAGIC))
    out.write(tag.digest())


def _pickler(out: Any) -> pickle.Pickler:
    """A pickler writing to ``out``, each model without the fields at their default (``models.LEFT_OUT``)."""
    from .models import LEFT_OUT

    pickler = pickle.Pickler(out, protocol=pickle.HIGHEST_PROTOCOL)
    pickler.dispatch_table = {cls: functools.partial(_sparse, tuple(plain.items()), tuple(lists)) for cls, (plain, lists) in LEFT_OUT.items()}
    return pickler


def _sparse(plain: tuple[tuple[str, object], ...], lists: tuple[str, ...], model: Any) -> tuple[Any, tuple[type], dict[str, Any]]:
    """How a model is pickled: as the default pickling does it, but its state holds only the
    fields not at their default; unpickled, the others read as the class's (``models.LEFT_OUT``).

    ``plain``: the class's fields with a plain default (None, False, an enum: left out when they
    hold that very object), ``lists``: those whose default is an empty list. Called for every
    object of a ledger: a copy of its fields, and a test of those that have a default.
    """
    state = model.__dict__.copy()
    for name, default in plain:
        if state.get(name, default) is default:
            state.pop(name, None)
    for name in lists:
        value = state.get(name)
        if value is not None and not value and value.__class__ is list:
            del state[name]
    return copyreg.__newobj__, (model.__class__,), state  # type: ignore[attr-defined]


def _prune(where: str, entry: str = _ENTRY) -> None:
    from pathlib import Path

    entries = sorted((p for p in Path(where).iterdir() if re.fullmatch(entry, p.name)), key=lambda p: p.stat().st_mtime_ns, reverse=True)
    for old in entries[KEEP:]:
        old.unlink(missing_ok=True)


_MODEL_MODULES = frozenset({"gongkai.models", "gongkai.periods"})
_BUILTINS = frozenset({"dict", "list", "tuple", "set", "frozenset", "str", "int", "float", "bool", "bytes"})


class _ModelUnpickler(pickle.Unpickler):
    """Finds gongkai's models and enums, ``datetime.date`` and builtin containers; nothing else."""

    def find_class(self, module: str, name: str) -> Any:
        import dataclasses
        import enum

        from .models import Model

        if module == "builtins" and name in _BUILTINS:
            return super().find_class(module, name)
        if (module, name) == ("datetime", "date"):
            return super().find_class(module, name)
        if module in _MODEL_MODULES and module in sys.modules:
            found = getattr(sys.modules[module], name, None)
            if (
                isinstance(found, type)
                and found.__module__ == module
                and (issubclass(found, enum.Enum) or (issubclass(found, Model) and dataclasses.is_dataclass(found)))
            ):
                return found
        raise pickle.UnpicklingError(f"{module}.{name} is not allowed in a gongkai cache entry")
