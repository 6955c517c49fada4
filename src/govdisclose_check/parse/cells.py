"""A value token read as a `Cell`: its kind, its value, and the unit or word written with it."""

from __future__ import annotations

from decimal import Decimal, InvalidOperation

from ..model import Cell, CellKind, Locator, Number, Spot
from .tokens import DIGIT, Counts, Token, cell_syntax

# A number with more digits than this (before and after the point together) is not a count or an
# amount: it is read as an unreadable cell (T205). Sums of such numbers stay exact in the default
# decimal context (28 digits), and far from Python's limit on converting long integers (4,300).
MAX_DIGITS = 24
_NUMBER = CellKind.NUMBER


def read_cell(token: Token) -> Cell:
    """The cell of a value token. Its location is the token, located only if a finding asks."""
    raw = token.text
    if len(raw) <= MAX_DIGITS and raw.isascii() and raw.isdigit():  # the common cell: a count
        return Cell(raw, _NUMBER, int(raw), token)
    return read_value(raw, token)


def read_counts(counts: Counts) -> list[Cell]:
    """The cells of plain counts (ASCII digits), as `read_value` reads each, each located by its
    span in the line: no token is made for them."""
    line = counts.line
    cells = []
    start = counts.start
    small = _SMALL.get
    for raw in counts.texts:  # as `counts.spans()`, without a generator's cost
        end = start + len(raw)
        if len(raw) <= MAX_DIGITS:
            value = small(raw)
            cells.append(Cell(raw, _NUMBER, int(raw) if value is None else value, (line, start, end)))
        else:
            cells.append(read_value(raw, (line, start, end)))
        start = end + 1
    return cells


# The counts of a table are mostly small: looked up rather than converted (a third of the cost of
# `int`). Only their plain forms: "007" is converted.
_SMALL = {str(i): i for i in range(1000)}


def read_value(raw: str, location: Locator | Spot) -> Cell:
    """The cell of a value written `raw`, located by `location` only if a finding asks."""
    # Fast path, the common cell: plain ASCII digits, short enough to be a count.
    if len(raw) <= MAX_DIGITS and raw.isascii() and raw.isdigit():
        return Cell(raw, _NUMBER, int(raw), location)
    if len(raw) > MAX_DIGITS and len(DIGIT.findall(raw)) > MAX_DIGITS:
        return Cell(raw, CellKind.UNPARSEABLE, None, location)
    if raw == "":
        return Cell(raw, CellKind.BLANK, None, location)
    syntax = cell_syntax()
    match = syntax.value.match(raw)
    if match is None:
        kind = CellKind.UNPARSEABLE if DIGIT.search(raw) else CellKind.TEXT
        return Cell(raw, kind, None, location)
    if match["na"]:
        return Cell(raw, CellKind.NA, None, location)
    try:
        magnitude = Decimal(match["num"].replace(",", ""))
    except InvalidOperation:  # pragma: no cover - the pattern only admits digits
        return Cell(raw, CellKind.UNPARSEABLE, None, location)
    negative = match["sign"] == "-" or match["word"] in syntax.decrease
    if match["sign"] and match["word"]:
        return Cell(raw, CellKind.UNPARSEABLE, None, location)
    value: Number = -magnitude if negative else magnitude
    if "." not in match["num"]:
        value = int(value)
    unit = match["word"] or match["unit"]
    return Cell(raw, CellKind.NUMBER, value, location, unit=unit)
