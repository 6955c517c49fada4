"""Hostile and pathological input: what fuzzing found (issue 13), each case with its regression test.

Never a traceback, never a hang, never a line on the terminal that the input wrote, and a stated
bound on what the largest accepted input costs.
"""

from __future__ import annotations

import io
import json
import os
import random
import re
import stat
import subprocess
import sys
import threading
import time
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st
from rich.console import Console

from govdisclose_check import check_bytes, check_file, check_text, parse_text
from govdisclose_check.catalog import default_catalog
from govdisclose_check.cli import main
from govdisclose_check.document import Line
from govdisclose_check.engine.kinds.input import InputParams
from govdisclose_check.errors import InputProblem
from govdisclose_check.ingest import utf8_length
from govdisclose_check.model import CheckResult, Finding
from govdisclose_check.render.github import render_github
from govdisclose_check.render.gitlab import render_gitlab
from govdisclose_check.render.json import render_json
from govdisclose_check.render.jsonl import render_jsonl
from govdisclose_check.render.options import RenderOptions
from govdisclose_check.render.sarif import render_sarif
from govdisclose_check.render.text import render_text
from pdfgen import raw_pdf
from reportgen import random_report, render

ROOT = Path(__file__).resolve().parent.parent
ROW_NEW = "一、本年新收政府信息公开申请数量"
ROW_GRANTED = "（一）予以公开"
FINDING_LINE = re.compile(r"^\S.*:\d+:\d+: [A-Z]\d{3} \[")


