"""How fast is each format read and checked? The same reports written as text, HTML pages, DOCX
and PDF: milliseconds per report for reading alone (bytes → Document) and for the whole check, and
per page for PDF; also the committed LibreOffice PDF exports and, when ../shared (or
GOVDISCLOSE_SHARED) has it, the official 2021 DOCX template filled in.

    python benchmarks/formats.py [--rounds N] [--formats text,html,docx,pdf]

Targets on one core: DOCX ≤ 20 ms, HTML ≤ 10 ms, PDF ≤ 150 ms per page. The first PDF of a process
also pays for loading pdfminer's CID maps once (printed apart). A benchmark, not a test: it prints
numbers and asserts nothing.
"""

from __future__ import annotations

import argparse
import functools
import io
import random
import sys
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))
sys.path.insert(0, str(ROOT / "benchmarks"))

import pdfplumber  # noqa: E402
from timing import best_of  # noqa: E402

from docxgen import TEMPLATE, fill_template, render_docx  # noqa: E402
from govdisclose_check import check_bytes  # noqa: E402
from govdisclose_check.ingest import read_bytes  # noqa: E402
from htmlgen import STYLES, render_html  # noqa: E402
from pdfgen import render_pdf  # noqa: E402
from reportgen import random_report, render  # noqa: E402

LIMIT = 20_000_000
Inputs = dict[str, tuple[str, bytes]]  # name -> (file name, bytes)


def inputs(formats: set[str]) -> Inputs:
    made: Inputs = {}
    for template in ("2021", "2019"):
        report = random_report(random.Random(1), template)
        if "text" in formats:
            made[f"text tab {template}"] = ("r.txt", render(report, "tab").encode("utf-8"))
        if "html" in formats:
            for style in STYLES:
                made[f"html {style} {template}"] = ("r.html", render_html(report, style))
        if "docx" in formats:
            made[f"docx python-docx {template}"] = ("r.docx", render_docx(report))
            if template == "2021" and TEMPLATE.is_file():
                made["docx official template 2021"] = ("r.docx", fill_template(report))
        if "pdf" in formats:
            made[f"pdf reportlab {template}"] = ("r.pdf", render_pdf(report))
    if "pdf" in formats:
        for path in sorted((ROOT / "tests" / "fixtures" / "pdf").glob("*.pdf")):
            made[f"pdf {path.stem}"] = ("r.pdf", path.read_bytes())
    return made


def pages(data: bytes) -> int:
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        return len(pdf.pages)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rounds", type=int, default=20)
    parser.add_argument("--formats", default="text,html,docx,pdf")
    args = parser.parse_args()
    made = inputs(set(args.formats.split(",")))
    pdfs = [data for name, (_, data) in made.items() if name.startswith("pdf")]
    if pdfs:
        start = time.perf_counter()
        read_bytes(pdfs[0], "r.pdf", max_bytes=LIMIT)
        first_ms = 1000 * (time.perf_counter() - start)
        print(f"first PDF in a process (loads pdfminer's CID maps): {first_ms:.0f} ms")
    print(f"{'input':34} {'KB':>6} {'read ms':>8} {'check ms':>9} {'pages':>5} {'check ms/page':>13}")
    for name, (file_name, data) in made.items():
        check_bytes(data, file_name)  # warm up: the catalog, OpenCC, the reader's imports
        rounds = max(1, args.rounds // 10) if name.startswith("pdf") else args.rounds
        read: Callable[[], object] = functools.partial(read_bytes, data, file_name, max_bytes=LIMIT)
        read_ms = 1000 * best_of(read, rounds, repeat=3)
        check_ms = 1000 * best_of(functools.partial(check_bytes, data, file_name), rounds, repeat=3)
        n = pages(data) if name.startswith("pdf") else 0
        per_page = f"{check_ms / n:13.1f}" if n else f"{'':13}"
        print(f"{name:34} {len(data) / 1024:6.1f} {read_ms:8.2f} {check_ms:9.2f} {n or '':>5} {per_page}")
    print(f"python {sys.version.split()[0]}, one process, best of 3 runs")


if __name__ == "__main__":
    main()
