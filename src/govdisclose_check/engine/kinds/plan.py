"""Identities compiled once per (rule parameters, table format) into index lists: for each instance
(a row or a column of the table) the cells its operands read, and each side as (sign, operand
index) pairs. `identity.py` then only fetches cells and adds numbers for each report.

A fast path (issue 14): without it, the operands' keys, both sides and an `Instance` object were
worked out again for every row or column of every report."""

from __future__ import annotations

import operator
from collections.abc import Callable, Iterable, Mapping
from typing import NamedTuple, cast

import attrs

from ...catalog import TableSpec
from ...catalog.expr import Side
from ...model import Cell, CellKind, Number

_NONE: dict[str, Number] = {}
CellRef = tuple[str, str]  # (row key, column key)
Signed = tuple[tuple[int, int], ...]  # (sign, index of the operand)


# repr=False: the records here are internal and never shown, and attrs would compile a __repr__
# for each class at every start-up (about 0.9 M instructions a class; issue 14).
@attrs.frozen(repr=False)
class Step:
    """One instance of an identity: its row (per row) or its column (per column), and the cells of
    its operands in the order of `Identity.keys`."""

    row: str | None
    col: str | None
    cells: tuple[CellRef, ...]


@attrs.frozen(repr=False)
class Plan:
    keys: tuple[str, ...]  # the operands, in the order of `Identity.keys`
    per_row: bool
    steps: tuple[Step, ...]  # every instance, in the order the rule lists them
    early: tuple[Step, ...]  # those checked first: all but the derived columns'
    late: tuple[Step, ...]  # the derived columns' (checked when the others and their source hold)
    op: str
    left: Signed
    left_constant: int
    right: Signed
    right_constant: int
    left_sum: tuple[int, ...] | None  # the operands' indexes when a side only adds (else None)
    right_sum: tuple[int, ...] | None
    # When both sides only add and name every operand: each side's values read from a line at once
    # (`_getter`), for the fast path of `failing`.
    left_get: Getter | None = attrs.field(default=None, eq=False, repr=False)
    right_get: Getter | None = attrs.field(default=None, eq=False, repr=False)

    def failing(
        self, numbers: Numbers, steps: Iterable[Step], unassessable: list[list[CellRef]]
    ) -> list[Failure]:
        """The steps where the identity does not hold, in order, with their operands' values and
        both sides. A step with a cell missing from `numbers` (the table's cells that hold a
        number, `numbers_of`) goes to `unassessable` as the list of those cells."""
        per_row = self.per_row
        lines = numbers.by_row if per_row else numbers.by_col
        out: list[Failure] = []
        left_get, right_get = self.left_get, self.right_get
        for step in steps:
            line = lines.get((step.row if per_row else step.col) or "", _NONE)
            if left_get is not None and right_get is not None:
                # A fast path (issue 14): each side's values fetched by one C call and added by
                # `sum` in the side's order (the same result as below); a cell missing is a
                # KeyError, as the None among the values below.
                try:
                    left = sum(left_get(line), self.left_constant)
                    right = sum(right_get(line), self.right_constant)
                except KeyError:
                    unassessable.append(
                        [ref for ref, key in zip(step.cells, self.keys, strict=True) if key not in line]
                    )
                    continue
                if not compare(self.op, left, right):
                    out.append(Failure(step, [line[key] for key in self.keys], left, right))
                continue
            found = list(map(line.get, self.keys))
            if None in found:
                unassessable.append(
                    [ref for ref, value in zip(step.cells, found, strict=True) if value is None]
                )
                continue
            values = cast(list[Number], found)
            left = _side(self.left, self.left_constant, self.left_sum, values)
            right = _side(self.right, self.right_constant, self.right_sum, values)
            if not compare(self.op, left, right):
                out.append(Failure(step, values, left, right))
        return out


class Failure(NamedTuple):
    step: Step
    values: list[Number]  # the operands', in the order of `Plan.keys`
    left: Number
    right: Number


class Numbers(NamedTuple):
    """The cells of a table that hold a number (the others are missing to an identity), by row
    then column and by column then row: a step reads its operands with one map over its line."""

    by_row: dict[str, dict[str, Number]]
    by_col: dict[str, dict[str, Number]]


