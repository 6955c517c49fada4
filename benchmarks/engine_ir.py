"""The engine alone, run N times on one input: for instruction counts with callgrind, which the
load of a shared machine does not change. The engine's count per run is the difference of two
runs divided by the extra runs:

    valgrind --tool=callgrind --callgrind-out-file=/tmp/e1.cg python benchmarks/engine_ir.py NAME 1
    valgrind --tool=callgrind --callgrind-out-file=/tmp/e11.cg python benchmarks/engine_ir.py NAME 11
    callgrind_annotate /tmp/e1.cg | head -20     # "PROGRAM TOTALS": (Ir(11) - Ir(1)) / 10

NAME: an example's file name (examples/), `synthetic-10KB` (stages.py), or `prose-10MB` (the base
report of tests/reportgen.py with 10 MB of sentence lines after 一、总体情况, as test_linear.py makes).
With `--cpu` it prints the CPU ms per run instead. A benchmark, not a test.
"""

from __future__ import annotations

import argparse
import random
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT / "benchmarks"), str(ROOT / "tests")]

from stages import CATALOG, LIMITS, synthetic  # noqa: E402

from govdisclose_check.engine import resolve, run  # noqa: E402
from govdisclose_check.ingest import read_bytes  # noqa: E402
from govdisclose_check.normalize import normalize  # noqa: E402
from govdisclose_check.parse import parse_document  # noqa: E402
from reportgen import random_report, render  # noqa: E402


def prose_10mb() -> bytes:
    base = render(random_report(random.Random(1), "2021"), "tab")
    line = "本机关第{}次推进政务公开工作持续加强信息发布与政策解读回应社会关切\n"
    extra = "".join(line.format(i) for i in range(96_000))
    return base.replace("一、总体情况\n", "一、总体情况\n" + extra, 1).encode("utf-8")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("input")
    parser.add_argument("runs", type=int)
    parser.add_argument("--cpu", action="store_true", help="print CPU ms per run")
    args = parser.parse_args()
    catalog = CATALOG
    if args.input == "synthetic-10KB":
        data = synthetic()
    elif args.input == "prose-10MB":
        data = prose_10mb()
        catalog = CATALOG.with_params("E005", max_chars=100_000_000, max_lines=10_000_000)
    else:
        data = (ROOT / "examples" / args.input).read_bytes()
    document = read_bytes(data, args.input, max_bytes=len(data), limits=LIMITS)
    report = parse_document(normalize(document), catalog)
    selection = resolve(catalog)
    run(report, catalog, selection)  # warm-up: the rules' compiled patterns and identity plans
    started = time.process_time()
    for _ in range(args.runs):
        run(report, catalog, selection)
    if args.cpu and args.runs:
        print(f"{args.input}: engine {(time.process_time() - started) * 1000 / args.runs:.3f} ms CPU per run")


if __name__ == "__main__":
    main()
