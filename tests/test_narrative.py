"""Issue 12 end to end: narrative findings located in every source format, the second place in
`related`, and the cross-year inputs (`--previous`, `previous=`, a directory's years paired)."""

from __future__ import annotations

import argparse
import datetime
import json
import random
import time
from pathlib import Path

import attrs
import pytest

from govdisclose_check import check_bytes, check_file, check_text
from govdisclose_check.batch import RunOptions, keys
from govdisclose_check.catalog import default_catalog
from govdisclose_check.cli import main
from govdisclose_check.document import Line
from govdisclose_check.engine.rules.crossyear import similar_pairs
from govdisclose_check.ingest import text_document
from govdisclose_check.normalize import normalize
from govdisclose_check.pairing import aliases_of, body_key, pair
from govdisclose_check.parse import parse_document
from govdisclose_check.serialize import finding_record
from govdisclose_check.years import Years, key_of_file
from htmlgen import render_html
from madeinputs import MADE
from reportgen import SyntheticReport, render, zero_report

STATED = "本年度共收到政府信息公开申请5件。"


def _stating(year: int = 2021) -> SyntheticReport:
    report = zero_report("2021", year)
    report.fee_sentence = "本年度未收取信息处理费。" + STATED
    return report


def _n401(result_findings: tuple[object, ...]) -> list[object]:
    return [f for f in result_findings if getattr(f, "rule", "") == "N401"]


@pytest.mark.parametrize("source", ["txt", "docx", "pdf", "html"])
def test_a_number_in_prose_is_located_in_the_original_file(source: str) -> None:
    report = _stating()
    if source == "txt":
        text = render(report)
        result = check_text(text, "r.txt")
    elif source == "html":
        data = render_html(report)
        result = check_bytes(data, "r.html")
    else:
        result = check_bytes(MADE[source](report), f"r.{source}")
    [finding] = [f for f in result.findings if f.rule == "N401"]
    assert (finding.table, finding.row, finding.col, finding.expected, finding.actual) == (
        "table3",
        "new",
        "total",
        0,
        5,
    )
    loc = finding.location
    assert loc.line is not None or loc.paragraph is not None
    if source in ("txt", "html"):
        assert loc.line is not None
        assert loc.column is not None
        assert loc.end_column is not None
    if source == "txt":
        line = text.split("\n")[(loc.line or 0) - 1]
        assert line[(loc.column or 0) - 1 : (loc.end_column or 0) - 1] == "收到政府信息公开申请5件"
    elif source == "html":
        line = data.decode("utf-8").split("\n")[(loc.line or 0) - 1]
        assert line[(loc.column or 0) - 1 : (loc.end_column or 0) - 1] == "收到政府信息公开申请5件"
    elif source == "docx":
        assert loc.paragraph is not None
        assert loc.line is None
    else:
        assert loc.page is not None
        assert loc.line is not None
    # The table cell is the second place, in `related`, located in the same file.
    [cell] = finding.related
    assert (cell.table, cell.row, cell.col, cell.path) == ("table3", "new", "total", None)
    table_cell = result.report.tables["table3"].cell("new", "total") if result.report else None
    assert table_cell is not None
    assert cell.location == table_cell.location
    record = finding_record(finding, "zh")
    assert record["related"][0]["path"] is None
    assert record["related"][0]["row"] == "new"


def _write(path: Path, report: SyntheticReport) -> Path:
    path.write_text(render(report), encoding="utf-8")
    return path


def _zero(year: int) -> SyntheticReport:
    report = zero_report("2021", year)
    for row in report.table2.values():
        for col in row:
            row[col] = 0
    return report


