"""The engine's fast paths (issue 14) change no finding: the prose rules' search over the joined
prose finds every line their per-line look would (`engine/joined.py`), and whole reports give the
same findings with it as with a look at every line."""

from __future__ import annotations

import random

import pytest
import regex
from hypothesis import event, given, settings
from hypothesis import strategies as st

from govdisclose_check import check_text
from govdisclose_check.catalog import default_catalog
from govdisclose_check.document import Line
from govdisclose_check.engine import joined as joined_module
from govdisclose_check.engine.context import Context
from govdisclose_check.engine.joined import Joined, finder, joined_compact
from govdisclose_check.engine.linelocal import line_local
from govdisclose_check.engine.prose import any_of, compact, compiled
from govdisclose_check.engine.rules.outline import _first_look, factored
from govdisclose_check.ingest import text_document
from govdisclose_check.model import ProseLine
from govdisclose_check.normalize import normalize
from govdisclose_check.parse import parse_document
from govdisclose_check.serialize import finding_record
from reportgen import random_report, render

CATALOG = default_catalog()


def _patterns() -> list[str]:
    """Every pattern the prose rules search line by line."""
    out: list[str] = []
    for s in CATALOG.rule("N401").params.statements:
        out += [*s.patterns, *s.zero_patterns]
    leftovers = CATALOG.rule("N403").params
    out += [p.pattern for p in leftovers.placeholders] + list(leftovers.doubled)
    out += list(CATALOG.rule("C503").params.patterns) + list(CATALOG.rule("C506").params.patterns)
    out.append(CATALOG.rule("C508").params.period)
    return out


PATTERNS = _patterns()
SERIES = tuple(s.pattern for s in CATALOG.rule("N404").params.series)


def test_every_built_in_prose_pattern_gets_a_finder() -> None:
    assert all(line_local(compiled(p).pattern) for p in PATTERNS)
    assert all(f is not None for f in _first_look(SERIES))


@pytest.mark.parametrize(
    "pattern",
    [
        "a$",
        "^a",
        r"a\b",
        r"\Aa",
        "(?>a+)b",
        "a++",
        "a{2}+",
        r"a(?!\s)",
        "a(?!.)",
        "a(?![^x])",
        r"a(?<!\n)",
        r"a(?!\P{Han})",
        "(?i)a",
        "a{e<=1}",
        r"(a)\1",
        "[[:alpha:]]",
        "(?(1)a|b)",
        "(a",
        "a)",
    ],
)
def test_patterns_that_see_where_a_line_ends_get_none(pattern: str) -> None:
    assert not line_local(pattern)


@pytest.mark.parametrize(
    "pattern",
    ["a(?!x|y)b", r"(?<![0-9A-Z_])x", r"x(?=\p{Han})", r"x(?!\p{Han})", "(?P<n>[1-9])、", "[^。]{0,3}?年"],
)
def test_line_local_patterns(pattern: str) -> None:
    assert line_local(pattern)


# Lines made of what the patterns look for: numerals, 年月日, spaces, placeholders, doubled words.
PIECES = [
    "年",
    "月",
    "日",
    " ",
    "\u3000",
    "_",
    "X",
    "x",
    "×",
    "*",
    "的",
    "确",
    "其中",
    "(",
    ")",
    "1",
    "2",
    "12",
    "。",
    "、",
    ".",
    "国务院令",
    "第",
    "492",
    "号",
    "信息处理费",
    "未收取",
    "依申请",
    "申请",
    "统计",
    "2020",
    "2021",
    "年1月1日",
    "至",
    "12月31日",
    "一",
    "(一)",
    "(2)",
    "和和",
    "美",
    "行政复议",
    "信息公开",
    "件",
    "#",
    "单位名称",
    "收到",
    "政府信息公开申请",
    "共",
    "结转",
    "下年度",
    "行政许可决定",
    "元",
    "万元",
    "e",
    "@",
    # whole matches of the patterns, so that most examples have some
    "的的",
    "其中其中",
    "和和",
    "XX局",
    "(单位名称)",
    "××",
    "  年  月  日",
    "国务院令第492号",
    "收到政府信息公开申请5件",
    "统计期限为2020年1月1日至12月31日",
    "未收取依申请公开费用",
    "依申请公开未收取任何费用",
    "信息公开的行政复议3件",
    "上年结转4件",
    "结转下年度继续办理2件",
    "行政事业性收费3.5万元",
    "作出行政处罚决定2件",
    "(一)",
    "1.",
    "(3)",
]
lines_strategy = st.lists(st.lists(st.sampled_from(PIECES), max_size=12).map("".join), min_size=1, max_size=8)


def overview_lines(texts: list[str]) -> tuple[ProseLine, ...]:
    """Prose lines of section 一 with these texts, numbered from 1."""
    return tuple(ProseLine("overview", Line(i + 1, t, t)) for i, t in enumerate(texts))


def _joined(texts: list[str]) -> Joined:
    return Joined.of(overview_lines(texts), texts)


@settings(max_examples=300, deadline=None)
@given(lines_strategy, st.sampled_from(PATTERNS))
def test_a_finder_finds_every_line_a_pattern_matches(texts: list[str], pattern: str) -> None:
    lines = _joined(texts)
    plain = compiled(pattern)
    wanted = [i for i, t in enumerate(texts) if plain.search(t)]
    found = list(lines.candidates(finder(plain)))
    assert set(wanted) <= set(found)
    assert found == sorted(set(found))
    event(f"lines matched: {min(len(wanted), 2)}")
    first_look = finder(any_of(tuple(PATTERNS)))
    assert set(wanted) <= set(lines.candidates(first_look))


