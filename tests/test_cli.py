"""The command line: exit status, selection, the JSON contract, the text format, rules and explain.

Most tests call `main()` in-process; a few run `python -m govdisclose_check.cli` in a subprocess
from another directory, as a user would.
"""

from __future__ import annotations

import importlib.util
import io
import json
import os
import random
import re
import subprocess
import sys
from collections import Counter
from pathlib import Path
from typing import Any

import jsonschema
import pytest

from govdisclose_check.catalog import default_catalog
from govdisclose_check.cli import main
from govdisclose_check.model import Severity
from reportgen import T3_NOTE, SyntheticReport, random_report, render, zero_report

ROOT = Path(__file__).resolve().parent.parent
SRC = ROOT / "src"
EXAMPLES = ROOT / "examples"
ROW_NEW = "一、本年新收政府信息公开申请数量"

# The contract's fields, in their order (docs/json.md, docs/findings.schema.json).
FINDING_FIELDS = [
    "rule", "name", "severity", "message", "line", "column", "end_line", "end_column", "page",
    "paragraph", "source_table", "source_row", "source_cell", "section", "table", "row", "col",
    "expected", "actual", "suggestion", "about", "fingerprint",
    "suppressed", "suppression_kind", "suppression_reason", "suppression_source", "related",
]  # fmt: skip
FILE_FIELDS = ["path", "template", "year", "body", "encoding", "findings"]
SCHEMA = json.loads((ROOT / "docs" / "findings.schema.json").read_text(encoding="utf-8"))
HAN = re.compile(r"[\u3400-\u9fff]")


@pytest.fixture(autouse=True)
def plain_console(monkeypatch: pytest.MonkeyPatch) -> None:
    """No colour codes and a wide console, whatever the environment of the test run."""
    monkeypatch.setenv("NO_COLOR", "1")
    monkeypatch.delenv("FORCE_COLOR", raising=False)
    monkeypatch.setenv("COLUMNS", "200")


# ------------------------------------------------------------------ inputs


def clean_report(seed: int = 5) -> SyntheticReport:
    return random_report(random.Random(seed), "2021")


def arithmetic_report(seed: int = 5) -> SyntheticReport:
    """One natural person too many in row 一 of table 三 and its total two too many: the row total
    (A303, row `new`, col `total`) and the natural-person column (A301) fail, nothing else. No one
    cell explains both (a single wrong cell is one finding with a suggestion: test_gate.py)."""
    report = clean_report(seed)
    new = report.table3["new"]
    new["natural_person"] = int(new["natural_person"]) + 1
    new["total"] = int(new["total"]) + 2
    return report


def warning_report(seed: int = 5) -> SyntheticReport:
    """Only a warning: the first heading numbered with a dash (S103)."""
    report = clean_report(seed)
    report.headings = {"overview": "—、总体情况"}
    return report


def with_cell(text: str, label: str, index: int, value: str) -> str:
    """The tab-separated row starting with `label`, with its `index`-th value replaced."""
    lines = text.split("\n")
    (at,) = [i for i, line in enumerate(lines) if line.split("\t")[0] == label]
    cells = lines[at].split("\t")
    cells[index + 1] = value
    lines[at] = "\t".join(cells)
    return "\n".join(lines)


def info_text(seed: int = 5) -> str:
    """A "/" for a count in row 一: T205 (error) and A300 (info: identities not assessable)."""
    return with_cell(render(clean_report(seed), "tab"), ROW_NEW, 1, "/")


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def run_json(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, dict[str, Any]]:
    code, out, _ = run(capsys, "check", "--format", "json", *argv)
    data: dict[str, Any] = json.loads(out)
    return code, data


def all_findings(data: dict[str, Any]) -> list[dict[str, Any]]:
    return [f for file in data["files"] for f in file["findings"]]


def codes(data: dict[str, Any]) -> list[str]:
    return [f["rule"] for f in all_findings(data)]


def catalog_codes() -> list[str]:
    return [rule.code for rule in default_catalog().rules]


def severity_of(code: str) -> Severity:
    return default_catalog().rule(code).severity


# ------------------------------------------------------------------ exit status


