"""Compliance (C): C501 format not valid for the report year, C502 year before the formats;
what the text must say: C503/C504 the 信息处理费 statement, C505 信息处理费 taken for 行政事业性收费,
C506 the repealed 国务院令第492号 cited, C507 section 五 empty. Dates: engine/rules/deadlines.py."""

from __future__ import annotations

import functools
from collections.abc import Iterator
from decimal import Decimal

import attrs

from ...catalog import RuleSpec
from ...catalog.registry import NoParams, Schema, check
from ...catalog.rules import Text
from ...model import CellKind, Location, Number
from ..context import Context
from ..joined import finder, joined, joined_compact, likely
from ..prose import any_of, clause, compact, compiled, number_in, original, quote, span
from ..refs import bad_patterns, cell_problems


# repr=False: the records here are internal and never shown, and attrs would compile a __repr__
# for each class at every start-up (about 0.9 M instructions a class; issue 14).
@attrs.frozen(repr=False)
class TemplateYearParams:
    at_table: str  # the finding points at this table (else at the first table, else at the title)

    def problems(self, rule: RuleSpec, schema: Schema) -> Iterator[tuple[str, str]]:
        if not any(self.at_table in t.tables for t in schema.templates.values()):
            yield "at_table", f"unknown table {self.at_table!r}"


@check("C501", TemplateYearParams)
def template_year(ctx: Context, rule: RuleSpec, params: TemplateYearParams) -> None:
    report, template = ctx.report, ctx.template
    if report.year is None or template is None or template.valid_for(report.year):
        return
    expected = ctx.catalog.template_for_year(report.year)
    if expected is None:
        return  # before any format: C502
    table = report.tables.get(params.at_table) or next(iter(report.tables.values()), None)
    location = table.location if table is not None else report.title_location
    values = {
        "year": report.year,
        "template": template.version,
        "document": template.document,
        "expected_template": expected.version,
        "expected_document": expected.document,
    }
    ctx.emit(rule, location, values, expected=expected.version, actual=template.version)


@check("C502")
def supported_year(ctx: Context, rule: RuleSpec, _: NoParams) -> None:
    year = ctx.report.year
    if year is not None and year < min(t.first_year for t in ctx.catalog.templates.values()):
        ctx.emit(rule, ctx.report.title_location, {"year": year}, actual=year)


# ------------------------------------------------------------------ what the text must say


@attrs.frozen(repr=False)
class FeeStatementParams:
    since_year: int  # the reports that must state it: of this year and later (the 2021 format)
    at_section: str  # the finding points at this section's heading (else at the title)
    phrases: tuple[str, ...] = ()  # any one of them, anywhere in the prose, will do
    patterns: tuple[str, ...] = ()
    unpaid: str = ""  # "row/col" of table 三: requests dropped for unpaid fees (C504 when > 0)

    def problems(self, rule: RuleSpec, schema: Schema) -> Iterator[tuple[str, str]]:
        yield from bad_patterns("patterns", self.patterns)
        if self.unpaid:
            yield from cell_problems("unpaid", "table3", (self.unpaid,), schema)


@attrs.frozen(repr=False)
class UnpaidFeeParams:
    statement_rule: str  # the rule whose phrases and patterns say what a statement is (C503)

    def problems(self, rule: RuleSpec, schema: Schema) -> Iterator[tuple[str, str]]:
        other = schema.rules.get(self.statement_rule)
        if other is None or not isinstance(other.params, FeeStatementParams):
            yield "statement_rule", f"{self.statement_rule!r} is not a rule with fee-statement parameters"


def _unpaid(ctx: Context, params: FeeStatementParams) -> Number | None:
    row, _, col = params.unpaid.partition("/")
    table = ctx.report.tables.get("table3")
    cell = table.cell(row, col) if table is not None and table.unreadable is None else None
    return cell.value if cell is not None and cell.kind == CellKind.NUMBER else None


def _fee_statement_missing(ctx: Context, params: FeeStatementParams) -> bool:
    """No statement anywhere in the prose; not asked when the section is missing (S101 says so)."""
    year = ctx.report.year
    if year is None or year < params.since_year or ctx.report.section(params.at_section) is None:
        return False
    key = ("fee-statement", id(params))  # C503 and C504 both ask
    known = ctx.memo.get(key)
    if isinstance(known, bool):
        return known
    ctx.memo[key] = missing = not _fee_statement(ctx, params)
    return missing


