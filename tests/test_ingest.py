"""Ingestion: bytes in any of the encodings real reports use, any line ending, and bad input.

The same synthetic report is written in each encoding and must give the same findings at the same
places; bad input must give exactly one E finding and never an exception; reading never writes.
"""

from __future__ import annotations

import codecs
import io
import os
import random
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from govdisclose_check import CheckResult, check_bytes, check_file, check_text
from govdisclose_check.catalog import Catalog, default_catalog
from govdisclose_check.ingest.formats import HTML, detect
from reportgen import random_report, render

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = sorted((ROOT / "examples").glob("*.txt"))

Key = tuple[str, str | None, str | None, int | None, int | None]


def keys(result: CheckResult) -> list[Key]:
    return [(f.rule, f.row, f.col, f.location.line, f.location.column) for f in result.findings]


def rules_of(result: CheckResult) -> list[str]:
    return [f.rule for f in result.findings]


def broken_report_text(seed: int = 3) -> str:
    """A consistent synthetic report with two arithmetic errors made on purpose: the count of
    natural persons in row 一 is one too many (its row total is left alone), so the row total
    (A303, row `new`) and the balance of the natural-person column (A301) both fail."""
    report = random_report(random.Random(seed), "2021")
    new = report.table3["new"]
    new["natural_person"] = int(new["natural_person"]) + 1
    return render(report, "tab")


@pytest.fixture(scope="module")
def report_text() -> str:
    return broken_report_text()


@pytest.fixture(scope="module")
def baseline(report_text: str) -> list[Key]:
    found = keys(check_text(report_text, "report.txt"))
    # The comparison below means something only if there is something to compare.
    assert {rule for rule, *_ in found} >= {"A301", "A303"}
    return found


def canonical(name: str | None) -> str | None:
    return None if name is None else codecs.lookup(name).name


# ------------------------------------------------------------------ encodings

# (label, encoder, the encoding names that are a right answer for `report.encoding`)
ENCODINGS: list[tuple[str, Callable[[str], bytes], set[str]]] = [
    ("utf-8", lambda t: t.encode("utf-8"), {"utf-8"}),
    ("utf-8 with BOM", lambda t: t.encode("utf-8-sig"), {"utf-8", "utf-8-sig"}),
    ("gb18030", lambda t: t.encode("gb18030"), {"gb18030"}),
    # GBK text is GB18030 text (GB18030 is a superset), so either name is right.
    ("gbk", lambda t: t.encode("gbk"), {"gbk", "gb18030"}),
    ("utf-16-le with BOM", lambda t: codecs.BOM_UTF16_LE + t.encode("utf-16-le"), {"utf-16", "utf-16-le"}),
    ("utf-16-be with BOM", lambda t: codecs.BOM_UTF16_BE + t.encode("utf-16-be"), {"utf-16", "utf-16-be"}),
    ("utf-16-le without BOM", lambda t: t.encode("utf-16-le"), {"utf-16", "utf-16-le"}),
    ("utf-16-be without BOM", lambda t: t.encode("utf-16-be"), {"utf-16", "utf-16-be"}),
]


@pytest.mark.parametrize(("label", "encode", "names"), ENCODINGS, ids=[label for label, _, _ in ENCODINGS])
def test_every_encoding_gives_the_same_findings(
    report_text: str, baseline: list[Key], label: str, encode: Callable[[str], bytes], names: set[str]
) -> None:
    data = encode(report_text)
    assert data != report_text.encode("utf-8") or label == "utf-8"
    result = check_bytes(data, "report.txt")
    assert keys(result) == baseline, label
    assert result.report is not None
    assert canonical(result.report.encoding) in {canonical(n) for n in names}


@pytest.mark.parametrize(("label", "encode", "names"), ENCODINGS, ids=[label for label, _, _ in ENCODINGS])
def test_every_encoding_read_from_a_file(
    tmp_path: Path,
    report_text: str,
    baseline: list[Key],
    label: str,
    encode: Callable[[str], bytes],
    names: set[str],
) -> None:
    path = tmp_path / "report.txt"
    path.write_bytes(encode(report_text))
    result = check_file(path)
    assert keys(result) == baseline, label
    assert result.path == str(path)
    assert result.report is not None
    assert canonical(result.report.encoding) in {canonical(n) for n in names}


