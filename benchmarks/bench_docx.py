"""How fast is a DOCX report read and checked? Milliseconds per report, on one core, for the official
2021 template filled in (when ../shared or GOVDISCLOSE_SHARED has it) and for reports of both formats
built with python-docx: reading alone (the reader's `Document`), and the whole check.

    python benchmarks/bench_docx.py [--rounds N]

A benchmark, not a test: it prints numbers and asserts nothing. Target: 20 ms per report.
"""

from __future__ import annotations

import argparse
import functools
import random
import sys
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

from docxgen import TEMPLATE, fill_template, render_docx  # noqa: E402
from govdisclose_check import check_bytes  # noqa: E402
from govdisclose_check.ingest import docx_file  # noqa: E402
from reportgen import random_report  # noqa: E402


def best_of(fn: Callable[[], object], rounds: int, repeat: int = 5) -> float:
    """The best mean time per call over `repeat` runs of `rounds` calls (milliseconds)."""
    best = float("inf")
    for _ in range(repeat):
        start = time.process_time()
        for _ in range(rounds):
            fn()
        best = min(best, (time.process_time() - start) / rounds)
    return best * 1000


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rounds", type=int, default=50)
    args = parser.parse_args()
    inputs: dict[str, bytes] = {}
    if TEMPLATE.is_file():
        inputs["official template 2021, filled"] = fill_template(random_report(random.Random(1), "2021"))
    else:
        print(f"(no {TEMPLATE}: set GOVDISCLOSE_SHARED to include the official template)")
    for template in ("2021", "2019"):
        inputs[f"python-docx report {template}"] = render_docx(random_report(random.Random(1), template))
    print(f"{'report':36} {'KB':>5} {'read ms':>8} {'check ms':>9}")
    for name, data in inputs.items():
        read = best_of(functools.partial(docx_file.read, data, "r.docx"), args.rounds)
        check = best_of(functools.partial(check_bytes, data, "r.docx"), args.rounds)
        print(f"{name:36} {len(data) // 1024:5} {read:8.1f} {check:9.1f}")


if __name__ == "__main__":
    main()
