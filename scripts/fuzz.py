"""Fuzz the checker in-process: every entry point, every renderer, the command line.

    python scripts/fuzz.py [--seconds S | --count N] [--seed N] [--out DIR]
    python scripts/fuzz.py --engine atheris [atheris/libFuzzer options]   # coverage-guided

Inputs are random bytes, the examples and synthetic reports (tests/reportgen.py) mutated at the
byte, line and table level (flips; lines deleted, repeated, swapped; digits, tabs, pipes, Chinese
numerals, full-width forms, glosses, lone surrogates, BOMs, NULs, escape sequences and huge numbers
inserted; tables duplicated and reordered; other encodings), and DOCX, HTML and PDF reports mutated
where their readers look (scripts/fuzz_docs.py). Each input goes through `check_bytes`,
`parse_bytes` or `check_text`, the text output and one other renderer picked at random (JSON, JSONL,
SARIF, GitHub, GitLab, JUnit, or `extract` as JSON and CSV; all of them with `--all-renderers`), and
now and then the command line's `main()` (`check` with any output
format, or `extract`) on a file of a hostile name.

A failure is an exception, or a broken promise: JSON or XML that does not parse, a raw control
character in the text or GitHub output or U+2028 in JSON, two findings with one fingerprint, an
exit status outside 0-2, an internal error. Failures are told apart by kind and site (exception
type and the innermost frame of the package); the smallest input found for each is written to DIR
with its traceback. Exit status 1 when anything failed. A hang (an input still running after
120 s, `--hang S`) is written there with the stack where it hangs, and ends the run with status 3.
"""

from __future__ import annotations

import argparse
import contextlib
import csv
import importlib
import io
import json
import os
import random
import re
import sys
import tempfile
import threading
import time
import traceback
import xml.etree.ElementTree as ET
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))
sys.path.insert(0, str(ROOT / "scripts"))

import fuzz_docs  # noqa: E402
from rich.console import Console  # noqa: E402

from govdisclose_check import check_bytes, check_text, parse_bytes  # noqa: E402
from govdisclose_check.catalog import default_catalog  # noqa: E402
from govdisclose_check.cli import main  # noqa: E402
from govdisclose_check.config import FORMATS  # noqa: E402
from govdisclose_check.errors import InputProblem  # noqa: E402
from govdisclose_check.model import CheckResult  # noqa: E402
from govdisclose_check.render.extract import render_extract_csv, render_extract_json  # noqa: E402
from govdisclose_check.render.github import render_github  # noqa: E402
from govdisclose_check.render.gitlab import render_gitlab  # noqa: E402
from govdisclose_check.render.json import render_json  # noqa: E402
from govdisclose_check.render.jsonl import render_jsonl  # noqa: E402
from govdisclose_check.render.junit import render_junit  # noqa: E402
from govdisclose_check.render.options import RenderOptions  # noqa: E402
from govdisclose_check.render.sarif import render_sarif  # noqa: E402
from govdisclose_check.render.text import render_text  # noqa: E402
from reportgen import LAYOUTS, random_report, render  # noqa: E402

PACKAGE = str(ROOT / "src" / "govdisclose_check")
RAW_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")
HANG_SECONDS = 120.0  # an input running longer hangs: far above the 30 s bound of the slowest reader (PDF)
HANG_STATUS = 3
EVERY_RENDERER = 1 << 12  # a bit of `choice` above the random ones: --all-renderers