@pytest.mark.parametrize("example", EXAMPLES, ids=[p.name[:3] for p in EXAMPLES])
@pytest.mark.parametrize("codec", ["gb18030", "utf-16"])
def test_real_reports_in_other_encodings(example: Path, codec: str) -> None:
    text = example.read_bytes().decode("utf-8")
    expected = keys(check_text(text, example.name))
    result = check_bytes(text.encode(codec), example.name)  # Python's utf-16 writes a BOM
    assert keys(result) == expected
    assert result.report is not None
    assert canonical(result.report.encoding) == canonical(codec)


# ------------------------------------------------------------------ line endings


@pytest.mark.parametrize(("newline"), ["\r\n", "\r"], ids=["crlf", "cr"])
def test_line_endings_give_the_same_line_numbers(report_text: str, baseline: list[Key], newline: str) -> None:
    converted = report_text.replace("\n", newline)
    assert "\n" not in converted.replace("\r\n", "")  # no bare LF left
    assert keys(check_bytes(converted.encode("utf-8"), "report.txt")) == baseline
    assert keys(check_text(converted, "report.txt")) == baseline


def test_mixed_line_endings_count_each_break_once(report_text: str, baseline: list[Key]) -> None:
    endings = ["\n", "\r\n", "\r"]
    lines = report_text.split("\n")
    mixed = "".join(line + endings[i % 3] for i, line in enumerate(lines[:-1])) + lines[-1]
    assert keys(check_bytes(mixed.encode("gb18030"), "report.txt")) == baseline


def test_finding_lines_are_lines_of_the_input(report_text: str) -> None:
    """The line number of the A303 finding is the line that holds row 一 of table 三."""
    lines = report_text.split("\n")
    row_line = next(
        i for i, line in enumerate(lines, 1) if line.startswith("一、本年新收政府信息公开申请数量")
    )
    total_column = lines[row_line - 1].rindex("\t") + 2  # the last cell: the row total
    for newline in ("\n", "\r\n", "\r"):
        result = check_bytes(report_text.replace("\n", newline).encode("utf-16"), "report.txt")
        a303 = [f for f in result.findings if f.rule == "A303"]
        assert [(f.location.line, f.location.column) for f in a303] == [(row_line, total_column)]


# ------------------------------------------------------------------ bad input


def write_and_check(tmp_path: Path, data: bytes) -> tuple[CheckResult, CheckResult]:
    path = tmp_path / "input.txt"
    path.write_bytes(data)
    return check_bytes(data, "input.txt"), check_file(path)


@pytest.mark.parametrize(
    "data",
    [b"", b"\xef\xbb\xbf", codecs.BOM_UTF16_LE],
    ids=["empty", "utf-8 BOM only", "utf-16 BOM only"],
)
def test_empty_input_is_e003(tmp_path: Path, data: bytes) -> None:
    for result in write_and_check(tmp_path, data):
        assert rules_of(result) == ["E003"]
        assert result.report is None


@pytest.mark.parametrize(
    "data",
    [b" ", b"\n\n\n", b" \t\r\n  \n", "\u3000\u3000\n".encode(), " \r\n".encode("utf-16")],
    ids=["space", "newlines", "mixed ascii", "ideographic spaces", "utf-16 blanks"],
)
def test_whitespace_only_is_e003(tmp_path: Path, data: bytes) -> None:
    for result in write_and_check(tmp_path, data):
        assert rules_of(result) == ["E003"]


def test_whitespace_only_reports_its_size_in_bytes(tmp_path: Path) -> None:
    data = b" \t\r\n  \n\n"
    for result in write_and_check(tmp_path, data):
        (finding,) = result.findings
        assert finding.rule == "E003"
        # The message says "N bytes": N must be the size of the file.
        assert f"({len(data)} bytes)" in finding.message_en


@pytest.mark.parametrize(
    "data",
    [
        b"\x00\x01\x02\x03binary\x00\xff\x10",
        b"\x7fELF\x02\x01\x01\x00" + bytes(range(256)) * 4,
        "政府信息公开\x00工作年度报告\x00".encode(),
    ],
    ids=["nul and controls", "elf header", "utf-8 with NUL bytes"],
)
def test_binary_with_nul_bytes_is_e002(tmp_path: Path, data: bytes) -> None:
    assert b"\x00" in data
    for result in write_and_check(tmp_path, data):
        assert rules_of(result) == ["E002"]
        assert result.report is None


