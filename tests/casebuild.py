"""The fixtures of `rules/fixtures/CODE.toml`: each case an edit of a generated report (or a raw
input), and the exact findings it must give. See docs/rules-authoring.md for the format.

A case starts from `reportgen`'s report with every number 0 (in the format `template`, for `year`),
rendered in each of its `layouts`, then applies, in this order: `rows` (rows written as the
fixture gives them, matched to the format by their labels), `delete_rows`, `insert_rows`, `text`
(an excerpt: the head of the report and whole sections), `delete_sections`, `replace` and
`substitute` (plain text). The lines keep track of the table cells and headings they hold, so an
expected finding can say where it must point (`at`) in every layout.
"""

from __future__ import annotations

import dataclasses
import random
import tomllib
from decimal import Decimal
from pathlib import Path
from typing import Literal

import attrs
import regex

from govdisclose_check.api import check_bytes, check_file, check_text, check_url, parse_text
from govdisclose_check.catalog import Catalog, TableSpec, default_catalog
from govdisclose_check.catalog.labels import core
from govdisclose_check.catalog.strict import converter as strict
from govdisclose_check.config import Settings
from govdisclose_check.gate import Gate, run_gate
from govdisclose_check.model import CheckResult, Finding, Report
from govdisclose_check.parse.tokens import is_value
from httpserve import Reply, serve
from madeinputs import MADE
from reportgen import Cells, Line, SyntheticReport, random_report, render_lines, show, tagged_row

Value = int | str
converter = strict.copy()


def _value(value: object, _: object) -> Value | None:
    if value is None or (isinstance(value, int | str) and not isinstance(value, bool)):
        return value
    raise TypeError(f"expected an integer or a string, found {value!r}")


converter.register_structure_hook_func(lambda t: t == Value | None, _value)


@attrs.frozen
class Rows:
    table: str
    text: str  # tab-separated; a line that starts with a row label and has values replaces that row


@attrs.frozen
class Insert:
    table: str
    after: str  # the row key after which the rows go
    text: str


@attrs.frozen
class Input:
    # the generated report, `value`, `value` as hex, or a file built from the report (madeinputs.MADE)
    kind: Literal["report", "literal", "hex", "made"] = "report"
    value: str = ""
    # how the API gets it; "url": served by a local HTTP server at /report (check_url)
    via: Literal["text", "bytes", "file", "missing-file", "directory", "url"] = "text"
    url_path: str = "/report"  # the path asked for with via = "url": another one is answered with 404
    encoding: Literal["utf-8", "utf-8-sig", "gb18030", "utf-16"] = "utf-8"
    prefix_hex: str = ""  # bytes before the report (a file that only looks like another format)


@attrs.frozen
class Want:
    rule: str
    section: str | None = None
    table: str | None = None
    row: str | None = None
    col: str | None = None
    about: str | None = None
    expected: Value | None = None
    actual: Value | None = None
    suggestion: str | None = None
    line: int | None = None
    at: str = (
        ""  # "row", "row/col" (in the finding's table), "§section" (its heading), "label" (an inserted row)
    )
    message_has: tuple[str, ...] = ()

    @property
    def key(self) -> tuple[str, str | None, str | None, str | None, str | None]:
        return (self.rule, self.table, self.row, self.col, self.about)


@attrs.frozen
class LastYear:
    """Last year's report of a case (cross-year rules): the generated report of the year before,
    edited as a case is (`rows`, `text`, `replace`, `substitute`)."""

    rows: tuple[Rows, ...] = ()
    text: str = ""
    replace: tuple[tuple[str, str], ...] = ()
    substitute: tuple[tuple[str, str], ...] = ()
    years_before: int = 1


