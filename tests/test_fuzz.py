"""A short run of the fuzzer (scripts/fuzz.py) with a fixed seed: no failure may turn up."""

from __future__ import annotations

import importlib.util
import itertools
import random
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path
from types import ModuleType

import pytest

from govdisclose_check import check_bytes
from reportgen import random_report, render

ROOT = Path(__file__).resolve().parent.parent


def load_fuzzer() -> ModuleType:
    spec = importlib.util.spec_from_file_location("fuzz", ROOT / "scripts" / "fuzz.py")
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["fuzz"] = module
    spec.loader.exec_module(module)
    return module


def test_a_short_fuzzing_run_finds_nothing(tmp_path: Path) -> None:
    fuzz = load_fuzzer()
    stats = fuzz.run(seconds=30, seed=13, out=tmp_path)
    failures = {key: failure.trace for key, failure in stats.failures.items()}
    assert failures == {}
    # some 5,000 alone on one core; a bound far below that, since a loaded machine (two fuzzers and a
    # test suite on two cores) ran as few as 546: enough inputs to mean something, not a speed test
    assert stats.inputs >= 300
    assert not list(tmp_path.iterdir())


def test_the_fuzzer_drives_every_format() -> None:
    """DOCX, HTML and PDF reports, mutated, are among the inputs, and most of them still read as
    their format (a DOCX that is still a zip, a PDF that still starts as one)."""
    fuzz = load_fuzzer()
    sample = list(itertools.islice(fuzz.inputs(random.Random(13)), 600))
    docx = [d for d in sample if d.startswith(b"PK\x03\x04")]
    pdf = [d for d in sample if d.startswith(b"%PDF-")]
    html = [d for d in sample if b"<table" in d.lower() and not d.startswith((b"PK", b"%PDF"))]
    assert len(docx) > 30
    assert len(html) > 30
    assert len(pdf) >= 3
    results = [check_bytes(d, "r") for d in docx[:5]]
    assert any(r.report is not None for r in results)


def test_the_fuzzer_records_the_smallest_failing_input(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A planted failure (any input containing "年" and "7" breaks) is found, told apart by its
    site, shrunk to the two characters that cause it, and written out."""
    fuzz = load_fuzzer()
    real = vars(fuzz)["exercise"]

    def planted(data: bytes, choice: int, workdir: Path) -> None:
        if "年".encode() in data and b"7" in data:
            raise KeyError("planted")
        real(data, choice, workdir)

    monkeypatch.setattr(fuzz, "exercise", planted)
    stats = fuzz.run(count=40, seed=1, out=tmp_path)
    (failure,) = stats.failures.values()
    assert failure.key.startswith("KeyError@")
    assert sorted(failure.data.decode("utf-8", "replace").replace("\ufffd", "")) in (["7", "年"], ["年", "7"])
    assert (tmp_path / f"{failure.key.replace(':', '_')}.bin").read_bytes() == failure.data
    assert fuzz.cli(["--count", "0"]) == 0


def test_a_cell_longer_than_csv_fields_usually_are_passes(tmp_path: Path) -> None:
    """Found by a long run: a table cell of over 128 KiB is written whole in extract's CSV, and the
    fuzzer's own check of that CSV must read it (csv's default field limit is 128 KiB)."""
    fuzz = load_fuzzer()
    text = render(random_report(random.Random(3)), "tab")
    row = next(line for line in text.splitlines() if line.startswith("（一）予以公开"))
    huge = row.replace("\t", "\t" + "9" * 140_000, 1)
    data = text.replace(row, huge).encode("utf-8")
    report = check_bytes(data, "r.txt").report
    assert report is not None
    assert max(len(c.raw) for t in report.tables.values() for r in t.found for c in r.cells) > 131_072
    assert fuzz.attempt(data, 0, tmp_path) is None


def test_each_input_gets_one_renderer_and_all_of_them_are_picked(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """By default an input goes through the text output and one other renderer picked by its
    `choice`; over the choices every renderer is picked, and --all-renderers runs them all."""
    fuzz = load_fuzzer()
    called: list[str] = []
    names = [
        "render_json",
        "render_sarif",
        "render_gitlab",
        "render_jsonl",
        "render_github",
        "render_junit",
        "render_extract_json",
    ]

    def spy(name: str) -> Callable[..., str]:
        real = vars(fuzz)[name]

        def wrapped(*args: object) -> str:
            called.append(name)
            return str(real(*args))

        return wrapped

    for name in names:
        monkeypatch.setattr(fuzz, name, spy(name))
    data = (ROOT / "examples" / "000_c3557deb96c0a3f4.txt").read_bytes()
    picked = []
    for high in range(16):
        called.clear()
        fuzz.exercise(data, high << 8, tmp_path)  # entry 0: check_bytes
        assert len(called) == 1
        picked.append(called[0])
    assert sorted(set(picked)) == sorted(names)
    called.clear()
    fuzz.exercise(data, fuzz.EVERY_RENDERER, tmp_path)
    assert sorted(called) == sorted(names)


HANGING = """
import sys, time
sys.path.insert(0, sys.argv[1])
from test_fuzz import load_fuzzer
fuzz = load_fuzzer()
def stuck(data, choice, workdir):
    time.sleep(60)
fuzz.exercise = stuck
fuzz.run(count=1, seed=1, out=__import__("pathlib").Path(sys.argv[2]), hang=0.5)
"""


def test_a_hanging_input_is_written_out_with_where_it_hangs(tmp_path: Path) -> None:
    """The loop cannot catch a hang: the watchdog thread writes the input and the stack and ends
    the run with status 3, in about the time given."""
    started = time.monotonic()
    done = subprocess.run(
        [sys.executable, "-c", HANGING, str(ROOT / "tests"), str(tmp_path)],
        capture_output=True,
        text=True,
        timeout=50,
        check=False,
    )
    assert done.returncode == 3, done.stderr
    assert time.monotonic() - started < 30
    (written,) = tmp_path.glob("Hang@*.bin")
    assert written.read_bytes()
    trace = written.with_suffix(".txt").read_text(encoding="utf-8")
    assert "in stuck" in trace  # the frame where it hangs
    assert "Hang@" in done.stdout
