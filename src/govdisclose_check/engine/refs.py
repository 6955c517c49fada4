"""Validation helpers for the parameters of the narrative, compliance and cross-year rules: table
cells named "row/col" and regular expressions (with `{N}` for a number)."""

from __future__ import annotations

from collections.abc import Iterable, Iterator

import regex

from ..catalog.registry import Schema
from .prose import compiled


def cell_problems(key: str, table: str, cells: Iterable[str], schema: Schema) -> Iterator[tuple[str, str]]:
    """Each "row/col" must be a cell of `table` in at least one format."""
    specs = [t.tables[table] for t in schema.templates.values() if table in t.tables]
    if not specs:
        yield key, f"unknown table {table!r}"
        return
    for ref in cells:
        row, _, col = ref.partition("/")
        if not any(
            row in {r.key for r in spec.value_rows} and col in {c.key for c in spec.columns} for spec in specs
        ):
            yield key, f"unknown cell {ref!r} of {table} (expected row/column keys)"


def bad_patterns(key: str, patterns: Iterable[str]) -> Iterator[tuple[str, str]]:
    for pattern in patterns:
        try:
            compiled(pattern)
        except regex.error as exc:
            yield key, f"bad regular expression {pattern!r}: {exc}"
