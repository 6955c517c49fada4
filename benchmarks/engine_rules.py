"""Instructions of the engine stage alone, per input and per rule, counted by callgrind: a number the
load of a shared machine does not change (CPU times do), to compare two versions of the engine.

    python benchmarks/engine_rules.py [--rounds N] [--rules K]

Runs itself once under `valgrind --tool=callgrind`. For each input (the 10 KB synthetic report of
stages.py and the examples) the report is parsed once and the engine warmed up; then `--rounds`
checks are run the way `engine.run` runs them, with a call of `os.getppid()` (callgrind dumps its
counts there) before each rule and before the closing sort. A rule's count includes what it makes
first for the rules after it (the joined prose, the cell scan: `Context.memo`). "fixed" is the
context, the rules' selection and the closing sort and fingerprints. Needs valgrind. A benchmark,
not a test: it prints numbers and asserts nothing.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

import attrs

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "benchmarks"))

from instructions import counted  # noqa: E402
from stages import CATALOG, LIMITS, SELECTION, synthetic  # noqa: E402

from govdisclose_check.engine import _applies, _capped, run, sort_key, unique_fingerprints  # noqa: E402
from govdisclose_check.engine.context import Context  # noqa: E402
from govdisclose_check.ingest import read_bytes  # noqa: E402
from govdisclose_check.model import Report  # noqa: E402
from govdisclose_check.normalize import normalize  # noqa: E402
from govdisclose_check.parse import parse_document  # noqa: E402


def inputs() -> dict[str, bytes]:
    found = {"synthetic-10KB": synthetic()}
    found.update({p.name: p.read_bytes() for p in sorted((ROOT / "examples").glob("*.txt"))})
    return found


def reports() -> dict[str, Report]:
    out = {}
    for name, raw in inputs().items():
        out[name] = parse_document(
            normalize(read_bytes(raw, name, max_bytes=len(raw), limits=LIMITS)), CATALOG
        )
    return out


def marked_run(report: Report) -> None:
    """`engine.run`, with a mark before each rule and before the closing sort (and the context)."""
    os.getppid()
    ctx = Context(report, CATALOG, SELECTION.enabled, SELECTION.ignored)
    supported = report.year is None or CATALOG.template_for_year(report.year) is not None
    for rule in CATALOG.rules:
        os.getppid()
        if _applies(rule, report, supported):
            run_check = rule.check.run
            assert run_check is not None
            run_check(ctx, rule, rule.params)
    os.getppid()
    unique_fingerprints(sorted([*ctx.findings, *_capped(ctx)], key=sort_key))
    os.getppid()  # what follows (the next report's copy, the next input's warm-up) is not counted


def measured(rounds: int) -> None:
    for report in reports().values():
        run(report, CATALOG, SELECTION)
        # Report.prose is made once per report by whichever rule asks first: a cost of every
        # real check, so each round gets a fresh copy of the report, made outside the marks.
        for _ in range(rounds):
            marked_run(_fresh(report))


def _fresh(report: Report) -> Report:
    return attrs.evolve(report)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--rules", type=int, default=12, help="how many of the costliest rules to list")
    parser.add_argument("--per-input", type=int, default=8, help="how many of them to list per input")
    parser.add_argument("--measured", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.measured:
        measured(args.rounds)
        return
    totals = counted(__file__, args.rounds)
    codes = [r.code for r in CATALOG.rules]
    per_run = len(codes) + 3  # context, each rule, the closing sort, what is not counted
    stretches = [*totals[1:], 0]  # the last stretch (nothing counted) may have no dump of its own
    names = list(inputs())
    print(f"{'input':26} {'engine':>12} {'fixed':>10}  instructions per run; families")
    every: dict[str, int] = {}
    for i, name in enumerate(names):
        block = stretches[i * args.rounds * per_run : (i + 1) * args.rounds * per_run]
        rule = dict.fromkeys(codes, 0)
        fixed = 0
        for r in range(args.rounds):
            one = block[r * per_run : (r + 1) * per_run]
            fixed += one[0] + one[-2]
            for code, n in zip(codes, one[1:-2], strict=True):
                rule[code] += n
        rule = {c: n // args.rounds for c, n in rule.items()}
        fixed //= args.rounds
        family: dict[str, int] = {}
        for code, n in rule.items():
            family[code[0]] = family.get(code[0], 0) + n
            every[code] = every.get(code, 0) + n
        total = fixed + sum(rule.values())
        fams = " ".join(f"{f}:{n / 1e6:.2f}" for f, n in sorted(family.items()))
        print(f"{name:26} {total:12,} {fixed:10,}  {fams}")
        worst = sorted(rule.items(), key=lambda kv: -kv[1])[: args.per_input]
        print(f"{'':26} " + " ".join(f"{c}:{n / 1e6:.2f}" for c, n in worst))
    print(f"\ncostliest rules, instructions per run summed over the {len(names)} inputs")
    for code, n in sorted(every.items(), key=lambda kv: -kv[1])[: args.rules]:
        print(f"  {code:6} {n:12,}")


if __name__ == "__main__":
    main()
