"""patterns.py: the rules' and templates' patterns compiled once per process and kept compiled on
disk between runs of the command line. A pattern from the memo on disk behaves as one compiled anew;
the command line's output is the same with the memo cold, warm, corrupt or off; the memo is bounded."""

from __future__ import annotations

import json
import os
import pickle
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import regex
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import EXAMPLES, run_cli
from govdisclose_check import check_bytes, patterns
from govdisclose_check.catalog import load_catalog

Key = tuple[str, int]


@pytest.fixture(scope="module")
def from_disk(tmp_path_factory: pytest.TempPathFactory) -> list[tuple[Key, regex.Pattern[str]]]:
    """Every pattern of the rules and templates (the catalog built, the examples checked), written
    to a memo on disk by `save()`, then taken from it by a process state of its own."""
    load_catalog()  # compiles every rule's pattern to validate it (engine/refs.py)
    for path in sorted(EXAMPLES.glob("*.txt")):
        check_bytes(path.read_bytes(), path.name)
    keys = patterns.known()
    assert len(keys) > 50
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("XDG_CACHE_HOME", str(tmp_path_factory.mktemp("cache")))
        _fresh(mp, disk=True)
        for key in keys:
            patterns.compiled(*key)
        patterns.save()
        _fresh(mp, disk=True)
        taken = [(key, patterns.compiled(*key)) for key in keys]
    # regex hands back its own cached object for a text compiled anew: these are other objects
    assert not any(pattern is regex.compile(*key) for key, pattern in taken)
    return taken


def _fresh(mp: pytest.MonkeyPatch, disk: bool | None = None) -> None:
    """patterns.py as at the start of a process (`disk` None: as GOVDISCLOSE_CATALOG_CACHE says)."""
    mp.setattr(patterns, "_known", {})
    mp.setattr(patterns, "_stored", None)
    mp.setattr(patterns, "_new", False)
    mp.setattr(patterns, "_disk", disk)


def _lines() -> list[str]:
    found: list[str] = []
    for path in sorted(EXAMPLES.glob("*.txt")):
        found += (line for line in path.read_text(encoding="utf-8").splitlines() if line.strip())
    return found


LINES = _lines()
ALPHABET = (
    "0123456789０１２３一二三四五六七八九十百千万零〇两"
    "年月日件个项共其中收到办结申请公开"
    "。，、；（）() \t\nX×*_#>%"
)


@st.composite
def texts(draw: st.DrawFn) -> str:
    """Lines of the examples (which the rules' patterns match), cut, joined and mixed with noise."""
    pieces = st.one_of(
        st.sampled_from(LINES),
        st.sampled_from(LINES).flatmap(lambda line: st.integers(0, len(line)).map(lambda i: line[i:])),
        st.text(alphabet=ALPHABET, max_size=30),
    )
    return "".join(draw(st.lists(pieces, min_size=1, max_size=3)))


def behaviour(pattern: regex.Pattern[str], text: str) -> list[Any]:
    """What a check may ask of a pattern, as plain values."""

    def found(match: regex.Match[str] | None) -> Any:
        if match is None:
            return None
        groups = range(pattern.groups + 1)
        return (match.span(), match.groups(), match.groupdict(), [match.spans(g) for g in groups])

    return [
        [found(m) for m in pattern.finditer(text)],
        [found(m) for m in pattern.finditer(text, overlapped=True)],
        [found(pattern.match(text, at)) for at in range(0, len(text) + 1, 7)],
        found(pattern.search(text)),
        found(pattern.fullmatch(text)),
        pattern.split(text),
        pattern.sub("|", text),
        (pattern.pattern, pattern.flags, pattern.groups, pattern.groupindex),
    ]


@settings(max_examples=300, deadline=None)
@given(st.data(), texts())
def test_a_pattern_from_the_memo_behaves_as_one_compiled_anew(
    from_disk: list[tuple[Key, regex.Pattern[str]]], data: st.DataObject, text: str
) -> None:
    key, taken = data.draw(st.sampled_from(from_disk))
    assert behaviour(taken, text) == behaviour(regex.compile(*key), text)


