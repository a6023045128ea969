"""The bad-input corpus: every file in tests/check/corpus with its exact problems.

Each entry pins the complete, sorted list of (rule code, line, column) that
``gongkai check`` must report for that file; columns count characters of the
decoded text (a BOM is not a character, CJK characters count one each). The
files are variations of ``valid.yaml``; the comment beside an entry says what
was broken and where.
"""

from __future__ import annotations

import datetime as dt
import os
import re
from pathlib import Path

import pytest

from gongkai.diagnose import RULES, exit_code_for
from gongkai.errors import ExitCode, Level
from gongkai.i18n import render
from gongkai.loader import validate

from ..support import Run

CORPUS = Path(__file__).resolve().parent / "corpus"
TODAY = dt.date(2018, 12, 20)

Expected = list[tuple[str, int, int]]

CASES: dict[str, Expected] = {
    # --- awkward but legitimate: these load --------------------------------------------------
    "valid.yaml": [],
    "bom.yaml": [],  # UTF-8 with a BOM, as Windows Notepad writes it
    "crlf.yaml": [],  # CRLF line endings
    "anchors-and-aliases.yaml": [],  # lead: &office [...] reused as lead: *office
    "check-disable.yaml": [],  # unused-unit.yaml plus check: {disable: [GK030]}
    # --- not a ledger at all ------------------------------------------------------------------
    "empty.yaml": [("GK006", 1, 1)],
    "only-comments.yaml": [("GK006", 1, 1)],
    "top-level-list.yaml": [("GK006", 2, 1)],  # the list starts after a comment line
    "top-level-scalar.yaml": [("GK006", 1, 1)],
    "binary-garbage.bin": [("GK001", 1, 1)],  # the first byte is NUL
    "gbk.yaml": [("GK001", 1, 4)],  # '# ' then 0xCA 0xBE (valid UTF-8 by accident), then 0xC0
    "latin1.yaml": [("GK001", 2, 13)],  # 'caf' then 0xE9
    "alias-bomb.yaml": [("GK007", 8, 4)],  # billion laughs: &g is the first anchor past 5,000,000 nodes (9^7 strings)
    "deep-nesting.yaml": [("GK007", 1, 206)],  # plan: [[[[...]]]] 5000 deep: the 200th level (the top mapping is the 1st)
    "deep-nesting-block.yaml": [("GK007", 201, 201)],  # 300 block mappings, each indented one more
    "deep-compact-sequences.yaml": [("GK007", 1, 401)],  # '- - - ...' 30,000 deep: this crashed the YAML reader's C code
    # --- YAML syntax --------------------------------------------------------------------------
    "syntax-unclosed-flow.yaml": [("GK002", 35, 14)],  # 'lead: [行政办' never closed; found at the next ':'
    "syntax-unclosed-quote.yaml": [("GK002", 57, 12)],  # reported at the opening quote, not at the end of the file
    "syntax-bad-indent.yaml": [("GK002", 32, 11)],  # 'title' indented one space too far
    "syntax-colon-in-flow-url.yaml": [("GK002", 52, 25)],  # [https://...] in a flow list
    "undefined-alias.yaml": [("GK002", 59, 11)],  # *office with no &office
    "line-separator.yaml": [("GK002", 4, 12)],  # U+2028 after 示例: YAML breaks the line there, editors do not
    "line-separator-quoted.yaml": [("GK021", 34, 12)],  # U+2028 inside quotes on line 32 shifts no line number
    "control-character.yaml": [("GK002", 32, 14)],  # U+0001 after 政策 (the reader gives an index, not a line)
    "tab-indent.yaml": [("GK005", 36, 1)],
    "tab-after-spaces.yaml": [("GK005", 50, 7)],  # six spaces, then a tab
    "duplicate-key-plan.yaml": [("GK004", 6, 3)],  # second 'title' in plan
    "duplicate-key-task.yaml": [("GK004", 61, 5)],  # second 'lead' in t3
    "unsafe-python-apply.yaml": [("GK003", 32, 12)],  # !!python/object/apply:os.system
    "unsafe-python-name.yaml": [("GK003", 41, 11)],  # !!python/name:os.system
    "unknown-tag.yaml": [("GK003", 12, 8)],  # units: !include units.yaml
    # --- schema -------------------------------------------------------------------------------
    "unknown-key-top.yaml": [("GK010", 25, 1)],  # 'section:' for 'sections:'
    "unknown-key-task.yaml": [("GK010", 59, 5)],  # 'leed:'
    "unknown-key-period.yaml": [("GK011", 7, 3), ("GK010", 9, 5)],  # 'ends:': end is missing, ends unknown
    "missing-plan.yaml": [("GK011", 1, 1)],
    "missing-plan-title.yaml": [("GK011", 2, 1)],  # points at the 'plan' key
    "missing-task-text.yaml": [("GK011", 37, 5)],  # points at the task t2
    "plan-null.yaml": [("GK011", 1, 1)],  # 'plan:' with nothing: points at the key
    "wrong-type-lead-string.yaml": [("GK011", 59, 11)],  # lead: 行政办 (not a list)
    "wrong-type-reporting.yaml": [("GK011", 10, 14)],  # reporting: quarterly
    "wrong-type-clause.yaml": [("GK011", 31, 13)],  # clause: 第一
    "wrong-type-tasks-null.yaml": [("GK011", 28, 1)],  # 'tasks:' with nothing
    "wrong-type-unit-entry.yaml": [("GK011", 18, 5)],  # '- 党办' where a mapping '- name: 党办' belongs
    "id-is-a-number.yaml": [("GK011", 29, 9)],  # id: 1 reads as a number
    "null-task-entry.yaml": [("GK011", 54, 4)],  # a bare '-': just after the dash
    "invalid-date-feb30.yaml": [("GK012", 36, 10)],
    "invalid-date-slashes.yaml": [("GK012", 49, 15)],
    "invalid-enum-status.yaml": [("GK013", 46, 13)],  # status: finished
    "invalid-enum-covers.yaml": [("GK013", 21, 13)],  # covers: everyone
    "check-disable-unknown-code.yaml": [("GK013", 67, 20)],  # disable: [GK030, GK999]
    # --- semantic rules -----------------------------------------------------------------------
    "duplicate-id.yaml": [("GK020", 54, 9)],
    "unknown-unit.yaml": [("GK021", 34, 12)],  # lead: [行政室]
    "unknown-group-wide-chars.yaml": [("GK021", 35, 22)],  # after 宣传部, (CJK counts one column each)
    "bom-crlf-error.yaml": [("GK021", 35, 22)],  # the same with a BOM and CRLF: the same place
    "cr-only-error.yaml": [("GK021", 34, 12)],  # unknown-unit.yaml with old Mac line ends (a lone CR ends a line)
    "mixed-endings-error.yaml": [("GK021", 34, 12)],  # CRLF, CR and LF in turn
    "unknown-group-member.yaml": [("GK021", 24, 15)],
    "unknown-copied-to.yaml": [("GK021", 6, 15)],
    "no-lead-empty.yaml": [("GK022", 59, 11)],  # lead: []
    "no-lead-absent.yaml": [("GK022", 54, 9)],  # no lead key: points at the id
    "lead-and-cooperate-alias.yaml": [("GK023", 46, 9)],  # lead 宣传部, cooperate 宣传 (its alias)
    "due-outside-period.yaml": [("GK024", 36, 10)],
    "done-no-completed.yaml": [("GK025", 46, 13)],
    "done-no-evidence.yaml": [("GK026", 46, 13)],
    "update-in-future.yaml": [("GK036", 47, 16), ("GK027", 49, 15)],  # 2019-01-05, checked as of 2018-12-20; closed then, completed 2018-11-30
    "update-before-plan.yaml": [("GK027", 63, 15)],
    "unresolved-group.yaml": [("GK028", 23, 13)],
    "period-outside-plan.yaml": [("GK029", 62, 17)],
    "period-invalid.yaml": [("GK029", 62, 17)],  # 2018Q5
    "period-year-zero.yaml": [("GK029", 62, 17)],  # 0000Q1: there is no year 0
    "date-year-9999.yaml": [("GK012", 9, 10)],  # end: 9999-12-31, the calendar's last day
    "date-year-0218.yaml": [("GK012", 8, 12)],  # start: 0218-09-14, a digit dropped from 2018
    # --- full-width punctuation from a Chinese input method ---------------------------------------
    "fullwidth-colon.yaml": [("GK008", 4, 8)],  # 'title：' at the top of the file: a syntax error otherwise
    "fullwidth-colon-task.yaml": [("GK008", 40, 10)],  # 'title： 舆情回应' in a task: an unknown key otherwise
    "fullwidth-space.yaml": [("GK008", 14, 1)],  # U+3000 before '- name: 宣传部'
    "chinese-quotes-key.yaml": [("GK008", 5, 3)],  # “issued”: 2018-09-14
    "joined-names.yaml": [("GK021", 34, 12)],  # lead: [行政办，宣传部]: one item, joined by a full-width comma
    "period-wrong-cycle.yaml": [("GK029", 62, 17)],  # 2018-11 in a quarterly duty
    "reports-on-one-off-task.yaml": [("GK029", 60, 5)],  # points at the 'reports' key
    "unused-unit.yaml": [("GK030", 19, 11)],
    "unknown-reporter-group.yaml": [("GK031", 50, 13)],  # by: a group, not a unit
    "duplicate-unit.yaml": [("GK032", 19, 11)],
    "rename-outside-plan.yaml": [("GK037", 17, 15), ("GK037", 19, 15)],  # before the plan was issued; after its period
    "former-name-taken.yaml": [("GK038", 17, 14), ("GK038", 19, 14)],  # another unit's alias; a group's name
    "duplicate-alias.yaml": [("GK032", 19, 15)],
    "unknown-section.yaml": [("GK033", 31, 14)],
    "ongoing-done.yaml": [("GK034", 47, 13)],
    "period-end-before-start.yaml": [("GK035", 9, 10), ("GK024", 36, 10), ("GK029", 62, 17)],
    "doubt.yaml": [("GK040", 38, 9)],
    "alias-reused-unknown-unit.yaml": [("GK021", 34, 20)],  # lead: &office [行政室] used twice: one problem, at the anchor
    "merge-key-inherited.yaml": [("GK021", 36, 17)],  # t3 is '<<: *first': t1's cooperate, reported once where written
    "many-problems.yaml": [("GK021", 34, 12), ("GK025", 46, 13), ("GK020", 53, 9), ("GK029", 61, 17)],
}


