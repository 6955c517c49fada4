"""`govdisclose-check extract`: what the parser read, as JSON and CSV, with every cell's location."""

from __future__ import annotations

import csv
import io
import json
import random
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import EXAMPLES
from govdisclose_check.cli import main
from reportgen import LAYOUTS, random_report, render

SEED_000 = EXAMPLES / "000_c3557deb96c0a3f4.txt"
SEED_002 = EXAMPLES / "002_472372508976de87.txt"


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(["extract", *argv])
    out, err = capsys.readouterr()
    return code, out, err


def extract_json(capsys: pytest.CaptureFixture[str], *argv: str) -> list[dict[str, Any]]:
    code, out, err = run(capsys, *argv)
    assert (code, err) == (0, "")
    reports: list[dict[str, Any]] = json.loads(out)["reports"]
    return reports


def cells_by_key(report: dict[str, Any]) -> dict[tuple[str, str, str], dict[str, Any]]:
    return {(c["table"], c["row"], c["col"]): c for c in report["cells"] if c["col"] is not None}


def test_json_names_sections_and_cells_with_their_places(capsys: pytest.CaptureFixture[str]) -> None:
    (report,) = extract_json(capsys, str(SEED_000))
    assert (report["template"], report["year"], report["body"]) == ("2021", 2021, "鹤岗市卫健委")
    keys = [s["key"] for s in report["sections"]]
    assert keys == ["overview", "proactive", "requests", "review_litigation", "problems", "other"]
    assert report["sections"][0]["line"] == 7
    source_lines = SEED_000.read_text(encoding="utf-8").splitlines()
    cells = cells_by_key(report)
    for cell in cells.values():  # every cell's raw text stands at its line and column
        line = source_lines[cell["line"] - 1]
        assert line[cell["column"] - 1 : cell["end_column"] - 1] == cell["raw"], cell
    assert cells[("table2", "rules", "issued")]["value"] == 0
    assert cells[("table2", "normative_docs", "issued")]["value"] == 1
    # The row with a value missing is extracted too, its cells not given to columns.
    short = [c for c in report["cells"] if c["row"] == "other_handling.no_correction"]
    assert len(short) == 6
    assert {c["col"] for c in short} == {None}


def test_a_table_read_as_one_run_of_values(capsys: pytest.CaptureFixture[str]) -> None:
    """Seed 002 writes table 四 as one line of 15 numbers."""
    (report,) = extract_json(capsys, str(SEED_002))
    table4 = [c for c in report["cells"] if c["table"] == "table4"]
    assert len(table4) == 15
    assert {c["row"] for c in table4} == {"review", "litigation_direct", "litigation_after_review"}
    assert len({c["line"] for c in table4}) == 1


def test_csv_has_one_row_per_cell(capsys: pytest.CaptureFixture[str]) -> None:
    (report,) = extract_json(capsys, str(SEED_000))
    code, out, _ = run(capsys, "--format", "csv", str(SEED_000))
    assert code == 0
    rows = list(csv.DictReader(io.StringIO(out)))
    assert len(rows) == len(report["cells"])
    assert rows[0]["path"] == str(SEED_000)
    assert {r["table"] for r in rows} == {"table2", "table3", "table4"}
    assert [(r["row"], r["col"], r["raw"]) for r in rows] == [
        (c["row"] or "", c["col"] or "", c["raw"]) for c in report["cells"]
    ]


def test_an_unreadable_file_is_exit_2_and_the_others_are_still_extracted(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    code, out, err = run(capsys, str(empty), str(SEED_000))
    assert code == 2
    assert "E003" in err
    assert str(empty) in err
    assert [r["path"] for r in json.loads(out)["reports"]] == [str(SEED_000)]


@settings(max_examples=25, deadline=None)
@given(
    seed=st.integers(0, 10_000), template=st.sampled_from(["2019", "2021"]), layout=st.sampled_from(LAYOUTS)
)
def test_extract_gives_back_the_numbers_written(seed: int, template: str, layout: str) -> None:
    synthetic = random_report(random.Random(seed), template)
    buffer = io.StringIO()
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr("sys.stdin", io.TextIOWrapper(io.BytesIO(render(synthetic, layout).encode("utf-8"))))
        mp.setattr("sys.stdout", buffer)
        assert main(["extract", "-"]) == 0
    (report,) = json.loads(buffer.getvalue())["reports"]
    cells = cells_by_key(report)
    for table in ("table3", "table4"):
        written = getattr(synthetic, table)
        for row, values in written.items():
            for col, value in values.items():
                assert cells[(table, row, col)]["value"] == value, (table, row, col)
    for row, values in synthetic.table2.items():
        for col, value in values.items():
            got = cells[("table2", row, col)]["value"]
            assert (Decimal(str(got)) if isinstance(value, Decimal) else got) == value, (row, col)
