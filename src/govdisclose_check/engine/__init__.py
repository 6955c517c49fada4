"""Engine: run the rules of the catalog over a `Report`.

Each rule's check is the function registered for its kind (`engine/kinds/`) or for its code
(`engine/rules/`); the catalog found it when the rules loaded (`rule.check`).
"""

from __future__ import annotations

from datetime import date

from ..catalog import Catalog, RuleSpec
from ..model import Finding, Report
from . import kinds, rules
from .context import Context
from .select import Selection, resolve


def run(
    report: Report,
    catalog: Catalog,
    selection: Selection,
    *,
    previous: Report | None = None,
    published_on: date | None = None,
) -> list[Finding]:
    """`previous`: last year's report of the same body (X rules); `published_on`: the date the
    report was published, when the caller knows it (C509)."""
    ctx = Context(
        report, catalog, selection.enabled, selection.ignored, previous=previous, published_on=published_on
    )
    supported = report.year is None or catalog.template_for_year(report.year) is not None
    for rule in catalog.rules:
        if _applies(rule, report, supported):
            run_check = rule.check.run
            assert run_check is not None
            run_check(ctx, rule, rule.params)
    return sorted(ctx.findings, key=sort_key)


def _applies(rule: RuleSpec, report: Report, supported: bool) -> bool:
    if rule.check.run is None:  # reported by another stage (input problems, not assessable)
        return False
    if rule.needs_format and not supported:
        return False
    return not rule.templates or report.template in rule.templates


def sort_key(finding: Finding) -> tuple[int, int, str, str]:
    loc = finding.location
    return (loc.line or 0, loc.column or 0, finding.rule, finding.fingerprint)


__all__ = ["Selection", "kinds", "resolve", "rules", "run", "sort_key"]