def test_every_pattern_from_the_memo_behaves_on_every_line_of_the_examples(
    from_disk: list[tuple[Key, regex.Pattern[str]]],
) -> None:
    text = "\n".join(LINES)
    for key, taken in from_disk:
        assert behaviour(taken, text) == behaviour(regex.compile(*key), text), key[0]


def test_a_pattern_is_compiled_once_per_process() -> None:
    text = "(?P<n>[0-9]+)件(?#test_patterns)"
    first = patterns.compiled(text)
    assert patterns.compiled(text) is first
    match = first.fullmatch("12件")
    assert match is not None
    assert match.groupdict() == {"n": "12"}
    assert (text, 0) in patterns.known()
    with pytest.raises(regex.error):  # an error propagates, as regex.compile's
        patterns.compiled("(?P<n>")


# ------------------------------------------------------------------ the memo on disk


@pytest.fixture
def memo_dir(tmp_path: Path) -> Iterator[Path]:
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("XDG_CACHE_HOME", str(tmp_path))
        mp.setenv("GOVDISCLOSE_CATALOG_CACHE", "1")
        _fresh(mp)
        yield tmp_path / "govdisclose-check" / "patterns"


def _stored(directory: Path) -> dict[Key, bytes]:
    (path,) = directory.glob("*.pickle")
    loaded = pickle.loads(path.read_bytes())
    assert isinstance(loaded, dict)
    return loaded


