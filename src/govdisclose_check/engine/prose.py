"""The report's prose for the narrative, compliance and cross-year rules: its lines outside the
tables, each with its section, and helpers to search them with the rules' patterns.

A rule's pattern may hold `{N}`, which stands for one number (Arabic or Chinese numerals, spaces
around it allowed) captured as group `n`; `number_in` reads it with its unit.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from functools import cache

import regex

from ..document import Line
from ..model import Location, ProseLine, Report
from ..parse.numbers import NUMBER, Mention, number_at
from ..patterns import compiled as compiled_once

_SPACE = regex.compile(r"\s+")
NOT_REGEX_SPACE = "\x1c\x1d\x1e\x1f"  # str.isspace(), but not regex's \s
CLAUSE_END = "。;!?"


def prose(report: Report, sections: Iterable[str] | None = None) -> Iterator[ProseLine]:
    """The lines outside tables, in order: the head (when `sections` is None) then each section's."""
    lines = report.prose
    if sections is None:
        yield from lines
        return
    wanted = frozenset(sections)
    for item in lines:
        if item.section in wanted:
            yield item


@cache
def compiled(pattern: str) -> regex.Pattern[str]:
    """A rule's pattern with `{N}` standing for a number (group `n`)."""
    return compiled_once(expanded(pattern))


def expanded(pattern: str) -> str:
    """The text of `compiled(pattern)`: the rule's pattern with `{N}` written out."""
    return pattern.replace("{N}", rf"\s*(?P<n>{NUMBER})\s*")


@cache
def any_of(patterns: tuple[str, ...]) -> regex.Pattern[str]:
    """One pattern that matches where any of `patterns` would: a cheap first look at each line, so
    that a rule's many patterns run only on the few lines that may hold one."""
    return compiled_once(any_text(patterns))


def any_text(patterns: tuple[str, ...]) -> str:
    """The text of `any_of(patterns)`, for a pattern built on it (not compiled for that)."""
    number = rf"\s*{NUMBER}\s*"
    return "|".join("(?:" + p.replace("{N}", number) + ")" for p in patterns) or "(?!)"


def number_in(text: str, match: regex.Match[str]) -> Mention | None:
    return number_at(text, match.start("n"))


def compact(text: str) -> str:
    """`text` without its white space (what regex's `\\s` matches)."""
    if "\x1c" not in text and "\x1d" not in text and "\x1e" not in text and "\x1f" not in text:
        # A fast path (issue 14): `str.split()` cuts at the characters of `str.isspace()`, which are
        # regex's `\s` and the four above (NOT_REGEX_SPACE; tests/test_engine_fast_paths.py checks
        # every code point). Without them, the pieces joined are the regex's text, at half the cost.
        return "".join(text.split())
    return _SPACE.sub("", text)


def compacts(texts: list[str]) -> list[str]:
    """Each text's `compact`. A fast path (issue 14, item 4), for the 100,000 lines of a 10 MB
    report's prose: the texts joined by a character that is no white space and in none of them,
    `str.split` once over them all (white space taken out of each text, or out of them all joined,
    leaves the same), and parted again. Else, or with any of NOT_REGEX_SPACE, one text at a time."""
    joined = _APART.join(texts)
    if not texts or joined.count(_APART) != len(texts) - 1 or any(c in joined for c in NOT_REGEX_SPACE):
        return [compact(text) for text in texts]
    return "".join(joined.split()).split(_APART)


_APART = "\x00"  # parts the texts in `compacts`: no white space, and in no report's text in practice


def clause(text: str, start: int, end: int) -> str:
    """The sentence around `[start, end)`: from the last 。;!? before it to the next one."""
    left = max(text.rfind(c, 0, start) for c in CLAUSE_END) + 1
    rights = [i for i in (text.find(c, end) for c in CLAUSE_END) if i >= 0]
    return text[left : min(rights) if rights else len(text)]


def span(line: Line, start: int, end: int) -> Location:
    """The place of `line.text[start:end]` in the original file."""
    return line.location(start, end)


def original(line: Line, start: int, end: int) -> str:
    """`line.text[start:end]` as the file has it (full-width, traditional, glosses and all)."""
    if end <= start:
        return ""
    return line.original[line.column(start) - 1 : line.end_column(end) - 1] or line.text[start:end]


def quote(text: str, limit: int = 40) -> str:
    """A passage as a message quotes it: markdown marks gone, at most `limit` characters."""
    text = text.replace("**", "").strip(" #>*_\t")
    return text if len(text) <= limit else text[: limit - 1] + "…"
