"""The parser's fast paths (issue 14) give what the plain ways give: each is checked against a
straightforward reference (the way the parser did it before) on generated input.

(a) line tokens: cells and pieces cut with `str.split`, a label cell's shape looked up, a row of
    plain counts read without a test per cell; against cutting at a regex, piece by piece;
(b) the rows that hold a table's anchors: one search in the joined rows, against a test of every
    anchor in every row;
(c) the text the template votes are counted in, against a regex substitution;
(d) a cell is located only when asked, and a cell located by its token equals the cell given its
    `Location`;
(e) a line of one piece (a label, or a sentence that strays into a table) read without a shape;
    a piece tested for Han before it is tested for a list number; a line of one word is no
    generic header; the long header words found by one search;
(f) a table read from its lines' parts (a row's plain counts made cells with no token each) is the
    table read from their tokens.
"""

from __future__ import annotations

import re
import sys

import regex
from hypothesis import given, settings
from hypothesis import strategies as st

from govdisclose_check.catalog import TableSpec, default_catalog
from govdisclose_check.catalog import labels as catalog_labels
from govdisclose_check.catalog.labels import core
from govdisclose_check.document import Line
from govdisclose_check.model import Cell, CellKind, Location
from govdisclose_check.normalize.characters import to_halfwidth
from govdisclose_check.parse import legibility, regions, rows, tokens
from govdisclose_check.parse.cells import read_cell
from govdisclose_check.parse.detect import template_votes
from govdisclose_check.parse.labels import LabelIndex
from govdisclose_check.parse.legibility import generic_header, may_be_generic
from govdisclose_check.parse.regions import _Candidates
from govdisclose_check.parse.stream import Row
from govdisclose_check.parse.tokens import SEPARATOR, Token, TokenKind, is_value, line_parts, line_tokens

# Pieces a table line is made of: counts, other values, labels, list numbers, separators, spaces of
# several kinds (a no-break space and an ideographic one among them).
PIECES = [
    "0",
    "12",
    "007",
    "1,234",
    "-3",
    "增7",
    "1.5万",
    "/",
    "—",
    "无",
    "1O",
    "2021年",
    "(一)",
    "3.",
    "一、",
]
PIECES += [
    "予以公开",
    "不予公开",
    "结果 维持",
    "---",
    "===",
    "+--+",
    "数据1",
    "|",
    "\t",
    " ",
    "  ",
    "\u00a0",
    "\u3000",
]
# Sentences and long pieces, as narrative that strays into a table region: with digits, a list
# number, a header word, more than the 40 characters of a looked-up piece.
PIECES += [
    "本机关第12次推进政务公开工作,持续加强信息发布与政策解读。",
    "一、本年新收政府信息公开申请数量为" + "3" * 30,
    "12345678901234567890123456789012345678901234567890",
    "法人或其他组织" * 7,
    "数据1",
    "列2",
]
LINES = st.lists(st.sampled_from(PIECES), max_size=14).map("".join)


def _reference_tokens(line: Line) -> list[tuple[str, str, int, int]]:
    """The tokens as the parser cut them before: spans of the separator, then runs of `\\S+`."""
    text = line.text
    sep = "\t" if "\t" in text else "|" if "|" in text else None
    spans, start = [], 0
    for part in text.split(sep) if sep else [text]:
        spans.append((start, start + len(part)))
        start += len(part) + 1
    tokens: list[tuple[str, str, int, int]] = []
    blanks: list[tuple[str, str, int, int]] = []
    for start, end in spans:
        cell = text[start:end]
        if cell.isdigit() and cell.isascii():
            tokens += blanks
            blanks = []
            tokens.append((cell, TokenKind.VALUE, start, end))
        elif not cell or cell.isspace():
            if tokens and tokens[-1][1] == TokenKind.VALUE and len(spans) > 1:
                blanks.append(("", TokenKind.VALUE, start, end))
        else:
            found: list[tuple[str, str, int, int]] = []
            label_start = label_end = -1
            for m in re.compile(r"\S+").finditer(text, start, end):
                if SEPARATOR.match(m.group()):
                    continue
                if is_value(m.group()):
                    if label_start >= 0:
                        found.append((text[label_start:label_end], TokenKind.LABEL, label_start, label_end))
                        label_start = -1
                    found.append((m.group(), TokenKind.VALUE, m.start(), m.end()))
                else:
                    label_start = m.start() if label_start < 0 else label_start
                    label_end = m.end()
            if label_start >= 0:
                found.append((text[label_start:label_end], TokenKind.LABEL, label_start, label_end))
            if blanks and found and found[0][1] == TokenKind.VALUE:
                tokens += blanks
            blanks = []
            tokens += found
    return tokens


