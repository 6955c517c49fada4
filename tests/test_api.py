"""The library API: typed results, selection, serialisation with cattrs."""

from __future__ import annotations

import json
import random

import jsonschema
import pytest

from conftest import ROOT
from govdisclose_check import (
    CheckResult,
    Finding,
    InputProblem,
    Report,
    check_bytes,
    check_text,
    parse_bytes,
    parse_text,
)
from govdisclose_check.engine.select import UnknownSelector
from govdisclose_check.serialize import converter, file_record
from reportgen import random_report, render


def broken_report() -> str:
    synthetic = random_report(random.Random(3), "2021")
    synthetic.table3["granted"]["natural_person"] = int(synthetic.table3["granted"]["natural_person"]) + 2
    return render(synthetic, "tab")


def test_check_text_returns_typed_findings() -> None:
    result = check_text(broken_report(), "r.txt")
    assert isinstance(result, CheckResult)
    assert isinstance(result.report, Report)
    assert result.findings
    assert all(isinstance(f, Finding) for f in result.findings)
    assert {(f.rule, f.row, f.col) for f in result.findings} == {
        ("A302", None, "natural_person"),
        ("A303", "granted", "total"),
    }


def test_select_and_ignore_filter_by_code_and_prefix() -> None:
    text = broken_report()
    assert {f.rule for f in check_text(text, select=["A302"]).findings} == {"A302"}
    assert {f.rule for f in check_text(text, ignore=["A30"]).findings} == set()
    assert {f.rule for f in check_text(text, select=["A"], ignore=["A302"]).findings} == {"A303"}
    with pytest.raises(UnknownSelector):
        check_text(text, select=["Z9"])


def test_parse_text_reads_every_number() -> None:
    synthetic = random_report(random.Random(4), "2019")
    report = parse_text(render(synthetic, "pipe"))
    assert report.template == "2019"
    assert report.tables["table3"].rows["new"]["total"].value == synthetic.table3["new"]["total"]
    assert [s.key for s in report.sections] == [
        "overview",
        "proactive",
        "requests",
        "review_litigation",
        "problems",
        "other",
    ]


def test_parse_bytes_raises_input_problem() -> None:
    with pytest.raises(InputProblem) as info:
        parse_bytes(b"\x00\x01\x02\x03binary")
    assert info.value.code == "E002"


def test_check_bytes_reports_instead_of_raising() -> None:
    result = check_bytes(b"", "empty.txt")
    assert [f.rule for f in result.findings] == ["E003"]
    assert result.input_error
    assert result.report is None


def test_findings_round_trip_through_cattrs() -> None:
    findings = check_text(broken_report(), "r.txt").findings
    data = converter.unstructure(findings[0])
    assert data["rule"] == findings[0].rule
    assert data["location"]["line"] == findings[0].location.line
    assert converter.structure(data, Finding) == findings[0]


def test_file_record_has_every_contract_field() -> None:
    record = file_record(check_text(broken_report(), "r.txt"), "en")
    assert list(record) == ["path", "template", "year", "body", "encoding", "findings"]
    schema = json.loads((ROOT / "docs" / "findings.schema.json").read_text(encoding="utf-8"))
    assert list(schema["$defs"]["file"]["properties"]) == list(record)
    fields = list(schema["$defs"]["finding"]["properties"])
    assert fields == schema["$defs"]["finding"]["required"]
    assert record["findings"]
    for finding in record["findings"]:
        assert list(finding) == fields
        assert finding["message"].startswith("Table 3")
        jsonschema.validate(finding, {**schema["$defs"]["finding"], "$defs": schema["$defs"]})


def test_ignoring_an_identity_also_drops_its_not_assessable_info() -> None:
    text = render(random_report(random.Random(5), "2021"), "tab")
    line = next(x for x in text.split("\n") if x.startswith("（一）予以公开\t"))
    text = text.replace(line, line.rsplit("\t", 1)[0])  # six values where seven are needed
    about = {f.about for f in check_text(text).findings if f.rule == "A300"}
    assert about == {"A302", "A303"}
    about = {f.about for f in check_text(text, ignore=["A303"]).findings if f.rule == "A300"}
    assert about == {"A302"}
    # Selecting only A300 reports every identity that could not be assessed.
    about = {f.about for f in check_text(text, select=["A300"]).findings}
    assert about == {"A302", "A303"}
