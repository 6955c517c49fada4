"""How long does the CLI take to start and check one small file? Best-of-N wall and CPU time of
`govdisclose-check check FILE` (text to a pipe, and `--format json`), of a bare `python -c pass`
for comparison, and the slowest imports under `-X importtime`.

    python benchmarks/startup.py [--rounds N] [--top K] [--instructions] [FILE]

Each run is a fresh interpreter running what the installed script runs, as a user's would be; the first
run may build the on-disk catalog cache, the best-of-N shows a run that found it. CPU time is the
child's user+system time (`resource.getrusage`), which other work on the machine changes less than
wall time. `--instructions` also counts each command's instructions with callgrind (needs valgrind;
a count the load does not change, to compare two versions on a busy machine). A benchmark, not a
test: it prints numbers and asserts nothing.
"""

from __future__ import annotations

import argparse
import os
import re
import resource
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT = ROOT / "examples" / "000_c3557deb96c0a3f4.txt"
# what the installed `govdisclose-check` script runs (pip's console-script wrapper)
CONSOLE_SCRIPT = "import sys; from govdisclose_check.cli import main; sys.exit(main())"


def _env() -> dict[str, str]:
    env = dict(os.environ)
    # An installed package has its bytecode compiled (pip does it); without this, a shell that sets
    # PYTHONDONTWRITEBYTECODE would measure compiling every module from source on every run.
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(ROOT / "src"), env.get("PYTHONPATH", "")]))
    return env


def timed(argv: list[str], rounds: int) -> tuple[float, float]:
    """Best wall and best CPU (user + system) seconds of `rounds` runs of `argv`."""
    best_wall = best_cpu = float("inf")
    env = _env()
    for _ in range(rounds):
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        start = time.perf_counter()
        subprocess.run(argv, capture_output=True, env=env, check=False)
        wall = time.perf_counter() - start
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
        best_wall, best_cpu = min(best_wall, wall), min(best_cpu, cpu)
    return best_wall, best_cpu


def instructions(argv: list[str]) -> int:
    """The instructions one run of `argv` executes (callgrind; the run before it warmed the caches)."""
    done = subprocess.run(
        ["valgrind", "--tool=callgrind", "--callgrind-out-file=/dev/null", *argv],
        capture_output=True,
        text=True,
        env=_env(),
        check=False,  # `check` exits 1 when there are findings
    )
    found = re.search(r"Collected\s*:\s*(\d+)", done.stderr)
    if found is None:
        raise SystemExit(f"no instruction count from callgrind:\n{done.stderr[-2000:]}")
    return int(found.group(1))


def import_times(argv: list[str], top: int) -> tuple[int, list[tuple[int, int, str]]]:
    """The total import time (µs, the sum of top-level imports) and the `top` slowest cumulative."""
    done = subprocess.run(
        [sys.executable, "-X", "importtime", *argv], capture_output=True, text=True, env=_env(), check=False
    )
    rows: list[tuple[int, int, str]] = []
    total = 0
    for line in done.stderr.splitlines():
        if not line.startswith("import time:") or "cumulative" in line:
            continue
        self_us, cumulative, name = line.removeprefix("import time:").split("|", 2)
        rows.append((int(cumulative), int(self_us), name.rstrip()))
        if not name.startswith("  "):  # a top-level import: its cumulative time counts once
            total += int(cumulative)
    return total, sorted(rows, reverse=True)[:top]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("file", nargs="?", default=str(DEFAULT))
    parser.add_argument("--rounds", type=int, default=10)
    parser.add_argument("--top", type=int, default=10)
    parser.add_argument("--instructions", action="store_true", help="also count instructions (callgrind)")
    args = parser.parse_args()

    cli = [sys.executable, "-c", CONSOLE_SCRIPT, "check"]
    runs = {
        "python -c pass": [sys.executable, "-c", "pass"],
        "check FILE (text)": [*cli, args.file],
        "check --format json FILE": [*cli, "--format", "json", args.file],
    }
    counted = f" {'instructions':>13}" if args.instructions else ""
    print(f"{'command':28} {'best wall ms':>13} {'best CPU ms':>12}{counted}   (best of {args.rounds})")
    for name, argv in runs.items():
        timed(argv, 1)  # warm-up: bytecode written, caches filled
        wall, cpu = timed(argv, args.rounds)
        count = f" {instructions(argv) / 1e6:12.1f}M" if args.instructions else ""
        print(f"{name:28} {wall * 1000:13.1f} {cpu * 1000:12.1f}{count}")

    timed([sys.executable, "-c", CONSOLE_SCRIPT, "check", args.file], 1)
    total, top = import_times(["-c", CONSOLE_SCRIPT, "check", args.file], args.top)
    print(f"\nimports of `check FILE`: {total / 1000:.1f} ms in all; slowest (cumulative, self, ms):")
    for cumulative, self_us, name in top:
        print(f"{cumulative / 1000:8.1f} {self_us / 1000:8.1f}  {name}")


if __name__ == "__main__":
    main()
