"""Inputs that a fixture cannot write as text: files of other formats built from the case's report.

A fixture names one with `input = { kind = "made", value = NAME }`; the builder gets the case's
generated report (its template, year and seed; the text edits of the case do not apply) and returns
the bytes to check.
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Callable

from docxgen import render_docx
from markdowngen import render_markdown
from pdfgen import render_pdf, scan_pdf
from reportgen import SyntheticReport

Builder = Callable[[SyntheticReport], bytes]


def _zip_bomb(_report: SyntheticReport) -> bytes:
    """A Word package whose document part inflates 3 MB from a few kilobytes."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", b"<Types/>")
        archive.writestr("word/document.xml", b" " * 3_000_000)
    return buffer.getvalue()


def _truncated_docx(report: SyntheticReport) -> bytes:
    whole = render_docx(report)
    return whole[: len(whole) // 2]


MADE: dict[str, Builder] = {
    "pdf": render_pdf,
    "scan-pdf": lambda _report: scan_pdf(2),
    "docx": render_docx,
    "truncated-docx": _truncated_docx,
    "zip-bomb": _zip_bomb,
    "torn-markdown": lambda report: render_markdown(report, "torn").encode("utf-8"),
    "split-markdown": lambda report: render_markdown(report, "split-heading").encode("utf-8"),
}
