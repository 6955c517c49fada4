"""Engine: run the rules of the catalog over a `Report`."""

from __future__ import annotations

from ..catalog import Catalog, RuleSpec
from ..model import Finding, Report
from .context import Context
from .kinds import KINDS, PASSIVE
from .select import Selection, resolve

# Families that read the tables; skipped for a report of a year before any format.
TABLE_FAMILIES = ("T", "A")
# Kinds whose findings are made after the engine, by the gate (suppress.py: C590).
GATE_KINDS = frozenset({"unused-suppression"})


def run(report: Report, catalog: Catalog, selection: Selection) -> list[Finding]:
    ctx = Context(report, catalog, selection.enabled, selection.ignored)
    supported = report.year is None or catalog.template_for_year(report.year) is not None
    for rule in _ordered(catalog.rules):
        if (
            rule.kind in PASSIVE
            or rule.kind in GATE_KINDS
            or (not supported and rule.family in TABLE_FAMILIES)
        ):
            continue
        KINDS[rule.kind](ctx, rule)
    return sorted(ctx.findings, key=sort_key)


def sort_key(finding: Finding) -> tuple[int, int, str, str]:
    loc = finding.location
    return (loc.line or 0, loc.column or 0, finding.rule, finding.fingerprint)


def _ordered(rules: tuple[RuleSpec, ...]) -> list[RuleSpec]:
    """Rules in code order, except that a rule another one is `derived_from` runs before it."""
    sources = {r.param("derived_from") for r in rules} - {None}
    return sorted(rules, key=lambda r: (r.code not in sources, r.code))


__all__ = ["Selection", "resolve", "run", "sort_key"]
