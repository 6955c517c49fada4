"""The `Document`: what ingestion produces and normalisation rewrites.

A document is a sequence of blocks in reading order. A text file gives only `Line` blocks; sources
with real tables (DOCX, HTML, PDF) add `SourceTable` blocks whose cells carry their own locations.
Each `Line` keeps its original text and, once normalised, the deletions that normalisation made, so
that a position in the normalised text maps back to a column of the original line.
"""

from __future__ import annotations

import bisect
import itertools
from collections.abc import Iterable
from typing import cast

import attrs

from .model import Location


class Cuts(tuple[tuple[int, int], ...]):
    """A line's cuts (see `Line.cuts`) with what a binary search over them needs: the cuts' indexes,
    and the characters cut up to and including each. Made once for each line that has cuts, so that
    a line of thousands of cuts maps every position in logarithmic time. Otherwise the tuple of its
    pairs: equal to it, hashed and shown as it is."""

    at: tuple[int, ...]
    shift: tuple[int, ...]

    def __new__(cls, pairs: Iterable[tuple[int, int]]) -> Cuts:
        cuts = super().__new__(cls, pairs)
        cuts.at = tuple(at for at, _ in cuts)
        cuts.shift = tuple(itertools.accumulate(n for _, n in cuts))
        return cuts


# Not frozen, but hashed as a frozen class is (and nothing changes a line once made): reading makes
# one for every line (100,000 for a 10 MB report), and a frozen class sets each field through
# `object.__setattr__`, which made a line cost three times as much to build (see model.Cell).
@attrs.define(unsafe_hash=True)
class Line:
    number: int  # 1-based: the line number of a text file; for other sources the line's reading order
    text: str  # the text the parser reads (normalised once `normalize` has run)
    original: str
    # Deletions made by normalisation: (index in `text` before which, number of original chars cut),
    # sorted by index. Replacements are always one character for one, so they need no entry.
    # Normalisation gives them as `Cuts`, which keep the table that maps positions back: not a field
    # of the line, since each field costs every line made (reading text makes a `Line` per line).
    cuts: tuple[tuple[int, int], ...] = ()
    # Where the line stands in a source that is not plain text: a DOCX paragraph, a PDF line (page and
    # line on the page), an HTML text run (line and column of its first character in the source).
    # None for a text file, whose line `number` and columns are the location.
    origin: Location | None = None

    def column(self, index: int) -> int:
        """The 1-based column in the original line of the character at `index` of `text`."""
        cuts = self.cuts
        if not cuts:
            return index + 1
        if not isinstance(cuts, Cuts):
            cuts = Cuts(cuts)  # a line made with a plain tuple: its table made for this call
        before = bisect.bisect_right(cuts.at, index)
        return index + (cuts.shift[before - 1] if before else 0) + 1

    def end_column(self, end: int) -> int:
        """The 1-based column just after the character before `end` (an exclusive end index)."""
        if end <= 0:
            return 1
        return self.column(end - 1) + 1

    def location(self, start: int = 0, end: int | None = None) -> Location:
        if self.origin is not None:
            return self._origin_location(start, end)
        stop = len(self.text) if end is None else end
        if not self.cuts:
            return Location(self.number, start + 1, self.number, max(stop, start) + 1)
        return Location(
            line=self.number,
            column=self.column(start),
            end_line=self.number,
            end_column=self.end_column(stop) if stop > start else self.column(start),
        )

    def _origin_location(self, start: int, end: int | None) -> Location:
        """An HTML run gives line and column (columns counted from the run's first character, exact
        while the run holds no entity or tag); other origins locate the whole line."""
        origin = self.origin
        assert origin is not None
        if origin.line is None or origin.column is None or origin.paragraph is not None:
            return origin
        stop = len(self.text) if end is None else end
        first = origin.column - 1
        return attrs.evolve(
            origin,
            column=first + self.column(start),
            end_line=origin.line,
            end_column=first + (self.end_column(stop) if stop > start else self.column(start)),
        )


@attrs.frozen
class SourceCell:
    text: str
    location: Location


@attrs.frozen
class SourceTable:
    """A real table of the source: rows of cells, merged cells already resolved by the reader."""

    rows: tuple[tuple[SourceCell, ...], ...]
    location: Location


Block = Line | SourceTable


@attrs.frozen
class Document:
    path: str | None
    encoding: str | None
    blocks: tuple[Block, ...]
    # True once the lines and cells are normalised: `normalize` then leaves the document as it is.
    # A text file's document is normalised as it is read (see ingest/text.py), so that each of its
    # lines is made once. Not part of equality: it says what has been done, not what the text is.
    normalized: bool = attrs.field(default=False, kw_only=True, eq=False)

    @property
    def lines(self) -> tuple[Line, ...]:
        blocks = self.blocks
        if set(map(type, blocks)) <= {Line}:
            return cast(tuple[Line, ...], blocks)  # only lines (a text file): told at C speed
        return tuple(b for b in blocks if isinstance(b, Line))
