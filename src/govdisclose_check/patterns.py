"""Patterns compiled once per process, and kept compiled on disk between runs (start-up time,
issue 14).

`compiled(text, flags)` is `regex.compile(text, flags)` remembered for the rest of the process: the
rules' patterns (engine/prose.py and the rules that build their own), the templates' section titles
(catalog/templates.py) and the `regex` patterns of the modules a check imports (parse/numbers.py …).
Compiling one costs about 1.7 M instructions (regex parses and optimises it in Python): a run of the
command line on one file compiled about 60, some 100 M instructions, an eighth of the run.

`regex` pickles a compiled pattern with its compiled program (its pickle support: the pattern is
rebuilt by `_regex.compile` from the program, not parsed again), and unpickling one costs about 35 k
instructions. So they are kept on disk, in the user's cache directory beside the catalog
(catalog/cache.py): `…/govdisclose-check/patterns/KEY.pickle`, a memo that maps each `(text, flags)`
to its pickled pattern, unpickled when first asked for. The first compile of a process loads it
(the command line's, its `-j` workers', a library caller's alike: it is only read), and the command
line's `main()` writes it again as it ends, atomically, when the run compiled patterns the memo did
not have: this run's first, then the others it held, at most `LIMIT` patterns and `MAX_BYTES` in
all, so that rule packs used in turn do not grow it without bound. KEY is a hash of what changes a
compiled pattern: regex's files (name, size, modification time), its default version, Python's
version and `FORMAT`. A memo or an entry that cannot be read or loaded (corrupt, truncated, of
another version) is ignored and the pattern compiled anew; a directory that cannot be written is no
error. `GOVDISCLOSE_CATALOG_CACHE=0` turns the memo off with the catalog's cache. Patterns with the
LOCALE flag (compiled for the locale of the moment) are compiled once per process, never stored.

A pattern from the memo behaves as one compiled anew (tests/test_patterns.py) but is not equal to it:
`regex` patterns compare by identity. Every place that compiles these patterns goes through here, so
one process holds one object for each text (the catalog, built or loaded, compares equal to itself).
"""

from __future__ import annotations

import os
import sys
import time
from pathlib import Path

import regex

from .userdirs import cache_dir, write_atomically

FORMAT = 1  # bump when what is stored changes in a way the key would not show
LIMIT = 400  # patterns the memo on disk holds at most (the built-in rules use about 80)
MAX_BYTES = 4 * 1024 * 1024  # and their pickles in all (the built-in rules': about 26 KB)
MAX_AGE = 30 * 24 * 3600  # seconds: memos of other keys not written for this long are removed
_NOT_STORED = regex.LOCALE | regex.DEBUG  # compiled for the locale of the moment, or never cached

Key = tuple[str, int]

_known: dict[Key, regex.Pattern[str]] = {}  # this process's, in the order of first use
_stored: dict[Key, bytes] | None = None  # the memo on disk, once loaded (None: not loaded yet)
_new = False  # whether this process compiled a pattern the memo on disk did not have
_disk: bool | None = None  # whether this process uses the memo on disk (None: not asked yet)


def compiled(text: str, flags: int = 0) -> regex.Pattern[str]:
    """`regex.compile(text, flags)`, compiled once per process (its errors propagate)."""
    key = (text, flags)
    found = _known.get(key)
    if found is None:
        found = _known[key] = _from_disk(key) or _compile(key)
    return found


def known() -> tuple[Key, ...]:
    """The text and flags of the patterns compiled so far in this process, in order of first use."""
    return tuple(_known)


def _compile(key: Key) -> regex.Pattern[str]:
    global _new  # noqa: PLW0603 - this process's memo (see the module's docstring)
    pattern = regex.compile(*key)
    _new = _new or (_on() and not key[1] & _NOT_STORED)
    return pattern