@settings(max_examples=150, deadline=None)
@given(text=LINES)
def test_line_tokens_are_cut_as_by_the_reference(text: str) -> None:
    line = Line(1, text, text)
    got = [(t.text, t.kind, t.start, t.end) for t in line_tokens(line)]
    assert got == _reference_tokens(line)
    assert got == [(t.text, t.kind, t.start, t.end) for t in line_tokens(line)]  # looked up: the same


@settings(max_examples=100, deadline=None)
@given(label=st.sampled_from(PIECES[8:]), counts=st.lists(st.integers(0, 10**30), min_size=1, max_size=8))
def test_a_row_of_counts_reads_as_by_the_reference(label: str, counts: list[int]) -> None:
    line = Line(3, "\t".join([label, *map(str, counts)]), "")
    got = line_tokens(line)
    assert [(t.text, t.kind, t.start, t.end) for t in got] == _reference_tokens(line)
    assert [t.location for t in got if t.text] == [
        Location(3, t.start + 1, 3, t.end + 1) for t in got if t.text
    ]


ANCHOR_TEXT = st.text(alphabet="ab行政复议诉", max_size=6)


@settings(max_examples=150, deadline=None)
@given(
    compacts=st.lists(ANCHOR_TEXT, max_size=8),
    anchors=st.lists(st.text(alphabet="ab行政复议", max_size=3), max_size=3),
)
def test_anchor_rows_are_found_as_by_testing_every_row(compacts: list[str], anchors: list[str]) -> None:
    expected = [i for i, c in enumerate(compacts) if c and any(a in c for a in anchors)]
    assert list(_Candidates(compacts).rows(tuple(anchors))) == expected


@settings(max_examples=100, deadline=None)
@given(texts=st.lists(st.text(alphabet='本年制发件数 \t\n\u3000"“”ab。', max_size=320), max_size=6))
def test_votes_count_markers_in_the_text_without_spaces_and_quotes(texts: list[str]) -> None:
    class Template:
        markers = ("本年制发件数", "制发", "ab", "件数ab")

    text = re.sub(r"[\s\"“”]+", "", "\n".join(texts))
    expected = sum(1 for m in Template.markers if m in text)
    rows = [Row(t) for t in texts]
    assert template_votes(rows, {"t": Template}) == {"t": expected}  # type: ignore[dict-item]
    compacts = regions.compact_rows(rows)  # made once for the anchors, given to the votes
    assert template_votes(rows, {"t": Template}, compacts) == {"t": expected}  # type: ignore[dict-item]


@settings(max_examples=100, deadline=None)
@given(raw=st.sampled_from([*PIECES[:13], "9" * 24, "9" * 25, ""]), start=st.integers(0, 50))
def test_a_cell_located_by_its_token_equals_one_given_its_location(raw: str, start: int) -> None:
    line = Line(7, " " * start + raw, " " * start + raw)
    token = Token(raw, TokenKind.VALUE, line, start, start + len(raw))
    cell = read_cell(token)
    located = Cell(cell.raw, cell.kind, cell.value, line.location(start, start + len(raw)), unit=cell.unit)
    assert cell.location == Location(7, start + 1, 7, start + len(raw) + 1)
    assert cell == located
    assert hash(cell) == hash(located)
    assert repr(cell) == repr(located)
    assert f"value={cell.value!r}, location={cell.location!r}, unit=" in repr(cell)  # as before
    if raw.isdigit():  # the fast path: a count, unless it has more digits than any count
        assert (cell.kind, cell.value) == (
            (CellKind.UNPARSEABLE, None) if len(raw) > 24 else (CellKind.NUMBER, int(raw))
        )