@attrs.frozen
class Case:
    name: str
    findings: tuple[Want, ...]
    doc: Literal["", "fail", "pass"] = ""  # this case is the doc's 不通过的例子 / 通过的例子
    layouts: tuple[str, ...] = ("tab",)  # "tab", "pipe", "cells", "spaces"; "/groups": table 四 in rows
    template: str = "2021"
    year: int | None = None
    seed: int | None = None  # numbers of reportgen.random_report(seed) instead of zeros
    input: Input = Input()
    max_bytes_delta: int | None = None  # E005's limit: the input's size plus this
    rows: tuple[Rows, ...] = ()
    delete_rows: tuple[str, ...] = ()  # "table3/denied.third_party"
    insert_rows: tuple[Insert, ...] = ()
    text: str = ""
    delete_sections: tuple[str, ...] = ()
    replace: tuple[tuple[str, str], ...] = ()  # (old, new): old stands once in the text, on one line
    substitute: tuple[tuple[str, str], ...] = ()  # (old, new): every occurrence
    shown: str = ""  # for an input problem: the doc's description of the input
    # tables whose row labels are torn from their numbers: each row's label alone, then all the
    # numbers as rows without labels after the last one (as some converters write a table);
    # "table3:13" tears the first 13 value rows only
    tear: tuple[str, ...] = ()
    # a sidecar file of acceptances beside the report (report.txt.gdc.toml): the case then runs
    # through the CLI's gate, and its findings are those not accepted, C590 included
    sidecar: str = ""
    published_on: str = ""  # YYYY-MM-DD: the publication date the caller gives (C509)
    previous: LastYear | None = None  # last year's report, for the cross-year rules

    @property
    def example(self) -> str:
        """The text the rule's doc shows for this case."""
        if self.shown or self.text:
            return self.shown or self.text
        if self.rows:
            return self.rows[0].text
        return self.input.value

    @property
    def edits(self) -> bool:
        return (
            bool(self.rows or self.delete_rows or self.insert_rows or self.text or self.delete_sections)
            or bool(self.tear or self.sidecar)
            or bool(
                self.replace or self.substitute or self.input != Input() or self.max_bytes_delta is not None
            )
            or (self.template, self.year) != ("2021", None)
            or bool(self.published_on or self.previous)
        )


@attrs.frozen
class FixtureFile:
    case: tuple[Case, ...]


def load_cases(path: Path) -> tuple[Case, ...]:
    return converter.structure(tomllib.loads(path.read_text(encoding="utf-8")), FixtureFile).case


# ------------------------------------------------------------------ building the report


def base_report(case: Case) -> SyntheticReport:
    year = case.year if case.year is not None else (2020 if case.template == "2019" else 2021)
    report = random_report(random.Random(case.seed or 0), case.template, year)
    if case.seed is None:
        for table in (report.table2, report.table3, report.table4):
            for row in table.values():
                for col in row:
                    row[col] = 0
    return report


def _spec(case: Case, table: str) -> TableSpec:
    return default_catalog().templates[case.template].tables[table]


def _row_cells(case: Case) -> Cells:
    cells: Cells = {}
    for rows in case.rows:
        spec = _spec(case, rows.table)
        by_label = {core(label): r for r in spec.rows for label in r.labels}
        for line in rows.text.split("\n"):
            parts = line.split("\t")
            values = [p for p in parts[1:] if p.strip() and is_value(p.strip())]
            row = by_label.get(core(parts[0])) if parts[0].strip() else None
            if row is not None and values:
                cells[(rows.table, row.key)] = parts
            elif row is None and spec.sequential and all(is_value(p.strip()) for p in parts if p):
                at = 0
                for r in spec.value_rows:
                    cells[(rows.table, r.key)] = [r.label, *parts[at : at + len(r.columns)]]
                    at += len(r.columns)
            elif row is None and values:
                raise AssertionError(f"{case.name}: no row of {rows.table} is labelled {parts[0]!r}")
    for item in case.delete_rows:
        table, _, key = item.partition("/")
        _spec(case, table).row(key)  # a typo fails here
        cells[(table, key)] = None
    return cells


