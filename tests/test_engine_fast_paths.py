"""More of the engine's fast paths (issue 14, second round), each against the plain way it replaces."""

from __future__ import annotations

import random
import sys

import attrs
import pytest
import regex
from hypothesis import given, settings
from hypothesis import strategies as st

from govdisclose_check import check_text
from govdisclose_check.catalog import default_catalog
from govdisclose_check.document import Line
from govdisclose_check.engine import joined as joined_module
from govdisclose_check.engine.joined import Joined, likely, literal_finder
from govdisclose_check.engine.kinds import identity as identity_module
from govdisclose_check.engine.kinds.plan import Numbers, Plan
from govdisclose_check.engine.literals import first_chars, required, required_of
from govdisclose_check.engine.prose import NOT_REGEX_SPACE, any_of, compact, compacts, compiled, expanded
from govdisclose_check.engine.rules import compliance, leftovers, narrative, outline
from govdisclose_check.model import Number, ProseLine
from govdisclose_check.serialize import finding_record
from test_engine_fast import SENTENCES, overview_lines, with_sentences

CATALOG = default_catalog()

_SPACE = regex.compile(r"\s+")
# Every white space of either kind, the four odd ones, and text around them.
_SPACES = [chr(c) for c in range(sys.maxunicode + 1) if chr(c).isspace()]
_REGEX_SPACES = [c for c in _SPACES if c not in NOT_REGEX_SPACE]
_pieces = st.sampled_from([*_SPACES, "a", "年", "申请", "，", "12", "\u200b", "\ufeff"])


def test_str_isspace_is_regex_space_and_four_more() -> None:
    """`compact` relies on it, for every code point (surrogates aside)."""
    every = "".join(chr(c) for c in range(sys.maxunicode + 1) if not 0xD800 <= c < 0xE000)
    regex_spaces = set(regex.findall(r"\s", every))
    assert set(_SPACES) == regex_spaces | set(NOT_REGEX_SPACE)
    assert not regex_spaces & set(NOT_REGEX_SPACE)


@settings(max_examples=300, deadline=None)
@given(st.lists(_pieces, max_size=20).map("".join))
def test_compact_is_the_regex_removal_of_spaces(text: str) -> None:
    assert compact(text) == _SPACE.sub("", text)


@settings(max_examples=100, deadline=None)
@given(st.lists(st.lists(_pieces, max_size=8).map("".join), max_size=6))
def test_compacting_lines_joined_is_joining_them_compacted(texts: list[str]) -> None:
    """C507 compacts a section's lines joined, not each line."""
    assert compact("".join(texts)) == "".join(compact(t) for t in texts)


@settings(max_examples=300, deadline=None)
@given(
    st.lists(st.lists(st.sampled_from([*_REGEX_SPACES, "a", "年", "\n", ""]), max_size=8).map("".join)),
    st.sampled_from(["", "\x00", *NOT_REGEX_SPACE]),
    st.integers(0, 9),
)
def test_compacts_is_each_text_compacted(texts: list[str], odd: str, where: int) -> None:
    """All texts at once (joined by a character none holds), or each on its own when one holds
    that character or a space that only `str.isspace` knows (`odd`): as `compact` gives them."""
    if texts:
        texts[where % len(texts)] += odd
    assert compacts(texts) == [compact(t) for t in texts]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.lists(_pieces, max_size=6).map("".join), max_size=6))
def test_lines_told_unspaced_are_their_own_compacts(texts: list[str]) -> None:
    """`joined_compact` takes the lines as they are when `_spaced` says no: then so does `compact`."""
    items = overview_lines(texts)
    lines = Joined.of(items, texts)
    if not joined_module._spaced(lines):
        assert [compact(t) for t in texts] == texts
    if all(t.isalnum() for t in texts):
        assert not joined_module._spaced(lines)


# ------------------------------------------------------------------ literals.required


