"""Whether a pattern is line-local: a match of it inside one line is a match at the same place of
that line within the lines joined by newlines (`joined.py` relies on it to search the joined prose).

So it is when the pattern has no anchors or word boundaries, no atomic groups or possessive
quantifiers (which could commit past the line's end and fail), no inline flags, and only negative
lookarounds that can never match the newline between two lines. The check is conservative: a
pattern it does not understand is not line-local, and its rule then looks at every line.
"""

from __future__ import annotations

import functools

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
