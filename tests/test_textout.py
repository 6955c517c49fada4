"""`--format text` written without rich where rich would write plain characters (render/textout.py):
the same bytes as through rich, for arbitrary results, to standard output and to a file; rich where
it would style."""

from __future__ import annotations

import contextlib
import io
import os
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from rich.console import Console

from conftest import EXAMPLES, ROOT
from govdisclose_check.catalog import default_catalog
from govdisclose_check.model import CheckResult, Finding, Location, Related, Severity, Suppression
from govdisclose_check.outputs import Sink, Target
from govdisclose_check.render.options import RenderOptions
from govdisclose_check.render.text import result_lines, summary_line
from govdisclose_check.render.textout import Styled, TextOut, print_lines, rich_would_style

RICH_ENV = ("TTY_COMPATIBLE", "FORCE_COLOR", "NO_COLOR", "COLUMNS", "TERM")

# Any text, with the characters a terminal treats specially made likely: wide and combining
# characters, controls (the ones rich drops, tabs, escapes, newlines), separators, surrogates.
SPECIAL = "\t\a\b\v\f\r\n\x1b\x00\x7f\x85\u2028\u202e\u0301\u200b\ufeff表三第\U0001f600\udcff"
texts = st.text(st.one_of(st.characters(), st.sampled_from(SPECIAL)), max_size=30)
# What the tool writes unescaped (rule codes, the template's keys, a suggested number) never holds
# a lone surrogate, which a UTF-8 file cannot take (either way: an error).
unescaped = st.one_of(st.characters(exclude_categories=["Cs"]), st.sampled_from(SPECIAL[:-1]))
codes = st.text(unescaped, max_size=30)
optional = st.none() | codes
locations = st.builds(
    Location,
    line=st.none() | st.integers(1, 10**6),
    column=st.none() | st.integers(1, 999),
    page=st.none() | st.integers(1, 99),
    paragraph=st.none() | st.integers(1, 999),
    source_table=st.none() | st.integers(1, 9),
    source_row=st.none() | st.integers(1, 99),
    source_cell=st.none() | st.integers(1, 9),
)
related = st.builds(Related, codes, texts, texts, locations, texts)
findings = st.builds(
    Finding,
    rule=codes,
    name=texts,
    severity=st.sampled_from(Severity),
    message=texts,
    message_en=texts,
    location=locations,
    fingerprint=st.just("f" * 20),
    table=optional | st.sampled_from(["table2", "table3", "table4"]),
    row=optional,
    col=optional,
    suggestion=optional,
    related=st.lists(related, max_size=2).map(tuple),
    suppression=st.none() | st.builds(Suppression, texts, texts, texts),
)
results = st.builds(
    CheckResult, path=optional, report=st.none(), findings=st.lists(findings, max_size=4).map(tuple)
)


@pytest.fixture(autouse=True)
def no_rich_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in RICH_ENV:
        monkeypatch.delenv(name, raising=False)


def through_rich(console: Console, runs: list[CheckResult], lang: str, show_fixes: bool) -> None:
    """What the sink wrote before textout.py: every line printed by rich."""
    for result in runs:
        print_lines(console, result_lines(result, lang, show_fixes=show_fixes))
    print_lines(console, [summary_line(runs, lang)])


def through_sink(sink: Sink, runs: list[CheckResult]) -> None:
    sink.open()
    for result in runs:
        sink.result(result)
    sink.finish()
    sink.close(keep=True)


@settings(max_examples=150, deadline=None)
@given(
    runs=st.lists(results, min_size=1, max_size=3),
    lang=st.sampled_from(["zh", "en"]),
    show_fixes=st.booleans(),
)
def test_standard_output_is_what_rich_writes(runs: list[CheckResult], lang: str, show_fixes: bool) -> None:
    options = RenderOptions(default_catalog(), lang, "https://x/", show_fixes)
    with contextlib.redirect_stdout(io.StringIO()) as expected:
        through_rich(Console(highlight=False), runs, lang, show_fixes)
    with contextlib.redirect_stdout(io.StringIO()) as written:
        through_sink(Sink(Target("text"), options), runs)
    assert written.getvalue() == expected.getvalue()


@settings(max_examples=100, deadline=None)
@given(
    runs=st.lists(results, min_size=1, max_size=3),
    lang=st.sampled_from(["zh", "en"]),
    show_fixes=st.booleans(),
)
def test_a_file_is_what_rich_writes(
    tmp_path_factory: pytest.TempPathFactory, runs: list[CheckResult], lang: str, show_fixes: bool
) -> None:
    target = tmp_path_factory.mktemp("out") / "findings.txt"
    options = RenderOptions(default_catalog(), lang, "https://x/", show_fixes)
    expected = io.StringIO()
    through_rich(Console(file=expected, highlight=False, no_color=True, width=10_000), runs, lang, show_fixes)
    through_sink(Sink(Target("text", str(target)), options), runs)
    assert target.read_text(encoding="utf-8") == expected.getvalue()


