"""The report's prose joined into one text, so that a rule finds the lines worth its per-line look
with one search at C speed instead of a Python loop calling a regex on every line.

A fast path (issue 14, items 1 and 4): the rules still read each line as before, but only the lines
where the search hits. `candidates` yields every line where a per-line match may be; the rule then
runs its own per-line code on that line, so the findings (places, order, wording) are the same.

That holds when the pattern matching inside a line implies it matches at the same place of the
joined text. `line_local` accepts only patterns for which that is so: no anchors or word boundaries,
no atomic groups or possessive quantifiers, and negative lookarounds that can never match the
newline between two lines. Any other pattern gets no finder, and every line is a candidate.
"""

from __future__ import annotations

import bisect
import functools
import itertools
import operator
from collections.abc import Callable, Iterator

import attrs
import regex

from ..model import ProseLine, Report
from .context import Context
from .prose import compact

_SEPARATOR = "\n"


@attrs.frozen
class Joined:
    items: tuple[ProseLine, ...]
    text: str  # the lines' texts joined by newlines
    starts: tuple[int, ...]  # where each line begins in `text`
    ends: tuple[int, ...]  # where each ends

    @classmethod
    def of(cls, items: tuple[ProseLine, ...], texts: list[str], text: str | None = None) -> Joined:
        """`text`: the texts joined, when the caller has it already."""
        lengths = list(map(len, texts))
        starts = (0, *itertools.accumulate(n + len(_SEPARATOR) for n in lengths[:-1])) if texts else ()
        ends = tuple(map(operator.add, starts, lengths))
        return cls(items, _SEPARATOR.join(texts) if text is None else text, starts, ends)

    def candidates(
        self, finder: regex.Pattern[str] | None, first: int = 0, stop: int | None = None, shift: int = 0
    ) -> Iterator[int]:
        """The indexes in [first, stop) of the lines where `finder` may match, in order; every
        index when there is no finder. The next search starts at the line after a hit.

        `shift = 1`: the finder's match begins one character before the place looked for (the
        newline before a line, a 。 in it); the first line of the text is then always a candidate."""
        stop = len(self.items) if stop is None else stop
        if finder is None:
            yield from range(first, stop)
            return
        if first >= stop:
            return
        if shift and first == 0:
            yield 0
            first = 1
            if first >= stop:
                return
        pos, endpos = self.starts[first] - shift, self.ends[stop - 1]
        while True:
            match = finder.search(self.text, pos, endpos)
            if match is None:
                return
            index = bisect.bisect_right(self.starts, match.start() + shift) - 1
            yield index
            if index + 1 >= stop:
                return
            pos = self.starts[index + 1] - shift

    def any_candidates(
        self,
        finders: tuple[regex.Pattern[str] | None, ...],
        first: int = 0,
        stop: int | None = None,
        shift: int = 0,
    ) -> list[int]:
        """The lines where any of `finders` may match, in order (each searched on its own: one
        alternation of them all is slower to search than each of them)."""
        found: set[int] = set()
        for one in finders:
            found.update(self.candidates(one, first, stop, shift))
            if one is None:
                break  # every line already
        return sorted(found)

    def line(self, index: int) -> str:
        return self.text[self.starts[index] : self.ends[index]]

    def runs(self, section: str | None) -> list[tuple[int, int]]:
        """The [first, stop) ranges of the lines of `section` (usually one)."""
        out: list[tuple[int, int]] = []
        first = None
        for i, item in enumerate(self.items):
            if item.section == section and first is None:
                first = i
            elif item.section != section and first is not None:
                out.append((first, i))
                first = None
        if first is not None:
            out.append((first, len(self.items)))
        return out


def joined(ctx: Context) -> Joined:
    """The report's prose lines (`Report.prose`) as they are, once per check."""
    return _memo(ctx, "joined", ctx.report, lambda items: [item.line.text for item in items])


def joined_compact(ctx: Context) -> Joined:
    """The same lines with their spaces removed (`prose.compact`), once per check."""
    return _memo(ctx, "joined-compact", ctx.report, lambda items: [compact(item.line.text) for item in items])


def _memo(
    ctx: Context, key: str, report: Report, texts: Callable[[tuple[ProseLine, ...]], list[str]]
) -> Joined:
    found = ctx.memo.get(key)
    if isinstance(found, Joined):
        return found
    items = report.prose
    ctx.memo[key] = made = Joined.of(items, texts(items))
    return made


def finder(pattern: regex.Pattern[str]) -> regex.Pattern[str] | None:
    """`pattern` itself when a search of the joined text finds every line it matches; else None."""
    return pattern if line_local(pattern.pattern) and not pattern.flags & _UNSAFE_FLAGS else None


def finders(patterns: tuple[regex.Pattern[str], ...]) -> tuple[regex.Pattern[str] | None, ...]:
    return tuple(finder(p) for p in patterns)


