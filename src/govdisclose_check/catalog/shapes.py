"""The rules' TOML files as written, before they are checked and turned into the catalog's specs.

Only reading `rules/` from TOML needs these classes (and cattrs to structure them); a run that
loads the cached catalog (catalog/cache.py) never imports this module: each attrs class costs
start-up time.
"""

from __future__ import annotations

import attrs

from . import Family


@attrs.frozen
class _Column:
    key: str
    label: str
    kind: str = "count"


@attrs.frozen
class _Row:
    key: str
    labels: tuple[str, ...]
    parent: str | None = None
    group: bool = False
    columns: tuple[str, ...] | None = None


@attrs.frozen
class _Table:
    name: str
    name_en: str
    title: str
    section: str
    columns: tuple[_Column, ...]
    rows: tuple[_Row, ...]
    anchors: tuple[str, ...] = ()
    header: tuple[str, ...] = ()
    sequential: bool = False


@attrs.frozen
class _Template:
    version: str
    document: str
    first_year: int
    tables: dict[str, _Table]
    last_year: int | None = None
    markers: tuple[str, ...] = ()


@attrs.frozen
class _Section:
    key: str
    numeral: str
    title: str
    titles: tuple[str, ...]


@attrs.frozen
class _Sections:
    sections: tuple[_Section, ...]


@attrs.frozen
class _Kind:
    units: tuple[str, ...] = ()


@attrs.frozen
class _Cells:
    units: tuple[str, ...]
    increase: tuple[str, ...]
    decrease: tuple[str, ...]
    not_applicable: tuple[str, ...]


@attrs.frozen
class _Values:
    kinds: dict[str, _Kind]
    cells: _Cells


@attrs.frozen
class _TableOrder:
    order: tuple[str, ...]
    markers_in: tuple[str, ...]


@attrs.frozen
class _Manifest:
    formats: tuple[str, ...]
    sections: str
    values: str
    checks: str
    docs: str
    fixtures: str
    limits: str
    tables: _TableOrder
    families: tuple[Family, ...] = ()


@attrs.frozen
class _Pack:
    name: str
    prefix: str
    description: str = ""
