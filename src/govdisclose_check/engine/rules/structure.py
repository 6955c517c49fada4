"""Structure (S): S101 missing, S102 out of order, S103 wrong numeral, S104 no year in the title."""

from __future__ import annotations

import attrs

from ...catalog import RuleSpec
from ...catalog.registry import NoParams, check
from ...catalog.rules import Text
from ...model import Location
from ..context import Context
from ..emit import with_message


# repr=False: the records here are internal and never shown, and attrs would compile a __repr__
# for each class at every start-up (about 0.9 M instructions a class; issue 14).
@attrs.frozen(repr=False)
class SectionMissingParams:
    start: Text  # {after} when no earlier section was found


@check("S101", SectionMissingParams)
def required_section(ctx: Context, rule: RuleSpec, params: SectionMissingParams) -> None:
    found = {s.key: s for s in ctx.report.sections}
    specs = ctx.catalog.sections
    for i, spec in enumerate(specs):
        if spec.key in found:
            continue
        before = next((found[s.key] for s in reversed(specs[:i]) if s.key in found), None)
        after = next((found[s.key] for s in specs[i + 1 :] if s.key in found), None)
        location = after.location if after is not None else Location(line=1, column=1)
        values = {
            "numeral": spec.numeral,
            "title": spec.title,
            "after": f"“{before.heading}”" if before else params.start.zh,
            "after_en": f"“{before.heading}”" if before else params.start.en,
        }
        ctx.emit(rule, location, values, section=spec.key)


@attrs.frozen(repr=False)
class SectionOrderParams:
    first: Text  # the message for a section that comes first but belongs after the next one


@check("S102", SectionOrderParams)
def section_order(ctx: Context, rule: RuleSpec, params: SectionOrderParams) -> None:
    order = {spec.key: i for i, spec in enumerate(ctx.catalog.sections)}
    titles = {spec.key: spec for spec in ctx.catalog.sections}
    sections = list(ctx.report.sections)
    keep = _longest_increasing([order[s.key] for s in sections])
    for i, section in enumerate(sections):
        if i in keep:
            continue
        # Placed after a section it belongs before; or, when it comes first, before one it belongs after.
        prev = next((s for s in reversed(sections[:i]) if order[s.key] > order[section.key]), None)
        message = rule
        if prev is None:
            prev = next(s for s in sections[i + 1 :] if order[s.key] < order[section.key])
            message = with_message(rule, params.first)
        spec, prev_spec = titles[section.key], titles[prev.key]
        values = {
            "numeral": spec.numeral,
            "title": spec.title,
            "prev_numeral": prev_spec.numeral,
            "prev_title": prev_spec.title,
        }
        ctx.emit(message, section.location, values, section=section.key)


def _longest_increasing(seq: list[int]) -> set[int]:
    """Indexes of one longest strictly increasing subsequence (n is at most six)."""
    best: list[list[int]] = []
    for i, value in enumerate(seq):
        chain = max((c for c in best if seq[c[-1]] < value), key=len, default=[])
        best.append([*chain, i])
    longest: list[int] = max(best, key=len, default=[])
    return set(longest)


@check("S103")
def heading_numeral(ctx: Context, rule: RuleSpec, _: NoParams) -> None:
    specs = {spec.key: spec for spec in ctx.catalog.sections}
    for section in ctx.report.sections:
        expected = specs[section.key].numeral
        if section.numeral != expected:
            ctx.emit(
                rule,
                section.location,
                {"heading": section.heading, "expected": expected, "actual": section.numeral},
                section=section.key,
                expected=expected,
                actual=section.numeral,
            )


@check("S104")
def report_year(ctx: Context, rule: RuleSpec, _: NoParams) -> None:
    if ctx.report.title is None:
        ctx.emit(rule, ctx.report.title_location, {"year": ctx.report.year or ""})
