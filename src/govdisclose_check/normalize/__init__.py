"""Normalise a `Document` for parsing, keeping every line's map back to the original text."""

from __future__ import annotations

import attrs

from ..document import Document, Line
from .characters import to_halfwidth, to_simplified
from .deletions import delete, pattern_for


def normalize(document: Document) -> Document:
    lines = [b for b in document.blocks if isinstance(b, Line)]
    if not lines:
        return document
    joined = "\n".join(line.text for line in lines)
    pattern = pattern_for(joined)
    cut_lines = [delete(line.text, pattern) for line in lines]
    # Convert all lines in one call: OpenCC's cost is mostly per call.
    converted = to_halfwidth(to_simplified("\n".join(text for text, _ in cut_lines))).split("\n")
    replaced = {
        id(line): Line(line.number, text, line.original, cuts)
        for line, (_, cuts), text in zip(lines, cut_lines, converted, strict=True)
        if cuts or text != line.text
    }
    blocks = tuple(replaced.get(id(block), block) for block in document.blocks)
    return attrs.evolve(document, blocks=blocks)


__all__ = ["normalize"]