def build_lines(case: Case, layout: str, table4_layout: str) -> list[Line]:
    report = base_report(case)
    cells = _row_cells(case)
    torn = dict(_tear(case, report, item, cells) for item in case.tear)
    lines = render_lines(report, layout, table4_layout, cells)
    for table, (last, numbers) in torn.items():
        at = max(i for i, x in enumerate(lines) if any(t[:2] == (table, last) for t in x.tags))
        at += 1 if layout == "cells" else 0  # the blank line that ends the row
        added = [line for values in numbers for line in tagged_row(values, layout)]
        lines = lines[: at + 1] + added + lines[at + 1 :]
    for insert in case.insert_rows:
        lines = _insert(lines, insert, layout)
    if case.text:
        lines = apply_excerpt(lines, case.text)
    for key in case.delete_sections:
        start, end = _section_span(lines, key)
        lines = lines[:start] + lines[end:]
    for old, new in case.replace:
        hits = [i for i, line in enumerate(lines) if old in line.text]
        assert len(hits) == 1, f"{case.name}: {old!r} not on exactly one line"
        assert lines[hits[0]].text.count(old) == 1, f"{case.name}: {old!r} twice on a line"
        line = lines[hits[0]]
        lines[hits[0]] = dataclasses.replace(line, text=line.text.replace(old, new))
    for old, new in case.substitute:
        lines = [dataclasses.replace(x, text=x.text.replace(old, new)) for x in lines]
    return lines


def _tear(
    case: Case, report: SyntheticReport, item: str, cells: Cells
) -> tuple[str, tuple[str, list[list[str]]]]:
    """Leave each torn value row its label only; return the table, the last torn row and the numbers."""
    table, _, count = item.partition(":")
    values = getattr(report, table)
    numbers: list[list[str]] = []
    rows = _spec(case, table).value_rows
    rows = rows[: int(count)] if count else rows
    for row in rows:
        numbers.append([show(values[row.key][c]) for c in row.columns])
        cells[(table, row.key)] = [row.label]
    return table, (rows[-1].key, numbers)


def _insert(lines: list[Line], insert: Insert, layout: str) -> list[Line]:
    last = max(i for i, x in enumerate(lines) if any(t[:2] == (insert.table, insert.after) for t in x.tags))
    if layout == "cells":
        last += 1  # the blank line that ends the row
    new: list[Line] = []
    for text in insert.text.split("\n"):
        parts = text.split("\t")
        new += tagged_row(parts, layout, [(insert.table, parts[0], i) for i in range(len(parts))])
    return lines[: last + 1] + new + lines[last + 1 :]


def _section_span(lines: list[Line], key: str) -> tuple[int, int]:
    start = next(i for i, x in enumerate(lines) if x.heading == key)
    end = next((i for i in range(start + 1, len(lines)) if lines[i].heading), len(lines))
    return start, end


def _heading_key(text: str) -> str | None:
    match = regex.match(r"^[\s#*]*[一二三四五六七八九十—]{1,2}、(?P<title>.+)$", text)
    if match is None:
        return None
    title = core(match["title"])
    for spec in default_catalog().sections:
        if any(p.search(title) for p in spec.titles):
            return spec.key
    return None


def apply_excerpt(lines: list[Line], excerpt: str) -> list[Line]:
    """An excerpt of a report: its head (the lines before the first heading) and whole sections.
    The head replaces the report's head; a section's heading and body replace the section's (a
    heading alone empties the section). A "……" line stands for what the generated report has
    there: ending the head, it keeps the rest of the head; as a section's only body, it keeps the
    body. Sections given in another order than the report's are moved into that order."""
    head: list[str] = []
    sections: list[tuple[str, str, list[str]]] = []
    for text in excerpt.split("\n"):
        key = _heading_key(text)
        if key is not None:
            sections.append((key, text, []))
        elif sections:
            sections[-1][2].append(text)
        else:
            head.append(text)
    first = next(i for i, x in enumerate(lines) if x.heading)
    out_head = lines[:first]
    if head:
        given = [Line(t) for t in head if not t.startswith("……")]
        out_head = given + (out_head[len(given) :] if head[-1].startswith("……") else [])
    spans = {}
    order = []
    i = first
    while i < len(lines):
        key = lines[i].heading
        assert key is not None
        start, end = _section_span(lines, key)
        spans[key] = lines[start:end]
        order.append(key)
        i = end
    given_keys = [k for k, _, _ in sections]
    slots = iter(given_keys)
    out = list(out_head)
    for here in order:
        key = next(slots) if here in given_keys else here
        block = spans[key]
        for k, heading, body in sections:
            if k == key:
                kept = [Line(b) for b in body if not b.startswith("……")]
                block = [Line(heading, heading=key), *(block[1:] if body and not kept else kept)]
        out += block
    return out


