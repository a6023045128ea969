"""Saved web pages: the article body, real tables with merged cells, Word-exported markup, MHTML."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from gongkai.importer import ImportFailure, Limits

from .common import imported, tasks_by_id

PAGE = """<!DOCTYPE html><html><head><meta charset="utf-8"><title>某省政府</title>
<script>var nav = "一、不是正文（牵头单位：省脚本局）";</script></head>
<body>
<div class="nav"><a href="/">首页</a> <a>政务公开</a> 1.导航链接（牵头单位：省导航局）</div>
<div class="header">某省人民政府门户网站</div>
<div class="article_content">
<h1>某省2016年政务公开工作主要任务分解表</h1>
<p>为做好政务公开工作，现将任务分解如下。</p>
<table class="MsoNormalTable" border="1">
<tr><td><p><b><span>工　　作　　任　　务</span></b></p></td><td><p>牵头单位</p></td>
    <td><p>责　任　单　位</p></td><td><p>工　作　要　求</p></td></tr>
<tr><td colspan="4"><p><b><span>一、围绕深化改革推进公开</span></b></p></td></tr>
<tr><td><p><span lang="EN-US">1.</span><span>全面公开权力清单</span></p></td>
    <td rowspan="2"><p><span>省编办</span></p><p><span>（省审改办）</span></p></td>
    <td rowspan="2"><p><span>省直各部门，</span></p><p><span>各设区市</span></p></td>
    <td><p>通过门户网站集中展示。</p></td></tr>
<tr><td><p><span lang="EN-US">2.</span><span>推动市县公开权力清单</span></p></td>
    <td><p><span>&nbsp;</span></p></td></tr>
<tr><td colspan="4"><p><b>二、推进政策解读</b></p></td></tr>
<tr><td><p>3.做好政策解读</p></td><td><p>省发改委</p><p>省商务厅</p></td>
    <td><p>各设区市、平潭综合实验区</p></td><td><p>每季度通报。</p></td></tr>
<tr><td><p>4.加强食品安全信息公开</p></td><td><p>省食品药品</p><p>监管局</p></td>
    <td><p><span>&nbsp;</span></p></td><td><p>及时公开。</p></td></tr>
<tr><td><p>5.推进监管执法信息公开</p></td><td><p>&nbsp;</p></td>
    <td><p>省直各相关部门，各设区市</p></td><td><p>依法公开。</p></td></tr>
</table>
</div>
<div class="footer">版权所有 网站标识码 联系我们（牵头单位：省页脚局）</div>
</body></html>
"""


@pytest.fixture
def page(write: Callable[..., Path]) -> Path:
    return write("fenjie.html", PAGE)


def test_table_rows_with_merged_cells(page: Path) -> None:
    result = imported(page)
    tasks = tasks_by_id(result)
    assert sorted(tasks) == ["1-1", "1-2", "2-3", "2-4", "2-5"]
    assert tasks["1-1"]["lead"] == ["省编办（省审改办）"]  # a name on two paragraphs, brackets glued on
    assert tasks["1-1"]["cooperate"] == ["省直各部门", "各设区市"]
    assert tasks["1-2"]["lead"] == ["省编办（省审改办）"]  # from the cell spanning two rows
    assert tasks["1-2"]["cooperate"] == ["省直各部门", "各设区市"]
    assert tasks["2-3"]["lead"] == ["省发改委", "省商务厅"]  # one lead per paragraph
    assert tasks["2-4"]["lead"] == ["省食品药品监管局"]  # one name broken over two paragraphs
    assert "cooperate" not in tasks["2-4"]
    assert tasks["2-5"]["lead"] == ["省直各相关部门", "各设区市"]
    assert [s["number"] for s in result.data["sections"]] == ["一", "二"]
    assert result.data["plan"]["title"] == "某省2016年政务公开工作主要任务分解表"


def test_navigation_scripts_and_footer_are_not_read(page: Path) -> None:
    names = {u["name"] for u in imported(page).data["units"]}
    assert not {"省脚本局", "省导航局", "省页脚局"} & names


def test_mhtml_reads_the_html_part(write: Callable[..., Path]) -> None:
    body = PAGE.replace('<meta charset="utf-8">', "").encode("gb18030")
    import base64

    mime = (
        b"MIME-Version: 1.0\r\nContent-Type: multipart/related; boundary=\"B\"\r\n\r\n--B\r\n"
        b"Content-Type: text/html; charset=\"gb18030\"\r\nContent-Transfer-Encoding: base64\r\n\r\n"
        + base64.encodebytes(body)
        + b"\r\n--B--\r\n"
    )
    path = write("fenjie.mhtml", "")
    path.write_bytes(mime)
    tasks = tasks_by_id(imported(path))
    assert tasks["2-3"]["lead"] == ["省发改委", "省商务厅"]


@pytest.mark.parametrize("encoding", ["utf-8", "gbk"])
def test_an_xhtml_page_with_an_xml_declaration(write: Callable[..., Path], encoding: str) -> None:
    # what some sites' content systems and Excel's "web page" save: the declaration names the encoding
    body = PAGE.replace("<!DOCTYPE html>", f'<?xml version="1.0" encoding="{encoding}"?>\n<!DOCTYPE html>').replace('<meta charset="utf-8">', "")
    path = write("fenjie.xhtml", body, encoding)
    tasks = tasks_by_id(imported(path))
    assert sorted(tasks) == ["1-1", "1-2", "2-3", "2-4", "2-5"]
    assert tasks["2-3"]["lead"] == ["省发改委", "省商务厅"]


def test_a_huge_span_is_refused_with_the_limit_named(write: Callable[..., Path]) -> None:
    rows = "".join(f"<tr><td>{i}.任务</td><td>省财政厅</td></tr>" for i in range(1, 50))
    html = f'<table><tr><td>工作任务</td><td>牵头单位</td></tr><tr><td colspan="100000" rowspan="100000">x</td></tr>{rows}</table>'
    with pytest.raises(ImportFailure) as info:
        imported(write("bomb.html", html), limits=Limits(cells=10_000))
    assert info.value.key == "import.err.limit"
    assert info.value.args_map["option"] == "--max-cells"


def test_an_empty_page_is_refused(write: Callable[..., Path]) -> None:
    with pytest.raises(ImportFailure) as info:
        imported(write("empty.html", "   "))
    assert info.value.key == "import.err.bad_html"
