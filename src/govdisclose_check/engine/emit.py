"""Building a `Finding` from a rule: its message in both languages, and its fingerprint."""

from __future__ import annotations

import hashlib
import posixpath
from collections.abc import Mapping

import attrs

from ..catalog import RuleSpec
from ..catalog.rules import Text
from ..model import Finding, Location, Number, Related
from ..names import utf8_bytes


def fingerprint(rule: str, path: str | None, *parts: str | None) -> str:
    """Stable across runs and edits elsewhere: the rule, the file's name and the logical place."""
    name = posixpath.basename((path or "").replace("\\", "/"))
    key = "\x1f".join([rule, name, *(p or "" for p in parts)])
    return hashlib.sha256(utf8_bytes(key)).hexdigest()[:20]


def with_message(rule: RuleSpec, message: Text) -> RuleSpec:
    """The rule with another message: a variant among its parameters (T203's `repeated`, say)."""
    return attrs.evolve(rule, message_zh=message.zh, message_en=message.en)


def make_finding(
    rule: RuleSpec,
    path: str | None,
    location: Location,
    values: Mapping[str, object],
    *,
    section: str | None = None,
    table: str | None = None,
    row: str | None = None,
    col: str | None = None,
    expected: Number | str | None = None,
    actual: Number | str | None = None,
    about: str | None = None,
    detail: str | None = None,
    suggestion: str | None = None,
    related: tuple[Related, ...] = (),
) -> Finding:
    """`values` fill the rule's message templates; `detail` tells apart two findings of one rule at
    one logical place (two unknown rows, say) in the fingerprint."""
    fields = {"expected": expected, "actual": actual, **values}
    return Finding(
        rule=rule.code,
        name=rule.name,
        severity=rule.severity,
        message=rule.message_zh.format_map(fields),
        message_en=rule.message_en.format_map(fields),
        location=location,
        fingerprint=fingerprint(rule.code, path, section, table, row, col, about, detail),
        section=section,
        table=table,
        row=row,
        col=col,
        expected=expected,
        actual=actual,
        about=about,
        suggestion=suggestion,
        related=related,
    )
