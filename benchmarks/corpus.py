"""A corpus benchmark: reports/s and peak memory per input format, at -j 1 and -j N.

    python benchmarks/corpus.py --n 10000 [--jobs N] [--dir DIR] [--keep]

Generates N reports, consistent and defective (a wrong cell, a row left out, the other year's
format), in every layout and format the checker reads: text with tabs, pipes, one cell per line
and spaces; markdown as PDF converters write it; HTML (portal, Word export, bare); DOCX; PDF. PDF is
slow to read (and to draw), so it gets a smaller share of N (3 %; say --pdf-share to change it).
Each format gets up to --variants distinct files, copied to fill its share (the checker keeps no
cache, so a copy costs what a new file costs). Then each format's directory is checked by the
command line in a fresh process, once with -j 1 and once with -j N, output JSONL to a file, and
the time and the peak resident memory (VmHWM of the parent, and of the largest process under it:
the pool's forkserver and workers, sampled twice a second) are printed, and the CPU time per file
of the -j 1 run, and of the -j N run's parent and workers (the parent's is what does not run in
parallel: a load-independent clue where the wall time is not), with the
time 200,000 reports would take in this mix and in a national mix where most reports are PDF.

A benchmark, not a test: it prints numbers and asserts nothing.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

from docxgen import render_docx  # noqa: E402
from htmlgen import STYLES as HTML_STYLES  # noqa: E402
from htmlgen import render_html  # noqa: E402
from markdowngen import STYLES as MD_STYLES  # noqa: E402
from markdowngen import render_markdown  # noqa: E402
from pdfgen import render_pdf  # noqa: E402
from reportgen import LAYOUTS, SyntheticReport, random_report, render  # noqa: E402

# Share of the corpus per format (PDF is given its own share by --pdf-share).
SHARES = {"text": 0.55, "markdown": 0.10, "html": 0.17, "docx": 0.15}
# Most of a national year is PDF (attachments), then Word and web pages.
NATIONAL = {"pdf": 0.60, "docx": 0.20, "html": 0.15, "text": 0.04, "markdown": 0.01}
NATIONAL_REPORTS = 200_000

RUN = """
import os, resource, sys, threading, time
from govdisclose_check.cli import main

def hwm(pid):  # peak resident KiB (VmHWM; ru_maxrss would carry the forking parent's over)
    try:
        with open(f"/proc/{pid}/status") as status:
            return next(int(line.split()[1]) for line in status if line.startswith("VmHWM:"))
    except (OSError, StopIteration):
        return 0

def descendants(root):
    parent = {}
    for name in os.listdir("/proc"):
        if name.isdigit():
            try:
                with open(f"/proc/{name}/stat") as stat:
                    parent[int(name)] = int(stat.read().rsplit(")", 1)[1].split()[1])
            except OSError:
                pass
    found, todo = set(), [root]
    while todo:
        pid = todo.pop()
        kids = [p for p, q in parent.items() if q == pid]
        found.update(kids)
        todo.extend(kids)
    return found

def children_cpu():  # seconds: the forkserver's own and its workers' (it reaps them)
    tick, total = os.sysconf("SC_CLK_TCK"), 0
    for name in os.listdir("/proc"):
        if name.isdigit():
            try:
                with open(f"/proc/{name}/stat") as stat:
                    fields = stat.read().rsplit(")", 1)[1].split()
            except OSError:
                continue
            if int(fields[1]) == os.getpid():
                total += sum(int(x) for x in fields[11:15])
    return total / tick

worker_peak = 0
sampler_cpu = 0.0
done = threading.Event()

def sample():
    global worker_peak, sampler_cpu
    while not done.wait(0.5):
        worker_peak = max([worker_peak, *(hwm(p) for p in descendants(os.getpid()))])
        sampler_cpu = time.thread_time()

