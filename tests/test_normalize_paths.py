"""The fast paths of reading and normalising (issue 14) give exactly what the general paths give:
one pass over the whole text against a pass per line, CR/LF split without a regular expression,
the scans that skip work when a text holds nothing to change."""

from __future__ import annotations

import pickle
import re
import unicodedata

import attrs
from hypothesis import given, settings
from hypothesis import strategies as st

from govdisclose_check import check_bytes
from govdisclose_check.document import Block, Cuts, Document, Line, SourceCell, SourceTable
from govdisclose_check.errors import InputProblem
from govdisclose_check.ingest import TextLimits, has_text, read_bytes, read_text
from govdisclose_check.ingest.decode import _CONTROLS, Decoded, _checked, decode
from govdisclose_check.ingest.text import normalized_text_document, split_lines, text_document
from govdisclose_check.model import CheckResult, Location
from govdisclose_check.normalize import normalize
from govdisclose_check.normalize.characters import _WIDTH, to_halfwidth, to_simplified
from govdisclose_check.normalize.deletions import _REPLACEMENTS, Pattern, pattern_for


def _delete_one(text: str, pattern: Pattern) -> tuple[str, tuple[tuple[int, int], ...]]:
    """The deletions of one line, as they were made line by line before the whole-text pass."""
    pieces: list[str] = []
    cuts: list[tuple[int, int]] = []
    last = kept = 0
    for match in pattern.finditer(text):
        start, end = match.span()
        replacement = _REPLACEMENTS.get(match.group(), "")
        pieces += [text[last:start], replacement]
        kept += start - last + len(replacement)
        cuts.append((kept, end - start - len(replacement)))
        last = end
    if not cuts:
        return text, ()
    return "".join([*pieces, text[last:]]), tuple(cuts)


def reference(document: Document) -> Document:
    """Normalisation as it was: a regular expression per line, `attrs.evolve` per line."""
    lines = [b for b in document.blocks if isinstance(b, Line)]
    cells = [c for b in document.blocks if isinstance(b, SourceTable) for row in b.rows for c in row]
    if not lines and not cells:
        return document
    texts = [line.text for line in lines] + [" ".join(cell.text.splitlines()) for cell in cells]
    pattern = pattern_for("\n".join(texts))
    cut = [_delete_one(text, pattern) for text in texts]
    converted = to_halfwidth(to_simplified("\n".join(text for text, _ in cut))).split("\n")
    replaced: dict[int, Block] = {
        id(line): attrs.evolve(line, text=text, cuts=cuts)
        for line, (_, cuts), text in zip(lines, cut, converted, strict=False)
        if cuts or text != line.text
    }
    new_cells = {
        id(cell): attrs.evolve(cell, text=text)
        for cell, text in zip(cells, converted[len(lines) :], strict=True)
        if text != cell.text
    }
    if new_cells:
        for block in document.blocks:
            if isinstance(block, SourceTable):
                rows = tuple(tuple(new_cells.get(id(c), c) for c in row) for row in block.rows)
                replaced[id(block)] = attrs.evolve(block, rows=rows)
    if not replaced:
        return document
    return attrs.evolve(document, blocks=tuple(replaced.get(id(b), b) for b in document.blocks))


PIECES = [
    *"開會報總體况公开政府信息一二三",
    *"(kāi)",
    "(kāi)",
    "(huì )",
    "(gong)",
    "(he)(he)",
    "(a)",
    "[bookmark: _GoBack]",
    "&nbsp;",
    *"[]&;",  # the first characters of artefacts, alone
    "[bookmark:",
    "&nbsp",
    *"\u200b\u200d\ufeff\u00ad",
    *"０１９，（）：；Ａ\u3000\u00a0\u2002\u2009",
    *"0123 \t\n\r、",
    "\r\n",
]
TEXTS = st.lists(st.sampled_from(PIECES), max_size=60).map("".join)


@settings(max_examples=500, deadline=None)
@given(TEXTS)
def test_a_text_file_normalises_as_line_by_line(text: str) -> None:
    document = text_document(text, None, None)
    assert normalize(document) == reference(document)


