"""Words that every match of a pattern contains: cheap `in` tests that rule a line out before a
regex call (issue 14: N401 tries about twenty patterns on each line that names a keyword).

`required` reads the pattern's top level only: a run of plain characters, none of them quantified,
with nothing between them, is in every match. Anything it does not know (a top-level `|`, inline
flags, a flag that changes what a character matches) gives no words, and the pattern is then tried
on every line as before. tests/test_engine_fast_paths.py checks it against the regex on random text.
"""

from __future__ import annotations

import functools
import string

import regex

_META = frozenset("\\.^$*+?{}[]()|")
_CLASSES = frozenset("dDwWsSbBAZzpPhHvV")  # escapes that stand for a class or a place, not a character
# Flags under which a plain character may match another text (case folding) or is no character
# at all (verbose patterns skip spaces).
_UNSAFE = int(regex.IGNORECASE | regex.FULLCASE | regex.VERBOSE)  # an int: enum `&` is slow


def required(pattern: regex.Pattern[str]) -> tuple[str, ...]:
    """The runs of plain characters that every match of `pattern` contains, the longest first
    (the likeliest to be missing); () when it cannot tell."""
    if pattern.flags & _UNSAFE:
        return ()
    return required_of(pattern.pattern)


def required_of(source: str) -> tuple[str, ...]:
    """`required(regex.compile(source))`, read from the text alone: compiled with no flags, a
    pattern can only get the flags `_UNSAFE` names inline, and inline flags make it give up anyway.
    So a pattern whose words are missing from a text need not be compiled at all (start-up time:
    compiling a rule's pattern costs the `regex` module about a million instructions)."""
    if not _plain_groups(source):
        return ()
    return _required(source)


@functools.cache
def _required(p: str) -> tuple[str, ...]:
    runs: list[str] = []
    run = ""
    i = 0
    while i < len(p):
        c = p[i]
        if c == "|":
            return ()  # a top-level alternation: no one word is in every match
        if c in "([":  # a group or a set ends the run (what it holds is not read)
            end = _group_end(p, i) if c == "(" else _set_end(p, i)
            if end < 0:
                return ()
            runs.append(run)
            run, i = "", end
            continue
        if c == "\\":
            escaped = _escape(p, i)
            if escaped is None:
                return ()  # \x41, \u…, \N{…}, back-references …: not read here
            if escaped == "":
                runs.append(run)  # \d \w \b …: no plain character (\p{…} skips its braces next)
                run, i = "", i + 2
                continue
            char, i = escaped, i + 2
        elif c == "{":
            end = p.find("}", i)
            if end < 0:
                return ()
            runs.append(run)  # a repeat count (or a fuzzy constraint) after a group or a set
            run, i = "", end + 1
            continue
        elif c in _META:
            runs.append(run)  # `.`, anchors, and a quantifier after a group or set
            run, i = "", i + 1
            continue
        else:
            char, i = c, i + 1
        step = _repeated(p, i, run, char)
        if step is None:
            return ()
        run, i, ends = step
        if ends:  # the character repeats or may be left out: the run ends here
            runs.append(run)
            run = ""
    runs.append(run)
    return tuple(sorted(dict.fromkeys(r for r in runs if r), key=len, reverse=True))


def _escape(p: str, i: int) -> str | None:
    """The character an escape at `i` stands for; "" for a class or a place (\\d, \\b, \\p{…});
    None for one not read here."""
    e = p[i + 1 : i + 2]
    if e and e in string.punctuation:
        return e  # an escaped mark (\\( \\* \\.) is that character
    if e and e in _CLASSES:
        return ""
    return None


def _repeated(p: str, i: int, run: str, char: str) -> tuple[str, int, bool] | None:
    """The run with `char` (read just before `i`), where to read on, and whether the run ends
    there (the character may be left out or repeated: the run keeps the times it must be there);
    None for a repeat not read here."""
    after = p[i : i + 1]
    if after in ("?", "*"):
        return run, i, True  # may be left out (the quantifier is read next, as a mark)
    if after == "+":
        return run + char, i + 1, True  # once at least, then maybe again
    if after == "{":
        repeat = _repeat(p, i)
        if repeat is None:
            return None
        least, end = repeat
        return run + char * least, end, True  # at least that many times
    return run + char, i, False


def _repeat(p: str, i: int) -> tuple[int, int] | None:
    """`{m}`, `{m,}` or `{m,n}` at `i`: (m, the index after it); None for anything else (a fuzzy
    constraint, `{,n}`)."""
    end = p.find("}", i)
    if end < 0:
        return None
    least, _, most = p[i + 1 : end].partition(",")
    if not (least.isascii() and least.isdigit()) or (most and not (most.isascii() and most.isdigit())):
        return None
    return int(least), end + 1


def _plain_groups(p: str) -> bool:
    """Whether every `(?` of `p` opens a plain group or a lookaround: no inline flags anywhere (in
    the regex module they may reach the whole pattern), no atomic groups or conditionals."""
    at = p.find("(?")
    while at >= 0:
        if not p.startswith(_GROUPS, at):
            return False
        at = p.find("(?", at + 2)
    return True


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


def first_chars(pattern: regex.Pattern[str]) -> frozenset[str]:
    """Characters of which every match of `pattern` holds one: in each top-level branch, the first
    thing that takes a character, when it is a plain character or a plain set (`[Xx]`) that must
    be there. Empty when it cannot tell (then nothing is known)."""
    if pattern.flags & _UNSAFE or not _plain_groups(pattern.pattern):
        return frozenset()
    return _first_chars(pattern.pattern)


@functools.cache
def _first_chars(p: str) -> frozenset[str]:
    out: set[str] = set()
    for branch in branches(p):
        chars = _first_of_branch(branch)
        if not chars:
            return frozenset()
        out |= chars
    return frozenset(out)


def branches(p: str) -> list[str]:
    """The top-level branches of `p` (split at each `|` outside groups and sets)."""
    out, start, i = [], 0, 0
    while i < len(p):
        c = p[i]
        if c == "\\":
            i += 2
        elif c == "[":
            i = _set_end(p, i)
        elif c == "(":
            i = _group_end(p, i)
        elif c == "|":
            out.append(p[start:i])
            start = i = i + 1
        else:
            i += 1
        if i < 0:
            return []
    return [*out, p[start:]]


def _first_of_branch(p: str) -> frozenset[str]:
    i = 0
    while p.startswith(_LOOKAROUNDS, i):  # they take no character: what follows takes the first
        i = _group_end(p, i)
        if i < 0:
            return frozenset()
    if i >= len(p):
        return frozenset()
    if p[i] == "[":
        end = _set_end(p, i)
        body = p[i + 1 : end - 1] if end > 0 else ""
        if not body or body[0] == "^" or any(c in body for c in "\\-[]&~|"):
            return frozenset()  # negated sets, ranges, escapes, set operations: not read here
        chars = frozenset(body)
    elif p[i] == "\\" and p[i + 1 : i + 2] in _PUNCTUATION:
        chars, end = frozenset(p[i + 1]), i + 2
    elif p[i] in _META:
        return frozenset()
    else:
        chars, end = frozenset(p[i]), i + 1
    after = p[end : end + 1]
    repeat = _repeat(p, end) if after == "{" else None
    if after in ("?", "*") or (after == "{" and (repeat is None or repeat[0] == 0)):
        return frozenset()  # it may be left out (or a repeat not read here)
    return chars


_LOOKAROUNDS = ("(?=", "(?!", "(?<=", "(?<!")
_GROUPS = ("(?:", "(?P<", *_LOOKAROUNDS)
_PUNCTUATION = frozenset(string.punctuation)
