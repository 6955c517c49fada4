"""The output formats: golden files on the examples, SARIF against the SARIF 2.1.0 schema, GitHub
escaping, GitLab Code Quality, JUnit, streamed JSONL, atomic and several outputs at once.

Golden files: tests/golden/examples.* (regenerate with UPDATE_GOLDEN=1 after a deliberate change,
then review the diff). The SARIF schema is third-party data read in place from ../shared.
"""

from __future__ import annotations

import json
import os
import random
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

import pytest

from conftest import EXAMPLES, ROOT, SHARED
from govdisclose_check import api
from govdisclose_check.catalog import default_catalog
from govdisclose_check.cli import main
from govdisclose_check.config import DEFAULT_DOCS_URL
from govdisclose_check.model import CheckResult, Finding, Location, Related, Severity, Suppression
from govdisclose_check.render.github import command, escape_data, escape_property, render_github
from govdisclose_check.render.options import RenderOptions
from govdisclose_check.render.sarif import sarif_document
from reportgen import random_report, render

GOLDEN = ROOT / "tests" / "golden"
EXAMPLE_PATHS = sorted(f"examples/{p.name}" for p in EXAMPLES.glob("*.txt"))
SUFFIX = {
    "text": "txt",
    "json": "json",
    "jsonl": "jsonl",
    "sarif": "sarif",
    "github": "github.txt",
    "gitlab": "gitlab.json",
    "junit": "junit.xml",
}
SCHEMA_CANDIDATES = (SHARED, ROOT.parent.parent / "shared")  # ../shared (CI), or beside the worktrees


