"""The five seed reports: exactly the findings issues 2 and 12 name, at their locations.

The expectations below are written from the issue and from reading the seeds, not copied from the
tool's output. `examples/*.expected.json` (written by scripts/update_examples.py) must agree too.
"""

from __future__ import annotations

import importlib.util
import json
from decimal import Decimal
from pathlib import Path
from types import ModuleType

import pytest

from conftest import EXAMPLES, ROOT, SHARED
from govdisclose_check import CheckResult, check_file, check_text, parse_file


def _load_script(name: str) -> ModuleType:
    spec = importlib.util.spec_from_file_location(name, ROOT / "scripts" / f"{name}.py")
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


update_examples = _load_script("update_examples")

SEED_000 = EXAMPLES / "000_c3557deb96c0a3f4.txt"
SEED_001 = EXAMPLES / "001_8819132e5f94e15d.txt"
SEED_002 = EXAMPLES / "002_472372508976de87.txt"
SEED_003 = EXAMPLES / "003_fc97b6e6b2cadd5a.txt"
SEED_004 = EXAMPLES / "004_62e18fc6e57dfc2d.txt"

Key = tuple[str, str | None, str | None, str | None]  # rule, table, row, col


def keys(result: CheckResult, *, infos: bool = True) -> list[Key]:
    return sorted((f.rule, f.table, f.row, f.col) for f in result.findings if infos or f.severity != "info")


def lines_of(result: CheckResult, rule: str) -> dict[str | None, int | None]:
    return {f.row: f.location.line for f in result.findings if f.rule == rule}


def not_assessable(result: CheckResult) -> set[str | None]:
    return {f.about for f in result.findings if f.rule == "A300"}


def test_000_one_row_short_of_a_value() -> None:
    result = check_file(SEED_000)
    assert result.report is not None
    assert (result.report.template, result.report.year) == ("2021", 2021)
    assert keys(result, infos=False) == [
        ("C503", None, None, None),
        ("T204", "table3", "other_handling.no_correction", None),
    ]
    # Section 六 says only 2021 年我委没有需要报告的事项: nothing about 信息处理费 (issue 12).
    fee = next(f for f in result.findings if f.rule == "C503")
    assert (fee.severity, fee.section, fee.location.line) == ("warning", "other", 88)
    finding = next(f for f in result.findings if f.rule == "T204")
    assert (finding.expected, finding.actual) == (7, 6)
    assert finding.location.line == 65
    # The row is needed by the results total (A302) and by its own row total (A303); the stated
    # rule (A301) does not use it and holds.
    assert not_assessable(result) == {"A302", "A303"}
    assert all(f.severity == "info" for f in result.findings if f.rule == "A300")


def test_001_traditional_with_glosses_is_clean() -> None:
    result = check_file(SEED_001)
    assert result.report is not None
    assert (result.report.template, result.report.year) == ("2021", 2022)
    assert result.report.body == "朝阳市卫生健康委员会"
    assert [f for f in result.findings if f.severity != "info"] == []
    # "收到信息公开申请1条" agrees with table 三, and 六 reports 收取信息处理费0元 (issue 12).
    assert not [f for f in result.findings if f.rule[0] in "NCX"]
    table3 = result.report.tables["table3"]
    assert table3.rows["new"]["natural_person"].value == 1
    assert table3.rows["unable.not_held"]["total"].value == 1
    assert result.report.tables["table2"].rows["fees"]["amount"].value == Decimal("73.65")


