"""Synthetic ledgers of any size, built on the real plan's header (units, groups, sections).

Used by the edit tests and for timing: ``python -m tests.gen.layouts 1000 > big.yaml`` from the repository root.
"""

from __future__ import annotations

import sys

from ..support import LEDGER

SECTIONS = ["二（一）", "二（二）", "二（三）", "二（四）", "二（五）", "三"]
LEADS = ["行政办", "宣传部", "计统局", "城建局", "工会", "民政局"]


def header() -> str:
    text = LEDGER.read_text(encoding="utf-8")
    return text[: text.index("\ntasks:\n") + len("\ntasks:\n")]


def task_block(k: int) -> str:
    section = SECTIONS[k % len(SECTIONS)]
    lead = LEADS[k % len(LEADS)]
    lines = [
        f"  # 第 {k} 项",
        f"  - id: t-{k}",
        f"    number: {section}{k}",
        f"    section: {section}",
        f"    title: 第{k}项任务",
        f"    text: 按照“谁主管、谁负责”的原则，做好第{k}项政务公开工作，及时公开相关信息：确保实效。",
        "    lead:",
        f"      - {lead}",
        "    cooperate:",
        "      - 新闻中心",
        "      - 林业局各单位、部门",
    ]
    if k % 3 == 0:
        lines += [
            "    status: in_progress",
            "    updates:",
            "      - date: 2018-10-15",
            f"        by: {lead}",
            "        old_status: not_started",
            "        status: in_progress",
            "        note: 已启动",
        ]
    return "\n".join(lines) + "\n\n"


def make_ledger(n: int) -> str:
    """A valid ledger of ``n`` tasks with ids ``t-0`` ... ``t-{n-1}``."""
    return header() + "".join(task_block(k) for k in range(n))


if __name__ == "__main__":
    sys.stdout.write(make_ledger(int(sys.argv[1]) if len(sys.argv) > 1 else 1000))
