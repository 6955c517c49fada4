"""One failing and one passing fixture for every rule of the catalog.

Every fixture starts from a consistent synthetic report (`reportgen`) and changes exactly one thing
in its text with plain string edits. A failing case states the exact findings of its rule, as
(row, col) pairs (plus `about` for A300), with the numbers and lines derived from the generated
report, and the exact set of the other rule codes it may raise ("one cause, one finding"). A
passing case states that its rule is absent, and that nothing else was found either.

`test_every_rule_has_cases` holds the registries below against the catalog.
"""

from __future__ import annotations

import io
import random
import zipfile
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

import attrs
import pytest

from govdisclose_check.api import check_bytes, check_file, check_text
from govdisclose_check.catalog import Catalog, TableSpec, default_catalog, load_catalog
from govdisclose_check.catalog.resources import rules_dir
from govdisclose_check.config import Settings
from govdisclose_check.gate import Gate, run_gate
from govdisclose_check.model import CheckResult, Finding, Number
from reportgen import HEADINGS, LAYOUTS, SyntheticReport, random_report, render, show, spec

SEED = 1
ALL_LAYOUTS: tuple[str, ...] = tuple(LAYOUTS)
# A variant is "layout" or "layout/table4_layout" (table 四 as one run of 15 values or as three rows).
T4_VARIANTS: tuple[str, ...] = (*ALL_LAYOUTS, "tab/groups", "pipe/groups", "cells/groups", "spaces/groups")
APPLICANT = "commercial"  # the applicant column the table 三 edits change

# ------------------------------------------------------------------------------------- fixtures


def _block(cells: Sequence[str], layout: str) -> str:
    """A table row as `reportgen.render` writes it, newline-terminated."""
    if layout == "tab":
        lines = ["\t".join(cells)]
    elif layout == "pipe":
        lines = ["| " + " | ".join(cells) + " |"]
    elif layout == "spaces":
        lines = [" ".join(cells)]
    else:
        lines = [*("\t" + c for c in cells), ""]
    return "\n".join(lines) + "\n"


class Fixture:
    """A rendered synthetic report and the plain string edits the cases make to its text.

    The report's numbers are never changed: expectations are derived from them, and the edits
    replace the rendered text of one row (or line) at a time.
    """

    def __init__(self, report: SyntheticReport, variant: str = "tab") -> None:
        layout, _, table4_layout = variant.partition("/")
        self.report = report
        self.layout = layout
        self.table4_layout = table4_layout or "line"
        self.text = render(report, self.layout, self.table4_layout)

    # -- the report's numbers
    def spec(self, table: str) -> TableSpec:
        return spec(self.report.template, table)

    def values(self, table: str) -> dict[str, dict[str, Number]]:
        return {"table2": self.report.table2, "table3": self.report.table3, "table4": self.report.table4}[
            table
        ]

    def value(self, table: str, row: str, col: str) -> Number:
        return self.values(table)[row][col]

    def int_value(self, table: str, row: str, col: str) -> int:
        value = self.value(table, row, col)
        assert isinstance(value, int)
        return value

    # -- where a row stands in the text
    def _sequential(self, table: str) -> bool:
        return table == "table4" and self.table4_layout == "line"

    def cells(self, table: str, row: str) -> list[str]:
        """The cells of the rendered block that holds `row` (table 四 as one run: all 15 values)."""
        sp = self.spec(table)
        if self._sequential(table):
            return [show(self.report.table4[r.key][c.key]) for r in sp.value_rows for c in sp.columns]
        values = self.values(table)[row]
        return [sp.row(row).label, *(show(values[c], sp.column(c).kind) for c in sp.row(row).columns)]

    def index(self, table: str, row: str, col: str) -> int:
        sp = self.spec(table)
        if self._sequential(table):
            rows = [r.key for r in sp.value_rows]
            cols = [c.key for c in sp.columns]
            return rows.index(row) * len(cols) + cols.index(col)
        return 1 + sp.row(row).columns.index(col)

    def _find(self, cells: Sequence[str]) -> int:
        needle = "\n" + _block(cells, self.layout)
        assert self.text.count(needle) == 1, f"the row {cells!r} is not once in the text"
        return self.text.index(needle)

    def line(self, table: str, row: str, col: str | None = None) -> int:
        """The 1-based line of a row's label, or of one of its cells."""
        start = self.text[: self._find(self.cells(table, row))].count("\n") + 2
        if self.layout != "cells":
            return start
        return start + (self.index(table, row, col) if col is not None else 0)

    # -- edits
    def replace(self, old: str, new: str) -> None:
        assert self.text.count(old) == 1, f"{old!r} is not once in the text"
        self.text = self.text.replace(old, new)

    def replace_cells(self, table: str, row: str, cells: Sequence[str]) -> None:
        old = self.cells(table, row)
        at = self._find(old)
        self.text = (
            self.text[:at]
            + "\n"
            + _block(cells, self.layout)
            + self.text[at + 1 + len(_block(old, self.layout)) :]
        )

    def set(self, table: str, row: str, changes: Mapping[str, str]) -> None:
        """Write `raw` text into the given columns of one row."""
        cells = self.cells(table, row)
        for col, raw in changes.items():
            cells[self.index(table, row, col)] = raw
        self.replace_cells(table, row, cells)

    def delete_row(self, table: str, row: str) -> None:
        old = _block(self.cells(table, row), self.layout)
        self.replace("\n" + old, "\n")

    def insert_after(self, table: str, row: str, cells: Sequence[str]) -> int:
        """Insert a row after `row`; return the line of the new row's label."""
        old = _block(self.cells(table, row), self.layout)
        line = self.line(table, row) + old.count("\n")
        self.replace("\n" + old, "\n" + old + _block(cells, self.layout))
        return line

    def lines(self) -> list[str]:
        return self.text.split("\n")

    def heading_index(self, key: str) -> int:
        heading = {**HEADINGS, **self.report.headings}[key]
        lines = self.lines()
        assert lines.count(heading) == 1
        return lines.index(heading)

    def section_span(self, key: str) -> tuple[int, int]:
        """Line indexes [start, end) of a section: its heading up to the next heading (or signature)."""
        keys = list(HEADINGS)
        start = self.heading_index(key)
        at = keys.index(key)
        end = self.heading_index(keys[at + 1]) if at + 1 < len(keys) else self.lines().index(self.report.body)
        return start, end

    def check(self) -> CheckResult:
        return check_text(self.text)


def fixture(
    variant: str = "tab", *, seed: int = SEED, template: str = "2021", year: int | None = None
) -> Fixture:
    return Fixture(random_report(random.Random(seed), template, year), variant)