def _fee_statement(ctx: Context, params: FeeStatementParams) -> bool:
    """Whether a line of prose, its spaces removed, has one of the phrases or matches a pattern."""
    lines = joined_compact(ctx)
    if not lines.items:
        return False
    # A phrase without a newline is in the joined text exactly when it is in one line (a compacted
    # line has no newline, so a phrase with one is in none).
    if any(p in lines.text for p in params.phrases if "\n" not in p):
        return True
    for p in params.patterns:
        pattern = compiled(p)
        if any(pattern.search(lines.line(i)) for i in likely(lines, pattern)):
            return True
    return False


def _at_section(ctx: Context, key: str) -> tuple[Location, str | None]:
    section = ctx.report.section(key) or (ctx.report.sections[-1] if ctx.report.sections else None)
    return (section.location, section.key) if section is not None else (ctx.report.title_location, None)


@check("C503", FeeStatementParams)
def fee_statement(ctx: Context, rule: RuleSpec, params: FeeStatementParams) -> None:
    unpaid = _unpaid(ctx, params)
    if (unpaid is not None and unpaid > 0) or not _fee_statement_missing(ctx, params):
        return  # C504 when requests were dropped for unpaid fees
    location, section = _at_section(ctx, params.at_section)
    ctx.emit(rule, location, {"year": ctx.report.year}, section=section)


@check("C504", UnpaidFeeParams)
def fee_statement_unpaid(ctx: Context, rule: RuleSpec, params: UnpaidFeeParams) -> None:
    statement = ctx.catalog.rule(params.statement_rule).p(FeeStatementParams)
    unpaid = _unpaid(ctx, statement)
    if unpaid is None or unpaid <= 0 or not _fee_statement_missing(ctx, statement):
        return
    location, section = _at_section(ctx, statement.at_section)
    ctx.emit(rule, location, {"unpaid": unpaid}, section=section, actual=unpaid)


@attrs.frozen(repr=False)
class FeeConfusionParams:
    fee: str  # 信息处理费
    admin_fee: str  # 行政事业性收费
    contrast_words: tuple[str, ...]  # a sentence with one of them tells the two apart
    amount: str  # a pattern with {N}: an amount of 信息处理费 stated

    def problems(self, rule: RuleSpec, schema: Schema) -> Iterator[tuple[str, str]]:
        yield from bad_patterns("amount", (self.amount,))


@check("C505", FeeConfusionParams)
def fee_confusion(ctx: Context, rule: RuleSpec, params: FeeConfusionParams) -> None:
    """A sentence that names both fees as one, or an amount of 信息处理费 equal to table 二's
    行政事业性收费 (not zero)."""
    table = ctx.report.tables.get("table2")
    cell = table.cell("fees", "amount") if table is not None else None
    admin = cell.value if cell is not None and cell.kind == CellKind.NUMBER else None
    lines = joined(ctx)
    for index in lines.containing((params.fee,)):
        item = lines.items[index]
        text = item.line.text
        start = text.find(params.fee)
        while start >= 0:
            sentence = clause(text, start, start + len(params.fee))
            both = params.admin_fee in sentence and not any(w in sentence for w in params.contrast_words)
            stated = _fee_amount(text, start, params)
            if both or (stated is not None and admin and stated == admin):
                location = span(item.line, start, start + len(params.fee))
                values = {"quote": quote(sentence, 60), "amount": admin if admin is not None else ""}
                ctx.emit(
                    rule, location, values, section=item.section, table="table2", row="fees", col="amount"
                )
                return
            start = text.find(params.fee, start + 1)


def _fee_amount(text: str, start: int, params: FeeConfusionParams) -> Number | None:
    match = compiled(params.amount).match(text, start)
    mention = number_in(text, match) if match is not None else None
    if mention is None or mention.approximate:
        return None
    value = Decimal(mention.value)
    return value if mention.unit == "万元" else value / 10_000


