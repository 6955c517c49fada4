"""The audit summary as tables (sheets): per report, totals per rule, the ranking. Every output
(text, CSV, XLSX, HTML) writes these same sheets, headers in Chinese or English."""

from __future__ import annotations

import csv
import io

import attrs

from ..summary import Audit, RuleTotal

Value = str | int | None

_WORDS = {
    "reports": ("各报告情况", "Reports"),
    "totals": ("各规则合计", "Totals per rule"),
    "ranking": ("常见问题排名", "Most common defects"),
    "path": ("文件", "file"),
    "body": ("机关", "body"),
    "year": ("年度", "year"),
    "template": ("格式", "template"),
    "input": ("文件类型", "input format"),
    "errors": ("错误", "errors"),
    "warnings": ("警告", "warnings"),
    "infos": ("提示", "infos"),
    "accepted": ("已接受", "accepted"),
    "worst": ("最严重的问题", "worst finding"),
    "rank": ("名次", "rank"),
    "code": ("代码", "code"),
    "name": ("名称", "name"),
    "severity": ("级别", "severity"),
    "summary": ("检查内容", "checks"),
    "findings": ("发现数", "findings"),
    "hit": ("涉及报告数", "reports"),
    "share": ("占报告比例", "share of reports"),
}


def word(key: str, lang: str) -> str:
    zh, en = _WORDS[key]
    return en if lang == "en" else zh


@attrs.frozen
class Sheet:
    key: str
    title: str
    headers: tuple[str, ...]
    rows: tuple[tuple[Value, ...], ...]


def sheets(audit: Audit) -> list[Sheet]:
    lang = audit.lang
    name = audit.catalog.family_name
    fam = [
        f"{name(f, lang)}{word(kind, lang)}" if lang == "zh" else f"{name(f, lang)} {kind}"
        for f in audit.families
        for kind in ("errors", "warnings")
    ]
    head = ("path", "body", "year", "template", "input", "errors", "warnings", "infos", "accepted")
    report_rows = tuple(
        (
            r.path,
            r.body,
            r.year,
            r.template,
            r.input_format,
            r.errors,
            r.warnings,
            r.infos,
            r.accepted,
            *(n for _, errors, warnings in r.by_family for n in (errors, warnings)),
            f"{r.worst_rule} {r.worst_message}" if r.worst_rule else None,
        )
        for r in audit.rows
    )
    reports = Sheet(
        "reports",
        word("reports", lang),
        (*(word(k, lang) for k in head), *fam, word("worst", lang)),
        report_rows,
    )
    rule_head = tuple(word(k, lang) for k in ("code", "name", "severity", "summary", "findings", "hit"))
    totals = Sheet("totals", word("totals", lang), rule_head, tuple(_rule_row(t) for t in audit.totals()))
    files = len(audit.rows)
    ranking = Sheet(
        "ranking",
        word("ranking", lang),
        (word("rank", lang), *rule_head, word("share", lang)),
        tuple(
            (i, *_rule_row(t), f"{100 * t.reports / files:.1f}%")
            for i, t in enumerate(audit.ranking(), start=1)
        ),
    )
    return [reports, totals, ranking]


def _rule_row(total: RuleTotal) -> tuple[Value, ...]:
    return (total.code, total.name, str(total.severity), total.summary, total.findings, total.reports)


def render_csv(audit: Audit) -> str:
    """The per-report sheet (one row per report) as CSV; the totals are in the other formats."""
    sheet = sheets(audit)[0]
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(sheet.headers)
    writer.writerows([_csv_value(v) for v in row] for row in sheet.rows)
    return out.getvalue()


def _csv_value(value: Value) -> Value:
    """A text a spreadsheet would take for a formula (`=`, `+`, `-`, `@` first) gets a `'` before
    it (OWASP's advice for CSV), since a body name or a path comes from the files checked."""
    if value is None:
        return ""
    if isinstance(value, str) and value.startswith(("=", "+", "-", "@")):
        return "'" + value
    return value


def render_summary_text(audit: Audit) -> str:
    """The three sheets as plain text, columns separated by tabs, each under its title."""
    parts = []
    for sheet in sheets(audit):
        lines = [f"## {sheet.title}", "\t".join(sheet.headers)]
        lines += ["\t".join("" if v is None else str(v) for v in row) for row in sheet.rows]
        parts.append("\n".join(lines) + "\n")
    return "\n".join(parts)
