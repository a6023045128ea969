""".doc and .wps through LibreOffice, with a stand-in ``soffice`` first on PATH, and with the real one.

The stand-in does what ``soffice --headless --convert-to docx --outdir DIR FILE`` does: it writes
DIR/FILE-stem.docx (made with python-docx). It records its arguments, and can instead fail,
write nothing, hang, or ask once to be started again. These tests run everywhere.

The tests marked ``office`` convert a real Word 97 file (fixtures/nanhu-2021-plan.doc, written by
fixtures/make_doc.py) with the real LibreOffice. In CI (env CI set) they always run;
.ci/system-deps installs LibreOffice. Elsewhere they are skipped only when soffice is not on PATH,
and say so.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import shutil
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from gongkai.importer import ImportFailure, ImportResult
from gongkai.importer.readers import legacy

from ..support import IMPORTER_FIXTURES, Run
from .builders import word_plan
from .common import imported

CONVERTER = r'''
import json, os, subprocess, sys, time
from pathlib import Path

args = sys.argv[1:]
log = Path(os.environ["FAKE_SOFFICE_LOG"])
log.write_text(json.dumps(args), encoding="utf-8")
mode = os.environ.get("FAKE_SOFFICE_MODE", "convert")
if mode == "fail":
    print("convert /tmp/plan.doc -> docx using filter : MS Word 2007 XML")
    print("Error: source file could not be loaded", file=sys.stderr)
    sys.exit(1)
if mode == "restart" and not log.with_suffix(".started").exists():
    log.with_suffix(".started").write_text("", encoding="utf-8")
    sys.exit(81)  # what soffice does when it wants to be started again after making a new profile
if mode == "hang":
    helper = subprocess.Popen(["sleep", "60"])  # soffice.bin, started by the soffice script
    log.with_suffix(".pids").write_text(f"{os.getpid()} {helper.pid}", encoding="utf-8")
    time.sleep(60)
if mode in ("convert", "restart"):
    import docx

    doc = docx.Document()
    doc.add_paragraph("西河县人民政府办公室")
    doc.add_paragraph("西河县2023年政务公开工作实施方案")
    doc.add_paragraph("一、推进决策公开")
    doc.add_paragraph("1.推进重大决策预公开。重大决策草案向社会公开征求意见。（牵头单位：县司法局；配合单位：县直各单位）")
    doc.add_paragraph("2.做好政策解读。2023年6月底前完成。（县政府办公室、县融媒体中心负责）")
    outdir = Path(args[args.index("--outdir") + 1])
    doc.save(str(outdir / (Path(args[-1]).stem + ".docx")))
'''


@pytest.fixture
def soffice(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Put the stand-in first on PATH; return the file where it records its arguments."""
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    script = bin_dir / "fake_soffice.py"
    script.write_text(CONVERTER, encoding="utf-8")
    wrapper = bin_dir / "soffice"
    wrapper.write_text(f'#!/bin/sh\nexec "{sys.executable}" "{script}" "$@"\n', encoding="utf-8")
    wrapper.chmod(0o755)
    log = tmp_path / "soffice.json"
    monkeypatch.setenv("PATH", f"{bin_dir}{os.pathsep}{os.environ.get('PATH', '')}")
    monkeypatch.setenv("FAKE_SOFFICE_LOG", str(log))
    return log


def _plan(tmp_path: Path, suffix: str) -> Path:
    path = tmp_path / "docs" / f"西河县方案{suffix}"
    path.parent.mkdir()
    path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 504)
    return path


def _outdir(log: Path) -> Path:
    args = json.loads(log.read_text(encoding="utf-8"))
    return Path(args[args.index("--outdir") + 1])