@settings(max_examples=200, deadline=None)
@given(text=st.lists(st.sampled_from(PIECES), max_size=3).map("".join))
def test_a_line_of_one_piece_is_cut_as_by_the_reference(text: str) -> None:
    line = Line(1, text, text)
    assert [(t.text, t.kind, t.start, t.end) for t in line_tokens(line)] == _reference_tokens(line)


def _is_value_before(piece: str) -> bool:
    """`_is_value` as it was written, its tests in their first order."""
    if tokens.cell_syntax().value.match(piece):
        return True
    if tokens._ENUMERATOR_PIECE.match(piece):
        return False
    return bool(tokens.DIGIT.search(piece)) and not tokens._HAN.search(piece)


@settings(max_examples=300, deadline=None)
@given(piece=st.lists(st.sampled_from([*PIECES, "(1)", "1.", "三、", "٣", "一2"]), max_size=3).map("".join))
def test_a_piece_is_a_value_as_before(piece: str) -> None:
    for part in [piece, *piece.split()]:
        assert tokens._is_value(part) == _is_value_before(part)


INDEXES = [LabelIndex.of(t) for v in ("2019", "2021") for t in default_catalog().templates[v].tables.values()]


@settings(max_examples=200, deadline=None)
@given(index=st.sampled_from(INDEXES), text=LINES)
def test_a_header_line_is_told_as_by_the_plain_tests(index: LabelIndex, text: str) -> None:
    found = line_tokens(Line(1, text, text))
    if not found:
        return
    every_header = len(found) >= 2 and all(
        t.kind == TokenKind.LABEL and index.is_header(core(t.text)) for t in found
    )
    joined = "\t".join(t.text for t in found)
    words = [w for t in found for w in t.text.split() or [""]]
    expected = every_header or (may_be_generic(joined) and generic_header(words, index.is_header))
    assert rows._header_line(index, found) == expected


@settings(max_examples=200, deadline=None)
@given(index=st.sampled_from(INDEXES), text=LINES)
def test_header_words_are_found_as_by_testing_each(index: LabelIndex, text: str) -> None:
    label = core(text)
    for each in (label, label[:6], label * 3):
        plain = each in index.headers or any(h in each for h in index.long_headers)
        assert index.is_header(each) == plain
        assert index.is_header(each) == plain  # remembered: the same


GENERIC_PIECES = [*PIECES, "COL", "Field", "fıeld", "数值", "栏", "字段", "cOlumn"]


@settings(max_examples=300, deadline=None)
@given(text=st.lists(st.sampled_from(GENERIC_PIECES), max_size=6))
def test_a_generic_name_is_looked_for_as_by_the_search_alone(text: list[str]) -> None:
    joined = "\t".join(text)
    assert may_be_generic(joined) == (legibility._GENERIC_WORD.search(joined) is not None)


# Table lines: a label (or none) and counts, as most rows are, among header lines, generic headers,
# sentences and lines of every other kind.
COUNTS_ROW = st.tuples(
    st.sampled_from(
        ["", "1.属于国家秘密", "(一)予以公开", "数据1 数据2", "总计", "其他", "法人或其他组织", " "]
    ),
    st.lists(st.sampled_from(["0", "3", "12", "007", "9" * 25]), min_size=1, max_size=8),
).map(lambda t: "\t".join([t[0], *t[1]]))
TABLE_LINES = st.lists(st.one_of(COUNTS_ROW, LINES), max_size=12)
TABLE_SPECS = [(v, t) for v in ("2019", "2021") for t in default_catalog().templates[v].tables.values()]


def _numbered(texts: list[str]) -> list[Line]:
    """Lines with these texts (as read and as normalised), numbered from 1."""
    return [Line(i + 1, text, text) for i, text in enumerate(texts)]


