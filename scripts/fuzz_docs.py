"""Inputs of the other formats for scripts/fuzz.py: DOCX, HTML and PDF reports built by the test
generators (tests/docxgen.py, htmlgen.py, pdfgen.py) and the committed PDF fixtures, mutated where
their readers look (the text runs and table markup of `word/document.xml`, the HTML source, the
objects of a PDF) and at the byte level.
"""

from __future__ import annotations

import io
import random
import re
import zipfile
from collections.abc import Callable
from pathlib import Path
from xml.sax.saxutils import escape

import docxgen
import htmlgen
import pdfgen
from reportgen import random_report

ROOT = Path(__file__).resolve().parent.parent
Mutate = Callable[[str, random.Random, list[str]], str]

_RUN = re.compile(r"(<w:t(?: [^>]*)?>)([^<]*)(</w:t>)")
DOCX_MARKUP = [
    "<w:p><w:r><w:t>一、总体情况</w:t></w:r></w:p>", "</w:tc><w:tc>", "</w:tr><w:tr>", "<w:tbl>",
    "</w:tbl>", '<w:gridSpan w:val="9999"/>', '<w:gridSpan w:val="0"/>', '<w:vMerge w:val="restart"/>',
    "<w:vMerge/>", "<w:br/>", "<w:tab/>", "<w:del><w:r><w:delText>9</w:delText></w:r></w:del>",
    "<w:ins><w:r><w:t>7</w:t></w:r></w:ins>",
    "<w:txbxContent><w:p><w:r><w:t>1</w:t></w:r></w:p></w:txbxContent>",
    '<!DOCTYPE x [<!ENTITY a "aaaa">]>', "&amp;", "&#27;", "<w:sdt><w:sdtContent>", "</w:sdtContent></w:sdt>",
]  # fmt: skip
HTML_MARKUP = [
    "<td>", "</td>", "<tr>", "</tr>", "<table>", "</table>", "<th>", '<td colspan="99999">',
    '<td rowspan="0">', '<td colspan="x">', "<br>", "<p>", "</p>", "<div>", "<!--", "-->", "&#27;",
    "&nbsp;", "&#x2028;", "&#xd800;", "<script>", "</script>", "<style>", "<h2>一、总体情况</h2>",
    '<meta charset="gbk">', '<meta charset="x-unknown">', "<![CDATA[", "<?xml ?>", "<tbody>", "<thead>",
]  # fmt: skip
PDF_TOKENS = [
    b"/Count 999999", b"/Count -1", b"/Count 0", b" obj", b"endobj", b"stream\n", b"\nendstream",
    b"<<", b">>", b"/Filter /FlateDecode", b"/Length 99999999", b"[", b"]", b"(\x1b[2J) Tj", b"BT",
    b"ET", b"9999999999 0 R", b"xref", b"trailer", b"%%EOF", b"/Encrypt", b"re f", b"0 0 m 500 500 l S",
]  # fmt: skip


def docx_corpus(seeds: range = range(3)) -> list[bytes]:
    out = []
    for seed in seeds:
        template = "2019" if seed % 2 else "2021"
        out.append(docxgen.render_docx(random_report(random.Random(seed), template)))
    return out


def html_corpus(seeds: range = range(3)) -> list[str]:
    out = []
    for seed in seeds:
        report = random_report(random.Random(seed), "2021" if seed % 3 else "2019")
        style = htmlgen.STYLES[seed % len(htmlgen.STYLES)]
        page = htmlgen.render_html(report, style)  # some styles are GBK, as Word saves them
        out.append(page.decode("utf-8" if style == "portal" else "gbk"))
    return out


def pdf_corpus() -> list[bytes]:
    out = [p.read_bytes() for p in sorted((ROOT / "tests" / "fixtures" / "pdf").glob("*.pdf"))]
    out.append(pdfgen.render_pdf(random_report(random.Random(4), "2021")))
    out.append(pdfgen.raw_pdf([b"BT /F1 12 Tf 72 720 Td (1 2 3) Tj ET"], compress=False))
    return out


def mutate_docx(package: bytes, rng: random.Random, mutate: Mutate, texts: list[str]) -> bytes:
    """The package with `word/document.xml` changed: some text runs mutated as text is, markup
    inserted or cut; now and then the zip itself damaged."""
    with zipfile.ZipFile(io.BytesIO(package)) as source:
        parts = {info.filename: source.read(info) for info in source.infolist()}
    xml = parts["word/document.xml"].decode("utf-8")
    runs = list(_RUN.finditer(xml))
    for _ in range(rng.choice([1, 2, 4, 8])):
        action = rng.random()
        if runs and action < 0.6:
            run = rng.choice(runs)
            text = mutate(run.group(2), rng, texts)
            xml = xml.replace(run.group(0), run.group(1) + escape(text) + run.group(3), 1)
        elif action < 0.9:
            at = rng.randrange(len(xml) + 1)
            xml = xml[:at] + rng.choice(DOCX_MARKUP) + xml[at:]
        else:
            at = rng.randrange(len(xml) + 1)
            xml = xml[:at] + xml[at + rng.randint(1, 400) :]
    parts["word/document.xml"] = xml.encode("utf-8", "surrogatepass")
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as target:
        for name, data in parts.items():
            target.writestr(name, data)
    return _damage(buffer.getvalue(), rng, 0.1)


def mutate_html(page: str, rng: random.Random, mutate: Mutate, texts: list[str]) -> str:
    page = mutate(page, rng, texts)
    for _ in range(rng.choice([0, 1, 3])):
        at = rng.randrange(len(page) + 1)
        page = page[:at] + rng.choice(HTML_MARKUP) + page[at:]
    return page


def mutate_pdf(document: bytes, rng: random.Random) -> bytes:
    for _ in range(rng.choice([1, 2, 4])):
        at = rng.randrange(len(document) + 1)
        action = rng.random()
        if action < 0.4:
            document = document[:at] + rng.choice(PDF_TOKENS) + document[at:]
        elif action < 0.6:
            document = document[:at] + document[at + rng.randint(1, 64) :]
        elif action < 0.8:
            start = rng.randrange(len(document) + 1)
            document = document[:at] + document[start : start + rng.randint(1, 200)] + document[at:]
        else:
            document = _damage(document, rng, 1.0)
    return document


def _damage(data: bytes, rng: random.Random, chance: float) -> bytes:
    if rng.random() >= chance or not data:
        return data
    if rng.random() < 0.5:
        return data[: rng.randrange(len(data))]
    at = rng.randrange(len(data))
    return data[:at] + bytes([rng.randrange(256)]) + data[at + 1 :]
