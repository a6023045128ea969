"""The import summary as lines of text; the CLI prints them."""

from __future__ import annotations

from ..i18n import Lang, t
from . import ImportResult, render_note


def summary_lines(result: ImportResult, lang: Lang) -> list[str]:
    s = result.summary
    lines = [
        t("import.summary.title", lang, source=result.path.name),
        t("import.summary.counts", lang, sections=s.sections, clauses=s.clauses, units=s.units, groups=s.groups, deadlines=s.deadlines, doubts=len(s.doubts)),
    ]
    if s.clauses == 0:
        lines.append(t("import.err.nothing", lang))
    if s.doubts:
        lines.append(t("import.summary.doubts", lang))
        for d in s.doubts:
            if d.task is None:
                where = t("import.summary.plan", lang)
            elif d.line is not None:
                where = f"{d.task} · {t('import.summary.at_line', lang, line=d.line)}"
            elif d.row is not None:
                where = f"{d.task} · {t('import.summary.at_row', lang, row=d.row)}"
            else:
                where = d.task
            lines.append(f"  {where}: {render_note(d.note, lang)}")
    return lines
