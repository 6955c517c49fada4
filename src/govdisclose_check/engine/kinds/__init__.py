"""The check kinds: one function per `kind` of rule in `rules/checks/`."""

from __future__ import annotations

from collections.abc import Callable

from ...catalog import RuleSpec
from ..context import Context
from . import compliance, identity, sections, tables, values

Check = Callable[[Context, RuleSpec], None]

KINDS: dict[str, Check] = {
    "required-section": sections.required_section,
    "section-order": sections.section_order,
    "heading-numeral": sections.heading_numeral,
    "report-year": sections.report_year,
    "required-table": tables.required_table,
    "template-recognised": tables.template_recognised,
    "required-row": tables.required_row,
    "unknown-row": tables.unknown_row,
    "row-value-count": tables.row_value_count,
    "cell-kind": tables.cell_kind,
    "unit-in-cell": tables.unit_in_cell,
    "table-readable": tables.table_unreadable,
    "non-negative": values.non_negative,
    "integer": values.integer,
    "identity": identity.identity,
    "template-year": compliance.template_year,
    "supported-year": compliance.supported_year,
}

# Kinds whose findings are made elsewhere: input problems by the reader, not-assessable by `identity`.
PASSIVE = frozenset({"input", "not-assessable"})
