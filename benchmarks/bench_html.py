"""How fast is the HTML reader? Milliseconds per synthetic report page in each style of
`tests/htmlgen.py`: reading alone (bytes → Document) and a whole check. Target: ≤ 10 ms per report.

    python benchmarks/bench_html.py [--rounds N]

A benchmark, not a test: it prints numbers and asserts nothing.
"""

from __future__ import annotations

import argparse
import random
import sys
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

from govdisclose_check import check_bytes  # noqa: E402
from govdisclose_check.ingest.html_page import read  # noqa: E402
from htmlgen import STYLES, render_html  # noqa: E402
from reportgen import random_report  # noqa: E402


def best_ms(fn: Callable[[], object], rounds: int, repeat: int = 5) -> float:
    best = float("inf")
    for _ in range(repeat):
        start = time.perf_counter()
        for _ in range(rounds):
            fn()
        best = min(best, (time.perf_counter() - start) / rounds)
    return best * 1000


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rounds", type=int, default=20)
    rounds = parser.parse_args().rounds
    report = random_report(random.Random(1), "2021")
    check_bytes(render_html(report, "portal"), "warm.html")
    print(f"{'style':8} {'KB':>6} {'read ms':>8} {'check ms':>9}")
    for style in STYLES:
        data = render_html(report, style)
        read_ms = best_ms(lambda d=data: read(d, "r.html"), rounds)  # type: ignore[misc]
        check_ms = best_ms(lambda d=data: check_bytes(d, "r.html"), rounds)  # type: ignore[misc]
        print(f"{style:8} {len(data) / 1024:6.1f} {read_ms:8.2f} {check_ms:9.2f}")


if __name__ == "__main__":
    main()
