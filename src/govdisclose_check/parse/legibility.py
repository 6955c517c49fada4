"""Whether a table could be read at all: most of its rows aligned by their labels, or not.

A table whose labels were torn from their numbers (a column of labels, then a block of number
rows, as PDF converters write them) aligns almost nothing: the labels stand with no values and the
numbers with no label. Reported row by row, that is a score of findings for one cause; so when
fewer than half of the template's value rows are found by their label with values of their own,
and some values could not be placed in any row, the table is `Unreadable` instead. A table with
real defects in readable rows (a row one value short, a truncated table) is not: its rows carry
their labels, and nothing is left over.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence

from ..catalog import RowSpec, TableSpec
from ..catalog.labels import core
from ..model import Unreadable

# A converter's names for columns it could not name: 数据1, 列2, 栏3, 第4列, Column5, col6, 字段7.
_GENERIC = re.compile(
    r"^(?:(?:数据|数值|列|栏|字段|column|col|field)\s*\d{1,2}|第\s*\d{1,2}\s*列)$", re.IGNORECASE
)
# Each generic name holds one of these (列 also stands in 第4列, col in column), with the same
# case folding: a text with none of them holds no generic name.
_GENERIC_WORD = re.compile(r"数据|数值|列|栏|字段|col|field", re.IGNORECASE)
# Words a converter puts in the label column of such a header.
_FILLERS = frozenset({"", "项目", "指标", "序号", "类别", "内容", "名称"})


# The first characters of `_GENERIC_WORD`'s words, in every case they match in: c and f have no
# other case forms (as i has: İ, ı). A text with none of them holds no generic name.
_GENERIC_FIRST = ("数", "列", "栏", "字", "c", "C", "f", "F")


def may_be_generic(text: str) -> bool:
    """False when no generic column name can stand in `text` (a cheap bound for `generic_header`)."""
    # Asked for every row of a table: the case-blind search costs a test at every character, a
    # look for each first character (at C speed) rules out almost every row first.
    for first in _GENERIC_FIRST:
        if first in text:
            return _GENERIC_WORD.search(text) is not None
    return False


def generic_header(cells: Sequence[str], is_header: Callable[[str], bool]) -> bool:
    """Two or more generic column names, and besides them only fillers or the table's header words."""
    generic = sum(1 for c in cells if _GENERIC.match(c.strip()))
    rest = (core(c) for c in cells if not _GENERIC.match(c.strip()))
    return generic >= 2 and all(c in _FILLERS or is_header(c) for c in rest)


def unreadable(spec: TableSpec, built: Sequence[tuple[RowSpec | None, int]]) -> Unreadable | None:
    """`built`: each row as collected, its template row (or None) and how many values it carries.

    A row is aligned when it is a value row of the template found by its label with values of its
    own: at least one, fewer than two rows' worth (more means labels of other rows were lost)."""
    value_rows = {r.key: r for r in spec.value_rows}
    aligned: set[str] = set()
    labelled: set[str] = set()
    stray = 0
    for row, count in built:
        if row is not None and row.key in value_rows:
            labelled.add(row.key)
            if 0 < count < 2 * len(row.columns):
                aligned.add(row.key)
                continue
        stray += count
    if stray == 0 or 2 * len(aligned) >= len(value_rows):
        return None
    return Unreadable(
        aligned=len(aligned),
        unaligned=len(value_rows) - len(aligned),
        bare_labels=len(labelled - aligned),
        stray_values=stray,
    )
