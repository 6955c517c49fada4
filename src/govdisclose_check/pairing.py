"""Pairing the reports of one body across years: in a directory of several years' reports, each is
compared with the report of the year before (X rules).

Two reports are of one body when their bodies' names agree once spaces and punctuation are gone
and the abbreviations of X600's `aliases` (rules/checks/crossyear.toml: 卫健委 = 卫生健康委员会 …)
are written out. A body with two reports of one year is not paired for that year: which one is
last year's is not for the checker to guess.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping

from .catalog import Catalog
from .engine.rules.crossyear import ComparedParams
from .model import Report
from .patterns import compiled

_NOISE = compiled(r"[\s\p{P}\p{S}]+")


def body_key(body: str, aliases: Mapping[str, str]) -> str:
    key = _NOISE.sub("", body)
    for short, full in sorted(aliases.items(), key=lambda item: -len(item[0])):
        key = key.replace(short, full)
    return key


def aliases_of(catalog: Catalog) -> dict[str, str]:
    return dict(catalog.rule("X600").p(ComparedParams).aliases)


Key = tuple[str, int]  # a body's name after body_key, and the year reported on


def key_of(body: str | None, year: int | None, aliases: Mapping[str, str]) -> Key | None:
    """What pairing keeps of a report: None when it names no body or no year."""
    if not body or year is None:
        return None
    key = body_key(body, aliases)
    return (key, year) if key else None


def pair(reports: Mapping[str, Report], aliases: Mapping[str, str]) -> dict[str, str]:
    """For each path whose report has the report of the year before among `reports`, that path."""
    keyed = {path: key_of(r.body, r.year, aliases) for path, r in reports.items()}
    return pair_keys({path: key for path, key in keyed.items() if key is not None})


def pair_keys(keyed: Mapping[str, Key]) -> dict[str, str]:
    """`pair` over the keys alone (a directory of thousands keeps no report in memory)."""
    counts = Counter(keyed.values())
    by_key = {key: path for path, key in keyed.items() if counts[key] == 1}
    pairs = {}
    for path, (body, year) in keyed.items():
        if counts[(body, year)] != 1:
            continue
        previous = by_key.get((body, year - 1))
        if previous is not None:
            pairs[path] = previous
    return pairs