@settings(max_examples=500, deadline=None)
@given(TEXTS)
def test_a_text_file_read_normalised_is_read_then_normalised(text: str) -> None:
    """How a text file is read: each line's `Line` made once, already normalised."""
    plain = normalize(text_document(text, "r.txt", "utf-8"))
    fused = normalized_text_document(text, "r.txt", "utf-8")
    assert fused == plain
    assert fused.blocks == plain.blocks
    assert fused.normalized
    assert normalize(fused) is fused  # normalising again would map the columns twice


@settings(max_examples=200, deadline=None)
@given(TEXTS)
def test_what_is_read_is_counted_and_tested_for_text_as_written(text: str) -> None:
    """The limits count, and the test for an empty file reads, the text as written, though a text
    file's lines are normalised as they are read (normalising deletes invisible characters)."""
    written = text_document(text, None, None)
    read = normalized_text_document(text, None, None)
    assert has_text(read) == has_text(written) == bool(text.strip())
    chars = sum(len(line.text) for line in written.lines)
    for limit in (chars - 1, chars):
        outcomes = []
        for document in (written, read):
            try:
                TextLimits(max_chars=limit, max_lines=len(written.blocks)).check(document)
                outcomes.append("kept")
            except InputProblem as problem:
                outcomes.append(problem.code)
        assert outcomes == (["kept", "kept"] if limit >= chars else ["E005", "E005"])


def test_text_files_and_strings_are_read_normalised() -> None:
    text = "公開(kāi)，會(huì)\u200b報(bào)\n"
    expected = normalize(text_document(text, "r.txt", "utf-8"))
    from_bytes = read_bytes(text.encode(), "r.txt", max_bytes=100)
    from_string = read_text(text, "r.txt", max_bytes=100)
    assert from_bytes.normalized
    assert from_string.normalized
    assert from_bytes.blocks == from_string.blocks == expected.blocks
    assert [line.text for line in from_bytes.lines] == ["公开,会报"]
    assert from_bytes.lines[0].original == text.rstrip("\n")


def test_a_file_of_invisible_characters_is_not_empty() -> None:
    """Normalising deletes a zero-width space, but the file held one: it is read, and it is not a
    report (E004), as before text files were normalised as they are read; blank is E003."""
    assert rules_of(check_bytes("\u200b\n\u200d".encode(), "r.txt")) == ["E004"]
    assert rules_of(check_bytes(" \n\u3000".encode(), "r.txt")) == ["E003"]


def rules_of(result: CheckResult) -> list[str]:
    return [finding.rule for finding in result.findings]


@settings(max_examples=300, deadline=None)
@given(
    st.lists(
        st.one_of(
            TEXTS.map(lambda t: t.replace("\r", "").replace("\n", "")),
            st.lists(TEXTS, min_size=1, max_size=4),
        )
    )
)
def test_lines_and_table_cells_normalise_as_line_by_line(blocks: list[str | list[str]]) -> None:
    """Lines mixed with tables whose cells may hold line breaks (a DOCX, HTML or PDF document)."""
    made: list[Block] = []
    for i, block in enumerate(blocks, 1):
        if isinstance(block, str):
            made.append(Line(i, block, block, origin=Location(paragraph=i)))
        else:
            row = tuple(SourceCell(cell, Location(line=i, column=j)) for j, cell in enumerate(block, 1))
            made.append(SourceTable(rows=(row,), location=Location(line=i)))
    document = Document(path=None, encoding=None, blocks=tuple(made))
    assert normalize(document) == reference(document)


def test_the_lines_made_directly_carry_every_field_of_line() -> None:
    """normalize builds a changed `Line` from these fields by position: a new field must be added there."""
    assert [a.name for a in attrs.fields(Line) if a.init] == ["number", "text", "original", "cuts", "origin"]
    line = Line(7, "公開，", "公開，", origin=Location(paragraph=3))
    (done,) = normalize(Document(None, None, (line,))).blocks
    assert done == Line(7, "公开,", "公開，", (), Location(paragraph=3))


@settings(max_examples=500, deadline=None)
@given(
    st.lists(
        st.sampled_from(["a", "一", "\r", "\n", "\r\n", "\x0b", "\x0c", "\u2028", "\x85"]), max_size=40
    ).map("".join)
)
def test_lines_split_on_cr_lf_and_crlf_as_the_regular_expression_does(text: str) -> None:
    assert split_lines(text) == re.split(r"\r\n|\r|\n", text)


