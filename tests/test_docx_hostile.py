"""Hostile and broken Word files: one E finding within a fixed bound of time, never a traceback,
never an entity expanded or an external file read."""

from __future__ import annotations

import random
import time
from pathlib import Path

import pytest
from docx.oxml.parser import parse_xml
from lxml import etree

from docx_xml import blank_package, body_docx, document_xml, p, repack, tbl, tc, tr
from docxgen import render_docx
from govdisclose_check import CheckResult, check_bytes
from govdisclose_check.cli import main
from govdisclose_check.ingest import docx_file
from reportgen import random_report

SECONDS = 5.0  # generous: each case takes well under a second

LAUGHS = (
    '<!DOCTYPE w:document [<!ENTITY lol "lol">'
    + "".join(f'<!ENTITY lol{i} "{f"&lol{i - 1};" * 10 if i > 1 else "&lol;" * 10}">' for i in range(1, 10))
    + "]>"
)


def refused(data: bytes) -> tuple[str, str]:
    started = time.monotonic()
    result: CheckResult = check_bytes(data, "hostile.docx")
    assert time.monotonic() - started < SECONDS
    assert len(result.findings) == 1, [f.rule for f in result.findings]
    finding = result.findings[0]
    return finding.rule, finding.message_en


@pytest.fixture(scope="module")
def report() -> bytes:
    return render_docx(random_report(random.Random(21), "2021"))


@pytest.fixture
def secret(tmp_path: Path) -> Path:
    path = tmp_path / "secret.txt"
    path.write_text("TOPSECRET-9f2c", encoding="utf-8")
    return path


def test_billion_laughs_is_refused() -> None:
    data = body_docx(p("&lol9;"), head=LAUGHS)
    rule, message = refused(data)
    assert rule == "E009"
    assert "DTD" in message


def test_external_entities_are_never_read(secret: Path) -> None:
    head = f'<!DOCTYPE w:document [<!ENTITY xxe SYSTEM "{secret.as_uri()}">]>'
    data = body_docx(p("一、总体情况&xxe;"), head=head)
    rule, message = refused(data)
    assert rule == "E009"
    assert "TOPSECRET" not in message


def test_python_docx_parser_expands_no_entity_either(secret: Path) -> None:
    """What python-docx's own parser (resolve_entities=False) does with the same parts: libxml2
    refuses the amplification by itself (since 2.11; older ones leave the entities unexpanded) and no
    external file is read, so opening such a package with python-docx is safe as well."""
    laughs = document_xml(p("&lol9;"), head=LAUGHS)
    if etree.LIBXML_VERSION >= (2, 11):
        with pytest.raises(etree.XMLSyntaxError, match="amplification"):
            parse_xml(laughs)
    else:
        assert "lol" not in "".join(t.text or "" for t in parse_xml(laughs).iter("{*}t"))
    xxe = f'<!DOCTYPE w:document [<!ENTITY xxe SYSTEM "{secret.as_uri()}">]>'
    parsed = parse_xml(document_xml(p("&xxe;"), head=xxe))
    assert "TOPSECRET" not in "".join(t.text or "" for t in parsed.iter("{*}t"))


def test_a_truncated_file_is_damaged(report: bytes) -> None:
    assert refused(report[: len(report) // 2])[0] == "E008"


def test_a_part_that_needs_a_zip_version_zipfile_lacks_is_damaged(report: bytes) -> None:
    """Found by the fuzzer: zipfile raises NotImplementedError ("zip file version 12.2") for a
    member whose central directory entry asks for a newer version than it knows."""
    at = report.index(b"PK\x01\x02")  # the first central directory entry
    data = report[: at + 6] + (122).to_bytes(2, "little") + report[at + 8 :]  # version needed: 12.2
    rule, message = refused(data)
    assert rule == "E008"
    assert "zip file version 12.2" in message


def test_a_package_without_its_main_part_is_damaged(report: bytes) -> None:
    rule, message = refused(repack(report, {"word/document.xml": None}))
    assert rule == "E008"
    assert "main part" in message


def test_a_relationship_to_a_missing_part_is_damaged(report: bytes) -> None:
    rels = (
        '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/'
        'package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/'
        'officeDocument/2006/relationships/officeDocument" Target="word/missing.xml"/></Relationships>'
    )
    assert refused(repack(report, {"_rels/.rels": rels.encode()}))[0] == "E008"


@pytest.mark.parametrize(
    "content",
    [b"not xml at all", b"<w:document><w:body><w:p>", document_xml("").replace(b"<w:body>", b"<w:bdy>")],
    ids=["text", "cut", "no body"],
)
def test_a_main_part_that_is_not_a_document_is_damaged(report: bytes, content: bytes) -> None:
    assert refused(repack(report, {"word/document.xml": content}))[0] == "E008"


def test_xml_nested_past_the_parser_bound_is_damaged() -> None:
    deep = "<w:sdt><w:sdtContent>" * 400 + p("x") + "</w:sdtContent></w:sdt>" * 400
    rule, message = refused(body_docx(deep))
    assert rule == "E008"
    assert "depth" in message


def test_tables_nested_too_deep_are_over_the_bound() -> None:
    content = p("x")
    for _ in range(docx_file.MAX_NESTING + 2):
        content = tbl(tr(tc(content)))
    assert refused(body_docx(content))[0] == "E009"


def test_too_many_paragraphs_are_over_the_bound() -> None:
    data = body_docx("<w:p/>" * (docx_file.MAX_PARAGRAPHS + 1))
    rule, message = refused(data)
    assert rule == "E009"
    assert str(docx_file.MAX_PARAGRAPHS) in message


def test_too_many_cells_are_over_the_bound(monkeypatch: pytest.MonkeyPatch) -> None:
    # At its real value (200,000) the XML of empty cells compresses like a zip bomb and is refused
    # for that first; a smaller bound shows this one at work.
    monkeypatch.setattr(docx_file, "MAX_CELLS", 2_000)
    row = tr(*["<w:tc/>"] * 100)
    rule, message = refused(body_docx(tbl(*[row] * 21)))
    assert rule == "E009"
    assert "2000" in message


def test_a_main_part_over_the_size_bound(report: bytes, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(docx_file, "MAX_XML_PART", 10_000)
    rule, message = refused(report)
    assert rule == "E009"
    assert "10000" in message


def test_a_zip_bomb_is_refused() -> None:
    bomb = repack(blank_package(), {"word/media/image1.png": b"\0" * 150_000_000})
    assert refused(bomb)[0] == "E009"


def test_the_cli_exits_2_and_leaves_the_file_alone(tmp_path: Path, report: bytes) -> None:
    path = tmp_path / "broken.docx"
    path.write_bytes(report[:1000])
    before = path.stat()
    assert main(["check", str(path)]) == 2
    after = path.stat()
    assert (after.st_size, after.st_mtime_ns) == (before.st_size, before.st_mtime_ns)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["broken.docx"]