def test_002_missing_heading_and_truncated_table3() -> None:
    result = check_file(SEED_002)
    assert result.report is not None
    assert (result.report.template, result.report.year) == ("2019", 2020)
    assert keys(result, infos=False) == sorted(
        [
            ("C506", None, None, None),
            ("S101", None, None, None),
            ("T201", "table3", "carried_forward", None),
            ("T201", "table3", "not_processed.confirmation", None),
            ("T201", "table3", "other_handling", None),
            ("T201", "table3", "results_total", None),
        ]
    )
    # It cites 国务院令 第 492 号 as its basis, repealed in 2019 (issue 12).
    c506 = next(f for f in result.findings if f.rule == "C506")
    assert (c506.severity, c506.section, c506.location.line, c506.location.column) == (
        "warning",
        "overview",
        7,
        24,
    )
    assert "国务院令 第 492 号" in c506.message
    s101 = next(f for f in result.findings if f.rule == "S101")
    assert s101.section == "review_litigation"
    assert s101.location.line == 96  # where it was expected: before 五、
    assert not_assessable(result) == {"A301", "A302", "A303"}
    # Table 四 stands as one line of 15 numbers under no heading; it is still read.
    assert result.report.tables["table4"].rows["review"]["total"].value == 0
    # The sub-heading （四）行政复议、行政诉讼情况 inside section 一 is not section 四.
    assert [s.key for s in result.report.sections] == [
        "overview",
        "proactive",
        "requests",
        "problems",
        "other",
    ]


def test_003_2019_tables_in_a_2021_report() -> None:
    result = check_file(SEED_003)
    assert result.report is not None
    assert (result.report.template, result.report.year) == ("2019", 2021)
    assert keys(result) == [
        ("C501", None, None, None),
        ("N403", None, None, None),
        ("S103", None, None, None),
    ]
    # The placeholder （单位全称） in section 六 (issue 12); dated 2022-01-10, a department's report:
    # within the deadline of 31 January, so no C509.
    n403 = next(f for f in result.findings if f.rule == "N403")
    assert (n403.section, n403.location.line, n403.actual) == ("other", 395, "（单位全称）")
    line = SEED_003.read_text(encoding="utf-8").split("\n")[394]
    assert n403.location.column is not None
    assert n403.location.end_column is not None
    assert line[n403.location.column - 1 : n403.location.end_column - 1] == "（单位全称）"
    c501 = next(f for f in result.findings if f.rule == "C501")
    assert (c501.expected, c501.actual, c501.severity) == ("2021", "2019", "error")
    s103 = next(f for f in result.findings if f.rule == "S103")
    assert (s103.section, s103.expected, s103.actual, s103.severity) == ("overview", "一", "—", "warning")
    assert s103.location.line == 5
    table2 = result.report.tables["table2"]
    assert table2.rows["other_services"]["delta"].value == 7  # 增7
    assert table2.rows["licensing"]["prev_items"].value == 1  # [bookmark: _GoBack]1
    assert table2.rows["licensing"]["prev_items"].location.line == 46


GRANTED_TO_CONFIRMATION = [
    ("granted", 54), ("partly_granted", 55),
    ("denied.state_secret", 56), ("denied.law_forbidden", 57), ("denied.three_security", 58),
    ("denied.third_party", 59), ("denied.internal_affairs", 60), ("denied.process_info", 61),
    ("denied.enforcement_file", 62), ("denied.admin_query", 63),
    ("unable.not_held", 64), ("unable.needs_creation", 65), ("unable.unclear", 66),
    ("not_processed.petition", 67), ("not_processed.duplicate", 68), ("not_processed.publication", 69),
    ("not_processed.excessive", 70), ("not_processed.confirmation", 71),
]  # fmt: skip


