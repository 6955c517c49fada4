"""Table text into tokens: labels and values, each with its place in the source.

A text line is cut into cells at tabs, else at pipes, else it is one cell. A cell is then cut at
spaces into pieces; numbers (and "/", "—", "无" …) stand alone as values, the other pieces join back
into one label ("结果 维持" stays one label, "本年新收…数量 1 0 0" gives a label and three values).
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator

import attrs

from ..catalog import default_catalog
from ..catalog.templates import CellSyntax
from ..document import Line, SourceCell
from ..model import Location
from ..patterns import compiled

SEPARATOR = re.compile(r"^(?::?-{3,}:?|={3,}|\+[-+=]+\+?)$")
_SEPARATOR_FIRST = ":-=+"  # what a SEPARATOR begins with: a piece that begins otherwise is none


def is_separator(piece: str) -> bool:
    """A rule of a text table (`---`, `===`, `+--+`); tested first by its first character."""
    return piece[:1] in _SEPARATOR_FIRST and piece[:1] != "" and SEPARATOR.match(piece) is not None


_ENUMERATOR_PIECE = re.compile(r"^(?:\d{1,2}[.、)]|\(\d{1,2}\)|\(?[一二三四五六七八九十]{1,3}[)、])$")
_HAN = compiled(r"\p{Han}")
DIGIT = re.compile(r"\d")


class TokenKind:
    LABEL = "label"
    VALUE = "value"


_VALUE, _LABEL = TokenKind.VALUE, TokenKind.LABEL


# repr=False: the records here are internal and never shown, and attrs would compile a __repr__
# for each class at every start-up (about 0.9 M instructions a class; issue 14).
# Not frozen: a token is made for every piece of a table region, and a frozen attrs class costs
# several times as much to build. Nothing changes a token once it is made.
@attrs.define(repr=False)
class Token:
    text: str
    kind: str  # TokenKind.LABEL or TokenKind.VALUE
    line: Line | None = None
    start: int = 0
    end: int = 0
    cell: Location | None = None  # for a cell of a real table

    @property
    def location(self) -> Location:
        """Made on demand (a finding's cell or row): most tokens are never located."""
        if self.line is not None:
            return self.line.location(self.start, self.end)
        return self.cell if self.cell is not None else Location()


@attrs.define(repr=False)
class Counts:
    """The plain counts that end a line (a table's common row): their texts, one a cell, the first
    at `start` in the line's text. One object for the row, not a token for each."""

    line: Line
    texts: list[str]
    start: int

    def spans(self) -> Iterator[tuple[str, int, int]]:
        """Each count's text and [start, end) in the line."""
        start = self.start
        for text in self.texts:
            end = start + len(text)
            yield text, start, end
            start = end + 1

    def tokens(self) -> list[Token]:
        """The counts as value tokens."""
        return [Token(text, _VALUE, self.line, start, end) for text, start, end in self.spans()]


def line_tokens(line: Line) -> list[Token]:
    tokens, counts = line_parts(line)
    return tokens if counts is None else [*tokens, *counts.tokens()]


def line_parts(line: Line) -> tuple[list[Token], Counts | None]:
    """The line's tokens, with the plain counts that end a table's common row apart: the label and
    then a plain count in every other cell (the fast path of `_counts_row`); None for any other
    line. A table is read from these, so that no token is made for a count (a cell is)."""
    text = line.text
    if "\t" in text:
        cells = text.split("\t")
    elif "|" in text:
        cells = text.split("|")
    else:
        pieces = text.split()
        if len(pieces) < 2:
            return _one_piece(line, text, pieces), None
        cells = [text]
    rest = cells[1:]
    if rest and all(rest):
        digits = "".join(rest)
        if digits.isascii() and digits.isdigit():
            return _counts_row(line, cells)
    return _row_tokens(line, cells, several=len(cells) > 1), None


def _one_piece(line: Line, text: str, pieces: list[str]) -> list[Token]:
    """Fast path, a line of one cell and at most one piece (`pieces`, as `str.split` cut `text`):
    the line as `_row_tokens` reads it, with no shape to look up. Most such lines in a table region
    are a label, or a sentence of narrative that strays there: each is met once."""
    if not pieces or is_separator(pieces[0]):
        return []
    piece = pieces[0]
    start = text.find(piece)
    return [Token(piece, _VALUE if is_value(piece) else _LABEL, line, start, start + len(piece))]


def _counts_row(line: Line, cells: list[str]) -> tuple[list[Token], Counts]:
    """Fast path, the common row of a table: a first cell (its label), then a plain count in every
    other cell; read as `_row_tokens` reads it, with no test of each cell."""
    first = cells[0]
    # The first cell as `_row_tokens` reads a line's first cell. An empty one (a value row under its
    # label, `\t0`) gives no token: nothing precedes it.
    if first.isdigit() and first.isascii():
        tokens = [Token(first, _VALUE, line, 0, len(first))]
    elif not first or first.isspace():
        tokens = []
    else:
        tokens = _cell_tokens(line, first, 0)
    return tokens, Counts(line, cells[1:], len(first) + 1)


def _row_tokens(line: Line, cells: list[str], several: bool) -> list[Token]:
    """The tokens of `cells`, the first cells of a line (all of them, or more follow: `several`)."""
    tokens: list[Token] = []
    # An empty cell counts only between two values (`3\t\t0`): a blank cell of the row. Empty cells
    # before a row's first value or after its last one are the layout's padding (merged cells).
    blanks: list[Token] = []
    start = 0
    for cell in cells:
        end = start + len(cell)
        if cell.isdigit() and cell.isascii():  # the common cell: a plain count
            if blanks:
                tokens.extend(blanks)
                blanks = []
            tokens.append(Token(cell, _VALUE, line, start, end))
        elif not cell or cell.isspace():
            if tokens and tokens[-1].kind == TokenKind.VALUE and several:
                blanks.append(Token("", TokenKind.VALUE, line, start, end))
        else:
            found = _cell_tokens(line, cell, start)
            if blanks and found and found[0].kind == TokenKind.VALUE:
                tokens.extend(blanks)
            blanks = []
            tokens.extend(found)
        start = end + 1
    return tokens


def cell_token(cell: SourceCell) -> Token:
    """A cell of a real table as one token; an empty cell is a value (a blank one)."""
    text = cell.text.strip()
    kind = TokenKind.VALUE if not text or is_value(text) else TokenKind.LABEL
    return Token(text, kind, cell=cell.location)


def cell_tokens(cells: tuple[SourceCell, ...]) -> list[Token]:
    """The tokens of a row of a real table. Its readers give each merged cell once, so every cell
    after the row's first non-empty one is a cell of the row (an empty one a blank value); empty
    cells before it are what is left of merged cells to its left, and a row of empty cells (a ghost
    row under a table) is no row at all."""
    tokens: list[Token] = []
    for cell in cells:
        if tokens or cell.text.strip():
            tokens.append(cell_token(cell))
    return tokens


def _cell_tokens(line: Line, cell: str, offset: int) -> list[Token]:
    """The tokens of `cell`, which stands at `offset` in the line."""
    shape = _short_cell_shape(cell) if len(cell) <= _MEMO_PIECE else _cell_shape(cell)
    if len(shape) == 1:  # most cells: one label or one value (no loop, and no slice of the whole)
        ((kind, start, end),) = shape
        text = cell if start == 0 and end == len(cell) else cell[start:end]
        return [Token(text, kind, line, offset + start, offset + end)]
    return [Token(cell[start:end], kind, line, offset + start, offset + end) for kind, start, end in shape]


Shape = tuple[tuple[str, int, int], ...]  # (kind, start, end) of each token of a cell, in the cell


@functools.lru_cache(maxsize=4096)
def _short_cell_shape(cell: str) -> Shape:
    """A short cell's shape, looked up: the same labels come back in every report."""
    return _cell_shape(cell)


def _cell_shape(cell: str) -> Shape:
    """Where the tokens of `cell` stand: its pieces (runs of non-space, as `str.split` cuts them; each
    found from the end of the one before), a value alone, the pieces between values one label."""
    shape: list[tuple[str, int, int]] = []
    label_start = label_end = -1
    position = 0
    for piece in cell.split():
        start = cell.find(piece, position)
        position = start + len(piece)
        if is_separator(piece):
            continue
        if is_value(piece):
            if label_start >= 0:
                shape.append((TokenKind.LABEL, label_start, label_end))
                label_start = -1
            shape.append((TokenKind.VALUE, start, position))
        else:
            if label_start < 0:
                label_start = start
            label_end = position
    if label_start >= 0:
        shape.append((TokenKind.LABEL, label_start, label_end))
    return tuple(shape)


@functools.cache
def cell_syntax() -> CellSyntax:
    """How a value cell is written: `rules/templates/values.toml` [cells], of the built-in rules
    (looked up once: it is asked for every piece of every table)."""
    return default_catalog().cells


def is_value(piece: str) -> bool:
    """A number (maybe with a sign, 增/减 or a unit), a not-applicable mark, or digits that are
    not a readable number (kept as a value so that a garbled cell still takes its place)."""
    if piece.isdigit() and piece.isascii():
        return True  # most pieces of a table: plain counts, a value whichever way below
    if len(piece) <= _MEMO_PIECE:
        return _short_is_value(piece)
    return _is_value(piece)


# The pieces that are not plain digits are mostly the table's labels, the same in every report: a
# short one is looked up (four regex tests spared); a long one, a sentence, is not kept.
_MEMO_PIECE = 40


@functools.lru_cache(maxsize=4096)
def _short_is_value(piece: str) -> bool:
    return _is_value(piece)


def _is_value(piece: str) -> bool:
    if cell_syntax().value.match(piece):
        return True
    # Not a number as written: digits with no Han character and no list number. Han first: a
    # label or a sentence, most pieces here, is ruled out at its first character.
    if _HAN.search(piece):
        return False
    return not _ENUMERATOR_PIECE.match(piece) and DIGIT.search(piece) is not None
