"""Word packages made from a few lines of WordprocessingML, for the tests of markup and of hostile files."""

from __future__ import annotations

import io
import zipfile

import docx

from docxgen import to_bytes

NAMESPACES = {
    "w": "http://schemas.openxmlformats.org/wordprocessingml/2006/main",
    "mc": "http://schemas.openxmlformats.org/markup-compatibility/2006",
    "wp": "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing",
    "a": "http://schemas.openxmlformats.org/drawingml/2006/main",
    "wps": "http://schemas.microsoft.com/office/word/2010/wordprocessingShape",
    "v": "urn:schemas-microsoft-com:vml",
    "r": "http://schemas.openxmlformats.org/officeDocument/2006/relationships",
}
DECLARATIONS = " ".join(f'xmlns:{prefix}="{uri}"' for prefix, uri in NAMESPACES.items())


def document_xml(body: str, head: str = "") -> bytes:
    """A whole main part around `body` (WordprocessingML of the body's children)."""
    return (
        f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n{head}'
        f"<w:document {DECLARATIONS}><w:body>{body}</w:body></w:document>"
    ).encode()


def repack(data: bytes, changes: dict[str, bytes | None]) -> bytes:
    """The package with some parts replaced (or left out, for None) and others added."""
    out = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(data)) as source,
        zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target,
    ):
        for info in source.infolist():
            if info.filename not in changes:
                target.writestr(info.filename, source.read(info.filename))
        for name, content in changes.items():
            if content is not None:
                target.writestr(name, content)
    return out.getvalue()


def blank_package() -> bytes:
    return to_bytes(docx.Document())


def body_docx(body: str, head: str = "") -> bytes:
    """A real package (python-docx's default one) whose body is `body`."""
    return repack(blank_package(), {"word/document.xml": document_xml(body, head)})


def p(*runs: str) -> str:
    """A paragraph of plain runs."""
    return "<w:p>" + "".join(r(text) for text in runs) + "</w:p>"


def r(text: str) -> str:
    return f'<w:r><w:t xml:space="preserve">{text}</w:t></w:r>'


def tc(*paragraphs: str, props: str = "") -> str:
    content = "".join(paragraphs) or "<w:p/>"
    return f"<w:tc>{f'<w:tcPr>{props}</w:tcPr>' if props else ''}{content}</w:tc>"


def tr(*cells: str) -> str:
    return "<w:tr>" + "".join(cells) + "</w:tr>"


def tbl(*rows: str) -> str:
    return "<w:tbl><w:tblPr/>" + "".join(rows) + "</w:tbl>"
