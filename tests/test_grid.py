"""The fast column layout: CJK widths, wrapping, fitting the terminal."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st
from rich.cells import cell_len

from gongkai.render.grid import GAP, Cell, Entry, layout_lines, wrap


def test_wrap_counts_cjk_as_two_cells() -> None:
    assert wrap("推进决策和监管信息公开", 8) == ["推进决策", "和监管信", "息公开"]
    assert wrap("due soon and overdue", 9) == ["due soon", "and", "overdue"]
    assert wrap("", 5) == [""]


def test_layout_fits_width_and_aligns() -> None:
    laid = layout_lines(
        ["编号", "任务", "情况"],
        [["2-1-1", "推进决策和监管信息公开推进决策和监管信息公开", Cell("逾期", "bold red")], ["3-1", "短", "临期"]],
        width=30,
        flexible=[1],
    )
    lines = ["".join(text for text, _ in line) for line in laid]
    assert all(cell_len(line) <= 30 for line in lines)
    assert lines[0].split() == ["编号", "任务", "情况"]
    assert lines[2].startswith("2-1-1   ") and lines[2].endswith("逾期")
    # the wrapped title continues in its own column
    assert lines[3].startswith(" " * 8) and lines[3].strip()
    assert lines[-1].split() == ["3-1", "短", "临期"]
    assert any(style == "bold red" for line in laid for _, style in line)


def test_wrap_breaks_english_lists_after_separators() -> None:
    assert wrap("工会, 民政局, 教育局, 卫计局", 14) == ["工会, 民政局,", "教育局, 卫计局"]


def test_wrap_keeps_chinese_line_breaking_rules() -> None:
    from gongkai.render.grid import NO_LINE_END, NO_LINE_START

    text = "用好“两微”新平台，推进（重大）建设项目、《条例》信息公开。"
    for width in range(4, 30):
        lines = wrap(text, width)
        assert "".join(lines) == text
        assert all(line[0] not in NO_LINE_START and line[-1] not in NO_LINE_END for line in lines), (width, lines)


def test_wrap_never_splits_ids_dates_or_urls() -> None:
    assert wrap("见 https://example.org/gkml/2018-12-20.html 2018-12-31", 12) == ["见", "https://example.org/gkml/2018-12-20.html", "2018-12-31"]
    assert wrap("任务2-2-2a和2-2-2b", 8) == ["任务", "2-2-2a和", "2-2-2b"]


def test_a_unit_name_moves_whole_to_the_next_line() -> None:
    # 多种经营局 fits in 12 cells, so it is not cut after 多种
    assert wrap("安监局、公安局、多种经营局、文体局", 18) == ["安监局、公安局、", "多种经营局、文体局"]
    # a name wider than the line is cut, still by the rules
    assert wrap("资源林政局等部门", 6) == ["资源林", "政局等", "部门"]


# Characters of many kinds: ideographs, Chinese punctuation that may not start or end a line,
# separators of names, ASCII (ids, dates, URLs), spaces, full-width and zero-width characters.
ALPHABET = "推进政务公开信息林业局宣传部等" + "、。，；：！？（）《》“”‘’·…%" + "abcXYZ019-/:.,;!?()[]~<" + "  \u3000\t" + "ａ１\u0301\u200b"


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=ALPHABET, min_size=6, max_size=40), st.integers(min_value=1, max_value=30), st.data())
def test_texts_of_the_same_kinds_wrap_alike(text: str, width: int, data: st.DataObject) -> None:
    """A wrapped text's lines are shared with every text whose characters are of the same kinds
    (``_Memo.kinds``): that holds only if the kinds say all the wrapping reads of a character."""
    from gongkai.render import grid

    memo = grid._MEMO
    memo.load()
    alike: dict[str, list[str]] = {}
    for ch in ALPHABET:
        alike.setdefault(memo.kinds(ch), []).append(ch)
    twin = "".join(data.draw(st.sampled_from(alike[memo.kinds(ch)])) for ch in text)

    spans = grid._line_spans(text, width)
    assert grid._line_spans(twin, width) == spans
    assert [grid.cell_len(text[a:b]) for a, b in spans] == [grid.cell_len(twin[a:b]) for a, b in spans]
    # and through the shared answer, each gets its own text's lines
    if grid.cell_len(text) > width:
        assert wrap(text, width) == [text[a:b] for a, b in spans]
        assert wrap(twin, width) == [twin[a:b] for a, b in spans]


_MULTI_LINE = st.text(alphabet=st.sampled_from(["推", "进", "决", "策", "a", "b", "1", "-", " ", "\n", "、"]), max_size=40)


@settings(max_examples=150, deadline=None)
@given(rows=st.lists(st.tuples(st.from_regex(r"[0-9]-[0-9]{1,2}", fullmatch=True), _MULTI_LINE), max_size=6), width=st.integers(20, 60))
def test_cells_of_several_lines_or_none_keep_their_text_in_their_column(rows: list[tuple[str, str]], width: int) -> None:
    """A cell's text, over as many lines as it takes (its own line breaks among them), stays in
    its column and in order; the row's other cells are blank on its further lines."""
    laid = layout_lines(["编号", "任务"], [list(row) for row in rows], width=width, flexible=[1])
    lines = ["".join(text for text, _ in line) for line in laid][2:]
    assert all(cell_len(line) <= width for line in lines)
    ids = [line.split(" ", 1)[0] for line in lines]
    # each row starts with its id; the row's further lines start blank
    starts = [n for n, first in enumerate(ids) if first]
    assert [ids[n] for n in starts] == [row_id for row_id, _ in rows]
    offset = max([cell_len("编号"), *(len(row_id) for row_id, _ in rows)]) + len(GAP)  # the id column (ASCII) and the gap
    for k, (_, text) in enumerate(rows):
        end = starts[k + 1] if k + 1 < len(starts) else len(lines)
        shown = "".join(line[offset:] for line in lines[starts[k] : end])
        assert "".join(shown.split()) == "".join(text.split()), (text, lines[starts[k] : end])