@pytest.mark.parametrize(
    ("pattern", "words"),
    [
        ("abc", ("abc",)),
        ("ab?c", ("a", "c")),
        ("xab?cde", ("cde", "xa")),
        ("a{2}bc", ("aa", "bc")),
        ("xa+b", ("xa", "b")),
        ("×{2,}", ("××",)),
        ("\\*{2,}", ("**",)),
        ("\\((?:单位|此处)\\)", ("(", ")")),
        ("a\\x41b", ()),
        ("a\\p{Han}b", ("a", "b")),
        ("a{e<=1}", ()),
        ("[ab]cd", ("cd",)),
        ("a\\dbc", ("bc", "a")),
        ("(?:x|y)申请(?:z)?", ("申请",)),
        ("申请{N}件", ("申请", "件")),
        ("a|b", ()),
        ("(?i)abc", ()),
        ("(?>ab)c", ()),
        ("a*", ()),
        ("ab(?:c)ab", ("ab",)),
        ("[^,。;]{0,6}?信息[^。]{0,3}?行政复议", ("行政复议", "信息")),
        ("(?P<n>x)(?P=n)", ()),
    ],
)
def test_required_words(pattern: str, words: tuple[str, ...]) -> None:
    assert required(compiled(pattern)) == words


def test_no_word_under_flags_that_change_what_a_character_matches() -> None:
    assert required(regex.compile("abc", regex.IGNORECASE)) == ()
    assert required(regex.compile("a b", regex.VERBOSE)) == ()


_ATOMS = [
    "a",
    "b",
    "c",
    "ab",
    "[ab]",
    "[^a]",
    ".",
    "\\w",
    "(?=a)",
    "(?!b)",
    "(?<=a)",
    "(?:a|bc)",
    "(?:b)",
    "\\*",
    "\\(",
    "\\x61",
    "\\d",
]
_REPEATS = ["", "", "", "?", "*", "+", "{2}", "{0,2}", "??", "{1,3}?", "{2,}", "+?"]


@st.composite
def _small_patterns(draw: st.DrawFn) -> str:
    items = draw(
        st.lists(st.tuples(st.sampled_from(_ATOMS), st.sampled_from(_REPEATS)), min_size=1, max_size=6)
    )
    body = "".join(atom + ("" if atom.startswith(("(?=", "(?!", "(?<")) else rep) for atom, rep in items)
    if draw(st.booleans()) and draw(st.booleans()):
        body += "|" + draw(st.sampled_from(_ATOMS))
    return body


@settings(max_examples=400, deadline=None)
@given(_small_patterns(), st.lists(st.text("abc*(1", max_size=10), min_size=1, max_size=5))
def test_every_match_holds_the_required_words_and_a_first_char(pattern: str, texts: list[str]) -> None:
    """Both are necessary conditions: wherever the regex matches, the text has every required
    word, and one of the first characters (when there are any)."""
    compiled_pattern = regex.compile(pattern)
    words, chars = required(compiled_pattern), first_chars(compiled_pattern)
    for text in texts:
        if compiled_pattern.search(text) is not None:
            assert all(word in text for word in words)
            assert not chars or any(c in text for c in chars)


@settings(max_examples=300, deadline=None)
@given(st.one_of(_small_patterns(), st.sampled_from(["(?i)abc", "a(?x: b)c", "(?>ab)c", "a{e<=1}"])))
def test_words_read_from_the_text_are_the_compiled_patterns(pattern: str) -> None:
    """N401 reads a pattern's words without compiling it (start-up time): the same words."""
    assert required_of(pattern) == required(regex.compile(pattern))


def test_the_shipped_patterns_words_are_read_without_compiling_them() -> None:
    for pattern in _prose_patterns():
        assert required_of(expanded(pattern)) == required(compiled(pattern)), pattern


def _prose_patterns() -> list[str]:
    out: list[str] = []
    for s in CATALOG.rule("N401").params.statements:
        out += [*s.patterns, *s.zero_patterns]
    leftovers = CATALOG.rule("N403").params
    return out + [p.pattern for p in leftovers.placeholders] + list(leftovers.doubled)


