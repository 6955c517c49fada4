"""Narrative in a table region, told apart a chunk of lines at a time.

A sentence that strays into a table's region (10 MB of them, in the worst case) is read as one
label that names no row: it only joins the label before it, or starts a row of its own. Told apart
line by line (tokens, `core`, a header test, a row look-up, a fuzzy bound) it cost some 80 k
instructions a line. Here a few regex passes over a chunk of lines joined (each at C speed, about
a character's worth of work) and one test a line tell such lines apart; `plain_labels` says which,
and `rows._collect` takes each run of them as it is. Each test gives the answer the plain way would give,
or leaves the line to it (tests/test_parse_narrative.py compares the two).
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable, Iterator, Sequence

from ..catalog import TableSpec
from ..catalog.labels import DROPPED, NUMERALS
from ..normalize.characters import to_halfwidth
from .labels import MIN_PREFIX, LabelIndex
from .rows import Labels
from .stream import Row
from .tokens import Counts, Token, cell_syntax

Parts = tuple[list[Token], Counts | None]
CHUNK = 2048  # lines joined at a time: the work stays a line's worth, the memory a chunk's
# A region of fewer rows is read the plain way, as a table of the formats is (some forty rows, a
# few hundred with blank lines and notes): there the passes over a chunk may cost more than they
# spare, and the plain way costs a few milliseconds at most.
MIN_REGION = 1000
# Deleted by `core` (its `_DROP`), of those that a text `plain_labels` keeps may hold: it is
# printable and holds no space, and so it is once `to_halfwidth` has made its full-width forms ASCII
# (the others it replaces are white space). Half of them: the rest is white space, the newline
# that parts the lines of a chunk among it.
_DROP_IN_LINE = "".join(c for c in DROPPED if c.isprintable() and c != " ")
_RUN = re.compile(b"\x01+")


def region_parts(
    spec: TableSpec, rows: Sequence[Row], start: int, end: int, halfwidth: bool = False
) -> Iterable[Parts | Labels]:
    """The parts of rows[start:end], as `Row.parts` gives them; but in a long region, the text
    lines that `plain_labels` finds are given as `Labels`, each run of them as one. `halfwidth`:
    the lines' texts are known to be as `to_halfwidth` leaves them (a normalised document's)."""
    if end - start < MIN_REGION:
        return (rows[i].parts() for i in range(start, end))
    index = LabelIndex.of(spec)  # (hashing the spec takes a while)
    return _chunked(index, rows, start, end, halfwidth)


def _chunked(
    index: LabelIndex, rows: Sequence[Row], start: int, end: int, halfwidth: bool
) -> Iterator[Parts | Labels]:
    for lo in range(start, end, CHUNK):
        chunk = rows[lo : min(lo + CHUNK, end)]
        texts = [row.line.text if row.line is not None else "" for row in chunk]
        # The runs of plain lines, found at C speed in the answers as bytes (1: plain): no step a
        # line here, nor in `rows._collect`, which takes a run as one.
        done = 0
        for run in _RUN.finditer(bytes(plain_labels(index, texts, halfwidth))):
            first, stop = run.span()
            yield from (row.parts() for row in chunk[done:first])
            line = chunk[first].line
            assert line is not None  # a plain label is a text: a line's
            yield Labels(line, texts[first + 1 : stop])
            done = stop
        yield from (row.parts() for row in chunk[done:])


def plain_labels(index: LabelIndex, texts: list[str], halfwidth: bool = False) -> list[bool]:
    """For each text (a line's), whether it is sure to be read as one label token (the whole text)
    that is no header and names no row of the table; False leaves a text to the plain way.
    `halfwidth`: the texts are known to be as `to_halfwidth` leaves them, which it then leaves
    them again (it makes no character that it replaces): a normalised document's lines, made so
    as they were normalised. Its pass over them is then spared (1.5 k instructions a line).

    Such a text is one piece (no white space, no pipe) that begins with a Han character that
    begins no value and no list number: so `core` keeps all of it but the characters `_DROP`
    deletes (no strip, no list number), and the cores of a chunk are made at once. A core names no
    row when it is no row's core and no header, begins as no core of MIN_PREFIX characters does
    (so neither begins with the other), and scores below the fuzzy bound against every core: its
    common subsequence with any core holds only characters some core holds (`shared` of them),
    and scores at most as against a core of those alone: 200·min(shared, len b)/(len a + len b)
    is largest at len b = shared."""
    syntax = cell_syntax()
    value, word_starts = syntax.value, syntax.word_starts
    stops = _stops(word_starts)
    # Tested on the whole chunk first, each at C speed: a chunk of sentences holds no " ", no "|"
    # and nothing unprintable, and its lines are spared the three tests.
    whole = "".join(texts)
    clean = " " not in whole and "|" not in whole and whole.isprintable()
    # The texts that are one such piece, the others made "" (no core, and no work in the passes
    # below): the rows of a real table in a long region cost a test each, no more.
    texts = [
        text
        if "\u4e00" <= (first := text[:1]) <= "\u9fa5"  # Han (Unicode 1.1): no white space, digit or "("
        # No list number that `core` would take off, and no value: a value begins with a sign, a
        # digit or one of its words, and most texts begin with none of them (nor a numeral) and
        # spare the regex (3 k instructions a line).
        and (first not in stops or (first not in NUMERALS and value.match(text) is None))
        and (clean or (" " not in text and "|" not in text and text.isprintable()))  # " " is printable
        else ""
        for text in texts
    ]
    if not any(texts):
        return [False] * len(texts)
    # The cores of the chunk, made at once (and joined again, for the passes below).
    joined = "\n".join(texts)
    joined = _drop(joined if halfwidth else to_halfwidth(joined))
    cores = joined.split("\n")
    if len(cores) != len(texts):  # a text with a newline of its own: no line has one
        return [False] * len(texts)
    exact, headers, by_prefix = index.exact, index.headers, index.by_prefix
    needs = index.fuzzy_needs
    reach = len(needs)  # (0 when there is no core, and so no alphabet)
    at_least = _at_least(index.alphabet)
    plain = [
        (
            c not in exact  # the fuzzy bound below says so too: a cheap no, first
            and c not in headers
            and c[:MIN_PREFIX] not in by_prefix
            # `_fuzzy` finds none (see above): the core holds fewer than needs[n] shared characters
            and ((n := len(c)) >= reach or at_least[needs[n]].match(c) is None)
        )
        if text
        else False
        for text, c in zip(texts, cores, strict=True)
    ]
    for word in index.long_headers:  # what `index.long_header` searches for
        for i in _holding(word, joined):
            plain[i] = False  # a header: it holds a long header word
    return plain


@functools.cache
def _stops(word_starts: frozenset[str]) -> frozenset[str]:
    """The first characters of a text that `plain_labels` looks at closer: a list number's or a
    value's word's."""
    return frozenset(NUMERALS) | word_starts


class _AtLeast(dict[int, re.Pattern[str]]):
    """For a count k, a pattern that matches a text (no newline) holding at least k characters of
    an alphabet: compiled on first use, as few counts are met (a core's length gives its count).
    Counting them this way, one match a text, costs half what deleting the others did (a `re.sub`
    over the chunk: a match for each run of them, several a sentence)."""

    def __init__(self, alphabet: str) -> None:
        super().__init__()
        self.alphabet = alphabet

    def __missing__(self, count: int) -> re.Pattern[str]:
        # Possessive (*+): each character is looked at once, and a text that holds too few of the
        # alphabet fails without backtracking. After a run of the others taken whole, the next
        # character, if any, is one of the alphabet: "." takes it, and the pattern holds one set
        # (compiling a set of Han characters is most of what compiling the pattern costs).
        pattern = self[count] = re.compile(f"(?:[^{self.alphabet}]*+.){{{count}}}", re.DOTALL)
        return pattern


@functools.cache
def _at_least(alphabet: str) -> _AtLeast:
    """The patterns for an alphabet (a table's), kept for the process: each is compiled once."""
    return _AtLeast(alphabet)


def _holding(word: str, joined: str) -> Iterator[int]:
    """The indexes of the lines of `joined` (texts joined by newlines) that hold `word` (which holds
    no newline): `str.find` over the chunk at C speed (a hit is rare), not a search a line. `re`
    searches an alternation of the words five times as slowly."""
    line = counted = 0
    at = joined.find(word)
    while at >= 0:
        line += joined.count("\n", counted, at)
        yield line
        counted = joined.find("\n", at)  # the next line, if any
        if counted < 0:
            return
        at = joined.find(word, counted)


def _drop(text: str) -> str:
    """`text` (texts that `plain_labels` keeps, joined by newlines) without the characters `core`
    deletes: one `str.replace` for each that is there, as `to_halfwidth` does; a regex substitution
    takes twice the time."""
    for ch in _DROP_IN_LINE:
        if ch in text:
            text = text.replace(ch, "")
    return text
