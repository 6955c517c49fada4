"""Value checks: A305 negative count or amount, A306 count that is not a whole number."""

from __future__ import annotations

from collections.abc import Callable

from ...catalog import RuleSpec
from ...model import CellKind, Number
from ..context import Context


def _check(ctx: Context, rule: RuleSpec, bad: Callable[[Number], bool]) -> None:
    kinds = set(rule.param("columns", ()))
    for key, table in ctx.report.tables.items():
        spec = ctx.table_spec(key)
        if spec is None:
            continue
        for row in spec.value_rows:
            for col, cell in table.rows.get(row.key, {}).items():
                column = spec.column(col)
                if column.kind not in kinds or cell.kind is not CellKind.NUMBER or cell.value is None:
                    continue
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


def non_negative(ctx: Context, rule: RuleSpec) -> None:
    _check(ctx, rule, lambda v: v < 0)


def integer(ctx: Context, rule: RuleSpec) -> None:
    _check(ctx, rule, lambda v: v != int(v))
