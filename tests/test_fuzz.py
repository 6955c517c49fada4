"""A short run of the fuzzer (scripts/fuzz.py) with a fixed seed: no failure may turn up."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType

import pytest

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
    assert stats.inputs >= 1500
    assert not list(tmp_path.iterdir())


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
