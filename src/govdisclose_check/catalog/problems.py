"""What is wrong with a rules directory: each problem with its file, its line and what was expected.

`tomllib` gives no line numbers, so the line of an entry (the n-th `[[rule]]`) or of one of its
keys is found by scanning the file's text; that is all a person needs to go and fix it.
"""

from __future__ import annotations

from collections.abc import Iterable

import attrs
import regex

_HEADER = r"^\s*\[\[?\s*(?P<name>[\w.\-]+)\s*\]\]?"  # compiled by the first problem (regex's cache)


@attrs.frozen
class Problem:
    file: str
    line: int
    message: str

    def __str__(self) -> str:
        return f"{self.file}:{self.line}: {self.message}"


class RulesError(ValueError):
    """The rules could not be loaded: every problem found, not only the first."""

    def __init__(self, problems: Iterable[Problem]) -> None:
        self.problems = tuple(problems)
        super().__init__("\n".join(str(p) for p in self.problems))


def entry_line(text: str, table: str, index: int, key: str = "") -> int:
    """The line of the `index`-th `[[table]]` entry of a TOML text, or of `key` inside it (dotted
    keys such as `message.zh` are looked for whole, then by their first part)."""
    lines = text.splitlines()
    seen = -1
    start = None
    for number, line in enumerate(lines, 1):
        match = regex.match(_HEADER, line)
        if match and line.lstrip().startswith("[[") and match["name"] == table:
            seen += 1
            if seen == index:
                start = number
                break
    if start is None:
        return 1
    if not key:
        return start
    headers = (n for n in range(start + 1, len(lines) + 1) if regex.match(_HEADER, lines[n - 1]))
    end = next(headers, len(lines) + 1)
    plain = key.split("[", 1)[0]
    candidates = [plain, plain.split(".", 1)[0]]
    for candidate in candidates:
        pattern = regex.compile(rf"^\s*{regex.escape(candidate)}\s*(?:=|\.)")
        for number in range(start + 1, end):
            if pattern.match(lines[number - 1]):
                return number
    return start


def key_line(text: str, key: str) -> int:
    """The line where a top-level key or table (`[name]`, `[[name]]`, `name =`) first appears."""
    first = key.split(".", 1)[0]
    pattern = regex.compile(rf"^\s*(?:\[\[?\s*{regex.escape(first)}\b|{regex.escape(first)}\s*(?:=|\.))")
    for number, line in enumerate(text.splitlines(), 1):
        if pattern.match(line):
            return number
    return 1
