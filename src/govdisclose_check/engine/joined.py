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
from ..patterns import compiled as compiled_once
from .context import Context
from .linelocal import line_local
from .literals import first_chars, required
from .prose import compacts

_SEPARATOR = "\n"
_SECTION = operator.attrgetter("section")


# repr=False: the records here are internal and never shown, and attrs would compile a __repr__
# for each class at every start-up (about 0.9 M instructions a class; issue 14).
@attrs.frozen(repr=False)
class Joined:
    items: tuple[ProseLine, ...]
    text: str  # the lines' texts joined by newlines
    starts: tuple[int, ...]  # where each line begins in `text`
    ends: tuple[int, ...]  # where each ends

    @classmethod
    def of(cls, items: tuple[ProseLine, ...], texts: list[str], text: str | None = None) -> Joined:
        """`text`: the texts joined, when the caller has it already."""
        lengths = list(map(len, texts))
        # at C speed (a report may have 100,000 lines): each start is the one before, plus that
        # line's length and the separator's
        steps = map(operator.add, lengths[:-1], itertools.repeat(len(_SEPARATOR)))
        starts = tuple(itertools.accumulate(steps, initial=0)) if texts else ()
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

    def containing(self, words: tuple[str, ...]) -> list[int]:
        """The indexes of the lines that contain one of `words` (plain substrings), in order, and
        maybe a line before a word that begins with a newline.

        A fast path (issue 14): `str.find` over the joined text for each word, not one regex that
        alternates them (which the regex module searches a character at a time)."""
        if not self.items:
            return []
        found: set[int] = set()
        text, starts, count = self.text, self.starts, len(self.items)
        for word in words:
            pos = 0
            while (at := text.find(word, pos)) >= 0:
                index = bisect.bisect_right(starts, at) - 1
                found.add(index)
                if index + 1 >= count:
                    break
                pos = starts[index + 1]
        return sorted(found)

    def containing_all(self, words: tuple[str, ...]) -> list[int]:
        """The indexes of the lines that contain every one of `words`, in order: the lines that
        `containing` gives for each word, all of them (none when there is no word).

        A fast path (issue 14): the rarest word's lines first (counting a word is one pass at C
        speed), then each of those lines looked at for the other words, rather than the whole text
        searched again for each. A word that is in most lines (a digit, in a report of 100,000
        lines) then costs no step a line. A word without a newline is in a line exactly when
        `containing` finds it there; one with a newline is searched as `containing` does."""
        if not words:
            return []
        text, starts, ends = self.text, self.starts, self.ends
        first, *others = sorted(words, key=text.count) if len(words) > 1 else words
        found = self.containing((first,))
        for word in others:
            if not found:
                break
            if "\n" in word:
                hits = set(self.containing((word,)))
                found = [i for i in found if i in hits]
            else:
                found = [i for i in found if text.find(word, starts[i], ends[i]) >= 0]
        return found

    def line(self, index: int) -> str:
        return self.text[self.starts[index] : self.ends[index]]

    def runs(self, section: str | None) -> list[tuple[int, int]]:
        """The [first, stop) ranges of the lines of `section` (usually one)."""
        return self.sections().get(section, [])

    def sections(self) -> dict[str | None, list[tuple[int, int]]]:
        """Every section's `runs`, found in one pass over the lines (N404 asks for six sections)."""
        out: dict[str | None, list[tuple[int, int]]] = {}
        first = 0
        # each run of lines of one section grouped at C speed (a report may have 100,000 lines)
        for section, run in itertools.groupby(map(_SECTION, self.items)):
            stop = first + len(list(run))
            out.setdefault(section, []).append((first, stop))
            first = stop
        return out


def joined(ctx: Context) -> Joined:
    """The report's prose lines (`Report.prose`) as they are, once per check."""
    return _memo(ctx, "joined", ctx.report, lambda items: [item.line.text for item in items])


def joined_compact(ctx: Context) -> Joined:
    """The same lines with their spaces removed (`prose.compact`), once per check."""
    found = ctx.memo.get("joined-compact")
    if isinstance(found, Joined):
        return found
    plain = joined(ctx)
    if not _spaced(plain):  # then each line is its compact: the lines as they are
        ctx.memo["joined-compact"] = plain
        return plain
    return _memo(
        ctx, "joined-compact", ctx.report, lambda items: compacts([item.line.text for item in items])
    )


def _spaced(lines: Joined) -> bool:
    """Whether the lines may hold white space (a newline of their own, too): a fast path (issue 14),
    a few passes at C speed over them joined. Printable characters are no white space but " "."""
    text = lines.text
    return (
        " " in text
        or text.count(_SEPARATOR) != max(len(lines.items) - 1, 0)
        or not text.replace(_SEPARATOR, "").isprintable()
    )


def _memo(
    ctx: Context, key: str, report: Report, texts: Callable[[tuple[ProseLine, ...]], list[str]]
) -> Joined:
    found = ctx.memo.get(key)
    if isinstance(found, Joined):
        return found
    items = report.prose
    ctx.memo[key] = made = Joined.of(items, texts(items))
    return made


def likely(lines: Joined, pattern: regex.Pattern[str]) -> list[int]:
    """The indexes of the lines where `pattern` may match, in order (every line it matches in).

    A fast path (issue 14): by the words every match of it holds, or the characters one of which
    each holds (literals.py), found with `str.find`, several times faster than the regex module
    searches the joined prose for a pattern that does not begin with a plain word; else by its
    finder, as `candidates`."""
    how, words, look = _look(pattern)
    if how == "all":
        return lines.containing_all(words)
    if how == "any":
        return lines.containing(words)
    return list(lines.candidates(look))


@functools.cache
def _look(pattern: regex.Pattern[str]) -> tuple[str, tuple[str, ...], regex.Pattern[str] | None]:
    words = required(pattern)
    if words:
        return "all", words, None
    chars = first_chars(pattern)
    if chars:
        return "any", tuple(sorted(chars)), None
    return "finder", (), finder(pattern)


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
    return compiled_once("|".join(regex.escape(w) for w in words) if words else "(?!)")


_UNSAFE_FLAGS = int(regex.MULTILINE | regex.VERBOSE | regex.REVERSE)  # an int: enum `&` is slow
