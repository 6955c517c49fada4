"""Engine: run the rules of the catalog over a `Report`.

Each rule's check is the function registered for its kind (`engine/kinds/`) or for its code
(`engine/rules/`); the catalog found it when the rules loaded (`rule.check`).
"""

from __future__ import annotations

from datetime import date

import attrs

from ..catalog import Catalog, RuleSpec
from ..model import Finding, Report
from . import kinds, rules
from .context import Context
from .emit import fingerprint, make_finding, with_message
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
    return unique_fingerprints(sorted([*ctx.findings, *_capped(ctx)], key=sort_key))


def _capped(ctx: Context) -> list[Finding]:
    """One finding per rule that reached the cap of rules/limits.toml, counting the others."""
    limits = ctx.catalog.limits
    out = []
    for code, (count, first) in sorted(ctx.omitted.items()):
        rule = with_message(ctx.catalog.rule(code), limits.capped)
        values = {"rule": code, "count": count, "limit": limits.max_findings_per_rule}
        out.append(make_finding(rule, ctx.report.path, first, values, actual=count, detail="capped"))
    return out


def unique_fingerprints(findings: list[Finding]) -> list[Finding]:
    """Two findings with one fingerprint (a row repeated word for word) are told apart: the second
    and later ones get their ordinal in the key. The first keeps the plain fingerprint."""
    seen: dict[str, int] = {}
    out = []
    for finding in findings:
        n = seen[finding.fingerprint] = seen.get(finding.fingerprint, 0) + 1
        if n > 1:
            ordinal = fingerprint(finding.fingerprint, None, str(n))
            out.append(attrs.evolve(finding, fingerprint=ordinal))
        else:
            out.append(finding)
    return out


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