def fixture_where(variant: str, accept: Callable[[Fixture], bool], template: str = "2021") -> Fixture:
    """The first seeded fixture that `accept`s (the cases that need some property of the numbers)."""
    for seed in range(200):
        candidate = fixture(variant, seed=seed, template=template)
        if accept(candidate):
            return candidate
    raise AssertionError("no seed gives a fitting report")


def identities_needing(fx: Fixture, table: str, row: str, col: str) -> list[str]:
    """The codes of the identity rules whose evaluation needs the cell (row, col), from the catalog."""
    sp = fx.spec(table)
    codes = []
    for rule in default_catalog().rules:
        expr = rule.identity
        if expr is None or rule.param("table") != table:
            continue
        templates = rule.param("templates")
        if templates and fx.report.template not in templates:
            continue
        if rule.param("per") == "row":
            rows = rule.param("rows", [r.key for r in sp.value_rows])
            needed = row in rows and col in expr.keys(tuple(c.key for c in sp.columns))
        else:
            derived = rule.param("derived_columns", [])
            needed = col not in derived and row in expr.keys(tuple(r.key for r in sp.value_rows))
        if needed:
            codes.append(rule.code)
    return codes


def identities_needing_row(fx: Fixture, table: str, row: str) -> tuple[str, ...]:
    """The identity codes that need some cell of `row` (a row missing or miscounted as a whole)."""
    cols = fx.spec(table).row(row).columns
    return tuple(sorted({code for col in cols for code in identities_needing(fx, table, row, col)}))


def catalog_with_limit(max_bytes: int) -> Catalog:
    """The catalog of `rules/` with E005's byte limit changed."""
    catalog = load_catalog(rules_dir())
    e005 = catalog.rule("E005")
    changed = attrs.evolve(e005, params={**e005.params, "max_bytes": max_bytes})
    return attrs.evolve(catalog, rules=tuple(changed if r.code == "E005" else r for r in catalog.rules))


# ------------------------------------------------------------------------------------ registries


@dataclass(frozen=True)
class Want:
    """One finding a failing case expects. `row`, `col` and `about` identify it; the other fields
    are checked when given."""

    row: str | None = None
    col: str | None = None
    about: str | None = None
    expected: Number | str | None = None
    actual: Number | str | None = None
    line: int | None = None
    section: str | None = None
    table: str | None = None
    message_has: tuple[str, ...] = ()

    @property
    def key(self) -> tuple[str | None, str | None, str | None]:
        return (self.row, self.col, self.about)


@dataclass(frozen=True)
class Outcome:
    result: CheckResult
    wants: tuple[Want, ...]
    also: frozenset[str] = frozenset()  # the exact set of the other rule codes in the findings
    abouts: tuple[str, ...] | None = None  # when A300 is in `also`: the `about` of each A300 finding


@dataclass(frozen=True)
class Clean:
    result: CheckResult


Build = Callable[[str, Path], Outcome]
PassBuild = Callable[[str, Path], Clean]


@dataclass(frozen=True)
class Case:
    code: str
    name: str
    variants: tuple[str, ...]
    build: Build


@dataclass(frozen=True)
class PassCase:
    code: str
    name: str
    variants: tuple[str, ...]
    build: PassBuild


FAILING: dict[str, list[Case]] = {}
PASSING: dict[str, list[PassCase]] = {}


def add_failing(code: str, name: str, build: Build, variants: Iterable[str] = ("tab",)) -> None:
    FAILING.setdefault(code, []).append(Case(code, name, tuple(variants), build))


def add_passing(code: str, name: str, build: PassBuild, variants: Iterable[str] = ("tab",)) -> None:
    PASSING.setdefault(code, []).append(PassCase(code, name, tuple(variants), build))


def failing(code: str, variants: Iterable[str] = ("tab",)) -> Callable[[Build], Build]:
    def register(build: Build) -> Build:
        add_failing(code, build.__name__.lstrip("_").replace("_", "-"), build, variants)
        return build

    return register


def passing(code: str, variants: Iterable[str] = ("tab",)) -> Callable[[PassBuild], PassBuild]:
    def register(build: PassBuild) -> PassBuild:
        add_passing(code, build.__name__.lstrip("_").replace("_", "-"), build, variants)
        return build

    return register


def _consistent(variant: str, _tmp: Path) -> Clean:
    return Clean(fixture(variant).check())


def _consistent_2019(variant: str, _tmp: Path) -> Clean:
    return Clean(fixture(variant, template="2019").check())


# ------------------------------------------------------------------------------------ E: input

REPORT_BYTES = render(random_report(random.Random(SEED)), "tab").encode("utf-8")


def _only(result: CheckResult, message_has: tuple[str, ...] = ()) -> Outcome:
    """An input error stops the check: its finding is the only one, at line 1."""
    return Outcome(result, (Want(line=1, message_has=message_has),))


@failing("E001")
def _missing_path(_variant: str, tmp: Path) -> Outcome:
    return _only(check_file(tmp / "no-such-report.txt"))


@failing("E001")
def _directory(_variant: str, tmp: Path) -> Outcome:
    return _only(check_file(tmp))


@passing("E001")
def _existing_file(_variant: str, tmp: Path) -> Clean:
    path = tmp / "report.txt"
    path.write_bytes(REPORT_BYTES)
    return Clean(check_file(path))


@failing("E002")
def _binary_bytes(_variant: str, _tmp: Path) -> Outcome:
    return _only(check_bytes(bytes(range(256))))


@failing("E002")
def _short_binary_bytes(_variant: str, _tmp: Path) -> Outcome:
    return _only(check_bytes(bytes(range(8))))


@failing("E002")
def _broken_utf16(_variant: str, _tmp: Path) -> Outcome:
    return _only(check_bytes(b"\xff\xfe" + "一、总体情况\n".encode("utf-16-le") + b"\x00\xd8"))


@passing("E002")
def _gb18030_report(_variant: str, _tmp: Path) -> Clean:
    return Clean(check_bytes(REPORT_BYTES.decode("utf-8").encode("gb18030")))


@passing("E002")
def _utf16_report(_variant: str, _tmp: Path) -> Clean:
    return Clean(check_bytes(REPORT_BYTES.decode("utf-8").encode("utf-16")))


@failing("E003")
def _empty_bytes(_variant: str, _tmp: Path) -> Outcome:
    return _only(check_bytes(b""), message_has=("0",))


@failing("E003")
def _blank_lines(_variant: str, _tmp: Path) -> Outcome:
    data = b" \n\t\n"
    return _only(check_bytes(data), message_has=(str(len(data)),))


