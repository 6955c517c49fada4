"""`--select` / `--ignore`: rule codes or their prefixes (`A`, `T2`, `A301`)."""

from __future__ import annotations

from collections.abc import Iterable

import attrs

from ..catalog import Catalog


class UnknownSelector(ValueError):
    pass


@attrs.frozen
class Selection:
    enabled: frozenset[str]  # the rules whose findings are reported
    ignored: frozenset[str]  # the rules the user asked to leave out (A300 about them goes too)


def resolve(
    catalog: Catalog, select: Iterable[str] | None = None, ignore: Iterable[str] | None = None
) -> Selection:
    codes = [r.code for r in catalog.rules]
    chosen = set(_expand(codes, select)) if select else set(codes)
    ignored = frozenset(_expand(codes, ignore or ()))
    return Selection(frozenset(chosen - ignored), ignored)


def _expand(codes: list[str], selectors: Iterable[str]) -> list[str]:
    out: list[str] = []
    for raw in selectors:
        selector = raw.strip().upper()
        if not selector:
            continue
        if selector == "ALL":
            out.extend(codes)
            continue
        matched = [c for c in codes if c.startswith(selector)]
        if not matched:
            raise UnknownSelector(raw)
        out.extend(matched)
    return out