_PROSE_WORDS = [
    "申请",
    "收到",
    "政府信息公开",
    "上年",
    "结转",
    "下",
    "年",
    "度",
    "办结",
    "信息公开",
    "行政复议",
    "行政诉讼",
    "行政许可",
    "行政处罚",
    "行政强制",
    "决定",
    "行政事业性收费",
    "未",
    "没有",
    "无",
    "共",
    "5",
    "12",
    "件",
    "起",
    "万元",
    " ",
    "_",
    "月",
    "日",
    "其中",
    "的",
    "和",
    "XX",
    "局",
    "，",
    "。",
    "作出",
    "措施",
    "至",
    "一",
    "xX",
    "**",
    "××",
    "(",
    ")",
    "单位全称",
    "a",
    "其中其中",
    "和和",
    "美",
]
_PROSE_PIECES = st.sampled_from(_PROSE_WORDS)


@settings(max_examples=300, deadline=None)
@given(st.sampled_from(_prose_patterns()), st.lists(_PROSE_PIECES, max_size=14).map("".join))
def test_the_built_in_patterns_hold_their_words(pattern: str, text: str) -> None:
    found = compiled(pattern)
    words = required(found)
    if found.search(text) is not None:
        assert all(word in text for word in words)


# ------------------------------------------------------------------ Joined.containing


_LINE_PIECES = st.sampled_from(["申请", "结转", "行政", "申", "请", "政", "a", " ", "。", "行政复议", ""])


@settings(max_examples=300, deadline=None)
@given(
    st.lists(st.lists(_LINE_PIECES, max_size=6).map("".join), min_size=0, max_size=8),
    st.lists(st.sampled_from(["申请", "结转", "行政", "政", "a", "", "。行"]), max_size=3).map(tuple),
)
def test_containing_is_every_line_with_a_word(texts: list[str], words: tuple[str, ...]) -> None:
    items = overview_lines(texts)
    lines = Joined.of(items, texts)
    expected = [i for i, t in enumerate(texts) if any(w in t for w in words)]
    assert lines.containing(words) == expected
    assert lines.containing(words) == list(lines.candidates(literal_finder(words)))


@settings(max_examples=300, deadline=None)
@given(
    st.lists(st.lists(_LINE_PIECES, max_size=6).map("".join), min_size=0, max_size=8),
    st.lists(
        st.sampled_from(["申请", "结转", "行政", "政", "a", "", "。行", "\n申", "政\n", "\n"]), max_size=4
    ),
)
def test_containing_all_is_every_line_containing_each_word(texts: list[str], words: list[str]) -> None:
    """The rarest word's lines, then each looked at for the others: the lines `containing` gives
    for every word (words with a newline included, which `containing` may find across lines)."""
    items = overview_lines(texts)
    lines = Joined.of(items, texts)
    each = [set(lines.containing((w,))) for w in words]
    assert lines.containing_all(tuple(words)) == (sorted(set.intersection(*each)) if each else [])


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from([None, "overview", "active", "results"]), max_size=12))
def test_sections_are_the_runs_of_lines_of_each_section(keys: list[str | None]) -> None:
    """Grouped by `itertools.groupby`: as a walk that closes a run where the section changes."""
    items = tuple(ProseLine(key, Line(i + 1, "x", "x")) for i, key in enumerate(keys))
    expected: dict[str | None, list[tuple[int, int]]] = {}
    first = 0
    for i in range(1, len(keys) + 1):
        if i == len(keys) or keys[i] != keys[first]:
            expected.setdefault(keys[first], []).append((first, i))
            first = i
    assert Joined.of(items, ["x"] * len(keys)).sections() == expected


# ------------------------------------------------------------------ whole reports, fast paths off


def _records(text: str) -> list[dict[str, object]]:
    return [finding_record(f, "zh") for f in check_text(text, "r.txt").findings]


def _every_line(self: Joined, words: tuple[str, ...]) -> list[int]:
    return list(range(len(self.items)))


def _plain_compacts(texts: list[str]) -> list[str]:
    return [_SPACE.sub("", t) for t in texts]


