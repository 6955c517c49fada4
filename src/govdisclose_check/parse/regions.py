"""Where each table stands: from its first anchor row to the next table or section heading.

Anchors are the words of `anchors` in the template (a table's heading cells, or its first row).
A cell is an anchor when its core is the anchor, or begins with it if the anchor has five or more
characters; so neither narrative that mentions 行政复议 nor the heading 四、政府信息公开行政复议、
行政诉讼情况 starts table 四, but its header cell 行政复议 does. Each table is looked for from the
start, so tables in sections out of order are still found. Table 四 may also start at a row of
exactly as many values as it has cells (its one-line form) after the other tables.
"""

from __future__ import annotations

import bisect
import functools
import itertools
import operator
import re
from collections.abc import Iterable, Iterator

import attrs

from ..catalog import TableSpec
from ..catalog.labels import core
from .stream import Row
from .tokens import TokenKind

MAX_ANCHOR_LINE = 150


@attrs.frozen
class Region:
    start: int  # index into the rows
    end: int  # exclusive


def find_regions(
    rows: list[Row], tables: list[TableSpec], heading_indexes: list[int], compacts: list[str] | None = None
) -> dict[str, Region]:
    """Regions of the tables, looked for in the order given (each after the previous one found).
    `compacts`: the rows' `compact_rows`, if made already."""
    if compacts is None:
        compacts = compact_rows(rows)
    candidates = _Candidates(compacts)
    starts: dict[str, int] = {}
    for spec in tables:
        start = _find_anchor(rows, candidates, spec)
        if start is not None:
            starts[spec.key] = start
    for spec in tables:
        if spec.key not in starts and spec.sequential:
            start = _find_values_row(rows, compacts, spec, max(starts.values(), default=-1) + 1)
            if start is not None:
                starts[spec.key] = start
    boundaries = sorted(set(heading_indexes) | set(starts.values()))
    regions = {}
    for key, start in starts.items():
        end = next((b for b in boundaries if b > start), len(rows))
        regions[key] = Region(start, end)
    return regions


def compact_rows(rows: list[Row]) -> list[str]:
    """Each row's text without spaces if it could be an anchor row (short, not a sentence), else ""."""
    return _compacts([row.text for row in rows])


def _compacts(texts: list[str]) -> list[str]:
    """Each text without spaces if it could be an anchor row (short, not a sentence), else "". In
    one comprehension, not a call a row."""
    longest = MAX_ANCHOR_LINE * 2
    return [
        "" if len(t) > longest or "。" in t or len(c := "".join(t.split())) > MAX_ANCHOR_LINE else c
        for t in texts
    ]


def is_anchor(anchor: str, cell_core: str) -> bool:
    return cell_core == anchor or (len(anchor) >= 5 and cell_core.lstrip("(").startswith(anchor))


class _Candidates:
    """The compact rows joined into one text, so that one regex search per table finds the rows
    that hold one of its anchors (rather than a test of every anchor in every row)."""

    def __init__(self, compacts: list[str]) -> None:
        self.compacts = compacts
        self.text = "\n".join(compacts)  # no anchor holds a newline: no match spans two rows
        # at C speed: each offset is the one before, plus that row's length and the newline's
        steps = map(operator.add, map(len, compacts[:-1]), itertools.repeat(1))
        self.offsets = list(itertools.accumulate(steps, initial=0))

    def rows(self, anchors: tuple[str, ...]) -> Iterator[int]:
        """The indexes of the non-empty rows whose compact text holds one of `anchors`, in order."""
        if "" in anchors:  # an empty anchor is in every row
            yield from (i for i, compact in enumerate(self.compacts) if compact)
            return
        if not anchors:
            return
        last = -1
        for match in _anchor_pattern(anchors).finditer(self.text):
            i = bisect.bisect_right(self.offsets, match.start()) - 1
            if i != last:
                last = i
                yield i


@functools.cache
def _anchor_pattern(anchors: tuple[str, ...]) -> re.Pattern[str]:
    return re.compile("|".join(re.escape(a) for a in anchors))


def _find_anchor(rows: list[Row], candidates: _Candidates, spec: TableSpec) -> int | None:
    for i in candidates.rows(spec.anchors):
        labels = [t.text for t in rows[i].parts(keep=True)[0] if t.kind == TokenKind.LABEL]  # counts: values
        # A header written with spaces ("行政复议 行政诉讼") is one label: try its words too.
        cells = {core(x) for label in labels for x in (label, *label.split())}
        if any(is_anchor(a, c) for a in spec.anchors for c in cells):
            return i
    return None


def _find_values_row(rows: list[Row], compacts: list[str], spec: TableSpec, start: int) -> int | None:
    cells = sum(len(r.columns) for r in spec.value_rows)
    for i in range(start, len(rows)):
        compact = compacts[i]
        if compact and (compact[0].isdigit() or compact[0] in "+-"):
            tokens = rows[i].tokens()
            if len(tokens) == cells and all(t.kind == TokenKind.VALUE for t in tokens):
                return i
    return None


def table_lines(rows: list[Row], regions: Iterable[Region]) -> frozenset[int]:
    """The ids of the text lines that are rows of a table: a sentence (it has 。, or a comma and no
    column separator) within a table's region is prose that stands after the table."""
    # One comprehension, not a loop calling `set.add`: a region may hold 100,000 lines.
    return frozenset(
        {
            id(line)
            for region in regions
            for row in rows[region.start : region.end]
            if (line := row.line) is not None
            # not a sentence: neither 。 nor a comma in a long line without a column separator
            and "。" not in (text := line.text)
            and ("," not in text or "\t" in text or "|" in text or len(text) <= 20)
        }
    )
