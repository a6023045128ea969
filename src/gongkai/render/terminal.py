"""Text on its way to a terminal: shown, never obeyed.

Notes, unit names and YAML keys are typed by people, and a terminal acts on some characters:
ESC starts a control sequence that can recolour, move the cursor or retitle the window, and
the bidirectional overrides (U+202A–U+202E, U+2066–U+2069) reorder what is shown. Every piece
of ledger text that enters a terminal renderer passes through :func:`visible`, which writes
such characters as escapes (``\\x1b``, ``\\u202e``) that a reader can see.
"""

from __future__ import annotations

import re

TYPE_CHECKING = False  # not from typing: importing it is a noticeable part of a report
if TYPE_CHECKING:
    from rich.console import Console

# C0 controls except tab and newline, DEL, C1 controls, the bidi embeddings, overrides and
# isolates, and the line and paragraph separators (which some terminals break on).
_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")


def _escape(match: re.Match[str]) -> str:
    code = ord(match.group())
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def visible(text: str) -> str:
    """``text`` with every character a terminal would act on written as a visible escape."""
    return _CONTROL.sub(_escape, text)


# --- rich's consoles, as the command line writes with them -------------------------------------
# The paths answered before the command line loads print through these too where rich must
# print, so that their bytes are the command line's.


def stdout_console() -> Console:
    from rich.console import Console

    return Console(highlight=False, soft_wrap=False)


def stderr_console() -> Console:
    from rich.console import Console

    return Console(stderr=True, highlight=False, soft_wrap=True)
