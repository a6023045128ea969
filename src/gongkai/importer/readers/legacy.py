"""Older office files: .xls and .et through python-calamine; .doc and .wps through LibreOffice.

python-calamine is imported only in a child process (see ``_CHILD``). A .doc or .wps is converted to .docx in a temporary
folder by ``soffice --headless`` when LibreOffice is installed; otherwise the import stops
with a message saying how to save the file as .docx. A converter that fails, writes nothing
or runs past ``CONVERT_SECONDS`` stops the import with a message, and the folder is removed.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from ..blocks import Block, ImportFailure, TableBlock
from ..limits import Limits, check
from .spreadsheetml import is_spreadsheetml
from .wordml import is_wordml
from .xlsx import cell_text

CONVERT_SECONDS = 120
_RESTART = 81  # soffice's exit code when it wants to be started again


_HTML = re.compile(rb"^(?:<\?xml[^>]*\?>\s*)?(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html|head|meta|table|body)\b", re.IGNORECASE | re.DOTALL)


def disguise(path: Path, old_word: bool) -> str | None:
    """The suffix of what an old-format name really holds, when it is not the old format.

    Web systems and sites often serve a .docx, Rich Text, a web page, a page saved as one
    MIME file, or a Word or Excel 2003 XML document under a .doc or .xls name: such a file is read as
    what it is, without LibreOffice.
    """
    with path.open("rb") as fh:
        head = fh.read(4096)
    if head.startswith(b"PK\x03\x04"):
        return ".docx" if old_word else ".xlsx"
    text = head.lstrip(b"\xef\xbb\xbf \t\r\n")
    if text.startswith(b"{\\rtf"):
        return ".rtf"
    if is_spreadsheetml(text) if not old_word else is_wordml(text):
        return ".xml"
    if text[:13].lower() == b"mime-version:" or b"content-type: multipart/related" in text.lower():
        return ".mhtml"
    if _HTML.match(text):
        return ".html"
    return None


# python-calamine runs in a child process: on a damaged file it can follow a looping chain of
# sectors until memory runs out, and a native allocation failure aborts the whole process. The
# child gets an address-space cap and a time limit, and hands the cells back as JSON.
SHEET_SECONDS = 60
SHEET_MEMORY = 2 << 30
_CHILD = r"""
import datetime as dt, json, sys
try:
    import resource
    resource.setrlimit(resource.RLIMIT_AS, (int(sys.argv[3]), int(sys.argv[3])))
except (ImportError, ValueError, OSError):
    pass

def tag(v):
    if isinstance(v, dt.datetime):
        return {"$": "datetime", "v": v.isoformat()}
    if isinstance(v, dt.date):
        return {"$": "date", "v": v.isoformat()}
    return str(v)

def out(obj):
    sys.stdout.write(json.dumps(obj, default=tag, ensure_ascii=False))
    sys.exit(0)

try:
    import python_calamine
except ImportError:
    out({"error": "missing"})
limit, sheets, cells = int(sys.argv[2]), [], 0
try:
    with open(sys.argv[1], "rb") as fh:
        book = python_calamine.load_workbook(fh)
        for index, name in enumerate(book.sheet_names):
            sheet = book.get_sheet_by_index(index)
            cells += sheet.height * sheet.width
            merged = [[list(a), list(b)] for a, b in sheet.merged_cell_ranges or []]
            total = cells + sum((b[0] - a[0] + 1) * (b[1] - a[1] + 1) for a, b in merged)
            if total > limit:
                out({"error": "limit", "value": total})
            sheets.append({"name": name, "rows": sheet.to_python(skip_empty_area=False), "merged": merged})
except Exception as exc:
    text = str(exc)
    out({"error": "bad", "detail": text.splitlines()[0][:120] if text else type(exc).__name__})