@settings(max_examples=500, deadline=None)
@given(
    st.lists(
        st.sampled_from([*_WIDTH, *"公开a1 ,（", "\uff00", "\uff5f", "\uffe5", *"…①℃Ⅱ﨑\u0301e\u3099か"]),
        max_size=60,
    ).map("".join)
)
def test_full_width_forms_are_replaced_as_a_translation_table_does(text: str) -> None:
    """Also with other characters that NFKC changes (…, ①, a combining accent), where the fast
    path's quick check says no and the scan runs."""
    assert to_halfwidth(text) == text.translate(str.maketrans(dict[str, str | int | None](_WIDTH)))


def test_every_wide_character_fails_nfkc_s_quick_check() -> None:
    """What the fast path of to_halfwidth rests on: a text that holds any wide character is not
    in NFKC."""
    assert not any(unicodedata.is_normalized("NFKC", f"公{wide}开") for wide in _WIDTH)


@settings(max_examples=300, deadline=None)
@given(
    st.lists(st.sampled_from([*"公开a1\t\n\r", *map(chr, range(0x20)), "\x7f", "\x80"]), max_size=300).map(
        "".join
    )
)
def test_control_characters_are_counted_as_the_regular_expression_counts_them(text: str) -> None:
    controls = len(_CONTROLS.findall(text))
    try:
        assert _checked(text) is text
    except InputProblem:
        assert controls > max(2, len(text) // 100)
    else:
        assert controls <= max(2, len(text) // 100)


def test_a_line_reads_its_attributes_without_a_getattr_hook() -> None:
    """Every stage reads `line.text` and `line.number` over and over: a `__getattr__` on the class (what
    attrs adds for a cached property) made each read some three times slower."""
    assert "__getattr__" not in vars(Line)
    line = Line(1, "ab", "a\u200bb", ((1, 1),))
    assert (line.column(0), line.column(1), line.end_column(2)) == (1, 3, 4)


@settings(max_examples=300, deadline=None)
@given(
    st.integers(0, 21000),
    st.sampled_from(["", "公", "a", "😀"]),
    st.lists(st.sampled_from([*"公开a1\t\n\r\x00\x01\x08\x1b\x7f\x80", "😀", "é"]), max_size=300).map(
        "".join
    ),
)
def test_utf8_is_told_from_binary_as_by_counting_characters(pad: int, filler: str, text: str) -> None:
    """`decode` tests UTF-8 bytes for control characters before it counts them in the text: the
    same outcome, whether a control character falls inside the first 20,000 characters or after."""
    data = (filler * pad + text).encode("utf-8")
    if not data or b"\x00" in data:
        return  # empty, or NUL bytes: told apart before UTF-8 is tried
    try:
        plain: Decoded | str = Decoded(_checked(data.decode("utf-8")), "utf-8")
    except InputProblem as problem:
        plain = problem.code
    try:
        fast: Decoded | str = decode(data)
    except InputProblem as problem:
        fast = problem.code
    assert fast == plain


@settings(max_examples=300, deadline=None)
@given(st.lists(st.tuples(st.integers(0, 5), st.integers(1, 3)), max_size=8), st.integers(0, 30))
def test_columns_through_the_cut_table_count_the_cuts(steps: list[tuple[int, int]], index: int) -> None:
    """A line's cuts as normalisation gives them (`Cuts`, with its table for a binary search), as a
    plain tuple (a line made by hand), and pickled: each maps a position as counting the characters
    cut at or before it does."""
    pairs, at = [], 0
    for gap, cut in steps:
        at += gap
        pairs.append((at, cut))
    expected = index + sum(cut for where, cut in pairs if where <= index) + 1
    text = "x" * 40
    original = "x" * (40 + sum(cut for _, cut in pairs))
    made = Line(1, text, original, Cuts(pairs))
    assert made == Line(1, text, original, tuple(pairs))
    assert repr(made) == repr(Line(1, text, original, tuple(pairs)))
    for line in (made, Line(1, text, original, tuple(pairs)), pickle.loads(pickle.dumps(made))):
        assert line.column(index) == expected