def numbers_of(rows: Mapping[str, Mapping[str, Cell]]) -> Numbers:
    by_row: dict[str, dict[str, Number]] = {}
    by_col: dict[str, dict[str, Number]] = {}
    number = _NUMBER
    for row, cells in rows.items():
        mine: dict[str, Number] = {}
        by_row[row] = mine
        for col, cell in cells.items():
            value = cell.value
            if value is not None and cell.kind is number:
                mine[col] = value
                column = by_col.get(col)
                if column is None:
                    by_col[col] = {row: value}
                else:
                    column[row] = value
    return Numbers(by_row, by_col)


# An enum member read from its class costs about a thousand instructions on Python 3.11 (its
# class's attribute cache does not serve it), so a loop over every cell reads it from here.
_NUMBER = CellKind.NUMBER


def compare(op: str, left: Number, right: Number) -> bool:
    return left == right if op == "==" else left >= right if op == ">=" else left <= right


def _total(signed: Signed, constant: int, values: list[Number]) -> Number:
    # Added in the order of the identity's terms, as `identity.sides` does: the same Decimal result.
    total: Number = constant
    for sign, index in signed:
        total = total + values[index] if sign > 0 else total - values[index]
    return total


def _side(signed: Signed, constant: int, summed: tuple[int, ...] | None, values: list[Number]) -> Number:
    """A side's value. One of additions only (most) is one `sum`, which adds in the same order."""
    if summed is not None:
        return sum(map(values.__getitem__, summed), constant)
    return _total(signed, constant, values)


Getter = Callable[[Mapping[str, Number]], tuple[Number, ...]]


def _getter(keys: tuple[str, ...]) -> Getter:
    """The values of `keys` in a line, as a tuple (KeyError for one missing)."""
    if len(keys) == 1:
        key = keys[0]
        return lambda line: (line[key],)
    if not keys:
        return lambda line: ()
    return operator.itemgetter(*keys)


def _getters(keys: tuple[str, ...], left: Signed, right: Signed) -> tuple[Getter | None, Getter | None]:
    """Both sides' getters when both only add and between them name every operand."""
    left_sum, right_sum = _summed(left), _summed(right)
    if left_sum is None or right_sum is None or {*left_sum, *right_sum} != set(range(len(keys))):
        return None, None
    return _getter(tuple(keys[i] for i in left_sum)), _getter(tuple(keys[i] for i in right_sum))


def _summed(signed: Signed) -> tuple[int, ...] | None:
    return tuple(index for _, index in signed) if all(sign > 0 for sign, _ in signed) else None


def _indexed(side: Side, keys: tuple[str, ...]) -> tuple[Signed, int]:
    signed, constant = side
    return tuple((sign, keys.index(key)) for sign, key in signed), constant


def compile_plan(
    keys: tuple[str, ...],
    sides: tuple[Side, Side],
    op: str,
    per_row: bool,
    across: tuple[str, ...],
    derived: tuple[str, ...] = (),
) -> Plan:
    """`across`: the rows (per row) or the columns (per column) the identity is checked in."""
    steps = tuple(
        Step(at, None, tuple((at, k) for k in keys))
        if per_row
        else Step(None, at, tuple((k, at) for k in keys))
        for at in across
    )
    (left, left_constant), (right, right_constant) = (_indexed(s, keys) for s in sides)
    late = tuple(s for s in steps if s.col is not None and s.col in derived)
    early = tuple(s for s in steps if not (s.col is not None and s.col in derived))
    return Plan(
        keys,
        per_row,
        steps,
        early,
        late,
        op,
        left,
        left_constant,
        right,
        right_constant,
        _summed(left),
        _summed(right),
        *_getters(keys, left, right),
    )


# (id of the parameters, id of the table format) -> (parameters, format, plan). The entry holds both
# objects, so their ids cannot be reused while it exists; catalogs are few, but tests make many.
_PLANS: dict[tuple[int, int], tuple[object, TableSpec, Plan]] = {}
_MAX_PLANS = 512


def cached(params: object, spec: TableSpec) -> Plan | None:
    entry = _PLANS.get((id(params), id(spec)))
    return entry[2] if entry is not None and entry[0] is params and entry[1] is spec else None


def remember(params: object, spec: TableSpec, plan: Plan) -> Plan:
    if len(_PLANS) >= _MAX_PLANS:
        _PLANS.clear()
    _PLANS[(id(params), id(spec))] = (params, spec, plan)
    return plan