def test_every_corpus_file_has_an_expectation() -> None:
    assert sorted(p.name for p in CORPUS.iterdir()) == sorted(CASES)
    broken = [name for name, expected in CASES.items() if expected]
    assert len(broken) >= 40


@pytest.mark.parametrize("name", sorted(CASES))
def test_corpus_file(name: str) -> None:
    result = validate(CORPUS / name, today=TODAY)
    assert [(p.code, p.line, p.col) for p in result.problems] == CASES[name]
    assert result.problems == sorted(result.problems)
    for p in result.problems:
        assert p.path == str(CORPUS / name)
        assert p.level is RULES[p.code].level
        for lang in ("zh", "en"):
            text = render(p.message_key, lang, p.kwargs)
            assert text and "{" not in text and "Traceback" not in text
    if not CASES[name]:
        assert result.ledger is not None


def test_every_rule_code_the_issue_lists_is_in_the_corpus() -> None:
    found = {code for expected in CASES.values() for code, _, _ in expected}
    assert set(RULES) - found == set()


def test_gbk_message_names_the_encoding_and_how_to_convert() -> None:
    (p,) = validate(CORPUS / "gbk.yaml").problems
    assert "GBK" in render(p.message_key, "zh", p.kwargs)
    en = render(p.message_key, "en", p.kwargs)
    assert "GBK" in en and "iconv -f GB18030 -t UTF-8" in en


