"""Cross-year (X): this year's report against last year's of the same body (`ctx.previous`).

X600 says which report it was compared with; X601 上年结转 of each column of table 三 against last
year's 结转下年度继续办理; X602 table 二's 现行有效件数 against last year's plus this year's 制发
minus 废止 (2021 format); X603 paragraphs of sections 一, 五, 六 near-identical to last year's (雷同,
rapidfuzz, once per section); X604 section 五 repeated word for word. The tables are compared only
with the report of the year before; the text with any earlier year's.
"""

from __future__ import annotations

import bisect
import functools
from collections.abc import Iterator

import attrs
import regex

from ...catalog import RuleSpec
from ...catalog.registry import Schema, check
from ...catalog.rules import Text
from ...document import Line
from ...model import Cell, CellKind, Location, Related, Report
from ...patterns import compiled as compiled_once
from ..context import Context
from ..emit import fingerprint
from ..prose import compact, prose, quote
from ..refs import cell_problems


def _earlier(ctx: Context) -> Report | None:
    previous, year = ctx.previous, ctx.report.year
    if previous is None or previous.year is None or year is None or previous.year >= year:
        return None
    return previous


def _last_year(ctx: Context) -> Report | None:
    previous = _earlier(ctx)
    return previous if previous is not None and previous.year == (ctx.report.year or 0) - 1 else None


def _elsewhere(
    ctx: Context, rule: RuleSpec, location: Location, message: tuple[str, str], **where: str
) -> Related:
    previous = ctx.previous
    assert previous is not None
    return Related(
        rule=rule.code,
        message=message[0],
        message_en=message[1],
        location=location,
        fingerprint=fingerprint(rule.code, previous.path, *where.values()),
        path=previous.path,
        **where,
    )


# repr=False: the records here are internal and never shown, and attrs would compile a __repr__
# for each class at every start-up (about 0.9 M instructions a class; issue 14).
@attrs.frozen(repr=False)
class ComparedParams:
    not_consecutive: Text  # added when last year's report is not of the year before
    # abbreviations written out before two bodies' names are compared (pairing.py)
    aliases: tuple[tuple[str, str], ...] = ()


@check("X600", ComparedParams)
def compared(ctx: Context, rule: RuleSpec, params: ComparedParams) -> None:
    previous = _earlier(ctx)
    if previous is None:
        return  # none given, or not an earlier year's (then nothing is compared)
    consecutive = _last_year(ctx) is not None
    values = {
        "previous": previous.path or "",
        "previous_year": previous.year if previous.year is not None else "?",
        "note": "" if consecutive else params.not_consecutive.zh,
        "note_en": "" if consecutive else params.not_consecutive.en,
    }
    ctx.emit(rule, ctx.report.title_location, values, actual=previous.path)


def _number(cell: Cell | None) -> bool:
    return cell is not None and cell.kind == CellKind.NUMBER and cell.value is not None


@attrs.frozen(repr=False)
class CarriedParams:
    this_row: str  # 上年结转 (table 三)
    last_row: str  # 结转下年度继续办理
    total: str  # the column that follows from the others

    def problems(self, rule: RuleSpec, schema: Schema) -> Iterator[tuple[str, str]]:
        yield from cell_problems(
            "this_row", "table3", (f"{self.this_row}/{self.total}", f"{self.last_row}/{self.total}"), schema
        )