# ------------------------------------------------------------------ running a case


@attrs.frozen
class Run:
    result: CheckResult
    lines: list[Line]


def run_case(case: Case, variant: str, tmp: Path, catalog: Catalog | None = None) -> Run:
    layout, _, table4_layout = variant.partition("/")
    lines = build_lines(case, layout, table4_layout or "line")
    text = "\n".join(x.text for x in lines) + "\n"
    source = case.input
    if source.kind == "literal":
        text = source.value
        lines = [Line(t) for t in text.split("\n")]
    if source.kind == "made":
        data = MADE[source.value](base_report(case))
        text = data.decode("utf-8") if source.via == "text" else text
    else:
        data = bytes.fromhex(source.value) if source.kind == "hex" else text.encode(source.encoding)
    data = bytes.fromhex(source.prefix_hex) + data
    cat = catalog or default_catalog()
    if case.max_bytes_delta is not None:
        cat = cat.with_params("E005", max_bytes=len(data) + case.max_bytes_delta)
    if case.sidecar:
        result = _through_gate(data, case.sidecar, cat, tmp)
    elif source.via == "text":
        previous = _last_year(case, layout, table4_layout, cat)
        result = check_text(text, catalog=cat, previous=previous, published_on=case.published_on or None)
    elif source.via == "bytes":
        result = check_bytes(data, catalog=cat)
    elif source.via == "url":
        with serve({"/report": Reply(data)}) as server:
            [result] = check_url(f"{server.base}{source.url_path}", catalog=cat, cache=tmp / "cache")
    else:
        path = tmp / (source.value if source.via == "missing-file" else "report.txt")
        if source.via == "file":
            path.write_bytes(data)
        result = check_file(tmp if source.via == "directory" else path, catalog=cat)
    return Run(result, lines)


def _last_year(case: Case, layout: str, table4_layout: str, catalog: Catalog) -> Report | None:
    last = case.previous
    if last is None:
        return None
    year = base_report(case).year - last.years_before
    edited = Case(
        name=f"{case.name} (last year)",
        findings=(),
        template=case.template,
        year=year,
        rows=last.rows,
        text=last.text,
        replace=last.replace,
        substitute=last.substitute,
    )
    text = "\n".join(x.text for x in build_lines(edited, layout, table4_layout)) + "\n"
    return parse_text(text, "last-year.txt", catalog=catalog)


def _through_gate(data: bytes, sidecar: str, catalog: Catalog, tmp: Path) -> CheckResult:
    """The report and its sidecar through the gate: the findings not accepted, of every result."""
    report = tmp / "report.txt"
    report.write_bytes(data)
    (tmp / "report.txt.gdc.toml").write_text(sidecar, encoding="utf-8")
    gate = Gate(
        Settings(), catalog, lambda p, sel, ign: [check_file(p, select=sel, ignore=ign, catalog=catalog)]
    )
    results, failed = run_gate(gate, [str(report)], lambda _: None)
    assert not failed
    findings = tuple(f for r in results for f in r.findings if f.suppression is None)
    return attrs.evolve(results[0], findings=findings)


def expected_line(run: Run, want: Want, case: Case) -> int | None:
    if want.line is not None:
        return want.line
    if not want.at:
        return None
    if want.at.startswith("§"):
        return next(i for i, x in enumerate(run.lines, 1) if x.heading == want.at[1:])
    row, _, col = want.at.partition("/")
    table = want.table or ""
    index = 0
    if col:
        spec = _spec(case, table)
        index = 1 + spec.row(row).columns.index(col)
    for target in ((table, row, index), (table, row, 1)):
        for i, x in enumerate(run.lines, 1):
            if target in x.tags:
                return i
    raise AssertionError(f"{case.name}: no line holds {want.at}")


def same(value: object, want: Value) -> bool:
    if isinstance(value, Decimal) and isinstance(want, str):
        return value == Decimal(want)
    return value == want


def key(finding: Finding) -> tuple[str, str | None, str | None, str | None, str | None]:
    return (finding.rule, finding.table, finding.row, finding.col, finding.about)
