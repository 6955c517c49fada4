"""Instructions per parse and per check of each input, counted by callgrind: a number that the load of
a shared machine does not change (CPU times do), to compare two versions of the code.

    python benchmarks/instructions.py [--rounds N]

Runs itself once under `valgrind --tool=callgrind`, every input warmed up first; a call of
`os.getppid()` marks where each measured stretch begins and ends (callgrind dumps its counts there),
and each stretch is `--rounds` parses or checks of one input. Needs valgrind. A benchmark, not a
test: it prints numbers and asserts nothing.
"""

from __future__ import annotations

import argparse
import os
import re
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "benchmarks"))

from stages import CATALOG, LIMITS, synthetic  # noqa: E402

from govdisclose_check import check_bytes  # noqa: E402
from govdisclose_check.ingest import read_bytes  # noqa: E402
from govdisclose_check.normalize import normalize  # noqa: E402
from govdisclose_check.parse import parse_document  # noqa: E402

MARK = "os_getppid"  # the C function behind os.getppid(): callgrind dumps its counts before each call


def inputs() -> dict[str, bytes]:
    found = {"synthetic-10KB": synthetic()}
    found.update({p.name: p.read_bytes() for p in sorted((ROOT / "examples").glob("*.txt"))})
    return found


def measured(rounds: int) -> None:
    """Under callgrind: warm every input up, then parse and check each `rounds` times between marks."""
    data = inputs()
    documents = {}
    for name, raw in data.items():
        check_bytes(raw, name)
        documents[name] = normalize(read_bytes(raw, name, max_bytes=len(raw), limits=LIMITS))
        parse_document(documents[name], CATALOG)
    for name, raw in data.items():
        os.getppid()
        for _ in range(rounds):
            parse_document(documents[name], CATALOG)
        os.getppid()
        for _ in range(rounds):
            check_bytes(raw, name)
    os.getppid()


def counted(script: str, rounds: int) -> list[int]:
    """Run `script --measured --rounds N` under callgrind: the instructions of each stretch between
    two calls of `os.getppid()` (MARK), in order, the one before the first mark included."""
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "cg.out"
        command = ["valgrind", "--tool=callgrind", f"--dump-before={MARK}", f"--callgrind-out-file={out}"]
        command += [sys.executable, script, "--measured", "--rounds", str(rounds)]
        subprocess.run(command, check=True, capture_output=True)
        parts = sorted(Path(tmp).glob("cg.out.*"), key=lambda p: int(p.suffix[1:]))
        return [
            int(m[1]) if (m := re.search(r"^summary:\s+(\d+)", p.read_text(), re.M)) else 0 for p in parts
        ]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--measured", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.measured:
        measured(args.rounds)
        return
    stretches = counted(__file__, args.rounds)[1:]  # the first dump is everything before the first mark
    print(f"{'input':26} {'parse':>12} {'check':>12}  instructions per run")
    for i, name in enumerate(inputs()):
        parse, check = stretches[2 * i] // args.rounds, stretches[2 * i + 1] // args.rounds
        print(f"{name:26} {parse:12,} {check:12,}")


if __name__ == "__main__":
    main()
