"""Narrative (N403): template placeholders and doubled words left in the published text.

The placeholders and the doubled words are patterns in rules/checks/narrative.toml. A placeholder
may name the character the original file must have where it matched (the full-width ＊ of `＊＊`,
which normalisation makes `**`, the mark of markdown bold).
"""

from __future__ import annotations

from collections.abc import Iterator

import attrs
import regex

from ...catalog import RuleSpec
from ...catalog.registry import Schema, check
from ...catalog.rules import Text
from ...document import Line
from ..context import Context
from ..joined import Joined, joined, likely
from ..prose import compiled, original, span
from ..refs import bad_patterns


# repr=False: the records here are internal and never shown, and attrs would compile a __repr__
# for each class at every start-up (about 0.9 M instructions a class; issue 14).
@attrs.frozen(repr=False)
class Placeholder:
    pattern: str
    original: str = ""  # when set: the original file has this character where the match starts


@attrs.frozen(repr=False)
class LeftoverParams:
    placeholders: tuple[Placeholder, ...]
    doubled: tuple[str, ...]  # patterns of doubled words (其中其中; 的的 but not 的的确确)
    placeholder: Text  # {what} of a placeholder
    doubled_word: Text  # {what} of a doubled word

    def problems(self, rule: RuleSpec, schema: Schema) -> Iterator[tuple[str, str]]:
        yield from bad_patterns("placeholders", (p.pattern for p in self.placeholders))
        yield from bad_patterns("doubled", self.doubled)


def _original_has(line: Line, index: int, char: str) -> bool:
    at = line.column(index) - 1
    return 0 <= at < len(line.original) and line.original[at] == char


@check("N403", LeftoverParams)
def leftovers(ctx: Context, rule: RuleSpec, params: LeftoverParams) -> None:
    kinds = [(p.pattern, p.original, params.placeholder) for p in params.placeholders]
    kinds += [(d, "", params.doubled_word) for d in params.doubled]
    lines = joined(ctx)
    for index, hit in _hits(lines, tuple(compiled(pattern) for pattern, _, _ in kinds)):
        item = lines.items[index]
        text = item.line.text
        taken: list[tuple[int, int]] = []
        for k in hit:
            pattern, wide, what = kinds[k]
            for match in compiled(pattern).finditer(text):
                start, end = match.span()
                if wide and not _original_has(item.line, start, wide):
                    continue
                if any(s < end and start < e for s, e in taken):
                    continue
                taken.append((start, end))
                location = span(item.line, start, end)
                shown = original(item.line, start, end)
                values = {"what": what.zh, "what_en": what.en, "quote": shown}
                ctx.emit(
                    rule,
                    location,
                    values,
                    section=item.section,
                    actual=shown,
                    detail=f"{location.line}:{location.paragraph}:{location.page}:{location.column}",
                )


def _hits(lines: Joined, patterns: tuple[regex.Pattern[str], ...]) -> list[tuple[int, list[int]]]:
    """The lines where some pattern may match, in order, each with the indexes (in order) of the
    patterns that may match in it (`joined.likely`).

    A fast path (issue 14): each line looked at used to be tried with every pattern (and first with
    all of them in one alternation, slow to search); a pattern that cannot match in the line adds
    nothing to `taken` and can be left out, so the findings are the same."""
    hits: dict[int, list[int]] = {}
    for k, pattern in enumerate(patterns):
        for index in likely(lines, pattern):
            hits.setdefault(index, []).append(k)
    return sorted(hits.items())