# Texts without spaces, which ``_fill`` wraps: the characters above less the space, and whole
# ids, dates and URLs (ASCII runs that overflow a line rather than be cut, some beside another
# whitespace, which does not count against them), among names and 禁则.
_NO_SPACES = ALPHABET.replace(" ", "") + "\u200d\u20dd"
_PIECES = st.sampled_from(["2-2-2a", "2018-12-31\u3000", "\tv1.2", "https://example.org/gkml/2018-12-20.html", "资源林政局", "（一）", "。”", "“《"])
_WITHOUT_SPACES = st.lists(_PIECES | st.text(alphabet=_NO_SPACES, min_size=1, max_size=8), max_size=12).map("".join)


@settings(max_examples=300, deadline=None)
@given(_WITHOUT_SPACES, st.integers(min_value=1, max_value=40))
def test_the_fast_fill_wraps_as_the_greedy_loop_does(text: str, width: int) -> None:
    """A text without spaces is wrapped by ``_fill``, the rules' shortcut: its lines are the ones
    ``_greedy`` makes by the rules (hard splits, overflowing ids and 禁则 included)."""
    from gongkai.render import grid

    cuts = [0, *grid._breaks(text), len(text)]
    assert grid._fill(text, width, cuts) == grid._greedy(text, width, cuts)


# One line of a cell: text (wider than its column at times), nothing, or text of no width.
_ENTRY = st.integers(min_value=0, max_value=25).map(lambda size: ((("x" * size, ""),), size) if size else ((), 0)) | st.just(((("\u200b", "dim"),), 0))


@settings(max_examples=300, deadline=None)
@given(st.lists(st.tuples(st.integers(min_value=-2, max_value=20), st.lists(_ENTRY, max_size=4).map(tuple)), min_size=1, max_size=5))
def test_a_rows_further_lines_are_the_lines_emit_makes(columns: list[tuple[int, tuple[Entry, ...]]]) -> None:
    """``_Blanks.more``, the shortcut for a row's further lines, writes what ``_emit`` writes:
    the same spans and padding, the same widest line."""
    from gongkai.render import grid

    widths = [width for width, _ in columns]
    row = [entries for _, entries in columns]
    quick, slow = grid.Lines(), grid.Lines()
    grid._Blanks(widths).more(quick, row)
    grid._emit(slow, row, widths)
    assert (list(quick), quick.width) == (list(slow), slow.width)