def test_unsafe_tags_are_refused_and_nothing_runs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)  # the payload would create gongkai-corpus-executed here
    (p,) = validate(CORPUS / "unsafe-python-apply.yaml").problems
    assert p.kwargs["tag"] == "!!python/object/apply:os.system"
    assert list(tmp_path.iterdir()) == []


def test_duplicate_key_names_where_the_first_one_is() -> None:
    (p,) = validate(CORPUS / "duplicate-key-task.yaml").problems
    assert render(p.message_key, "en", p.kwargs) == "duplicate key 'lead' (first at line 59): remove or merge one of them."


def test_bom_and_crlf_load_the_same_ledger_as_plain_utf8() -> None:
    plain = validate(CORPUS / "valid.yaml").ledger
    assert plain is not None
    assert validate(CORPUS / "bom.yaml").ledger == plain
    assert validate(CORPUS / "crlf.yaml").ledger == plain


# --- bad paths, made on the spot ---------------------------------------------------------------


def test_missing_file(tmp_path: Path) -> None:
    (p,) = validate(tmp_path / "tasks.yaml").problems
    assert (p.code, p.line, p.col, p.message_key) == ("GK001", 1, 1, "p.unreadable.missing")
    assert exit_code_for([p]) is ExitCode.UNREADABLE


def test_directory(tmp_path: Path) -> None:
    (p,) = validate(tmp_path).problems
    assert (p.code, p.message_key) == ("GK001", "p.unreadable.directory")