@check("X601", CarriedParams)
def carried_over(ctx: Context, rule: RuleSpec, params: CarriedParams) -> None:
    last = _last_year(ctx)
    spec = ctx.table_spec("table3")
    this_table, last_table = ctx.report.tables.get("table3"), last.tables.get("table3") if last else None
    if last is None or spec is None or this_table is None or last_table is None:
        return
    if this_table.unreadable is not None or last_table.unreadable is not None:
        return
    wrong_applicant = False
    for col in spec.row(params.this_row).columns:
        this, before = this_table.cell(params.this_row, col), last_table.cell(params.last_row, col)
        if (
            this is None
            or before is None
            or not _number(this)
            or not _number(before)
            or this.value == before.value
        ):
            continue
        if col == params.total and wrong_applicant:
            continue  # follows from the applicant columns already reported
        wrong_applicant = wrong_applicant or col != params.total
        label = spec.column(col).label
        values = {"col_label": label, "previous": last.path or "", "previous_year": last.year}
        related = _elsewhere(
            ctx,
            rule,
            before.location,
            (
                f"{last.year}年报告表三“结转下年度继续办理”{label}：{before.value}",
                f"{last.year} report, table 3 carried forward, {label}: {before.value}",
            ),
            table="table3",
            row=params.last_row,
            col=col,
        )
        ctx.emit(
            rule,
            this.location,
            values,
            table="table3",
            row=params.this_row,
            col=col,
            expected=before.value,
            actual=this.value,
            related=(related,),
        )


@attrs.frozen(repr=False)
class InForceParams:
    rows: tuple[str, ...]
    in_force: str
    issued: str
    repealed: str

    def problems(self, rule: RuleSpec, schema: Schema) -> Iterator[tuple[str, str]]:
        cells = [f"{r}/{c}" for r in self.rows for c in (self.in_force, self.issued, self.repealed)]
        yield from cell_problems("rows", "table2", cells, schema)


@check("X602", InForceParams)
def in_force_rolled(ctx: Context, rule: RuleSpec, params: InForceParams) -> None:
    last = _last_year(ctx)
    spec = ctx.table_spec("table2")
    this_table, last_table = ctx.report.tables.get("table2"), last.tables.get("table2") if last else None
    if (
        last is None
        or spec is None
        or this_table is None
        or last_table is None
        or last.template != ctx.report.template
    ):
        return
    for row in params.rows:
        now, before = this_table.cell(row, params.in_force), last_table.cell(row, params.in_force)
        issued, repealed = this_table.cell(row, params.issued), this_table.cell(row, params.repealed)
        if not all(_number(c) for c in (now, before, issued, repealed)):
            continue
        assert now is not None
        assert before is not None
        assert issued is not None
        assert repealed is not None
        assert now.value is not None
        assert before.value is not None
        assert issued.value is not None
        assert repealed.value is not None
        expected = before.value + issued.value - repealed.value
        if now.value == expected:
            continue
        label = spec.row(row).label
        values = {
            "row_label": label,
            "previous_year": last.year,
            "before": before.value,
            "issued": issued.value,
            "repealed": repealed.value,
        }
        related = _elsewhere(
            ctx,
            rule,
            before.location,
            (
                f"{last.year}年报告表二“{label}”现行有效件数：{before.value}",
                f"{last.year} report, table 2 {label}, in force: {before.value}",
            ),
            table="table2",
            row=row,
            col=params.in_force,
        )
        ctx.emit(
            rule,
            now.location,
            values,
            table="table2",
            row=row,
            col=params.in_force,
            expected=expected,
            actual=now.value,
            related=(related,),
        )


# ------------------------------------------------------------------ copied text


@attrs.frozen(repr=False)
class SimilarParams:
    sections: tuple[str, ...]
    threshold: float  # rapidfuzz ratio (0–100) from which two paragraphs are near-identical
    min_chars: int  # shorter paragraphs (无。, a heading) are not compared
    repeated_rule: str  # the rule that reports section 五 repeated word for word (X604)

    def problems(self, rule: RuleSpec, schema: Schema) -> Iterator[tuple[str, str]]:
        keys = {s.key for s in schema.sections}
        for key in self.sections:
            if key not in keys:
                yield "sections", f"unknown section {key!r}"
        if not 50 <= self.threshold <= 100:
            yield "threshold", "expected a ratio between 50 and 100"
        if self.repeated_rule not in schema.rules:
            yield "repeated_rule", f"unknown rule {self.repeated_rule!r}"


def paragraphs(report: Report, key: str, min_chars: int) -> list[tuple[str, Line]]:
    """The section's paragraphs long enough to compare, spaces removed."""
    out = []
    for item in prose(report, [key]):
        text = compact(item.line.text)
        if len(text) >= min_chars:
            out.append((text, item.line))
    return out


