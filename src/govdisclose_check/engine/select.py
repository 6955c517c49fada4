"""`--select` / `--ignore`: rule codes or their prefixes (`A`, `T2`, `A301`, `GD`).

A code is capital letters then digits. A selector of letters only selects the codes whose letters
are exactly those (`S` selects S101 … but not a pack's SD101); a selector with digits selects the
codes it begins (`T2`, `GD1`). Rules with `selectable = false` (the input problems) are never left
out: a file that cannot be read is reported whatever the selection.
"""

from __future__ import annotations

from collections.abc import Iterable

import attrs

from ..catalog import Catalog


class UnknownSelector(ValueError):
    pass


# repr=False: the records here are internal and never shown, and attrs would compile a __repr__
# for each class at every start-up (about 0.9 M instructions a class; issue 14).
@attrs.frozen(repr=False)
class Selection:
    enabled: frozenset[str]  # the rules whose findings are reported
    ignored: frozenset[str]  # the rules the user asked to leave out (A300 about them goes too)


def resolve(
    catalog: Catalog, select: Iterable[str] | None = None, ignore: Iterable[str] | None = None
) -> Selection:
    codes = [r.code for r in catalog.rules]
    always = {r.code for r in catalog.rules if not r.selectable}
    chosen = set(_expand(codes, select)) if select else set(codes)
    ignored = frozenset(_expand(codes, ignore or ())) - always
    return Selection(frozenset((chosen - ignored) | always), ignored)


def matches(selector: str, code: str) -> bool:
    if not code.startswith(selector):
        return False
    return any(c.isdigit() for c in selector) or code.rstrip("0123456789") == selector


def _expand(codes: list[str], selectors: Iterable[str]) -> list[str]:
    out: list[str] = []
    for raw in selectors:
        selector = raw.strip().upper()
        if not selector:
            continue
        if selector == "ALL":
            out.extend(codes)
            continue
        matched = [c for c in codes if matches(selector, c)]
        if not matched:
            raise UnknownSelector(raw)
        out.extend(matched)
    return out