@failing("E003")
def _blank_text(_variant: str, _tmp: Path) -> Outcome:
    return _only(check_text("\n  \n"))


@passing("E003")
def _report_bytes(_variant: str, _tmp: Path) -> Clean:
    return Clean(check_bytes(REPORT_BYTES))


NOT_A_REPORT = "404 Not Found\n您访问的页面不存在或已被删除，请返回首页。\n某某区人民政府门户网站 版权所有\n"


@failing("E004")
def _error_page(_variant: str, _tmp: Path) -> Outcome:
    return _only(check_bytes(NOT_A_REPORT.encode("utf-8")))


@passing("E004")
def _report_text(_variant: str, _tmp: Path) -> Clean:
    return Clean(check_text(REPORT_BYTES.decode("utf-8")))


@failing("E005")
def _bytes_over_limit(_variant: str, _tmp: Path) -> Outcome:
    limit = len(REPORT_BYTES) - 1
    result = check_bytes(REPORT_BYTES, catalog=catalog_with_limit(limit))
    return _only(result, message_has=(str(len(REPORT_BYTES)), str(limit)))


@failing("E005")
def _file_over_limit(_variant: str, tmp: Path) -> Outcome:
    path = tmp / "report.txt"
    path.write_bytes(REPORT_BYTES)
    limit = len(REPORT_BYTES) - 1
    result = check_file(path, catalog=catalog_with_limit(limit))
    return _only(result, message_has=(str(len(REPORT_BYTES)), str(limit)))


@passing("E005")
def _bytes_at_limit(_variant: str, _tmp: Path) -> Clean:
    return Clean(check_bytes(REPORT_BYTES, catalog=catalog_with_limit(len(REPORT_BYTES))))


def _unsupported(head: bytes) -> Build:
    """A file in a format that is not read yet (told by its first bytes), the report's text after."""

    def build(_variant: str, _tmp: Path) -> Outcome:
        return _only(check_bytes(head + REPORT_BYTES))

    return build


add_failing("E006", "png", _unsupported(b"\x89PNG\r\n\x1a\n"))
add_failing("E006", "gif", _unsupported(b"GIF89a"))
add_failing("E008", "truncated-docx", _unsupported(b"PK\x03\x04\x14\x00\x06\x00"))


