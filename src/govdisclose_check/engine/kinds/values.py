"""Value checks over every cell of some column kinds: `non-negative` (A305) and `integer` (A306)."""

from __future__ import annotations

from collections.abc import Iterator

import attrs

from ...catalog import RuleSpec
from ...catalog.registry import Schema, kind
from ..cellscan import Found, scan
from ..context import Context


@attrs.frozen
class ColumnKindsParams:
    """The kinds of column (`count`, `amount` … of rules/templates/values.toml) whose cells are checked."""

    columns: tuple[str, ...]

    def problems(self, rule: RuleSpec, schema: Schema) -> Iterator[tuple[str, str]]:
        unknown = sorted(set(self.columns) - schema.value_kinds)
        if unknown:
            yield "columns", f"unknown column kinds {unknown}; expected some of {sorted(schema.value_kinds)}"


def _check(ctx: Context, rule: RuleSpec, params: ColumnKindsParams, candidates: list[Found]) -> None:
    """Reports the `candidates` (the cells the scan found bad) in the columns of `params`' kinds."""
    kinds = set(params.columns)
    columns: dict[int, set[str]] = {}  # id(spec) -> its columns of those kinds
    for found in candidates:
        spec, col, cell = found.spec, found.col, found.cell
        wanted = columns.get(id(spec))
        if wanted is None:
            wanted = columns[id(spec)] = {c.key for c in spec.columns if c.kind in kinds}
        if col not in wanted:
            continue
        ctx.emit(
            rule,
            cell.location,
            {
                **ctx.table_values(spec),
                "row_label": found.row.label,
                "col_label": spec.column(col).label,
                "value": cell.raw,
            },
            section=spec.section,
            table=found.key,
            row=found.row.key,
            col=col,
            actual=cell.value,
        )


@kind("non-negative", ColumnKindsParams)
def non_negative(ctx: Context, rule: RuleSpec, params: ColumnKindsParams) -> None:
    _check(ctx, rule, params, scan(ctx).negative)


@kind("integer", ColumnKindsParams)
def integer(ctx: Context, rule: RuleSpec, params: ColumnKindsParams) -> None:
    _check(ctx, rule, params, scan(ctx).fractional)
