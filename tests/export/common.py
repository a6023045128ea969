"""Shared constants of the export tests: the as-of date, hostile names."""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Mapping
from pathlib import Path

AS_OF = dt.date(2018, 11, 20)
AS_OF_TEXT = AS_OF.isoformat()
CHROMIUM = Path("/usr/bin/chromium")

LONG_NAME = "很长很长的单位名称" * 40  # 360 characters, 1080 bytes of UTF-8
HOSTILE_UNITS = [
    "=cmd|' /C calc'!A0",
    "+SUM(1,2)",
    "-2+3",
    "@SUM(A1)",
    "<script>alert(1)</script>宣传部",
    "../../etc/passwd",
    "CON",
    "com1.txt",
    "a/b\\c",
    "a\\b/c",
    "..",
    "\t=1+1",
    LONG_NAME,
]
HOSTILE_NOTE = '<img src=x onerror="window.__pwned=1">=HYPERLINK("http://evil.example","点我")'


def hostile_ledger_data() -> dict[str, object]:
    """Every unit leads one overdue task whose title and note are hostile too."""
    tasks = []
    for i, name in enumerate(HOSTILE_UNITS):
        tasks.append(
            {
                "id": f"h{i}",
                "number": f"一{i + 1}",
                "section": "一",
                "title": ["=1+1", "+1", "-1", "@A1", "<b>粗</b><script>window.__pwned=1</script>"][i % 5],
                "text": f"</svg></td><script>window.__pwned=1</script> 任务 {i}",
                "lead": [name],
                "cooperate": [HOSTILE_UNITS[(i + 1) % len(HOSTILE_UNITS)]],
                "due": "2018-10-31",
                "status": "in_progress",
                "updates": [{"date": "2018-10-01", "by": name, "note": HOSTILE_NOTE if i % 2 else "-减少一项 =A1"}],
            }
        )
    return {
        "plan": {
            "id": "hostile",
            "title": '<script>window.__pwned=1</script>"标题"',
            "doc_number": "&amp; <i>文号</i>",
            "issued": "2018-01-01",
            "period": {"start": "2018-01-01", "end": "2018-12-31"},
            "reporting": {"cycle": "quarterly"},
        },
        "units": [{"name": n} for n in HOSTILE_UNITS],
        "sections": [{"number": "一", "title": "</svg><script>window.__pwned=1</script>章节"}],
        "tasks": tasks,
    }



def chromium_missing_reason(chromium: Path = CHROMIUM, environ: Mapping[str, str] = os.environ) -> str | None:
    """Browser tests run wherever Chromium is; in CI a missing Chromium is a failure, not a skip."""
    if chromium.exists() or environ.get("CI"):
        return None
    return f"{chromium} is not installed (apt-get install chromium; .ci/system-deps does it in CI)"
