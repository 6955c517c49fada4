"""User rule packs (`--rules DIR`, `check_file(..., rules=[DIR])`), end to end through the CLI and the API.

The pack in tests/packs/guangdong has one identity rule (GD101) and one required-phrase rule (GD102).
"""

from __future__ import annotations

import json
import shutil
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from govdisclose_check.api import check_file, check_text
from govdisclose_check.catalog import load_catalog
from govdisclose_check.cli import main
from reportgen import render, zero_report

PACK = Path(__file__).resolve().parent / "packs" / "guangdong"
FEE = "本年度未收取信息处理费。"


@pytest.fixture(autouse=True)
def plain_console(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NO_COLOR", "1")
    monkeypatch.setenv("COLUMNS", "200")


def report_text() -> str:
    return render(zero_report("2021", 2021), "tab")


def granted_too_many(text: str) -> str:
    """Two granted in the natural-person column (and the totals), one received: GD101 and A301."""
    text = text.replace("（一）予以公开\t0\t0\t0\t0\t0\t0\t0", "（一）予以公开\t2\t0\t0\t0\t0\t0\t2")
    text = text.replace("（七）总计\t0\t0\t0\t0\t0\t0\t0", "（七）总计\t2\t0\t0\t0\t0\t0\t2")
    return text.replace(
        "一、本年新收政府信息公开申请数量\t0\t0\t0\t0\t0\t0\t0",
        "一、本年新收政府信息公开申请数量\t1\t0\t0\t0\t0\t0\t1",
    )


def keys(findings: object) -> list[tuple[str, str | None, str | None]]:
    return sorted((f.rule, f.row, f.col) for f in findings)  # type: ignore[attr-defined]


def test_the_pack_loads_beside_the_built_in_rules() -> None:
    catalog = load_catalog(extra=[PACK])
    pack = [(r.code, r.kind, r.pack) for r in catalog.rules if r.pack is not None]
    assert pack == [
        ("GD101", "identity", "guangdong-example"),
        ("GD102", "required-phrase", "guangdong-example"),
    ]
    assert catalog.rule("GD101").doc == PACK / "docs" / "GD101.md"


def test_api_clean_report_passes_the_pack() -> None:
    assert check_text(report_text(), rules=[PACK]).findings == ()


def test_api_required_phrase() -> None:
    text = report_text()
    assert text.count(FEE) == 1
    line = text.split("\n").index("六、其他需要报告的事项") + 1
    result = check_text(text.replace(FEE, "本机关无其他需要报告的事项。"), rules=[PACK])
    # The built-in C503 (a warning) says so too; the pack's rule is its office's error.
    assert sorted(f.rule for f in result.findings) == ["C503", "GD102"]
    (finding,) = [f for f in result.findings if f.rule == "GD102"]
    assert (finding.rule, finding.section, finding.severity, finding.location.line) == (
        "GD102",
        "other",
        "error",
        line,
    )
    assert "信息处理费" in finding.message
    # A near miss: the pattern alternative is enough.
    near = check_text(text.replace(FEE, "本年度未收取任何费用。"), rules=[PACK])
    assert near.findings == ()
    # Without the pack, only the built-in warning.
    assert [f.rule for f in check_text(text.replace(FEE, "本机关无其他需要报告的事项。")).findings] == [
        "C503"
    ]


def test_api_identity_rule(tmp_path: Path) -> None:
    path = tmp_path / "report.txt"
    path.write_text(granted_too_many(report_text()), encoding="utf-8")
    result = check_file(path, rules=[PACK])
    assert keys(result.findings) == [
        ("A301", None, "natural_person"),
        ("GD101", None, "natural_person"),
        ("GD101", None, "total"),
    ]
    gd = [f for f in result.findings if f.rule == "GD101"]
    assert [(f.expected, f.actual, f.severity) for f in gd] == [(1, 2, "warning"), (1, 2, "warning")]
    assert keys(check_file(path).findings) == [("A301", None, "natural_person")]
    assert keys(check_file(path, rules=[PACK], select=["GD"]).findings) == [
        ("GD101", None, "natural_person"),
        ("GD101", None, "total"),
    ]


def test_cli_check_with_a_pack(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "report.txt"
    path.write_text(granted_too_many(report_text()).replace(FEE, "无。"), encoding="utf-8")
    code = main(["check", "--rules", str(PACK), "--format", "json", "--ignore", "A", str(path)])
    data = json.loads(capsys.readouterr().out)
    assert code == 1  # GD102 is an error
    rules = [f["rule"] for f in data["files"][0]["findings"]]
    assert sorted(rules) == ["C503", "GD101", "GD101", "GD102"]  # C503: the built-in fee statement
    assert main(["check", "--rules", str(PACK), "--select", "GD101", str(path)]) == 0  # a warning only
    capsys.readouterr()


def test_junit_lists_a_pack_family_with_its_findings(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A pack's family (GD) is a test case of its own after the built-in ones, and fails with the
    pack's findings (a family is a code's letters, not its first letter)."""
    path = tmp_path / "report.txt"
    path.write_text(granted_too_many(report_text()).replace(FEE, "无。"), encoding="utf-8")
    main(["check", "--rules", str(PACK), "--format", "junit", "--ignore", "A", str(path)])
    suite = ET.fromstring(capsys.readouterr().out).find("testsuite")
    assert suite is not None
    names = [case.get("name", "").split()[0] for case in suite.findall("testcase")]
    assert names == ["E", "S", "T", "A", "N", "C", "X", "GD"]
    (gd,) = [case for case in suite.findall("testcase") if case.get("name", "").startswith("GD")]
    failure = gd.find("failure")
    assert failure is not None
    assert "GD102" in (failure.text or "")  # the error; GD101 is a warning, below the fail level


def test_cli_rules_and_explain_show_pack_rules(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["rules", "--rules", str(PACK), "--format", "json"]) == 0
    listed = {r["code"]: r for r in json.loads(capsys.readouterr().out)}
    assert listed["GD102"]["name"] == "fee-statement"
    assert "A301" in listed
    assert main(["explain", "gd102", "--rules", str(PACK)]) == 0
    out = capsys.readouterr().out
    assert "GD102 fee-statement" in out
    assert "guangdong-example" in out
    assert main(["explain", "GD102"]) == 2  # not known without the pack
    capsys.readouterr()


def test_cli_rules_check_validates_a_pack(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["rules", "--check", str(PACK)]) == 0
    assert "GD101, GD102" in capsys.readouterr().out


def broken_pack(tmp_path: Path, old: str, new: str, file: str = "checks/requirements.toml") -> Path:
    pack = tmp_path / "pack"
    shutil.copytree(PACK, pack)
    target = pack / file
    text = target.read_text(encoding="utf-8")
    assert text.count(old) == 1
    target.write_text(text.replace(old, new), encoding="utf-8")
    return pack


def line_of(pack: Path, needle: str, file: str = "checks/requirements.toml") -> int:
    lines = (pack / file).read_text(encoding="utf-8").split("\n")
    return [i for i, line in enumerate(lines, 1) if needle in line][-1]


@pytest.mark.parametrize(
    ("old", "new", "at", "message"),
    [
        ('kind = "identity"', 'kind = "identiy"', 'kind = "identiy"', "unknown kind 'identiy'"),
        ('kind = "identity"', 'kind = "input"', 'kind = "input"', "unknown kind 'input'"),
        ('per = "column"', 'pre = "column"', 'pre = "column"', "unknown key 'pre'"),
        ('per = "column"', 'per = "col"', 'per = "col"', "expected one of 'row', 'column', found 'col'"),
        ('table = "table3"', 'table = "table5"', 'table = "table5"', "unknown table 'table5'"),
        ('expr = "granted <=', 'expr = "grant <=', "expr =", "unknown row key 'grant'"),
        (
            'expr = "granted <= new + carried_over"',
            'expr = "new + carried_over >= "',
            "expr =",
            "expected 'side == side'",
        ),
        ('expr = "granted <= new + carried_over"', 'expr = "0 <= granted"', "expr =", "the left side must"),
        ('section = "other"', 'section = "others"', 'section = "others"', "unknown section 'others'"),
        ('code = "GD102"', 'code = "GD101"', 'code = "GD101"', "defined twice"),
        ('code = "GD102"', 'code = "SX102"', 'code = "SX102"', "the pack's prefix 'GD'"),
        ('kind = "required-phrase"', "", 'code = "GD102"', "a pack's rule needs a kind"),
        ('patterns = ["收取.{0,6}费用"]', 'patterns = ["收取(费用"]', "patterns =", "bad regular expression"),
        ('severity = "error"', 'severity = "fatal"', 'severity = "fatal"', "expected one of 'error'"),
        ('phrases = ["信息处理费"]', 'phrases = "信息处理费"', "phrases =", "expected a list"),
    ],
)
def test_rules_check_refuses_a_broken_pack(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], old: str, new: str, at: str, message: str
) -> None:
    pack = broken_pack(tmp_path, old, new)
    assert main(["rules", "--check", str(pack)]) == 2
    err = capsys.readouterr().err
    file = pack / "checks" / "requirements.toml"
    assert f"{file}:{line_of(pack, at)}: " in err, err
    assert message in err, err
    # The same pack is refused by `check --rules` before any report is read.
    assert main(["check", "--rules", str(pack), str(tmp_path / "missing.txt")]) == 2
    assert message in capsys.readouterr().err


def test_a_pack_without_docs_or_prefix_is_refused(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    pack = broken_pack(tmp_path, 'prefix = "GD"', 'prefix = "gd"', "pack.toml")
    assert main(["rules", "--check", str(pack)]) == 2
    assert f"{pack / 'pack.toml'}:3: prefix 'gd'" in capsys.readouterr().err
    pack = tmp_path / "pack"
    (pack / "pack.toml").write_text((PACK / "pack.toml").read_text(encoding="utf-8"), encoding="utf-8")
    (pack / "docs" / "GD101.md").unlink()
    assert main(["rules", "--check", str(pack)]) == 2
    assert "no documentation at docs/GD101.md" in capsys.readouterr().err


def test_a_bad_toml_file_is_refused_with_its_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    pack = broken_pack(tmp_path, 'severity = "warning"', 'severity = "warning')
    assert main(["rules", "--check", str(pack)]) == 2
    err = capsys.readouterr().err
    line = line_of(pack, 'severity = "warning')
    assert f"requirements.toml:{line}: not valid TOML" in err
