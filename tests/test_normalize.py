"""Normalisation: what the parser reads, and the map from it back to the original columns."""

from __future__ import annotations

import functools
import unicodedata
from pathlib import Path
from typing import Any

import opencc
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from govdisclose_check.document import Document, Line
from govdisclose_check.ingest import text_document
from govdisclose_check.normalize import normalize

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE_001 = ROOT / "examples" / "001_8819132e5f94e15d.txt"
EXAMPLES = sorted((ROOT / "examples").glob("*.txt"))

# Traditional characters and the simplified forms they take (each has only one).
T2S = {
    "開": "开",
    "會": "会",
    "報": "报",
    "總": "总",
    "體": "体",
    "況": "况",
    "陽": "阳",
    "衛": "卫",
    "員": "员",
    "動": "动",
    "規": "规",
    "範": "范",
    "處": "处",
    "數": "数",
    "請": "请",
    "門": "门",
    "單": "单",
    "機": "机",
    "關": "关",
    "審": "审",
    "結": "结",
    "復": "复",
    "訟": "讼",
    "議": "议",
}
SIMPLIFIED = "政府信息公开工作年度报告总体情况主动申请办理结果行政复议诉讼"
FULLWIDTH_DIGITS = "０１２３４５６７８９"


def norm(text: str) -> Document:
    return normalize(text_document(text, None, None))


def texts(text: str) -> list[str]:
    return [line.text for line in norm(text).lines]


def strip_glosses_by_hand(text: str, glosses: list[str]) -> str:
    for gloss in glosses:
        text = text.replace(gloss, "")
    return text


def simplify_by_hand(text: str) -> str:
    return "".join(T2S.get(ch, ch) for ch in text)


def original_char(line: Line, index: int) -> str:
    column = line.column(index)
    assert 1 <= column <= len(line.original)
    return line.original[column - 1]


# ------------------------------------------------------------------ characters


def test_traditional_becomes_simplified() -> None:
    traditional = "".join(T2S)
    assert texts(traditional) == ["".join(T2S.values())]


def test_traditional_heading_and_title() -> None:
    assert texts("政府信息公開工作年度報告\n一、總體情況\n二、主動公開政府信息情況") == [
        "政府信息公开工作年度报告",
        "一、总体情况",
        "二、主动公开政府信息情况",
    ]


def test_simplified_text_is_left_alone() -> None:
    text = SIMPLIFIED + "\n一、总体情况\t12\t0"
    doc = norm(text)
    assert [line.text for line in doc.lines] == text.split("\n")
    assert all(line.cuts == () for line in doc.lines)


def test_fullwidth_digits_become_ascii() -> None:
    (line,) = norm("共" + FULLWIDTH_DIGITS + "件").lines
    assert line.text == "共0123456789件"
    # One character for one: no cut, and every column is the same as in the original.
    assert line.cuts == ()
    assert [line.column(i) for i in range(len(line.text))] == list(range(1, len(line.text) + 1))


def test_fullwidth_digits_in_a_table_row() -> None:
    row = "行政许可\t４６１\t１２"
    assert texts(row) == ["行政许可\t461\t12"]


def test_line_count_and_numbers_are_kept() -> None:
    text = "公開(kāi)\n\n會(huì )\u200b\n[bookmark: _GoBack]\n開(kāi)"
    doc = norm(text)
    assert [line.number for line in doc.lines] == [1, 2, 3, 4, 5]
    assert [line.original for line in doc.lines] == text.split("\n")


# ------------------------------------------------------------------ pinyin glosses


def test_glosses_with_tone_marks_are_removed() -> None:
    original = "朝陽(yáng)市衛生健康委員會(huì )2022年度政府信息公開(kāi)年度報告"
    expected = simplify_by_hand(strip_glosses_by_hand(original, ["(yáng)", "(huì )", "(kāi)"]))
    assert texts(original) == [expected]
    assert expected == "朝阳市卫生健康委员会2022年度政府信息公开年度报告"


