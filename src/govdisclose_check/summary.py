"""The audit summary of many reports (`govdisclose-check summary`): what a disclosure office sends up
in its 通报. One row per report (body, year, format, input format, errors and warnings by rule
family, the worst finding), the totals per rule, and the rules ranked by how many reports they
hit. Built as the results pass by (a row is a few hundred bytes); accepted findings are counted
apart and never as defects.
"""

from __future__ import annotations

import posixpath
from collections import Counter
from collections.abc import Sequence
from urllib.parse import urlsplit

import attrs

from .catalog import Catalog
from .catalog.rules import family_of
from .model import CheckResult, Finding, Severity

_KINDS = {".txt": "text", ".md": "markdown", ".htm": "html", ".html": "html", ".shtml": "html"}


def input_format(path: str | None) -> str:
    """The kind of file a report came as, by its name: text, markdown, html, docx, pdf, doc …; a
    URL without a known suffix is `url`, standard input `text`."""
    if path is None or path in ("-", "<stdin>"):
        return "text"
    name = urlsplit(path).path if "://" in path else path
    suffix = posixpath.splitext(name.replace("\\", "/").lower())[1]
    if suffix in _KINDS:
        return _KINDS[suffix]
    if suffix:
        return suffix[1:]
    return "url" if "://" in path else "text"


@attrs.frozen
class Row:
    """One report: where it is, who made it for which year, what was found."""

    path: str
    body: str | None
    year: int | None
    template: str | None
    input_format: str
    errors: int
    warnings: int
    infos: int
    accepted: int
    by_family: tuple[tuple[str, int, int], ...]  # (family, errors, warnings), every family of the run
    worst_rule: str | None
    worst_message: str | None


@attrs.frozen
class RuleTotal:
    code: str
    name: str
    severity: Severity
    summary: str
    findings: int
    reports: int


def worst(findings: Sequence[Finding]) -> Finding | None:
    """The most severe finding shown, the first of them in the report's order."""
    shown = [f for f in findings if f.suppression is None]
    return max(shown, key=lambda f: f.severity.rank, default=None)


@attrs.define
class Audit:
    """Rows and per-rule counts of a run, added to result by result."""

    catalog: Catalog
    lang: str = "zh"
    rows: list[Row] = attrs.Factory(list)
    findings: Counter[str] = attrs.Factory(Counter)  # rule → findings shown
    reports: Counter[str] = attrs.Factory(Counter)  # rule → reports with one or more
    defects: Counter[str] = attrs.Factory(Counter)  # rule → reports with an error or warning of it
    families: tuple[str, ...] = attrs.field(init=False)

    def __attrs_post_init__(self) -> None:
        self.families = self.catalog.family_order()

    def add(self, result: CheckResult) -> None:
        shown = [f for f in result.findings if f.suppression is None]
        counts = Counter((family_of(f.rule), f.severity) for f in shown)
        report = result.report
        top = worst(shown)
        self.rows.append(
            Row(
                path=result.path or "<stdin>",
                body=report.body if report else None,
                year=report.year if report else None,
                template=report.template if report else None,
                input_format=input_format(result.path),
                errors=sum(1 for f in shown if f.severity is Severity.ERROR),
                warnings=sum(1 for f in shown if f.severity is Severity.WARNING),
                infos=sum(1 for f in shown if f.severity is Severity.INFO),
                accepted=len(result.findings) - len(shown),
                by_family=tuple(
                    (fam, counts[fam, Severity.ERROR], counts[fam, Severity.WARNING]) for fam in self.families
                ),
                worst_rule=top.rule if top else None,
                worst_message=top.text(self.lang) if top else None,
            )
        )
        self.findings.update(f.rule for f in shown)
        self.reports.update({f.rule for f in shown})
        self.defects.update({f.rule for f in shown if f.severity is not Severity.INFO})

    def totals(self) -> list[RuleTotal]:
        """Every rule that found something, in the catalog's order."""
        out = []
        for rule in self.catalog.rules:
            if self.findings[rule.code]:
                summary = rule.summary_en if self.lang == "en" else rule.summary_zh
                out.append(
                    RuleTotal(
                        rule.code,
                        rule.name,
                        rule.severity,
                        summary,
                        self.findings[rule.code],
                        self.reports[rule.code],
                    )
                )
        return out

    def ranking(self) -> list[RuleTotal]:
        """The most common defects (errors and warnings; notes such as A300 are not defects): by
        the reports they hit, then by findings, then by code."""
        hit = [attrs.evolve(t, reports=self.defects[t.code]) for t in self.totals() if self.defects[t.code]]
        return sorted(hit, key=lambda t: (-t.reports, -t.findings, t.code))
