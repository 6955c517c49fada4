"""Where each table stands: from its first anchor row to the next table or section heading.

Anchors are the words of `anchors` in the template (a table's heading cells, or its first row).
An anchor row is short and is not a sentence, so narrative that mentions 行政复议 is not a table.
Table 四 may also start at a row of exactly as many values as it has cells (its one-line form).
"""

from __future__ import annotations

import attrs

from ..catalog import TableSpec
from .stream import Row
from .tokens import TokenKind

MAX_ANCHOR_LINE = 150


@attrs.frozen
class Region:
    start: int  # index into the rows
    end: int  # exclusive


def find_regions(rows: list[Row], tables: list[TableSpec], heading_indexes: list[int]) -> dict[str, Region]:
    """Regions of the tables, looked for in the order given (each after the previous one found)."""
    starts: dict[str, int] = {}
    search_from = 0
    compacts = [_compact(row.text) for row in rows]
    for spec in tables:
        start = _find_start(rows, compacts, spec, search_from)
        if start is not None:
            starts[spec.key] = start
            search_from = start + 1
    boundaries = sorted(set(heading_indexes) | set(starts.values()))
    regions = {}
    for key, start in starts.items():
        end = next((b for b in boundaries if b > start), len(rows))
        regions[key] = Region(start, end)
    return regions


def _compact(text: str) -> str:
    """The row without spaces if it could be an anchor row (short, not a sentence), else ""."""
    if len(text) > MAX_ANCHOR_LINE * 2 or "。" in text:
        return ""
    compact = "".join(text.split())
    return compact if len(compact) <= MAX_ANCHOR_LINE else ""


def _find_start(rows: list[Row], compacts: list[str], spec: TableSpec, search_from: int) -> int | None:
    cells = sum(len(r.columns) for r in spec.value_rows)
    for i in range(search_from, len(rows)):
        compact = compacts[i]
        if not compact:
            continue
        if any(a in compact for a in spec.anchors):
            return i
        if spec.sequential and compact[0].isdigit():
            tokens = rows[i].tokens()
            if len(tokens) == cells and all(t.kind == TokenKind.VALUE for t in tokens):
                return i
    return None
