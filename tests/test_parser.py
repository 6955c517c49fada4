"""The command line's parser built for the subcommand being run (cli._parser(command), start-up
time) reads every line, and writes every help, usage and error text, exactly as the whole parser."""

from __future__ import annotations

import argparse
import contextlib
import io
import re

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from govdisclose_check import cli

COMMANDS = list(cli._SUBCOMMANDS)


def option_strings() -> list[str]:
    """Every option of every subcommand, as its --help shows it."""
    found: set[str] = set()
    for command in COMMANDS:
        out = io.StringIO()
        with contextlib.redirect_stdout(out), pytest.raises(SystemExit):
            cli._parser().parse_args([command, "--help"])
        found.update(re.findall(r"(?<![\w-])(--?[a-z][\w-]*)", out.getvalue()))
    return sorted(found)


WORDS = [
    *option_strings(),
    *COMMANDS,
    "-h",
    "--help",
    "--version",
    "--",
    "-",
    "--bogus",
    "-j0",
    "--lang=en",
    "--form",  # an abbreviation
    "x.txt",
    "dir/",
    "2",
    "0",
    "zh",
    "json",
    "text:out.txt",
    "A301",
    "2024-05-31",
    "2024-13-01",
    "",
]


def outcome(parser: argparse.ArgumentParser, argv: list[str]) -> tuple[object, ...]:
    """What parsing `argv` gives: the namespace or the exit status, and all it wrote."""
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        try:
            namespace = vars(parser.parse_args(argv))
        except SystemExit as exc:
            return ("exit", exc.code, out.getvalue(), err.getvalue())
    inputs = namespace.pop("inputs_of", None)  # the subparser itself: one of each parser's own
    return ("parsed", sorted(namespace.items(), key=str), inputs is None, out.getvalue(), err.getvalue())


@settings(max_examples=400, deadline=None)
@given(command=st.sampled_from(COMMANDS), rest=st.lists(st.sampled_from(WORDS), max_size=6))
@example(command="check", rest=["--help"])
@example(command="check", rest=["--bogus"])
@example(command="check", rest=["--version"])
@example(command="summary", rest=["-h"])
@example(command="explain", rest=[])
@example(command="check", rest=["--jobs", "0", "x.txt"])
def test_one_subcommand_parses_as_all(command: str, rest: list[str]) -> None:
    argv = [command, *rest]
    assert cli._command(argv) == command
    assert outcome(cli._parser(command), argv) == outcome(cli._parser(), argv)


@pytest.mark.parametrize(
    "argv", [[], ["-h"], ["--help"], ["--version"], ["chek"], ["--bogus", "check"], ["-h", "check"]]
)
def test_a_line_without_a_subcommand_first_gets_the_whole_parser(argv: list[str]) -> None:
    assert cli._command(argv) is None


def test_the_main_help_lists_every_subcommand() -> None:
    out = io.StringIO()
    with contextlib.redirect_stdout(out), pytest.raises(SystemExit):
        cli._parser(cli._command(["--help"])).parse_args(["--help"])
    shown = " ".join(out.getvalue().split())  # as the terminal's width wraps it
    for name, (words, _) in cli._SUBCOMMANDS.items():
        assert f" {name} {words}" in shown
