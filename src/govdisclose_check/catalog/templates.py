"""The two official formats, loaded from `rules/templates/*.toml` into typed specs."""

from __future__ import annotations

import tomllib
from pathlib import Path
from typing import Any

import attrs
import regex

from .labels import core


@attrs.frozen(cache_hash=True)
class ColumnSpec:
    key: str
    label: str
    kind: str  # count | amount | money | delta


@attrs.frozen(cache_hash=True)
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


@attrs.frozen(cache_hash=True)
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


@attrs.frozen
class TemplateSpec:
    version: str
    document: str
    first_year: int
    last_year: int | None
    markers: tuple[str, ...]
    tables: dict[str, TableSpec]

    def valid_for(self, year: int) -> bool:
        return year >= self.first_year and (self.last_year is None or year <= self.last_year)


@attrs.frozen
class SectionSpec:
    key: str
    numeral: str
    title: str
    titles: tuple[regex.Pattern[str], ...]


def load_template(path: Path) -> TemplateSpec:
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    tables = {key: _table(key, raw) for key, raw in data["tables"].items()}
    return TemplateSpec(
        version=str(data["version"]),
        document=data["document"],
        first_year=int(data["first_year"]),
        last_year=data.get("last_year"),
        markers=tuple(core(m) for m in data.get("markers", ())),
        tables=tables,
    )


def _table(key: str, raw: dict[str, Any]) -> TableSpec:
    columns = tuple(ColumnSpec(c["key"], c["label"], c.get("kind", "count")) for c in raw["columns"])
    all_columns = tuple(c.key for c in columns)
    rows = []
    for r in raw["rows"]:
        group = bool(r.get("group", False))
        row_columns = () if group else tuple(r.get("columns", all_columns))
        unknown = set(row_columns) - set(all_columns)
        if unknown:
            raise ValueError(f"table {key} row {r['key']}: unknown columns {sorted(unknown)}")
        labels = tuple(r["labels"])
        rows.append(
            RowSpec(r["key"], labels, tuple(core(x) for x in labels), r.get("parent"), group, row_columns)
        )
    return TableSpec(
        key=key,
        name=raw["name"],
        name_en=raw["name_en"],
        title=raw["title"],
        section=raw["section"],
        anchors=tuple(core(a) for a in raw.get("anchors", ())),
        header=tuple(core(h) for h in raw.get("header", ())),
        columns=columns,
        rows=tuple(rows),
        sequential=bool(raw.get("sequential", False)),
    )


def load_sections(path: Path) -> tuple[SectionSpec, ...]:
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    return tuple(
        SectionSpec(s["key"], s["numeral"], s["title"], tuple(regex.compile(p) for p in s["titles"]))
        for s in data["sections"]
    )


def load_units(path: Path) -> dict[str, frozenset[str]]:
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    return {kind: frozenset(spec.get("units", ())) for kind, spec in data["kinds"].items()}
