"""Batch runs: `-j N` gives byte for byte what `-j 1` gives, in every format, with acceptances,
baselines, severity overrides and unused acceptances (C590); `--files-from`; the JSON document
written piece by piece is the document; memory stays flat over thousands of files."""

from __future__ import annotations

import io
import json
import pickle
import random
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import EXAMPLES, ROOT
from govdisclose_check.api import check_bytes, check_file, check_text
from govdisclose_check.batch import AUTO_MIN_FILES, RunOptions, Task, check_task, chunk_size, workers
from govdisclose_check.catalog import default_catalog
from govdisclose_check.cli import main
from govdisclose_check.engine import sort_key
from govdisclose_check.model import CheckResult
from govdisclose_check.render.json import json_closing, json_file, json_opening, render_json
from govdisclose_check.tally import Tally
from reportgen import LAYOUTS, random_report, render

FORMATS = ("text", "json", "jsonl", "sarif", "github", "gitlab", "junit")


@pytest.fixture(autouse=True)
def plain(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NO_COLOR", "1")
    monkeypatch.delenv("FORCE_COLOR", raising=False)
    monkeypatch.setenv("COLUMNS", "200")


def corpus(root: Path) -> Path:
    """Consistent and defective reports in every text layout, both formats, an unreadable file, a
    sidecar acceptance, and a configuration with a severity override and an unused acceptance."""
    reports = root / "reports"
    reports.mkdir()
    for i in range(12):
        template = "2019" if i % 4 == 3 else "2021"
        report = random_report(random.Random(i), template)
        if i % 3 == 1:
            report.table3["new"]["natural_person"] = int(report.table3["new"]["natural_person"]) + 1
        text = render(report, LAYOUTS[i % len(LAYOUTS)])
        if i % 5 == 2:  # a row left out: a shape finding, and identities not assessable
            text = "\n".join(line for line in text.splitlines() if "结转下年度" not in line)
        (reports / f"r{i:02}.txt").write_text(text, encoding="utf-8")
    (reports / "broken.txt").write_bytes(b"\x00\x01\x02 not a report")
    (reports / "r01.txt.gdc.toml").write_text(
        '[[accept]]\nrule = "A303"\nreason = "corrected in the published version"\n', encoding="utf-8"
    )
    (root / "govdisclose-check.toml").write_text(
        textwrap.dedent(
            """
            severity = { A300 = "warning" }
            [[accept]]
            files = ["reports/r0*.txt"]
            rule = "C502"
            reason = "never happens: reported as unused (C590)"
            """
        ),
        encoding="utf-8",
    )
    return reports


def output(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str]:
    code = main(["check", "-q", *argv])
    return code, capsys.readouterr().out


@pytest.mark.parametrize("fmt", FORMATS)
def test_two_processes_write_what_one_writes(
    fmt: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    reports = corpus(tmp_path)
    argv = ["--format", fmt, "--fail-on", "warning", "--config", str(tmp_path / "govdisclose-check.toml")]
    one = output(capsys, "-j", "1", *argv, str(reports), str(EXAMPLES))
    two = output(capsys, "-j", "2", *argv, str(reports), str(EXAMPLES))
    assert one == two
    assert one[0] == 2  # the unreadable file
    if fmt == "json":
        document = json.loads(one[1])
        paths = [f["path"] for f in document["files"]]
        assert paths[:13] == sorted(str(p) for p in reports.glob("*.txt"))  # input order
        rules = {f["rule"] for file in document["files"] for f in file["findings"]}
        assert {"C590", "A303", "A300"} <= rules
        assert any(rule.startswith("E") for rule in rules)
        accepted = [f for file in document["files"] for f in file["findings"] if f["suppressed"]]
        assert accepted
        assert all(f["suppression_kind"] == "sidecar" for f in accepted)


def test_two_processes_write_the_same_baseline_and_show_the_same_fixes(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    reports = corpus(tmp_path)
    written = []
    for jobs in ("1", "2"):
        baseline = tmp_path / f"baseline-{jobs}.json"
        main(["check", "-j", jobs, "--write-baseline", str(baseline), str(reports)])
        written.append(baseline.read_text(encoding="utf-8"))
        capsys.readouterr()
    assert written[0] == written[1]
    assert json.loads(written[0])["findings"]
    fixes = [output(capsys, "-j", jobs, "--show-fixes", str(reports)) for jobs in ("1", "2")]
    assert fixes[0] == fixes[1]
    assert "建议修改" in fixes[0][1]
    again = [
        output(
            capsys,
            "-j",
            jobs,
            "--baseline",
            str(tmp_path / "baseline-1.json"),
            "--format",
            "json",
            str(reports),
        )
        for jobs in ("1", "2")
    ]
    assert again[0] == again[1]
    assert all(
        f["suppressed"]
        for file in json.loads(again[0][1])["files"]
        for f in file["findings"]
        if f["rule"] != "C590"
    )


def test_files_from_a_list_and_from_standard_input(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    examples = sorted(str(p) for p in EXAMPLES.glob("*.txt"))
    listing = tmp_path / "list.txt"
    listing.write_text("\n".join([examples[2], "", examples[0], "  "]) + "\n", encoding="utf-8")
    code, out = output(capsys, "--format", "json", "--files-from", str(listing))
    assert code == 1
    assert [f["path"] for f in json.loads(out)["files"]] == [examples[2], examples[0]]
    monkeypatch.setattr(sys, "stdin", io.StringIO(examples[4] + "\n"))
    code, out = output(capsys, "--format", "json", "--files-from", "-", examples[1])
    assert [f["path"] for f in json.loads(out)["files"]] == [examples[1], examples[4]]


def test_a_missing_file_list_is_a_usage_error(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code = main(["check", "--files-from", str(tmp_path / "nothing.txt")])
    assert code == 2
    assert "cannot read the file list" in capsys.readouterr().err


@pytest.mark.parametrize("argv", [["-j", "0"], ["-j", "two"]])
def test_jobs_must_be_positive(argv: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as raised:
        main(["check", *argv, str(EXAMPLES)])
    assert raised.value.code == 2
    assert "positive" in capsys.readouterr().err


def test_how_many_workers() -> None:
    assert workers(None, AUTO_MIN_FILES - 1) == 1  # a few files: not worth a pool
    assert workers(None, 1000) >= 1
    assert workers(4, 2) == 2
    assert workers(1, 1000) == 1
    assert chunk_size(10_000, 2) == 8
    assert chunk_size(10, 2) == 1


def test_a_worker_sends_back_findings_and_the_reports_head_only() -> None:
    example = sorted(EXAMPLES.glob("*.txt"))[4]
    full = check_file(example)
    outcome = check_task(Task(str(example)), RunOptions(), default_catalog())
    assert outcome.error is None
    (sent,) = outcome.results
    assert sent.report is not None
    assert full.report is not None
    assert (sent.report.template, sent.report.year, sent.report.body) == (
        full.report.template,
        full.report.year,
        full.report.body,
    )
    assert sent.report.tables == {}
    assert sent.report.sections == ()
    assert list(sent.findings) == sorted(sent.findings, key=sort_key)  # in order, as the gate puts them
    assert {f.rule for f in sent.findings} == {f.rule for f in full.findings}
    assert len(pickle.dumps(outcome)) * 3 < len(pickle.dumps(full))


def results_of(texts: list[str]) -> list[CheckResult]:
    return [
        check_text(t, f"r{i}.txt") if t.strip() else check_bytes(b"", f"r{i}.txt")
        for i, t in enumerate(texts)
    ]


@settings(max_examples=15, deadline=None)
@given(st.lists(st.sampled_from(["clean", "wrong", "empty"]), max_size=4), st.sampled_from(["zh", "en"]))
def test_the_json_written_piece_by_piece_is_the_document(kinds: list[str], lang: str) -> None:
    texts = []
    for i, kind in enumerate(kinds):
        report = random_report(random.Random(i), "2021")
        if kind == "wrong":
            report.table3["new"]["natural_person"] = int(report.table3["new"]["natural_person"]) + 1
        texts.append("" if kind == "empty" else render(report, "tab"))
    results = results_of(texts)
    tally = Tally()
    pieces = [json_opening()]
    for i, result in enumerate(results):
        pieces.append(json_file(result, lang, first=i == 0))
        tally.add(result)
    pieces.append(json_closing(tally.summary(), bool(results)))
    assert "".join(pieces) == render_json(results, lang)


MEMORY_PROBE = """
import sys
from govdisclose_check.cli import main

def peak() -> int:  # KiB; not ru_maxrss, which a child inherits from the process that forked it
    with open("/proc/self/status") as status:
        return next(int(line.split()[1]) for line in status if line.startswith("VmHWM:"))

main(["check", "-j", "1", "-q", "--format", "json", "-o", sys.argv[3], sys.argv[1]])
first = peak()
main(["check", "-j", "1", "-q", "--format", "json", "-o", sys.argv[3], sys.argv[2]])
print(first, peak())
"""


@pytest.mark.skipif(not Path("/proc/self/status").exists(), reason="reads VmHWM from /proc")
def test_memory_stays_flat_over_thousands_of_files(tmp_path: Path) -> None:
    """2,000 reports after 100: the peak grows by far less than the 68 KB a file that keeping every
    result cost (136 MB here), whatever the output (JSON was the worst)."""
    few, many = tmp_path / "few", tmp_path / "many"
    few.mkdir()
    many.mkdir()
    texts = [render(random_report(random.Random(i), "2021"), LAYOUTS[i % 4]).encode() for i in range(20)]
    for i in range(2000):
        (many / f"{i:05}.txt").write_bytes(texts[i % 20])
        if i < 100:
            (few / f"{i:05}.txt").write_bytes(texts[i % 20])
    out = tmp_path / "out.json"
    done = subprocess.run(
        [sys.executable, "-c", MEMORY_PROBE, str(few), str(many), str(out)],
        capture_output=True,
        text=True,
        check=True,
        cwd=ROOT,
    )
    first, last = (int(v) for v in done.stdout.split())
    assert len(json.loads(out.read_text(encoding="utf-8"))["files"]) == 2000
    assert last - first < 24 * 1024, (first, last)  # KiB: flat, with a margin for the allocator