def test_gloss_with_a_space_inside() -> None:
    text = "社會(huì )各界\n會(huì )議\n公開(kāi)"
    assert texts(text) == ["社会各界", "会议", "公开"]


def test_glosses_without_tone_marks() -> None:
    original = "公(gong)開(kai)政(zheng)府(fu)信(xin)息(xi)"
    assert texts(original) == ["公开政府信息"]


def test_doubled_glosses() -> None:
    original = "和(he)(he)公(gong)開(kai)工(gong)作(zuo)"
    assert texts(original) == ["和公开工作"]


def test_glosses_across_lines_count_together() -> None:
    """One gloss per line, on three lines: a document full of glosses all the same."""
    assert texts("公開(kāi)\n報(bào)告\n會(huì )議") == ["公开", "报告", "会议"]


def test_a_lone_parenthesised_letter_is_not_a_gloss() -> None:
    text = "依据第二十条第(a)项规定。本年度公开信息12条。\n一、总体情况"
    doc = norm(text)
    assert [line.text for line in doc.lines] == text.split("\n")
    assert all(line.cuts == () for line in doc.lines)


def test_a_lone_syllable_in_a_gloss_free_document_is_kept() -> None:
    text = "附件(doc)下载\n其他内容"
    assert texts(text) == text.split("\n")


def test_parenthesised_numerals_are_not_glosses() -> None:
    text = "第二十条第(一)项\n公開(kāi)會(huì )報(bào)\n(二)部分公开(5)"
    assert texts(text) == ["第二十条第(一)项", "公开会报", "(二)部分公开(5)"]


def test_parentheses_after_a_digit_are_not_glosses() -> None:
    text = "公開(kāi)會(huì )報(bào)告\n共12(a)件"
    assert texts(text)[1] == "共12(a)件"


# ------------------------------------------------------------------ artefacts


def test_docx_bookmark_is_removed() -> None:
    (line,) = norm("[bookmark: _GoBack]1").lines
    assert line.text == "1"
    assert line.column(0) == len("[bookmark: _GoBack]") + 1


def test_bookmark_inside_a_table_row() -> None:
    original = "行政许可\t[bookmark: _GoBack]461\t12"
    (line,) = norm(original).lines
    assert line.text == "行政许可\t461\t12"
    start = line.text.index("461")
    column = line.column(start)
    assert original[column - 1 : column - 1 + 3] == "461"


@pytest.mark.parametrize(
    "invisible",
    ["\u200b", "\u200c", "\u200d", "\u2060", "\ufeff", "\u00ad"],
    ids=["zwsp", "zwnj", "zwj", "word joiner", "bom", "soft hyphen"],
)
def test_invisible_characters_are_removed(invisible: str) -> None:
    original = f"一{invisible}、总体{invisible}{invisible}情况\t1{invisible}2"
    (line,) = norm(original).lines
    assert line.text == "一、总体情况\t12"
    assert line.column(line.text.index("2")) == original.rindex("2") + 1


# ------------------------------------------------------------------ the offset map


def test_column_of_the_year_in_example_001_points_at_the_year() -> None:
    raw = EXAMPLE_001.read_text(encoding="utf-8")
    doc = norm(raw)
    line = doc.lines[1]
    assert line.number == 2
    assert line.original == raw.split("\n")[1]
    index = line.text.index("2022")
    assert index < line.original.index("2022")  # glosses before the year were cut
    column = line.column(index)
    assert line.original[column - 1 : column - 1 + 4] == "2022"
    location = line.location(index, index + 4)
    assert location.line == 2
    assert location.column is not None
    assert location.end_column is not None
    assert line.original[location.column - 1 : location.end_column - 1] == "2022"


def test_every_number_of_example_001_maps_back_to_itself() -> None:
    doc = norm(EXAMPLE_001.read_text(encoding="utf-8"))
    checked = 0
    for line in doc.lines:
        for index, ch in enumerate(line.text):
            if ch.isdigit() and (index == 0 or not line.text[index - 1].isdigit()):
                end = index
                while end < len(line.text) and line.text[end].isdigit():
                    end += 1
                location = line.location(index, end)
                assert location.column is not None
                assert location.end_column is not None
                assert line.original[location.column - 1 : location.end_column - 1] == line.text[index:end]
                checked += 1
    assert checked > 50


