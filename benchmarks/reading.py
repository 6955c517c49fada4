"""What reading and normalising costs, beside its floor (decoding and OpenCC alone): instructions
counted by callgrind, which the load of a shared machine does not change, and CPU time.

    python benchmarks/reading.py [--rounds N] [--no-big]

Per input (the 10 KB synthetic report, the examples, and 10 MB of prose lines as bench.py builds
them): read+normalise (`normalize(read_bytes(...))`, as a check does it) and the floor, each run
`--rounds` times (once for 10 MB) between marks where callgrind dumps its counts (see
instructions.py); then the median CPU time of each outside callgrind. Needs valgrind. A benchmark,
not a test: it prints numbers and asserts nothing.
"""

from __future__ import annotations

import argparse
import functools
import os
import re
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "benchmarks"))
sys.path.insert(0, str(ROOT / "tests"))

from bench import big_inputs  # noqa: E402
from stages import synthetic  # noqa: E402

from govdisclose_check.ingest import read_bytes  # noqa: E402
from govdisclose_check.ingest.decode import decode  # noqa: E402
from govdisclose_check.normalize import normalize  # noqa: E402
from govdisclose_check.normalize.characters import _converter  # noqa: E402

MARK = "os_getppid"  # callgrind dumps its counts before each call of os.getppid()


def inputs(big: bool) -> dict[str, bytes]:
    found = {"synthetic-10KB": synthetic()}
    found.update({p.name: p.read_bytes() for p in sorted((ROOT / "examples").glob("*.txt"))})
    if big:
        found["10MB-prose"] = big_inputs()["10MB-prose"]
    return found


def read_and_normalise(data: bytes) -> object:
    return normalize(read_bytes(data, "report.txt", max_bytes=len(data)))


def floor(data: bytes) -> object:
    return _converter().convert(decode(data).text)


def steps(data: bytes) -> list[Callable[[], object]]:
    return [functools.partial(read_and_normalise, data), functools.partial(floor, data)]


def rounds_for(data: bytes, rounds: int) -> int:
    return 1 if len(data) > 1_000_000 else rounds


def measured(rounds: int, big: bool) -> None:
    """Under callgrind: each step of each input `rounds` times between marks, warmed up first."""
    data = inputs(big)
    for raw in data.values():
        for step in steps(raw):
            step()
    for raw in data.values():
        for step in steps(raw):
            os.getppid()
            for _ in range(rounds_for(raw, rounds)):
                step()
    os.getppid()


def instructions(rounds: int, big: bool) -> list[int]:
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "cg.out"
        command = ["valgrind", "--tool=callgrind", f"--dump-before={MARK}", f"--callgrind-out-file={out}"]
        command += [sys.executable, __file__, "--measured", "--rounds", str(rounds)]
        command += [] if big else ["--no-big"]
        subprocess.run(command, check=True, capture_output=True)
        parts = sorted(Path(tmp).glob("cg.out.*"), key=lambda p: int(p.suffix[1:]))
        totals = [
            int(m[1]) if (m := re.search(r"^summary:\s+(\d+)", p.read_text(), re.M)) else 0 for p in parts
        ]
    return totals[1:]  # the first dump is everything before the first mark


def cpu_ms(step: Callable[[], object], rounds: int) -> float:
    times = []
    for _ in range(rounds):
        started = time.process_time()
        step()
        times.append(time.process_time() - started)
    return statistics.median(times) * 1000


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rounds", type=int, default=20)
    parser.add_argument("--no-big", action="store_true", help="leave out the 10 MB input")
    parser.add_argument("--measured", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.measured:
        measured(args.rounds, not args.no_big)
        return
    counts = iter(instructions(args.rounds, not args.no_big))
    print(f"{'input':26} {'read+norm':>14} {'floor':>14} {'read+norm':>10} {'floor':>8}")
    print(f"{'':26} {'instructions per run':>29} {'ms CPU (median)':>19}")
    for name, raw in inputs(not args.no_big).items():
        n = rounds_for(raw, args.rounds)
        read, least = next(counts) // n, next(counts) // n
        times = [cpu_ms(step, max(n, 3)) for step in steps(raw)]
        print(f"{name:26} {read:14,} {least:14,} {times[0]:10.3f} {times[1]:8.3f}")
    print("floor = decoding and OpenCC conversion alone")


if __name__ == "__main__":
    main()