def test_exit_0_on_a_clean_report(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = write(tmp_path / "clean.txt", render(clean_report(), "tab"))
    code, out, _ = run(capsys, "check", str(path))
    assert code == 0
    assert str(path) not in out  # no finding line names the file
    assert "共检查1个文件" in out


@pytest.mark.parametrize("layout", ["tab", "pipe", "cells", "spaces"])
def test_exit_0_on_clean_reports_in_every_layout(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], layout: str
) -> None:
    path = write(tmp_path / f"{layout}.txt", render(clean_report(7), layout))
    code, data = run_json(capsys, str(path))
    assert code == 0
    assert all_findings(data) == []


def test_exit_1_on_errors(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = write(tmp_path / "broken.txt", render(arithmetic_report(), "tab"))
    code, data = run_json(capsys, str(path))
    assert code == 1
    assert sorted(codes(data)) == ["A301", "A303"]


@pytest.mark.parametrize(
    ("name", "data", "rule"),
    [
        ("empty.txt", b"", "E003"),
        ("blank.txt", b"  \n\n", "E003"),
        ("binary.txt", b"\x00\x01\x02" * 20, "E002"),
        ("prose.txt", "不是报告。\n".encode(), "E004"),
    ],
)
def test_exit_2_on_bad_input(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], name: str, data: bytes, rule: str
) -> None:
    path = tmp_path / name
    path.write_bytes(data)
    code, out, _ = run(capsys, "check", str(path))
    assert code == 2
    assert f"{path}:1:1: {rule}" in out


def test_exit_2_on_a_missing_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, data = run_json(capsys, str(tmp_path / "missing.txt"))
    assert code == 2
    assert codes(data) == ["E001"]


@pytest.mark.parametrize(
    "selection", [["--select", "A"], ["--ignore", "E"], ["--select", "S101", "--ignore", "E001"]]
)
def test_input_errors_are_never_selected_away(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], selection: list[str]
) -> None:
    empty = write(tmp_path / "empty.txt", "")
    code, data = run_json(capsys, *selection, str(tmp_path / "missing.txt"), str(empty))
    assert code == 2
    assert codes(data) == ["E001", "E003"]


