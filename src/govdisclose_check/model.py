"""The report model: value classes shared by the parser, the engine and the renderers.

Everything here is a small attrs class with no behaviour beyond trivial accessors; the stages are
functions that take and return these values. They are frozen, but for the ones made by the
hundred in every parse (Cell, TableRow, Section): those are hashed and compared as frozen ones
are, and nothing changes them once made.
"""

from __future__ import annotations

import enum
import itertools
from decimal import Decimal
from typing import TYPE_CHECKING, Protocol, cast

import attrs

if TYPE_CHECKING:
    from .document import Line

Number = int | Decimal


class Severity(enum.StrEnum):
    ERROR = "error"
    WARNING = "warning"
    INFO = "info"

    @property
    def rank(self) -> int:
        return _SEVERITY_RANK[self]


_SEVERITY_RANK = {Severity.INFO: 0, Severity.WARNING: 1, Severity.ERROR: 2}


class CellKind(enum.StrEnum):
    NUMBER = "number"
    BLANK = "blank"
    NA = "na"  # "/", "—", "-", "无", "不适用"
    TEXT = "text"
    UNPARSEABLE = "unparseable"


@attrs.frozen
class Location:
    """Where something stands in the original file.

    Text sources fill line and column (1-based, in characters of the decoded original text, before
    any normalisation); so does HTML, in its source. A DOCX paragraph fills `paragraph` (its ordinal
    among the document's paragraphs), a PDF line fills `page` and `line` (the line on that page), and
    a cell of a real table (DOCX, HTML, PDF) fills the 1-based position of the cell in its source
    table: `source_table`, `source_row`, `source_cell`.
    """

    line: int | None = None
    column: int | None = None
    end_line: int | None = None
    end_column: int | None = None
    page: int | None = None
    paragraph: int | None = None
    source_table: int | None = None
    source_row: int | None = None
    source_cell: int | None = None


class Locator(Protocol):
    """Something that can say where it stands (the parser's token of a cell or a label)."""

    @property
    def location(self) -> Location: ...


# A place in a text line, located on demand: the line and the span [start, end) in its text (the
# parser's way of placing a table cell without an object of its own for it).
Spot = tuple["Line", int, int]


def _located(where: Location | Locator | Spot) -> Location:
    if isinstance(where, Location):
        return where
    if isinstance(where, tuple):
        line, start, end = where
        return line.location(start, end)
    return where.location


class _Located:
    """What Cell, TableRow and Section share: a place given as a `Location`, a `Locator` or a
    `Spot` (field `_where`, given as `location`), made a `Location` when asked, and a repr as attrs
    writes it, with the place shown as `location`."""

    __slots__ = ()
    _where: Location | Locator | Spot

    @property
    def location(self) -> Location:
        return _located(self._where)

    def __repr__(self) -> str:
        fields = attrs.fields(cast("type[attrs.AttrsInstance]", type(self)))  # (the attrs classes below)
        shown = (f"{f.alias}={getattr(self, f.alias)!r}" for f in fields if f.repr)
        return f"{type(self).__name__}({', '.join(shown)})"


# Not frozen, but hashed as a frozen class is (and nothing changes a cell once made): one is made
# for every value cell of a report, and a frozen attrs class costs six times as much to build
# (0.85 µs against 0.14: each field is set through `object.__setattr__`).
@attrs.define(unsafe_hash=True, repr=False)
class Cell(_Located):
    """One value cell of a table as read from the report.

    `location` may be given as a `Location`, as a `Locator` or as a `Spot`: the parser gives the
    cell's token or its span in a line, so that a `Location` is made only for the cells a finding
    points at (most cells are never located). Either way `cell.location` is the `Location`, and
    equality and hashing compare it."""

    raw: str
    kind: CellKind
    value: Number | None
    _where: Location | Locator | Spot = attrs.field(alias="location", eq=_located)
    unit: str | None = None  # a unit or word read along with the number: 件, 元, 增, 减 …


@attrs.define(unsafe_hash=True, repr=False)  # not frozen, as Cell (one per row of every table)
class TableRow(_Located):
    """A row as found in the report: its label and the value cells that follow it."""

    key: str | None  # the template's row key; None for a row the template does not know
    label: str
    cells: tuple[Cell, ...]
    _where: Location | Locator = attrs.field(alias="location", eq=_located)  # as in Cell


@attrs.frozen
class Unreadable:
    """Why most rows of a table could not be aligned by their labels (a converter tore the labels
    from their numbers, say): the table is reported once, not row by row."""

    aligned: int  # template rows found by their label with values of their own
    unaligned: int  # template rows not so found
    bare_labels: int  # row labels found with no values of their own
    stray_values: int  # values that could not be placed in any row


