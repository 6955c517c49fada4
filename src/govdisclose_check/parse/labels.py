"""Which template row a label from the report is."""

from __future__ import annotations

import difflib
import functools

import attrs

from ..catalog import RowSpec, TableSpec
from ..catalog.labels import core

MIN_PREFIX = 4  # a cut label must keep at least this many characters to match by its beginning
FUZZY_MIN_LENGTH = 5
FUZZY_RATIO = 0.8
FUZZY_MARGIN = 0.08


@attrs.frozen
class LabelIndex:
    table: TableSpec
    exact: dict[str, RowSpec]
    headers: frozenset[str]
    long_headers: tuple[str, ...]
    _memo: dict[str, RowSpec | None] = attrs.field(factory=dict, eq=False, repr=False)

    @classmethod
    def of(cls, table: TableSpec) -> LabelIndex:
        return _index(table)

    def is_header(self, label_core: str) -> bool:
        return label_core in self.headers or any(h in label_core for h in self.long_headers)

    def match(self, label_core: str) -> RowSpec | None:
        """The row this label names, or None when no row (or more than one) fits."""
        found = self.exact.get(label_core)
        if found is not None or not label_core:
            return found
        if label_core not in self._memo:
            if len(self._memo) > 4096:
                self._memo.clear()
            self._memo[label_core] = self._inexact(label_core)
        return self._memo[label_core]

    def _inexact(self, label_core: str) -> RowSpec | None:
        prefixed = {
            row.key: row
            for row in self.table.rows
            for c in row.cores
            if min(len(c), len(label_core)) >= MIN_PREFIX
            and (label_core.startswith(c) or c.startswith(label_core))
        }
        if len(prefixed) == 1:
            return next(iter(prefixed.values()))
        if prefixed or len(label_core) < FUZZY_MIN_LENGTH:
            return None
        return self._fuzzy(label_core)

    def _fuzzy(self, label_core: str) -> RowSpec | None:
        scored = sorted(
            (
                (max(difflib.SequenceMatcher(None, label_core, c).ratio() for c in row.cores), i)
                for i, row in enumerate(self.table.rows)
            ),
            reverse=True,
        )
        best, index = scored[0]
        runner_up = scored[1][0] if len(scored) > 1 else 0.0
        if best >= FUZZY_RATIO and best - runner_up >= FUZZY_MARGIN:
            return self.table.rows[index]
        return None


@functools.cache
def _index(table: TableSpec) -> LabelIndex:
    exact: dict[str, RowSpec] = {}
    for row in table.rows:
        for label in row.cores:
            exact.setdefault(label, row)
    headers = frozenset({core(c.label) for c in table.columns} | set(table.header))
    return LabelIndex(table, exact, headers, tuple(h for h in headers if len(h) >= 6))