@attrs.frozen(repr=False)
class RepealedParams:
    since_year: int  # reports of this year and later (the revised 条例 in force from 2019-05-15)
    patterns: tuple[str, ...]
    skip_words: tuple[str, ...]  # the sentence cites it as history (修订, 废止, 711号)

    def problems(self, rule: RuleSpec, schema: Schema) -> Iterator[tuple[str, str]]:
        yield from bad_patterns("patterns", self.patterns)


@check("C506", RepealedParams)
def repealed_basis(ctx: Context, rule: RuleSpec, params: RepealedParams) -> None:
    if ctx.report.year is None or ctx.report.year < params.since_year:
        return
    lines = joined(ctx)
    for index in lines.candidates(finder(any_of(params.patterns))):
        item = lines.items[index]
        text = item.line.text
        for pattern in params.patterns:
            for match in compiled(pattern).finditer(text):
                if any(w in clause(text, match.start(), match.end()) for w in params.skip_words):
                    continue
                location = span(item.line, match.start(), match.end())
                shown = original(item.line, match.start(), match.end())
                ctx.emit(rule, location, {"quote": shown, "year": ctx.report.year}, section=item.section)
                return


@attrs.frozen(repr=False)
class EmptySectionParams:
    section: str
    empty: tuple[str, ...]  # what an empty section says, punctuation and spaces aside (无, 暂无)
    punctuation: str  # characters left out before comparing

    def problems(self, rule: RuleSpec, schema: Schema) -> Iterator[tuple[str, str]]:
        if self.section not in {s.key for s in schema.sections}:
            yield "section", f"unknown section {self.section!r}"


@check("C507", EmptySectionParams)
def section_empty(ctx: Context, rule: RuleSpec, params: EmptySectionParams) -> None:
    section = ctx.report.section(params.section)
    if section is None:
        return
    # One removal of the spaces from the lines joined: the same text as from each line's, cheaper.
    body = compact("".join(line.text for line in section.prose))
    if _longer_than(body, params.punctuation, max(map(len, params.empty), default=0)):
        return  # a fast path: more is left than any word of an empty section (the usual case)
    body = body.translate(_deleting(params.punctuation))
    if body and body not in params.empty:
        return
    shown = "".join(line.text.strip() for line in section.prose) or ""
    ctx.emit(
        rule, section.location, {"heading": section.heading, "body": shown}, section=section.key, actual=shown
    )


def _longer_than(text: str, left_out: str, limit: int) -> bool:
    """Whether more than `limit` characters of `text` are not in `left_out`: read only as far as
    it takes (then the text without them is neither empty nor one of `limit` characters or fewer)."""
    kept = 0
    for ch in text:
        if ch not in left_out:
            kept += 1
            if kept > limit:
                return True
    return False


@functools.cache
def _deleting(characters: str) -> dict[int, None]:
    """A `str.translate` table that deletes `characters` (one C call, not a Python loop per character)."""
    return dict.fromkeys(map(ord, characters))


@attrs.frozen(repr=False)
class Topic:
    name: Text
    patterns: tuple[str, ...]


@attrs.frozen(repr=False)
class GovernmentTopicsParams:
    government: str  # a pattern the body of a people's government's own report matches
    topics: tuple[Topic, ...]  # what its report must cover (条例 第五十条第（四）项)
    at_section: str

    def problems(self, rule: RuleSpec, schema: Schema) -> Iterator[tuple[str, str]]:
        yield from bad_patterns("government", (self.government,))
        yield from bad_patterns("topics", (p for t in self.topics for p in t.patterns))


@check("C510", GovernmentTopicsParams)
def government_topics(ctx: Context, rule: RuleSpec, params: GovernmentTopicsParams) -> None:
    body = ctx.report.body
    if body is None or not compiled(params.government).search(compact(body)):
        return
    text = joined_compact(ctx).text  # the lines without spaces, joined by newlines
    missing = [t.name for t in params.topics if not any(compiled(p).search(text) for p in t.patterns)]
    if not missing:
        return
    location, section = _at_section(ctx, params.at_section)
    values = {
        "body": body,
        "missing": "、".join(t.zh for t in missing),
        "missing_en": ", ".join(t.en for t in missing),
    }
    ctx.emit(rule, location, values, section=section, actual="、".join(t.zh for t in missing))
