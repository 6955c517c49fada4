"""Identities (勾稽关系) over a table's cells, and A300 for the ones that cannot be assessed.

An identity is evaluated only when every cell it needs holds a number. Otherwise the instance is
not assessable: one A300 finding per rule and table lists the cells that were missing. A table
that could not be read (T208) is not evaluated at all, nor reported not assessable.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from decimal import Decimal

import attrs

from ...catalog import RuleSpec, TableSpec
from ...catalog.expr import Identity, Side
from ...catalog.labels import core
from ...model import CellKind, Number, Table
from ..context import Context

MAX_LISTED = 8


@attrs.frozen
class Instance:
    row: str | None  # per-row identities: the row; per-column: None
    col: str | None  # per-column identities: the column; per-row: None

    def cell(self, key: str) -> tuple[str, str]:
        """(row, col) of the operand `key` in this instance."""
        if self.row is not None:
            return self.row, key
        assert self.col is not None
        return key, self.col


def identity(ctx: Context, rule: RuleSpec) -> None:
    expr = rule.identity
    assert expr is not None
    key = rule.param("table")
    spec = ctx.table_spec(key)
    table = ctx.report.tables.get(key)
    templates = rule.param("templates")
    if spec is None or table is None or (templates and table.template not in templates):
        return
    if table.unreadable is not None:
        return  # T208 says the table could not be read: no identity on its guesses, and no A300
    per_row = rule.param("per") == "row"
    available = tuple(c.key for c in spec.columns) if per_row else tuple(r.key for r in spec.value_rows)
    derived = set(rule.param("derived_columns", ()))
    instances = list(_instances(rule, spec, per_row))
    late = [i for i in instances if i.col in derived]
    unassessable: list[tuple[Instance, list[tuple[str, str]]]] = []
    failures = 0
    for instance in [i for i in instances if i.col not in derived]:
        failures += _evaluate(ctx, rule, expr, spec, table, instance, available, unassessable)
    source = rule.param("derived_from")
    if late and failures == 0 and (source is None or ctx.failed.get((source, key), 0) == 0):
        for instance in late:
            _evaluate(ctx, rule, expr, spec, table, instance, available, unassessable)
    if unassessable and rule.code not in ctx.ignored:  # an ignored identity is not reported as unassessed
        _report_unassessable(ctx, rule, spec, table, unassessable)


def _instances(rule: RuleSpec, spec: TableSpec, per_row: bool) -> Iterator[Instance]:
    if per_row:
        for row in rule.param("rows", [r.key for r in spec.value_rows]):
            yield Instance(row=row, col=None)
    else:
        for col in rule.param("columns", [c.key for c in spec.columns]):
            yield Instance(row=None, col=col)


def _evaluate(
    ctx: Context,
    rule: RuleSpec,
    expr: Identity,
    spec: TableSpec,
    table: Table,
    instance: Instance,
    available: tuple[str, ...],
    unassessable: list[tuple[Instance, list[tuple[str, str]]]],
) -> int:
    values: dict[str, Number] = {}
    missing: list[tuple[str, str]] = []
    for key in expr.keys(available):
        row, col = instance.cell(key)
        cell = table.cell(row, col)
        if cell is None or cell.kind is not CellKind.NUMBER or cell.value is None:
            missing.append((row, col))
        else:
            values[key] = cell.value
    if missing:
        unassessable.append((instance, missing))
        return 0
    left, right = sides(expr, values, available)
    if _compare(expr.op, left, right):
        return 0
    first = next(t.key for t in expr.left if t.key is not None)
    row, col = instance.cell(first)
    cell = table.cell(row, col)
    location = cell.location if cell is not None else table.location
    right_keys = [k for t in expr.right for k in t.keys(available)]
    operands = "、".join(f"{_short(spec, instance, k)}{_show(values[k])}" for k in right_keys)
    message_values = {
        **ctx.table_values(spec),
        "row_label": spec.row(instance.row).label if instance.row else "",
        "col_label": spec.column(instance.col).label if instance.col else "",
        "operands": operands,
    }
    ctx.emit(
        rule,
        location,
        message_values,
        section=spec.section,
        table=spec.key,
        row=instance.row,
        col=instance.col if instance.col else first,
        expected=_plain(right),
        actual=_plain(left),
    )
    return 1


def sides(expr: Identity, values: Mapping[str, Number], available: tuple[str, ...]) -> tuple[Number, Number]:
    left_side, right_side = expr.sides(available)
    return _total(left_side, values), _total(right_side, values)


def holds(expr: Identity, values: Mapping[str, Number], available: tuple[str, ...]) -> bool:
    """Whether the identity holds for these values (every key it needs must be in `values`)."""
    return _compare(expr.op, *sides(expr, values, available))


def _compare(op: str, left: Number, right: Number) -> bool:
    return left == right if op == "==" else left >= right if op == ">=" else left <= right


def _total(side: Side, values: Mapping[str, Number]) -> Number:
    signed, constant = side
    total: Number = constant
    for sign, key in signed:
        total = total + values[key] if sign > 0 else total - values[key]
    return total


def _plain(value: Number) -> Number:
    if isinstance(value, Decimal) and value == value.to_integral_value():
        return int(value)
    return value


def _show(value: Number) -> str:
    return str(_plain(value))


def _short(spec: TableSpec, instance: Instance, key: str) -> str:
    """A short name for an operand: the column's label, or the row's label cut to 10 characters."""
    if instance.row is not None:
        return spec.column(key).label
    label = core(spec.row(key).label)
    return label if len(label) <= 10 else label[:9] + "…"


def _report_unassessable(
    ctx: Context,
    rule: RuleSpec,
    spec: TableSpec,
    table: Table,
    unassessable: list[tuple[Instance, list[tuple[str, str]]]],
) -> None:
    reporter = next(r for r in ctx.catalog.rules if r.kind == "not-assessable")
    whole_rows: list[str] = []
    cells: list[tuple[str, str]] = []
    for _, missing in unassessable:
        for row, col in missing:
            if row not in table.rows:
                if row not in whole_rows:
                    whole_rows.append(row)
            elif (row, col) not in cells:
                cells.append((row, col))
    values: dict[str, object] = {**ctx.table_values(spec), "about": rule.code, "count": len(unassessable)}
    for lang in ("zh", "en"):
        words = reporter.param("parts")[lang]
        parts = [words["row"].format(row=spec.row(r).label) for r in whole_rows]
        parts += [words["cell"].format(row=spec.row(r).label, col=spec.column(c).label) for r, c in cells]
        suffix = "" if lang == "zh" else "_en"
        values["missing" + suffix] = _listed(parts, words["sep"], words["more"])
        values["identity" + suffix] = rule.summary_zh if lang == "zh" else rule.summary_en
    ctx.emit(
        reporter,
        table.location,
        values,
        section=spec.section,
        table=spec.key,
        about=rule.code,
    )


def _listed(parts: list[str], sep: str, more: str) -> str:
    if len(parts) <= MAX_LISTED:
        return sep.join(parts)
    return sep.join(parts[:MAX_LISTED]) + sep + more.format(n=len(parts) - MAX_LISTED)
