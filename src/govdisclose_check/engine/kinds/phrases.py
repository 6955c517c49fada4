"""`kind = "required-phrase"`: a section must contain one of some phrases, or match a pattern.

Phrases are compared with the section's text once spaces are gone (after normalisation: simplified
characters, half-width punctuation); patterns are regular expressions searched in that text. A
missing section is not reported here (S101 says so).
"""

from __future__ import annotations

from collections.abc import Iterator

import attrs
import regex

from ...catalog import RuleSpec
from ...catalog.registry import Schema, kind
from ..context import Context

_SPACE = regex.compile(r"\s+")


@attrs.frozen
class RequiredPhraseParams:
    section: str  # the key of the section looked in (overview … other)
    phrases: tuple[str, ...] = ()  # any one of them will do
    patterns: tuple[str, ...] = ()  # regular expressions; any one matching will do

    def problems(self, rule: RuleSpec, schema: Schema) -> Iterator[tuple[str, str]]:
        keys = [s.key for s in schema.sections]
        if self.section not in keys:
            yield "section", f"unknown section {self.section!r}; expected one of {keys}"
        if not self.phrases and not self.patterns:
            yield "phrases", "give at least one of `phrases` or `patterns`"
        for pattern in self.patterns:
            try:
                regex.compile(pattern)
            except regex.error as exc:
                yield "patterns", f"bad regular expression {pattern!r}: {exc}"


@kind("required-phrase", RequiredPhraseParams)
def required_phrase(ctx: Context, rule: RuleSpec, params: RequiredPhraseParams) -> None:
    section = ctx.report.section(params.section)
    if section is None:
        return
    compact = _SPACE.sub("", section.text)
    if any(_SPACE.sub("", p) in compact for p in params.phrases):
        return
    if any(regex.search(p, compact) for p in params.patterns):
        return
    spec = next(s for s in ctx.catalog.sections if s.key == params.section)
    shown = "、".join(f"“{p}”" for p in (*params.phrases, *params.patterns))
    values = {"numeral": spec.numeral, "title": spec.title, "phrases": shown, "heading": section.heading}
    ctx.emit(rule, section.location, values, section=section.key)
