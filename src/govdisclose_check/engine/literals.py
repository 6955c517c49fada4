"""Words that every match of a pattern contains: cheap `in` tests that rule a line out before a
regex call (issue 14: N401 tries about twenty patterns on each line that names a keyword).

`required` reads the pattern's top level only: a run of plain characters, none of them quantified,
with nothing between them, is in every match. Anything it does not know (a top-level `|`, inline
flags, a flag that changes what a character matches) gives no words, and the pattern is then tried
on every line as before. tests/test_engine_fast_paths.py checks it against the regex on random text.
"""

from __future__ import annotations

import functools

import regex

_META = frozenset("\\.^$*+?{}[]()|")
_QUANTIFIERS = frozenset("?*+{")
# Flags under which a plain character may match another text (case folding) or is no character
# at all (verbose patterns skip spaces).
_UNSAFE = int(regex.IGNORECASE | regex.FULLCASE | regex.VERBOSE)  # an int: enum `&` is slow


def required(pattern: regex.Pattern[str]) -> tuple[str, ...]:
    """The runs of plain characters that every match of `pattern` contains, the longest first
    (the likeliest to be missing); () when it cannot tell."""
    if pattern.flags & _UNSAFE:
        return ()
    return _required(pattern.pattern)


@functools.cache
def _required(p: str) -> tuple[str, ...]:
    runs: list[str] = []
    run = ""
    i = 0
    while i < len(p):
        c = p[i]
        if c == "|":
            return ()  # a top-level alternation: no one word is in every match
        if c == "(":
            if p.startswith("(?", i) and not p.startswith(("(?:", "(?=", "(?!", "(?<=", "(?<!", "(?P<"), i):
                return ()  # inline flags, atomic groups, conditionals …
            end = _group_end(p, i)
            if end < 0:
                return ()
            runs.append(run)
            run, i = "", end
            continue
        if c == "[":
            end = _set_end(p, i)
            if end < 0:
                return ()
            runs.append(run)
            run, i = "", end
            continue
        if c == "\\":
            runs.append(run)
            run, i = "", i + 2  # an escape is no plain character (a \p{…} ends the run too)
            continue
        if c == "{":
            end = p.find("}", i)
            if end < 0:
                return ()
            runs.append(run)  # a repeat count (or a fuzzy constraint) after a group or a set
            run, i = "", end + 1
            continue
        if c in _META:
            runs.append(run)  # `.`, anchors, and a quantifier after a group or set
            run, i = "", i + 1
            continue
        if p[i + 1 : i + 2] in _QUANTIFIERS and i + 1 < len(p):
            runs.append(run)  # this character may be left out or repeated: it ends the run
            run, i = "", i + 1
            continue
        run += c
        i += 1
    runs.append(run)
    return tuple(sorted(dict.fromkeys(r for r in runs if r), key=len, reverse=True))


def _group_end(p: str, i: int) -> int:
    """The index after the `)` that closes the group opening at `i` (-1 when unclosed)."""
    depth = 0
    while i < len(p):
        c = p[i]
        if c == "\\":
            i += 2
            continue
        if c == "[":
            i = _set_end(p, i)
            if i < 0:
                return -1
            continue
        if c == "(":
            depth += 1
        elif c == ")":
            depth -= 1
            if depth == 0:
                return i + 1
        i += 1
    return -1


def _set_end(p: str, i: int) -> int:
    """The index after the `]` that closes the set opening at `i` (-1 when unclosed or nested)."""
    j = i + 1
    if p[j : j + 1] == "^":
        j += 1
    if p[j : j + 1] == "]":
        j += 1
    while j < len(p):
        c = p[j]
        if c == "\\":
            j += 2
            continue
        if c == "[":
            return -1  # nested sets, POSIX classes: not read here
        if c == "]":
            return j + 1
        j += 1
    return -1
