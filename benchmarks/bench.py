"""How fast is a check? Reports per second on the bundled examples and on a 10 KB synthetic report,
and the ratio to only reading and normalising the same files.

    python benchmarks/bench.py [--rounds N]

A benchmark, not a test: it prints numbers and asserts nothing.
"""

from __future__ import annotations

import argparse
import functools
import random
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))
sys.path.insert(0, str(ROOT / "benchmarks"))

from timing import best_of  # noqa: E402

from govdisclose_check import check_bytes  # noqa: E402
from govdisclose_check.ingest import read_bytes  # noqa: E402
from govdisclose_check.normalize import normalize  # noqa: E402
from reportgen import random_report, render  # noqa: E402


def read_and_normalise(data: bytes, name: str) -> object:
    return normalize(read_bytes(data, name, max_bytes=len(data)))


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rounds", type=int, default=200)
    args = parser.parse_args()

    inputs = {p.name: p.read_bytes() for p in sorted((ROOT / "examples").glob("*.txt"))}
    synthetic = render(random_report(random.Random(1), "2021"), "tab").encode("utf-8")
    padding = ("本机关认真贯彻落实政府信息公开条例，持续推进政务公开工作。" * 6 + "\n").encode("utf-8")
    while len(synthetic) < 10_000:
        synthetic = synthetic.replace("一、总体情况\n".encode(), "一、总体情况\n".encode() + padding, 1)
    inputs["synthetic-10KB"] = synthetic
    check_bytes(synthetic, "warm-up.txt")  # load the catalog and OpenCC once

    print(f"{'input':28} {'KB':>6} {'read+normalise ms':>18} {'check ms':>9} {'reports/s':>10} {'ratio':>6}")
    total_check = total_read = 0.0
    for name, data in inputs.items():
        read = best_of(functools.partial(read_and_normalise, data, name), args.rounds)
        check = best_of(functools.partial(check_bytes, data, name), args.rounds)
        total_check += check
        total_read += read
        print(
            f"{name:28} {len(data) / 1000:6.1f} {read * 1000:18.3f} {check * 1000:9.3f} "
            f"{1 / check:10.0f} {check / read:6.1f}"
        )
    print(
        f"{'all':28} {'':6} {total_read * 1000:18.3f} {total_check * 1000:9.3f} "
        f"{len(inputs) / total_check:10.0f} {total_check / total_read:6.1f}"
    )
    print(f"python {sys.version.split()[0]}, one process, best of 5 runs of {args.rounds} checks each")


if __name__ == "__main__":
    main()