def _from_disk(key: Key) -> regex.Pattern[str] | None:
    if key[1] & _NOT_STORED or not _on():
        return None
    data = _memo().get(key)
    if data is None:
        return None
    import pickle  # noqa: PLC0415 - only with the memo on disk (start-up time of the library)

    try:
        pattern = pickle.loads(data)
    except Exception:  # an entry that cannot be loaded, for whatever reason, is compiled anew
        return None
    return pattern if isinstance(pattern, regex.Pattern) and pattern.pattern == key[0] else None


def _on() -> bool:
    """Whether the memo on disk is used: as the catalog's cache is (asked once per process)."""
    global _disk  # noqa: PLW0603
    if _disk is None:
        _disk = os.environ.get("GOVDISCLOSE_CATALOG_CACHE", "1") != "0"
    return _disk


def save() -> None:
    """Write the memo on disk again if this process compiled patterns it did not have: this
    process's patterns first, then the others it held, within `LIMIT` and `MAX_BYTES`."""
    global _new  # noqa: PLW0603
    if not _new:
        return
    import pickle  # noqa: PLC0415 - only with the memo on disk (start-up time of the library)

    _new = False
    stored = _memo()
    kept: dict[Key, bytes] = {}
    size = 0
    for key, data in _entries(stored):
        if len(kept) >= LIMIT or size + len(data) > MAX_BYTES:
            continue
        kept[key] = data
        size += len(data)
    try:
        path = _path()
    except (OSError, RuntimeError):  # regex's files not to be read; no home directory (Path.home)
        return
    if write_atomically(path, pickle.dumps(kept, protocol=pickle.HIGHEST_PROTOCOL)):
        _prune(path)


def _prune(keep: Path) -> None:
    """Remove the memos of other keys (another regex or Python) not written for `MAX_AGE`."""
    now = time.time()
    for entry in keep.parent.glob("*.pickle"):
        try:
            if entry != keep and now - entry.stat().st_mtime > MAX_AGE:
                entry.unlink()
        except OSError:
            continue


def _entries(stored: dict[Key, bytes]) -> list[tuple[Key, bytes]]:
    """This process's patterns pickled (those from the memo as they were), then the memo's others."""
    entries: list[tuple[Key, bytes]] = []
    for key, pattern in _known.items():
        if key[1] & _NOT_STORED:
            continue
        data = stored.get(key)
        if data is None:
            import pickle  # noqa: PLC0415 - only with the memo on disk

            try:
                data = pickle.dumps(pattern, protocol=pickle.HIGHEST_PROTOCOL)
            except (pickle.PicklingError, TypeError, AttributeError):
                continue
        entries.append((key, data))
    entries += ((key, data) for key, data in stored.items() if key not in _known)
    return entries


def _memo() -> dict[Key, bytes]:
    """The memo on disk, loaded once ({} when there is none or it cannot be loaded)."""
    global _stored  # noqa: PLW0603
    if _stored is None:
        import pickle  # noqa: PLC0415 - only with the memo on disk (start-up time of the library)

        _stored = {}
        try:
            with _path().open("rb") as stream:
                loaded = pickle.load(stream)
        except Exception:  # a memo that cannot be loaded, for whatever reason, is as none
            return _stored
        if isinstance(loaded, dict):
            _stored = {
                k: v
                for k, v in loaded.items()
                if isinstance(k, tuple)
                and len(k) == 2
                and isinstance(k[0], str)
                and isinstance(k[1], int)
                and isinstance(v, bytes)
            }
    return _stored


def _path() -> Path:
    return cache_dir() / "patterns" / f"{key()}.pickle"


def key() -> str:
    """The hash of what changes a compiled pattern: regex's files, Python's version, FORMAT."""
    import hashlib  # noqa: PLC0415 - only with the memo on disk (start-up time of the library)

    digest = hashlib.blake2b(digest_size=20)
    digest.update(repr((FORMAT, sys.version, regex.DEFAULT_VERSION)).encode())
    top = os.path.dirname(regex.__file__)
    for name in sorted(os.listdir(top)):
        if name.endswith((".py", ".so", ".pyd")):
            stat = os.stat(os.path.join(top, name))
            digest.update(f"{name}\0{stat.st_size}\0{stat.st_mtime_ns}\0".encode())
    return digest.hexdigest()
