"""Normalise a `Document` for parsing, keeping every line's map back to the original text.

Lines and the cells of real tables go through the same steps. A cell carries its own location, so
its text needs no map back.
"""

from __future__ import annotations

import attrs

from ..document import Block, Document, Line, SourceTable
from .characters import to_halfwidth, to_simplified
from .deletions import delete, pattern_for


def normalize(document: Document) -> Document:
    lines = [b for b in document.blocks if isinstance(b, Line)]
    cells = [c for b in document.blocks if isinstance(b, SourceTable) for row in b.rows for c in row]
    if not lines and not cells:
        return document
    texts = [line.text for line in lines] + [" ".join(cell.text.splitlines()) for cell in cells]
    joined = "\n".join(texts)
    pattern = pattern_for(joined)
    cut = [delete(text, pattern) for text in texts]
    # Convert all lines and cells in one call: OpenCC's cost is mostly per call.
    converted = to_halfwidth(to_simplified("\n".join(text for text, _ in cut))).split("\n")
    replaced: dict[int, Block] = {
        id(line): attrs.evolve(line, text=text, cuts=cuts)
        for line, (_, cuts), text in zip(lines, cut, converted, strict=False)
        if cuts or text != line.text
    }
    new_cells = {
        id(cell): attrs.evolve(cell, text=text)
        for cell, text in zip(cells, converted[len(lines) :], strict=True)
        if text != cell.text
    }
    if new_cells:
        for block in document.blocks:
            if isinstance(block, SourceTable):
                rows = tuple(tuple(new_cells.get(id(c), c) for c in row) for row in block.rows)
                replaced[id(block)] = attrs.evolve(block, rows=rows)
    if not replaced:
        return document
    blocks = tuple(replaced.get(id(block), block) for block in document.blocks)
    return attrs.evolve(document, blocks=blocks)


__all__ = ["normalize"]