@pytest.mark.parametrize("suffix", [".doc", ".wps"])
def test_an_old_word_file_is_converted_and_read(soffice: Path, tmp_path: Path, suffix: str) -> None:
    path = _plan(tmp_path, suffix)
    result = imported(path)
    assert result.kind == suffix.lstrip(".")
    got = [(t["id"], t["title"], t["text"], t["lead"], t.get("cooperate", []), t.get("due")) for t in result.data["tasks"]]
    assert got == [
        ("1-1", "推进重大决策预公开", "重大决策草案向社会公开征求意见。", ["县司法局"], ["县直各单位"], None),
        ("1-2", "做好政策解读", "2023年6月底前完成。", ["县政府办公室", "县融媒体中心"], [], dt.date(2023, 6, 30)),
    ]
    assert result.data["tasks"][0]["source"] == {"file": path.name, "line": 4}
    # the arguments soffice is given: headless, a profile of its own, docx into a temporary folder
    args = json.loads(soffice.read_text(encoding="utf-8"))
    outdir = Path(args[5])
    assert args[0] == "--headless"
    assert args[1] == f"-env:UserInstallation={(outdir.parent / 'profile').as_uri()}"
    assert args[2:5] == ["--convert-to", "docx", "--outdir"]
    assert outdir.name == "out" and outdir.parent.name.startswith("gongkai-convert-")
    assert args[6:] == [str(path.resolve())]
    assert not outdir.parent.exists()  # the temporary folder is gone


def test_import_of_a_doc_through_the_command(run: Run, soffice: Path, tmp_path: Path) -> None:
    out = tmp_path / "tasks.yaml"
    result = run("import", _plan(tmp_path, ".doc"), "-o", out, "--lang", "en")
    assert result.exit_code == 0, result.stderr
    assert "1 sections, 2 clauses" in result.stdout
    assert out.exists() and not _outdir(soffice).parent.exists()