def test_the_memo_is_bounded_and_keeps_this_runs_patterns_first(
    memo_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(patterns, "LIMIT", 5)
    older = [f"older{i}" for i in range(4)]
    for text in older:
        patterns.compiled(text)
    patterns.save()
    assert list(_stored(memo_dir)) == [(t, 0) for t in older]

    _fresh(monkeypatch, disk=True)  # the next run: three patterns of its own, one the memo has
    newer = ["newer0", "older2", "newer1"]
    for text in newer:
        patterns.compiled(text)
    patterns.save()
    assert list(_stored(memo_dir)) == [(t, 0) for t in [*newer, "older0", "older1"]]  # 5 at most

    _fresh(monkeypatch, disk=True)  # and within MAX_BYTES, however few the patterns
    monkeypatch.setattr(patterns, "MAX_BYTES", 2 * len(_stored(memo_dir)[("newer0", 0)]) + 10)
    patterns.compiled("last0")
    patterns.save()
    assert list(_stored(memo_dir)) == [("last0", 0), ("newer0", 0)]


def test_the_memo_is_written_only_when_a_run_compiled_new_patterns(memo_dir: Path) -> None:
    patterns.compiled("first")
    patterns.save()
    (path,) = memo_dir.glob("*.pickle")
    path.write_bytes(pickle.dumps({("first", 0): pickle.dumps(regex.compile("first"))}))
    written = path.stat().st_mtime_ns
    patterns.compiled("first")  # known: no write
    patterns.save()
    assert path.stat().st_mtime_ns == written


def test_a_memo_of_another_kind_or_a_bad_entry_is_compiled_anew(
    memo_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    memo_dir.mkdir(parents=True)
    path = memo_dir / f"{patterns.key()}.pickle"
    wrong = pickle.dumps(regex.compile("wrong"))
    for content in (
        b"",
        b"\x80\x05 truncated",
        pickle.dumps(["not", "a", "dict"]),
        pickle.dumps({("a+", 0): b"\x80\x05 not a pickle", ("b+", 0): wrong, ("c+", 0): pickle.dumps(3)}),
    ):
        path.write_bytes(content)
        _fresh(monkeypatch, disk=True)
        for text in ("a+", "b+", "c+"):
            assert patterns.compiled(text) is regex.compile(text)  # compiled anew (regex's own cache)


def test_off_the_memo_is_neither_read_nor_written(memo_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("GOVDISCLOSE_CATALOG_CACHE", "0")
    _fresh(monkeypatch)
    patterns.compiled("off")
    patterns.save()
    assert not memo_dir.exists()


def test_memos_of_other_keys_are_removed_when_old(memo_dir: Path) -> None:
    memo_dir.mkdir(parents=True)
    old, recent = memo_dir / "old.pickle", memo_dir / "recent.pickle"
    for path in (old, recent):
        path.write_bytes(b"another regex's")
    month_ago = old.stat().st_mtime - patterns.MAX_AGE - 60
    os.utime(old, (month_ago, month_ago))
    patterns.compiled("new")
    patterns.save()
    assert sorted(p.name for p in memo_dir.iterdir()) == sorted([recent.name, f"{patterns.key()}.pickle"])


def test_a_memo_of_another_regex_or_python_has_another_name(monkeypatch: pytest.MonkeyPatch) -> None:
    before = patterns.key()
    assert patterns.key() == before
    monkeypatch.setattr(patterns, "FORMAT", patterns.FORMAT + 1)
    assert patterns.key() != before
    monkeypatch.setattr(patterns, "FORMAT", patterns.FORMAT - 1)
    monkeypatch.setattr(sys, "version", sys.version + " other")
    assert patterns.key() != before


# ------------------------------------------------------------------ the command line

PROBE = """
import contextlib, io, json, sys
import regex
from govdisclose_check import patterns
from govdisclose_check.cli import main
with contextlib.redirect_stdout(io.StringIO()) as out:
    status = main(sys.argv[1:])
taken = sum(patterns.compiled(*k) is not regex.compile(*k) for k in patterns.known())
print(json.dumps({"status": status, "out": out.getvalue(), "from_disk": taken, "all": len(patterns.known())}))
"""


def _run(cache: Path, cwd: Path, *argv: str, **env: str) -> tuple[int, str, int, str, int]:
    """The status, the output, how many patterns came from the memo, the errors, how many in all."""
    done = run_cli(cache, cwd, *argv, code=PROBE, **env)
    assert done.returncode == 0, done.stderr
    data = json.loads(done.stdout)
    return data["status"], data["out"], data["from_disk"], done.stderr, data["all"]


def test_the_output_is_the_same_with_the_memo_cold_warm_corrupt_and_off(tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    argv = ("check", "--format", "json", str(EXAMPLES))
    memo = cache / "govdisclose-check" / "patterns"

    cold = _run(cache, tmp_path, *argv)
    assert cold[2] == 0
    (path,) = memo.glob("*.pickle")
    written = path.stat().st_mtime_ns
    assert len(pickle.loads(path.read_bytes())) > 50

    warm = _run(cache, tmp_path, *argv)
    assert warm[2] == warm[4] > 50  # every pattern from the memo
    assert path.stat().st_mtime_ns == written  # nothing new: not written again

    path.write_bytes(path.read_bytes()[:2000] + b"\x00 not what was written")
    corrupt = _run(cache, tmp_path, *argv)
    assert corrupt[2] == 0

    path.unlink()
    off = _run(cache, tmp_path, *argv, GOVDISCLOSE_CATALOG_CACHE="0")
    assert off[2] == 0
    assert list(memo.glob("*.pickle")) == []

    text_cold = _run(cache, tmp_path, "check", str(EXAMPLES))  # the text output too
    text_warm = _run(cache, tmp_path, "check", str(EXAMPLES))
    assert (text_cold[2], text_warm[2]) == (0, text_warm[4])
    assert (text_warm[0], text_warm[1], text_warm[3]) == (text_cold[0], text_cold[1], text_cold[3])

    assert cold[0] == 1
    assert json.loads(cold[1])["summary"]["files"] == 5
    for other in (warm, corrupt, off):
        assert (other[0], other[1], other[3]) == (cold[0], cold[1], cold[3])
