"""How fast is a PDF read and checked? Milliseconds per page and per report, for reports drawn by
tests/pdfgen.py (reportlab) and for the LibreOffice exports of tests/fixtures/pdf/.

    python benchmarks/bench_pdf.py [--reports N] [--repeat R]

The first PDF of a process also pays for loading pdfminer's CID maps (printed apart). A benchmark,
not a test: it prints numbers and asserts nothing. Target: 150 ms per page on one core.
"""

from __future__ import annotations

import argparse
import io
import random
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

import pdfplumber  # noqa: E402

from govdisclose_check import check_bytes  # noqa: E402
from govdisclose_check.ingest.pdf_file import read  # noqa: E402
from pdfgen import render_pdf  # noqa: E402
from reportgen import random_report  # noqa: E402


def pages_of(data: bytes) -> int:
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        return len(pdf.pages)


def best(data: bytes, repeat: int, check: bool) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        if check:
            check_bytes(data, "report.pdf")
        else:
            read(data, "report.pdf")
        times.append(time.perf_counter() - start)
    return min(times)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--reports", type=int, default=6)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    rng = random.Random(0)
    files = {
        f"pdfgen {template} #{i}": render_pdf(random_report(rng, template), repeat_header=i % 2 == 0)
        for i in range(args.reports)
        for template in ("2021", "2019")
    }
    for path in sorted((ROOT / "tests" / "fixtures" / "pdf").glob("*.pdf")):
        files[path.name] = path.read_bytes()
    first = next(iter(files.values()))
    start = time.perf_counter()
    read(first, None)
    print(f"first read in a process (loads the CID maps): {1000 * (time.perf_counter() - start):.0f} ms")
    print(f"{'file':28} {'pages':>5} {'read ms/page':>12} {'check ms/page':>13} {'check ms/report':>15}")
    total_pages = 0
    total_check = 0.0
    for name, data in files.items():
        pages = pages_of(data)
        reading = best(data, args.repeat, check=False)
        checking = best(data, args.repeat, check=True)
        total_pages += pages
        total_check += checking
        print(f"{name:28} {pages:>5} {1000 * reading / pages:>12.1f} {1000 * checking / pages:>13.1f}"
              f" {1000 * checking:>15.1f}")  # fmt: skip
    print(f"mean check time per page: {1000 * total_check / total_pages:.1f} ms (target 150 ms)")


if __name__ == "__main__":
    main()
