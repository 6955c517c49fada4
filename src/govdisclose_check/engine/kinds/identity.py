"""Identities (勾稽关系) over a table's cells, and A300 for the ones that cannot be assessed.

An identity is evaluated only when every cell it needs holds a number. Otherwise the instance is
not assessable: one finding of the `not_assessable` rule (A300) per rule and table lists the cells
that were missing. A table that could not be read (T208) is not evaluated at all, nor reported not
assessable.
"""

from __future__ import annotations

import fnmatch
from collections.abc import Iterator, Mapping
from decimal import Decimal
from typing import Literal

import attrs

from ...catalog import RuleSpec, TableSpec
from ...catalog.expr import Identity, Side, parse_identity
from ...catalog.labels import core
from ...catalog.registry import Schema, kind, passive_kind, structure_hook
from ...model import Number, Table
from ..context import Context
from .plan import CellRef, Failure, Numbers, Plan, cached, compare, compile_plan, numbers_of, remember

MAX_LISTED = 8


def _identity(value: object, _: object) -> Identity:
    if not isinstance(value, str):
        raise TypeError(f"expected an identity as a string, found {value!r}")
    identity = parse_identity(value)
    if not any(t.key is not None for t in identity.left):
        raise ValueError(
            f"identity {value!r}: the left side must name the stated cell (a key, not only sum() or a "
            "number): write it first, e.g. `decisions >= 0` rather than `0 <= decisions`"
        )
    return identity


structure_hook(Identity, _identity)


@attrs.frozen
class IdentityParams:
    """`kind = "identity"`: `expr` over the row keys of `table` (per = "column": checked in each
    column) or over its column keys (per = "row": checked in each row)."""

    table: str
    per: Literal["row", "column"]
    expr: Identity
    rows: tuple[str, ...] = ()  # per row: the rows checked (default every row with values)
    columns: tuple[str, ...] = ()  # per column: the columns checked (default every column)
    # Columns where the identity follows from the others plus the row identity `derived_from`:
    # checked only when the other columns hold and `derived_from` holds in every row.
    derived_columns: tuple[str, ...] = ()
    derived_from: str = ""
    not_assessable: str = "A300"  # the rule that reports an identity that cannot be assessed

    def problems(self, rule: RuleSpec, schema: Schema) -> Iterator[tuple[str, str]]:
        templates = [t for v, t in schema.templates.items() if (not rule.templates or v in rule.templates)]
        specs = [t.tables[self.table] for t in templates if self.table in t.tables]
        if not specs:
            known = sorted({k for t in templates for k in t.tables})
            yield "table", f"unknown table {self.table!r}; expected one of {known}"
            return
        yield from self._keys(specs)
        reporter = schema.rules.get(self.not_assessable)
        if reporter is None or reporter.kind != "not-assessable":
            yield "not_assessable", f"{self.not_assessable!r} is not a rule of kind 'not-assessable'"
        if self.derived_from:
            source = schema.rules.get(self.derived_from)
            params = source.params if source is not None else None
            if not (
                isinstance(params, IdentityParams) and params.table == self.table and params.per == "row"
            ):
                yield "derived_from", f"{self.derived_from!r} is not a per-row identity of {self.table}"

    def _keys(self, specs: list[TableSpec]) -> Iterator[tuple[str, str]]:
        row_keys = [{r.key for r in s.value_rows} for s in specs]
        col_keys = [{c.key for c in s.columns} for s in specs]
        operands, across = (col_keys, row_keys) if self.per == "row" else (row_keys, col_keys)
        what = "column" if self.per == "row" else "row"
        for term in (*self.expr.left, *self.expr.right):
            if term.key is not None and not all(term.key in keys for keys in operands):
                yield "expr", f"unknown {what} key {term.key!r} in {self.table} (per = {self.per!r})"
            if term.pattern is not None and not any(_any_match(term.pattern, k) for k in operands):
                yield "expr", f"sum({term.pattern}) matches no {what} key of {self.table}"
        listed = (("rows", self.rows), ("columns", self.columns), ("derived_columns", self.derived_columns))
        for key, values in listed:
            if values and (key == "rows") != (self.per == "row"):
                yield key, f"{key} is only for per = {'row' if key == 'rows' else 'column'}"
            unknown = [v for v in values if not all(v in keys for keys in across)]
            if unknown:
                yield key, f"unknown {'row' if key == 'rows' else 'column'} keys {unknown} in {self.table}"


def _any_match(pattern: str, keys: set[str]) -> bool:
    return any(fnmatch.fnmatchcase(k, pattern) for k in keys)


# repr=False: the records here are internal and never shown, and attrs would compile a __repr__
# for each class at every start-up (about 0.9 M instructions a class; issue 14).
@attrs.frozen(repr=False)
class Parts:
    row: str
    cell: str
    sep: str
    more: str


@attrs.frozen
class NotAssessableParams:
    """`kind = "not-assessable"`: how the missing cells are listed in {missing}."""

    parts: dict[Literal["zh", "en"], Parts]


passive_kind("not-assessable", NotAssessableParams, __name__, "the identity kind, for each identity")


@attrs.frozen(repr=False)
class Instance:
    row: str | None  # per-row identities: the row; per-column: None
    col: str | None  # per-column identities: the column; per-row: None

    def cell(self, key: str) -> tuple[str, str]:
        """(row, col) of the operand `key` in this instance."""
        if self.row is not None:
            return self.row, key
        assert self.col is not None
        return key, self.col


