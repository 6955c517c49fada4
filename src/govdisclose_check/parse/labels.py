"""Which template row a label from the report is."""

from __future__ import annotations

import difflib
import functools
import re
from types import ModuleType

import attrs

from ..catalog import RowSpec, TableSpec
from ..catalog.labels import core

MIN_PREFIX = 4  # a cut label must keep at least this many characters to match by its beginning
FUZZY_MIN_LENGTH = 5
FUZZY_RATIO = 0.8
FUZZY_MARGIN = 0.08
# rapidfuzz's ratio is 2·LCS/(len a + len b); difflib's is 2·M/(len a + len b) with M the length of
# its matching blocks, one common subsequence, so M ≤ LCS: rapidfuzz's score bounds difflib's from
# above. A row whose bound is below FUZZY_RATIO - FUZZY_MARGIN can be neither the match nor a
# runner-up close enough to veto it, so only the rows above it go through difflib.
_BOUND = (FUZZY_RATIO - FUZZY_MARGIN) * 100 - 1e-6
# A label longer than this is neither looked up in nor kept in the memos: such a label is a
# sentence (narrative that strays into a table region), met once, and would only push the table's
# own labels out.
MEMO_LABEL = 40


# repr=False: the records here are internal and never shown, and attrs would compile a __repr__
# for each class at every start-up (about 0.9 M instructions a class; issue 14).
@attrs.frozen(repr=False)
class LabelIndex:
    table: TableSpec
    exact: dict[str, RowSpec]
    headers: frozenset[str]
    long_headers: tuple[str, ...]
    cores: tuple[str, ...]  # every row's cores, in row order
    core_rows: tuple[int, ...]  # the index of the row of each of `cores`
    by_prefix: dict[str, tuple[tuple[str, RowSpec], ...]]  # cores of MIN_PREFIX or more, by their start
    # `long_headers` as one pattern (None: there are none): one search, not a test of each.
    long_header: re.Pattern[str] | None
    # For each length of label, the cores (and their rows' indexes) it may score `_BOUND` against
    # (see `within_reach`); a label longer than them all is no fuzzy match of any core.
    by_length: tuple[tuple[tuple[str, ...], tuple[int, ...]], ...]
    # The characters some core holds, as the body of a regex set ("": there is no core). See
    # `narrative.plain_labels`, which asks whether a label holds enough of them to reach a core.
    alphabet: str
    # For each length below len(by_length), the fewest characters in common with a core that may
    # reach `_BOUND` (see `_fuzzy_needs`).
    fuzzy_needs: tuple[int, ...]
    _memo: dict[str, RowSpec | None] = attrs.field(factory=dict, eq=False, repr=False)
    _header_memo: dict[str, bool] = attrs.field(factory=dict, eq=False, repr=False)

    @classmethod
    def of(cls, table: TableSpec) -> LabelIndex:
        return _index(table)

    def is_header(self, label_core: str) -> bool:
        # Asked for every label of every row: the same labels come back in every report.
        if len(label_core) > MEMO_LABEL:
            return self._is_header(label_core)
        known = self._header_memo.get(label_core)
        if known is None:
            if len(self._header_memo) > 4096:
                self._header_memo.clear()
            known = self._is_header(label_core)
            self._header_memo[label_core] = known
        return known

    def _is_header(self, label_core: str) -> bool:
        """A header word, or a label that holds one of the long header words."""
        pattern = self.long_header
        return label_core in self.headers or (pattern is not None and pattern.search(label_core) is not None)

    def match(self, label_core: str) -> RowSpec | None:
        """The row this label names, or None when no row (or more than one) fits."""
        found = self.exact.get(label_core)
        if found is not None or not label_core:
            return found
        if len(label_core) > MEMO_LABEL:
            return self._inexact(label_core)
        if label_core not in self._memo:
            if len(self._memo) > 4096:
                self._memo.clear()
            self._memo[label_core] = self._inexact(label_core)
        return self._memo[label_core]

    def _inexact(self, label_core: str) -> RowSpec | None:
        # Either one begins with the other and both are at least MIN_PREFIX long: so they share
        # their first MIN_PREFIX characters, and only the cores filed under those are tried.
        filed = self.by_prefix.get(label_core[:MIN_PREFIX])
        prefixed = (  # most labels that get here, a sentence among them, begin as no core does
            {
                row.key: row
                for c, row in filed
                if len(label_core) >= MIN_PREFIX and (label_core.startswith(c) or c.startswith(label_core))
            }
            if filed
            else {}
        )
        if len(prefixed) == 1:
            return next(iter(prefixed.values()))
        if prefixed or len(label_core) < FUZZY_MIN_LENGTH:
            return None
        return self._fuzzy(label_core)

    def _fuzzy(self, label_core: str) -> RowSpec | None:
        # A cheap C++ bound first (linear in the label's length, see _BOUND): a sentence that strays
        # into a table region costs microseconds, not a difflib run against every row. Cheaper
        # still, by length alone: only the cores the label may reach are given to it (each core
        # costs rapidfuzz as much again as the label, if only to see it is too short or too long),
        # and a label longer than any may reach goes to none.
        if len(label_core) >= len(self.by_length):
            return None
        choices, rows = self.by_length[len(label_core)]
        if not choices:
            return None
        fuzz, process = _rapidfuzz()
        near = process.extract(label_core, choices, scorer=fuzz.ratio, score_cutoff=_BOUND, limit=None)
        best_of_row: dict[int, float] = {}
        for choice, _score, k in near:
            ratio = difflib.SequenceMatcher(None, label_core, choice).ratio()
            i = rows[k]
            best_of_row[i] = max(best_of_row.get(i, 0.0), ratio)
        if not best_of_row:
            return None
        scored = sorted(((ratio, i) for i, ratio in best_of_row.items()), reverse=True)
        best, index = scored[0]
        runner_up = scored[1][0] if len(scored) > 1 else 0.0
        if best >= FUZZY_RATIO and best - runner_up >= FUZZY_MARGIN:
            return self.table.rows[index]
        return None


