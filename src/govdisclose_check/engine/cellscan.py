"""One pass over every value cell of the report's tables for the per-cell checks: A305 (negative),
A306 (not a whole number), T205 (not a number) and T207 (a unit). Each of them then looks only at
the few cells it may report, in the order the cells were read.

A fast path (issue 14): each of the four rules walked every cell of every table, with a look-up
of its column's kind for each one. The scan is made by the first of them to run and kept for the
check (`Context.memo`), never across reports.
"""

from __future__ import annotations

import attrs

from ..catalog import RowSpec, TableSpec
from ..model import Cell, CellKind
from .context import Context


# repr=False: the records here are internal and never shown, and attrs would compile a __repr__
# for each class at every start-up (about 0.9 M instructions a class; issue 14).
@attrs.frozen(repr=False)
class Found:
    spec: TableSpec
    key: str  # the table's key in the report
    row: RowSpec
    col: str
    cell: Cell


@attrs.define(repr=False)
class Scan:
    negative: list[Found] = attrs.Factory(list)  # numbers below zero (every table)
    fractional: list[Found] = attrs.Factory(list)  # numbers that are not whole (every table)
    not_numbers: list[Found] = attrs.Factory(list)  # cells of another kind (readable tables)
    with_unit: list[Found] = attrs.Factory(list)  # numbers read with a unit (readable tables)


def scan(ctx: Context) -> Scan:
    found = ctx.memo.get("cellscan")
    if isinstance(found, Scan):
        return found
    out = Scan()
    number = CellKind.NUMBER
    for key, table in ctx.report.tables.items():
        spec = ctx.table_spec(key)
        if spec is None:
            continue
        readable = table.unreadable is None  # an unreadable table is T208's alone (T2xx)
        rows = table.rows
        for row in spec.value_rows:
            cells = rows.get(row.key)
            if not cells:
                continue
            for col, cell in cells.items():
                if cell.kind is not number:
                    if readable:
                        out.not_numbers.append(Found(spec, key, row, col, cell))
                    continue
                if readable and cell.unit is not None:
                    out.with_unit.append(Found(spec, key, row, col, cell))
                value = cell.value
                if value is None or (type(value) is int and value >= 0):
                    continue  # most cells: a whole number, not negative
                if value < 0:
                    out.negative.append(Found(spec, key, row, col, cell))
                if value != int(value):
                    out.fractional.append(Found(spec, key, row, col, cell))
    ctx.memo["cellscan"] = out
    return out