@attrs.frozen
class Table:
    """A table aligned to a template.

    `rows` holds the rows whose values could be given to columns (right number of values);
    `miscounted` the rows found with the wrong number of values; `unknown` rows that carry values
    but are not in the template; `missing` the template rows that were not found at all.
    `unreadable` is set when most rows could not be aligned: then the rest is guesswork that no
    row or identity check uses.
    """

    key: str
    template: str
    location: Location
    rows: dict[str, dict[str, Cell]]
    found: tuple[TableRow, ...] = ()
    miscounted: tuple[TableRow, ...] = ()
    unknown: tuple[TableRow, ...] = ()
    missing: tuple[str, ...] = ()
    expected_values: int | None = None  # for a table read as one run of values (table 四)
    found_values: int | None = None
    unreadable: Unreadable | None = None

    def cell(self, row: str, col: str) -> Cell | None:
        return self.rows.get(row, {}).get(col)


@attrs.define(unsafe_hash=True, repr=False)  # not frozen, as Cell (made in every parse)
class Section(_Located):
    """`location` may be given as a `Location`, or as the heading's `Spot` (located if asked), as
    in Cell."""

    key: str
    numeral: str  # the numeral as written in the heading ("一", or "—" typed for it)
    heading: str
    _where: Location | Spot = attrs.field(alias="location", eq=_located)
    end_line: int
    text: str = attrs.field(default="", repr=False)  # the section's lines, normalised, joined by newlines
    # The section's prose: its lines that are not rows of a table, each with its place in the file.
    prose: tuple[Line, ...] = attrs.field(default=(), repr=False, eq=False)


@attrs.define(unsafe_hash=True)  # not frozen, as Cell (one for every line of prose of a report)
class ProseLine:
    section: str | None  # None: a line before the first heading (the title, the preamble)
    line: Line


@attrs.frozen
class Report:
    path: str | None
    encoding: str | None
    title: str | None
    body: str | None
    year: int | None
    template: str | None
    sections: tuple[Section, ...]
    tables: dict[str, Table]
    located: tuple[str, ...] = ()  # the tables found in the text, whatever their template
    title_location: Location = Location()
    template_votes: dict[str, int] = attrs.Factory(dict)
    # the lines before the first heading (the title, the preamble)
    head: tuple[Line, ...] = attrs.field(default=(), repr=False, eq=False)
    # `prose`, made on first use. A field, not a functools.cached_property: attrs gives a class with
    # one a `__getattr__`, which stops Python specialising the engine's every read of a report's
    # attributes (as it did for Line).
    _prose: tuple[ProseLine, ...] | None = attrs.field(default=None, init=False, repr=False, eq=False)

    def section(self, key: str) -> Section | None:
        for section in self.sections:
            if section.key == key:
                return section
        return None

    @property
    def prose(self) -> tuple[ProseLine, ...]:
        """The lines outside tables, in order, each with its section: made once, for all the rules
        that read the prose."""
        prose = self._prose
        if prose is None:
            # made by `map` (at C speed: a 10 MB report has 100,000 lines of prose)
            prose = (
                *map(ProseLine, itertools.repeat(None), self.head),
                *itertools.chain.from_iterable(
                    map(ProseLine, itertools.repeat(s.key), s.prose) for s in self.sections
                ),
            )
            object.__setattr__(self, "_prose", prose)  # frozen: filled once, as a cache
        return prose


@attrs.frozen
class Related:
    """Another place a finding is about: a finding folded into this one because one cell explains
    both (see engine/suggest.py), or the second place of a comparison (the table cell a sentence
    contradicts, the passage of last year's report; `path` is then that report's file)."""

    rule: str
    message: str
    message_en: str
    location: Location
    fingerprint: str
    section: str | None = None
    table: str | None = None
    row: str | None = None
    col: str | None = None
    path: str | None = None  # another file (last year's report); None: the finding's own file

    def text(self, lang: str) -> str:
        return self.message_en if lang == "en" else self.message


@attrs.frozen
class Suppression:
    """Why a finding is accepted: a sidecar or config entry (`source` is `file:line`) or a baseline."""

    kind: str  # "sidecar", "config" or "baseline"
    reason: str
    source: str


@attrs.frozen
class Finding:
    rule: str
    name: str
    severity: Severity
    message: str
    message_en: str
    location: Location
    fingerprint: str
    section: str | None = None
    table: str | None = None
    row: str | None = None
    col: str | None = None
    expected: Number | str | None = None
    actual: Number | str | None = None
    suggestion: str | None = None
    about: str | None = None  # for A300: the identity that could not be assessed
    related: tuple[Related, ...] = ()  # findings of the same cause, folded into this one
    suppression: Suppression | None = None  # set when the finding is accepted (it then fails nothing)

    @property
    def suppressed(self) -> bool:
        return self.suppression is not None

    def text(self, lang: str) -> str:
        return self.message_en if lang == "en" else self.message


@attrs.frozen
class Summary:
    files: int = 0
    errors: int = 0
    warnings: int = 0
    infos: int = 0
    suppressed: int = 0


@attrs.frozen
class CheckResult:
    path: str | None
    report: Report | None
    findings: tuple[Finding, ...]
    input_error: bool = False  # the input could not be read as a report (its finding is a rule of kind input)
