"""Align the rows of a table to its template by their labels.

The values of a row are the value tokens between its label and the next label. Rows are never
filled by counting numbers: a row with the wrong number of values is kept aside as `miscounted`,
and the identities that need it become not assessable. A label written again with no values (a
converter's `### （二）部分公开` line above the row) gives way to the same row with values, and
header lines (the table's own, or a converter's 数据1 数据2 …) are no rows. When most rows cannot
be aligned at all, the table is marked `unreadable` (see `legibility`).
"""

from __future__ import annotations

import functools
from collections.abc import Iterable, Sequence

import attrs

from ..catalog import RowSpec, TableSpec
from ..catalog.labels import core
from ..document import Line
from ..model import Cell, Location, Table, TableRow
from .cells import read_cell, read_counts
from .labels import LabelIndex
from .legibility import generic_header, may_be_generic, unreadable
from .tokens import Counts, Token, TokenKind

_LABEL, _VALUE = TokenKind.LABEL, TokenKind.VALUE
Parts = tuple[list[Token], Counts | None]  # a line's tokens and the counts that end it


@attrs.define
class _Row:
    spec: RowSpec | None
    label: Token
    extra: list[str] = attrs.Factory(list)
    values: list[Cell] = attrs.Factory(list)  # each value token read as it comes

    @property
    def label_text(self) -> str:
        return "".join([self.label.text, *self.extra]) if self.extra else self.label.text


@attrs.define
class Labels:
    """Lines one after another that are each one label naming no row and no header (narrative, see
    `narrative.plain_labels`): the first line, and the texts of the others. Such a line joins the
    label before it, or starts a row of its own; the lines after it join that one."""

    first: Line
    more: list[str]


def align_rows(spec: TableSpec, version: str, lines: Iterable[Parts | Labels], location: Location) -> Table:
    """`lines`: each line's tokens, and the plain counts that end it (see `tokens.line_parts`); or
    a run of `Labels`."""
    index = LabelIndex.of(spec)
    built = _collect(index, lines)
    return _table(spec, version, built, location)


def _collect(index: LabelIndex, lines: Iterable[Parts | Labels]) -> list[_Row]:
    built: list[_Row] = []
    current: _Row | None = None
    seen_value = False
    is_header, match = index.is_header, index.match  # asked for every label of every row
    for parts in lines:
        # Lines that are each one label, no header and no row, as the loop below takes them: the
        # first joins the label before it or starts a row, the others join that. Asked of every
        # row: a test of the tuple's own type is the cheap one.
        if not isinstance(parts, tuple):
            current = _labelled(parts, current, built)
            continue
        tokens, counts = parts
        if _header_line(index, tokens, counts):
            continue  # the header again, as after a page break
        after_value = False  # the previous cell of this line was a value of the current row
        for token in tokens:
            if token.kind == _VALUE:
                after_value = True
                seen_value = True
                if current is None:
                    label = Token("", _LABEL, token.line, token.start, token.start, token.cell)
                    current = _Row(None, label, [], [])
                    built.append(current)
                current.values.append(read_cell(token))
                continue
            label_core = core(token.text)
            if not label_core:
                continue
            header = is_header(label_core)
            if header and not seen_value:
                continue
            row = match(label_core)
            if row is None:
                if header:
                    continue
                if after_value and current is not None and len(tokens) > 1:
                    current.values.append(read_cell(token))  # words where a number belongs (若干)
                    continue
                if current is not None and not current.values:
                    current.extra.append(token.text)  # a label wrapped onto the next line
                    continue
            current = _Row(row, token, [], [])
            built.append(current)
            after_value = False
        if counts is not None:  # value tokens, as the loop above takes them, made cells at once
            seen_value = True
            if current is None:
                current = _Row(None, Token("", _LABEL, counts.line, counts.start, counts.start), [], [])
                built.append(current)
            current.values.extend(read_counts(counts))
    return built


def _labelled(labels: Labels, current: _Row | None, built: list[_Row]) -> _Row:
    """The row that `labels` join, or start (then added to `built`)."""
    first = labels.first
    if current is not None and not current.values:
        current.extra.append(first.text)
    else:
        current = _Row(None, Token(first.text, _LABEL, first, 0, len(first.text)), [], [])
        built.append(current)
    current.extra.extend(labels.more)
    return current


