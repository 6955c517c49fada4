"""The identity grammar of `rules/checks/*.toml`, parsed by hand (never `eval`).

    identity := side OP side          OP := "==" | ">=" | "<="
    side     := term (("+" | "-") term)*
    term     := KEY | "sum(" PATTERN ")" | INTEGER

KEY is a row or column key (letters, digits, "_" and "."); PATTERN is a key with "*" wildcards.
"""

from __future__ import annotations

import fnmatch
import functools

import attrs
import regex

# Compiled when an identity is first read from TOML (a catalog from the cache has them read).
_TOKEN = (
    r"\s*(?:(?P<op>==|>=|<=)|(?P<sign>[+-])|(?P<sum>sum\(\s*(?P<pattern>[\w.*]+)\s*\))"
    r"|(?P<int>\d+)|(?P<key>[A-Za-z_][\w.]*))"
)


@functools.cache
def _token() -> regex.Pattern[str]:
    return regex.compile(_TOKEN)


# repr=False: the records here are internal and never shown, and attrs would compile a __repr__
# for each class at every start-up (about 0.9 M instructions a class; issue 14).
@attrs.frozen(cache_hash=True, repr=False)
class Term:
    sign: int  # +1 or -1
    key: str | None = None  # a single key
    pattern: str | None = None  # sum(pattern)
    constant: int | None = None

    def keys(self, available: tuple[str, ...]) -> tuple[str, ...]:
        if self.key is not None:
            return (self.key,)
        if self.pattern is not None:
            return _matching(self.pattern, available)
        return ()


@attrs.frozen(cache_hash=True, repr=False)
class Identity:
    left: tuple[Term, ...]
    op: str
    right: tuple[Term, ...]
    text: str

    def keys(self, available: tuple[str, ...]) -> tuple[str, ...]:
        return _identity_keys(self, available)

    def sides(self, available: tuple[str, ...]) -> tuple[Side, Side]:
        """Both sides flattened: the signed keys they add up and their constant part."""
        return _sides(self, available)

    def _keys(self, available: tuple[str, ...]) -> tuple[str, ...]:
        out: list[str] = []
        for term in (*self.left, *self.right):
            for key in term.keys(available):
                if key not in out:
                    out.append(key)
        return tuple(out)


@functools.cache
def _matching(pattern: str, available: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(k for k in available if fnmatch.fnmatchcase(k, pattern))


Side = tuple[tuple[tuple[int, str], ...], int]


@functools.cache
def _sides(identity: Identity, available: tuple[str, ...]) -> tuple[Side, Side]:
    def flat(terms: tuple[Term, ...]) -> Side:
        signed = tuple((t.sign, k) for t in terms for k in t.keys(available))
        return signed, sum(t.sign * t.constant for t in terms if t.constant is not None)

    return flat(identity.left), flat(identity.right)


@functools.cache
def _identity_keys(identity: Identity, available: tuple[str, ...]) -> tuple[str, ...]:
    return identity._keys(available)


def parse_identity(text: str) -> Identity:
    sides: list[list[Term]] = [[]]
    op: str | None = None
    sign = 1
    expect_term = True
    pos = 0
    while pos < len(text):
        if text[pos:].strip() == "":
            break
        match = _token().match(text, pos)
        if match is None:
            raise ValueError(f"identity {text!r}: cannot read from {text[pos:]!r}")
        pos = match.end()
        if match["op"]:
            if op is not None or expect_term:
                raise ValueError(f"identity {text!r}: misplaced {match['op']}")
            op = match["op"]
            sides.append([])
            sign = 1
        elif match["sign"]:
            if not expect_term and match["sign"] in "+-":
                sign = 1 if match["sign"] == "+" else -1
                expect_term = True
                continue
            raise ValueError(f"identity {text!r}: misplaced {match['sign']}")
        else:
            if not expect_term:
                raise ValueError(f"identity {text!r}: two terms without an operator")
            if match["sum"]:
                term = Term(sign, pattern=match["pattern"])
            elif match["int"]:
                term = Term(sign, constant=int(match["int"]))
            else:
                term = Term(sign, key=match["key"])
            sides[-1].append(term)
            expect_term = False
            sign = 1
            continue
        expect_term = True
    if op is None or len(sides) != 2 or expect_term or not sides[0] or not sides[1]:
        raise ValueError(f"identity {text!r}: expected 'side == side' (or >=, <=)")
    return Identity(tuple(sides[0]), op, tuple(sides[1]), text)
