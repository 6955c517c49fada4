"""Every rule's fixtures (`rules/fixtures/CODE.toml`), run in each of their layouts.

A case states the exact findings it gives (rule, table, row, column, `about`), and for each the
fields it must carry; "one cause, one finding" is checked by that exactness. Every rule has a
failing case, a near-miss passing case (an edited report that does not trigger it), and the two
examples of its doc page among its cases. The format: docs/rules-authoring.md.
"""

from __future__ import annotations

import random
import re
from pathlib import Path

import pytest

from casebuild import Case, Rows, build_lines, expected_line, key, load_cases, run_case, same
from govdisclose_check.api import check_text
from govdisclose_check.catalog import default_catalog
from govdisclose_check.model import Finding
from reportgen import LAYOUTS, random_report, render

CATALOG = default_catalog()
assert CATALOG.fixtures is not None
FIXTURES: Path = CATALOG.fixtures
T4_VARIANTS = (*LAYOUTS, *(f"{layout}/groups" for layout in LAYOUTS))
CASES = {
    rule.code: load_cases(FIXTURES / f"{rule.code}.toml")
    if (FIXTURES / f"{rule.code}.toml").is_file()
    else ()
    for rule in CATALOG.rules
}  # a rule without its fixture file fails test_every_rule_has_a_failing_and_a_near_miss_passing_case


def _params() -> list[object]:
    return [
        pytest.param(case, variant, id=f"{code}-{case.name}-{variant}")
        for code, cases in CASES.items()
        for case in cases
        for variant in case.layouts
    ]


def _show(findings: tuple[Finding, ...]) -> str:
    return "\n".join(
        f"  {f.rule} table={f.table} row={f.row} col={f.col} about={f.about} line={f.location.line} "
        f"expected={f.expected!r} actual={f.actual!r}: {f.message}"
        for f in findings
    )


@pytest.mark.parametrize(("case", "variant"), _params())
def test_case(case: Case, variant: str, tmp_path: Path) -> None:
    run = run_case(case, variant, tmp_path)
    findings = run.result.findings
    assert sorted(map(key, findings), key=repr) == sorted((w.key for w in case.findings), key=repr), _show(
        findings
    )
    for want in case.findings:
        matching = [f for f in findings if key(f) == want.key]
        for finding in matching:
            rule = CATALOG.rule(finding.rule)
            assert (finding.name, finding.severity) == (rule.name, rule.severity)
            shown = _show((finding,))
            if want.section is not None:
                assert finding.section == want.section, shown
            if want.expected is not None:
                assert same(finding.expected, want.expected), shown
            if want.actual is not None:
                assert same(finding.actual, want.actual), shown
            if want.suggestion is not None:
                assert finding.suggestion == want.suggestion, shown
            line = expected_line(run, want, case)
            if line is not None:
                assert finding.location.line == line, shown
            for part in want.message_has:
                assert part in finding.message, shown
                assert part in finding.message_en, finding.message_en
            if finding.rule == "A300":
                assert finding.about is not None
                assert finding.about in finding.message


@pytest.mark.parametrize("code", sorted(CASES))
def test_every_rule_has_a_failing_and_a_near_miss_passing_case(code: str) -> None:
    cases = CASES[code]
    failing = [c for c in cases if any(w.rule == code for w in c.findings)]
    passing = [c for c in cases if all(w.rule != code for w in c.findings)]
    assert failing, f"{code}: no failing case"
    assert passing, f"{code}: no passing case"
    assert all(c.edits for c in passing), f"{code}: a passing case must edit the report (a near miss)"
    assert len({c.name for c in cases}) == len(cases), f"{code}: two cases with one name"


def test_no_fixtures_for_unknown_rules() -> None:
    assert sorted(p.stem for p in FIXTURES.glob("*.toml")) == sorted(CASES)


DOC_BLOCK = re.compile(r"```text\n(.*?)\n?```", flags=re.S)


@pytest.mark.parametrize("code", sorted(CASES))
def test_the_doc_examples_are_fixtures(code: str) -> None:
    """The 不通过的例子 and 通过的例子 of rules/docs/CODE.md are cases of the fixtures, so they run."""
    text = (CATALOG.docs / f"{code}.md").read_text(encoding="utf-8")
    fail_part = text[text.index("## 不通过的例子") : text.index("## 通过的例子")]
    pass_part = text[text.index("## 通过的例子") : text.index("## In English")]
    for part, doc in ((fail_part, "fail"), (pass_part, "pass")):
        (block,) = DOC_BLOCK.findall(part)
        cases = [c for c in CASES[code] if c.doc == doc]
        assert len(cases) == 1, f"{code}: one case must be the doc's {doc} example"
        assert cases[0].example.strip("\n") == block.strip("\n"), f"{code}: the doc's {doc} example differs"
        fails = any(w.rule == code for w in cases[0].findings)
        assert fails == (doc == "fail")


@pytest.mark.parametrize("template", ["2019", "2021"])
@pytest.mark.parametrize("variant", T4_VARIANTS)
def test_consistent_reports_are_clean(template: str, variant: str) -> None:
    """Several seeds: a consistent report with random numbers raises nothing, in every layout."""
    layout, _, table4_layout = variant.partition("/")
    for seed in range(5):
        result = check_text(
            render(random_report(random.Random(seed), template), layout, table4_layout or "line")
        )
        assert result.findings == (), f"seed {seed}:\n{_show(result.findings)}"
        assert result.report is not None
        assert result.report.template == template


@pytest.mark.parametrize("variant", T4_VARIANTS)
def test_a_rows_edit_changes_exactly_that_row(variant: str, tmp_path: Path) -> None:
    """The fixtures' own edits: a row given in `rows` changes that row's lines and nothing else."""
    layout, _, table4_layout = variant.partition("/")
    case = Case(name="x", findings=())
    before = [x.text for x in build_lines(case, layout, table4_layout or "line")]
    edited = Case(name="x", findings=(), rows=(Rows("table4", "行政复议\t0\t0\t9\t0\t0"),))
    after = build_lines(edited, layout, table4_layout or "line")
    changed = [i for i, (a, b) in enumerate(zip(before, [x.text for x in after], strict=True)) if a != b]
    assert len(changed) == 1
    assert ("table4", "review", 3) in after[changed[0]].tags
    assert "9" in after[changed[0]].text
