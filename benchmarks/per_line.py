"""What one more line of narrative costs, in instructions (callgrind), by stage: as prose (in section
一) and inside table 三's region, the lines of bench.py's 10 MB inputs. Each stage of a report with N
such lines, less the same stage of the report without them, divided by N: a number that the load of
a shared machine does not change, to compare two versions of the code (issue 14, item 4).

    python benchmarks/per_line.py [--lines N]

Needs valgrind. A benchmark, not a test: it prints numbers and asserts nothing.
"""

from __future__ import annotations

import argparse
import os
import random
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))
sys.path.insert(0, str(ROOT / "benchmarks"))

from instructions import counted  # noqa: E402

from govdisclose_check import check_bytes, collector  # noqa: E402
from govdisclose_check.catalog import default_catalog  # noqa: E402
from govdisclose_check.engine import resolve, run  # noqa: E402
from govdisclose_check.ingest import TextLimits, read_bytes  # noqa: E402
from govdisclose_check.normalize import normalize  # noqa: E402
from govdisclose_check.parse import parse_document  # noqa: E402
from reportgen import random_report, render  # noqa: E402

BIG = default_catalog().with_params(
    "E005", max_bytes=100_000_000, max_chars=100_000_000, max_lines=10_000_000
)
LIMITS = TextLimits(10**9, 10**9)
STAGES = ("read", "parse", "engine", "check")
KINDS = ("without", "prose", "in-table")


def inputs(lines: int) -> dict[str, bytes]:
    """The report of bench.py, without the lines, with them in section 一, and in table 三's region."""
    base = render(random_report(random.Random(1), "2021"), "tab")
    extra = "".join(f"本机关第{i}次推进政务公开工作，持续加强信息发布与政策解读。\n" for i in range(lines))
    return {
        "without": base.encode(),
        "prose": base.replace("一、总体情况\n", "一、总体情况\n" + extra, 1).encode(),
        "in-table": base.replace("四、结转下年度继续办理", extra + "四、结转下年度继续办理", 1).encode(),
    }


def measured(lines: int) -> None:
    """Under callgrind: each input checked once to warm up, then each stage of it between marks."""
    collector.for_a_program()  # as the command line sets the collector
    selection = resolve(BIG)
    data = inputs(lines)
    for name, raw in data.items():
        check_bytes(raw, name, catalog=BIG)
    for name, raw in data.items():
        os.getppid()
        document = read_bytes(raw, name, max_bytes=len(raw), limits=LIMITS)
        os.getppid()
        report = parse_document(normalize(document), BIG)  # (a text file's: normalised as read)
        os.getppid()
        run(report, BIG, selection)
        os.getppid()
        check_bytes(raw, name, catalog=BIG)
    os.getppid()


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--lines", type=int, default=11_111, help="lines of narrative (11,111: about 1 MB)")
    parser.add_argument("--measured", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--rounds", type=int, help=argparse.SUPPRESS)  # `counted` gives the lines so
    args = parser.parse_args()
    if args.measured:
        measured(args.rounds)
        return
    parts = counted(__file__, args.lines)[1:]  # the first dump is everything before the first mark
    stages = {kind: parts[i * len(STAGES) : (i + 1) * len(STAGES)] for i, kind in enumerate(KINDS)}
    print(f"{'instructions a line':20}" + "".join(f"{s:>10}" for s in STAGES))
    for kind in KINDS[1:]:
        row = [(a - b) / args.lines for a, b in zip(stages[kind], stages["without"], strict=True)]
        print(f"{kind:20}" + "".join(f"{v:10,.0f}" for v in row))


if __name__ == "__main__":
    main()