def _zipped(members: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, content in members.items():
            archive.writestr(name, content)
    return buffer.getvalue()


@failing("E009")
def _zip_bomb(_variant: str, _tmp: Path) -> Outcome:
    bomb = _zipped({"[Content_Types].xml": b"<Types/>", "word/document.xml": b" " * 3_000_000})
    return _only(check_bytes(bomb, "report.docx"), message_has=("word/document.xml",))


@passing("E009")
def _text_that_compresses_well(_variant: str, _tmp: Path) -> Clean:
    """A report with a long, very repetitive paragraph is text, whatever its zip ratio would be."""
    fx = fixture()
    fx.replace("\n一、总体情况\n", "\n" + "本机关认真贯彻落实条例。" * 2000 + "\n一、总体情况\n")
    return Clean(check_bytes(fx.text.encode("utf-8")))


@passing("E008")
def _report_starting_with_pk(_variant: str, _tmp: Path) -> Clean:
    """Text that begins with the letters PK is not a zip."""
    fx = fixture()
    return Clean(check_bytes(("PK" + fx.text).encode("utf-8")))


@passing("E006")
def _report_naming_other_formats(_variant: str, _tmp: Path) -> Clean:
    """A plain-text report (with a UTF-8 mark) that mentions PDF and HTML is still plain text."""
    fx = fixture()
    fx.replace("\n一、总体情况\n", "\n本报告另有PDF版本和HTML网页版本。\n一、总体情况\n")
    return Clean(check_bytes(b"\xef\xbb\xbf" + fx.text.encode("utf-8")))


# ------------------------------------------------------------------------------- S: structure


def _drop_heading(key: str) -> Build:
    def build(variant: str, _tmp: Path) -> Outcome:
        fx = fixture(variant)
        fx.replace("\n" + HEADINGS[key] + "\n", "\n")
        return Outcome(fx.check(), (Want(section=key),))

    return build


for _section in HEADINGS:
    add_failing("S101", f"drop-{_section}", _drop_heading(_section))


@passing("S101")
def _heading_variants(variant: str, _tmp: Path) -> Clean:
    """Headings as real reports write them: markdown marks, spaces, the longer titles of 四 and 五."""
    report = random_report(random.Random(SEED))
    report.headings = {
        "overview": "## 一、总体情况",
        "proactive": "**二、主动公开政府信息情况**",
        "requests": "  三、 收到和处理政府信息公开申请情况",
        "review_litigation": "四、因政府信息公开工作被申请行政复议和提起行政诉讼情况",
        "problems": "五、政府信息公开工作存在的主要问题及改进情况",
        "other": "六、其他需要报告的事项",
    }
    return Clean(Fixture(report, variant).check())


def _swap_sections(first: str, second: str) -> Build:
    """Swap two adjacent sections, each with its body (and table); the first one is reported."""

    def build(variant: str, _tmp: Path) -> Outcome:
        fx = fixture(variant)
        (a, b), (c, d) = fx.section_span(first), fx.section_span(second)
        assert b == c
        lines = fx.lines()
        fx.text = "\n".join(lines[:a] + lines[c:d] + lines[a:b] + lines[d:])
        return Outcome(fx.check(), (Want(section=first, line=a + (d - c) + 1),))

    return build


add_failing("S102", "swap-problems-other", _swap_sections("problems", "other"))
add_failing("S102", "swap-requests-review", _swap_sections("requests", "review_litigation"))
add_passing("S102", "consistent", _consistent)


@failing("S103")
def _dash_for_one(variant: str, _tmp: Path) -> Outcome:
    fx = fixture(variant)
    fx.replace("\n一、总体情况\n", "\n—、总体情况\n")
    line = fx.lines().index("—、总体情况") + 1
    return Outcome(fx.check(), (Want(section="overview", expected="一", actual="—", line=line),))


@failing("S103")
def _two_for_three(variant: str, _tmp: Path) -> Outcome:
    fx = fixture(variant)
    fx.replace("\n三、收到和处理", "\n二、收到和处理")
    return Outcome(fx.check(), (Want(section="requests", expected="三", actual="二"),))


@passing("S103")
def _heading_marks(variant: str, _tmp: Path) -> Clean:
    report = random_report(random.Random(SEED))
    report.headings = {"overview": "# 一、总体情况", "requests": "**三、收到和处理政府信息公开申请情况**"}
    return Clean(Fixture(report, variant).check())


@failing("S104")
def _title_without_year(variant: str, _tmp: Path) -> Outcome:
    """The rule's own failing example: the period still states the year, the title does not."""
    fx = fixture(variant)
    fx.replace(f"{fx.report.year}年政府信息公开工作年度报告", "政府信息公开工作年度报告")
    return Outcome(fx.check(), (Want(line=1),))


@failing("S104")
def _no_year_anywhere(variant: str, _tmp: Path) -> Outcome:
    fx = fixture(variant)
    fx.replace(f"{fx.report.year}年政府信息公开工作年度报告", "政府信息公开工作年度报告")
    fx.replace(f"自{fx.report.year}年1月1日起至{fx.report.year}年12月31日止", "自1月1日起至12月31日止")
    return Outcome(fx.check(), (Want(line=1),))


@passing("S104")
def _year_in_title(variant: str, _tmp: Path) -> Clean:
    fx = fixture(variant)
    fx.replace(f"自{fx.report.year}年1月1日起至{fx.report.year}年12月31日止", "自1月1日起至12月31日止")
    return Clean(fx.check())


# ------------------------------------------------------------------------------ T: table shape


def _t201_table3(variant: str, _tmp: Path) -> Outcome:
    fx = fixture(variant)
    row = "denied.third_party"
    fx.delete_row("table3", row)
    abouts = identities_needing_row(fx, "table3", row)
    return Outcome(fx.check(), (Want(row=row, table="table3"),), frozenset({"A300"}), abouts)


def _t201_table2(variant: str, _tmp: Path) -> Outcome:
    fx = fixture(variant)
    fx.delete_row("table2", "penalty")
    return Outcome(fx.check(), (Want(row="penalty", table="table2"),))


add_failing("T201", "delete-table3-row", _t201_table3, ALL_LAYOUTS)
add_failing("T201", "delete-table2-row", _t201_table2, ALL_LAYOUTS)


@passing("T201", ALL_LAYOUTS)
def _older_label_of_normative_docs(variant: str, _tmp: Path) -> Clean:
    """规范性文件 for 行政规范性文件 in a 2021 table 二 is the same row."""
    fx = fixture(variant)
    old = fx.cells("table2", "normative_docs")
    fx.replace_cells("table2", "normative_docs", ["规范性文件", *old[1:]])
    return Clean(fx.check())


def _delete_table(table: str, sentence: str | None = None) -> Build:
    """Delete every line of a table's section but its heading (or put one sentence in their place)."""

    def build(variant: str, _tmp: Path) -> Outcome:
        fx = fixture(variant)
        section = fx.spec(table).section
        start, end = fx.section_span(section)
        lines = fx.lines()
        fx.text = "\n".join(lines[: start + 1] + ([sentence] if sentence else []) + lines[end:])
        return Outcome(fx.check(), (Want(table=table, section=section),))

    return build


for _table in ("table2", "table3", "table4"):
    add_failing("T202", f"delete-{_table}", _delete_table(_table), ("tab", "cells"))
add_failing("T202", "sentence-for-table3", _delete_table("table3", "本年度未收到政府信息公开申请。"))
add_failing(
    "T202",
    "sentence-for-table4",
    _delete_table("table4", "本年度未发生因政府信息公开工作引起的行政复议、行政诉讼案件。"),
)
add_passing("T202", "consistent", _consistent, ALL_LAYOUTS)


@failing("T203", ALL_LAYOUTS)
def _unknown_labelled_row(variant: str, _tmp: Path) -> Outcome:
    fx = fixture(variant)
    line = fx.insert_after("table3", "granted", ["（八）其他情形", *["1"] * 7])
    return Outcome(fx.check(), (Want(table="table3", line=line, message_has=("7",)),))


@failing("T203", ALL_LAYOUTS)
def _single_other_handling_row_in_2021(variant: str, _tmp: Path) -> Outcome:
    """The 2019 one-row （六）其他处理 in a 2021 table 三: T203 for it, T201 for the three rows, and
    the identities needing those rows not assessable."""
    fx = fixture(variant)
    sp = fx.spec("table3")
    parts = [r.key for r in sp.value_rows if r.parent == "other_handling"]
    summed = [str(sum(fx.int_value("table3", k, c.key) for k in parts)) for c in sp.columns]
    old = _block(["（六）其他处理"], fx.layout) + "".join(
        _block(fx.cells("table3", k), fx.layout) for k in parts
    )
    fx.replace("\n" + old, "\n" + _block(["（六）其他处理", *summed], fx.layout))
    abouts = tuple(sorted({code for k in parts for code in identities_needing_row(fx, "table3", k)}))
    result = fx.check()
    missing = sorted((f.row or "") for f in result.findings if f.rule == "T201")
    assert missing == sorted(parts)
    want = Want(row="other_handling", table="table3")
    return Outcome(result, (want,), frozenset({"T201", "A300"}), abouts)


@passing("T203", ALL_LAYOUTS)
def _single_other_handling_row_in_2019(variant: str, tmp: Path) -> Clean:
    return _consistent_2019(variant, tmp)


@failing("T204", ALL_LAYOUTS)
def _six_values_for_seven(variant: str, _tmp: Path) -> Outcome:
    """A row one value short: T204 and not-assessable identities, never an arithmetic error."""
    fx = fixture(variant)
    row = "granted"
    cells = fx.cells("table3", row)
    line = fx.line("table3", row)
    fx.replace_cells("table3", row, cells[:3] + cells[4:])
    abouts = identities_needing_row(fx, "table3", row)
    want = Want(row=row, table="table3", expected=len(cells) - 1, actual=len(cells) - 2, line=line)
    return Outcome(fx.check(), (want,), frozenset({"A300"}), abouts)


@failing("T204", ALL_LAYOUTS)
def _two_values_for_three(variant: str, _tmp: Path) -> Outcome:
    fx = fixture(variant)
    row = "rules"
    cells = fx.cells("table2", row)
    fx.replace_cells("table2", row, cells[:-1])
    abouts = identities_needing_row(fx, "table2", row)
    want = Want(row=row, table="table2", expected=len(cells) - 1, actual=len(cells) - 2)
    return Outcome(fx.check(), (want,), frozenset({"A300"}), abouts)


@failing("T204", T4_VARIANTS)
def _fourteen_values_for_fifteen(variant: str, _tmp: Path) -> Outcome:
    """One value short in table 四: as one run of 15, or in the three-row layout in the row itself."""
    fx = fixture(variant)
    cells = fx.cells("table4", "review")
    fx.replace_cells("table4", "review", cells[:-1])
    if fx.table4_layout == "line":
        want = Want(table="table4", expected=len(cells), actual=len(cells) - 1)
    else:
        want = Want(row="review", table="table4", expected=len(cells) - 1, actual=len(cells) - 2)
    return Outcome(fx.check(), (want,), frozenset({"A300"}), identities_needing_row(fx, "table4", "review"))


add_passing("T204", "consistent", _consistent, T4_VARIANTS)


def _not_a_number(table: str, row: str, col: str, raw: str, *, same_raw: bool = True) -> Build:
    """Write `raw` where a number belongs: T205, and one A300 for each identity needing the cell.
    `same_raw`: the finding quotes the cell as written (not asked of &nbsp;, which may be read as blank)."""

    def build(variant: str, _tmp: Path) -> Outcome:
        fx = fixture(variant)
        line = fx.line(table, row, col)
        fx.set(table, row, {col: raw})
        abouts = tuple(identities_needing(fx, table, row, col))
        want = Want(row=row, col=col, table=table, actual=raw if same_raw else None, line=line)
        return Outcome(fx.check(), (want,), frozenset({"A300"}) if abouts else frozenset(), abouts)

    return build


for _raw in ("/", "—", "-", "无", "不适用"):
    add_failing("T205", f"table3-{_raw}", _not_a_number("table3", "granted", APPLICANT, _raw), ALL_LAYOUTS)
add_failing("T205", "table4-slash", _not_a_number("table4", "review", "corrected", "/"), T4_VARIANTS)
add_failing("T205", "table2-fees-slash", _not_a_number("table2", "fees", "amount", "/"), ALL_LAYOUTS)
add_failing("T205", "table3-blank", _not_a_number("table3", "granted", APPLICANT, ""), ("tab", "pipe"))
add_failing(
    "T205",
    "table3-nbsp",
    _not_a_number("table3", "granted", APPLICANT, "&nbsp;", same_raw=False),
    ("tab", "pipe"),
)
add_failing("T205", "table3-text", _not_a_number("table3", "granted", APPLICANT, "若干"), ("tab", "pipe"))


@passing("T205", ALL_LAYOUTS)
def _all_zero(variant: str, _tmp: Path) -> Clean:
    report = random_report(random.Random(SEED))
    for table in (report.table3, report.table4):
        for values in table.values():
            for col in values:
                values[col] = 0
    return Clean(Fixture(report, variant).check())


def _scramble_formats(template: str) -> Build:
    """Every table 二 column heading and every word that tells the formats apart replaced."""

    def build(variant: str, _tmp: Path) -> Outcome:
        fx = fixture(variant, template=template)
        words: set[str] = set()
        for tmpl in default_catalog().templates.values():
            words.update(tmpl.markers)
            words.update(c.label for c in tmpl.tables["table2"].columns)
        for word in sorted(words, key=len, reverse=True):
            fx.text = fx.text.replace(word, "数据")
        assert not any(word in fx.text for word in words)
        return Outcome(fx.check(), (Want(),))

    return build


add_failing("T206", "scramble-2021", _scramble_formats("2021"), ALL_LAYOUTS)
add_failing("T206", "scramble-2019", _scramble_formats("2019"), ALL_LAYOUTS)
add_passing("T206", "consistent-2021", _consistent, ALL_LAYOUTS)
add_passing("T206", "consistent-2019", _consistent_2019, ALL_LAYOUTS)


def _unit(table: str, row: str, col: str, unit: str) -> Build:
    def build(variant: str, _tmp: Path) -> Outcome:
        fx = fixture(variant)
        raw = f"{show(fx.value(table, row, col))}{unit}"
        line = fx.line(table, row, col)
        fx.set(table, row, {col: raw})
        return Outcome(fx.check(), (Want(row=row, col=col, table=table, actual=raw, line=line),))

    return build


add_failing("T207", "table3-jian", _unit("table3", "granted", APPLICANT, "件"), ALL_LAYOUTS)
add_failing("T207", "table2-jian", _unit("table2", "licensing", "decisions", "件"), ALL_LAYOUTS)
add_failing("T207", "table4-ge", _unit("table4", "litigation_direct", "pending", "个"), T4_VARIANTS)


@passing("T207", ALL_LAYOUTS)
def _units_where_allowed(variant: str, _tmp: Path) -> Clean:
    """增/减 in a delta, 元 in the 2019 procurement amount, 万元 in the 2021 fee amount."""
    fx = fixture(variant, template="2019")
    fx.set("table2", "procurement", {"amount": f"{fx.value('table2', 'procurement', 'amount')}元"})
    assert any(c.startswith(("增", "减")) for r in ("licensing", "penalty") for c in fx.cells("table2", r))
    fx21 = fixture(variant)
    fx21.set("table2", "fees", {"amount": f"{fx21.value('table2', 'fees', 'amount')}万元"})
    first, second = fx.check(), fx21.check()
    return Clean(attrs.evolve(first, findings=first.findings + second.findings))


# ------------------------------------------------------------------------------ A: arithmetic


@failing("A300", T4_VARIANTS)
def _table4_cell_slash(variant: str, _tmp: Path) -> Outcome:
    fx = fixture(variant)
    fx.set("table4", "litigation_after_review", {"upheld": "/"})
    want = Want(about="A304", table="table4", section=fx.spec("table4").section)
    return Outcome(fx.check(), (want,), frozenset({"T205"}))


@failing("A300", ALL_LAYOUTS)
def _table3_cell_slash(variant: str, _tmp: Path) -> Outcome:
    fx = fixture(variant)
    fx.set("table3", "carried_over", {APPLICANT: "/"})
    abouts = identities_needing(fx, "table3", "carried_over", APPLICANT)
    wants = tuple(Want(about=code, table="table3", message_has=(code,)) for code in abouts)
    return Outcome(fx.check(), wants, frozenset({"T205"}))


add_passing("A300", "consistent", _consistent, T4_VARIANTS)


def _t3_add(fx: Fixture, row: str, col: str, delta: int) -> dict[str, str]:
    """The edits that add `delta` to one applicant cell of a row and to its total, keeping the row total."""
    return {
        col: str(fx.int_value("table3", row, col) + delta),
        "total": str(fx.int_value("table3", row, "total") + delta),
    }


@failing("A301", ALL_LAYOUTS)
def _granted_not_received(variant: str, _tmp: Path) -> Outcome:
    """One more request granted and counted in （七）总计, but not in 一 or 二: the balance fails,
    the results total and every row total hold."""
    fx = fixture(variant)
    c = APPLICANT
    line = fx.line("table3", "results_total", c)
    fx.set("table3", "granted", _t3_add(fx, "granted", c, 1))
    fx.set("table3", "results_total", _t3_add(fx, "results_total", c, 1))
    v = fx.int_value
    expected = v("table3", "new", c) + v("table3", "carried_over", c)
    actual = v("table3", "results_total", c) + 1 + v("table3", "carried_forward", c)
    assert expected + 1 == actual
    return Outcome(fx.check(), (Want(col=c, table="table3", expected=expected, actual=actual, line=line),))


@failing("A301", ALL_LAYOUTS)
def _balance_in_natural_person(variant: str, _tmp: Path) -> Outcome:
    fx = fixture(variant)
    c = "natural_person"
    line = fx.line("table3", "results_total", c)
    fx.set("table3", "granted", _t3_add(fx, "granted", c, 2))
    fx.set("table3", "results_total", _t3_add(fx, "results_total", c, 2))
    v = fx.int_value
    expected = v("table3", "new", c) + v("table3", "carried_over", c)
    actual = v("table3", "results_total", c) + 2 + v("table3", "carried_forward", c)
    return Outcome(fx.check(), (Want(col=c, table="table3", expected=expected, actual=actual, line=line),))


add_passing("A301", "consistent", _consistent, ALL_LAYOUTS)
add_passing("A301", "consistent-2019", _consistent_2019, ALL_LAYOUTS)


@failing("A302", ALL_LAYOUTS)
def _received_not_in_any_result(variant: str, _tmp: Path) -> Outcome:
    """One more request received and in （七）总计, but in no result row: only the results total fails."""
    fx = fixture(variant)
    c = APPLICANT
    line = fx.line("table3", "results_total", c)
    fx.set("table3", "new", _t3_add(fx, "new", c, 1))
    fx.set("table3", "results_total", _t3_add(fx, "results_total", c, 1))
    stated = fx.int_value("table3", "results_total", c)
    return Outcome(fx.check(), (Want(col=c, table="table3", expected=stated, actual=stated + 1, line=line),))


@failing("A302", ALL_LAYOUTS)
def _result_row_off_in_2019(variant: str, _tmp: Path) -> Outcome:
    """The 2019 single （六）其他处理 row counts in the results total too."""
    fx = fixture(variant, template="2019")
    c = "other"
    line = fx.line("table3", "results_total", c)
    fx.set("table3", "new", _t3_add(fx, "new", c, 3))
    fx.set("table3", "results_total", _t3_add(fx, "results_total", c, 3))
    stated = fx.int_value("table3", "results_total", c)
    return Outcome(fx.check(), (Want(col=c, table="table3", expected=stated, actual=stated + 3, line=line),))


add_passing("A302", "consistent", _consistent, ALL_LAYOUTS)
add_passing("A302", "consistent-2019", _consistent_2019, ALL_LAYOUTS)


def _row_total_off(row: str) -> Build:
    """Only a row total is wrong: A303 for that row, and no A301/A302 in the 总计 column."""

    def build(variant: str, _tmp: Path) -> Outcome:
        fx = fixture(variant)
        stated = fx.int_value("table3", row, "total")
        line = fx.line("table3", row, "total")
        fx.set("table3", row, {"total": str(stated + 1)})
        want = Want(row=row, col="total", table="table3", expected=stated, actual=stated + 1, line=line)
        return Outcome(fx.check(), (want,))

    return build


for _row in ("new", "carried_over", "granted", "other_handling.other", "results_total", "carried_forward"):
    add_failing("A303", f"total-of-{_row}", _row_total_off(_row), ALL_LAYOUTS)


@failing("A303", ALL_LAYOUTS)
def _applicant_cell_off(variant: str, _tmp: Path) -> Outcome:
    """A wrong applicant cell in a result row: its row total and its column's results total fail
    (two identities), the 总计 column is not reported again."""
    fx = fixture(variant)
    c, row = APPLICANT, "partly_granted"
    stated = fx.int_value("table3", row, c)
    line = fx.line("table3", row, "total")
    fx.set("table3", row, {c: str(stated + 1)})
    total = fx.int_value("table3", row, "total")
    result = fx.check()
    a302 = [(f.row, f.col, f.expected, f.actual) for f in result.findings if f.rule == "A302"]
    rt = fx.int_value("table3", "results_total", c)
    assert a302 == [(None, c, rt + 1, rt)]
    want = Want(row=row, col="total", table="table3", expected=total + 1, actual=total, line=line)
    return Outcome(result, (want,), frozenset({"A302"}))


add_passing("A303", "consistent", _consistent, ALL_LAYOUTS)
add_passing("A303", "consistent-2019", _consistent_2019, ALL_LAYOUTS)


def _t4_total_off(row: str) -> Build:
    def build(variant: str, _tmp: Path) -> Outcome:
        fx = fixture(variant)
        stated = fx.int_value("table4", row, "total")
        line = fx.line("table4", row, "total")
        fx.set("table4", row, {"total": str(stated + 1)})
        want = Want(row=row, col="total", table="table4", expected=stated, actual=stated + 1, line=line)
        return Outcome(fx.check(), (want,))

    return build


for _row in ("review", "litigation_direct", "litigation_after_review"):
    add_failing("A304", f"total-of-{_row}", _t4_total_off(_row), T4_VARIANTS)


@failing("A304", T4_VARIANTS)
def _pending_off(variant: str, _tmp: Path) -> Outcome:
    fx = fixture(variant)
    row = "litigation_direct"
    stated = fx.int_value("table4", row, "total")
    line = fx.line("table4", row, "total")
    fx.set("table4", row, {"pending": str(fx.int_value("table4", row, "pending") + 2)})
    want = Want(row=row, col="total", table="table4", expected=stated + 2, actual=stated, line=line)
    return Outcome(fx.check(), (want,))


add_passing("A304", "consistent", _consistent, T4_VARIANTS)


@failing("A305", ALL_LAYOUTS)
def _negative_decisions(variant: str, _tmp: Path) -> Outcome:
    fx = fixture(variant)
    value = -(fx.int_value("table2", "licensing", "decisions") + 1)
    line = fx.line("table2", "licensing", "decisions")
    fx.set("table2", "licensing", {"decisions": str(value)})
    return Outcome(
        fx.check(), (Want(row="licensing", col="decisions", table="table2", actual=value, line=line),)
    )


@failing("A305", ALL_LAYOUTS)
def _negative_fee_amount(variant: str, _tmp: Path) -> Outcome:
    fx = fixture(variant)
    value = -(Decimal(fx.value("table2", "fees", "amount")) + 1)
    line = fx.line("table2", "fees", "amount")
    fx.set("table2", "fees", {"amount": str(value)})
    return Outcome(fx.check(), (Want(row="fees", col="amount", table="table2", actual=value, line=line),))


@failing("A305", T4_VARIANTS)
def _negative_upheld_balanced(variant: str, _tmp: Path) -> Outcome:
    """upheld = -1 with the row total kept consistent: A305 only (twice if the total goes negative)."""
    fx = fixture(variant)
    row = "review"
    total = fx.int_value("table4", row, "total") - fx.int_value("table4", row, "upheld") - 1
    lines = {c: fx.line("table4", row, c) for c in ("upheld", "total")}
    fx.set("table4", row, {"upheld": "-1", "total": str(total)})
    wants = [Want(row=row, col="upheld", table="table4", actual=-1, line=lines["upheld"])]
    if total < 0:
        wants.append(Want(row=row, col="total", table="table4", actual=total, line=lines["total"]))
    return Outcome(fx.check(), tuple(wants))


@passing("A305", ALL_LAYOUTS)
def _negative_delta_2019(variant: str, _tmp: Path) -> Clean:
    """本年增/减 is signed: -3 and 减3 are not negative counts."""
    fx = fixture(variant, template="2019")
    fx.set("table2", "licensing", {"delta": "-3"})
    fx.set("table2", "penalty", {"delta": "减3"})
    return Clean(fx.check())


@failing("A306", ALL_LAYOUTS)
def _fractional_decisions(variant: str, _tmp: Path) -> Outcome:
    fx = fixture(variant)
    raw = f"{fx.int_value('table2', 'penalty', 'decisions')}.5"
    line = fx.line("table2", "penalty", "decisions")
    fx.set("table2", "penalty", {"decisions": raw})
    want = Want(row="penalty", col="decisions", table="table2", actual=Decimal(raw), line=line)
    return Outcome(fx.check(), (want,))


@failing("A306", T4_VARIANTS)
def _fractional_upheld_balanced(variant: str, _tmp: Path) -> Outcome:
    """1.5 in a table 四 cell and the total half a case more: the identity holds, both are not whole."""
    fx = fixture(variant)
    row = "litigation_after_review"
    upheld = f"{fx.int_value('table4', row, 'upheld')}.5"
    total = f"{fx.int_value('table4', row, 'total')}.5"
    lines = {c: fx.line("table4", row, c) for c in ("upheld", "total")}
    fx.set("table4", row, {"upheld": upheld, "total": total})
    wants = (
        Want(row=row, col="upheld", table="table4", actual=Decimal(upheld), line=lines["upheld"]),
        Want(row=row, col="total", table="table4", actual=Decimal(total), line=lines["total"]),
    )
    return Outcome(fx.check(), wants)


@failing("A306", ALL_LAYOUTS)
def _fractional_delta_2019(variant: str, _tmp: Path) -> Outcome:
    fx = fixture(variant, template="2019")
    fx.set("table2", "coercion", {"delta": "1.5"})
    return Outcome(fx.check(), (Want(row="coercion", col="delta", table="table2", actual=Decimal("1.5")),))


@passing("A306", ALL_LAYOUTS)
def _decimal_fee_amount(variant: str, _tmp: Path) -> Clean:
    """The fee amount of the 2021 table 二 is money in 万元: decimals are normal there."""
    fx = fixture(variant)
    fx.set("table2", "fees", {"amount": "12.5"})
    return Clean(fx.check())


def _issued_minus_repealed(fx: Fixture, row: str) -> int:
    return fx.int_value("table2", row, "issued") - fx.int_value("table2", row, "repealed")


@failing("A307", ALL_LAYOUTS)
def _in_force_too_small(variant: str, _tmp: Path) -> Outcome:
    fx = fixture_where(variant, lambda f: _issued_minus_repealed(f, "rules") >= 1)
    floor = _issued_minus_repealed(fx, "rules")
    line = fx.line("table2", "rules", "in_force")
    fx.set("table2", "rules", {"in_force": str(floor - 1)})
    want = Want(row="rules", col="in_force", table="table2", expected=floor, actual=floor - 1, line=line)
    return Outcome(fx.check(), (want,))


@failing("A307", ALL_LAYOUTS)
def _issued_too_many(variant: str, _tmp: Path) -> Outcome:
    fx = fixture(variant)
    row = "normative_docs"
    in_force = fx.int_value("table2", row, "in_force")
    repealed = fx.int_value("table2", row, "repealed")
    line = fx.line("table2", row, "in_force")
    fx.set("table2", row, {"issued": str(in_force + repealed + 5)})
    want = Want(row=row, col="in_force", table="table2", expected=in_force + 5, actual=in_force, line=line)
    return Outcome(fx.check(), (want,))


@passing("A307", ALL_LAYOUTS)
def _in_force_at_the_floor(variant: str, _tmp: Path) -> Clean:
    fx = fixture_where(variant, lambda f: _issued_minus_repealed(f, "rules") >= 0)
    fx.set("table2", "rules", {"in_force": str(_issued_minus_repealed(fx, "rules"))})
    return Clean(fx.check())


@passing("A307", ALL_LAYOUTS)
def _in_force_not_checked_in_2019(variant: str, tmp: Path) -> Clean:
    return _consistent_2019(variant, tmp)


# ------------------------------------------------------------------------------ C: compliance


def _wrong_format(template: str, year: int) -> Build:
    def build(variant: str, _tmp: Path) -> Outcome:
        fx = fixture(variant, template=template, year=year)
        right = default_catalog().template_for_year(year)
        assert right is not None
        assert right.version != template
        return Outcome(fx.check(), (Want(expected=right.version, actual=template),))

    return build


add_failing("C501", "2019-format-in-2021", _wrong_format("2019", 2021))
add_failing("C501", "2019-format-in-2024", _wrong_format("2019", 2024))
add_failing("C501", "2021-format-in-2020", _wrong_format("2021", 2020))


def _right_format(template: str, year: int) -> PassBuild:
    def build(variant: str, _tmp: Path) -> Clean:
        return Clean(fixture(variant, template=template, year=year).check())

    return build


add_passing("C501", "2019-format-in-2020", _right_format("2019", 2020))
add_passing("C501", "2021-format-in-2021", _right_format("2021", 2021))


def _before_formats(template: str, year: int) -> Build:
    def build(variant: str, _tmp: Path) -> Outcome:
        fx = fixture(variant, template=template, year=year)
        return Outcome(fx.check(), (Want(actual=year, line=1),))

    return build


add_failing("C502", "2017-on-2021-format", _before_formats("2021", 2017))
add_failing("C502", "2018-on-2019-format", _before_formats("2019", 2018))


@failing("C502")
def _tables_of_2018_not_checked(variant: str, _tmp: Path) -> Outcome:
    """Before 2019 the tables are not checked: a wrong row total raises nothing but C502."""
    fx = fixture(variant, template="2019", year=2018)
    fx.set("table3", "granted", {"total": str(fx.int_value("table3", "granted", "total") + 1)})
    return Outcome(fx.check(), (Want(actual=2018),))


add_passing("C502", "2019-on-2019-format", _right_format("2019", 2019))


def _gate_run(tmp: Path, text: str, sidecar: str) -> CheckResult:
    """The report and its sidecar through the gate; the C590 result if any, else the report's."""
    report = tmp / "report.txt"
    report.write_text(text, encoding="utf-8")
    (tmp / "report.txt.gdc.toml").write_text(sidecar, encoding="utf-8")
    gate = Gate(Settings(), default_catalog(), lambda p, sel, ign: check_file(p, select=sel, ignore=ign))
    results, _ = run_gate(gate, [str(report)], lambda _: None)
    return results[-1]


SIDECAR_A303 = '[[accept]]\nrule = "A303"\ntable = "table3"\nrow = "new"\nreason = "台账如此"\n'


@failing("C590")
def _acceptance_of_a_consistent_row(_variant: str, tmp: Path) -> Outcome:
    """An acceptance for a row total that holds: reported at the entry's header line."""
    result = _gate_run(tmp, render(random_report(random.Random(SEED)), "tab"), SIDECAR_A303)
    assert result.path is not None
    assert result.path.endswith("report.txt.gdc.toml")
    return Outcome(result, (Want(line=1, message_has=("A303", "table3/new", "台账如此")),))


@passing("C590")
def _acceptance_that_is_used(_variant: str, tmp: Path) -> Clean:
    synthetic = random_report(random.Random(SEED))
    synthetic.table3["new"]["total"] = int(synthetic.table3["new"]["total"]) + 1
    result = _gate_run(tmp, render(synthetic, "tab"), SIDECAR_A303)
    assert [(f.rule, f.suppression is not None) for f in result.findings] == [("A303", True)]
    return Clean(attrs.evolve(result, findings=()))


# ----------------------------------------------------------------------------------- the tests


def _failing_params() -> list[object]:
    return [
        pytest.param(case, variant, id=f"{case.code}-{case.name}-{variant}")
        for cases in FAILING.values()
        for case in cases
        for variant in case.variants
    ]


def _passing_params() -> list[object]:
    return [
        pytest.param(case, variant, id=f"{case.code}-{case.name}-{variant}")
        for cases in PASSING.values()
        for case in cases
        for variant in case.variants
    ]


def _key(finding: Finding) -> tuple[str | None, str | None, str | None]:
    return (finding.row, finding.col, finding.about)


def _show(findings: Iterable[Finding]) -> str:
    return "\n".join(f"  {f.rule} row={f.row} col={f.col} about={f.about}: {f.message}" for f in findings)


@pytest.mark.parametrize(("case", "variant"), _failing_params())
def test_failing(case: Case, variant: str, tmp_path: Path) -> None:
    outcome = case.build(variant, tmp_path)
    findings = outcome.result.findings
    mine = [f for f in findings if f.rule == case.code]
    got = sorted((_key(f) for f in mine), key=repr)
    want = sorted((w.key for w in outcome.wants), key=repr)
    assert got == want, f"{case.code} findings differ; all findings:\n{_show(findings)}"
    rule = default_catalog().rule(case.code)
    for w in outcome.wants:
        (finding,) = [f for f in mine if _key(f) == w.key]
        assert (finding.name, finding.severity) == (rule.name, rule.severity)
        if w.expected is not None:
            assert finding.expected == w.expected, finding.message
        if w.actual is not None:
            assert finding.actual == w.actual, finding.message
        if w.line is not None:
            assert finding.location.line == w.line, finding.message
        if w.section is not None:
            assert finding.section == w.section, finding.message
        if w.table is not None:
            assert finding.table == w.table, finding.message
        for part in w.message_has:
            assert part in finding.message, finding.message
            assert part in finding.message_en, finding.message_en
    others = {f.rule for f in findings} - {case.code}
    assert others == outcome.also, f"other findings differ:\n{_show(findings)}"
    if outcome.abouts is not None:
        abouts = sorted(f.about or "" for f in findings if f.rule == "A300")
        assert abouts == sorted(outcome.abouts), _show(findings)
    for finding in findings:
        if finding.rule == "A300":
            assert finding.about is not None
            assert finding.about in finding.message


@pytest.mark.parametrize(("case", "variant"), _passing_params())
def test_passing(case: PassCase, variant: str, tmp_path: Path) -> None:
    clean = case.build(variant, tmp_path)
    codes = {f.rule for f in clean.result.findings}
    assert case.code not in codes, _show(clean.result.findings)
    assert codes == set(), f"a passing input raised other findings:\n{_show(clean.result.findings)}"


@pytest.mark.parametrize("template", ["2019", "2021"])
@pytest.mark.parametrize("variant", T4_VARIANTS)
def test_consistent_reports_are_clean(template: str, variant: str) -> None:
    """Several seeds: a consistent report raises nothing at all, in every layout."""
    for seed in range(5):
        result = fixture(variant, seed=seed, template=template).check()
        assert result.findings == (), f"seed {seed}:\n{_show(result.findings)}"
        assert result.report is not None
        assert result.report.template == template


def test_every_rule_has_cases() -> None:
    codes = {rule.code for rule in default_catalog().rules}
    assert len(codes) == len(default_catalog().rules)
    assert sorted(codes - FAILING.keys()) == [], "rules with no failing case"
    assert sorted(codes - PASSING.keys()) == [], "rules with no passing case"
    assert sorted((FAILING.keys() | PASSING.keys()) - codes) == [], "cases for codes not in the catalog"
    for registry in (FAILING, PASSING):
        for code, cases in registry.items():
            assert cases
            assert all(case.code == code and case.variants for case in cases)


def test_fixture_edits_change_exactly_one_row() -> None:
    """The edit helpers themselves: one row's text changes, and the cell's line is where it stands."""
    for variant in T4_VARIANTS:
        fx = fixture(variant)
        before = fx.text
        line = fx.line("table3", "granted", APPLICANT)
        fx.set("table3", "granted", {APPLICANT: "X9"})
        changed = [
            i + 1
            for i, (a, b) in enumerate(zip(before.split("\n"), fx.text.split("\n"), strict=True))
            if a != b
        ]
        assert changed == [line]
        assert "X9" in fx.text.split("\n")[line - 1]
