"""Narrative (N404): the numbering of sub-headings inside a section skips or repeats.

A series is a kind of marker ((一), 1., (1) …: patterns in rules/checks/narrative.toml) matched at
the start of a line or of a sentence (after 。). Kinds are ranked by their first appearance in the section;
a marker of one kind restarts the kinds below it (the 1. 2. under each (一)). A 1 always starts a
list anew; a number more than one above the last is a gap, the same number again a repeat; a
number below the last (not 1) is left alone, as is a series that does not start at 1.
"""

from __future__ import annotations

import functools
from collections.abc import Iterator
from typing import NamedTuple

import attrs
import regex

from ...catalog import RuleSpec
from ...catalog.registry import Schema, check
from ...document import Line
from ...parse.numbers import chinese_int
from ...patterns import compiled as compiled_once
from ..context import Context
from ..joined import finder, joined
from ..literals import branches
from ..prose import any_of, any_text, compiled, span
from ..refs import bad_patterns


# repr=False: the records here are internal and never shown, and attrs would compile a __repr__
# for each class at every start-up (about 0.9 M instructions a class; issue 14).
@attrs.frozen(repr=False)
class Series:
    name: str  # the marker as the message shows it, with {n} for the number: "（{n}）"
    pattern: str  # group `n`: the number, Arabic or Chinese
    chinese: bool = False  # show the number in Chinese numerals


@attrs.frozen(repr=False)
class OutlineParams:
    sections: tuple[str, ...]
    series: tuple[Series, ...]

    def problems(self, rule: RuleSpec, schema: Schema) -> Iterator[tuple[str, str]]:
        keys = {s.key for s in schema.sections}
        for key in self.sections:
            if key not in keys:
                yield "sections", f"unknown section {key!r}"
        yield from bad_patterns("series", (s.pattern for s in self.series))


_NUMERALS = "零一二三四五六七八九十"


class Marker(NamedTuple):
    line: Line
    start: int
    end: int
    series: int  # the index of its series
    n: int


def _shown(series: Series, n: int) -> str:
    if series.chinese and n <= 10:
        return series.name.format(n=_NUMERALS[n])
    if series.chinese and n < 20:
        return series.name.format(n="十" + (_NUMERALS[n - 10] if n > 10 else ""))
    return series.name.format(n=n)


@check("N404", OutlineParams)
def outline(ctx: Context, rule: RuleSpec, params: OutlineParams) -> None:
    patterns = [compiled(series.pattern) for series in params.series]
    lines = joined(ctx)
    first_look = _first_look(tuple(series.pattern for series in params.series))
    any_series = any_of(tuple(series.pattern for series in params.series))
    after_period = _after_period(any_series.pattern)
    runs = lines.sections()
    for key in params.sections:
        markers: list[Marker] = []
        indexes = (
            i for first, stop in runs.get(key, []) for i in lines.any_candidates(first_look, first, stop, 1)
        )
        for i in indexes:
            item = lines.items[i]
            text = item.line.text
            starts = marker_starts(text, any_series, after_period)
            for index, pattern in enumerate(patterns):
                for match in (m for m in (pattern.match(text, at) for at in starts) if m is not None):
                    raw = match["n"]
                    n = int(raw) if raw.isdigit() else chinese_int(raw)
                    if n is not None and n > 0:
                        markers.append(Marker(item.line, match.start(), match.end(), index, n))
        markers.sort(key=lambda m: (m.line.number, m.start))
        _check_series(ctx, rule, params, key, markers)


def marker_starts(text: str, any_series: regex.Pattern[str], after_period: regex.Pattern[str]) -> list[int]:
    """Where a marker of some series stands: at the start of `text` or right after a 。 (not at
    its end). A fast path (issue 14): one search for 。 then a marker (`after_period`), not a call
    of `any_series` after each 。 of a long paragraph; `overlapped` finds one that begins inside
    another's match, as the calls did."""
    starts = [0] if any_series.match(text) is not None else []
    end = len(text)
    starts += [at for m in after_period.finditer(text, overlapped=True) if (at := m.start() + 1) < end]
    return starts


@functools.cache
def _after_period(markers: str) -> regex.Pattern[str]:
    return compiled_once(f"。(?:{markers})")


@functools.cache
def _first_look(patterns: tuple[str, ...]) -> tuple[regex.Pattern[str] | None, ...]:
    """Where a marker may stand in the joined prose: after the newline that begins a line or
    after a 。, one character after where these match (a fast path: the lines of a section with
    none are not looked at one by one). Two searches for a plain character are quicker than one
    for either."""
    markers = any_of(patterns)
    if finder(markers) is None:
        return (None,)
    look = factored(patterns) or markers.pattern
    return tuple(compiled_once(f"{before}(?:{look})") for before in ("\n", "。"))


# A run of a character set at the start of a pattern ("[\s#>*_]*"), greedy: no `?` or `+` after.
_LEAD = compiled_once(r"\[(?:\\.|[^\]\\])*\]\*(?![?+*{])")


def factored(patterns: tuple[str, ...]) -> str | None:
    """`any_text(patterns)` with the run of a character set that every one of them begins with (the
    marks that may stand before a marker) matched once, before the alternatives: a pattern that
    matches at the same places (a greedy run of a set gives back what an alternative needs), which
    the regex module searches four times as fast, as it no longer tries the run once for each
    alternative at every newline and 。 of the prose. None when they do not all begin so."""
    lead = _LEAD.match(patterns[0]) if patterns else None
    if lead is None or "{N}" in lead.group():  # (`any_of` reads {N} as a number, even in a set)
        return None
    rests = [p[lead.end() :] for p in patterns if p.startswith(lead.group())]
    if len(rests) < len(patterns) or not all(rests) or any(len(branches(r)) != 1 for r in rests):
        return None  # a pattern without the run, or one that is more than it and one more piece
    return f"{lead.group()}(?:{any_text(tuple(rests))})"


def _check_series(
    ctx: Context, rule: RuleSpec, params: OutlineParams, key: str, markers: list[Marker]
) -> None:
    rank: dict[int, int] = {}
    last: dict[int, int] = {}
    for line, start, end, index, n in markers:
        level = rank.setdefault(index, len(rank))
        for other, other_level in rank.items():
            if other_level > level:
                last.pop(other, None)
        prev = last.get(index)
        last[index] = n
        if prev is None or n == 1 or n < prev or n == prev + 1:
            continue
        series = params.series[index]
        expected, actual = _shown(series, prev + 1), _shown(series, n)
        kind = ("重复", "repeats") if n == prev else ("跳过了" + expected, f"skips {expected}")
        location = span(line, start, end)
        values = {"marker": actual, "previous": _shown(series, prev), "what": kind[0], "what_en": kind[1]}
        ctx.emit(
            rule,
            location,
            values,
            section=key,
            expected=expected,
            actual=actual,
            detail=f"{location.line}:{location.paragraph}:{location.page}:{location.column}",
        )