def _header_line(index: LabelIndex, tokens: list[Token], counts: Counts | None = None) -> bool:
    """Two or more heading words and nothing else (自然人 法人或其他组织 总计), or a converter's
    generic column names (数据1 数据2 …, with 项目 or 总计 among them). `counts`: plain counts
    that follow `tokens` on the line."""
    if counts is not None:
        # A value stops the heading words, and no generic name stands in a count or spans a tab:
        # the line is a header only if its tokens hold two generic names.
        if not tokens:
            return False
        if len(tokens) == 1:  # a label, most often one of the table's own: the answer looked up
            if not _may_be_generic_label(tokens[0].text):
                return False
        elif not may_be_generic("\t".join([t.text for t in tokens])):
            return False
        words = [w for t in tokens for w in t.text.split() or [""]]
        return generic_header([*words, *counts.texts], index.is_header)
    # Asked for every row of a table: a row of values fails the first test at its label or its
    # first value, and one search rules out generic names in almost all rows.
    if len(tokens) >= 2:
        for t in tokens:
            if t.kind != _LABEL or not index.is_header(core(t.text)):
                break
        else:
            return True
        text = "\t".join([t.text for t in tokens])
    elif not tokens or len(tokens[0].text.split()) < 2:
        return False  # no word or one: never the two generic names a generic header needs
    else:
        text = tokens[0].text
    return may_be_generic(text) and generic_header(
        [w for t in tokens for w in t.text.split() or [""]], index.is_header
    )


@functools.lru_cache(maxsize=4096)
def _may_be_generic_label(text: str) -> bool:
    return may_be_generic(text)


def _table(spec: TableSpec, version: str, built: list[_Row], location: Location) -> Table:
    rows: dict[str, dict[str, Cell]] = {}
    found: list[TableRow] = []
    miscounted: list[TableRow] = []
    unknown: list[TableRow] = []
    seen: set[str] = set()
    valued = {b.spec.key for b in built if b.spec is not None and b.values}
    for b in built:
        if not b.values and (b.spec is None or b.spec.group or b.spec.key in valued):
            continue  # a group heading, a fragment of a wrapped label, a label repeated above its row
        cells = tuple(b.values)
        # A group heading that carries values keeps its key, as a row the format does not have;
        # so does a second row with the key of one already found.
        row = TableRow(b.spec.key if b.spec else None, b.label_text, cells, b.label)
        found.append(row)
        if b.spec is None or b.spec.group or b.spec.key in seen:
            unknown.append(row)
            continue
        seen.add(b.spec.key)
        if len(cells) == len(b.spec.columns):
            rows[b.spec.key] = dict(zip(b.spec.columns, cells, strict=True))
        else:
            miscounted.append(row)
    missing = tuple(r.key for r in spec.value_rows if r.key not in seen)
    return Table(
        key=spec.key,
        template=version,
        location=location,
        rows=rows,
        found=tuple(found),
        miscounted=tuple(miscounted),
        unknown=tuple(unknown),
        missing=missing,
        unreadable=unreadable(spec, [(b.spec, len(b.values)) for b in built]),
    )


def read_sequential(spec: TableSpec, version: str, lines: Sequence[Parts], location: Location) -> Table:
    """A table given as one run of values in row-and-column order (table 四 on one line)."""
    values: list[Cell] = []
    for tokens, counts in lines:
        values.extend(read_cell(t) for t in tokens if t.kind == TokenKind.VALUE)
        if counts is not None:
            values.extend(read_counts(counts))
    slots = [(r, c) for r in spec.value_rows for c in r.columns]
    rows: dict[str, dict[str, Cell]] = {}
    if len(values) == len(slots):
        for (row, col), cell in zip(slots, values, strict=True):
            rows.setdefault(row.key, {})[col] = cell
    return Table(
        key=spec.key,
        template=version,
        location=location,
        rows=rows,
        expected_values=len(slots),
        found_values=len(values),
    )


def labelled(spec: TableSpec, lines: Sequence[Parts]) -> bool:
    """Whether some row label of the table is followed directly by a value (rows with labels)."""
    index = LabelIndex.of(spec)
    previous_is_row_label = False
    for tokens, counts in lines:
        for token in tokens:
            if token.kind == TokenKind.VALUE:
                if previous_is_row_label:
                    return True
                previous_is_row_label = False
            else:
                label_core = core(token.text)
                row = index.exact.get(label_core)
                previous_is_row_label = row is not None and not row.group
        if counts is not None:  # values, as the tokens of a line's counts are
            if previous_is_row_label:
                return True
            previous_is_row_label = False
    return False