@settings(max_examples=200, deadline=None)
@given(lines_strategy, st.integers(0, 7), st.integers(0, 8))
def test_the_outline_finders_find_every_line_with_a_marker(texts: list[str], first: int, stop: int) -> None:
    lines = _joined(texts)
    stop = min(stop, len(texts))
    markers = [compiled(p) for p in SERIES]
    wanted = set()
    for i in range(first, stop):
        text = texts[i]
        starts = [0, *(m.end() for m in regex.finditer("。", text) if m.end() < len(text))]
        if any(p.match(text, at) for p in markers for at in starts):
            wanted.add(i)
    found = lines.any_candidates(_first_look(SERIES), first, stop, 1)
    assert wanted <= set(found)
    assert all(first <= i < stop for i in found)


@settings(max_examples=300, deadline=None)
@given(lines_strategy, st.integers(0, 7), st.integers(0, 8))
def test_the_factored_outline_finders_find_the_same_lines(texts: list[str], first: int, stop: int) -> None:
    """The marks before a marker matched once for all series: the lines the finders of `any_of`
    find, no more and no fewer."""
    lines = _joined(texts)
    stop = min(stop, len(texts))
    plain = tuple(regex.compile(f"{before}(?:{any_of(SERIES).pattern})") for before in ("\n", "。"))
    assert factored(SERIES) is not None
    assert lines.any_candidates(_first_look(SERIES), first, stop, 1) == lines.any_candidates(
        plain, first, stop, 1
    )


@pytest.mark.parametrize(
    "patterns",
    [
        (r"[\s#]*?\(1\)", r"[\s#]*?2"),  # lazy
        (r"[\s#]*+\(1\)", r"[\s#]*+2"),  # possessive
        (r"[\s#]*1", r"[\s]*2"),  # not the same run
        (r"[\s#]*1|x", r"[\s#]*2"),  # more than the run and one piece
        (r"[\s#]*", r"[\s#]*2"),  # the run alone
        (r"[{N}]*1", r"[{N}]*2"),
        (r"\(1\)", r"2"),
    ],
)
def test_patterns_that_do_not_all_begin_with_one_greedy_run_are_not_factored(
    patterns: tuple[str, ...],
) -> None:
    assert factored(patterns) is None


def test_no_finder_means_every_line() -> None:
    lines = _joined(["a", "b", "c"])
    assert list(lines.candidates(None)) == [0, 1, 2]
    assert list(lines.candidates(None, 1, 2)) == [1]
    assert list(lines.candidates(regex.compile("b|c"))) == [1, 2]
    assert list(lines.candidates(regex.compile("\n"))) == [0, 1]  # the newline after a line: that line


def _records(text: str) -> list[dict[str, object]]:
    return [finding_record(f, "zh") for f in check_text(text, "r.txt").findings]


SENTENCES = [
    "本年度共收到政府信息公开申请{n}件，其中主动公开{a}件、依申请公开{b}件。",
    "上年结转政府信息公开申请{n}件。",
    "（{c}）加强政策解读。",
    "{n}.推进公开平台建设。",
    "({n})做好的的工作和和美。",
    "根据国务院令第492号的规定。",
    "统计期限为{y}年1月1日至12月31日。",
    "信息处理费共{n}元，行政事业性收费{n}万元。",
    "本机关XX局单位名称(单位名称)于   年  月  日作出行政处罚决定{n}件。",
    "未收到因政府信息公开引起的行政复议。",
]


def with_sentences(sentences: list[tuple[str, int]], rnd: random.Random) -> str:
    """A random consistent report with these SENTENCES (each with its number) at random lines."""
    base = render(random_report(random.Random(rnd.randint(0, 9)), "2021"), "tab")
    lines = base.split("\n")
    for template, n in sentences:
        text = template.format(
            n=n, a=n // 2, b=n - n // 2 + 1, c="一二三四五六七八九十"[n % 10], y=2019 + n % 4
        )
        lines.insert(rnd.randint(1, len(lines)), text)
    return "\n".join(lines)


@settings(max_examples=40, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(SENTENCES), st.integers(0, 12)), max_size=12), st.randoms())
def test_reports_give_the_same_findings_as_a_look_at_every_line(
    sentences: list[tuple[str, int]], rnd: random.Random
) -> None:
    report = with_sentences(sentences, rnd)
    fast = _records(report)
    original = Joined.candidates

    def every_line(
        self: Joined, _: object, first: int = 0, stop: int | None = None, shift: int = 0
    ) -> object:
        return iter(range(first, len(self.items) if stop is None else stop))

    Joined.candidates = every_line  # type: ignore[method-assign,assignment]
    try:
        slow = _records(report)
    finally:
        Joined.candidates = original  # type: ignore[method-assign]
    assert fast == slow
    assert joined_module.Joined.candidates is original


@settings(max_examples=60, deadline=None)
@given(
    st.lists(
        st.lists(st.sampled_from([*PIECES, "\t", "  ", "\u00a0", "\r"]), max_size=10).map("".join), max_size=6
    )
)
def test_the_compacted_prose_is_each_line_compacted(extra: list[str]) -> None:
    base = render(random_report(random.Random(3), "2021"), "tab").split("\n")
    text = "\n".join(base[:3] + extra + base[3:])
    report = parse_document(normalize(text_document(text, "r.txt", "utf-8")), CATALOG)
    ctx = Context(report, CATALOG, frozenset())
    lines = joined_compact(ctx)
    assert [lines.line(i) for i in range(len(lines.items))] == [compact(p.line.text) for p in report.prose]
    assert lines.text == "\n".join(compact(p.line.text) for p in report.prose)
    assert joined_compact(ctx) is lines  # once per check