@pytest.fixture(autouse=True)
def plain_console(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NO_COLOR", "1")
    monkeypatch.delenv("FORCE_COLOR", raising=False)
    monkeypatch.setenv("COLUMNS", "200")


def report_text(seed: int = 3) -> str:
    return render(random_report(random.Random(seed), "2021"), "tab")


def with_row(text: str, label: str, new: str) -> str:
    """`text` with the row that starts with `label` replaced by `new` (a whole line)."""
    lines = text.split("\n")
    (at,) = [i for i, line in enumerate(lines) if line.split("\t")[0] == label]
    lines[at] = new
    return "\n".join(lines)


def with_cell(text: str, label: str, index: int, value: str) -> str:
    line = next(line for line in text.split("\n") if line.split("\t")[0] == label)
    cells = line.split("\t")
    cells[index + 1] = value
    return with_row(text, label, "\t".join(cells))


def text_output(results: list[CheckResult]) -> str:
    out = io.StringIO()
    render_text(results, "zh", Console(file=out, width=200, force_terminal=False, no_color=True))
    return out.getvalue()


def findings_of(result: CheckResult, rule: str) -> list[Finding]:
    return [f for f in result.findings if f.rule == rule]


# ------------------------------------------------------------------ 1. sections


def test_a_late_section_coming_first_is_reported_not_raised() -> None:
    result = check_text("六、其他需要报告\n一、总体情况\n二、主动公开政府信息\n")
    (s102,) = findings_of(result, "S102")
    assert s102.section == "other"
    assert s102.message == "第六部分“其他需要报告的事项”出现在第一部分“总体情况”之前，应在其之后。"
    assert "comes before section 一" in s102.message_en


# ------------------------------------------------------------------ 2, 3. numbers too long


@pytest.mark.parametrize(
    "cell", ["9" * 4301, "-" + "9" * 4301, "1" + "0" * 900_000 + ".5", "9" * 25, "1" * 20 + "." + "5" * 5]
)
def test_a_number_too_long_to_be_a_count_is_an_unreadable_cell(cell: str) -> None:
    started = time.perf_counter()
    result = check_text(with_cell(report_text(), "规章", 2, cell))
    assert time.perf_counter() - started < 5  # a million digits once took quadratic time
    (t205,) = findings_of(result, "T205")
    assert (t205.row, t205.col, t205.actual) == ("rules", "in_force", cell)
    assert "无法识别的数字" in t205.message
    assert json.loads(render_json([result], "en"))["summary"]["errors"] >= 1
    assert "T205" in text_output([result])


def test_a_number_of_24_digits_is_still_read() -> None:
    report = parse_text(with_cell(report_text(), "规章", 2, "9" * 24))
    cell = report.tables["table2"].cell("rules", "in_force")
    assert cell is not None
    assert cell.value == 10**24 - 1


# ------------------------------------------------------------------ 4. positions in linear time


@given(st.lists(st.tuples(st.integers(0, 50), st.integers(1, 3)), max_size=30), st.integers(0, 60))
def test_column_agrees_with_walking_every_cut(cuts: list[tuple[int, int]], index: int) -> None:
    ordered = tuple(sorted(cuts))
    line = Line(1, "x" * 60, "x" * 200, ordered)
    shift = sum(length for at, length in ordered if at <= index)
    assert line.column(index) == index + shift + 1


def test_forty_thousand_invisible_characters_in_a_row_map_in_linear_time() -> None:
    row = ROW_NEW + "\t\u200b0" * 40_000
    text = with_row(report_text(), ROW_NEW, row)
    started = time.perf_counter()
    result = check_text(text)
    assert time.perf_counter() - started < 10  # was 50 s: every cell walked every earlier cut
    (t204,) = findings_of(result, "T204")
    assert (t204.row, t204.actual) == ("new", 40_000)
    # The last cell's end column counts the 40,000 invisible characters deleted before it.
    assert t204.location.end_column == len(row) + 1


# ------------------------------------------------------------------ 5, 6. what is not a regular file


def _check_in_thread(path: Path) -> list[CheckResult]:
    results: list[CheckResult] = []
    worker = threading.Thread(target=lambda: results.append(check_file(path)), daemon=True)
    worker.start()
    worker.join(timeout=10)
    if worker.is_alive():  # unblock the reader the old code left waiting, then fail
        os.close(os.open(path, os.O_WRONLY | os.O_NONBLOCK))
        worker.join(timeout=5)
        pytest.fail(f"check_file({path}) blocked on a FIFO")
    return results


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs here")
def test_a_fifo_is_refused_without_being_opened(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    fifo = tmp_path / "reports" / "pipe.txt"
    fifo.parent.mkdir()
    os.mkfifo(fifo)
    (result,) = _check_in_thread(fifo)
    (finding,) = result.findings
    assert (finding.rule, finding.message) == (
        "E001",
        "无法读取文件：不是普通文件（而是管道、设备或套接字）。",
    )
    # As an argument, and inside a scanned directory.
    for argument in (fifo, fifo.parent):
        assert main(["check", "--format", "json", str(argument)]) == 2
        (file,) = json.loads(capsys.readouterr().out)["files"]
        assert [f["rule"] for f in file["findings"]] == ["E001"]


@pytest.mark.skipif(not Path("/dev/zero").exists(), reason="no /dev/zero")
def test_a_device_is_refused() -> None:
    (finding,) = check_file("/dev/zero").findings
    assert finding.rule == "E001"
    assert "not a regular file" in finding.message_en


def test_a_path_that_cannot_be_looked_at_is_e001(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """A file below a directory the user may not enter: `stat` itself is denied."""
    hidden = str(tmp_path / "locked" / "report.txt")
    real_stat = os.stat

    def denied(path: Any, *args: Any, **kwargs: Any) -> os.stat_result:
        if os.fspath(path) == hidden:
            raise PermissionError(13, "Permission denied", hidden)
        return real_stat(path, *args, **kwargs)

    monkeypatch.setattr(os, "stat", denied)
    assert main(["check", hidden]) == 2
    out, err = capsys.readouterr()
    assert f"{hidden}:1:1: E001 [错误] 无法读取文件：没有读取权限。" in out
    assert "Traceback" not in err


def test_a_directory_that_cannot_be_listed_is_reported(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "open").mkdir()
    (tmp_path / "open" / "a.txt").write_text(report_text(), encoding="utf-8")
    locked = tmp_path / "locked"
    locked.mkdir()
    (locked / "b.txt").write_text(report_text(), encoding="utf-8")
    real_scandir = os.scandir

    def denied(path: Any = ".") -> Any:
        if os.fspath(path) == str(locked):
            raise PermissionError(13, "Permission denied", os.fspath(path))
        return real_scandir(path)

    monkeypatch.setattr(os, "scandir", denied)
    assert main(["check", "--format", "json", str(tmp_path)]) == 2
    files = {f["path"]: f["findings"] for f in json.loads(capsys.readouterr().out)["files"]}
    assert set(files) == {str(tmp_path / "open" / "a.txt"), str(locked)}
    (finding,) = files[str(locked)]
    assert finding["rule"] == "E001"
    assert finding["message"] == "无法读取文件：无法列出目录（没有读取权限）。"


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0, reason="permissions do not bind root")
def test_unreadable_directories_for_real(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    locked = tmp_path / "locked"
    (locked / "sub").mkdir(parents=True)
    (locked / "sub" / "b.txt").write_text(report_text(), encoding="utf-8")
    locked.chmod(0)
    try:
        assert main(["check", str(tmp_path), str(locked / "sub" / "b.txt")]) == 2
    finally:
        locked.chmod(stat.S_IRWXU)
    out = capsys.readouterr().out
    assert f"{locked}:1:1: E001" in out
    assert f"{locked / 'sub' / 'b.txt'}:1:1: E001" in out


# ------------------------------------------------------------------ 7. file names that are not UTF-8


def test_a_file_name_that_is_not_utf8(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    text = with_cell(report_text(), ROW_NEW, 1, "/")
    name = os.fsdecode(b"r\xff.txt")  # "r\udcff.txt"
    results = [check_bytes(text.encode(), name), check_bytes(text.encode(), os.fsdecode(b"r\xfe.txt"))]
    prints = [{f.fingerprint for f in r.findings} for r in results]
    assert prints[0]
    assert prints[0].isdisjoint(prints[1])
    assert all(len(p) == 20 for p in prints[0])
    assert "r\\xff.txt:" in text_output(results[:1])
    assert json.loads(render_json(results[:1], "zh"))["files"][0]["path"] == name
    if sys.platform.startswith("linux"):  # a real file of that name, through the command line
        Path(os.fsdecode(os.path.join(os.fsencode(tmp_path), b"r\xff.txt"))).write_bytes(text.encode())
        assert main(["check", str(tmp_path)]) == 1
        assert "r\\xff.txt:" in capsys.readouterr().out


# ------------------------------------------------------------------ 8. check_text


def test_check_text_with_a_lone_surrogate() -> None:
    text = with_cell(report_text(), ROW_NEW, 0, "1\ud800")
    result = check_text(text)
    (t205,) = findings_of(result, "T205")
    assert (t205.row, t205.col, t205.actual) == ("new", "natural_person", "1\ufffd")
    (same,) = findings_of(check_text(text.replace("\ud800", "\ufffd")), "T205")
    assert t205.location == same.location  # replaced one for one: columns do not move


def test_check_text_has_the_size_limit_of_bytes() -> None:
    params = default_catalog().rule("E005").p(InputParams)
    limit, chars = params.max_bytes, params.max_chars
    assert limit is not None
    assert chars is not None
    assert chars < limit
    (finding,) = check_text("年" * (chars + 1)).findings
    assert (finding.rule, finding.message) == (
        "E005",
        f"文件的文本有{chars + 1}个字符，超过上限{chars}个字符；年度报告的文本通常不超过10万个字符。",
    )
    lines = params.max_lines
    assert lines is not None
    (finding,) = check_text("一、总体情况\n" * lines + "x").findings
    assert finding.rule == "E005"
    assert f"{lines + 1} lines" in finding.message_en
    with pytest.raises(InputProblem) as raised:
        parse_text("x" * (chars + 1))
    assert raised.value.code == "E005"


def test_the_byte_limit_counts_utf8_bytes_without_encoding_the_whole() -> None:
    text = "年a\ud800" * 1000
    assert utf8_length(text, chunk=7) == len(text.encode("utf-8", "surrogatepass"))
    assert utf8_length(text, stop=10, chunk=4) < len(text.encode("utf-8", "surrogatepass"))


# ------------------------------------------------------------------ 9, 10. what reaches the terminal


def test_control_sequences_are_shown_escaped() -> None:
    text = with_cell(report_text(), ROW_NEW, 0, "\x1b[2J\x1b[H1")
    text = text.replace("一、总体情况", "一、总体情况\x9b\x1b]0;x\x07", 1)
    result = check_text(text, "x\x1b]0;pwn\x07\u009b.txt")
    out = text_output([result])
    assert not {"\x1b", "\x07", "\x9b"} & set(out)
    assert "“\\x1b[2J\\x1b[H1”" in out
    assert "x\\x1b]0;pwn\\x07\\x9b.txt:" in out


def test_json_escapes_line_separators_and_c1() -> None:
    name = "a\u2028\u2029\x85\u202e\x1b.txt"  # cells cannot hold them (they are spaces), names can
    result = check_text(with_cell(report_text(), ROW_NEW, 0, "/"), name)
    raw = render_json([result], "zh")
    assert not {"\u2028", "\u2029", "\x85", "\u202e", "\x1b"} & set(raw)
    assert '"path": "a\\u2028\\u2029\\u0085\\u202e\\u001b.txt"' in raw
    assert json.loads(raw)["files"][0]["path"] == name


def test_a_newline_in_a_file_name_cannot_forge_a_finding() -> None:
    text = with_cell(report_text(), ROW_NEW, 1, "/")
    result = check_text(text, "a.txt\nb.txt:1:1: T201 [错误] 伪造")
    lines = text_output([result]).splitlines()
    forged = [line for line in lines if FINDING_LINE.match(line)]
    assert len(forged) == len(result.findings)
    assert all(line.startswith("a.txt\\nb.txt:1:1: T201 [错误] 伪造:") for line in forged)


# ------------------------------------------------------------------ 11. streams that are not UTF-8


@pytest.mark.parametrize("encoding", ["ascii", "gbk"])
def test_output_to_a_stream_that_is_not_utf8(
    encoding: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "r.txt"
    path.write_text(with_cell(report_text(), ROW_NEW, 1, "😀"), encoding="utf-8")
    for fmt in ("text", "json"):
        buffer = io.BytesIO()
        stream = io.TextIOWrapper(buffer, encoding=encoding)
        monkeypatch.setattr(sys, "stdout", stream)
        assert main(["check", "--format", fmt, str(path)]) == 1
        stream.flush()
        out = buffer.getvalue().decode(encoding)
        if fmt == "json":  # escaped, not replaced: nothing is lost
            (t205,) = [f for f in json.loads(out)["files"][0]["findings"] if f["rule"] == "T205"]
            assert t205["actual"] == "😀"
        else:
            assert "?" in out  # the emoji (and in ASCII every Chinese character) replaced
            assert ("T205 [错误]" in out) == (encoding == "gbk")


# ------------------------------------------------------------------ 12, 13. repeated rows, cost


def test_a_repeated_row_says_so_and_fingerprints_are_unique() -> None:
    text = report_text()
    row = next(line for line in text.split("\n") if line.startswith(ROW_GRANTED))
    result = check_text(with_row(text, ROW_GRANTED, "\n".join([row] * 3)))
    t203 = findings_of(result, "T203")
    assert [f.row for f in t203] == ["granted", "granted"]
    assert t203[0].message == (
        "表三中“(一)予以公开”一行重复出现（带有7个数值）；格式中这一行只有一行，重复的一行不参与核算。"
    )
    prints = [f.fingerprint for f in result.findings]
    assert len(set(prints)) == len(prints)
    # The first keeps the plain fingerprint: the same as when the row is repeated once.
    once = check_text(with_row(text, ROW_GRANTED, "\n".join([row] * 2)))
    assert findings_of(once, "T203")[0].fingerprint == t203[0].fingerprint


def test_findings_are_capped_per_rule_and_file() -> None:
    cap = default_catalog().limits.max_findings_per_rule
    text = report_text()
    row = next(line for line in text.split("\n") if line.startswith(ROW_GRANTED))
    result = check_text(with_row(text, ROW_GRANTED, "\n".join([row] * (cap + 51))))
    t203 = findings_of(result, "T203")
    assert len(t203) == cap + 1
    summary = t203[-1]
    assert summary.actual == 50
    assert summary.message == f"另有50处T203问题未逐一列出（每个文件每条规则最多列出{cap}处），第一处在此。"
    last_listed = t203[-2].location.line
    assert last_listed is not None
    assert summary.location.line == last_listed + 1
    assert len({f.fingerprint for f in result.findings}) == len(result.findings)


def test_a_real_report_never_reaches_the_cap() -> None:
    """Every cell of every table blank: one T205 per cell, all listed."""
    cap = default_catalog().limits.max_findings_per_rule
    text = re.sub(r"(?m)(?<=\t)\d+(?:\.\d+)?(?=\t|$)", "/", report_text())
    t205 = findings_of(check_text(text), "T205")
    assert cap >= len(t205) > 150
    assert all(f.actual == "/" for f in t205)


WORST_CASE = r"""
import random, resource, sys, time
sys.path.insert(0, sys.argv[1])
from reportgen import random_report, render
from govdisclose_check import check_bytes
from govdisclose_check.render.json import render_json
base = render(random_report(random.Random(1), "2021"))
row = next(line for line in base.split("\n") if line.startswith(sys.argv[2]))
room = 999_000 - len(base)
text = base.replace(row, row + sys.argv[3] * (room // len(sys.argv[3])), 1)
started = time.perf_counter()
result = check_bytes(text.encode("utf-8"), "big.txt")
render_json([result], "zh")
print(time.perf_counter() - started, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss,
      len(text), sorted({f.rule for f in result.findings}))
"""


@pytest.mark.skipif(sys.platform == "win32", reason="resource is POSIX only")
def test_the_largest_accepted_text_has_bounded_cost() -> None:
    """docs/limits.md: the costliest text found (a table row repeated to the character limit)
    is checked in well under 30 s and 600 MB."""
    code = subprocess.run(
        [sys.executable, "-c", WORST_CASE, str(ROOT / "tests"), ROW_GRANTED, "\n" + ROW_GRANTED + "\t1" * 7],
        capture_output=True,
        text=True,
        check=True,
        env={**os.environ, "PYTHONPATH": str(ROOT / "src")},
    )
    seconds, max_rss_kb, size, rules = code.stdout.split(" ", 3)
    assert int(size) > 900_000
    assert "T203" in rules
    assert float(seconds) < 30
    assert int(max_rss_kb) < 600_000


def test_everything_below_a_locked_directory_is_e001(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """Not only the file: the configuration file looked for beside it, and its sidecar of
    acceptances, are below the directory too; neither may raise."""
    locked = tmp_path / "locked"
    (locked / "sub").mkdir(parents=True)
    report = locked / "sub" / "b.txt"
    report.write_text(report_text(), encoding="utf-8")
    real_stat = os.stat

    def denied(path: Any, *args: Any, **kwargs: Any) -> os.stat_result:
        if os.fspath(path).startswith(str(locked) + os.sep):
            raise PermissionError(13, "Permission denied", os.fspath(path))
        return real_stat(path, *args, **kwargs)

    monkeypatch.setattr(os, "stat", denied)
    assert main(["check", "--format", "json", str(report)]) == 2
    out, err = capsys.readouterr()
    ((finding,),) = [f["findings"] for f in json.loads(out)["files"]]
    assert (finding["rule"], finding["message"]) == ("E001", "无法读取文件：没有读取权限。")
    assert "internal error" not in err


# ------------------------------------------------------------------ the CI renderers


def _ci_outputs(result: CheckResult) -> dict[str, str]:
    options = RenderOptions(default_catalog(), "zh")
    return {
        "jsonl": render_jsonl([result], "zh"),
        "sarif": render_sarif([result], options),
        "gitlab": render_gitlab([result], options),
        "github": render_github([result], options),
    }


def test_a_file_name_that_is_not_utf8_in_sarif_and_gitlab() -> None:
    """Found by the fuzzer: the SARIF artifact URI and the GitLab fingerprint encoded the name as
    UTF-8 and raised on its undecodable bytes."""
    text = with_cell(report_text(), ROW_NEW, 1, "/")
    name = os.fsdecode(b"/reports/r\xff.txt")
    outputs = _ci_outputs(check_bytes(text.encode(), name))
    uris = {
        r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
        for r in json.loads(outputs["sarif"])["runs"][0]["results"]
    }
    assert uris == {"file:///reports/r%FF.txt"}
    issues = json.loads(outputs["gitlab"])
    assert len({i["fingerprint"] for i in issues}) == len(issues) > 0
    other = json.loads(_ci_outputs(check_bytes(text.encode(), os.fsdecode(b"/reports/r\xfe.txt")))["gitlab"])
    assert {i["fingerprint"] for i in issues}.isdisjoint(i["fingerprint"] for i in other)


def test_the_ci_renderers_escape_what_acts_on_a_terminal() -> None:
    text = with_cell(report_text(), ROW_NEW, 0, "\x1b[2J1")
    result = check_text(text, "a\u2028\x85\x1b]0;x\x07.txt")
    outputs = _ci_outputs(result)
    for fmt in ("jsonl", "sarif", "gitlab"):
        assert not {"\u2028", "\x85", "\x1b", "\x07"} & set(outputs[fmt]), fmt
    for line in outputs["jsonl"].splitlines():
        assert json.loads(line)["path"] == result.path
    github = outputs["github"]
    assert not {"\u2028", "\x85", "\x1b", "\x07"} & set(github)
    assert all(line.startswith("::") for line in github.splitlines())
    assert "“\\x1b[2J1”" in github


def test_junit_and_sarif_to_a_stream_that_is_not_utf8(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "r.txt"
    path.write_text(with_cell(report_text(), ROW_NEW, 1, "😀"), encoding="utf-8")
    for fmt in ("junit", "sarif", "jsonl", "gitlab"):
        buffer = io.BytesIO()
        stream = io.TextIOWrapper(buffer, encoding="ascii")
        monkeypatch.setattr(sys, "stdout", stream)
        assert main(["check", "--quiet", "--format", fmt, str(path)]) == 1
        stream.flush()
        out = buffer.getvalue().decode("ascii")
        assert "?" not in out.replace('<?xml version="1.0" encoding="UTF-8"?>', ""), fmt
        if fmt == "junit":
            assert "😀" in ET.tostring(ET.fromstring(out), encoding="unicode")
        elif fmt == "jsonl":
            assert any(json.loads(line)["actual"] == "😀" for line in out.splitlines())
        else:
            assert "😀" in json.dumps(json.loads(out), ensure_ascii=False)


# ------------------------------------------------------------------ found in the PDF reader


def test_a_pdf_page_box_that_is_not_numbers_is_e008() -> None:
    """Found by the fuzzer: pdfplumber raised its own MalformedPDFException, while closing the
    file, for a MediaBox holding a name."""
    data = b"%PDF-\n4 0 obj<</Type/Page/MediaBox[0 0$5 2]/ 0>>xref\ntrailer<<e 5/Root 1 0R>>startxref\n"
    (finding,) = check_bytes(data, "a.pdf").findings
    assert finding.rule == "E008"
    assert "MalformedPDFException" in finding.message_en


def test_a_pdf_past_the_page_bound_is_refused_without_building_its_pages() -> None:
    """pdfplumber's close() built every page of the file: 20,000 pages took 6 s to refuse."""
    data = raw_pdf([b"BT ET"] * 20_000, compress=False)
    started = time.perf_counter()
    (finding,) = check_bytes(data, "a.pdf").findings
    assert finding.rule == "E009"
    assert time.perf_counter() - started < 3
