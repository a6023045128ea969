"""The text of one table cell from its lines or paragraphs, shared by the HTML and PDF readers."""

from __future__ import annotations

from ..units import BODY_SUFFIXES


def join_cell_lines(lines: list[str]) -> str:
    """One line per name where a line ends as a name (省发改委 / 省商务厅: two leads); a line that
    only goes on with the one before is glued to it (省食品药品 / 监管局, 省编办 / （省审改办））."""
    out = ""
    for line in (ln.strip() for ln in lines):
        if not line:
            continue
        if out and (line[:1] in "（(" or not _ends_as_name(out)):
            out += line
        else:
            out = f"{out}\n{line}" if out else line
    return out


def _ends_as_name(text: str) -> bool:
    return text.rstrip("，,、；;。 ").endswith((*BODY_SUFFIXES, "）", ")")) or text[-1:] in "，,、；;。：:"


__all__ = ["join_cell_lines"]