@pytest.mark.parametrize("example", EXAMPLES, ids=[p.name[:3] for p in EXAMPLES])
def test_every_kept_character_of_the_examples_maps_to_its_source(example: Path) -> None:
    doc = norm(example.read_text(encoding="utf-8"))
    for line in doc.lines:
        columns = [line.column(i) for i in range(len(line.text))]
        assert columns == sorted(set(columns))  # strictly increasing
        for index, ch in enumerate(line.text):
            assert converts_to(original_char(line, index), ch), (line.number, index)


def test_end_column_of_a_glossed_word_spans_its_gloss() -> None:
    original = "朝陽(yáng)市衛生健康委員會(huì )2022年度政府信息公開(kāi)年度報告"
    (line,) = norm(original).lines
    index = line.text.index("公开")
    location = line.location(index, index + 2)
    assert location.column is not None
    assert location.end_column is not None
    # The original span runs from 公 to 開: the gloss between them lies inside it.
    assert original[location.column - 1 : location.end_column - 1] == "公開"
    whole = line.location()
    assert (whole.column, whole.end_column) == (1, len(original) + 1)


def test_end_column_at_the_end_of_a_glossed_line() -> None:
    original = "政(zhèng)府(fǔ)信(xìn)息(xī)"
    (line,) = norm(original).lines
    assert line.text == "政府信息"
    last = line.location(3, 4)
    assert last.column is not None
    assert original[last.column - 1] == "息"
    assert last.end_column == original.index("息") + 2


# ------------------------------------------------------------------ property


@functools.cache
def _t2s() -> Any:
    return opencc.OpenCC("t2s")


def converts_to(source: str, kept: str) -> bool:
    """Whether a character of the original becomes `kept` in the normalised text: itself, its
    simplified form, its compatibility (half-width) form, or both."""
    simplified: str = _t2s().convert(source)
    candidates = {
        source,
        simplified,
        unicodedata.normalize("NFKC", source),
        unicodedata.normalize("NFKC", simplified),
    }
    return kept in candidates


HAN = list(T2S) + list(SIMPLIFIED)
GLOSSES = ["(kāi)", "(huì )", "(gong)", "(he)(he)", "(yáng)", "(zhèng)", "(xi)", "(a)"]
ARTEFACTS = ["[bookmark: _GoBack]", "[bookmark: OLE_LINK1]", "\u200b", "\u200d", "\ufeff", "\u00ad"]
OTHER = [*FULLWIDTH_DIGITS, *"0123456789", " ", "\t", "、", "（", "）", "(", ")", "a", "\n"]

tokens = st.one_of(
    st.sampled_from(HAN),
    st.sampled_from(GLOSSES),
    st.sampled_from(ARTEFACTS),
    st.sampled_from(OTHER),
)


@settings(max_examples=400, deadline=None)
@given(st.lists(tokens, max_size=80), st.booleans())
def test_every_kept_character_maps_to_a_character_that_converts_to_it(
    parts: list[str], glossed: bool
) -> None:
    # Half the documents start with enough glosses for gloss removal to be on.
    text = ("公開(kāi)會(huì )報(bào)\n" if glossed else "") + "".join(parts)
    doc = norm(text)
    originals = text_document(text, None, None).lines
    assert [line.original for line in doc.lines] == [line.original for line in originals]
    for line in doc.lines:
        assert len(line.text) <= len(line.original)
        columns = [line.column(i) for i in range(len(line.text))]
        assert columns == sorted(set(columns))
        for index, ch in enumerate(line.text):
            source = original_char(line, index)
            assert converts_to(source, ch), (line.original, index, ch, source)
        # Whatever was cut is an artefact or a gloss: no Han character disappears.
        kept = set(columns)
        for position, ch in enumerate(line.original, 1):
            if position not in kept:
                assert ch not in HAN, (line.original, position)
