"""Value checks over every cell of some column kinds: `non-negative` (A305) and `integer` (A306)."""

from __future__ import annotations

from collections.abc import Callable, Iterator

import attrs

from ...catalog import RuleSpec
from ...catalog.registry import Schema, kind
from ...model import CellKind, Number
from ..context import Context


@attrs.frozen
class ColumnKindsParams:
    """The kinds of column (`count`, `amount` … of rules/templates/values.toml) whose cells are checked."""

    columns: tuple[str, ...]

    def problems(self, rule: RuleSpec, schema: Schema) -> Iterator[tuple[str, str]]:
        unknown = sorted(set(self.columns) - schema.value_kinds)
        if unknown:
            yield "columns", f"unknown column kinds {unknown}; expected some of {sorted(schema.value_kinds)}"


def _check(ctx: Context, rule: RuleSpec, params: ColumnKindsParams, bad: Callable[[Number], bool]) -> None:
    kinds = set(params.columns)
    for key, table in ctx.report.tables.items():
        spec = ctx.table_spec(key)
        if spec is None:
            continue
        columns = {c.key for c in spec.columns if c.kind in kinds}
        for row in spec.value_rows:
            for col, cell in table.rows.get(row.key, {}).items():
                if col not in columns or cell.kind is not CellKind.NUMBER or cell.value is None:
                    continue
                column = spec.column(col)
                if bad(cell.value):
                    ctx.emit(
                        rule,
                        cell.location,
                        {
                            **ctx.table_values(spec),
                            "row_label": row.label,
                            "col_label": column.label,
                            "value": cell.raw,
                        },
                        section=spec.section,
                        table=key,
                        row=row.key,
                        col=col,
                        actual=cell.value,
                    )


@kind("non-negative", ColumnKindsParams)
def non_negative(ctx: Context, rule: RuleSpec, params: ColumnKindsParams) -> None:
    _check(ctx, rule, params, lambda v: v < 0)


@kind("integer", ColumnKindsParams)
def integer(ctx: Context, rule: RuleSpec, params: ColumnKindsParams) -> None:
    _check(ctx, rule, params, lambda v: v != int(v))