out({"sheets": sheets})
"""


def _untag(value: object) -> object:
    if isinstance(value, dict):
        text = str(value.get("v", ""))
        return dt.datetime.fromisoformat(text) if value.get("$") == "datetime" else dt.date.fromisoformat(text)
    return value


def _calamine(path: Path, limits: Limits) -> dict[str, Any]:
    command = [sys.executable, "-I", "-c", _CHILD, str(path), str(limits.cells), str(SHEET_MEMORY)]
    try:
        done = subprocess.run(command, capture_output=True, timeout=SHEET_SECONDS, check=False, stdin=subprocess.DEVNULL)
    except subprocess.TimeoutExpired:
        raise ImportFailure("import.err.bad_xls", detail=f"no result after {SHEET_SECONDS} s") from None
    except OSError as exc:
        raise ImportFailure("import.err.bad_xls", detail=exc.strerror or type(exc).__name__) from None
    try:
        result: dict[str, Any] = json.loads(done.stdout)
    except ValueError:
        # killed, or out of memory: the file is not a workbook calamine can read
        raise ImportFailure("import.err.bad_xls", detail=f"the reader stopped (exit {done.returncode})") from None
    return result


def sheet_tables(path: Path, limits: Limits) -> list[TableBlock]:
    """Every sheet of a .xls/.et workbook, merged ranges given their top-left value."""
    result = _calamine(path, limits)
    error = result.get("error")
    if error == "missing":
        return _via_office(path, "xlsx", limits)  # type: ignore[return-value]
    if error == "limit":
        check("cells", int(result["value"]), limits)
    if error is not None:
        raise ImportFailure("import.err.bad_xls", detail=str(result.get("detail") or error))
    tables: list[TableBlock] = []
    for sheet in result["sheets"]:
        grid = [[cell_text(_untag(v)) for v in row] for row in sheet["rows"]]
        for (r0, c0), (r1, c1) in sheet["merged"]:
            value = grid[r0][c0] if r0 < len(grid) and c0 < len(grid[r0]) else ""
            for r in range(r0, min(r1, len(grid) - 1) + 1):
                for c in range(c0, min(c1, len(grid[r]) - 1) + 1):
                    grid[r][c] = value
        tables.append(TableBlock(rows=grid, lines=[None] * len(grid), rows_at=list(range(1, len(grid) + 1)), label=sheet["name"]))
    return tables


def word_blocks(path: Path, limits: Limits) -> list[Block]:
    """A .doc or .wps, converted to .docx by LibreOffice, then read as Word."""
    return _via_office(path, "docx", limits)


def _via_office(path: Path, target: str, limits: Limits) -> list[Block]:
    office = shutil.which("soffice") or shutil.which("libreoffice")
    suffix = path.suffix.lower()
    if office is None:
        raise ImportFailure("import.err.need_office", suffix=suffix, target=f".{target}")
    if target == "docx":
        _check_word(path, suffix)
    # The profile lives in the temporary folder too: a LibreOffice already open on the desktop
    # would otherwise take the job over and convert nothing.
    with tempfile.TemporaryDirectory(prefix="gongkai-convert-", ignore_cleanup_errors=True) as name:
        folder = Path(name)
        out = folder / "out"
        out.mkdir()
        command = [
            office, "--headless", f"-env:UserInstallation={(folder / 'profile').as_uri()}",
            "--convert-to", target, "--outdir", str(out), str(path.resolve()),
        ]
        deadline = time.monotonic() + CONVERT_SECONDS
        code = _run(command, folder, CONVERT_SECONDS, suffix=suffix, target=target)
        if code == _RESTART and not any(out.iterdir()):
            # Some LibreOffice versions stop once after making a new profile and ask to be started
            # again; the profile here is always new.
            code = _run(command, folder, max(1.0, deadline - time.monotonic()), suffix=suffix, target=target)
        if code != 0:
            raise ImportFailure("import.err.convert_failed", suffix=suffix, target=f".{target}", code=code, detail=_last_line(folder))
        converted = sorted(out.glob(f"*.{target}"))
        if not converted:
            raise ImportFailure("import.err.convert_nothing", suffix=suffix, target=f".{target}")
        if target == "docx":
            from .docx import docx_blocks

            return docx_blocks(converted[0], limits)
        from .xlsx import xlsx_tables

        return list(xlsx_tables(converted[0], limits))


_COMPOUND = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # the OLE compound file of Word 97-2003 and WPS


def _check_word(path: Path, suffix: str) -> None:
    """Refuse a file LibreOffice would take for plain text and turn into a draft of noise.

    A .doc or .wps (one that is not a .docx, RTF or web page: those are read without LibreOffice)
    is a compound file with a 512-byte header. What starts as one but is cut short, and binary
    content that is not one, is damaged; text is left to LibreOffice, which reads it as text.
    """
    with path.open("rb") as fh:
        head = fh.read(4096)
    if head.startswith(_COMPOUND[:4]) and (not head.startswith(_COMPOUND) or len(head) < 512):
        raise ImportFailure("import.err.bad_doc", suffix=suffix, detail=f"{len(head)} bytes" if len(head) < 512 else "header")
    if not head.startswith(_COMPOUND) and b"\0" in head:
        raise ImportFailure("import.err.bad_doc", suffix=suffix, detail="no Word header")


def _run(command: list[str], folder: Path, seconds: float, *, suffix: str, target: str) -> int:
    """Run the converter in a session of its own, so that a timeout stops soffice.bin as well.

    Its output goes to files, not pipes: a helper left holding a pipe cannot keep the import waiting.
    """
    try:
        with (folder / "stdout").open("wb") as stdout, (folder / "stderr").open("wb") as stderr:
            process = subprocess.Popen(command, stdin=subprocess.DEVNULL, stdout=stdout, stderr=stderr, start_new_session=True)
    except OSError as exc:
        raise ImportFailure("import.err.convert_start", office=command[0], target=f".{target}", detail=exc.strerror or type(exc).__name__) from None
    try:
        return process.wait(timeout=seconds)
    except subprocess.TimeoutExpired:
        _stop(process)
        raise ImportFailure("import.err.convert_timeout", suffix=suffix, target=f".{target}", seconds=CONVERT_SECONDS) from None
    except BaseException:  # Ctrl-C while converting: leave no LibreOffice behind
        _stop(process)
        raise


def _stop(process: subprocess.Popen[bytes]) -> None:
    if sys.platform == "win32":
        process.kill()
    else:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, signal.SIGKILL)
    process.wait()


def _last_line(folder: Path) -> str:
    """The converter's last words, from its error output or else its standard output."""
    for stream in ("stderr", "stdout"):
        lines = [line.strip() for line in (folder / stream).read_bytes().decode("utf-8", "replace").splitlines() if line.strip()]
        if lines:
            return ": " + lines[-1][:120]
    return ""


__all__ = ["sheet_tables", "word_blocks"]