def literal_finder(words: tuple[str, ...]) -> regex.Pattern[str]:
    """A finder of the lines that contain one of `words` (plain substrings)."""
    return _literals(tuple(words))


@functools.cache
def _literals(words: tuple[str, ...]) -> regex.Pattern[str]:
    return regex.compile("|".join(regex.escape(w) for w in words) if words else "(?!)")


_UNSAFE_FLAGS = int(regex.MULTILINE | regex.VERBOSE | regex.REVERSE)  # an int: enum `&` is slow
_ANCHORS = frozenset("AZzbBGKmM")  # \A \Z \z \b \B \G \K \m \M: they see where a line ends
_STRICT_ESCAPES = frozenset("dw")  # in a negative lookaround: classes that never match a newline
_STRICT_PROPERTIES = frozenset({"Han"})


@functools.cache
def line_local(pattern: str) -> bool:
    """Whether a match of `pattern` inside one line is a match at the same place of that line
    within the joined text (conservative: False for anything it does not know)."""
    return _Scanner(pattern).ok()


class _Scanner:
    def __init__(self, pattern: str) -> None:
        self.p = pattern
        self.i = 0
        self.strict = False  # inside a negative lookaround: nothing there may match a newline
        self.stack: list[bool] = []

    def ok(self) -> bool:
        p = self.p
        while self.i < len(p):
            c = p[self.i]
            step = {
                "\\": self._escape,
                "[": self._set,
                "(": self._open,
                ")": self._close,
                "{": self._braces,
            }.get(c)
            if step is not None:
                if not step():
                    return False
            elif c in "^$" or (self.strict and (c == "." or ord(c) < 0x21)):
                return False
            elif c in "*+?" and p[self.i + 1 : self.i + 2] == "+":
                return False  # possessive
            else:
                self.i += 1
        return not self.stack

    def _escape(self) -> bool:
        p, i = self.p, self.i
        if i + 1 >= len(p):
            return False
        e = p[i + 1]
        if e in "pP":
            return self._property(e)
        if e in _ANCHORS or e.isdigit():
            return False  # anchors, boundaries, back-references
        if self.strict and (e.isalnum() or ord(e) < 0x21) and e not in _STRICT_ESCAPES:
            return False
        if e == "N" or (e.isalnum() and e in "xuU"):
            return not self.strict and e != "N" and self._skip(2)
        return self._skip(2)

    def _property(self, e: str) -> bool:
        p, i = self.p, self.i
        if p[i + 2 : i + 3] != "{":
            return not self.strict and self._skip(3)
        close = p.find("}", i + 3)
        if close < 0:
            return False
        if self.strict and (e == "P" or p[i + 3 : close] not in _STRICT_PROPERTIES):
            return False
        self.i = close + 1
        return True

    def _set(self) -> bool:
        p, j = self.p, self.i + 1
        if p[j : j + 1] == "^":
            if self.strict:
                return False
            j += 1
        if p[j : j + 1] == "]":
            j += 1
        while j < len(p) and p[j] != "]":
            c = p[j]
            if c == "[":
                return False  # nested sets, POSIX classes
            if c == "\\":
                e = p[j + 1 : j + 2]
                if not e or (self.strict and (e.isalnum() or ord(e) < 0x21) and e not in _STRICT_ESCAPES):
                    return False
                j += 2
                continue
            if self.strict and ord(c) < 0x21:
                return False  # a range from a control character may hold the newline
            j += 1
        if j >= len(p):
            return False
        self.i = j + 1
        return True

    def _open(self) -> bool:
        p, i = self.p, self.i
        self.stack.append(self.strict)
        if p[i + 1 : i + 2] != "?":
            return self._skip(1)
        rest = p[i + 2 : i + 4]
        if rest.startswith((":", "=")):
            return self._skip(3)
        if rest == "<=":
            return self._skip(4)
        if rest.startswith("!") or rest == "<!":
            self.strict = True
            return self._skip(3 if rest.startswith("!") else 4)
        if rest.startswith("P<") or (rest.startswith("<") and rest[1:2].isalpha()):
            close = p.find(">", i)
            if close < 0:
                return False
            self.i = close + 1
            return True
        return False  # atomic groups, inline flags, conditionals, branch resets, comments

    def _close(self) -> bool:
        if not self.stack:
            return False
        self.strict = self.stack.pop()
        return self._skip(1)

    def _braces(self) -> bool:
        p, i = self.p, self.i
        close = p.find("}", i)
        if close < 0 or not all(ch.isdigit() or ch == "," for ch in p[i + 1 : close]):
            return False  # fuzzy matching, a literal brace
        self.i = close + 1
        return p[self.i : self.i + 1] != "+"

    def _skip(self, n: int) -> bool:
        self.i += n
        return True
