"""`rules/limits.toml`: bounds on what one file can cost, validated at load like the rules.

The limit on a file's size and text is rule E005's (`max_bytes`, `max_chars`, `max_lines`); this
file holds what applies to every rule: how many findings of one rule are listed for one file.
"""

from __future__ import annotations

import string
from pathlib import Path

import attrs

from .problems import Problem, key_line
from .rules import Text
from .templates import _structure

_CAPPED_FIELDS = frozenset({"rule", "count", "limit"})


def _positive(_: object, attribute: attrs.Attribute[int], value: int) -> None:
    if value < 1:
        raise ValueError(f"expected a positive integer, found {value}")


# repr=False: the records here are internal and never shown, and attrs would compile a __repr__
# for each class at every start-up (about 0.9 M instructions a class; issue 14).
@attrs.frozen(repr=False)
class Limits:
    # At most this many findings of one rule are listed for one file; the rest are counted in one
    # more finding of that rule, with the message `capped` ({rule}, {count}, {limit}).
    max_findings_per_rule: int = attrs.field(validator=_positive)
    capped: Text


def load_limits(path: Path, found: list[Problem]) -> Limits | None:
    loaded = _structure(path, Limits, found)
    if loaded is None:
        return None
    text, limits = loaded
    for key, template in (("capped.zh", limits.capped.zh), ("capped.en", limits.capped.en)):
        try:
            names = {name for _, name, _, _ in string.Formatter().parse(template) if name is not None}
        except ValueError as exc:
            found.append(Problem(str(path), key_line(text, key), f"{key}: not a valid template: {exc}"))
            continue
        unknown = sorted(names - _CAPPED_FIELDS)
        if unknown:
            message = f"{key}: unknown field(s) {unknown}; expected some of {sorted(_CAPPED_FIELDS)}"
            found.append(Problem(str(path), key_line(text, key), message))
    return limits