def test_exit_2_when_one_of_several_files_is_bad(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    good = write(tmp_path / "good.txt", render(clean_report(), "tab"))
    bad = tmp_path / "empty.txt"
    bad.write_bytes(b"")
    code, data = run_json(capsys, str(good), str(bad))
    assert code == 2
    assert [f["path"] for f in data["files"]] == [str(good), str(bad)]
    assert codes(data) == ["E003"]


def test_exit_2_on_an_unknown_select_code(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = write(tmp_path / "clean.txt", render(clean_report(), "tab"))
    code, out, err = run(capsys, "check", "--select", "Z999", str(path))
    assert code == 2
    assert "Z999" in err
    assert out == ""


def test_exit_2_on_an_unknown_ignore_code(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = write(tmp_path / "clean.txt", render(clean_report(), "tab"))
    code, _, err = run(capsys, "check", "--ignore", "A301,Q1", str(path))
    assert code == 2
    assert "Q1" in err


def test_exit_2_without_arguments(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys)
    assert code == 2
    assert "check" in err  # the usage lists the commands
    assert out == ""


def test_exit_2_for_check_without_paths(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as raised:
        main(["check"])
    assert raised.value.code == 2
    assert "PATH" in capsys.readouterr().err


def test_exit_2_for_a_directory_without_reports(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "report.xlsx").write_bytes(b"PK\x03\x04")
    (tmp_path / "data.csv").write_text("a,b\n1,2\n", encoding="utf-8")
    code, out, err = run(capsys, "check", str(tmp_path))
    assert code == 2
    assert ".txt" in err
    assert out == ""


# ------------------------------------------------------------------ --fail-on

LEVELS = ("error", "warning", "info")


def expected_status(severities: set[Severity], fail_on: str) -> int:
    threshold = Severity(fail_on).rank
    return 1 if any(s.rank >= threshold for s in severities) else 0


@pytest.mark.parametrize("fail_on", LEVELS)
def test_fail_on_with_only_a_warning(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], fail_on: str
) -> None:
    path = write(tmp_path / "warning.txt", render(warning_report(), "tab"))
    code, data = run_json(capsys, "--fail-on", fail_on, str(path))
    assert codes(data) == ["S103"]
    assert {f["severity"] for f in all_findings(data)} == {str(severity_of("S103"))}
    assert code == expected_status({severity_of("S103")}, fail_on)
    assert code == (0 if fail_on == "error" else 1)


@pytest.mark.parametrize("fail_on", LEVELS)
def test_fail_on_with_only_infos(tmp_path: Path, capsys: pytest.CaptureFixture[str], fail_on: str) -> None:
    path = write(tmp_path / "info.txt", info_text())
    code, data = run_json(capsys, "--fail-on", fail_on, "--ignore", "T", str(path))
    found = codes(data)
    assert found
    assert set(found) == {"A300"}
    assert code == expected_status({severity_of("A300")}, fail_on)
    assert code == (1 if fail_on == "info" else 0)


@pytest.mark.parametrize("fail_on", LEVELS)
def test_fail_on_with_errors(tmp_path: Path, capsys: pytest.CaptureFixture[str], fail_on: str) -> None:
    path = write(tmp_path / "broken.txt", render(arithmetic_report(), "tab"))
    code, _, _ = run(capsys, "check", "--fail-on", fail_on, str(path))
    assert code == 1


def test_default_fail_on_is_error(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = write(tmp_path / "warning.txt", render(warning_report(), "tab"))
    assert run(capsys, "check", str(path))[0] == 0
    assert run(capsys, "check", "--fail-on", "warning", str(path))[0] == 1


def test_fail_on_rejects_an_unknown_level(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as raised:
        main(["check", "--fail-on", "fatal", str(EXAMPLES)])
    assert raised.value.code == 2
    assert "fatal" in capsys.readouterr().err


# ------------------------------------------------------------------ --select / --ignore


@pytest.fixture
def mixed_report(tmp_path: Path) -> Path:
    """S103 (warning), A303 and A301 (errors), T205 (error) and A300 (info) in one report."""
    report = arithmetic_report()
    report.headings = {"overview": "—、总体情况"}
    text = with_cell(
        render(report, "tab"), "（二）部分公开（区分处理的，只计这一情形，不计其他情形）", 2, "/"
    )
    return write(tmp_path / "mixed.txt", text)


def selected(base: list[str], select: list[str] | None, ignore: list[str]) -> list[str]:
    chosen = [c for c in base if select is None or any(c.startswith(s) for s in select)]
    return [c for c in chosen if not any(c.startswith(s) for s in ignore)]


@pytest.mark.parametrize(
    ("select", "ignore"),
    [
        (["A"], []),
        (["A301"], []),
        (["A3"], []),
        (["S", "T"], []),
        (None, ["A3"]),
        (None, ["S103"]),
        (None, ["A", "T"]),
        (["A"], ["A300"]),
        (["A", "S"], ["A301", "S"]),
    ],
)
def test_select_and_ignore(
    capsys: pytest.CaptureFixture[str], mixed_report: Path, select: list[str] | None, ignore: list[str]
) -> None:
    _, base_data = run_json(capsys, str(mixed_report))
    base = codes(base_data)
    assert {"S103", "A301", "A303", "T205", "A300"} <= set(base)
    argv = []
    if select is not None:
        argv += ["--select", ",".join(select)]
    if ignore:
        argv += ["--ignore", ",".join(ignore)]
    _, data = run_json(capsys, *argv, str(mixed_report))
    assert Counter(codes(data)) == Counter(selected(base, select, ignore))


def test_select_is_case_insensitive_and_ignores_spaces(
    capsys: pytest.CaptureFixture[str], mixed_report: Path
) -> None:
    _, data = run_json(capsys, "--select", " a301 , s ", str(mixed_report))
    assert sorted(set(codes(data))) == ["A301", "S103"]


def test_select_decides_the_exit_status(capsys: pytest.CaptureFixture[str], mixed_report: Path) -> None:
    assert run(capsys, "check", "--select", "S", str(mixed_report))[0] == 0
    assert run(capsys, "check", "--select", "A301", str(mixed_report))[0] == 1


# ------------------------------------------------------------------ JSON contract


def check_contract(data: dict[str, Any], paths: list[str]) -> None:
    jsonschema.validate(data, SCHEMA)
    assert list(data) == ["version", "files", "summary"]
    assert [f["path"] for f in data["files"]] == paths
    for file in data["files"]:
        assert list(file) == FILE_FIELDS
        assert file["template"] in {"2019", "2021", None}
        assert file["year"] is None or isinstance(file["year"], int)
        for finding in file["findings"]:
            assert list(finding) == FINDING_FIELDS
            assert re.fullmatch(r"[ESTANCX]\d{3}", finding["rule"])
            for key in ("page", "paragraph", "source_table", "source_row", "source_cell"):
                assert finding[key] is None  # text files have lines and columns only
            assert finding["rule"] in catalog_codes()
            assert finding["name"] == default_catalog().rule(finding["rule"]).name
            assert re.fullmatch(r"[a-z][a-z0-9]*(-[a-z0-9]+)*", finding["name"])
            assert finding["severity"] in {"error", "warning", "info"}
            assert isinstance(finding["message"], str)
            assert finding["message"]
            assert isinstance(finding["line"], int)
            assert finding["line"] >= 1
            assert isinstance(finding["column"], int)
            assert finding["column"] >= 1
            for key in ("end_line", "end_column"):
                assert finding[key] is None or isinstance(finding[key], int)
            if finding["end_line"] is not None:
                assert finding["end_line"] >= finding["line"]
            assert finding["table"] in {"table2", "table3", "table4", None}
            assert isinstance(finding["fingerprint"], str)
            assert finding["fingerprint"]
    counts = Counter(f["severity"] for f in all_findings(data))
    assert data["summary"] == {
        "files": len(paths),
        "errors": counts["error"],
        "warnings": counts["warning"],
        "infos": counts["info"],
        "suppressed": 0,
    }


def test_json_follows_the_contract_for_the_examples(capsys: pytest.CaptureFixture[str]) -> None:
    paths = sorted(str(p) for p in EXAMPLES.glob("*.txt"))
    code, data = run_json(capsys, *paths)
    check_contract(data, paths)
    assert all_findings(data)  # the examples do have findings: the checks above were exercised
    worst = max(Severity(f["severity"]).rank for f in all_findings(data))
    assert code == (1 if worst >= Severity.ERROR.rank else 0)


def test_json_follows_the_contract_for_bad_input(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    paths = [str(empty), str(tmp_path / "missing.txt")]
    code, data = run_json(capsys, *paths)
    assert code == 2
    check_contract(data, paths)
    assert [(f["template"], f["year"]) for f in data["files"]] == [(None, None), (None, None)]
    assert codes(data) == ["E003", "E001"]


def test_json_template_year_and_logical_places(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    report = arithmetic_report()
    path = write(tmp_path / "broken.txt", render(report, "tab"))
    _, data = run_json(capsys, str(path))
    check_contract(data, [str(path)])
    (file,) = data["files"]
    assert (file["template"], file["year"]) == (report.template, report.year)
    by_rule = {f["rule"]: f for f in file["findings"]}
    t3 = report.table3
    applicants = [c for c in t3["new"] if c != "total"]

    row_total = by_rule["A303"]
    assert (row_total["table"], row_total["row"], row_total["col"]) == ("table3", "new", "total")
    assert {row_total["expected"], row_total["actual"]} == {
        t3["new"]["total"],
        sum(int(t3["new"][c]) for c in applicants),
    }

    balance = by_rule["A301"]
    assert (balance["table"], balance["row"], balance["col"]) == ("table3", None, "natural_person")
    column = {k: int(v["natural_person"]) for k, v in t3.items()}
    assert {balance["expected"], balance["actual"]} == {
        column["new"] + column["carried_over"],
        column["results_total"] + column["carried_forward"],
    }
    assert balance["expected"] != balance["actual"]


def test_json_row_total_points_at_the_total_cell(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    text = render(arithmetic_report(), "tab")
    path = write(tmp_path / "broken.txt", text)
    _, data = run_json(capsys, str(path))
    lines = text.split("\n")
    line = next(i for i, t in enumerate(lines, 1) if t.startswith(ROW_NEW))
    column = lines[line - 1].rindex("\t") + 2
    (row_total,) = [f for f in all_findings(data) if f["rule"] == "A303"]
    assert (row_total["line"], row_total["column"]) == (line, column)


def test_json_suggestion_and_the_zero_width_a300_span(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A number split in two ('1 2' for 12): T204 suggests 12; the identities that need the row are
    not assessable, and A300 points at the table's first line with a zero-width span."""
    report = zero_report("2021", 2021)
    for row in ("new", "granted", "results_total"):
        report.table3[row]["natural_person"] = report.table3[row]["total"] = 12
    text = render(report, "tab")
    granted = "（一）予以公开\t12\t0\t0\t0\t0\t0\t12"
    assert text.count(granted) == 1
    path = write(tmp_path / "split.txt", text.replace(granted, "（一）予以公开\t1\t2\t0\t0\t0\t0\t0\t12"))
    _, data = run_json(capsys, str(path))
    check_contract(data, [str(path)])
    findings = all_findings(data)
    (t204,) = [f for f in findings if f["rule"] == "T204"]
    assert (t204["row"], t204["expected"], t204["actual"], t204["suggestion"]) == ("granted", 7, 8, "12")
    a300 = [f for f in findings if f["rule"] == "A300"]
    assert sorted(f["about"] for f in a300) == ["A302", "A303"]
    anchor = text.split("\n").index(T3_NOTE + "\t申请人情况") + 1
    for f in a300:
        assert (f["line"], f["column"], f["end_line"], f["end_column"]) == (anchor, 1, anchor, 1)
        assert (f["suggestion"], f["expected"], f["actual"], f["row"], f["col"]) == (None,) * 5


def test_json_summary_counts_several_files(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    paths = [
        str(write(tmp_path / "a.txt", render(arithmetic_report(), "tab"))),
        str(write(tmp_path / "b.txt", render(warning_report(), "pipe"))),
        str(write(tmp_path / "c.txt", info_text())),
        str(write(tmp_path / "d.txt", render(clean_report(), "cells"))),
    ]
    _, data = run_json(capsys, *paths)
    check_contract(data, paths)
    assert data["files"][3]["findings"] == []
    assert data["summary"]["warnings"] >= 1
    assert data["summary"]["infos"] >= 1
    assert data["summary"]["errors"] >= 3


# ------------------------------------------------------------------ --lang


def test_lang_en_gives_english_messages(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    report = arithmetic_report()
    path = write(tmp_path / "broken.txt", render(report, "tab"))
    _, zh = run_json(capsys, str(path))
    _, en = run_json(capsys, "--lang", "en", str(path))
    zh_by_rule = {f["rule"]: f for f in all_findings(zh)}
    en_by_rule = {f["rule"]: f for f in all_findings(en)}
    assert set(zh_by_rule) == set(en_by_rule) == {"A301", "A303"}
    for rule in ("A301", "A303"):
        message = en_by_rule[rule]["message"]
        assert "Table 3" in message
        assert "表三" not in message
        assert "表三" in zh_by_rule[rule]["message"]
        # Han characters in the English message only inside quotes or parentheses (quoted labels).
        unquoted = re.sub(r"“[^”]*”|\([^)]*\)", "", message)
        assert not HAN.search(unquoted), unquoted
        # Everything but the message is the same in both languages.
        assert {k: v for k, v in en_by_rule[rule].items() if k != "message"} == {
            k: v for k, v in zh_by_rule[rule].items() if k != "message"
        }
    total = int(report.table3["new"]["total"])
    assert str(total) in en_by_rule["A303"]["message"]


def test_lang_en_text_format(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = write(tmp_path / "warning.txt", render(warning_report(), "tab"))
    _, out, _ = run(capsys, "check", "--lang", "en", str(path))
    assert "warning" in out
    assert "Checked 1 file" in out
    assert "警告" not in out


# ------------------------------------------------------------------ text format


def test_text_format_shows_place_code_and_summary(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    text = render(arithmetic_report(), "tab")
    path = write(tmp_path / "broken.txt", text)
    _, data = run_json(capsys, str(path))
    code, out, _ = run(capsys, "check", str(path))
    assert code == 1
    lines = text.split("\n")
    row = next(i for i, t in enumerate(lines, 1) if t.startswith(ROW_NEW))
    column = lines[row - 1].rindex("\t") + 2
    assert f"{path}:{row}:{column}: A303" in out
    # One line per finding, each at the place the JSON gives.
    for finding in all_findings(data):
        assert f"{path}:{finding['line']}:{finding['column']}: {finding['rule']}" in out
    finding_lines = [line for line in out.splitlines() if line.startswith(f"{path}:")]
    assert len(finding_lines) == len(all_findings(data)) == 2
    summary = [line for line in out.splitlines() if line.strip()][-1]
    assert "1个文件" in summary
    assert "2个错误" in summary
    assert "0个警告" in summary


def test_text_format_summary_counts_severities(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    a = write(tmp_path / "a.txt", render(warning_report(), "tab"))
    b = write(tmp_path / "b.txt", render(clean_report(), "tab"))
    _, out, _ = run(capsys, "check", "--lang", "en", str(a), str(b))
    summary = [line for line in out.splitlines() if line.strip()][-1]
    assert re.search(r"\b2 file", summary)
    assert re.search(r"\b0 error", summary)
    assert re.search(r"\b1 warning", summary)
    assert re.search(r"\b1 file\(s\) without findings", summary)
    assert f"{a}:" in out
    assert f"{b}:" not in out


# ------------------------------------------------------------------ directories


def test_directories_are_searched_recursively(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    base = tmp_path / "reports"
    text = render(clean_report(), "tab")
    expected = [
        write(base / "a.txt", text),
        write(base / "2021" / "b.md", text),
        write(base / "2021" / "deep" / "deeper" / "c.txt", text),
        write(base / "2022" / "d.md", text),
    ]
    write(base / "2021" / "notes.csv", "a,b\n")
    write(base / "2022" / "report.xlsx", "not read")
    write(base / "readme", "no suffix")
    _, data = run_json(capsys, str(base))
    found = [Path(f["path"]) for f in data["files"]]
    assert sorted(found) == sorted(expected)
    assert len(found) == len(set(found))
    assert data["summary"]["files"] == len(expected)


def test_a_file_and_a_directory_together(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    single = write(tmp_path / "single.txt", render(clean_report(), "tab"))
    inside = write(tmp_path / "dir" / "inside.md", render(warning_report(), "tab"))
    code, data = run_json(capsys, str(single), str(tmp_path / "dir"))
    assert [Path(f["path"]) for f in data["files"]] == [single, inside]
    assert code == 0


# ------------------------------------------------------------------ rules and explain


def test_rules_lists_every_code(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "rules")
    assert code == 0
    listed = re.findall(r"^\s*([ESTANCX]\d{3})\b", out, flags=re.MULTILINE)
    assert sorted(listed) == sorted(catalog_codes())


def test_rules_json_lists_every_rule(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "rules", "--format", "json", "--lang", "en")
    assert code == 0
    rows = json.loads(out)
    catalog = default_catalog()
    assert [row["code"] for row in rows] == [rule.code for rule in catalog.rules]
    for row in rows:
        rule = catalog.rule(row["code"])
        assert (row["name"], row["severity"], row["summary"]) == (
            rule.name,
            str(rule.severity),
            rule.summary_en,
        )


def test_explain_prints_the_rule_doc(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "explain", "A301")
    assert code == 0
    assert "检查什么" in out
    assert "A301" in out
    assert default_catalog().rule("A301").name in out


def test_explain_accepts_lower_case(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "explain", "a301")
    assert code == 0
    assert "检查什么" in out


def test_explain_an_unknown_code_exits_2(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "explain", "ZZZ")
    assert code == 2
    assert "ZZZ" in err
    assert "检查什么" not in out


# ------------------------------------------------------------------ fingerprints


def test_fingerprints_survive_lines_inserted_above(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    report = arithmetic_report()
    report.headings = {"overview": "—、总体情况"}
    text = render(report, "tab")
    inserted = ["本报告根据《条例》要求编制。", "", "报告全文可在本机关门户网站查阅。"]
    lines = text.split("\n")
    moved = "\n".join([lines[0], *inserted, *lines[1:]])
    first = write(tmp_path / "v1" / "report.txt", text)
    second = write(tmp_path / "v2" / "report.txt", moved)
    _, before = run_json(capsys, str(first))
    _, after = run_json(capsys, str(second))
    old, new = all_findings(before), all_findings(after)
    assert len(old) >= 3
    assert {f["fingerprint"] for f in old} == {f["fingerprint"] for f in new}
    assert len({f["fingerprint"] for f in old}) == len(old)  # one fingerprint per finding
    old_lines = {f["fingerprint"]: f["line"] for f in old}
    for finding in new:
        assert finding["line"] == old_lines[finding["fingerprint"]] + len(inserted)


def test_fingerprints_differ_between_files(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    text = render(arithmetic_report(), "tab")
    a = write(tmp_path / "a.txt", text)
    b = write(tmp_path / "b.txt", text)
    _, data = run_json(capsys, str(a), str(b))
    first, second = ({f["fingerprint"] for f in file["findings"]} for file in data["files"])
    assert first
    assert second
    assert not first & second


# ------------------------------------------------------------------ subprocess


def subprocess_env() -> dict[str, str]:
    """The environment for `python -m govdisclose_check.cli` run from another directory: the source
    directory on PYTHONPATH unless the package is installed (as in CI)."""
    env = {k: v for k, v in os.environ.items() if k != "FORCE_COLOR"}
    env["NO_COLOR"] = "1"
    spec = importlib.util.find_spec("govdisclose_check")
    installed = (
        spec is not None and spec.origin is not None and not Path(spec.origin).resolve().is_relative_to(SRC)
    )
    if not installed:
        env["PYTHONPATH"] = str(SRC)
    return env


def run_module(cwd: Path, *argv: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "govdisclose_check.cli", *argv],
        cwd=cwd,
        env=subprocess_env(),
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=120,
        check=False,
    )


def test_subprocess_text_with_a_relative_path(tmp_path: Path) -> None:
    text = render(arithmetic_report(), "tab")
    write(tmp_path / "reports" / "broken.txt", text)
    done = run_module(tmp_path, "check", "reports/broken.txt")
    assert done.returncode == 1, done.stderr
    lines = text.split("\n")
    row = next(i for i, t in enumerate(lines, 1) if t.startswith(ROW_NEW))
    column = lines[row - 1].rindex("\t") + 2
    assert f"reports/broken.txt:{row}:{column}: A303" in done.stdout
    assert "A301" in done.stdout


def test_subprocess_json_of_the_current_directory(tmp_path: Path) -> None:
    write(tmp_path / "clean.txt", render(clean_report(), "tab"))
    write(tmp_path / "sub" / "warning.md", render(warning_report(), "pipe"))
    done = run_module(tmp_path, "check", "--format", "json", ".")
    assert done.returncode == 0, done.stderr
    data = json.loads(done.stdout)
    assert sorted(Path(f["path"]) for f in data["files"]) == [Path("clean.txt"), Path("sub/warning.md")]
    check_contract(data, [f["path"] for f in data["files"]])
    assert codes(data) == ["S103"]


def test_subprocess_usage_errors(tmp_path: Path) -> None:
    assert run_module(tmp_path, "explain", "ZZZ").returncode == 2
    assert run_module(tmp_path).returncode == 2
    done = run_module(tmp_path, "check", "--select", "Q9", ".")
    assert done.returncode == 2
    assert "Q9" in done.stderr


def test_standard_input_is_checked_as_bytes(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    data = render(arithmetic_report(), "tab").encode("gb18030")
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data)))
    status, out, _ = run(capsys, "check", "-", "--format", "json")
    document = json.loads(out)
    assert status == 1
    assert document["files"][0]["path"] == "<stdin>"
    assert document["files"][0]["encoding"] == "gb18030"
    assert "A303" in codes(document)


def test_an_internal_error_is_one_line_and_exit_2(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    def broken(*args: object, **kwargs: object) -> object:
        raise RuntimeError("boom")

    monkeypatch.setattr("govdisclose_check.api.check_file", broken)
    report = write(tmp_path / "r.txt", render(clean_report(), "tab"))
    status, _, err = run(capsys, "check", "-j", "1", str(report))
    assert status == 2
    assert err.strip().splitlines() == [
        f"govdisclose-check: internal error on {report}: RuntimeError: boom (please report it)"
    ]
    assert "Traceback" not in err