def test_control_characters_without_nul_are_e002(tmp_path: Path) -> None:
    data = bytes(range(1, 9)) * 50 + "一、总体情况".encode()
    for result in write_and_check(tmp_path, data):
        assert rules_of(result) == ["E002"]


@pytest.mark.parametrize("seed", range(12))
def test_random_bytes_are_e002_or_e004(tmp_path: Path, seed: int) -> None:
    rng = random.Random(seed)
    data = rng.randbytes(rng.randint(64, 6000))
    if seed % 2:  # half of them without NUL bytes, so that the text decoders are tried
        data = data.replace(b"\x00", b"\x01")
    for result in write_and_check(tmp_path, data):
        assert len(result.findings) == 1
        assert result.findings[0].rule in {"E002", "E004"}


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.binary(max_size=3000))
def test_arbitrary_bytes_never_raise(data: bytes) -> None:
    result = check_bytes(data, "input.txt")
    rules = rules_of(result)
    assert len(rules) == 1
    assert rules[0] in {"E002", "E003", "E004", "E006", "E007", "E008", "E009"}
    if rules[0] == "E003":  # blank text, or a web page's markup without any text (`<!doctype html`)
        assert decodes_to_blank(data) or detect(data, "input.txt") is HTML


def decodes_to_blank(data: bytes) -> bool:
    """Whether some encoding the tool tries reads these bytes as nothing but white space."""
    for codec in ("utf-8-sig", "gb18030", "utf-16", "utf-16-le", "utf-16-be"):
        try:
            text = data.decode(codec)
        except UnicodeDecodeError:
            continue
        if not text.lstrip("\ufeff").strip():
            return True
    return False


@pytest.mark.parametrize(
    "text",
    [
        "这是一段普通的文字，不是年度报告。\n今天天气很好，我们去公园散步。\n",
        "Hello, world.\nThis is an English text file with no report in it.\n",
        "1\t2\t3\n4\t5\t6\n7\t8\t9\n",
        "# 会议纪要\n\n- 议题：年度工作安排\n- 出席：全体人员\n",
    ],
    ids=["chinese prose", "english prose", "numbers", "markdown notes"],
)
def test_text_that_is_not_a_report_is_e004(tmp_path: Path, text: str) -> None:
    for data in (text.encode("utf-8"), text.encode("gb18030"), text.encode("utf-16")):
        for result in write_and_check(tmp_path, data):
            assert rules_of(result) == ["E004"]


def test_a_directory_is_e001(tmp_path: Path) -> None:
    directory = tmp_path / "reports.txt"
    directory.mkdir()
    result = check_file(directory)
    assert rules_of(result) == ["E001"]
    assert result.path == str(directory)
    assert result.report is None


def test_a_missing_path_is_e001(tmp_path: Path) -> None:
    missing = tmp_path / "no" / "such" / "report.txt"
    result = check_file(missing)
    assert rules_of(result) == ["E001"]
    assert result.path == str(missing)
    assert not missing.exists()


def test_input_problems_point_at_line_1_column_1(tmp_path: Path) -> None:
    for result in (check_file(tmp_path / "missing.txt"), check_bytes(b"", "x.txt")):
        (finding,) = result.findings
        assert (finding.location.line, finding.location.column) == (1, 1)


# ------------------------------------------------------------------ size limit


def catalog_with_limit(max_bytes: int) -> Catalog:
    return default_catalog().with_params("E005", max_bytes=max_bytes)


def test_a_file_over_the_limit_is_e005(tmp_path: Path, report_text: str) -> None:
    data = report_text.encode("utf-8")
    limit = len(data) - 1
    catalog = catalog_with_limit(limit)
    path = tmp_path / "report.txt"
    path.write_bytes(data)
    for result in (check_bytes(data, "report.txt", catalog=catalog), check_file(path, catalog=catalog)):
        assert rules_of(result) == ["E005"]
        (finding,) = result.findings
        assert str(len(data)) in finding.message_en
        assert str(limit) in finding.message_en