@kind("identity", IdentityParams)
def identity(ctx: Context, rule: RuleSpec, params: IdentityParams) -> None:
    spec = ctx.table_spec(params.table)
    table = ctx.report.tables.get(params.table)
    if spec is None or table is None:
        return
    if table.unreadable is not None:
        return  # T208 says the table could not be read: no identity on its guesses, and no A300
    plan = _plan(params, spec)
    failures, missing = _failing(ctx, params, plan, table, late=False)
    unassessable = list(missing)
    for failure in failures:
        _report(ctx, rule, params, plan, spec, table, failure)
    if plan.late and not failures and not _fails(ctx, params.derived_from, spec, table):
        failures, missing = _failing(ctx, params, plan, table, late=True)
        unassessable += missing
        for failure in failures:
            _report(ctx, rule, params, plan, spec, table, failure)
    if unassessable and rule.code not in ctx.ignored:  # an ignored identity is not reported as unassessed
        _report_unassessable(ctx, rule, params, spec, table, unassessable)


def _available(spec: TableSpec, params: IdentityParams) -> tuple[str, ...]:
    if params.per == "row":
        return tuple(c.key for c in spec.columns)
    return tuple(r.key for r in spec.value_rows)


def _plan(params: IdentityParams, spec: TableSpec) -> Plan:
    """The identity compiled for this table format, once (plan.py)."""
    found = cached(params, spec)
    if found is not None:
        return found
    available = _available(spec, params)
    if params.per == "row":
        across = params.rows or tuple(r.key for r in spec.value_rows)
    else:
        across = params.columns or tuple(c.key for c in spec.columns)
    expr = params.expr
    compiled = compile_plan(
        expr.keys(available),
        expr.sides(available),
        expr.op,
        params.per == "row",
        tuple(across),
        params.derived_columns,
    )
    return remember(params, spec, compiled)


def _numbers(ctx: Context, table: Table) -> Numbers:
    """The table's cells that hold a number, gathered once per check for all its identities."""
    key = ("numbers", table.key)
    found = ctx.memo.get(key)
    if isinstance(found, Numbers):
        return found
    ctx.memo[key] = numbers = numbers_of(table.rows)
    return numbers


def _failing(
    ctx: Context, params: IdentityParams, plan: Plan, table: Table, *, late: bool
) -> tuple[list[Failure], list[list[CellRef]]]:
    """The failures of the early (or late) steps of an identity in this table, and the cells
    missing for the others: worked out once per check, for the rule itself and for the rules
    derived from it (`_fails`), never kept past it. Keyed by the parameters' id: the catalog
    holds them for the whole check."""
    key = ("failing", id(params), table.key, late)
    found = ctx.memo.get(key)
    if isinstance(found, tuple):
        return found
    missing: list[list[CellRef]] = []
    failures = plan.failing(_numbers(ctx, table), plan.late if late else plan.early, missing)
    ctx.memo[key] = result = (failures, missing)
    return result


def _fails(ctx: Context, code: str, spec: TableSpec, table: Table) -> bool:
    """Whether the identity `code` fails somewhere in this table."""
    if not code:
        return False
    source = ctx.catalog.rule(code)
    if not source.applies_to(table.template):
        return False
    params = source.p(IdentityParams)
    plan = _plan(params, spec)
    return any(_failing(ctx, params, plan, table, late=late)[0] for late in (False, True))


def _report(
    ctx: Context,
    rule: RuleSpec,
    params: IdentityParams,
    plan: Plan,
    spec: TableSpec,
    table: Table,
    failure: Failure,
) -> None:
    """A finding: only now are the operands named and the message's values made."""
    step, left, right = failure.step, failure.left, failure.right
    expr = params.expr
    available = _available(spec, params)
    values = dict(zip(plan.keys, failure.values, strict=True))
    instance = Instance(row=step.row, col=step.col)
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


def sides(expr: Identity, values: Mapping[str, Number], available: tuple[str, ...]) -> tuple[Number, Number]:
    left_side, right_side = expr.sides(available)
    return _total(left_side, values), _total(right_side, values)


def holds(expr: Identity, values: Mapping[str, Number], available: tuple[str, ...]) -> bool:
    """Whether the identity holds for these values (every key it needs must be in `values`)."""
    return compare(expr.op, *sides(expr, values, available))


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
    params: IdentityParams,
    spec: TableSpec,
    table: Table,
    unassessable: list[list[CellRef]],
) -> None:
    reporter = ctx.catalog.rule(params.not_assessable)
    whole_rows: list[str] = []
    cells: list[tuple[str, str]] = []
    for missing in unassessable:
        for row, col in missing:
            if row not in table.rows:
                if row not in whole_rows:
                    whole_rows.append(row)
            elif (row, col) not in cells:
                cells.append((row, col))
    values: dict[str, object] = {**ctx.table_values(spec), "about": rule.code, "count": len(unassessable)}
    for lang in ("zh", "en"):
        words = reporter.p(NotAssessableParams).parts["zh" if lang == "zh" else "en"]
        parts = [words.row.format(row=spec.row(r).label) for r in whole_rows]
        parts += [words.cell.format(row=spec.row(r).label, col=spec.column(c).label) for r, c in cells]
        suffix = "" if lang == "zh" else "_en"
        values["missing" + suffix] = _listed(parts, words.sep, words.more)
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
