"""`--format sarif`: SARIF 2.1.0 as GitHub code scanning takes it.

- `tool.driver.rules`: every rule of the catalog, fired or not, with its summary, its documentation
  (`help`, from rules/docs/CODE.md) and `helpUri` = the `docs-url` setting + `CODE.md`;
- each result: `ruleId`/`ruleIndex`, `level`, the message, a physical location (line and column in
  text and HTML; for DOCX and PDF, whose lines an editor does not show, the line or paragraph as
  far as known and a region message naming the page, table, row and cell), logical locations
  (`table3/carried_forward/total`, and `page2/table1/row5/cell3` for a cell of a real table),
  `partialFingerprints` from our fingerprint, `relatedLocations` for findings folded into it,
  the suggested value in `properties`, and `suppressions` (external, accepted, with the reason).
"""

from __future__ import annotations

import json
import os
import urllib.parse
from collections.abc import Sequence
from typing import Any

from .. import __version__
from ..catalog import RuleSpec
from ..model import CheckResult, Finding, Location, Related
from ..names import utf8_bytes
from .options import SARIF_LEVELS, RenderOptions, logical_name
from .safe import json_safe
from .text import where

SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
FINGERPRINT_KEY = "govdiscloseFingerprint/v1"


def artifact_uri(path: str | None) -> str:
    """A URI reference for the path as given: relative stays relative (to %SRCROOT%)."""
    name = (path or "<stdin>").replace("\\", "/")
    quoted = urllib.parse.quote(utf8_bytes(name))  # a name's bytes that are not UTF-8 as %XX
    return "file://" + quoted if os.path.isabs(name) else quoted


def _text_like(loc: Location) -> bool:
    return loc.page is None and loc.paragraph is None and loc.source_row is None


def region(loc: Location, table: str | None, lang: str) -> dict[str, Any]:
    if _text_like(loc):
        out: dict[str, Any] = {"startLine": loc.line or 1}
        if loc.column is not None:
            out["startColumn"] = loc.column
        if loc.end_line is not None:
            out["endLine"] = loc.end_line
        if loc.end_column is not None and (loc.end_line is not None or loc.column is not None):
            out["endColumn"] = max(loc.end_column, loc.column or 1)
        return out
    place = where(None, loc, table, lang).removeprefix("<text>:")
    properties = {
        k: v
        for k, v in {
            "page": loc.page,
            "paragraph": loc.paragraph,
            "sourceTable": loc.source_table,
            "sourceRow": loc.source_row,
            "sourceCell": loc.source_cell,
        }.items()
        if v is not None
    }
    return {"startLine": loc.line or loc.paragraph or 1, "message": {"text": place}, "properties": properties}


def physical(path: str | None, loc: Location, table: str | None, lang: str) -> dict[str, Any]:
    return {
        "artifactLocation": {"uri": artifact_uri(path), "uriBaseId": "%SRCROOT%"},
        "region": region(loc, table, lang),
    }


def logical(finding: Finding | Related) -> list[dict[str, Any]]:
    out: list[dict[str, Any]] = []
    name = logical_name(finding)
    if name is not None:
        out.append({"fullyQualifiedName": name, "name": name.rsplit("/", 1)[-1], "kind": "element"})
    loc = finding.location
    if loc.source_row is not None:
        parts = [f"page{loc.page}"] if loc.page is not None else []
        parts += [f"table{loc.source_table}", f"row{loc.source_row}", f"cell{loc.source_cell}"]
        out.append({"fullyQualifiedName": "/".join(parts), "name": parts[-1], "kind": "element"})
    return out


def rule_descriptor(rule: RuleSpec, options: RenderOptions) -> dict[str, Any]:
    en = options.lang == "en"
    doc = options.catalog.docs / f"{rule.code}.md"
    markdown = doc.read_text(encoding="utf-8") if doc.is_file() else f"# {rule.code} {rule.name}\n"
    short = rule.summary_en if en else rule.summary_zh
    return {
        "id": rule.code,
        "name": rule.name,
        "shortDescription": {"text": short},
        "fullDescription": {"text": f"{rule.summary_zh} / {rule.summary_en}"},
        "help": {"text": markdown, "markdown": markdown},
        "helpUri": f"{options.docs_url}{rule.code}.md",
        "defaultConfiguration": {"level": SARIF_LEVELS[rule.severity]},
        "properties": {"tags": [rule.family, *([rule.kind] if rule.kind else [])]},
    }


def result_record(
    path: str | None, finding: Finding, index: dict[str, int], options: RenderOptions
) -> dict[str, Any]:
    lang = options.lang
    message = finding.text(lang)
    if finding.suggestion is not None and finding.row and finding.col:
        message += f" ({'suggested value' if lang == 'en' else '建议值'}: {finding.suggestion})"
    location: dict[str, Any] = {"physicalLocation": physical(path, finding.location, finding.table, lang)}
    names = logical(finding)
    if names:
        location["logicalLocations"] = names
    record: dict[str, Any] = {
        "ruleId": finding.rule,
        "ruleIndex": index[finding.rule],
        "level": SARIF_LEVELS[finding.severity],
        "message": {"text": message},
        "locations": [location],
        "partialFingerprints": {FINGERPRINT_KEY: finding.fingerprint},
    }
    if finding.related:
        record["relatedLocations"] = [
            {
                "id": i,
                "physicalLocation": physical(r.path or path, r.location, r.table, lang),
                "logicalLocations": logical(r),
                "message": {"text": f"{r.rule}: {r.text(lang)}"},
            }
            for i, r in enumerate(finding.related, 1)
        ]
    properties = {"suggestion": finding.suggestion} if finding.suggestion is not None else {}
    if properties:
        record["properties"] = properties
    if finding.suppression is not None:
        record["suppressions"] = [
            {
                "kind": "external",
                "status": "accepted",
                "justification": finding.suppression.reason,
                "properties": {"source": finding.suppression.source, "via": finding.suppression.kind},
            }
        ]
    return record


def sarif_document(results: Sequence[CheckResult], options: RenderOptions) -> dict[str, Any]:
    rules = options.catalog.rules
    index = {r.code: i for i, r in enumerate(rules)}
    return {
        "$schema": SCHEMA,
        "version": "2.1.0",
        "runs": [
            {
                "tool": {
                    "driver": {
                        "name": "govdisclose-check",
                        "version": __version__,
                        "semanticVersion": __version__,
                        "informationUri": options.docs_url,
                        "rules": [rule_descriptor(r, options) for r in rules],
                    }
                },
                "columnKind": "unicodeCodePoints",
                "results": [result_record(r.path, f, index, options) for r in results for f in r.findings],
                "invocations": [{"executionSuccessful": not any(r.input_error for r in results)}],
            }
        ],
    }


def render_sarif(results: Sequence[CheckResult], options: RenderOptions) -> str:
    return json_safe(json.dumps(sarif_document(results, options), ensure_ascii=False, indent=2)) + "\n"
