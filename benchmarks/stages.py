"""Where a check's time goes: CPU time per stage (read, normalise, parse, engine) and per rule family,
then cProfile's top functions, on the 10 KB synthetic report of bench.py and on the examples.

    python benchmarks/stages.py [--rounds N] [--top K] [--input NAME]

CPU time (`time.process_time`), not wall time, so that other work on the machine counts less.
A benchmark, not a test: it prints numbers and asserts nothing.
"""

from __future__ import annotations

import argparse
import cProfile
import io
import pstats
import random
import sys
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

from govdisclose_check import check_bytes  # noqa: E402
from govdisclose_check.catalog import default_catalog  # noqa: E402
from govdisclose_check.engine import resolve, run  # noqa: E402
from govdisclose_check.engine.context import Context  # noqa: E402
from govdisclose_check.ingest import TextLimits, read_bytes  # noqa: E402
from govdisclose_check.model import Report  # noqa: E402
from govdisclose_check.normalize import normalize  # noqa: E402
from govdisclose_check.parse import parse_document  # noqa: E402
from reportgen import random_report, render  # noqa: E402

CATALOG = default_catalog()
SELECTION = resolve(CATALOG)
LIMITS = TextLimits(10**9, 10**9)


def synthetic() -> bytes:
    """The 10 KB report of bench.py."""
    data = render(random_report(random.Random(1), "2021"), "tab").encode("utf-8")
    padding = ("本机关认真贯彻落实政府信息公开条例，持续推进政务公开工作。" * 6 + "\n").encode("utf-8")
    while len(data) < 10_000:
        data = data.replace("一、总体情况\n".encode(), "一、总体情况\n".encode() + padding, 1)
    return data


def cpu_ms(fn: Callable[[], object], rounds: int) -> float:
    """The best mean CPU time per call, in ms, over 5 runs of `rounds` calls."""
    best = float("inf")
    for _ in range(5):
        started = time.process_time()
        for _ in range(rounds):
            fn()
        best = min(best, (time.process_time() - started) / rounds)
    return best * 1000


def stages(name: str, data: bytes, rounds: int) -> str:
    document = read_bytes(data, name, max_bytes=len(data), limits=LIMITS)
    normalised = normalize(document)
    report = parse_document(normalised, CATALOG)
    times = [
        cpu_ms(lambda: read_bytes(data, name, max_bytes=len(data), limits=LIMITS), rounds),
        cpu_ms(lambda: normalize(document), rounds),
        cpu_ms(lambda: parse_document(normalised, CATALOG), rounds),
        cpu_ms(lambda: run(report, CATALOG, SELECTION), rounds),
        cpu_ms(lambda: check_bytes(data, name), rounds),
    ]
    return f"{name:26} {len(data) / 1000:5.1f} " + " ".join(f"{t:7.3f}" for t in times)


def families(report: Report, rounds: int) -> tuple[dict[str, float], dict[str, float]]:
    """CPU ms per rule family and per rule, each rule timed as the engine runs it."""
    family: dict[str, float] = {}
    rule: dict[str, float] = {}
    for _ in range(rounds):
        ctx = Context(report, CATALOG, SELECTION.enabled, SELECTION.ignored)
        for spec in CATALOG.rules:
            check = spec.check.run
            if check is None or (spec.templates and report.template not in spec.templates):
                continue
            started = time.process_time()
            check(ctx, spec, spec.params)
            spent = (time.process_time() - started) * 1000 / rounds
            family[spec.code[0]] = family.get(spec.code[0], 0.0) + spent
            rule[spec.code] = rule.get(spec.code, 0.0) + spent
    return family, rule


def top(inputs: dict[str, bytes], rounds: int, k: int) -> str:
    profile = cProfile.Profile()
    profile.enable()
    for _ in range(rounds):
        for name, data in inputs.items():
            check_bytes(data, name)
    profile.disable()
    out = io.StringIO()
    for key in ("cumulative", "tottime"):
        pstats.Stats(profile, stream=out).strip_dirs().sort_stats(key).print_stats(k)
    return out.getvalue()


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rounds", type=int, default=100)
    parser.add_argument("--top", type=int, default=15)
    parser.add_argument("--input", help="only this example (a file name) or synthetic-10KB")
    args = parser.parse_args()
    inputs = {p.name: p.read_bytes() for p in sorted((ROOT / "examples").glob("*.txt"))}
    inputs["synthetic-10KB"] = synthetic()
    if args.input:
        inputs = {args.input: inputs[args.input]}
    for name, data in inputs.items():
        check_bytes(data, name)  # warm-up: the catalog, OpenCC, the rules' compiled patterns
    print(f"{'input':26} {'KB':>5} {'read':>7} {'norm':>7} {'parse':>7} {'engine':>7} {'check':>7}  ms CPU")
    for name, data in inputs.items():
        print(stages(name, data, args.rounds))
    print("\nengine per rule family (ms CPU), and the costliest rules")
    for name, data in inputs.items():
        report = parse_document(
            normalize(read_bytes(data, name, max_bytes=len(data), limits=LIMITS)), CATALOG
        )
        family, rule = families(report, args.rounds)
        worst = sorted(rule.items(), key=lambda kv: -kv[1])[:6]
        print(
            f"{name:26} "
            + " ".join(f"{f}:{t:.3f}" for f, t in sorted(family.items()))
            + " | "
            + " ".join(f"{c}:{t:.3f}" for c, t in worst)
        )
    print(f"\ncProfile of {args.rounds} checks of each input, top {args.top} by cumulative and by own time")
    print(top(inputs, args.rounds, args.top))
    print(f"python {sys.version.split()[0]}, one process")


if __name__ == "__main__":
    main()
