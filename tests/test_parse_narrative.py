"""Narrative in a table region told apart a chunk at a time (`parse.narrative`, issue 14) gives what
the plain way gives: a line it finds is one label token, the whole line, whose core is no header
and names no row; and a table read with it is the table read from every line's parts."""

from __future__ import annotations

import random

from hypothesis import given, settings
from hypothesis import strategies as st

from govdisclose_check.catalog import TableSpec, default_catalog
from govdisclose_check.catalog.labels import core
from govdisclose_check.catalog.shapes import _Cells
from govdisclose_check.catalog.templates import cell_syntax
from govdisclose_check.document import Document, Line
from govdisclose_check.ingest import read_bytes
from govdisclose_check.model import Location
from govdisclose_check.normalize import normalize
from govdisclose_check.normalize.characters import to_halfwidth
from govdisclose_check.parse import narrative, rows
from govdisclose_check.parse.labels import LabelIndex
from govdisclose_check.parse.stream import Row
from govdisclose_check.parse.tokens import Token, TokenKind, line_parts
from test_linear import mutated as linear_mutated

CATALOG = default_catalog()
TABLES = [(v, t) for v in ("2019", "2021") for t in CATALOG.templates[v].tables.values()]
CORES = sorted({c for _, t in TABLES for r in t.rows for c in r.cores})
HEADERS = sorted({h for _, t in TABLES for h in LabelIndex.of(t).headers})
LETTERS = "".join(sorted(set("".join(CORES + HEADERS))))
# What `core` deletes or strips, full-width forms, list numbers, values, separators, other Han.
ODD = " \t|,，。、：:（()）一二三十123０１增减无不适用空/—-=+\u3000\xa0\x1c\u2028\n本的了某机关推进次第工作"


def mutated() -> st.SearchStrategy[str]:
    """A core or header with a few characters dropped, inserted or replaced."""
    return linear_mutated(CORES + HEADERS, LETTERS + ODD)


# Han characters that no core or header holds: a label padded with them is far from every core,
# so that no fuzzy match hides what a list number, a value or a long header word does.
FOREIGN = "".join(sorted(set("的了和某甲乙丙丁戊己庚辛壬癸春夏秋冬东南西北") - set(LETTERS)))
PADDED = st.tuples(
    st.sampled_from(["", "一、", "三.", "十,", "(二)", "1.", "2、"]),
    st.text(alphabet=FOREIGN, max_size=3),
    mutated(),
    st.text(alphabet=FOREIGN, max_size=40),
).map("".join)
VALUES = st.sampled_from(["无", "不适用", "空", "增3", "减少2件", "增加1", "减0", "无0"])
EXACT = st.tuples(
    st.text(alphabet=FOREIGN, max_size=2),
    st.sampled_from(CORES + HEADERS),
    st.sampled_from(["", ",", "。", " ", "\u3000", "、"]),
    st.text(alphabet=FOREIGN, max_size=40),
).map("".join)
WORDS = st.lists(st.one_of(st.text(alphabet=FOREIGN, min_size=1, max_size=9), VALUES), min_size=2).map(
    " ".join
)

TEXTS = st.one_of(
    PADDED,
    VALUES,
    EXACT,
    WORDS,
    mutated(),
    st.lists(mutated(), min_size=2, max_size=3).map("".join),
    st.tuples(st.sampled_from(ODD + "本"), mutated()).map("".join),
    st.text(alphabet=LETTERS + ODD, min_size=0, max_size=80),
    st.integers(0, 10**6).map(lambda i: f"本机关第{i}次推进政务公开工作，持续加强信息发布与政策解读。"),
)


@settings(max_examples=500, deadline=None)
@given(st.sampled_from(TABLES), st.lists(TEXTS, min_size=1, max_size=12))
def test_a_plain_label_is_one_label_that_names_no_row_and_no_header(
    table: tuple[str, TableSpec], texts: list[str]
) -> None:
    index = LabelIndex.of(table[1])
    for text, plain in zip(texts, narrative.plain_labels(index, texts), strict=True):
        if not plain:
            continue
        line = Line(4, text, text)
        assert line_parts(line) == ([Token(text, TokenKind.LABEL, line, 0, len(text))], None)
        label_core = core(text)
        assert label_core
        assert not index.is_header(label_core)
        assert index.match(label_core) is None


@settings(max_examples=300, deadline=None)
@given(st.sampled_from(TABLES), st.lists(st.one_of(TEXTS, st.text()), min_size=1, max_size=12))
def test_texts_known_half_width_are_told_apart_as_the_others(
    table: tuple[str, TableSpec], texts: list[str]
) -> None:
    """`halfwidth` (a normalised document's lines) spares the pass of `to_halfwidth`, which leaves
    what it made as it is: the answers are those for the same texts not known so."""
    made = [to_halfwidth(text) for text in texts]
    assert [to_halfwidth(text) for text in made] == made
    index = LabelIndex.of(table[1])
    assert narrative.plain_labels(index, made, halfwidth=True) == narrative.plain_labels(index, made)


def test_a_normalised_documents_lines_are_as_to_halfwidth_leaves_them() -> None:
    """What `halfwidth` stands on: the lines of a text file's document (normalised as read) and of
    one normalised after reading."""
    text = "本机关（第１次）推进，政务公开：无\u3000增加　３件！…①℃Ⅱ\n二、主动公开政府信息情况\n"
    read = read_bytes(text.encode(), "r.txt", max_bytes=10**6)
    made = normalize(
        Document("r.docx", None, tuple(Line(n, t, t) for n, t in enumerate(text.split("\n"), 1)))
    )
    for document in (read, made):
        assert document.normalized
        assert all(to_halfwidth(line.text) == line.text for line in document.lines)
        assert "（" not in document.lines[0].text


