"""The two official formats, loaded from `rules/templates/*.toml` into typed specs."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

import attrs
import regex

from ..patterns import compiled
from .labels import core
from .problems import Problem, key_line
from .rules import read_toml

if TYPE_CHECKING:  # the TOML's shapes, imported when the rules are read (not from the cache)
    from .shapes import _Cells, _Table

T = TypeVar("T")


# repr=False: the records here are internal and never shown, and attrs would compile a __repr__
# for each class at every start-up (about 0.9 M instructions a class; issue 14).
@attrs.frozen(cache_hash=True, repr=False)
class ColumnSpec:
    key: str
    label: str
    kind: str  # count | amount | money | delta


@attrs.frozen(cache_hash=True, repr=False)
class RowSpec:
    key: str
    labels: tuple[str, ...]
    cores: tuple[str, ...]
    parent: str | None
    group: bool
    columns: tuple[str, ...]  # the columns this row has values in, in order

    @property
    def label(self) -> str:
        return self.labels[0]


@attrs.frozen(cache_hash=True, repr=False)
class TableSpec:
    key: str
    name: str
    name_en: str
    title: str
    section: str
    anchors: tuple[str, ...]
    header: tuple[str, ...]
    columns: tuple[ColumnSpec, ...]
    rows: tuple[RowSpec, ...]
    sequential: bool = False
    value_rows: tuple[RowSpec, ...] = attrs.field(init=False, eq=False)
    _columns: dict[str, ColumnSpec] = attrs.field(init=False, eq=False, repr=False)
    _rows: dict[str, RowSpec] = attrs.field(init=False, eq=False, repr=False)

    def __attrs_post_init__(self) -> None:
        object.__setattr__(self, "value_rows", tuple(r for r in self.rows if not r.group))
        object.__setattr__(self, "_columns", {c.key: c for c in self.columns})
        object.__setattr__(self, "_rows", {r.key: r for r in self.rows})

    def column(self, key: str) -> ColumnSpec:
        return self._columns[key]

    def row(self, key: str) -> RowSpec:
        return self._rows[key]


@attrs.frozen(repr=False)
class TemplateSpec:
    version: str
    document: str
    first_year: int
    last_year: int | None
    markers: tuple[str, ...]
    tables: dict[str, TableSpec]

    def valid_for(self, year: int) -> bool:
        return year >= self.first_year and (self.last_year is None or year <= self.last_year)


@attrs.frozen(repr=False)
class SectionSpec:
    key: str
    numeral: str
    title: str
    titles: tuple[regex.Pattern[str], ...]

    def __reduce__(self) -> tuple[Any, ...]:
        # Pickled (the cached catalog, catalog/cache.py) with its patterns' text, compiled again
        # when loaded as `load_sections` compiles them (patterns.py, once per process): `regex`
        # would pickle a pattern's compiled internals, which do not compare equal to the same
        # pattern compiled anew.
        return _section, (self.key, self.numeral, self.title, tuple(p.pattern for p in self.titles))


def _section(key: str, numeral: str, title: str, patterns: tuple[str, ...]) -> SectionSpec:
    return SectionSpec(key, numeral, title, tuple(compiled(p) for p in patterns))


@attrs.frozen(repr=False)
class CellSyntax:
    """How a value cell is written (`rules/templates/values.toml` [cells]): an optional 增/减 word,
    an optional sign, a number, an optional unit; or a not-applicable mark."""

    value: re.Pattern[str]
    decrease: frozenset[str]
    # The first characters of its words (增/减 words, not-applicable marks): a text that begins with
    # none of them, no sign and no digit (a Han character, say) is sure to be no match of `value`.
    word_starts: frozenset[str]


_NUMBER = r"(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?"


def _alternatives(words: tuple[str, ...]) -> str:
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


def cell_syntax(cells: _Cells) -> CellSyntax:
    words = _alternatives(cells.increase + cells.decrease)
    value = re.compile(
        rf"^(?:(?P<word>{words})?(?P<sign>[+-])?(?P<num>{_NUMBER})(?P<unit>{_alternatives(cells.units)})?"
        rf"|(?P<na>{_alternatives(cells.not_applicable)}))$"
    )
    starts = frozenset(w[0] for w in cells.increase + cells.decrease + cells.not_applicable if w)
    return CellSyntax(value, frozenset(cells.decrease), starts)


def _structure(path: Path, cls: type[T], found: list[Problem]) -> tuple[str, T] | None:
    import cattrs  # only when the rules are read from TOML (start-up time, see catalog/cache.py)

    from .strict import converter, problems

    read = read_toml(path, str(path), found)
    if read is None:
        return None
    text, data = read
    try:
        return text, converter.structure(data, cls)
    except (cattrs.BaseValidationError, TypeError, ValueError) as exc:
        for key, message in problems(exc):
            found.append(Problem(str(path), key_line(text, key), f"{key}: {message}"))
    return None


def load_template(
    path: Path, sections: tuple[SectionSpec, ...], value_kinds: frozenset[str], found: list[Problem]
) -> TemplateSpec | None:
    from .shapes import _Template

    loaded = _structure(path, _Template, found)
    if loaded is None:
        return None
    text, raw = loaded
    section_keys = {s.key for s in sections}
    tables = {}
    for key, table in raw.tables.items():

        def problem(message: str, key: str = key) -> None:
            found.append(Problem(str(path), key_line(text, f"tables.{key}"), f"table {key}: {message}"))

        tables[key] = _table(key, table, problem)
        if table.section not in section_keys:
            problem(f"unknown section {table.section!r}; expected one of {sorted(section_keys)}")
        for column in table.columns:
            if column.kind not in value_kinds:
                problem(
                    f"column {column.key}: unknown kind {column.kind!r}; "
                    f"expected one of {sorted(value_kinds)}"
                )
    return TemplateSpec(
        version=raw.version,
        document=raw.document,
        first_year=raw.first_year,
        last_year=raw.last_year,
        markers=tuple(core(m) for m in raw.markers),
        tables=tables,
    )


def _table(key: str, raw: _Table, problem: Callable[[str], None]) -> TableSpec:
    all_columns = tuple(c.key for c in raw.columns)
    groups = {r.key for r in raw.rows if r.group}
    rows = []
    for r in raw.rows:
        row_columns = () if r.group else (r.columns if r.columns is not None else all_columns)
        unknown = set(row_columns) - set(all_columns)
        if unknown:
            problem(f"row {r.key}: unknown columns {sorted(unknown)}; expected some of {list(all_columns)}")
        if r.parent is not None and r.parent not in groups:
            problem(f"row {r.key}: parent {r.parent!r} is not a group row of the table")
        cores = tuple(core(x) for x in r.labels)
        rows.append(RowSpec(r.key, r.labels, cores, r.parent, r.group, row_columns))
    return TableSpec(
        key=key,
        name=raw.name,
        name_en=raw.name_en,
        title=raw.title,
        section=raw.section,
        anchors=tuple(core(a) for a in raw.anchors),
        header=tuple(core(h) for h in raw.header),
        columns=tuple(ColumnSpec(c.key, c.label, c.kind) for c in raw.columns),
        rows=tuple(rows),
        sequential=raw.sequential,
    )


def load_sections(path: Path, found: list[Problem]) -> tuple[SectionSpec, ...]:
    from .shapes import _Sections

    loaded = _structure(path, _Sections, found)
    if loaded is None:
        return ()
    text, raw = loaded
    specs = []
    for s in raw.sections:
        try:
            titles = tuple(compiled(p) for p in s.titles)
        except regex.error as exc:
            found.append(
                Problem(str(path), key_line(text, "sections"), f"section {s.key}: bad pattern: {exc}")
            )
            continue
        specs.append(SectionSpec(s.key, s.numeral, s.title, titles))
    return tuple(specs)


def load_values(path: Path, found: list[Problem]) -> tuple[dict[str, frozenset[str]], CellSyntax | None]:
    """The units each column kind allows (rule T207), and how a value cell is written."""
    from .shapes import _Values

    loaded = _structure(path, _Values, found)
    if loaded is None:
        return {}, None
    _, raw = loaded
    units = {kind: frozenset(spec.units) for kind, spec in raw.kinds.items()}
    return units, cell_syntax(raw.cells)
