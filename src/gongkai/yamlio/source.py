"""Ledger bytes: reading with limits, the BOM, and decoding UTF-8 (or saying how to convert).

Only regular files are read. A device (``/dev/zero``), a FIFO or a socket is refused
before a byte is read: a device has no size and may never end, and a FIFO may never
open. The read itself stops one byte past ``MAX_BYTES`` whatever the file claims.
"""

from __future__ import annotations

import codecs
import os
import stat

from ..errors import UnreadableError, problem

TYPE_CHECKING = False  # not from typing: importing it is a noticeable part of a report
if TYPE_CHECKING:
    from pathlib import Path
    from typing import Any

MAX_BYTES = 20 * 1024 * 1024
_CHUNK = 1024 * 1024


def read_bytes(path: Path | str) -> bytes:
    """The file's bytes, or UnreadableError with a located GK001 problem."""
    spath = str(path)

    def fail(key: str, **args: Any) -> UnreadableError:
        return UnreadableError(problem("GK001", key, path=spath, line=1, col=1, **args))

    try:
        # O_NONBLOCK: opening a FIFO with no writer returns at once instead of waiting forever.
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0))
    except FileNotFoundError:
        raise fail("p.unreadable.missing") from None
    except PermissionError:
        raise fail("p.unreadable.permission") from None
    except IsADirectoryError:
        raise fail("p.unreadable.directory") from None
    except OSError as exc:
        raise fail("p.unreadable.os", detail=exc.strerror or str(exc)) from None
    try:
        info = os.fstat(fd)
        if stat.S_ISDIR(info.st_mode):
            raise fail("p.unreadable.directory")
        if not stat.S_ISREG(info.st_mode):
            raise fail("p.unreadable.not_regular")
        if info.st_size > MAX_BYTES:
            raise fail("p.unreadable.too_large", size=info.st_size, limit=MAX_BYTES)
        data = _read_at_most(fd, MAX_BYTES + 1, info.st_size)
        if len(data) > MAX_BYTES:
            # The file grew while it was read.
            raise fail("p.unreadable.too_large", size=len(data), limit=MAX_BYTES)
        return data
    except OSError as exc:
        raise fail("p.unreadable.os", detail=exc.strerror or str(exc)) from None
    finally:
        os.close(fd)


def _read_at_most(fd: int, limit: int, size: int) -> bytes:
    """At most ``limit`` bytes. A file of the ``size`` it claims is read by one call into one
    buffer (joining one piece is that piece): reading a large ledger in pieces and joining them
    would touch twice the memory."""
    chunks: list[bytes] = []
    total = 0
    while total < limit:
        chunk = os.read(fd, min(size + 1 if not chunks else _CHUNK, limit - total))
        if not chunk:
            break
        chunks.append(chunk)
        total += len(chunk)
    return b"".join(chunks)


def split_bom(data: bytes) -> tuple[bytes, bytes]:
    """(the UTF-8 BOM or b"", the rest): writers keep the BOM a file had."""
    bom = codecs.BOM_UTF8 if data.startswith(codecs.BOM_UTF8) else b""
    return bom, data[len(bom) :]


def decode(data: bytes, path: str) -> str:
    """UTF-8 with or without BOM; anything else is a GK001 problem that says how to convert.

    The problem points at the first offending byte; its column counts the characters of
    the line's valid UTF-8 prefix, as every other column does.
    """
    bom, data = split_bom(data)
    nul = data.find(b"\x00")
    if nul != -1:
        line, col = _byte_position(data, nul)
        raise UnreadableError(problem("GK001", "p.unreadable.binary", path=path, line=line, col=col))
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line, col = _byte_position(data, exc.start)
        extra: dict[str, Any]
        if _looks_like_gb18030(data):
            # The command in the message is run where gongkai was: name the file as it was named here.
            import shlex

            key, extra = "p.unreadable.gbk", {"name": shlex.quote(path)}
        else:
            # the n-th byte of the file as it is on disk, counting from 1 like the message does
            key, extra = "p.unreadable.encoding", {"offset": len(bom) + exc.start + 1}
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