def test_004_eighteen_rows_short_and_carried_forward_with_one_value() -> None:
    result = check_file(SEED_004)
    assert result.report is not None
    assert (result.report.template, result.report.year) == ("2021", 2021)
    expected_rows = [row for row, _ in GRANTED_TO_CONFIRMATION] + ["carried_forward"]
    narrative = [("C503", None, None, None), ("N402", None, None, None), ("N403", None, None, None)]
    narrative.append(("N404", None, None, None))
    assert keys(result, infos=False) == sorted(
        [*narrative, *(("T204", "table3", row, None) for row in expected_rows)]
    )
    counts = {f.row: (f.expected, f.actual) for f in result.findings if f.rule == "T204"}
    assert counts == {**{row: (7, 6) for row, _ in GRANTED_TO_CONFIRMATION}, "carried_forward": (7, 1)}
    assert lines_of(result, "T204") == {**dict(GRANTED_TO_CONFIRMATION), "carried_forward": 77}
    # No arithmetic error comes from guessing which column lost its value.
    assert not [f for f in result.findings if f.rule.startswith("A") and f.severity != "info"]
    assert not_assessable(result) == {"A301", "A302", "A303"}


def test_004_narrative_findings() -> None:
    """Issue 12: no 信息处理费 statement in 六; （五） skipped in 一; 共制发268件，其中… adds up to 269;
    其中其中 doubled."""
    result = check_file(SEED_004)
    lines = SEED_004.read_text(encoding="utf-8").split("\n")
    found = {f.rule: f for f in result.findings if f.rule[0] in "NC"}
    assert sorted(found) == ["C503", "N402", "N403", "N404"]
    assert (found["C503"].section, found["C503"].location.line) == ("other", 92)
    parts = found["N402"]
    assert (parts.section, parts.expected, parts.actual, parts.location.line) == ("overview", 268, 269, 13)
    assert parts.location.column is not None
    assert lines[12][parts.location.column - 1 :].startswith("共制发 268 件")
    doubled = found["N403"]
    assert (doubled.actual, doubled.location.line) == ("其中其中", 11)
    assert doubled.location.column is not None
    assert lines[10][doubled.location.column - 1 :].startswith("其中其中")
    outline = found["N404"]
    assert (outline.section, outline.expected, outline.actual, outline.location.line) == (
        "overview",
        "（五）",
        "（六）",
        23,
    )
    assert all(f.severity == "warning" for f in found.values())


@pytest.mark.parametrize("path", sorted(EXAMPLES.glob("*.txt")), ids=lambda p: p.name)
def test_examples_agree_with_their_expected_findings(path: Path) -> None:
    expected = json.loads(path.with_suffix(".expected.json").read_text(encoding="utf-8"))
    assert update_examples.record(check_file(path)) == expected


@pytest.mark.skipif(not (SHARED / "seeds").is_dir(), reason="shared seeds not present")
@pytest.mark.parametrize("path", sorted(EXAMPLES.glob("*.txt")), ids=lambda p: p.name)
def test_examples_are_the_seeds(path: Path) -> None:
    assert path.read_bytes() == (SHARED / "seeds" / path.name).read_bytes()


def test_parse_file_gives_typed_report() -> None:
    report = parse_file(SEED_002)
    assert report.sections[0].key == "overview"
    assert report.tables["table3"].missing == (
        "not_processed.confirmation",
        "other_handling",
        "results_total",
        "carried_forward",
    )


def test_locations_point_into_the_traditional_original() -> None:
    """A wrong total in seed 001 (traditional characters with pinyin glosses) is located at the digit
    as it stands in the original line, glosses included."""
    text = SEED_001.read_text(encoding="utf-8")
    lines = text.split("\n")
    target = next(i for i, line in enumerate(lines) if "本機關(guān)不掌握" in line)
    original = lines[target]
    cut = original.rindex("| 1 |")
    lines[target] = original[:cut] + "| 2 |" + original[cut + len("| 1 |") :]
    changed = "\n".join(lines)
    result = check_text(changed, "001.txt")
    a303 = [f for f in result.findings if f.rule == "A303"]
    assert [(f.row, f.col, f.expected, f.actual) for f in a303] == [("unable.not_held", "total", 1, 2)]
    location = a303[0].location
    assert location.line == target + 1
    assert location.column is not None
    assert changed.split("\n")[target][location.column - 1] == "2"
    assert location.column == cut + 3  # "| " then the digit, 1-based
