"""What a check kind gets: the report, the template, the rules in force, and a way to report."""

from __future__ import annotations

from collections.abc import Hashable, Mapping
from datetime import date
from typing import Any

import attrs

from ..catalog import Catalog, RuleSpec, TableSpec, TemplateSpec
from ..model import Finding, Location, Report
from .emit import make_finding


@attrs.define
class Context:
    report: Report
    catalog: Catalog
    enabled: frozenset[str]
    ignored: frozenset[str] = frozenset()
    findings: list[Finding] = attrs.Factory(list)
    previous: Report | None = None  # last year's report of the same body (cross-year rules)
    published_on: date | None = None  # the publication date the caller gives (deadline rule)
    # Findings past the cap (rules/limits.toml) are only counted: rule -> (count, first location).
    listed: dict[str, int] = attrs.Factory(dict)
    omitted: dict[str, tuple[int, Location]] = attrs.Factory(dict)
    # What several rules work out from the same report during this check (a scan of every cell,
    # the joined prose, an identity failing somewhere): made once by the first rule that asks.
    memo: dict[Hashable, object] = attrs.Factory(dict)

    @property
    def template(self) -> TemplateSpec | None:
        if self.report.template is None:
            return None
        return self.catalog.templates[self.report.template]

    def table_spec(self, key: str) -> TableSpec | None:
        template = self.template
        return template.tables.get(key) if template is not None else None

    def emit(self, rule: RuleSpec, location: Location, values: Mapping[str, object], **fields: Any) -> None:
        """Report a finding of `rule`; `fields` are `make_finding`'s keywords (table, row, col …)."""
        if rule.code not in self.enabled:
            return
        listed = self.listed.get(rule.code, 0)
        if listed < self.catalog.limits.max_findings_per_rule:
            self.listed[rule.code] = listed + 1
            self.findings.append(make_finding(rule, self.report.path, location, values, **fields))
        else:
            count, first = self.omitted.get(rule.code, (0, location))
            self.omitted[rule.code] = (count + 1, first)

    def table_values(self, spec: TableSpec) -> dict[str, str]:
        return {
            "table": spec.name,
            "table_en": spec.name_en,
            "table_title": spec.title,
            "template": self.report.template or "",
        }
