"""How fast is a check? Per input (the bundled examples, a 10 KB synthetic report, and 10 MB of
narrative in prose and inside a table), the median and best CPU time of: decoding alone, OpenCC
conversion alone (the floor of reading and normalising), reading and normalising, and the whole
`check_bytes`; reports per second and the ratio of a check to reading and normalising.

    python benchmarks/bench.py [--rounds N] [--big-rounds N] [--no-big]

CPU time (`time.process_time`), so that other work on the machine counts less; each of N rounds
times one call. A benchmark, not a test: it prints numbers and asserts nothing.
"""

from __future__ import annotations

import argparse
import functools
import random
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))
sys.path.insert(0, str(ROOT / "benchmarks"))

from stages import synthetic  # noqa: E402

from govdisclose_check import check_bytes, collector  # noqa: E402
from govdisclose_check.catalog import default_catalog  # noqa: E402
from govdisclose_check.ingest import read_bytes  # noqa: E402
from govdisclose_check.ingest.decode import decode  # noqa: E402
from govdisclose_check.normalize import normalize  # noqa: E402
from govdisclose_check.normalize.characters import _converter  # noqa: E402
from reportgen import random_report, render  # noqa: E402

BIG = default_catalog().with_params(
    "E005", max_bytes=100_000_000, max_chars=100_000_000, max_lines=10_000_000
)


def read_and_normalise(data: bytes, name: str) -> object:
    return normalize(read_bytes(data, name, max_bytes=len(data)))


def opencc_alone(text: str) -> object:
    return _converter().convert(text)


def cpu_times(fn: Callable[[], object], rounds: int) -> tuple[float, float]:
    """Median and best CPU seconds of one call, over `rounds` calls."""
    times = []
    for _ in range(rounds):
        started = time.process_time()
        fn()
        times.append(time.process_time() - started)
    return statistics.median(times), min(times)


def big_inputs() -> dict[str, bytes]:
    """10 MB of short narrative lines in section 一, and inside table 三 (as tests/test_linear.py)."""
    base = render(random_report(random.Random(1), "2021"), "tab")
    lines = "".join(
        f"本机关第{i}次推进政务公开工作，持续加强信息发布与政策解读。\n" for i in range(10_000_000 // 90)
    )
    in_prose = base.replace("一、总体情况\n", "一、总体情况\n" + lines, 1)
    in_table = base.replace("四、结转下年度继续办理", lines + "四、结转下年度继续办理", 1)
    return {"10MB-prose": in_prose.encode(), "10MB-in-table": in_table.encode()}


def row(name: str, data: bytes, rounds: int) -> tuple[float, float]:
    text = decode(data).text
    check = (
        functools.partial(check_bytes, data, name, catalog=BIG)
        if len(data) > 1_000_000
        else (functools.partial(check_bytes, data, name))
    )
    parts = [
        cpu_times(functools.partial(decode, data), rounds),
        cpu_times(functools.partial(opencc_alone, text), rounds),
        cpu_times(functools.partial(read_and_normalise, data, name), rounds),
        cpu_times(check, rounds),
    ]
    cells = " ".join(f"{median * 1000:9.3f} {best * 1000:8.3f}" for median, best in parts)
    read, whole = parts[2][0], parts[3][0]
    print(f"{name:28} {len(data) / 1000:8.1f} {cells} {1 / whole:9.0f} {whole / read:6.1f}")
    return read, whole


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rounds", type=int, default=200)
    parser.add_argument("--big-rounds", type=int, default=3)
    parser.add_argument("--no-big", action="store_true", help="leave out the 10 MB inputs")
    parser.add_argument(
        "--as-program",
        action="store_true",
        help="set the garbage collector as the command line sets it for its process (collector.py)",
    )
    args = parser.parse_args()
    if args.as_program:
        collector.for_a_program()

    inputs = {p.name: p.read_bytes() for p in sorted((ROOT / "examples").glob("*.txt"))}
    inputs["synthetic-10KB"] = synthetic()
    check_bytes(inputs["synthetic-10KB"], "warm-up.txt")  # load the catalog and OpenCC once

    heads = ("decode", "OpenCC", "read+norm", "check")
    print(f"{'':28} {'':>8} " + " ".join(f"{h:>18}" for h in heads))
    print(
        f"{'input':28} {'KB':>8} "
        + " ".join(f"{'median':>9} {'best':>8}" for _ in heads)
        + f" {'reports/s':>9} {'ratio':>6}"
    )
    total_read = total_check = 0.0
    for name, data in inputs.items():
        read, whole = row(name, data, args.rounds)
        total_read += read
        total_check += whole
    print(
        f"{'all (sum of medians)':28} {'':8} {'':>37} {total_read * 1000:9.3f} {'':8} "
        f"{total_check * 1000:9.3f} {'':8} {len(inputs) / total_check:9.0f} {total_check / total_read:6.1f}"
    )
    if not args.no_big:
        for name, data in big_inputs().items():
            row(name, data, args.big_rounds)
    print(
        f"python {sys.version.split()[0]}, one process, ms of CPU time, median and best of {args.rounds} "
        "calls "
        f"({args.big_rounds} for 10 MB); ratio = check / read+norm"
    )


if __name__ == "__main__":
    main()
