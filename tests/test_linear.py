"""Cost linear in size wherever the text stands (issue 14, item 4): narrative inside a table region
costs about what it costs in a prose section, and twice the text about twice the CPU time. The fuzzy
label match keeps its results while a cheap bound spares it most rows (property test)."""

from __future__ import annotations

import difflib
import functools
import random
import time
from collections.abc import Callable

from hypothesis import given, settings
from hypothesis import strategies as st

from govdisclose_check import check_text
from govdisclose_check.catalog import RowSpec, TableSpec, default_catalog
from govdisclose_check.parse import labels
from govdisclose_check.parse.labels import LabelIndex
from reportgen import random_report, render

BIG = default_catalog().with_params("E005", max_chars=100_000_000, max_lines=10_000_000)
BASE = render(random_report(random.Random(1), "2021"), "tab")
IN_TABLE = "四、结转下年度继续办理"  # the last row of table 三: what is put before it stands in the region
IN_PROSE = "一、总体情况\n"


def _sentences(n: int, run: int) -> str:
    return "".join(
        f"本机关第{run}-{i}次推进政务公开工作持续加强信息发布与政策解读回应社会关切\n" for i in range(n)
    )


def _one_line(n: int, run: int) -> str:
    return f"第{run}次" + "".join(f"本机关第{i}次推进政务公开工作" for i in range(n)) + "\n"


def _cpu(anchor: str, extra: Callable[[int], str]) -> float:
    """The least CPU time of two checks (CPU, not wall time: the machine is shared). Each run has
    lines of its own, which the memo of the label matches has not seen."""
    best = float("inf")
    for run in range(2):
        text = _at(anchor, extra(run))
        started = time.process_time()
        result = check_text(text, "big.txt", catalog=BIG)
        best = min(best, time.process_time() - started)
        assert not result.input_error
    return best


def _at(anchor: str, extra: str) -> str:
    assert anchor in BASE
    return BASE.replace(anchor, extra + anchor if anchor == IN_TABLE else anchor + extra, 1)


def test_lines_of_narrative_in_a_table_cost_what_they_cost_in_prose() -> None:
    extra = functools.partial(_sentences, 3000)  # 0.3 MB
    in_table, in_prose = _cpu(IN_TABLE, extra), _cpu(IN_PROSE, extra)
    assert in_table < 3 * in_prose + 0.05, (in_table, in_prose)  # was 24 times: difflib against every row


def test_twice_the_narrative_in_a_table_costs_about_twice_the_time() -> None:
    once = _cpu(IN_TABLE, functools.partial(_sentences, 3000))
    twice = _cpu(IN_TABLE, functools.partial(_sentences, 6000))
    assert twice < 3 * once + 0.05, (once, twice)


def test_one_long_line_in_a_table_is_linear() -> None:
    once = _cpu(IN_TABLE, functools.partial(_one_line, 20_000))
    twice = _cpu(IN_TABLE, functools.partial(_one_line, 40_000))
    assert twice < 3 * once + 0.05, (once, twice)
    in_prose = _cpu(IN_PROSE, functools.partial(_one_line, 40_000))
    assert twice < 3 * in_prose + 0.05, (twice, in_prose)  # 0.4 MB took 1.7 s in difflib


def _difflib_only(index: LabelIndex, label_core: str) -> RowSpec | None:
    """The fuzzy match as it was: difflib against every core of every row."""
    rows = index.table.rows
    scored = sorted(
        (
            (max(difflib.SequenceMatcher(None, label_core, c).ratio() for c in r.cores), i)
            for i, r in enumerate(rows)
        ),
        reverse=True,
    )
    best, i = scored[0]
    runner_up = scored[1][0] if len(scored) > 1 else 0.0
    ok = best >= labels.FUZZY_RATIO and best - runner_up >= labels.FUZZY_MARGIN
    return rows[i] if ok else None


TABLES = [t for version in ("2019", "2021") for t in default_catalog().templates[version].tables.values()]
CORES = sorted({c for t in TABLES for r in t.rows for c in r.cores})
ALPHABET = "".join(sorted(set("".join(CORES)))) + "的了和某"


@st.composite
def mutated(draw: st.DrawFn, texts: list[str] = CORES, letters: str = ALPHABET) -> str:
    """One of `texts` (a core of some row) with a few characters dropped, inserted or replaced by
    `letters`."""
    text = list(draw(st.sampled_from(texts)))
    for _ in range(draw(st.integers(0, 6))):
        at = draw(st.integers(0, len(text)))
        what = draw(st.sampled_from(["drop", "insert", "swap"]))
        letter = draw(st.sampled_from(letters))
        if what == "insert" or not text:
            text.insert(at, letter)
        elif what == "drop":
            del text[min(at, len(text) - 1)]
        else:
            text[min(at, len(text) - 1)] = letter
    return "".join(text)


# Labels of every length around the cores' (the bound by length gives each length its own cores):
# cores joined or cut, and runs of their letters.
LABELS = st.one_of(
    mutated(),
    st.lists(mutated(), min_size=2, max_size=3).map("".join),
    st.tuples(mutated(), st.integers(1, 40)).map(lambda t: t[0][: t[1]]),
    st.text(alphabet=ALPHABET, min_size=5, max_size=90),
)


@settings(max_examples=400, deadline=None)
@given(st.sampled_from(TABLES), LABELS)
def test_the_bound_keeps_the_fuzzy_matches_of_difflib_alone(table: TableSpec, label: str) -> None:
    index = LabelIndex.of(table)
    if len(label) >= labels.FUZZY_MIN_LENGTH:
        assert index._fuzzy(label) == _difflib_only(index, label)
