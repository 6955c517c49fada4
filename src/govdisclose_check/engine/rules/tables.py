"""Table shape (T): T201 row missing, T202 table missing, T203 unknown row, T204 value count,
T205 cell not a number, T206 format not recognised, T207 unit in a count cell, T208 table unreadable.

A table whose rows mostly could not be aligned gets T208 only: none of the row and cell checks."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Literal

import attrs

from ...catalog import RuleSpec, TableSpec
from ...catalog.labels import core
from ...catalog.registry import NoParams, Schema, check
from ...catalog.rules import Text
from ...model import Cell, CellKind, Number, Table, TableRow
from ..cellscan import scan
from ..context import Context
from ..emit import with_message
from ..kinds.identity import IdentityParams, holds

Lang = Literal["zh", "en"]


@attrs.frozen
class UnknownRowParams:
    unlabelled: str  # {label} of values that stand before any row label
    repeated: Text  # the message for a row of the format found a second time


# repr=False: the records here are internal and never shown, and attrs would compile a __repr__
# for each class at every start-up (about 0.9 M instructions a class; issue 14).
@attrs.frozen(repr=False)
class Hint:
    unknown: str
    split: str


@attrs.frozen(repr=False)
class RowValueCountParams:
    hint: dict[Lang, Hint]
    # The per-row identities that tell a number split in two: joining one pair must make them hold.
    identities: tuple[str, ...] = ()

    def problems(self, rule: RuleSpec, schema: Schema) -> Iterator[tuple[str, str]]:
        for code in self.identities:
            other = schema.rules.get(code)
            params = other.params if other is not None else None
            if not (isinstance(params, IdentityParams) and params.per == "row"):
                yield "identities", f"{code!r} is not a per-row identity rule"


@attrs.frozen(repr=False)
class KindNames:
    blank: str
    na: str
    text: str
    unparseable: str


@attrs.frozen(repr=False)
class CellKindParams:
    kind_names: dict[Lang, KindNames]  # how each kind of cell is named in the message


@attrs.frozen(repr=False)
class Seen:
    bare: str  # {n} row labels without values of their own
    stray: str  # {n} values that belong to no row
    sep: str


@attrs.frozen(repr=False)
class UnreadableParams:
    seen: dict[Lang, Seen]  # what was found instead of rows, joined into the message's {seen}


def _tables(ctx: Context) -> Iterator[tuple[TableSpec, Table]]:
    """The tables whose rows could be read (an unreadable one is T208's alone)."""
    for key, table in ctx.report.tables.items():
        spec = ctx.table_spec(key)
        if spec is not None and table.unreadable is None:
            yield spec, table


@check("T208", UnreadableParams)
def table_unreadable(ctx: Context, rule: RuleSpec, params: UnreadableParams) -> None:
    for key, table in ctx.report.tables.items():
        spec = ctx.table_spec(key)
        why = table.unreadable
        if spec is None or why is None:
            continue
        counts = {"bare": why.bare_labels, "stray": why.stray_values}
        parts = {
            lang: seen.sep.join(getattr(seen, k).format(n=n) for k, n in counts.items() if n)
            for lang, seen in params.seen.items()
        }
        ctx.emit(
            rule,
            table.location,
            {
                **ctx.table_values(spec),
                "rows": why.aligned + why.unaligned,
                "aligned": why.aligned,
                "unaligned": why.unaligned,
                "seen": parts["zh"],
                "seen_en": parts["en"],
            },
            section=spec.section,
            table=key,
            expected=why.aligned + why.unaligned,
            actual=why.aligned,
        )


@check("T202")
def required_table(ctx: Context, rule: RuleSpec, _: NoParams) -> None:
    template = ctx.template or next(iter(ctx.catalog.templates.values()))
    for key, spec in template.tables.items():
        if key in ctx.report.located:
            continue
        section = ctx.report.section(spec.section)
        location = section.location if section is not None else ctx.report.title_location
        ctx.emit(rule, location, ctx.table_values(spec), section=spec.section, table=key)


@check("T206")
def template_recognised(ctx: Context, rule: RuleSpec, _: NoParams) -> None:
    if ctx.report.template is None and ctx.report.located:
        ctx.emit(rule, ctx.report.title_location, {})


@check("T201")
def required_row(ctx: Context, rule: RuleSpec, _: NoParams) -> None:
    year_template = ctx.catalog.template_for_year(ctx.report.year) if ctx.report.year else None
    for spec, table in _tables(ctx):
        # In a report on the wrong format, a row that the right format does not have either is
        # not reported missing: the format finding (C501) covers it.
        other = None
        if year_template is not None and year_template.version != table.template:
            other = year_template.tables.get(spec.key)
        # The rows found, not their places: a row's `Location` is made only when a finding
        # points at it (most tables miss no row).
        found_at = {row.key: row for row in table.found if row.key is not None}
        previous: TableRow | None = None  # the last row found before the missing one
        for row in spec.value_rows:
            found = found_at.get(row.key)
            if found is not None:
                previous = found
                continue
            if row.key not in table.missing:
                continue
            if other is not None and row.key not in {r.key for r in other.value_rows}:
                continue
            ctx.emit(
                rule,
                previous.location if previous is not None else table.location,
                {**ctx.table_values(spec), "row_label": row.label},
                section=spec.section,
                table=spec.key,
                row=row.key,
            )


@check("T203", UnknownRowParams)
def unknown_row(ctx: Context, rule: RuleSpec, params: UnknownRowParams) -> None:
    for spec, table in _tables(ctx):
        for row in table.unknown:
            label = row.label or params.unlabelled
            # A row of the format found a second time (a group heading with values is not one).
            repeated = row.key is not None and not spec.row(row.key).group
            ctx.emit(
                with_message(rule, params.repeated) if repeated else rule,
                row.location,
                {**ctx.table_values(spec), "label": label, "count": len(row.cells)},
                section=spec.section,
                table=spec.key,
                row=row.key,
                detail=core(row.label),
            )


@check("T204", RowValueCountParams)
def row_value_count(ctx: Context, rule: RuleSpec, params: RowValueCountParams) -> None:
    hints = params.hint
    for spec, table in _tables(ctx):
        for row in table.miscounted:
            assert row.key is not None
            expected = len(spec.row(row.key).columns)
            location = row.location
            if row.cells and row.cells[-1].location.line == location.line:
                last = row.cells[-1].location
                location = attrs.evolve(location, end_line=last.end_line, end_column=last.end_column)
            split = likely_split(ctx, params, spec, row)
            if split is None:
                hint_zh, hint_en, suggestion = hints["zh"].unknown, hints["en"].unknown, None
            else:
                at, joined = split
                found = {
                    "first": at + 1,
                    "second": at + 2,
                    "a": row.cells[at].raw,
                    "b": row.cells[at + 1].raw,
                    "joined": joined,
                }
                hint_zh = hints["zh"].split.format_map(found)
                hint_en = hints["en"].split.format_map(found)
                suggestion = str(joined)
            ctx.emit(
                rule,
                location,
                {
                    **ctx.table_values(spec),
                    "row_label": spec.row(row.key).label,
                    "hint": hint_zh,
                    "hint_en": hint_en,
                },
                section=spec.section,
                table=spec.key,
                row=row.key,
                expected=expected,
                actual=len(row.cells),
                suggestion=suggestion,
            )
        if table.expected_values is not None and table.found_values != table.expected_values:
            label = "、".join(r.label for r in spec.value_rows)
            ctx.emit(
                rule,
                table.location,
                {
                    **ctx.table_values(spec),
                    "row_label": label,
                    "hint": hints["zh"].unknown,
                    "hint_en": hints["en"].unknown,
                },
                section=spec.section,
                table=spec.key,
                expected=table.expected_values,
                actual=table.found_values,
            )


def _emit_cell(
    ctx: Context, rule: RuleSpec, spec: TableSpec, row: str, col: str, cell: Cell, **values: object
) -> None:
    labels = {"row_label": spec.row(row).label, "col_label": spec.column(col).label, "raw": cell.raw}
    ctx.emit(
        rule,
        cell.location,
        {**ctx.table_values(spec), **labels, **values},
        section=spec.section,
        table=spec.key,
        row=row,
        col=col,
        actual=cell.raw,
    )


@check("T205", CellKindParams)
def cell_kind(ctx: Context, rule: RuleSpec, params: CellKindParams) -> None:
    names = params.kind_names
    for found in scan(ctx).not_numbers:  # the cells not numbers, of the readable tables, in order
        cell = found.cell
        kind_zh = getattr(names["zh"], str(cell.kind))
        kind_en = getattr(names["en"], str(cell.kind))
        _emit_cell(ctx, rule, found.spec, found.row.key, found.col, cell, kind_zh=kind_zh, kind_en=kind_en)


@check("T207")
def unit_in_cell(ctx: Context, rule: RuleSpec, _: NoParams) -> None:
    units = ctx.catalog.units
    for found in scan(ctx).with_unit:  # the numbers with a unit, of the readable tables, in order
        spec, col, cell = found.spec, found.col, found.cell
        if cell.unit not in units.get(spec.column(col).kind, frozenset()):
            _emit_cell(ctx, rule, spec, found.row.key, col, cell, value=cell.value)


def likely_split(
    ctx: Context, params: RowValueCountParams, spec: TableSpec, row: TableRow
) -> tuple[int, int] | None:
    """(index, number) when the row has one value too many and joining exactly one pair of
    neighbours ("1 2" -> 12, as PDF and OCR text split numbers) makes every row identity of the
    table (the row total) hold."""
    assert row.key is not None
    columns = spec.row(row.key).columns
    raws = [c.raw for c in row.cells]
    rules = [ctx.catalog.rule(code) for code in params.identities]
    checks = [
        r.p(IdentityParams).expr
        for r in rules
        if r.p(IdentityParams).table == spec.key and r.applies_to(ctx.report.template)
    ]
    if len(raws) != len(columns) + 1 or not checks:
        return None
    if not all(c.kind is CellKind.NUMBER and c.raw.isdigit() and c.raw.isascii() for c in row.cells):
        return None
    available = tuple(c.key for c in spec.columns)
    relevant = [e for e in checks if set(e.keys(available)) <= set(columns)]
    if not relevant:
        return None
    fits = []
    for at in range(len(raws) - 1):
        joined = int(raws[at] + raws[at + 1])
        numbers = [int(x) for x in raws[:at]] + [joined] + [int(x) for x in raws[at + 2 :]]
        named: dict[str, Number] = dict(zip(columns, numbers, strict=True))
        if all(holds(e, named, available) for e in relevant):
            fits.append((at, joined))
    return fits[0] if len(fits) == 1 else None
