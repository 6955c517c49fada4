"""Suggested values: one cell that, changed, makes every identity it takes part in hold.

A pure post-processing step over the engine's findings. Every identity of the catalog is evaluated
here again, on every instance whose cells all hold numbers (the engine skips derived instances
that follow from others; a cell must be weighed against all of them). Then:

- a cell is a *candidate* when the equalities it takes part in agree on one value for it that makes
  each of them hold, that value differs from the cell's and is not negative, and the inequalities
  it takes part in hold with it too;
- a failing identity whose cells hold exactly one candidate names that cell: its finding carries
  the value as `suggestion`, stands at the cell (`row`, `col`, location), and the findings of the
  other failing identities through that cell are folded into it as `related` — one cause, one
  finding. Its fingerprint stays that of the first identity, so baselines do not depend on it.

Nothing here edits a report; a table 四 row off by one has five cells that could each be the wrong
one, so it gets no suggestion.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from decimal import Decimal

import attrs

from ..catalog import Catalog, RuleSpec, TableSpec
from ..catalog.expr import Identity
from ..model import CellKind, Finding, Number, Related, Report, Table
from .kinds.identity import IdentityParams

CellKey = tuple[str, str]  # (row, col)


# repr=False: the records here are internal and never shown, and attrs would compile a __repr__
# for each class at every start-up (about 0.9 M instructions a class; issue 14).
@attrs.frozen(repr=False)
class Instance:
    """One identity at one row (per-row rules) or one column (per-column rules), made linear:
    `sum(coefficients[cell] * value) + constant` compared with 0 by `op`."""

    rule: str
    table: str
    row: str | None
    col: str | None
    op: str
    coefficients: dict[CellKey, int]
    constant: int

    def slack(self, values: dict[CellKey, Number]) -> Number:
        total: Number = self.constant
        for cell, coefficient in self.coefficients.items():
            total = total + coefficient * values[cell]
        return total

    def holds(self, values: dict[CellKey, Number]) -> bool:
        slack = self.slack(values)
        return slack == 0 if self.op == "==" else slack >= 0 if self.op == ">=" else slack <= 0


def suggest(report: Report, catalog: Catalog, findings: Sequence[Finding]) -> list[Finding]:
    """The findings with suggestions filled in and findings of one cause folded together."""
    if report.template is None:
        return list(findings)
    template = catalog.templates[report.template]
    rules = [r for r in catalog.rules if isinstance(r.params, IdentityParams)]
    out = list(findings)
    for key, table in sorted(report.tables.items()):
        spec = template.tables.get(key)
        if spec is None:
            continue
        instances = [i for r in rules for i in _instances(r, spec, table)]
        for cell, value, group in _suggestions(instances, _values(table)):
            out = _fold(out, table, cell, value, group)
    return out


def _values(table: Table) -> dict[CellKey, Number]:
    return {
        (row, col): cell.value
        for row, cells in table.rows.items()
        for col, cell in cells.items()
        if cell.kind is CellKind.NUMBER and cell.value is not None
    }


def _instances(rule: RuleSpec, spec: TableSpec, table: Table) -> Iterator[Instance]:
    params = rule.params
    assert isinstance(params, IdentityParams)
    expr = params.expr
    if params.table != spec.key or (rule.templates and table.template not in rule.templates):
        return
    if params.per == "row":
        available = tuple(c.key for c in spec.columns)
        for row in params.rows or [r.key for r in spec.value_rows]:
            yield _linear(rule, expr, spec.key, available, row=row, col=None)
    else:
        available = tuple(r.key for r in spec.value_rows)
        for col in params.columns or [c.key for c in spec.columns]:
            yield _linear(rule, expr, spec.key, available, row=None, col=col)


def _linear(
    rule: RuleSpec, expr: Identity, table: str, available: tuple[str, ...], row: str | None, col: str | None
) -> Instance:
    (left, left_constant), (right, right_constant) = expr.sides(available)
    coefficients: dict[CellKey, int] = {}
    for side, factor in ((left, 1), (right, -1)):
        for sign, key in side:
            cell = (row, key) if row is not None else (key, col or "")
            coefficients[cell] = coefficients.get(cell, 0) + sign * factor
    return Instance(
        rule.code, table, row, col, expr.op, coefficients, constant=left_constant - right_constant
    )


def _suggestions(
    instances: list[Instance], values: dict[CellKey, Number]
) -> Iterator[tuple[CellKey, Number, list[Instance]]]:
    """(cell, value, the failing instances through it) for each cell a failing instance names."""
    assessable = [i for i in instances if all(c in values for c in i.coefficients)]
    failing = [i for i in assessable if not i.holds(values)]
    through: dict[CellKey, list[Instance]] = {}
    for instance in assessable:
        for cell, coefficient in instance.coefficients.items():
            if coefficient:
                through.setdefault(cell, []).append(instance)
    candidates: dict[CellKey, Number] = {}
    for cell in {c for i in failing for c in i.coefficients}:
        value = _candidate(cell, through.get(cell, []), values)
        if value is not None:
            candidates[cell] = value
    named: list[CellKey] = []
    for instance in failing:
        own = [c for c in instance.coefficients if c in candidates]
        if len(own) == 1 and own[0] not in named:
            named.append(own[0])
    for cell in named:
        yield cell, candidates[cell], [i for i in failing if i.coefficients.get(cell)]


def _candidate(cell: CellKey, instances: list[Instance], values: dict[CellKey, Number]) -> Number | None:
    current = values[cell]
    wanted: set[Number] = set()
    for instance in instances:
        coefficient = instance.coefficients[cell]
        if instance.op == "==" and coefficient in (1, -1):
            wanted.add(current - instance.slack(values) * coefficient)
        elif instance.op == "==":
            return None  # a cell counted twice in one identity: no single step solves it
    if len(wanted) != 1:
        return None
    (value,) = wanted
    if value == current or value < 0:
        return None
    changed = {**values, cell: value}
    return value if all(i.holds(changed) for i in instances) else None


def _fold(
    findings: list[Finding], table: Table, cell: CellKey, value: Number, group: list[Instance]
) -> list[Finding]:
    ours = [f for f in findings if f.suggestion is None and any(_is_of(f, i) for i in group)]
    if not ours:
        return findings
    ours.sort(key=lambda f: (f.rule, f.fingerprint))
    first, rest = ours[0], ours[1:]
    row, col = cell
    located = table.cell(row, col)
    folded = attrs.evolve(
        first,
        location=located.location if located is not None else first.location,
        row=row,
        col=col,
        suggestion=_show(value),
        related=tuple(_related(f) for f in rest),
    )
    dropped = {id(f) for f in ours}
    return [folded if f is first else f for f in findings if f is first or id(f) not in dropped]


def _is_of(finding: Finding, instance: Instance) -> bool:
    if finding.rule != instance.rule or finding.table != instance.table:
        return False
    if instance.row is not None:
        return finding.row == instance.row
    return finding.row is None and finding.col == instance.col


def _related(finding: Finding) -> Related:
    return Related(
        rule=finding.rule,
        message=finding.message,
        message_en=finding.message_en,
        location=finding.location,
        fingerprint=finding.fingerprint,
        section=finding.section,
        table=finding.table,
        row=finding.row,
        col=finding.col,
    )


def _show(value: Number) -> str:
    if isinstance(value, Decimal) and value == value.to_integral_value():
        return str(int(value))
    return str(value)