def similar_pairs(
    now: list[tuple[str, Line]], before: list[tuple[str, Line]], threshold: float
) -> Iterator[tuple[tuple[str, Line], tuple[str, Line], float]]:
    """For each paragraph, last year's most similar one at or above `threshold`. Only paragraphs
    whose lengths allow the ratio are scored (ratio ≤ 2·min/(a+b)), so the cost stays near linear."""
    from rapidfuzz import fuzz, process  # noqa: PLC0415 - only with last year's report (start-up time)

    ordered = sorted(before, key=lambda p: len(p[0]))
    lengths = [len(p[0]) for p in ordered]
    t = threshold / 100
    for paragraph in now:
        size = len(paragraph[0])
        low = bisect.bisect_left(lengths, size * t / (2 - t))
        high = bisect.bisect_right(lengths, size * (2 - t) / t)
        candidates = [p[0] for p in ordered[low:high]]
        if not candidates:
            continue
        best = process.extractOne(paragraph[0], candidates, scorer=fuzz.ratio, score_cutoff=threshold)
        if best is not None:
            yield paragraph, ordered[low + best[2]], best[1]


@check("X603", SimilarParams)
def copied_text(ctx: Context, rule: RuleSpec, params: SimilarParams) -> None:
    previous = _earlier(ctx)
    if previous is None:
        return
    repeated = ctx.catalog.rule(params.repeated_rule)
    for key in params.sections:
        now = paragraphs(ctx.report, key, params.min_chars)
        before = paragraphs(previous, key, params.min_chars)
        if not now or not before:
            continue
        if key == repeated.p(RepeatedParams).section and _repeated(now, before):
            continue  # X604 says it
        pairs = list(similar_pairs(now, before, params.threshold))
        if not pairs:
            continue
        (text, line), (_, old), score = pairs[0]
        spec = next(s for s in ctx.catalog.sections if s.key == key)
        values = {
            "numeral": spec.numeral,
            "title": spec.title,
            "count": len(pairs),
            "total": len(now),
            "quote": quote(text),
            "score": round(score),
            "previous_year": previous.year,
        }
        related = _elsewhere(
            ctx,
            rule,
            old.location(),
            (f"{previous.year}年报告中相似的段落", f"the similar paragraph of the {previous.year} report"),
            section=key,
        )
        ctx.emit(rule, line.location(), values, section=key, actual=len(pairs), related=(related,))


@attrs.frozen(repr=False)
class RepeatedParams:
    section: str
    min_chars: int


_YEAR = r"(?:19|20)\d{2}(?=年)"  # compiled by the first use, with last year's report (start-up time)


def _same_words(text: str) -> str:
    """A paragraph as compared word for word: the year it names (2021年 for 2020年) set aside."""
    return _year().sub("", text)


@functools.cache
def _year() -> regex.Pattern[str]:
    return compiled_once(_YEAR)


def _repeated(now: list[tuple[str, Line]], before: list[tuple[str, Line]]) -> bool:
    old = {_same_words(text) for text, _ in before}
    return bool(now) and all(_same_words(text) in old for text, _ in now)


@check("X604", RepeatedParams)
def repeated_problems(ctx: Context, rule: RuleSpec, params: RepeatedParams) -> None:
    previous = _earlier(ctx)
    section = ctx.report.section(params.section)
    if previous is None or section is None:
        return
    now = paragraphs(ctx.report, params.section, params.min_chars)
    before = paragraphs(previous, params.section, params.min_chars)
    if not _repeated(now, before):
        return
    old = {_same_words(text): line for text, line in before}
    first_old = old[_same_words(now[0][0])]
    related = _elsewhere(
        ctx,
        rule,
        first_old.location(),
        (f"{previous.year}年报告的同一段落", f"the same paragraph of the {previous.year} report"),
        section=params.section,
    )
    values = {"previous_year": previous.year, "quote": quote(now[0][0])}
    ctx.emit(rule, section.location, values, section=section.key, actual=len(now), related=(related,))
