"""Legacy Word (DOC), WPS and RTF through LibreOffice.

The conversion itself is tested with the real LibreOffice where it is installed (not in CI), on a
committed DOC made by scripts/make_legacy_fixture.py. Everything around it (the command, the private
temporary directory, the time limit, a failed conversion, no LibreOffice at all) is tested everywhere
with a stand-in `soffice` script.
"""

from __future__ import annotations

import json
import os
import shutil
import stat
import sys
import tempfile
import time
from pathlib import Path

import pytest

from conftest import ROOT
from docxgen import legacy_fixture_report, render_docx, text_of
from govdisclose_check import CheckResult, check_bytes, check_file, check_text
from govdisclose_check.ingest import legacy

FIXTURE = ROOT / "tests" / "fixtures" / "docx" / "report.doc"
SOFFICE = shutil.which("soffice")
needs_soffice = pytest.mark.skipif(
    SOFFICE is None, reason="LibreOffice (soffice) is not installed: apt install libreoffice-writer"
)
RTF = rb"{\rtf1\ansi{\fonttbl{\f0 SimSun;}}\f0 \u19968?\u12289?\u24635?\u20307?\u24773?\u20917?\par 2021\par}"


def keys(result: CheckResult) -> list[tuple[str, str | None, str | None, str | None]]:
    return sorted((f.rule, f.table, f.row, f.col) for f in result.findings)


def only(result: CheckResult) -> tuple[str, str, str]:
    assert len(result.findings) == 1, [f.rule for f in result.findings]
    finding = result.findings[0]
    return finding.rule, finding.message, finding.message_en


# ------------------------------------------------------------------ no LibreOffice


@pytest.mark.parametrize(
    ("data", "name", "format_en"),
    [
        (FIXTURE.read_bytes(), "report.doc", "legacy Word (DOC)"),
        (FIXTURE.read_bytes(), "report.wps", "WPS"),
        (RTF, "report.rtf", "RTF"),
    ],
    ids=["doc", "wps", "rtf"],
)
def test_without_libreoffice_says_what_to_install(
    monkeypatch: pytest.MonkeyPatch, data: bytes, name: str, format_en: str
) -> None:
    monkeypatch.setattr(shutil, "which", lambda _name: None)
    rule, zh, en = only(check_bytes(data, name))
    assert rule == "E006"
    assert "apt install libreoffice-writer" in zh
    assert "LibreOffice" in zh
    assert en.startswith(f"Cannot check a {format_en} file")
    assert "apt install libreoffice-writer" in en


# ------------------------------------------------------------------ a stand-in soffice

STAND_IN = """#!{python}
import json, os, shutil, subprocess, sys, time
args = sys.argv[1:]
with open(os.environ["STAND_IN_LOG"], "w") as log:
    json.dump(args, log)
mode = os.environ["STAND_IN_MODE"]
if mode == "slow":
    child = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)"])
    with open(os.environ["STAND_IN_LOG"] + ".child", "w") as out:
        out.write(str(child.pid))
    time.sleep(60)
elif mode == "fail":
    sys.stderr.write("Error: source file could not be loaded\\n")
    sys.exit(1)
else:
    outdir = args[args.index("--outdir") + 1]
    os.makedirs(outdir, exist_ok=True)
    stem = os.path.splitext(os.path.basename(args[-1]))[0]
    shutil.copyfile(os.environ["STAND_IN_DOCX"], os.path.join(outdir, stem + ".docx"))
"""


@pytest.fixture
def stand_in(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A fake soffice on PATH for the reader, and a temporary directory of our own to watch."""
    program = tmp_path / "bin" / "soffice"
    program.parent.mkdir()
    program.write_text(STAND_IN.format(python=sys.executable), encoding="utf-8")
    program.chmod(program.stat().st_mode | stat.S_IXUSR)
    monkeypatch.setattr(shutil, "which", lambda name: str(program) if name == "soffice" else None)
    temp = tmp_path / "temp"
    temp.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(temp))
    monkeypatch.setenv("STAND_IN_LOG", str(tmp_path / "args.json"))
    converted = tmp_path / "converted.docx"
    converted.write_bytes(render_docx(legacy_fixture_report()))
    monkeypatch.setenv("STAND_IN_DOCX", str(converted))
    return tmp_path


def test_the_conversion_runs_in_a_private_temporary_directory(
    stand_in: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("STAND_IN_MODE", "convert")
    inputs = stand_in / "inputs"
    inputs.mkdir()
    source = inputs / "report.doc"
    source.write_bytes(FIXTURE.read_bytes())
    result = check_file(source)
    assert keys(result) == keys(check_text(text_of(legacy_fixture_report()), "r.txt"))
    assert keys(result)  # the fixture report has two arithmetic errors
    args = json.loads((stand_in / "args.json").read_text(encoding="utf-8"))
    work = Path(args[-1]).parent
    assert work.parent == stand_in / "temp"  # the input was copied into a temporary directory
    assert args[args.index("--convert-to") + 1] == "docx"
    assert "--headless" in args
    assert f"-env:UserInstallation={(work / 'profile').as_uri()}" in args  # a profile of its own
    assert Path(args[args.index("--outdir") + 1]).parent == work
    assert list((stand_in / "temp").iterdir()) == []  # removed afterwards
    assert [p.name for p in inputs.iterdir()] == ["report.doc"]  # nothing written next to the input


def test_a_conversion_over_the_time_limit_is_stopped(stand_in: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("STAND_IN_MODE", "slow")
    monkeypatch.setattr(legacy, "TIMEOUT", 1.5)
    started = time.monotonic()
    rule, zh, en = only(check_bytes(FIXTURE.read_bytes(), "report.doc"))
    assert time.monotonic() - started < 15
    assert rule == "E009"
    assert "1.5 s" in en
    assert "1.5秒" in zh
    assert list((stand_in / "temp").iterdir()) == []
    child = int((stand_in / "args.json.child").read_text(encoding="utf-8"))
    for _ in range(50):  # the whole process group was killed, the stand-in's own child too
        if not _alive(child):
            break
        time.sleep(0.1)
    assert not _alive(child)


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    status = Path(f"/proc/{pid}/stat")
    return not (status.exists() and status.read_text().split(")")[-1].split()[0] == "Z")


def test_a_failed_conversion_is_damaged(stand_in: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("STAND_IN_MODE", "fail")
    rule, _, en = only(check_bytes(FIXTURE.read_bytes(), "report.doc"))
    assert rule == "E008"
    assert "source file could not be loaded" in en
    assert list((stand_in / "temp").iterdir()) == []


# ------------------------------------------------------------------ the real LibreOffice


@needs_soffice
def test_a_doc_gives_the_findings_of_its_text(tmp_path: Path) -> None:
    source = tmp_path / "report.doc"
    source.write_bytes(FIXTURE.read_bytes())
    result = check_file(source)
    assert keys(result) == keys(check_text(text_of(legacy_fixture_report()), "r.txt"))
    assert {f.location.source_table for f in result.findings} == {2}
    assert [p.name for p in tmp_path.iterdir()] == ["report.doc"]


@needs_soffice
def test_an_rtf_is_read() -> None:
    document = legacy.read(RTF, "report.rtf")
    assert [b.text for b in document.lines] == ["一、总体情况", "2021"]