pieces = st.lists(
    st.tuples(texts, st.sampled_from([None, "bold", "bold red", "yellow", "cyan", "green"])), max_size=5
)
styled = st.builds(Styled, pieces, st.sampled_from(["", "green", "bold red", "bold green"]))


@settings(max_examples=300, deadline=None)
@given(lines=st.lists(styled, max_size=4))
def test_lines_are_what_rich_writes(lines: list[Styled]) -> None:
    expected, written = io.StringIO(), io.StringIO()
    print_lines(Console(file=expected, highlight=False), lines)
    out = TextOut(written)
    out.write(lines)
    assert written.getvalue() == expected.getvalue()
    rewritten = any(c in line.plain for line in lines for c in "\t\a\b\v\f\r")
    # rich only for a line whose characters it would change
    assert (out._console is not None) == rewritten


class Tty(io.StringIO):
    def isatty(self) -> bool:
        return True


@pytest.mark.parametrize("tty", [False, True])
@pytest.mark.parametrize("compatible", [None, "", "0", "1", "yes"])
@pytest.mark.parametrize("force", [None, "", "0", "1"])
def test_plain_only_where_rich_takes_no_terminal(
    monkeypatch: pytest.MonkeyPatch, tty: bool, compatible: str | None, force: str | None
) -> None:
    for name, value in (("TTY_COMPATIBLE", compatible), ("FORCE_COLOR", force)):
        if value is not None:
            monkeypatch.setenv(name, value)
    file = Tty() if tty else io.StringIO()
    assert rich_would_style(file, os.environ) == Console(file=file).is_terminal


def test_a_terminal_gets_rich_styles(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("FORCE_COLOR", "1")
    written = io.StringIO()
    TextOut(written).write([Styled((("错误", "bold red"),))])
    assert "\x1b[" in written.getvalue()  # styled: rich wrote it
    monkeypatch.setenv("FORCE_COLOR", "")
    written = io.StringIO()
    TextOut(written).write([Styled((("错误", "bold red"),))])
    assert written.getvalue() == "错误\n"


def test_a_closed_pipe_ends_as_through_rich(tmp_path: Path) -> None:
    """The reader going away: status 1 and no traceback, as rich's Console.on_broken_pipe ends it."""
    example = sorted(EXAMPLES.glob("*.txt"))[0].read_bytes()
    for n in range(80):  # more output than a pipe holds
        (tmp_path / f"{n:03}.txt").write_bytes(example)
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    argv = [sys.executable, "-m", "govdisclose_check.cli", "check", "-j", "1", str(tmp_path)]
    with subprocess.Popen(argv, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env) as child:
        assert child.stdout is not None
        assert child.stderr is not None
        assert child.stdout.read(100)
        child.stdout.close()
        status, errors = child.wait(timeout=60), child.stderr.read()
    assert (status, errors) == (1, b"")


@pytest.mark.parametrize(
    "environment",
    [
        {"COLUMNS": "20"},  # narrower than the lines: rich does not wrap them (soft_wrap)
        {"NO_COLOR": "1"},
        {"TERM": "dumb"},
        {"TTY_INTERACTIVE": "1"},
        {"TTY_COMPATIBLE": "0", "FORCE_COLOR": "1"},
        {"FORCE_COLOR": ""},
    ],
)
def test_environments_rich_writes_plain_in(
    monkeypatch: pytest.MonkeyPatch, environment: dict[str, str]
) -> None:
    for name, value in environment.items():
        monkeypatch.setenv(name, value)
    lines = [
        Styled(
            (
                ("a/报告.txt:12:3", "bold"),
                (": ", None),
                ("A301", "bold red"),
                (" 第三列之和应为 12，实为 13", None),
            )
        ),
        Styled(()),
        Styled((("共检查1个文件：1个错误", None),), "bold red"),
    ]
    assert not rich_would_style(io.StringIO(), os.environ)
    with contextlib.redirect_stdout(io.StringIO()) as expected:
        print_lines(Console(highlight=False), lines)
    with contextlib.redirect_stdout(io.StringIO()) as written:
        TextOut(None).write(lines)
    assert written.getvalue() == expected.getvalue()
    assert "\x1b" not in written.getvalue()
