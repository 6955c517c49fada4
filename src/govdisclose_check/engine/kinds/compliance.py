"""Compliance checks: C501 format not valid for the report year, C502 year before the formats."""

from __future__ import annotations

from ...catalog import RuleSpec
from ..context import Context


def template_year(ctx: Context, rule: RuleSpec) -> None:
    report, template = ctx.report, ctx.template
    if report.year is None or template is None or template.valid_for(report.year):
        return
    expected = ctx.catalog.template_for_year(report.year)
    if expected is None:
        return  # before any format: C502
    table = report.tables.get("table2") or next(iter(report.tables.values()), None)
    location = table.location if table is not None else report.title_location
    values = {
        "year": report.year,
        "template": template.version,
        "document": template.document,
        "expected_template": expected.version,
        "expected_document": expected.document,
    }
    ctx.emit(rule, location, values, expected=expected.version, actual=template.version)


def supported_year(ctx: Context, rule: RuleSpec) -> None:
    year = ctx.report.year
    if year is not None and year < min(t.first_year for t in ctx.catalog.templates.values()):
        ctx.emit(rule, ctx.report.title_location, {"year": year}, actual=year)
