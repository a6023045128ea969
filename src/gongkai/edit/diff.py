"""The unified diff shown by ``--dry-run``."""

from __future__ import annotations

import re


def unified_diff(old: str, new: str, name: str) -> str:
    """A git-style unified diff, computed only over the changed window (fast on big ledgers)."""
    import difflib  # only a dry run shows a diff

    a = old.splitlines()
    b = new.splitlines()
    prefix = 0
    limit = min(len(a), len(b))
    while prefix < limit and a[prefix] == b[prefix]:
        prefix += 1
    suffix = 0
    while suffix < limit - prefix and a[-1 - suffix] == b[-1 - suffix]:
        suffix += 1
    lo = max(prefix - 3, 0)
    keep = max(suffix - 3, 0)
    a_win, b_win = a[lo : len(a) - keep], b[lo : len(b) - keep]
    out = [f"--- a/{name}", f"+++ b/{name}"]
    for line in list(difflib.unified_diff(a_win, b_win, lineterm="", n=3))[2:]:
        if line.startswith("@@"):
            line = _shift_hunk(line, lo)
        out.append(line)
    return "\n".join(out) + "\n" if len(out) > 2 else ""


_HUNK = re.compile(r"^@@ -(\d+)(,\d+)? \+(\d+)(,\d+)? @@")


def _shift_hunk(line: str, by: int) -> str:
    m = _HUNK.match(line)
    if not m:
        return line
    a_start, b_start = int(m[1]), int(m[3])
    a_start = a_start + by if a_start or (m[2] or "") != ",0" else by
    b_start = b_start + by if b_start or (m[4] or "") != ",0" else by
    return f"@@ -{a_start}{m[2] or ''} +{b_start}{m[4] or ''} @@" + line[m.end() :]