def test_the_sentences_of_the_benchmark_are_plain_labels_and_a_row_label_is_not() -> None:
    index = LabelIndex.of(CATALOG.templates["2021"].tables["table3"])
    texts = [f"本机关第{i}次推进政务公开工作，持续加强信息发布与政策解读。" for i in range(0, 10**6, 997)]
    assert all(narrative.plain_labels(index, texts))
    assert narrative.plain_labels(index, ["予以公开", "法人或其他组织", "本年新收政府信息公开申请数量"]) == [
        False,
        False,
        False,
    ]


@given(st.sampled_from(TABLES), st.sampled_from(["", "。", ",", "、", ":"]))
def test_no_header_word_and_no_core_of_a_table_is_a_plain_label(
    table: tuple[str, TableSpec], end: str
) -> None:
    index = LabelIndex.of(table[1])
    words = [*sorted(index.headers), *index.cores]
    assert not any(narrative.plain_labels(index, [w + end for w in words]))


@settings(max_examples=300, deadline=None)
@given(
    st.lists(st.text(alphabet="法人或其他组织某的", max_size=12), max_size=8),
    st.sampled_from(["法人", "组织", "某"]),
)
def test_the_lines_holding_a_word_are_found_in_the_lines_joined(lines: list[str], word: str) -> None:
    assert list(narrative._holding(word, "\n".join(lines))) == [i for i, t in enumerate(lines) if word in t]


WORD_LETTERS = "增加减少无不适用空本某元件万%/-—"
CELL_WORDS = st.lists(st.text(alphabet=WORD_LETTERS, min_size=1, max_size=3), max_size=3)


@settings(max_examples=300, deadline=None)
@given(
    st.lists(CELL_WORDS, min_size=4, max_size=4),
    st.text(alphabet=WORD_LETTERS + "0123456789+-,.", min_size=1, max_size=8),
)
def test_a_value_begins_with_a_sign_a_digit_or_the_first_character_of_a_word(
    words: list[list[str]], text: str
) -> None:
    """`word_starts`, which `plain_labels` tests before `value`, rules out no value: of the
    built-in syntax and of others."""
    units, increase, decrease, not_applicable = (tuple(w) for w in words)
    for syntax in (cell_syntax(_Cells(units, increase, decrease, not_applicable)), CATALOG.cells):
        if syntax.value.match(text) is not None:
            assert text[0] in syntax.word_starts or text[0] in "+-" or text[0].isdecimal()


@settings(max_examples=300, deadline=None)
@given(
    st.sampled_from(TABLES),
    st.text(alphabet=LETTERS + ODD + FOREIGN + "]^-\\", max_size=40).map(lambda t: t.replace("\n", "")),
    st.integers(0, 45),
)
def test_a_text_holds_as_many_characters_of_the_cores_as_counted(
    table: tuple[str, TableSpec], text: str, count: int
) -> None:
    """`plain_labels` asks a pattern whether a core holds enough characters of the table's cores,
    rather than counting them one by one."""
    index = LabelIndex.of(table[1])
    alphabet = {ch for c in index.cores for ch in c}
    at_least = narrative._at_least(index.alphabet)
    assert (at_least[count].match(text) is not None) == (sum(ch in alphabet for ch in text) >= count)


def _region(seed: int, extra: list[str]) -> list[Row]:
    """The lines of a table 三 (labels with their counts, headings) with `extra` lines among them."""
    rng = random.Random(seed)
    table = CATALOG.templates["2021"].tables["table3"]
    texts = [
        f"{r.cores[0]}\t" + "\t".join(str(rng.randint(0, 9)) for _ in r.columns) if r.columns else r.cores[0]
        for r in table.rows
    ]
    for text in extra:
        texts.insert(rng.randint(0, len(texts)), text)
    return [Row(text, Line(n, text, text)) for n, text in enumerate(texts, 1)]


@settings(max_examples=150, deadline=None)
@given(st.integers(0, 1000), st.lists(TEXTS, max_size=30), st.sampled_from([1, 3, 2048]))
def test_a_table_read_with_plain_labels_is_the_table_read_from_parts(
    seed: int, extra: list[str], chunk: int
) -> None:
    lines = _region(seed, extra)
    table = CATALOG.templates["2021"].tables["table3"]
    where = Location(line=1)
    plain = rows.align_rows(table, "2021", [r.parts() for r in lines], where)
    before = narrative.CHUNK, narrative.MIN_REGION
    narrative.CHUNK, narrative.MIN_REGION = chunk, 0  # small regions too, in chunks of every size
    try:
        parts = list(narrative.region_parts(table, lines, 0, len(lines)))
    finally:
        narrative.CHUNK, narrative.MIN_REGION = before
    assert rows.align_rows(table, "2021", parts, where) == plain


def test_the_sentences_in_a_long_region_are_given_as_lines_and_read_as_before() -> None:
    sentences = [f"本机关第{i}次推进政务公开工作,持续加强信息发布与政策解读。" for i in range(1200)]
    lines = _region(7, sentences)
    assert len(lines) >= narrative.MIN_REGION
    table = CATALOG.templates["2021"].tables["table3"]
    parts = list(narrative.region_parts(table, lines, 0, len(lines)))
    assert sum(1 + len(p.more) for p in parts if isinstance(p, rows.Labels)) == len(sentences)
    where = Location(line=1)
    plain = rows.align_rows(table, "2021", [r.parts() for r in lines], where)
    assert rows.align_rows(table, "2021", parts, where) == plain
    assert plain.rows  # the table's rows are still read among the sentences
