"""Find the six top-level sections by their headings.

A heading is a short line that, once markdown marks and artefacts are gone, reads
"<numeral>、<title>" with a title of one of the sections. The numeral may be wrong ("—" typed for
"一"); the section is still found, and the numeral kept for rule S103. Sub-headings such as
"（四）行政复议、行政诉讼情况" are not headings: they start with a bracket.
"""

from __future__ import annotations

import bisect
import functools
import operator
import re

import attrs

from ..catalog import SectionSpec
from ..catalog.labels import core
from ..document import Line
from ..model import Section

_HEADING = re.compile(
    r"^[\s#>*_]*(?P<numeral>[一二三四五六七八九十]{1,2}|[—–\-一－])\s*[、.,]\s*(?P<title>.{2,60}?)[\s*_:。]*$"
)
MAX_TITLE = 40
# The characters `_HEADING` may match first, besides white space (what `\s` matches, as `str.isspace`).
_FIRST = frozenset("#>*_一二三四五六七八九十—–-－")


# repr=False: the records here are internal and never shown, and attrs would compile a __repr__
# for each class at every start-up (about 0.9 M instructions a class; issue 14).
@attrs.define(repr=False)  # not frozen: made for every heading of every report, and never changed
class Heading:
    spec: SectionSpec
    numeral: str
    line: Line


def find_headings(lines: tuple[Line, ...], specs: tuple[SectionSpec, ...]) -> list[Heading]:
    """Every line that is a section heading, in order (a section may appear more than once)."""
    headings = []
    for line in lines:
        text = line.text
        # The first character first: it rules out most lines (a sentence, a row "1.…") at once.
        if text[:1] not in _FIRST and not text[:1].isspace():
            continue  # `_HEADING` fails at the first character
        if len(text) > 80 or ("、" not in text and "." not in text and "," not in text):
            continue
        found = _heading(text)
        if found is None:
            continue
        numeral, title = found
        title = core(title)
        if len(title) > MAX_TITLE:
            continue
        spec = _TITLES.spec(title, specs)
        if spec is not None:
            headings.append(Heading(spec, numeral, line))
    return headings


@functools.lru_cache(maxsize=4096)
def _heading(text: str) -> tuple[str, str] | None:
    """The numeral and the title of a heading line (looked up: the headings are the same words in
    every report, and `_HEADING` tries every length of title)."""
    match = _HEADING.match(text)
    return None if match is None else (match["numeral"], match["title"])


class _TitleMemo:
    """The section each title names, remembered: the headings are the same words in every report,
    and each costs a search with every pattern of the sections before its own. One set of sections
    at a time (the catalog's); another set starts afresh."""

    def __init__(self) -> None:
        # The sections and their titles' memo, as one value: a thread with other sections replaces
        # it, and never writes into the memo of another set.
        self.memo: tuple[tuple[SectionSpec, ...], dict[str, SectionSpec | None]] = ((), {})

    def spec(self, title: str, specs: tuple[SectionSpec, ...]) -> SectionSpec | None:
        memo = self.memo
        if memo[0] is not specs or len(memo[1]) > 1024:
            memo = self.memo = (specs, {})
        found = memo[1]
        if title not in found:
            found[title] = next((s for s in specs if any(p.search(title) for p in s.titles)), None)
        return found[title]


_TITLES = _TitleMemo()


_NUMBER = operator.attrgetter("number")


def sections_from(
    headings: list[Heading], lines: tuple[Line, ...], in_table: frozenset[int] = frozenset()
) -> tuple[Section, ...]:
    """The first heading of each section, each spanning to the next heading found. `in_table`: the
    ids of the lines that are rows of a table (left out of a section's `prose`)."""
    last_line = lines[-1].number if lines else 0
    numbers = list(map(_NUMBER, lines))
    first: list[Heading] = []
    keys: set[str] = set()
    for heading in headings:
        if heading.spec.key not in keys:
            keys.add(heading.spec.key)
            first.append(heading)
    sections = []
    for i, heading in enumerate(first):
        end = first[i + 1].line.number - 1 if i + 1 < len(first) else last_line
        span = lines[bisect.bisect_left(numbers, heading.line.number) : bisect.bisect_right(numbers, end)]
        sections.append(
            Section(
                key=heading.spec.key,
                numeral=heading.numeral,
                heading=heading.line.text.strip(" #*\t"),
                location=(heading.line, 0, len(heading.line.text)),  # located if a finding asks
                end_line=end,
                text="\n".join([x.text for x in span]),
                prose=tuple([x for x in span[1:] if id(x) not in in_table]),
            )
        )
    return tuple(sections)