@settings(max_examples=200, deadline=None)
@given(spec=st.sampled_from(TABLE_SPECS), texts=TABLE_LINES)
def test_a_table_read_from_parts_is_the_table_read_from_tokens(
    spec: tuple[str, TableSpec], texts: list[str]
) -> None:
    version, table = spec
    lines = _numbered(texts)
    where = Location(1, 1)
    plain = rows.align_rows(table, version, [(line_tokens(line), None) for line in lines], where)
    assert rows.align_rows(table, version, [line_parts(line) for line in lines], where) == plain
    for line in lines:
        found, counts = line_parts(line)
        assert rows._header_line(LabelIndex.of(table), found, counts) == rows._header_line(
            LabelIndex.of(table), line_tokens(line)
        )


def _compact(text: str) -> str:
    """A row's compact text as it was made, a call a row."""
    if len(text) > regions.MAX_ANCHOR_LINE * 2 or "。" in text:
        return ""
    compact = "".join(text.split())
    return compact if len(compact) <= regions.MAX_ANCHOR_LINE else ""


@settings(max_examples=100, deadline=None)
@given(texts=st.lists(st.one_of(LINES, st.text(alphabet="ab 。\t", max_size=320)), max_size=6))
def test_compact_rows_are_made_as_one_at_a_time(texts: list[str]) -> None:
    assert regions._compacts(texts) == [_compact(t) for t in texts]


@settings(max_examples=200, deadline=None)
@given(spec=st.sampled_from(TABLE_SPECS), texts=TABLE_LINES)
def test_a_table_of_one_run_of_values_read_from_parts_is_read_as_from_tokens(
    spec: tuple[str, TableSpec], texts: list[str]
) -> None:
    version, table = spec
    lines = _numbered(texts)
    # And a run of exactly as many values as the table has cells, after the lines.
    slots = sum(len(r.columns) for r in table.value_rows)
    run = "\t".join(str(i * 7 % 1001) for i in range(slots))
    lines.append(Line(len(lines) + 1, run, run))
    plain = [(line_tokens(line), None) for line in lines]
    parts = [line_parts(line) for line in lines]
    assert rows.labelled(table, parts) == rows.labelled(table, plain)
    if not texts:
        assert rows.read_sequential(table, version, parts, Location()).rows  # the run fills the table
    where = Location(1, 1)
    assert rows.read_sequential(table, version, parts, where) == rows.read_sequential(
        table, version, plain, where
    )


def _core_before(text: str) -> str:
    """`core` as it was written: `regex`'s \\s for white space, and the list-number regex tried on
    every label."""
    s = to_halfwidth(text).strip()
    for _ in range(3):
        stripped = catalog_labels._ENUMERATOR.sub("", s, count=1)
        if stripped == s:
            break
        s = stripped
    return str(regex.sub(r"[\s\"'“”‘’「」《》<>*#_`:;。,、!?·…]+", "", s))


def test_the_characters_a_core_drops_are_those_regex_dropped() -> None:
    every = "".join(chr(i) for i in range(sys.maxunicode + 1) if not 0xD800 <= i <= 0xDFFF)
    before = regex.compile(r"[\s\"'“”‘’「」《》<>*#_`:;。,、!?·…]+").findall(every)
    assert catalog_labels._DROP.findall(every) == before


CORE_PIECES = [
    "一、",
    "(三)",
    "12.",
    "3)",
    "\U00010d40.",
    "٣、",
    " ",
    "\u3000",
    "\x1c",
    "，",
    "。",
    "总计",
    "其他",
]


@settings(max_examples=300, deadline=None)
@given(text=st.lists(st.sampled_from([*CORE_PIECES, *PIECES[8:20]]), max_size=6).map("".join))
def test_a_core_is_made_as_before(text: str) -> None:
    assert catalog_labels.core.__wrapped__(text) == _core_before(text)


@settings(max_examples=200, deadline=None)
@given(
    piece=st.lists(st.sampled_from([*PIECES, ":", "-", "=", "+", "---:", ":---", "+=+"]), max_size=4).map(
        "".join
    )
)
def test_a_separator_is_told_as_by_the_regex_alone(piece: str) -> None:
    for part in [piece, *piece.split()]:
        assert tokens.is_separator(part) == (SEPARATOR.match(part) is not None)