def test_a_file_at_the_limit_is_checked(tmp_path: Path, report_text: str, baseline: list[Key]) -> None:
    data = report_text.encode("utf-8")
    catalog = catalog_with_limit(len(data))
    path = tmp_path / "report.txt"
    path.write_bytes(data)
    assert keys(check_bytes(data, "report.txt", catalog=catalog)) == baseline
    assert keys(check_file(path, catalog=catalog)) == baseline


def test_the_limit_counts_bytes_not_characters(report_text: str) -> None:
    """A UTF-16 file is about twice the size of its UTF-8 text: the limit applies to its bytes."""
    utf8 = report_text.encode("utf-8")
    utf16 = report_text.encode("utf-16")
    assert len(utf16) != len(utf8)
    catalog = catalog_with_limit(min(len(utf8), len(utf16)))
    bigger = utf16 if len(utf16) > len(utf8) else utf8
    assert rules_of(check_bytes(bigger, "report.txt", catalog=catalog)) == ["E005"]


def test_the_default_limit_is_the_catalogs(report_text: str) -> None:
    limit = default_catalog().max_bytes
    assert limit > len(report_text.encode("utf-8"))
    assert "E005" not in rules_of(check_bytes(report_text.encode("utf-8"), "report.txt"))


# ------------------------------------------------------------------ read only


def test_check_file_never_modifies_its_input(tmp_path: Path, report_text: str) -> None:
    inputs = {
        "utf8.txt": report_text.encode("utf-8"),
        "bom.txt": report_text.encode("utf-8-sig"),
        "gbk.txt": report_text.encode("gbk"),
        "utf16.txt": report_text.encode("utf-16"),
        "crlf.txt": report_text.replace("\n", "\r\n").encode("utf-8"),
        "glosses.txt": "公開(kāi)會(huì )\u200b[bookmark: _GoBack]１２\n".encode(),
        "empty.txt": b"",
        "binary.txt": b"\x00\x01\x02\x03" * 64,
        "prose.txt": "不是报告。\n".encode(),
    }
    old = 1_000_000_000  # a fixed mtime in the past, so that a rewrite would show
    for name, data in inputs.items():
        path = tmp_path / name
        path.write_bytes(data)
        os.utime(path, ns=(old, old))
    before = {name: (tmp_path / name).stat() for name in inputs}
    for name in inputs:
        check_file(tmp_path / name)
    for name, data in inputs.items():
        path = tmp_path / name
        after = path.stat()
        assert path.read_bytes() == data, name
        assert after.st_mtime_ns == before[name].st_mtime_ns == old, name
        assert after.st_size == len(data), name
        assert after.st_mode == before[name].st_mode, name
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(inputs)  # nothing new written beside


def _zip(members: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, content in members.items():
            archive.writestr(name, content)
    return buffer.getvalue()


@pytest.mark.parametrize(
    ("data", "rule", "format_en"),
    [
        (b"PK\x03\x04\x14\x00\x06\x00\x08\x00\x00\x00!\x00" + bytes(200), "E008", "Word (DOCX) or zip"),
        (b"\x89PNG\r\n\x1a\n" + bytes(64), "E006", "PNG image"),
        (b"\xff\xd8\xff\xe0" + bytes(64), "E006", "JPEG image"),
        (_zip({"a.txt": b"hello"}), "E006", "zip archive"),
    ],
    ids=["truncated-zip", "png", "jpeg", "plain-zip"],
)
def test_formats_that_cannot_be_checked_are_named(data: bytes, rule: str, format_en: str) -> None:
    result = check_bytes(data, "report.bin")
    assert [f.rule for f in result.findings] == [rule]
    assert format_en in result.findings[0].message_en
    assert result.report is None


def test_a_zip_bomb_is_refused_before_inflating() -> None:
    """A member that declares a gigabyte from a few kilobytes is refused by its declared size."""
    bomb = _zip({"word/document.xml": b"\0" * 5_000_000})  # ratio about 1000
    result = check_bytes(bomb, "report.docx")
    assert [f.rule for f in result.findings] == ["E009"]
    assert "word/document.xml" in result.findings[0].message_en
