"""The public JSON contract's shape of the model, and a cattrs converter of the model to plain data
and back (`converter`, made when first asked for: the JSON output does not need cattrs, and
importing it costs start-up time)."""

from __future__ import annotations

import functools
from decimal import Decimal
from typing import TYPE_CHECKING, Any

import attrs

from .model import CheckResult, Finding, Location, Number, Related, Summary

if TYPE_CHECKING:
    import cattrs


def __getattr__(name: str) -> cattrs.Converter:
    """`serialize.converter`, made on first use (PEP 562)."""
    if name == "converter":
        return _converter()
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


@functools.cache
def _converter() -> cattrs.Converter:
    import cattrs  # noqa: PLC0415 - only for a caller that asks for the converter (start-up time)

    converter = cattrs.Converter()
    converter.register_unstructure_hook(Decimal, str)
    converter.register_structure_hook(Decimal, lambda v, _: Decimal(str(v)))
    converter.register_structure_hook(
        Number | str | None, lambda v, _: v if v is None or isinstance(v, int | str) else Decimal(str(v))
    )
    converter.register_structure_hook(
        Number | None, lambda v, _: v if v is None or isinstance(v, int) else Decimal(str(v))
    )
    return converter


def json_number(value: Number | str | None) -> int | float | str | None:
    """Numbers stay numbers in JSON; a decimal amount is written as a float only when that is exact."""
    if isinstance(value, Decimal):
        if value == value.to_integral_value():
            return int(value)
        as_float = float(value)
        return as_float if Decimal(repr(as_float)) == value else str(value)
    return value


def finding_record(finding: Finding, lang: str) -> dict[str, Any]:
    """One finding as the JSON contract (docs/json.md) fixes it: every field present, null if n/a."""
    return {
        "rule": finding.rule,
        "name": finding.name,
        "severity": str(finding.severity),
        "message": finding.text(lang),
        **location_fields(finding.location),
        "section": finding.section,
        "table": finding.table,
        "row": finding.row,
        "col": finding.col,
        "expected": json_number(finding.expected),
        "actual": json_number(finding.actual),
        "suggestion": finding.suggestion,
        "about": finding.about,
        "fingerprint": finding.fingerprint,
        # Added by the CI gate (issue 11): suppressions and findings folded into this one.
        "suppressed": finding.suppression is not None,
        "suppression_kind": finding.suppression.kind if finding.suppression else None,
        "suppression_reason": finding.suppression.reason if finding.suppression else None,
        "suppression_source": finding.suppression.source if finding.suppression else None,
        "related": [related_record(r, lang) for r in finding.related],
    }


def location_fields(loc: Location) -> dict[str, int | None]:
    return {
        "line": loc.line,
        "column": loc.column,
        "end_line": loc.end_line,
        "end_column": loc.end_column,
        "page": loc.page,
        "paragraph": loc.paragraph,
        "source_table": loc.source_table,
        "source_row": loc.source_row,
        "source_cell": loc.source_cell,
    }


def related_record(related: Related, lang: str) -> dict[str, Any]:
    """A finding folded into another (same cause): its rule, message, place and fingerprint."""
    return {
        "rule": related.rule,
        "message": related.text(lang),
        **location_fields(related.location),
        "section": related.section,
        "table": related.table,
        "row": related.row,
        "col": related.col,
        "fingerprint": related.fingerprint,
        "path": related.path,
    }


def file_record(result: CheckResult, lang: str) -> dict[str, Any]:
    report = result.report
    return {
        "path": result.path,
        "template": report.template if report else None,
        "year": report.year if report else None,
        "body": report.body if report else None,
        "encoding": report.encoding if report else None,
        "findings": [finding_record(f, lang) for f in result.findings],
    }


def summary_record(summary: Summary) -> dict[str, int]:
    """Its counts by name, in field order (what cattrs' `unstructure` gives too)."""
    return attrs.asdict(summary)