# Pieces that matter to the parser, inserted at random places.
TOKENS = [
    "\t", "|", " ", "\n", "\r\n", "\r", "0", "1", "7", "12", "-3", "1.5", "1,234", "/", "—", "无",
    "增3", "减2",
    "件", "万元", "一、", "二、", "三、", "四、", "五、", "六、", "十二、", "（一）", "（七）", "1.", "—、",
    "总体情况", "主动公开政府信息情况", "收到和处理政府信息公开申请情况", "其他需要报告的事项",
    "政府信息公开行政复议、行政诉讼情况", "存在的主要问题及改进情况", "2021年", "2019年", "2024年度",
    "政府信息公开工作年度报告", "本年新收政府信息公开申请数量", "予以公开", "总计", "自然人", "商业企业",
    "行政复议", "结果维持", "尚未审结", "规章", "现行有效件数", "本年制发件数", "信息内容",
    "０", "１２", "　", "，", "｜", "公開(kāi)", "會(huì )", "公(gong)開(kai)", "\u200b", "\ufeff", "\u00ad",
    "[bookmark: _GoBack]", "&nbsp;", "\x00", "\x1b[2J", "\x1b]0;t\x07", "\x9b", "\u2028", "\u202e",
    "\ud800", "\udcff", "9" * 30, "9" * 4400, "1" + "0" * 5000 + ".5", "#", "**", "> ", "---", "=====",
]  # fmt: skip
BOMS = [b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff", b"PK\x03\x04", b"%PDF-", b"<html>"]
NAMES = [
    "r.txt",
    "a\nb.txt:1:1: T201 [错误] x.txt",
    "x\x1b]0;t\x07.txt",
    os.fsdecode(b"r\xff.md"),
    "年 报.txt",
]


@dataclass
class Failure:
    key: str
    data: bytes
    trace: str
    count: int = 1


@dataclass
class Stats:
    inputs: int = 0
    seconds: float = 0.0
    slowest: float = 0.0
    slowest_input: bytes = b""
    failures: dict[str, Failure] = field(default_factory=dict)

    def line(self) -> str:
        rate = self.inputs / self.seconds if self.seconds else 0.0
        return (
            f"{self.inputs} inputs in {self.seconds:.1f} s ({rate:.0f}/s), "
            f"{len(self.failures)} distinct failure(s), slowest input {self.slowest * 1000:.0f} ms "
            f"({len(self.slowest_input)} bytes)"
        )


class Broken(AssertionError):
    """A promise broken without an exception of the package's own."""


# ------------------------------------------------------------------ inputs


def corpus(rng: random.Random) -> list[str]:
    texts = [p.read_text(encoding="utf-8") for p in sorted((ROOT / "examples").glob("*.txt"))]
    for seed in range(6):
        template = "2019" if seed % 3 == 0 else "2021"
        report = random_report(random.Random(seed), template)
        for layout in LAYOUTS:
            texts.append(render(report, layout, rng.choice(["line", "groups"])))
    return texts


def mutate(text: str, rng: random.Random, texts: list[str]) -> str:
    for _ in range(rng.choice([1, 1, 2, 3, 5, 10])):
        text = rng.choice(TEXT_MUTATIONS)(text, rng, texts)
    return text


def _insert(text: str, rng: random.Random, _: list[str]) -> str:
    at = rng.randrange(len(text) + 1)
    token = rng.choice(TOKENS)
    return text[:at] + token * (rng.choice([1, 1, 1, 2, 50]) if len(token) < 50 else 1) + text[at:]


def _delete(text: str, rng: random.Random, _: list[str]) -> str:
    at = rng.randrange(len(text) + 1)
    return text[:at] + text[at + rng.randint(1, 40) :]


def _lines(text: str, rng: random.Random, _: list[str]) -> str:
    lines = text.split("\n")
    i, j = rng.randrange(len(lines)), rng.randrange(len(lines))
    action = rng.randrange(4)
    if action == 0:
        del lines[i]
    elif action == 1:
        lines[i:i] = [lines[j]] * rng.choice([1, 2, 30])
    elif action == 2:
        lines[i], lines[j] = lines[j], lines[i]
    else:
        lines[i] = lines[i].replace("\t", rng.choice(["|", " ", "  ", "\t\t", ""]))
    return "\n".join(lines)


def _blocks(text: str, rng: random.Random, _: list[str]) -> str:
    """A run of lines (a table, say) duplicated, moved or dropped."""
    lines = text.split("\n")
    i = rng.randrange(len(lines))
    j = min(len(lines), i + rng.randint(2, 40))
    block = lines[i:j]
    rest = lines[:i] + lines[j:]
    at = rng.randrange(len(rest) + 1)
    action = rng.randrange(3)
    if action == 0:
        return "\n".join(rest[:at] + block + rest[at:])
    if action == 1:
        return "\n".join(lines[:j] + block + lines[j:])
    return "\n".join(rest)


def _numbers(text: str, rng: random.Random, _: list[str]) -> str:
    replacement = rng.choice(["", "/", "-1", "0.5", "9" * rng.choice([5, 25, 4301]), "1 2", "１", "七"])
    matches = list(re.finditer(r"\d+", text))
    if not matches:
        return text
    m = rng.choice(matches)
    return text[: m.start()] + replacement + text[m.end() :]


def _splice(text: str, rng: random.Random, texts: list[str]) -> str:
    other = rng.choice(texts)
    a, b = rng.randrange(len(text) + 1), rng.randrange(len(other) + 1)
    return text[:a] + other[b : b + rng.randint(1, 2000)]


def _slice(text: str, rng: random.Random, _: list[str]) -> str:
    a = rng.randrange(len(text) + 1)
    return text[a : a + rng.randint(1, 3000)]


TEXT_MUTATIONS: list[Callable[[str, random.Random, list[str]], str]] = [
    _insert, _insert, _insert, _delete, _lines, _lines, _blocks, _numbers, _numbers, _splice, _slice,
]  # fmt: skip


def encode(text: str, rng: random.Random) -> bytes:
    codec = rng.choice(["utf-8"] * 6 + ["gb18030", "utf-16", "utf-16-le", "utf-8-sig"])
    data = text.encode(codec, "surrogatepass" if codec.startswith("utf") else "replace")
    for _ in range(rng.choice([0, 0, 0, 1, 3])):
        action = rng.randrange(4)
        if data and action == 0:  # flip a byte
            at = rng.randrange(len(data))
            data = data[:at] + bytes([rng.randrange(256)]) + data[at + 1 :]
        elif action == 1:
            data = rng.choice(BOMS) + data
        elif action == 2:
            at = rng.randrange(len(data) + 1)
            data = data[:at] + bytes(rng.randrange(256) for _ in range(rng.randint(1, 8))) + data[at:]
        else:
            data = data[: rng.randrange(len(data) + 1)]
    return data


def inputs(rng: random.Random) -> Iterator[bytes]:
    texts = corpus(rng)
    docx, html, pdf = fuzz_docs.docx_corpus(), fuzz_docs.html_corpus(), fuzz_docs.pdf_corpus()
    while True:
        kind = rng.random()
        if kind < 0.05:
            yield bytes(rng.randrange(256) for _ in range(rng.randint(0, 300)))
        elif kind < 0.10:
            yield encode(rng.choice(texts), rng)
        elif kind < 0.20:  # a DOCX: its runs and markup mutated, the zip now and then damaged
            yield fuzz_docs.mutate_docx(rng.choice(docx), rng, mutate, texts)
        elif kind < 0.32:
            page = fuzz_docs.mutate_html(rng.choice(html), rng, mutate, texts)
            yield encode(page, rng) if rng.random() < 0.3 else page.encode("utf-8", "surrogatepass")
        elif kind < 0.335:  # PDFs cost some 50 times a text: few of them
            yield fuzz_docs.mutate_pdf(rng.choice(pdf), rng)
        else:
            yield encode(mutate(rng.choice(texts), rng, texts), rng)


# ------------------------------------------------------------------ one input


def exercise(data: bytes, choice: int, workdir: Path) -> None:
    """Run `data` through the package; raise on a crash or a broken promise. `choice` picks the
    file name, the options and whether the command line runs too."""
    name = NAMES[(choice >> 4) % len(NAMES)]
    lang = "en" if choice & 8 else "zh"
    entry = choice % 8
    if entry < 4:
        _renderers(check_bytes(data, name), lang, choice)
    elif entry < 6:
        text = data.decode("utf-8", "surrogateescape" if choice & 16 else "replace")
        _renderers(check_text(text, name, ignore=["A300"] if choice & 32 else None), lang, choice)
    elif entry == 6:
        with contextlib.suppress(InputProblem):
            parse_bytes(data, name)
    else:
        _command_line(data, name, lang, workdir, choice)


def _renderers(result: CheckResult, lang: str, choice: int = 0) -> None:
    """The text output always; then every other renderer with `--all-renderers`, else one of them
    picked by `choice`, so that each still sees a seventh of the inputs at a fraction of the cost (most
    of a check's time would otherwise go to encoding the same result seven times)."""
    prints = [f.fingerprint for f in result.findings]
    if len(set(prints)) != len(prints):
        raise Broken("two findings with one fingerprint")
    out = io.StringIO()
    render_text([result], lang, Console(file=out, width=120, force_terminal=False, no_color=True))
    if RAW_CONTROL.search(out.getvalue()):
        raise Broken("a raw control character in the text output")
    options = RenderOptions(default_catalog(), lang, "https://example.org/rules/", show_fixes=True)
    others: list[Callable[[], None]] = [
        lambda: _json("JSON", render_json([result], lang)),
        lambda: _json("SARIF", render_sarif([result], options)),
        lambda: _json("GitLab", render_gitlab([result], options)),
        lambda: _jsonl(render_jsonl([result], lang)),
        lambda: _github(render_github([result], options)),
        lambda: _junit(render_junit([result], options)),
        lambda: _extract(result),
    ]
    for render_one in others if choice & EVERY_RENDERER else [others[(choice >> 8) % len(others)]]:
        render_one()


def _jsonl(document: str) -> None:
    for line in document.splitlines():
        _json("JSONL", line)


def _github(github: str) -> None:
    if RAW_CONTROL.search(github.replace("\n", "")) or any(
        not line.startswith("::") for line in github.splitlines()
    ):
        raise Broken("a raw control character or a forged line in the GitHub output")


def _junit(document: str) -> None:
    ET.fromstring(document.encode("utf-8"))


def _extract(result: CheckResult) -> None:
    if result.report is None:
        return
    _json("extract", render_extract_json([result.report]))
    # A cell's raw text is written whole, however long; the reader must not stop at csv's
    # default field limit of 128 KiB (the fuzzer found a DOCX cell longer than that).
    csv.field_size_limit(2**31 - 1)
    rows = list(csv.reader(io.StringIO(render_extract_csv([result.report]), newline="")))
    if any(len(row) != len(rows[0]) for row in rows):
        raise Broken("a CSV row of the wrong width in extract")


def _json(name: str, document: str) -> None:
    if RAW_CONTROL.search(document.replace("\n", "")) or "\u2028" in document:
        raise Broken(f"a raw control character in the {name} output")
    json.loads(document)


def _command_line(data: bytes, name: str, lang: str, workdir: Path, choice: int) -> None:
    safe = name if os.name == "posix" else "r.txt"
    path = workdir / safe.replace("/", "_")
    path.write_bytes(data)
    try:
        fmt = FORMATS[(choice >> 6) % len(FORMATS)]
        command = ["check", "--quiet", "--format", fmt, "--lang", lang, str(workdir)]
        if choice & 1:
            command = ["extract", "--format", "csv" if choice & 2 else "json", str(workdir)]
            fmt = "extract"
        stdout, stderr = io.StringIO(), io.StringIO()
        with contextlib.redirect_stdout(stdout), contextlib.redirect_stderr(stderr):
            status = main(command)
        if (
            status not in (0, 1, 2)
            or "internal error" in stderr.getvalue()
            or "Traceback" in stderr.getvalue()
        ):
            raise Broken(f"exit status {status}: {stderr.getvalue()[:200]}")
        if RAW_CONTROL.search(stderr.getvalue().replace("\n", "")):
            raise Broken("a raw control character on standard error")
        if fmt in ("json", "sarif", "gitlab") or (fmt == "extract" and not choice & 2):
            json.loads(stdout.getvalue())
    finally:
        path.unlink()


def failure_key(exc: BaseException) -> str:
    frames = traceback.extract_tb(exc.__traceback__)
    ours = [f for f in frames if f.filename.startswith(PACKAGE)] or frames[-1:]
    site = f"{Path(ours[-1].filename).name}:{ours[-1].lineno}" if ours else "?"
    if isinstance(exc, Broken):
        site = str(exc).split(":")[0]
    return f"{type(exc).__name__}@{site}"


def attempt(data: bytes, choice: int, workdir: Path) -> str | None:
    try:
        exercise(data, choice, workdir)
    except Exception as exc:  # every failure is recorded, whatever it is
        return failure_key(exc)
    return None


def shrink(data: bytes, choice: int, key: str, workdir: Path, budget: float = 20.0) -> bytes:
    """Smaller inputs that fail the same way: drop halves, quarters … of the bytes (ddmin)."""
    deadline = time.monotonic() + budget
    chunk = len(data) // 2
    while chunk >= 1 and time.monotonic() < deadline:
        at, smaller = 0, False
        while at < len(data) and time.monotonic() < deadline:
            candidate = data[:at] + data[at + chunk :]
            if candidate != data and attempt(candidate, choice, workdir) == key:
                data, smaller = candidate, True
            else:
                at += chunk
        if not smaller:
            chunk //= 2
    return data


def record(out: Path, failure: Failure, choice: int) -> None:
    out.mkdir(parents=True, exist_ok=True)
    stem = re.sub(r"[^A-Za-z0-9_.@-]", "_", failure.key)
    (out / f"{stem}.bin").write_bytes(failure.data)
    (out / f"{stem}.txt").write_text(
        f"choice={choice}\n{failure.trace}", encoding="utf-8", errors="backslashreplace"
    )


# ------------------------------------------------------------------ the loop


def run(
    *,
    seconds: float | None = None,
    count: int | None = None,
    seed: int = 0,
    out: Path | None = None,
    progress: float | None = None,
    all_renderers: bool = False,
    hang: float = HANG_SECONDS,
) -> Stats:
    """Fuzz until `seconds` have passed or `count` inputs have run; with `progress`, print the
    numbers so far every so many seconds. An input still running after `hang` seconds is a hang:
    see Watchdog."""
    rng = random.Random(seed)
    stats = Stats()
    watchdog = Watchdog(hang, out)
    started = next_report = time.monotonic()
    with tempfile.TemporaryDirectory(prefix="gdc-fuzz-") as tmp:
        workdir = Path(tmp)
        for data in inputs(rng):
            if count is not None and stats.inputs >= count:
                break
            if seconds is not None and time.monotonic() - started >= seconds:
                break
            choice = rng.randrange(EVERY_RENDERER) | (EVERY_RENDERER if all_renderers else 0)
            t0 = time.perf_counter()
            watchdog.arm(data, choice)
            try:
                exercise(data, choice, workdir)
            except Exception as exc:
                watchdog.disarm()
                elapsed = time.perf_counter() - t0  # not counting the shrinking
                _failed(stats, exc, data, choice, workdir, out)
            else:
                watchdog.disarm()
                elapsed = time.perf_counter() - t0
            if elapsed > stats.slowest:
                stats.slowest, stats.slowest_input = elapsed, data
            stats.inputs += 1
            if progress is not None and time.monotonic() >= next_report:
                stats.seconds = time.monotonic() - started
                print(stats.line(), flush=True)
                next_report += progress
    stats.seconds = time.monotonic() - started
    return stats


class Watchdog:
    """A hang is a failure too, and one the loop cannot catch: a thread watches the input being
    run, and when one has run for longer than `limit` seconds it writes the input and the stack
    of the main thread where it hangs to the output directory (`Hang@….bin`, `….txt`), says so and
    ends the process with status 3 (a hang cannot be shrunk: every attempt would hang)."""

    def __init__(self, limit: float, out: Path | None) -> None:
        self.limit, self.out = limit, out
        self.current: tuple[bytes, int, float] | None = None
        self.lock = threading.Lock()
        threading.Thread(target=self._watch, daemon=True, name="fuzz-watchdog").start()

    def arm(self, data: bytes, choice: int) -> None:
        with self.lock:
            self.current = (data, choice, time.monotonic())

    def disarm(self) -> None:
        with self.lock:
            self.current = None

    def _watch(self) -> None:
        while True:
            time.sleep(min(1.0, self.limit / 4))
            with self.lock:
                current = self.current
            if current is not None and time.monotonic() - current[2] > self.limit:
                self._hung(*current)

    def _hung(self, data: bytes, choice: int, since: float) -> None:
        frame = sys._current_frames().get(threading.main_thread().ident or 0)
        stack = traceback.extract_stack(frame) if frame is not None else traceback.StackSummary()
        ours = [f for f in stack if f.filename.startswith(PACKAGE)] or list(stack)[-1:]
        site = f"{Path(ours[-1].filename).name}:{ours[-1].lineno}" if ours else "?"
        trace = f"no end after {time.monotonic() - since:.0f} s, at:\n" + "".join(stack.format())
        failure = Failure(f"Hang@{site}", data, trace)
        if self.out is not None:
            record(self.out, failure, choice)
        print(f"  {failure.key}: an input of {len(data)} bytes ran for over {self.limit:g} s", flush=True)
        os._exit(HANG_STATUS)


def _failed(stats: Stats, exc: Exception, data: bytes, choice: int, workdir: Path, out: Path | None) -> None:
    key = failure_key(exc)
    known = stats.failures.get(key)
    if known is not None:
        known.count += 1
        if len(data) >= len(known.data):
            return
    small = shrink(data, choice, key, workdir)
    failure = Failure(key, small, "".join(traceback.format_exception(exc)), known.count if known else 1)
    stats.failures[key] = failure
    if out is not None:
        record(out, failure, choice)


def run_atheris(argv: list[str]) -> None:  # pragma: no cover - needs the fuzz extra
    atheris = importlib.import_module("atheris")  # the fuzz extra

    workdir = Path(tempfile.mkdtemp(prefix="gdc-atheris-"))

    def one_input(raw: bytes) -> None:
        exercise(raw[1:], raw[0] if raw else 0, workdir)

    atheris.instrument_all()
    atheris.Setup(argv, one_input)
    atheris.Fuzz()


def cli(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0] if __doc__ else None)
    parser.add_argument("--seconds", type=float, default=None, help="run this long (default 60 s)")
    parser.add_argument("--count", type=int, default=None, help="run this many inputs")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--out", type=Path, default=Path("fuzz-failures"), help="where failures go")
    parser.add_argument("--progress", type=float, default=None, help="print the numbers every N s")
    parser.add_argument(
        "--hang", type=float, default=HANG_SECONDS, help="an input running longer is a hang (exit 3)"
    )
    parser.add_argument("--engine", choices=("random", "atheris"), default="random")
    parser.add_argument(
        "--all-renderers", action="store_true", help="every renderer on every input, not one picked"
    )
    args, rest = parser.parse_known_args(argv)
    if args.engine == "atheris":
        run_atheris([sys.argv[0], *rest])
        return 0
    seconds = args.seconds if args.seconds is not None or args.count is not None else 60.0
    stats = run(
        seconds=seconds,
        count=args.count,
        seed=args.seed,
        out=args.out,
        progress=args.progress,
        all_renderers=args.all_renderers,
        hang=args.hang,
    )
    print(stats.line())
    if stats.slowest_input:
        args.out.mkdir(parents=True, exist_ok=True)
        (args.out / "slowest-input.bin").write_bytes(stats.slowest_input)
    for failure in stats.failures.values():
        print(f"  {failure.key}: {failure.count} time(s), smallest input {len(failure.data)} bytes")
    return 1 if stats.failures else 0


if __name__ == "__main__":
    raise SystemExit(cli())