def test_five_megabyte_ledger_is_checked_with_exact_places(tmp_path: Path) -> None:
    base = (CORPUS / "valid.yaml").read_text(encoding="utf-8")
    head = base[: base.index("tasks:\n") + len("tasks:\n")]
    task = (
        "  - id: x{i}\n    number: 一{i}\n    section: 一\n    title: 政策解读{i}\n"
        "    text: 做好政策解读，及时公开政策文件、解读材料和执行情况，回应社会关切。\n"
        "    lead: [{lead}]\n    cooperate: [宣传部, 林业局各单位、部门]\n"
    )
    parts = [head]
    size = len(head.encode())
    i = 0
    while size < 5 * 1024 * 1024:
        part = task.format(i=i, lead="行政办")
        parts.append(part)
        size += len(part.encode())
        i += 1
    parts[-1] = task.format(i=i - 1, lead="行政室")  # the last clause names an unknown unit
    big = tmp_path / "tasks.yaml"
    big.write_text("".join(parts), encoding="utf-8")
    assert big.stat().st_size >= 5 * 1024 * 1024
    lines = head.count("\n") + 7 * (i - 1) + 6  # the 'lead' line of the last clause
    (p,) = validate(big, today=TODAY).problems
    assert (p.code, p.line, p.col) == ("GK021", lines, 12)


def test_unreadable_file(tmp_path: Path, run: Run) -> None:
    """A file the user may not read: exit 2 and a message about permissions.

    Root reads any file whatever its mode, and the tests run as root in CI. So as root the
    check runs with the effective user id of 'nobody' (65534) for the duration of the run:
    the kernel then refuses the real open() on the real permission bits; nothing is faked.
    The modules the run needs are imported first, as root, since nobody may not read them.
    """
    import tempfile

    folder = Path(tempfile.mkdtemp(prefix="gongkai-unreadable-"))  # not under pytest's 0700 folders
    folder.chmod(0o755)
    target = folder / "tasks.yaml"
    target.write_text("plan: {}\n", encoding="utf-8")
    args = ("check", target, "--format", "parsable", "--lang", "en")
    assert run(*args).exit_code == 1  # readable: it is read, and plan lacks its keys
    target.chmod(0)
    try:
        if os.geteuid() == 0:
            os.seteuid(65534)
            try:
                r = run(*args)
            finally:
                os.seteuid(0)
        else:
            r = run(*args)
    finally:
        target.chmod(0o644)
        target.unlink()
        folder.rmdir()
    assert r.exit_code == 2
    assert r.stdout == f"{target}:1:1: [error] GK001 permission denied: check the file's permissions (chmod u+r).\n"


def test_every_problem_message_in_the_corpus_names_no_python_internals() -> None:
    for name in CASES:
        for p in validate(CORPUS / name, today=TODAY).problems:
            en = render(p.message_key, "en", p.kwargs)
            assert not re.search(r"ruamel|pydantic|Input should be|<class", en), (name, en)


def test_warnings_only_exit_zero_unless_strict() -> None:
    problems = validate(CORPUS / "unused-unit.yaml", today=TODAY).problems
    assert [p.level for p in problems] == [Level.WARNING]
    assert exit_code_for(problems) is ExitCode.OK
    assert exit_code_for(problems, strict=True) is ExitCode.PROBLEMS


def test_type_messages_say_what_to_write() -> None:
    def en(name: str) -> list[str]:
        return [render(p.message_key, "en", p.kwargs) for p in validate(CORPUS / name, today=TODAY).problems]

    assert en("id-is-a-number.yaml") == ["the value of 'id' must be text, but 1 reads as a number: put it in quotes, e.g. id: \"1\"."]
    assert en("wrong-type-unit-entry.yaml") == ["entry 4 of 'units' must be a mapping (key: value), not text."]
    assert en("wrong-type-lead-string.yaml") == ["the value of 'lead' must be a list, not text."]
    assert en("invalid-enum-status.yaml") == ["invalid value 'finished'; allowed: not_started | in_progress | done | cancelled."]


def test_encoding_message_names_the_byte_counting_from_one() -> None:
    (p,) = validate(CORPUS / "latin1.yaml").problems
    # 'plan:\n  title: caf' is 18 bytes: the 19th is 0xE9
    assert render(p.message_key, "en", p.kwargs) == "the file is not UTF-8 text (byte 19 cannot be decoded): save it as UTF-8."


def test_a_rename_after_today_is_an_error_at_its_date() -> None:
    found = [p for p in validate(CORPUS / "former-name-taken.yaml", today=dt.date(2018, 10, 31)).problems if p.code == "GK037"]
    assert [(p.line, p.col) for p in found] == [(18, 15), (20, 15)]  # 2018-11-01 and 2018-11-02; 2018-10-08 is past
    assert render(found[0].message_key, "en", found[0].kwargs) == (
        "行政办 is recorded as renamed on 2018-11-01, after today (2018-10-31): record the rename once it has taken effect, or correct the date."
    )
