"""The report's title: the body that reports, and the year reported on."""

from __future__ import annotations

import itertools
import re

import attrs

from ..document import Line
from ..model import Location

_TITLE = re.compile(r"(?P<year>(?:19|20)\d{2})\s*年度?.{0,20}?(?:年度报告|工作报告|年报)")
_PERIOD = re.compile(r"(?P<year>(?:19|20)\d{2})\s*年\s*0?1\s*月\s*0?1\s*日")
_TRIM = " \t#*_·:：,，"
SEARCH_LINES = 12


# repr=False: the records here are internal and never shown, and attrs would compile a __repr__
# for each class at every start-up (about 0.9 M instructions a class; issue 14).
@attrs.frozen(repr=False)
class Title:
    text: str | None
    body: str | None
    year: int | None
    location: Location


def find_title(lines: tuple[Line, ...], before: int | None) -> Title:
    """Look at the first non-empty lines before the first section heading (line `before`)."""
    # Only the first SEARCH_LINES are wanted: no test of every line of a long report, nor of every
    # line after the heading (the lines stand in the order of their numbers, as `sections_from`
    # takes them too).
    head = lines if before is None else itertools.takewhile(lambda line: line.number < before, lines)
    candidates = list(itertools.islice((line for line in head if line.text.strip()), SEARCH_LINES))
    for i, line in enumerate(candidates):
        match = _TITLE.search(line.text)
        if match is None:
            continue
        body = line.text[: match.start()].strip(_TRIM)
        if not body and i > 0:
            body = candidates[i - 1].text.strip(_TRIM)
        return Title(line.text.strip(_TRIM), body or None, int(match["year"]), line.location())
    # No title: point where it belongs (the first line with text), and take the year, if any, from
    # the statistical period ("自2021年1月1日起").
    start = candidates[0].location() if candidates else Location(line=1, column=1)
    for line in lines:
        match = _PERIOD.search(line.text)
        if match is not None:
            return Title(None, None, int(match["year"]), start)
    return Title(None, None, None, start)
