"""Narrative (N): what the prose says, against the tables and against itself.

N401 a count stated in the text differs from the table; N402 "共N件，其中 …" parts adding up to
more than N; N403 template placeholders and doubled words left in; N404 sub-heading numbering
that skips or repeats. All wording (patterns, words, series) is in rules/checks/narrative.toml.
"""

from __future__ import annotations

import functools
from collections.abc import Iterator
from decimal import Decimal

import attrs
import regex

from ...catalog import RuleSpec
from ...catalog.registry import Schema, check
from ...catalog.rules import Text
from ...model import Cell, CellKind, Number, ProseLine, Related
from ...parse.numbers import Mention, find_numbers
from ..context import Context
from ..emit import fingerprint
from ..joined import joined
from ..literals import required_of
from ..prose import clause, compiled, expanded, number_in, original, quote, span
from ..refs import bad_patterns, cell_problems

# ------------------------------------------------------------------ N401


# repr=False: the records here are internal and never shown, and attrs would compile a __repr__
# for each class at every start-up (about 0.9 M instructions a class; issue 14).
@attrs.frozen(repr=False)
class Statement:
    what: Text  # what the sentence states, for the message
    table: str
    cells: tuple[str, ...]  # "row/col": the stated figure is their sum
    patterns: tuple[str, ...] = ()  # with {N}: the figure
    zero_patterns: tuple[str, ...] = ()  # a match states 0 (未收到…申请)
    or_cells: tuple[str, ...] = ()  # another sum the statement may mean (new + carried over)
    money: bool = False  # an amount: the table's cells are in 万元, the text in 元, 万元 or 亿元
    skip_words: tuple[str, ...] = ()  # the sentence says something else as well: left alone


@attrs.frozen(repr=False)
class NarrativeParams:
    statements: tuple[Statement, ...]
    keywords: tuple[str, ...]  # a line without any of these words is not looked at (speed only)

    def problems(self, rule: RuleSpec, schema: Schema) -> Iterator[tuple[str, str]]:
        for s in self.statements:
            yield from cell_problems("statements", s.table, (*s.cells, *s.or_cells), schema)
            yield from bad_patterns("statements", (*s.patterns, *s.zero_patterns))


def _sum(ctx: Context, table: str, cells: tuple[str, ...]) -> tuple[Number, Cell] | None:
    """The sum of the cells, and the first one (where the table says it); None when one is not a number."""
    found = ctx.report.tables.get(table)
    if found is None or found.unreadable is not None or not cells:
        return None
    values: list[Cell] = []
    for ref in cells:
        row, _, col = ref.partition("/")
        cell = found.cell(row, col)
        if cell is None or cell.kind != CellKind.NUMBER or cell.value is None:
            return None
        values.append(cell)
    total: Number = sum((c.value for c in values if c.value is not None), start=0)
    return total, values[0]


@check("N401", NarrativeParams)
def narrative_vs_tables(ctx: Context, rule: RuleSpec, params: NarrativeParams) -> None:
    seen: set[tuple[int, int]] = set()
    lines = joined(ctx)
    statements = [(index, s, _needs(s)) for index, s in enumerate(params.statements)]
    words = {word for _, _, needs in statements for one in needs for word in one}
    for i in lines.containing(params.keywords):
        item = lines.items[i]
        text = item.line.text
        if not any(word in text for word in params.keywords):
            continue
        # A fast path (issue 14): the words that the matches of the patterns must contain
        # (literals.py), looked for once in this line; a pattern whose words are not all here has
        # no match in it, and a statement none of whose patterns can match is passed over.
        present = {word for word in words if word in text}
        for index, statement, needs in statements:
            if not _may_match(needs, present):
                continue
            for stated, start, end in _statements(text, statement, present):
                if (id(item.line), start) in seen:
                    continue
                seen.add((id(item.line), start))
                _compare(ctx, rule, item, statement, index, stated, start, end)


def _may_match(needs: tuple[frozenset[str], ...], present: set[str]) -> bool:
    for words in needs:  # noqa: SIM110 (a generator costs more than the test itself)
        if words <= present:
            return True
    return False


def _statements(text: str, statement: Statement, present: set[str]) -> Iterator[tuple[Number, int, int]]:
    """The figures the statement's patterns find in `text`, which holds the words `present`."""
    for pattern in statement.patterns:
        if not _words(pattern) <= present:
            continue  # a fast path: no match without these words (literals.py)
        for match in compiled(pattern).finditer(text):
            if any(w in clause(text, match.start(), match.end()) for w in statement.skip_words):
                continue
            mention = number_in(text, match)
            if mention is None or mention.approximate:
                continue
            value: Number = mention.value
            if statement.money:
                scale = {"万元": 1, "亿元": 10_000}.get(mention.unit or "")
                value = Decimal(value) * scale if scale else Decimal(value) / 10_000
            yield value, match.start(), match.end()
    for pattern in statement.zero_patterns:
        if not _words(pattern) <= present:
            continue
        for match in compiled(pattern).finditer(text):
            if not any(w in clause(text, match.start(), match.end()) for w in statement.skip_words):
                yield 0, match.start(), match.end()


def _needs(statement: Statement) -> tuple[frozenset[str], ...]:
    """For each of the statement's patterns, the words every match of it contains."""
    return tuple(_words(p) for p in (*statement.patterns, *statement.zero_patterns))


