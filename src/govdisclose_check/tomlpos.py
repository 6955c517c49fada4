"""Where a key stands in a TOML file: the line to name in an error message.

`tomllib` gives values, not positions; this scans the lines, tracks the current table (an array of
tables counts its entries: `[[tool.x.accept]]` → `("tool", "x", "accept", 0)`, `…1` …) and reads each
header and each `key =` with `tomllib` itself, so quoting and dotted keys are understood.
"""

from __future__ import annotations

import tomllib

import regex

Path = tuple[str | int, ...]

_HEADER = regex.compile(r"^\s*(\[\[?)\s*(.+?)\s*\]\]?\s*(?:#.*)?$")
_KEY = regex.compile(r"^\s*((?:\"[^\"]*\"|'[^']*'|[A-Za-z0-9_.\-\s])+?)\s*=")


def _keys(dotted: str) -> tuple[str, ...] | None:
    try:
        data = tomllib.loads(f"{dotted} = 0")
    except tomllib.TOMLDecodeError:
        return None
    keys: list[str] = []
    node: object = data
    while isinstance(node, dict) and len(node) == 1:
        ((key, node),) = node.items()
        keys.append(key)
    return tuple(keys)


def lines(text: str) -> list[tuple[int, Path]]:
    """(line number, full key path) of every header and key assignment, in order."""
    out: list[tuple[int, Path]] = []
    table: Path = ()
    counts: dict[tuple[str, ...], int] = {}
    for number, line in enumerate(text.splitlines(), 1):
        header = _HEADER.match(line)
        if header is not None and line.lstrip().startswith("["):
            keys = _keys(header[2])
            if keys is None:
                continue
            if header[1] == "[[":
                index = counts.get(keys, 0)
                counts[keys] = index + 1
                table = (*keys, index)
            else:
                table = keys
            out.append((number, table))
            continue
        match = _KEY.match(line)
        if match:
            keys = _keys(match[1])
            if keys:
                out.append((number, (*table, *keys)))
    return out


def locate(text: str, path: Path, needle: str | None = None) -> int | None:
    """The line of `path` (a table, a key, or a key inside an inline table: its nearest ancestor
    written on a line); with `needle`, the first line from there on that contains it, up to the
    next key (for one item of a list written over several lines)."""
    found = lines(text)
    best: tuple[int, int] | None = None  # (depth matched, index in found)
    for i, (_, full) in enumerate(found):
        if full == path[: len(full)] and (best is None or len(full) > best[0]):
            best = (len(full), i)
    if best is None or best[0] == 0:
        return None
    start = found[best[1]][0]
    if needle is None:
        return start
    stop = found[best[1] + 1][0] if best[1] + 1 < len(found) else len(text.splitlines()) + 1
    for number, line in enumerate(text.splitlines()[start - 1 : stop - 1], start):
        if needle in line:
            return number
    return start