sampler = threading.Thread(target=sample, daemon=True)
sampler.start()
status = main(sys.argv[1:])
done.set()
sampler.join()
own = resource.getrusage(resource.RUSAGE_SELF)
parent_cpu = own.ru_utime + own.ru_stime - sampler_cpu  # the sampler's own time left out
time.sleep(0.3)  # the forkserver reaps the last workers
print(status, hwm("self"), worker_peak, f"{parent_cpu:.3f}", f"{children_cpu():.3f}", file=sys.stderr)
"""


def spoiled(rng: random.Random, i: int) -> tuple[SyntheticReport, str]:
    """A report and what is wrong with it: a third consistent, the rest with one defect."""
    template = "2019" if i % 7 == 3 else "2021"
    report = random_report(rng, template, year=2021 if i % 11 == 5 else None)
    kind = ("none", "cell", "row")[i % 3]
    if kind == "cell":
        report.table3["new"]["natural_person"] = int(report.table3["new"]["natural_person"]) + 1
    return report, kind


def _drop_row(text: str) -> str:
    return "\n".join(line for line in text.splitlines() if "结转下年度" not in line)


def make(fmt: str, i: int) -> tuple[str, bytes]:
    rng = random.Random(i)
    report, kind = spoiled(rng, i)
    if fmt == "text":
        text = render(report, LAYOUTS[i % len(LAYOUTS)])
        return ".txt", (_drop_row(text) if kind == "row" else text).encode("utf-8")
    if fmt == "markdown":
        text = render_markdown(report, MD_STYLES[i % len(MD_STYLES)])
        return ".md", (_drop_row(text) if kind == "row" else text).encode("utf-8")
    if fmt == "html":
        drop = ("carried_forward",) if kind == "row" else ()
        return ".html", render_html(report, HTML_STYLES[i % len(HTML_STYLES)], drop=drop)
    if fmt == "docx":
        return ".docx", render_docx(report)
    return ".pdf", render_pdf(report)


def generate(root: Path, counts: dict[str, int], variants: int) -> dict[str, float]:
    """Write the corpus; the seconds spent generating each format."""
    spent: dict[str, float] = {}
    for fmt, count in counts.items():
        start = time.perf_counter()
        folder = root / fmt
        folder.mkdir(parents=True, exist_ok=True)
        made = [make(fmt, i) for i in range(min(count, variants))]
        for i in range(count):
            suffix, data = made[i % len(made)]
            (folder / f"{i:06}{suffix}").write_bytes(data)
        spent[fmt] = time.perf_counter() - start
    return spent


@dataclass
class Run:
    seconds: float
    status: int
    own_kib: int  # peak resident memory of the parent
    worker_kib: int  # and of the largest process under it
    parent_cpu: float  # seconds of CPU of the parent (its sampling thread left out)
    worker_cpu: float  # of the pool's forkserver and workers


def check(folder: Path, jobs: int, out: Path) -> Run:
    argv = [sys.executable, "-c", RUN, "check", "-q", "-j", str(jobs), "--format", "jsonl", "-o", str(out)]
    start = time.perf_counter()
    done = subprocess.run([*argv, str(folder)], capture_output=True, text=True, check=False, cwd=ROOT)
    seconds = time.perf_counter() - start
    status, own, workers, parent_cpu, worker_cpu = done.stderr.split()[-5:]
    return Run(seconds, int(status), int(own), int(workers), float(parent_cpu), float(worker_cpu))


def national(rates: dict[str, float], mix: dict[str, float]) -> float:
    """Hours for 200,000 reports in `mix` at these rates (reports/s)."""
    return sum(NATIONAL_REPORTS * share / rates[fmt] for fmt, share in mix.items() if fmt in rates) / 3600


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--n", type=int, default=10_000, help="reports in the corpus")
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1, help="N of the -j N run")
    parser.add_argument("--pdf-share", type=float, default=0.03)
    parser.add_argument("--variants", type=int, default=60, help="distinct files per format")
    parser.add_argument("--dir", help="where to write the corpus (default: a temporary directory)")
    parser.add_argument("--keep", action="store_true", help="keep the corpus")
    args = parser.parse_args()

    root = Path(args.dir) if args.dir else Path(tempfile.mkdtemp(prefix="gdc-corpus-"))
    rest = 1 - args.pdf_share
    counts = {
        fmt: max(1, round(args.n * share * rest / sum(SHARES.values()))) for fmt, share in SHARES.items()
    }
    counts["pdf"] = max(1, round(args.n * args.pdf_share))
    print(f"corpus of {sum(counts.values())} reports in {root}: {json.dumps(counts)}")
    spent = generate(root, counts, args.variants)
    print("generated in " + ", ".join(f"{fmt} {s:.0f} s" for fmt, s in spent.items()))

    header = (
        f"{'format':9} {'files':>6} {'-j 1 s':>8} {'rep/s':>7} {'MiB':>5}"
        f" {f'-j {args.jobs} s':>8} {'rep/s':>7} {'speed-up':>8} {'MiB':>5} {'worker MiB':>10}"
        f" {'CPU ms/file: -j 1':>17} {f'-j {args.jobs} parent':>11} {'workers':>7}"
    )
    print(header)
    rates: dict[str, float] = {}
    out = root / "findings.jsonl"
    for fmt, count in counts.items():
        one = check(root / fmt, 1, out)
        many = check(root / fmt, args.jobs, out)
        rates[fmt] = count / many.seconds
        print(
            f"{fmt:9} {count:>6} {one.seconds:>8.1f} {count / one.seconds:>7.0f} {one.own_kib // 1024:>5}"
            f" {many.seconds:>8.1f} {count / many.seconds:>7.0f} {one.seconds / many.seconds:>8.2f}"
            f" {many.own_kib // 1024:>5} {many.worker_kib // 1024:>10}"
            f" {1000 * one.parent_cpu / count:>17.2f} {1000 * many.parent_cpu / count:>11.2f}"
            f" {1000 * many.worker_cpu / count:>7.2f}"
        )
    mix = {fmt: count / sum(counts.values()) for fmt, count in counts.items()}
    print(
        f"200,000 reports at -j {args.jobs} on this machine: {national(rates, mix):.1f} h in this "
        f"corpus's mix, {national(rates, NATIONAL):.1f} h in a national mix ({json.dumps(NATIONAL)})"
    )
    if not args.keep and not args.dir:
        shutil.rmtree(root)


if __name__ == "__main__":
    main()