@functools.cache
def _rapidfuzz() -> tuple[ModuleType, ModuleType]:
    """rapidfuzz's `fuzz` and `process`, imported on the first fuzzy match (start-up time), then
    looked up: an import statement in `_fuzzy` cost a sentence in a table region a third of a
    microsecond each time."""
    from rapidfuzz import fuzz, process  # noqa: PLC0415 - only on a fuzzy match (start-up time)

    return fuzz, process


@functools.cache
def _index(table: TableSpec) -> LabelIndex:
    exact: dict[str, RowSpec] = {}
    for row in table.rows:
        for label in row.cores:
            exact.setdefault(label, row)
    headers = frozenset({core(c.label) for c in table.columns} | set(table.header))
    pairs = [(c, i) for i, row in enumerate(table.rows) for c in row.cores]
    long_headers = tuple(h for h in headers if len(h) >= 6)
    by_length = _by_length(pairs)
    return LabelIndex(
        table,
        exact,
        headers,
        long_headers,
        tuple(c for c, _ in pairs),
        tuple(i for _, i in pairs),
        _by_prefix(table),
        re.compile("|".join(map(re.escape, long_headers))) if long_headers else None,
        by_length,
        _alphabet(pairs),
        _fuzzy_needs(by_length),
    )


def _alphabet(pairs: list[tuple[str, int]]) -> str:
    """The characters the cores hold, escaped for a regex set, the newline (between lines) left
    out. Compiled where it is used, when it is: at most a few patterns, in a long table region."""
    return "".join(map(re.escape, sorted({ch for c, _ in pairs for ch in c} - {"\n"})))


def _fuzzy_needs(by_length: tuple[tuple[tuple[str, ...], tuple[int, ...]], ...]) -> tuple[int, ...]:
    """For each length of label that `_fuzzy` tries against some core, the fewest characters in
    common that may reach its bound (as `within_reach` reckons); one more than the length when no
    core is within reach (all its characters are too few). `within_reach(a, s)`, for s ≤ a, is
    200·s ≥ bound·(a + s): it holds from some s on."""
    return tuple(
        next((s for s in range(length + 1) if choices and within_reach(length, s)), length + 1)
        for length, (choices, _) in enumerate(by_length)
    )


def within_reach(a: int, b: int) -> bool:
    """Whether texts of lengths a and b may score `_BOUND`: fuzz.ratio is 200·LCS/(a + b), and
    LCS ≤ min(a, b). With a margin for rounding: a pair let through only costs its score."""
    return 200 * min(a, b) >= (_BOUND - 0.01) * (a + b)


def _by_length(pairs: list[tuple[str, int]]) -> tuple[tuple[tuple[str, ...], tuple[int, ...]], ...]:
    """For each label length up to the longest that may reach a core, the cores within its reach
    (in row order) and their rows. The bound falls as the label outgrows a core: past twice the
    longest core no label is within reach."""
    longest = max((len(c) for c, _ in pairs), default=0)
    out = []
    for length in range(2 * longest + 1):
        near = [(c, i) for c, i in pairs if within_reach(length, len(c))]
        out.append((tuple(c for c, _ in near), tuple(i for _, i in near)))
    while out and not out[-1][0]:
        out.pop()
    return tuple(out)


def _by_prefix(table: TableSpec) -> dict[str, tuple[tuple[str, RowSpec], ...]]:
    out: dict[str, list[tuple[str, RowSpec]]] = {}
    for row in table.rows:
        for c in row.cores:
            if len(c) >= MIN_PREFIX:
                out.setdefault(c[:MIN_PREFIX], []).append((c, row))
    return {k: tuple(v) for k, v in out.items()}