def test_a_converter_that_fails(run: Run, soffice: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("FAKE_SOFFICE_MODE", "fail")
    result = run("import", _plan(tmp_path, ".doc"), "-o", tmp_path / "tasks.yaml", "--lang", "en")
    assert result.exit_code == 2
    assert result.stderr == (
        "error: LibreOffice could not convert the .doc file (exit code 1: Error: source file could not be loaded): "
        "it may be damaged or password-protected; save it as .docx in WPS, Word or Excel (Save As) and import that.\n"
    )
    assert not _outdir(soffice).parent.exists() and not (tmp_path / "tasks.yaml").exists()


def test_a_converter_that_writes_nothing(run: Run, soffice: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("FAKE_SOFFICE_MODE", "nothing")
    result = run("import", _plan(tmp_path, ".wps"), "-o", tmp_path / "tasks.yaml")
    assert result.exit_code == 2
    assert result.stderr == "错误: LibreOffice 运行结束，但没有把 .wps 文件转换为 .docx：文件可能已损坏或有密码；请在 WPS/Word/Excel 中“另存为” .docx 后导入。\n"
    assert not _outdir(soffice).parent.exists()


def test_a_converter_that_hangs_is_stopped(run: Run, soffice: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("FAKE_SOFFICE_MODE", "hang")
    monkeypatch.setattr(legacy, "CONVERT_SECONDS", 1)
    started = time.monotonic()
    result = run("import", _plan(tmp_path, ".doc"), "-o", tmp_path / "tasks.yaml", "--lang", "en")
    assert time.monotonic() - started < 20
    assert result.exit_code == 2
    assert result.stderr == (
        "error: LibreOffice did not convert the .doc file within 1 seconds and was stopped: "
        "save it as .docx in WPS, Word or Excel (Save As) and import that.\n"
    )
    assert not _outdir(soffice).parent.exists()
    # the converter and the helper it started are both stopped
    for pid in map(int, soffice.with_suffix(".pids").read_text(encoding="utf-8").split()):
        assert not _running(pid)


def _running(pid: int) -> bool:
    """Whether ``pid`` is alive; a killed process waiting to be reaped by init counts as stopped."""
    for _ in range(50):
        try:
            state = Path(f"/proc/{pid}/stat").read_text(encoding="utf-8").rsplit(")", 1)[1].split()[0]
        except (FileNotFoundError, ProcessLookupError):
            return False
        if state in ("Z", "X"):
            return False
        time.sleep(0.1)
    return True


@pytest.mark.parametrize(
    ("content", "detail"),
    [(b"\xd0\xcf\x11\xe0", "4 bytes"), (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 100, "108 bytes"), (bytes(range(256)) * 4, "no Word header")],
)
def test_a_damaged_word_file_is_refused_before_libreoffice_reads_it_as_text(soffice: Path, tmp_path: Path, content: bytes, detail: str) -> None:
    path = tmp_path / "plan.doc"
    path.write_bytes(content)
    with pytest.raises(ImportFailure) as info:
        imported(path)
    assert info.value.key == "import.err.bad_doc" and info.value.args_map == {"suffix": ".doc", "detail": detail}
    assert not soffice.exists()  # LibreOffice was not started


def test_text_under_a_doc_name_is_left_to_libreoffice(soffice: Path, tmp_path: Path) -> None:
    path = tmp_path / "plan.doc"
    path.write_text("一、任务\n1. 甲事项。（牵头单位：县财政局）\n", encoding="utf-8")
    imported(path)
    assert json.loads(soffice.read_text(encoding="utf-8"))[-1] == str(path.resolve())


def test_a_converter_that_asks_to_be_started_again(soffice: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("FAKE_SOFFICE_MODE", "restart")
    result = imported(_plan(tmp_path, ".doc"))
    assert [t["lead"] for t in result.data["tasks"]] == [["县司法局"], ["县政府办公室", "县融媒体中心"]]
    assert soffice.with_suffix(".started").exists() and not _outdir(soffice).parent.exists()


def test_a_converter_that_cannot_start(soffice: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, run: Run) -> None:
    monkeypatch.setenv("PATH", str(soffice.parent / "bin"))  # no real LibreOffice to fall back on
    (soffice.parent / "bin" / "soffice").chmod(0o644)  # not executable: the search goes on to libreoffice
    broken = soffice.parent / "bin" / "libreoffice"
    broken.write_text("#!/nonexistent/interpreter\n", encoding="utf-8")
    broken.chmod(0o755)
    result = run("import", _plan(tmp_path, ".doc"), "-o", tmp_path / "tasks.yaml", "--lang", "en")
    assert result.exit_code == 2
    assert result.stderr.startswith(f"error: cannot start LibreOffice ({broken}: ")
    assert result.stderr.endswith("check the LibreOffice installation, or save the file as .docx in WPS, Word or Excel (Save As) and import that.\n")


def _office_missing_reason() -> str | None:
    if shutil.which("soffice") or os.environ.get("CI"):
        return None
    return "LibreOffice is not installed (apt-get install libreoffice-writer-nogui; .ci/system-deps does it in CI)"


office = pytest.mark.skipif(_office_missing_reason() is not None, reason=_office_missing_reason() or "")
OLD_WORD = IMPORTER_FIXTURES / "nanhu-2021-plan.doc"


def _tasks(result: ImportResult) -> list[dict[str, object]]:
    return [{k: v for k, v in t.items() if k != "source"} | {"line": t["source"].get("line")} for t in result.data["tasks"]]


@office
@pytest.mark.office
@pytest.mark.parametrize("suffix", [".doc", ".wps"])
def test_a_real_word_97_file_through_libreoffice(tmp_path: Path, suffix: str) -> None:
    """The Word plan saved as .doc by LibreOffice reads back as the .docx it was made from."""
    path = tmp_path / f"南湖区 方案{suffix}"  # a Chinese name with a space
    shutil.copyfile(OLD_WORD, path)
    result = imported(path)
    assert result.kind == suffix.lstrip(".")
    assert _tasks(result) == _tasks(imported(word_plan(tmp_path / "nanhu.docx")))
    assert [t["lead"] for t in result.data["tasks"]][:2] == [["区财政局"], ["区审计局"]]


@office
@pytest.mark.office
def test_real_libreoffice_runs_side_by_side_without_a_home(run: Run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Two imports at once, HOME pointing nowhere: each LibreOffice has a profile of its own in its
    temporary folder, prints nothing to the terminal, and leaves no folder behind."""
    monkeypatch.setenv("HOME", str(tmp_path / "no-home"))
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))  # where the temporary folders go
    plans = []
    for k in range(2):
        plans.append(tmp_path / f"plan{k}.doc")
        shutil.copyfile(OLD_WORD, plans[-1])
    with ThreadPoolExecutor(2) as pool:
        results = list(pool.map(imported, plans))
    assert [len(r.data["tasks"]) for r in results] == [len(results[0].data["tasks"])] * 2 and results[0].data["tasks"]
    out = tmp_path / "tasks.yaml"
    result = run("import", plans[0], "-o", out, "--lang", "en")
    assert result.exit_code == 0, result.stderr
    assert result.stderr == "" and "Warning" not in result.stdout and "javaldx" not in result.stdout
    assert out.exists() and not list(tmp_path.glob("gongkai-convert-*"))