@functools.cache
def _words(pattern: str) -> frozenset[str]:
    """The words that every match of the pattern contains, read without compiling it: a pattern
    is compiled only for a line that holds them all (start-up time; literals.required_of)."""
    return frozenset(required_of(expanded(pattern)))


def _agrees(stated: Number, table: Number, money: bool) -> bool:
    if money:  # the text in 元 against 万元 with two decimals: agree within the table's rounding
        return abs(Decimal(stated) - Decimal(table)) < Decimal("0.005")
    return stated == table


def _compare(
    ctx: Context,
    rule: RuleSpec,
    item: ProseLine,
    s: Statement,
    index: int,
    stated: Number,
    start: int,
    end: int,
) -> None:
    main = _sum(ctx, s.table, s.cells)
    if main is None:
        return
    other = _sum(ctx, s.table, s.or_cells) if s.or_cells else None
    if _agrees(stated, main[0], s.money) or (other is not None and _agrees(stated, other[0], s.money)):
        return
    spec = ctx.table_spec(s.table)
    if spec is None:
        return
    total, cell = main
    row, _, col = s.cells[0].partition("/")
    labels = "+".join(
        f"“{spec.row(r).label}”{spec.column(c).label}" for r, _, c in (ref.partition("/") for ref in s.cells)
    )
    location = span(item.line, start, end)
    values = {
        **ctx.table_values(spec),
        "what": s.what.zh,
        "what_en": s.what.en,
        "cells": labels,
        "quote": quote(original(item.line, start, end)),
    }
    cell_place = Related(
        rule=rule.code,
        message=f"{spec.name}{labels}：{total}",
        message_en=f"{spec.name_en} {labels}: {total}",
        location=cell.location,
        fingerprint=fingerprint(rule.code, ctx.report.path, s.table, row, col),
        table=s.table,
        row=row,
        col=col,
    )
    ctx.emit(
        rule,
        location,
        values,
        section=item.section,
        table=s.table,
        row=row,
        col=col,
        expected=total,
        actual=stated,
        detail=f"{index}:{location.line}:{location.paragraph}:{location.page}:{location.column}",
        related=(cell_place,),
    )


# ------------------------------------------------------------------ N402


@attrs.frozen(repr=False)
class PartsParams:
    total: str  # the stated total: a pattern with {N} that ends right before 其中
    parts_start: str  # the word that opens the parts (其中)
    separators: str  # characters between parts (a character class)
    stop_words: tuple[str, ...]  # a clause with one of them ends the parts (均已办结, 占…)
    not_counts: str  # what after a number makes it no count (年, 月, 日, %)

    def problems(self, rule: RuleSpec, schema: Schema) -> Iterator[tuple[str, str]]:
        yield from bad_patterns(
            "total", (self.total, self.parts_start, f"[{self.separators}]", self.not_counts)
        )


@check("N402", PartsParams)
def parts_exceed_total(ctx: Context, rule: RuleSpec, params: PartsParams) -> None:
    opener = compiled(f"(?:{params.total})\\s*[,:]?\\s*(?:{params.parts_start})\\s*[,:]?")
    lines = joined(ctx)
    for index in lines.containing((params.parts_start,)):
        item = lines.items[index]
        text = item.line.text
        if params.parts_start not in text:
            continue
        for match in opener.finditer(text):
            total = number_in(text, match)
            if total is None or total.approximate or _not_count(text, total.end, params):
                continue
            parts = _parts(text, match.end(), total.unit, params)
            if parts is None or len(parts) < 2 or sum(parts) <= total.value:
                continue
            location = span(item.line, match.start(), match.end())
            values = {
                "quote": quote(original(item.line, match.start(), _sentence_end(text, match.end())), 60)
            }
            ctx.emit(
                rule,
                location,
                values,
                section=item.section,
                expected=total.value,
                actual=sum(parts),
                detail=f"{location.line}:{location.paragraph}:{location.page}:{location.column}",
            )


def _sentence_end(text: str, start: int) -> int:
    ends = [i for i in (text.find(c, start) for c in "。;") if i >= 0]
    return min(ends) if ends else len(text)


def _not_count(text: str, end: int, params: PartsParams) -> bool:
    return compiled(f"\\s*(?:{params.not_counts})").match(text, end) is not None


def _parts(text: str, start: int, unit: str | None, params: PartsParams) -> list[Number] | None:
    """The numbers of the clauses after 其中 up to the end of the sentence; None when a clause is
    not one part (two numbers, another unit, an approximate figure)."""
    body = regex.sub(r"\([^()]*\)", lambda m: " " * len(m[0]), text[start : _sentence_end(text, start)])
    out: list[Number] = []
    for piece in compiled(f"[{params.separators}]").split(body):
        if any(w in piece for w in params.stop_words):
            break
        numbers = [m for m in _mentions(piece) if not _not_count(piece, m.end, params)]
        if not numbers:
            if piece.strip():
                return None  # a clause without a figure: not a plain list of parts
            continue
        if len(numbers) > 1 or numbers[0].approximate:
            return None
        if unit is not None and numbers[0].unit is not None and numbers[0].unit != unit:
            return None
        out.append(numbers[0].value)
    return out


def _mentions(piece: str) -> list[Mention]:
    """Figures: Arabic digits, or Chinese numerals with a unit (the 一 of 一级 is no figure)."""
    return [m for m in find_numbers(piece) if m.raw[0].isdigit() or m.unit is not None]