def _years(tmp_path: Path) -> tuple[Path, Path]:
    """Two years of one body: 2022's 上年结转 is not 2021's 结转下年度, and the generated text is the
    same each year but for the year (雷同: X603 in 一, X604 for 五)."""
    last = _zero(2021)
    last.table3["carried_forward"]["natural_person"] = 2
    last.table3["carried_forward"]["total"] = 2
    last.table3["new"]["natural_person"] = 2
    last.table3["new"]["total"] = 2
    this = _zero(2022)
    return _write(tmp_path / "a-2021.txt", last), _write(tmp_path / "a-2022.txt", this)


def test_check_file_with_previous(tmp_path: Path) -> None:
    last, this = _years(tmp_path)
    result = check_file(this, previous=last)
    x601 = [f for f in result.findings if f.rule == "X601"]
    assert [(f.row, f.col, f.expected, f.actual) for f in x601] == [("carried_over", "natural_person", 2, 0)]
    assert x601[0].related[0].path == str(last)
    assert x601[0].related[0].row == "carried_forward"
    assert [f.rule for f in result.findings if f.rule == "X600"] == ["X600"]
    assert not [f for f in check_file(this).findings if f.rule.startswith("X")]


def test_published_on_by_api_and_cli(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = _write(tmp_path / "r.txt", zero_report("2021", 2021))
    assert not [f for f in check_file(path).findings if f.rule == "C509"]
    [late] = [f for f in check_file(path, published_on="2022-02-01").findings if f.rule == "C509"]
    assert (late.expected, late.actual) == ("2022-01-31", "2022-02-01")
    code = main(["check", str(path), "--published-on", "2022-02-01", "--format", "json", "--quiet"])
    data = json.loads(capsys.readouterr().out)
    assert code == 0  # a warning does not fail by default
    assert [f["rule"] for f in data["files"][0]["findings"]] == ["C509"]
    with pytest.raises(SystemExit) as exit_:
        main(["check", str(path), "--published-on", "2022-13-01"])
    assert exit_.value.code == 2


def test_cli_previous_and_its_usage_errors(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    last, this = _years(tmp_path)
    code = main(["check", str(this), "--previous", str(last), "--format", "json", "--quiet"])
    data = json.loads(capsys.readouterr().out)
    assert code == 0
    assert sorted(f["rule"] for f in data["files"][0]["findings"]) == ["X600", "X601", "X603", "X604"]
    assert main(["check", str(this), str(last), "--previous", str(last), "--quiet"]) == 2
    assert main(["check", str(this), "--previous", str(tmp_path / "missing.txt"), "--quiet"]) == 2
    assert "--previous" in capsys.readouterr().err


def test_a_directory_pairs_the_years_of_one_body(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    _years(tmp_path)
    other = _zero(2022)
    other.body = "某某区教育局"
    _write(tmp_path / "b-2022.txt", other)
    code = main(["check", str(tmp_path), "--format", "json", "--quiet"])
    data = json.loads(capsys.readouterr().out)
    assert code == 0
    rules = {Path(f["path"]).name: sorted(x["rule"] for x in f["findings"]) for f in data["files"]}
    assert rules == {"a-2021.txt": [], "a-2022.txt": ["X600", "X601", "X603", "X604"], "b-2022.txt": []}
    [x600] = [x for f in data["files"] for x in f["findings"] if x["rule"] == "X600"]
    assert "a-2021.txt" in x600["message"]


def test_pairing_in_two_processes_writes_what_one_writes(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The pairs travel to the workers as paths (Task.inputs): -j 2 is byte for byte -j 1."""
    _years(tmp_path)
    for year in (2020, 2023):
        _write(tmp_path / f"a-{year}.txt", _zero(year))
    outputs = []
    for jobs in ("1", "2"):
        code = main(["check", "-j", jobs, str(tmp_path), "--format", "json", "--quiet"])
        outputs.append((code, capsys.readouterr().out))
    assert outputs[0] == outputs[1]
    data = json.loads(outputs[0][1])
    x600 = {
        Path(f["path"]).name: x["message"]
        for f in data["files"]
        for x in f["findings"]
        if x["rule"] == "X600"
    }
    assert sorted(x600) == ["a-2021.txt", "a-2022.txt", "a-2023.txt"]
    assert "a-2022.txt" in x600["a-2023.txt"]


def test_pairing_keeps_keys_not_reports(tmp_path: Path) -> None:
    """What the command line keeps of a directory to pair it: a path to a path, no Report."""
    last, this = _years(tmp_path)
    years = Years()
    args = argparse.Namespace(previous=None, published_on=datetime.date(2023, 1, 20))
    assert years.prepare(args, [str(last), str(this)], default_catalog()) is None
    assert years.pairs == {str(this): str(last)}
    assert years.inputs(str(this)) == (("previous", str(last)), ("published_on", "2023-01-20"))
    assert years.inputs(str(last)) == (("published_on", "2023-01-20"),)
    assert all(isinstance(v, (str, datetime.date, type(None), dict)) for v in attrs.asdict(years).values())


def test_pairing_keys_are_read_on_the_worker_processes_as_here(tmp_path: Path) -> None:
    """With -j N the titles are read on the pool (batch.keys): the same keys, in the same order,
    as reading them here, an unreadable file and a report without a year included."""
    last, this = _years(tmp_path)
    (tmp_path / "broken.txt").write_bytes(b"\x00\x01 not a report")
    (tmp_path / "untitled.txt").write_text("一、总体情况\n", encoding="utf-8")
    paths = [str(this), str(tmp_path / "broken.txt"), str(last), str(tmp_path / "untitled.txt")]
    catalog = default_catalog()
    here = [key_of_file(p, catalog, aliases_of(catalog)) for p in paths]
    assert [key is None for key in here] == [False, True, False, True]
    this_key, last_key = here[0], here[2]
    assert this_key is not None
    assert last_key is not None
    assert this_key == (last_key[0], last_key[1] + 1)
    assert list(keys(paths, RunOptions(), 2, chunk=1)) == here
    pooled = Years()
    args = argparse.Namespace(previous=None, published_on=None)
    assert pooled.prepare(args, paths, catalog, lambda ps: keys(ps, RunOptions(), 2)) is None
    assert pooled.pairs == {str(this): str(last)}


def test_body_names_are_compared_after_normalisation() -> None:
    aliases = aliases_of(default_catalog())
    assert body_key("鹤岗市 卫健委", aliases) == body_key("鹤岗市卫生健康委员会", aliases)
    assert body_key("鹤岗市卫健委", aliases) != body_key("鹤岗市卫生健康局", aliases)


def test_two_reports_of_one_year_are_not_paired() -> None:
    catalog = default_catalog()

    def parsed(year: int) -> object:
        return parse_document(
            normalize(text_document(render(zero_report("2021", year)), None, None)), catalog
        )

    reports = {"a": parsed(2021), "b": parsed(2022), "c": parsed(2022)}
    assert pair(reports, {}) == {}  # type: ignore[arg-type]
    assert pair({"a": reports["a"], "b": reports["b"]}, {}) == {"b": "a"}  # type: ignore[dict-item]


def test_similar_paragraphs_are_scored_only_within_the_length_bound() -> None:
    """Near-linear: paragraphs whose lengths cannot reach the threshold are never scored."""
    rng = random.Random(1)
    words = "政府信息公开工作平稳有序推进主动公开依申请公开平台建设监督保障"

    def para(n: int) -> str:
        return "".join(rng.choice(words) for _ in range(n))

    line = Line(1, "", "")
    before = [(para(rng.randint(40, 400)), line) for _ in range(2000)]
    copied = before[7][0]
    now = [(copied, line), *((para(rng.randint(40, 400)), line) for _ in range(300))]
    start = time.perf_counter()
    pairs = list(similar_pairs(now, before, 90.0))
    assert time.perf_counter() - start < 5
    assert [(p[0][0], p[1][0]) for p in pairs] == [(copied, copied)]
