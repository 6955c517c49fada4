"""Compliance (C): C501 format not valid for the report year, C502 year before the formats."""

from __future__ import annotations

from collections.abc import Iterator

import attrs

from ...catalog import RuleSpec
from ...catalog.registry import NoParams, Schema, check
from ..context import Context


@attrs.frozen
class TemplateYearParams:
    at_table: str  # the finding points at this table (else at the first table, else at the title)

    def problems(self, rule: RuleSpec, schema: Schema) -> Iterator[tuple[str, str]]:
        if not any(self.at_table in t.tables for t in schema.templates.values()):
            yield "at_table", f"unknown table {self.at_table!r}"


@check("C501", TemplateYearParams)
def template_year(ctx: Context, rule: RuleSpec, params: TemplateYearParams) -> None:
    report, template = ctx.report, ctx.template
    if report.year is None or template is None or template.valid_for(report.year):
        return
    expected = ctx.catalog.template_for_year(report.year)
    if expected is None:
        return  # before any format: C502
    table = report.tables.get(params.at_table) or next(iter(report.tables.values()), None)
    location = table.location if table is not None else report.title_location
    values = {
        "year": report.year,
        "template": template.version,
        "document": template.document,
        "expected_template": expected.version,
        "expected_document": expected.document,
    }
    ctx.emit(rule, location, values, expected=expected.version, actual=template.version)


@check("C502")
def supported_year(ctx: Context, rule: RuleSpec, _: NoParams) -> None:
    year = ctx.report.year
    if year is not None and year < min(t.first_year for t in ctx.catalog.templates.values()):
        ctx.emit(rule, ctx.report.title_location, {"year": year}, actual=year)
