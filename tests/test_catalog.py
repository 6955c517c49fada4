"""The built-in rules/ directory is validated when it loads: each problem with its file and line.

Each case copies rules/ and breaks one thing in one file, as a person editing it might.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from govdisclose_check.catalog import RulesError, default_catalog, load_catalog
from govdisclose_check.catalog.resources import rules_dir
from govdisclose_check.engine.select import resolve


def broken(tmp_path: Path, file: str, old: str, new: str) -> tuple[Path, int]:
    """A copy of rules/ with `old` replaced by `new` in `file`; the line of the change."""
    root = tmp_path / "rules"
    shutil.copytree(rules_dir(), root)
    target = root / file
    text = target.read_text(encoding="utf-8")
    assert text.count(old) == 1, old
    at = text[: text.index(old)].count("\n") + 1
    target.write_text(text.replace(old, new), encoding="utf-8")
    return root, at


CASES = [  # (file, text, replacement, what the problem says)
    ("checks/arithmetic.toml", 'kind = "non-negative"', 'kind = "nonnegative"', "unknown kind 'nonnegative'"),
    ("checks/arithmetic.toml", 'per = "row"\nexpr = "total == upheld', 'per = "rows"\nexpr = "total == upheld', "expected one of 'row', 'column', found 'rows'"),  # noqa: E501
    ("checks/arithmetic.toml", 'derived_from = "A303"\nsummary.zh = "表三：第一项', 'derived_from = "A302"\nsummary.zh = "表三：第一项', "'A302' is not a per-row identity of table3"),  # noqa: E501
    ("checks/arithmetic.toml", 'rows = ["rules", "normative_docs"]', 'rows = ["rules", "normative"]', "unknown row keys ['normative'] in table2"),  # noqa: E501
    ("checks/arithmetic.toml", 'expr = "in_force >= issued - repealed"', 'expr = "0 <= in_force - issued + repealed"', "the left side must"),  # noqa: E501
    ("checks/arithmetic.toml", 'templates = ["2021"]', 'templates = ["2022"]', "unknown format '2022'"),
    ("checks/arithmetic.toml", 'columns = ["count", "delta"]', 'columns = ["count", "deltas"]', "unknown column kinds ['deltas']"),  # noqa: E501
    ("checks/tables.toml", 'unlabelled = "（无标签）"', 'unlabeled = "（无标签）"', "unknown key 'unlabeled'"),  # noqa: E501
    ("checks/tables.toml", 'hint.en.unknown = ', 'hint.en.unknow = ', "hint.en.unknow"),
    ("checks/tables.toml", 'identities = ["A303", "A304", "A307"]', 'identities = ["A303", "A301"]', "'A301' is not a per-row identity"),  # noqa: E501
    ("checks/compliance.toml", 'at_table = "table2"', 'at_table = "table9"', "unknown table 'table9'"),
    ("checks/structure.toml", 'start.en = "the start of the report"\n', "", "start.en: required key missing"),
    ("checks/structure.toml", 'message.zh = "标题“{heading}”', 'message.zh = "标题“{heading”', "not a valid template"),  # noqa: E501
    ("checks/input.toml", 'max_bytes = 20_000_000', 'max_bytes = "20MB"', "expected an integer"),
    ("checks/input.toml", 'code = "E006"', 'code = "E06"', "code 'E06' must be one of the letters"),
    ("checks/input.toml", "[[rule]]\ncode = \"E001\"", "[[rules]]\ncode = \"E001\"", "unknown table or key 'rules'"),  # noqa: E501
    ("templates/2021.toml", 'labels = ["行政许可"]\ncolumns = ["decisions"]', 'labels = ["行政许可"]\ncolumns = ["decision"]', "unknown columns ['decision']"),  # noqa: E501
    ("templates/2021.toml", 'kind = "amount"', 'kind = "amounts"', "unknown kind 'amounts'"),
    ("templates/2021.toml", 'section = "proactive"', 'section = "active"', "unknown section 'active'"),
    ("templates/values.toml", 'decrease = ["减少", "减"]', 'decreases = ["减少", "减"]', "unknown key 'decreases'"),  # noqa: E501
]  # fmt: skip


@pytest.mark.parametrize(("file", "old", "new", "message"), CASES, ids=[c[3][:30] for c in CASES])
def test_a_broken_rules_directory_is_refused(
    tmp_path: Path, file: str, old: str, new: str, message: str
) -> None:
    root, _ = broken(tmp_path, file, old, new)
    with pytest.raises(RulesError) as caught:
        load_catalog(root)
    found = [p for p in caught.value.problems if message in p.message]
    assert found, str(caught.value)
    assert all(p.file == str(root / file) for p in found)


@pytest.mark.parametrize(
    ("file", "old", "new"),
    [
        ("checks/arithmetic.toml", 'kind = "non-negative"', 'kind = "nonnegative"'),
        ("checks/tables.toml", 'unlabelled = "（无标签）"', 'unlabeled = "（无标签）"'),
        ("checks/arithmetic.toml", 'rows = ["rules", "normative_docs"]', 'rows = ["rules", "normative"]'),
        (
            "templates/2021.toml",
            'labels = ["行政许可"]\ncolumns = ["decisions"]',
            'labels = ["行政许可"]\ncolumns = ["decision"]',
        ),
    ],
)
def test_the_problem_points_at_the_line(tmp_path: Path, file: str, old: str, new: str) -> None:
    root, line = broken(tmp_path, file, old, new)
    with pytest.raises(RulesError) as caught:
        load_catalog(root)
    lines = [p.line for p in caught.value.problems]
    if file.startswith("templates/"):  # a template's problem points at its table
        text = (root / file).read_text(encoding="utf-8").split("\n")
        table = max(i for i, t in enumerate(text[:line], 1) if t.startswith("[tables."))
        assert lines == [table]
    else:
        assert line in lines


def test_every_problem_is_reported_at_once(tmp_path: Path) -> None:
    root, _ = broken(tmp_path, "checks/tables.toml", 'unlabelled = "（无标签）"', 'unlabeled = "（无标签）"')
    text = (root / "checks/arithmetic.toml").read_text(encoding="utf-8")
    (root / "checks/arithmetic.toml").write_text(text.replace('kind = "integer"', 'kind = "int"'), "utf-8")
    with pytest.raises(RulesError) as caught:
        load_catalog(root)
    files = {Path(p.file).name for p in caught.value.problems}
    assert files == {"tables.toml", "arithmetic.toml"}


def test_the_shipped_rules_load_and_name_their_checks() -> None:
    catalog = default_catalog()
    for rule in catalog.rules:
        assert rule.check.name == (rule.kind or rule.code)
        assert rule.doc == catalog.docs / f"{rule.code}.md"


def test_input_rules_cannot_be_selected_away() -> None:
    catalog = default_catalog()
    inputs = {r.code for r in catalog.rules if r.kind == "input"}
    assert inputs == {r.code for r in catalog.rules if not r.selectable}
    assert inputs
    for select, ignore in ((["A"], None), (None, ["E"]), (["S101"], ["E001"])):
        assert inputs <= resolve(catalog, select, ignore).enabled


def test_letters_select_their_family_only() -> None:
    catalog = load_catalog(extra=[Path(__file__).parent / "packs" / "guangdong"])
    assert {c for c in resolve(catalog, ["GD"]).enabled if not c.startswith("E")} == {"GD101", "GD102"}
    assert not any(c.startswith("GD") for c in resolve(catalog, ["T"]).enabled)
    assert resolve(catalog, ["GD1"]).enabled >= {"GD101", "GD102"}
