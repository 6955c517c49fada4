"""Engine: run the rules of the catalog over a `Report`."""

from __future__ import annotations

import attrs

from ..catalog import Catalog, RuleSpec
from ..model import Finding, Report
from .context import Context
from .emit import fingerprint, make_finding
from .kinds import KINDS, PASSIVE
from .select import Selection, resolve

# Families that read the tables; skipped for a report of a year before any format.
TABLE_FAMILIES = ("T", "A")


def run(report: Report, catalog: Catalog, selection: Selection) -> list[Finding]:
    ctx = Context(report, catalog, selection.enabled, selection.ignored)
    supported = report.year is None or catalog.template_for_year(report.year) is not None
    for rule in _ordered(catalog.rules):
        if rule.kind in PASSIVE or (not supported and rule.family in TABLE_FAMILIES):
            continue
        KINDS[rule.kind](ctx, rule)
    return unique_fingerprints(sorted([*ctx.findings, *_capped(ctx)], key=sort_key))


def _capped(ctx: Context) -> list[Finding]:
    """One finding per rule that reached the cap of rules/limits.toml, counting the others."""
    message = ctx.catalog.limits.get("capped", {})
    out = []
    for code, (count, first) in sorted(ctx.omitted.items()):
        rule = attrs.evolve(ctx.catalog.rule(code), message_zh=message["zh"], message_en=message["en"])
        values = {"rule": code, "count": count, "limit": ctx.catalog.limits["max_findings_per_rule"]}
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


def sort_key(finding: Finding) -> tuple[int, int, str, str]:
    loc = finding.location
    return (loc.line or 0, loc.column or 0, finding.rule, finding.fingerprint)


def _ordered(rules: tuple[RuleSpec, ...]) -> list[RuleSpec]:
    """Rules in code order, except that a rule another one is `derived_from` runs before it."""
    sources = {r.param("derived_from") for r in rules} - {None}
    return sorted(rules, key=lambda r: (r.code not in sources, r.code))


__all__ = ["Selection", "resolve", "run", "sort_key"]