def _every_kind(lines: Joined, looks: tuple[object, ...]) -> list[tuple[int, list[int]]]:
    return [(i, list(range(len(looks)))) for i in range(len(lines.items))]


@settings(max_examples=40, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(SENTENCES), st.integers(0, 12)), max_size=12), st.randoms())
def test_reports_give_the_same_findings_without_the_fast_paths(
    sentences: list[tuple[str, int]], rnd: random.Random
) -> None:
    """N401's words, `containing` and `containing_all`, N403's per-pattern lines, `compact` by
    `str.split` and lines taken as their own compacts off: the same findings, messages and places."""
    report = with_sentences(sentences, rnd)
    fast = _records(report)
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(Joined, "containing", _every_line)
        patch.setattr(Joined, "containing_all", _every_line)
        patch.setattr(narrative, "_words", lambda p: frozenset())
        patch.setattr(leftovers, "_hits", _every_kind)
        plain_compact = lambda text: _SPACE.sub("", text)  # noqa: E731
        patch.setattr(joined_module, "compacts", _plain_compacts)
        patch.setattr(joined_module, "_spaced", lambda lines: True)
        patch.setattr(compliance, "compact", plain_compact)
        patch.setattr(compliance, "_longer_than", lambda text, left_out, limit: False)
        slow = _records(report)
    assert fast == slow


# ------------------------------------------------------------------ N404's marker starts


_SERIES = tuple(s.pattern for s in CATALOG.rule("N404").params.series)
_OUTLINE_PIECES = st.sampled_from(
    [
        "。",
        "(一)",
        "(十二)",
        "(3)",
        "1.",
        "2、",
        "12.5",
        " ",
        "#",
        "*",
        "_",
        "一",
        "文字",
        "(",
        ")",
        "、",
        "。。",
        "3",
    ]
)


@settings(max_examples=400, deadline=None)
@given(st.lists(_OUTLINE_PIECES, max_size=14).map("".join))
def test_marker_starts_are_where_a_series_matches_after_a_full_stop(text: str) -> None:
    any_series = any_of(_SERIES)
    plain = [0, *(m.end() for m in regex.finditer("。", text) if m.end() < len(text))]
    plain = [at for at in plain if any_series.match(text, at) is not None]
    assert outline.marker_starts(text, any_series, outline._after_period(any_series.pattern)) == plain


def test_marker_starts_with_a_series_that_may_be_empty_or_hold_a_full_stop() -> None:
    any_series = any_of(("(?P<n>[0-9]*)", "。?(?P<n>[0-9]+)"))
    after = outline._after_period(any_series.pattern)
    for text in ["", "。", "。。1", "1。2。", "a。。。", "。1。"]:
        plain = [0, *(m.end() for m in regex.finditer("。", text) if m.end() < len(text))]
        plain = [at for at in plain if any_series.match(text, at) is not None]
        assert outline.marker_starts(text, any_series, after) == plain, text


# ------------------------------------------------------------------ identities: both sides fetched at once


def _identity_plans() -> list[tuple[str, Plan]]:
    out = []
    for rule in CATALOG.rules:
        if rule.kind != "identity":
            continue
        for template in CATALOG.templates.values():
            spec = template.tables.get(rule.params.table)
            if spec is not None and (not rule.templates or template.version in rule.templates):
                out.append((rule.code, identity_module._plan(rule.params, spec)))
    return out


_PLANS_FOUND = _identity_plans()
_VALUES = st.one_of(st.integers(-3, 40), st.decimals(-5, 50, places=2, allow_nan=False, allow_infinity=False))