@pytest.fixture(autouse=True)
def plain(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NO_COLOR", "1")
    monkeypatch.delenv("FORCE_COLOR", raising=False)
    monkeypatch.setenv("COLUMNS", "200")
    monkeypatch.chdir(ROOT)


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def sarif_schema() -> dict[str, Any]:
    for shared in SCHEMA_CANDIDATES:
        path = shared / "schemas" / "sarif-schema-2.1.0.json"
        if path.is_file():
            data: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
            return data
    pytest.skip("../shared/schemas/sarif-schema-2.1.0.json is not present (third-party data, not copied)")


def validate_sarif(document: dict[str, Any]) -> None:
    jsonschema = pytest.importorskip("jsonschema", reason="install the test extra")
    schema = sarif_schema()
    validator_class = jsonschema.validators.validator_for(schema)
    validator = validator_class(schema, format_checker=validator_class.FORMAT_CHECKER)
    errors = [f"{list(e.absolute_path)}: {e.message}" for e in validator.iter_errors(document)]
    assert errors == []


def stable(fmt: str, text: str) -> str:
    """The SARIF golden file leaves out each rule's help text (the whole rules/docs/CODE.md, checked
    against the file by test_sarif_rules_carry_their_docs) so it does not change with every doc."""
    if fmt != "sarif":
        return text
    document = json.loads(text)
    for rule in document["runs"][0]["tool"]["driver"]["rules"]:
        rule["help"] = {"text": f"<rules/docs/{rule['id']}.md>", "markdown": f"<rules/docs/{rule['id']}.md>"}
    return json.dumps(document, ensure_ascii=False, indent=2) + "\n"


# ------------------------------------------------------------------ golden files


@pytest.mark.parametrize("fmt", list(SUFFIX))
def test_golden_files_of_the_examples(capsys: pytest.CaptureFixture[str], fmt: str) -> None:
    code, out, err = run(capsys, "check", "--format", fmt, *EXAMPLE_PATHS)
    assert code == 1
    assert err == ""
    golden = GOLDEN / f"examples.{SUFFIX[fmt]}"
    text = stable(fmt, out)
    if os.environ.get("UPDATE_GOLDEN"):
        golden.write_text(text, encoding="utf-8")
    assert text == golden.read_text(encoding="utf-8"), f"{golden.name} differs (UPDATE_GOLDEN=1 rewrites it)"


def test_golden_jsonl_is_the_json_findings_line_by_line(capsys: pytest.CaptureFixture[str]) -> None:
    _, out, _ = run(capsys, "check", "--format", "json", *EXAMPLE_PATHS)
    document = json.loads(out)
    lines = [
        json.loads(line) for line in (GOLDEN / "examples.jsonl").read_text(encoding="utf-8").splitlines()
    ]
    expected = [
        {"path": f["path"], "template": f["template"], "year": f["year"], **finding}
        for f in document["files"]
        for finding in f["findings"]
    ]
    assert lines == expected


# ------------------------------------------------------------------ SARIF


def test_sarif_of_the_examples_is_valid_sarif_2_1_0(capsys: pytest.CaptureFixture[str]) -> None:
    _, out, _ = run(capsys, "check", "--format", "sarif", *EXAMPLE_PATHS)
    document = json.loads(out)
    validate_sarif(document)
    (run_,) = document["runs"]
    rules = run_["tool"]["driver"]["rules"]
    assert [r["id"] for r in rules] == [r.code for r in default_catalog().rules]  # fired or not
    fired = {r["ruleId"] for r in run_["results"]}
    assert len(fired) < len(rules)
    for result in run_["results"]:
        assert rules[result["ruleIndex"]]["id"] == result["ruleId"]
        assert len(result["partialFingerprints"]["govdiscloseFingerprint/v1"]) == 20
        region = result["locations"][0]["physicalLocation"]["region"]
        assert region["startLine"] >= 1
        assert region["startColumn"] >= 1
        assert result["locations"][0]["physicalLocation"]["artifactLocation"]["uri"].startswith("examples/")


def test_sarif_rules_carry_their_docs(capsys: pytest.CaptureFixture[str]) -> None:
    _, out, _ = run(capsys, "check", "--format", "sarif", EXAMPLE_PATHS[0])
    for rule in json.loads(out)["runs"][0]["tool"]["driver"]["rules"]:
        doc = (default_catalog().docs / f"{rule['id']}.md").read_text(encoding="utf-8")
        assert rule["help"] == {"text": doc, "markdown": doc}
        assert rule["helpUri"] == f"{DEFAULT_DOCS_URL}{rule['id']}.md"
        assert rule["shortDescription"]["text"] == default_catalog().rule(rule["id"]).summary_zh
        assert rule["defaultConfiguration"]["level"] in {"error", "warning", "note"}


def test_sarif_docs_url_setting(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    config = tmp_path / "govdisclose-check.toml"
    config.write_text('docs-url = "https://example.org/gdc/docs"\n', encoding="utf-8")
    report = tmp_path / "r.txt"
    report.write_text(render(random_report(random.Random(1)), "tab"), encoding="utf-8")
    _, out, _ = run(capsys, "check", "--format", "sarif", str(report))
    rules = json.loads(out)["runs"][0]["tool"]["driver"]["rules"]
    assert rules[0]["helpUri"] == f"https://example.org/gdc/docs/{rules[0]['id']}.md"


def synthetic_results() -> list[CheckResult]:
    """A folded finding with a suggestion, a suppressed one, and a cell of a DOCX table."""
    cell = Location(line=12, column=3, end_line=12, end_column=5)
    related = Related(
        "A303",
        "行总计不符",
        "row total off",
        Location(line=12, column=30),
        "b" * 20,
        "requests",
        "table3",
        "carried_forward",
        "total",
    )
    folded = Finding(
        "A301",
        "balance-per-column",
        Severity.ERROR,
        "列不平衡",
        "column off",
        cell,
        "a" * 20,
        "requests",
        "table3",
        "carried_forward",
        "natural_person",
        5,
        4,
        "5",
        related=(related,),
    )
    accepted = Finding(
        "A303",
        "row-total",
        Severity.ERROR,
        "行总计不符",
        "row total off",
        Location(line=20, column=1),
        "c" * 20,
        "requests",
        "table3",
        "carried_forward",
        "total",
        suppression=Suppression("sidecar", "台账如此", "r.txt.gdc.toml:1"),
    )
    docx = Finding(
        "T205",
        "cell-not-number",
        Severity.ERROR,
        "不是数字",
        "not a number",
        Location(page=2, source_table=1, source_row=5, source_cell=3),
        "d" * 20,
        "requests",
        "table3",
        "granted",
        "commercial",
    )
    return [
        CheckResult("reports/r.txt", None, (folded, accepted)),
        CheckResult("reports/报告 2021.docx", None, (docx,)),
    ]


def test_sarif_places_suppressions_and_related_locations() -> None:
    document = sarif_document(
        synthetic_results(), RenderOptions(default_catalog(), docs_url="https://x.test/")
    )
    validate_sarif(document)
    folded, accepted, docx = document["runs"][0]["results"]
    names = [loc["fullyQualifiedName"] for loc in folded["locations"][0]["logicalLocations"]]
    assert names == ["table3/carried_forward/natural_person"]
    assert folded["properties"] == {"suggestion": "5"}
    assert "5" in folded["message"]["text"]
    (rel,) = folded["relatedLocations"]
    assert rel["logicalLocations"][0]["fullyQualifiedName"] == "table3/carried_forward/total"
    assert rel["physicalLocation"]["region"] == {"startLine": 12, "startColumn": 30}
    assert "suppressions" not in folded
    assert accepted["suppressions"] == [
        {
            "kind": "external",
            "status": "accepted",
            "justification": "台账如此",
            "properties": {"source": "r.txt.gdc.toml:1", "via": "sidecar"},
        }
    ]
    physical = docx["locations"][0]["physicalLocation"]
    assert physical["artifactLocation"]["uri"] == "reports/%E6%8A%A5%E5%91%8A%202021.docx"
    assert physical["region"]["properties"] == {"page": 2, "sourceTable": 1, "sourceRow": 5, "sourceCell": 3}
    assert physical["region"]["message"]["text"] == "第2页表三第5行第3格"
    names = [loc["fullyQualifiedName"] for loc in docx["locations"][0]["logicalLocations"]]
    assert names == ["table3/granted/commercial", "page2/table1/row5/cell3"]


# ------------------------------------------------------------------ GitHub, GitLab, JUnit


def test_github_escapes_data_and_properties() -> None:
    assert escape_data("50%\r\nnext") == "50%25%0D%0Anext"
    assert escape_property("a:b,c%\n") == "a%3Ab%2Cc%25%0A"
    finding = Finding(
        "T205", "cell-not-number", Severity.WARNING, "第1行\n100%", "x", Location(line=3, column=2), "f" * 20
    )
    line = command("dir,1/a:b.txt", finding, RenderOptions(default_catalog()))
    assert (
        line == "::warning file=dir%2C1/a%3Ab.txt,line=3,col=2,title=T205 cell-not-number::第1行%0A100%25\n"
    )


def test_github_leaves_out_suppressed_and_says_where_in_a_docx(capsys: pytest.CaptureFixture[str]) -> None:
    text = render_github(synthetic_results(), RenderOptions(default_catalog(), lang="en"))
    lines = text.splitlines()
    assert len(lines) == 2
    assert lines[0].startswith("::error file=reports/r.txt,line=12,col=3,endLine=12,endColumn=5,title=A301")
    assert lines[0].endswith("(suggested value: 5)")
    assert lines[1].startswith(
        "::error file=reports/报告 2021.docx,title=T205 cell-not-number::p2 table 3, row 5"
    )


def test_gitlab_code_quality_fields(capsys: pytest.CaptureFixture[str]) -> None:
    _, out, _ = run(capsys, "check", "--format", "gitlab", *EXAMPLE_PATHS)
    issues = json.loads(out)
    _, json_out, _ = run(capsys, "check", "--format", "json", *EXAMPLE_PATHS)
    findings = [(f["path"], x) for f in json.loads(json_out)["files"] for x in f["findings"]]
    assert len(issues) == len(findings)
    for issue, (path, finding) in zip(issues, findings, strict=True):
        assert set(issue) == {"description", "check_name", "fingerprint", "severity", "location"}
        assert issue["check_name"] == f"{finding['rule']} {finding['name']}"
        assert issue["location"] == {"path": path, "lines": {"begin": finding["line"]}}
        assert (
            issue["severity"] == {"error": "major", "warning": "minor", "info": "info"}[finding["severity"]]
        )
    assert len({i["fingerprint"] for i in issues}) == len(issues)


def test_junit_one_case_per_file_and_family(capsys: pytest.CaptureFixture[str]) -> None:
    _, out, _ = run(capsys, "check", "--format", "junit", *EXAMPLE_PATHS)
    root = ET.fromstring(out)
    families = sorted({r.family for r in default_catalog().rules})
    suites = root.findall("testsuite")
    assert [s.get("name") for s in suites] == EXAMPLE_PATHS
    for suite in suites:
        assert sorted(c.get("name", "")[0] for c in suite.findall("testcase")) == families
    failures = {
        (s.get("name"), c.get("name", "")[0]) for s in suites for c in s if c.find("failure") is not None
    }
    assert failures == {
        ("examples/000_c3557deb96c0a3f4.txt", "T"),
        ("examples/002_472372508976de87.txt", "S"),
        ("examples/002_472372508976de87.txt", "T"),
        ("examples/003_fc97b6e6b2cadd5a.txt", "C"),
        ("examples/004_62e18fc6e57dfc2d.txt", "T"),
    }
    assert root.get("failures") == "5"
    s103 = [
        c for s in suites for c in s if c.get("name", "").startswith("S") and c.find("system-out") is not None
    ]
    assert len(s103) == 1  # the warning of 003 is below the fail level: reported, not failed
    assert "S103" in (s103[0].findtext("system-out") or "")


# ------------------------------------------------------------------ JSONL streaming, outputs


def test_jsonl_is_written_as_each_file_finishes(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    seen: list[str] = []
    real = api.check_file

    def spy(path: Any, **kwargs: Any) -> CheckResult:
        seen.append(capsys.readouterr().out)  # what was written before this file was read
        return real(path, **kwargs)

    monkeypatch.setattr("govdisclose_check.api.check_file", spy)
    code = main(["check", "-j", "1", "--format", "jsonl", *EXAMPLE_PATHS])
    rest = capsys.readouterr().out
    assert code == 1
    assert seen[0] == ""
    before_second = [json.loads(line)["path"] for line in seen[1].splitlines()]
    assert before_second
    assert set(before_second) == {EXAMPLE_PATHS[0]}
    everything = "".join(seen) + rest
    assert everything == (GOLDEN / "examples.jsonl").read_text(encoding="utf-8")


def test_several_outputs_at_once(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    sarif, junit = tmp_path / "out.sarif", tmp_path / "out.xml"
    code, out, _ = run(
        capsys,
        "check",
        "--format",
        "text",
        "--format",
        f"sarif:{sarif}",
        "--format",
        f"junit:{junit}",
        *EXAMPLE_PATHS,
    )
    assert code == 1
    assert out == (GOLDEN / "examples.txt").read_text(encoding="utf-8")
    assert stable("sarif", sarif.read_text(encoding="utf-8")) == (GOLDEN / "examples.sarif").read_text(
        encoding="utf-8"
    )
    assert junit.read_text(encoding="utf-8") == (GOLDEN / "examples.junit.xml").read_text(encoding="utf-8")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out.sarif", "out.xml"]  # no temporary left


def test_output_file_is_written_atomically(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "report.json"
    target.write_text("previous run\n", encoding="utf-8")
    code, out, _ = run(capsys, "check", "--format", "json", "--output", str(target), *EXAMPLE_PATHS)
    assert (code, out) == (1, "")
    assert target.read_text(encoding="utf-8") == (GOLDEN / "examples.json").read_text(encoding="utf-8")

    def broken(*_: Any) -> str:
        raise RuntimeError("renderer failed")

    monkeypatch.setattr("govdisclose_check.render.json.json_closing", broken)  # after the files
    target.write_text("previous run\n", encoding="utf-8")
    with pytest.raises(RuntimeError):
        main(["check", "--format", "json", "--output", str(target), *EXAMPLE_PATHS])
    assert target.read_text(encoding="utf-8") == "previous run\n"  # never half written
    assert [p.name for p in tmp_path.iterdir()] == ["report.json"]


@pytest.mark.parametrize(
    ("argv", "says"),
    [
        (["--format", "text", "--format", "json"], "only one format can go to standard output"),
        (["--format", "yaml"], "unknown format 'yaml'"),
        (["--format", "sarif:"], "no file after sarif:"),
        (["--format", "sarif:a.sarif", "--output", "b.txt"], "--output FILE needs a --format"),
    ],
)
def test_bad_output_specs_exit_2(capsys: pytest.CaptureFixture[str], argv: list[str], says: str) -> None:
    code, out, err = run(capsys, "check", *argv, EXAMPLE_PATHS[0])
    assert (code, out) == (2, "")
    assert says in err
