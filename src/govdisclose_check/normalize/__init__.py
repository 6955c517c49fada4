"""Normalise a `Document` for parsing, keeping every line's map back to the original text.

Lines and the cells of real tables go through the same steps, all at once: the deletions, OpenCC
and the full-width forms each make one pass over the whole text (a pass per line would cost a call
per line). A cell carries its own location, so its text needs no map back.
"""

from __future__ import annotations

import itertools
import operator
from collections.abc import Sequence
from typing import cast

import attrs

from ..document import Block, Cuts, Document, Line, SourceCell, SourceTable
from .characters import to_halfwidth, to_simplified
from .deletions import delete_lines

_TEXT = operator.attrgetter("text")


def normalize(document: Document) -> Document:
    if document.normalized:
        return document  # a text file's document, normalised as it was read
    lines, cells = _lines_and_cells(document.blocks)
    if not lines and not cells:
        return document
    texts = list(map(_TEXT, lines)) + [" ".join(cell.text.splitlines()) for cell in cells]
    joined = "\n".join(texts)
    converted, cuts = _converted(joined)
    if not cuts and not cells and converted == joined:
        return document  # nothing to normalise (a cell's line breaks are, when it has any)
    parts = converted.split("\n")
    new_lines = list(lines)
    # The lines that changed, found at C speed (`map` and `compress`): often most lines do not.
    changed = itertools.compress(range(len(lines)), map(operator.ne, parts, texts))
    for i in {*changed, *(i for i in cuts if i < len(lines))}:  # a cell's cuts are not kept
        line = lines[i]
        # Built field by field, not by `attrs.evolve` (three times the cost: it looks the fields
        # up each call), as many lines change (a full-width comma is enough). Every field of
        # `Line` is here: tests/test_normalize.py checks it.
        new_lines[i] = Line(line.number, parts[i], line.original, cuts.get(i, ()), line.origin)
    new_cells = {
        id(cell): attrs.evolve(cell, text=text)
        for cell, text in zip(cells, parts[len(lines) :], strict=True)
        if text != cell.text
    }
    if len(new_lines) == len(document.blocks):
        return attrs.evolve(document, blocks=tuple(new_lines), normalized=True)  # only lines
    kept = iter(new_lines)
    blocks = tuple(
        next(kept) if isinstance(block, Line) else _with_cells(block, new_cells) for block in document.blocks
    )
    return attrs.evolve(document, blocks=blocks, normalized=True)


def normalized_lines(texts: list[str]) -> tuple[Line, ...]:
    """A text file's lines (`texts`, numbered from 1) as `normalize` leaves them, each `Line` made
    once: reading then normalising makes a `Line` per line as read and another per line that changes
    (most do: a full-width comma is enough), and making a `Line` is most of what reading text costs.
    tests/test_normalize_paths.py checks that this gives what `normalize` gives."""
    joined = "\n".join(texts)
    converted, cuts = _converted(joined)
    parts = texts if converted == joined else converted.split("\n")
    line_cuts: list[tuple[tuple[int, int], ...]] = [()] * len(texts)
    for i, found in cuts.items():
        line_cuts[i] = found
    return tuple(map(Line, itertools.count(1), parts, texts, line_cuts))


def _converted(joined: str) -> tuple[str, dict[int, Cuts]]:
    """`joined` (lines joined by LF) normalised, and the cuts of each line that has any, by index."""
    deleted, cuts = delete_lines(joined)
    # Convert all lines and cells in one call: OpenCC's cost is mostly per call.
    return to_halfwidth(to_simplified(deleted)), cuts


def _lines_and_cells(blocks: tuple[Block, ...]) -> tuple[Sequence[Line], list[SourceCell]]:
    if set(map(type, blocks)) <= {Line}:
        # A text file's document, only lines: told at C speed, without an `isinstance` per block.
        return cast(tuple[Line, ...], blocks), []
    lines = [b for b in blocks if isinstance(b, Line)]
    cells = [c for b in blocks if isinstance(b, SourceTable) for row in b.rows for c in row]
    return lines, cells


def _with_cells(block: Block, new_cells: dict[int, SourceCell]) -> Block:
    if not new_cells or not isinstance(block, SourceTable):
        return block
    rows = tuple(tuple(new_cells.get(id(c), c) for c in row) for row in block.rows)
    return attrs.evolve(block, rows=rows)


__all__ = ["normalize", "normalized_lines"]