@settings(max_examples=300, deadline=None)
@given(st.sampled_from(_PLANS_FOUND), st.data())
def test_failing_is_the_same_with_the_sides_fetched_at_once(
    found: tuple[str, Plan], data: st.DataObject
) -> None:
    _, plan = found
    lines = {step.row if plan.per_row else step.col for step in plan.steps}
    table = {
        line: data.draw(st.dictionaries(st.sampled_from(plan.keys), _VALUES, max_size=len(plan.keys) + 1))
        for line in lines
        if line is not None and data.draw(st.integers(0, 9)) > 0
    }
    # Mostly whole lines that hold: an identity failing somewhere and holding elsewhere.
    for line in table:
        if data.draw(st.booleans()):
            table[line] = dict.fromkeys(plan.keys, 0)
    by_col: dict[str, dict[str, Number]] = {}
    for line, cells in table.items():
        for key, value in cells.items():
            by_col.setdefault(key, {})[line] = value
    numbers = Numbers(table, by_col) if plan.per_row else Numbers(by_col, table)
    assert plan.left_get is not None or plan.right_get is None
    plain = attrs.evolve(plan, left_get=None, right_get=None)
    fast_missing: list[list[tuple[str, str]]] = []
    plain_missing: list[list[tuple[str, str]]] = []
    for steps in (plan.early, plan.late):
        fast = plan.failing(numbers, steps, fast_missing)
        slow = plain.failing(numbers, steps, plain_missing)
        assert fast == slow
        assert [type(f.left) for f in fast] == [type(f.left) for f in slow]
    assert fast_missing == plain_missing


def test_most_identities_get_the_fast_path() -> None:
    assert sum(plan.left_get is not None for _, plan in _PLANS_FOUND) >= len(_PLANS_FOUND) - 2


# ------------------------------------------------------------------ literals.first_chars


@pytest.mark.parametrize(
    ("pattern", "chars"),
    [
        ("(?<![A-Z])[Xx]{2,}(?=a)|(?<=a)[Xx]{2,}", "Xx"),
        ("abc", "a"),
        ("a|b", "ab"),
        ("a?b", ""),
        ("a*b", ""),
        ("[Xx]{0,2}", ""),
        ("[^a]b", ""),
        ("[a-z]", ""),
        ("(?=a)b", "b"),
        ("x|", ""),
        ("×{2,}", "×"),
        ("\\(a", "("),
        ("\\da", ""),
        ("(?:a)", ""),
        ("(?i)x", ""),
        ("x(?:(?i)b)", ""),
        ("a{e<=1}", ""),
    ],
)
def test_first_chars(pattern: str, chars: str) -> None:
    assert first_chars(regex.compile(pattern)) == frozenset(chars)


@settings(max_examples=300, deadline=None)
@given(st.sampled_from(_prose_patterns()), st.lists(_PROSE_PIECES, max_size=14).map("".join))
def test_the_built_in_patterns_hold_one_of_their_first_chars(pattern: str, text: str) -> None:
    found = compiled(pattern)
    chars = first_chars(found)
    if chars and found.search(text) is not None:
        assert any(c in text for c in chars)


# ------------------------------------------------------------------ joined.likely


_LIKELY_PATTERNS = [
    *_prose_patterns(),
    CATALOG.rule("C508").params.period,
    *CATALOG.rule("C503").params.patterns,
    *CATALOG.rule("C506").params.patterns,
]
_LIKELY_PIECES = st.sampled_from(
    [
        *_PROSE_WORDS,
        "统计",
        "数据",
        "2021",
        "年1月1日",
        "至",
        "12月31日",
        "国务院令",
        "第",
        "492",
        "号",
        "依申请",
        "未收取",
        "任何",
        "费用",
        "\n",
    ]
)


@settings(max_examples=400, deadline=None)
@given(
    st.sampled_from(_LIKELY_PATTERNS),
    st.lists(st.lists(_LIKELY_PIECES, max_size=10).map("".join), max_size=6),
)
def test_likely_finds_every_line_a_pattern_matches(pattern: str, texts: list[str]) -> None:
    texts = [t.replace("\n", "") for t in texts]  # lines hold no newline
    items = overview_lines(texts)
    lines = Joined.of(items, texts)
    found = compiled(pattern)
    wanted = [i for i, t in enumerate(texts) if found.search(t) is not None]
    got = likely(lines, found)
    assert set(wanted) <= set(got)
    assert got == sorted(set(got))
