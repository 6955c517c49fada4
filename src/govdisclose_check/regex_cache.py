"""Compiled regular expressions kept on disk between runs of the command line: start-up time.

The `regex` module parses a pattern in Python: compiling the ~80 patterns a check of one report
uses (the modules' own and the rules') costs about a third of a small file's start-up. A compiled
pattern pickles as its compiled code (regex's own `copyreg` support), which loads without parsing.
So the command line saves what `regex` compiled (its compile cache, keyed by the pattern, its flags
and regex's version and locale settings) in the user's cache directory, and the next import of
this package puts it back into that cache before any module compiles a pattern: each
`regex.compile` of a saved pattern then returns the saved object, as it returns a cached one.

Nothing about a pattern is guessed: an entry is found only under the key regex itself computed
for that pattern and those flags. The file's name is a hash of the Python version and of regex's
files (path, size, modification time), so another regex or Python starts afresh. A file that
cannot be read or loaded, a regex whose internals differ, a directory that cannot be written: all
ignored, the patterns are compiled as without this. `GOVDISCLOSE_REGEX_CACHE=0` turns it off.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import sys
from pathlib import Path
from typing import Any

import regex
import regex._main as _regex_main

from .userdirs import cache_dir, write_atomically

MAX_ENTRIES = 400  # below regex's own limit (500), past which it empties its cache
_TABLES = ("_cache", "_named_args", "_locale_sensitive")  # regex's compile cache and its indexes
_primed: set[object] = set()  # the keys put back from the file


def enabled() -> bool:
    return os.environ.get("GOVDISCLOSE_REGEX_CACHE", "1") != "0"


def path() -> Path:
    digest = hashlib.blake2b(digest_size=16)
    digest.update(sys.version.encode())
    for module in (regex.__file__, _regex_main.__file__):
        stat = os.stat(module)
        digest.update(f"{module}\0{stat.st_size}\0{stat.st_mtime_ns}\0".encode())
    return cache_dir() / "regex" / f"{digest.hexdigest()}.pickle"


def _tables() -> tuple[dict[Any, Any], ...] | None:
    tables = tuple(getattr(_regex_main, name, None) for name in _TABLES)
    return tables if all(isinstance(t, dict) for t in tables) else None  # type: ignore[return-value]


def prime() -> None:
    """Put the saved compiled patterns back into regex's compile cache."""
    tables = _tables()
    if not enabled() or tables is None:
        return
    try:
        with path().open("rb") as stream:
            saved = pickle.load(stream)
        if not isinstance(saved, tuple) or len(saved) != len(tables):
            return
        if not all(isinstance(entries, dict) for entries in saved):
            return
        for table, entries in zip(tables, saved, strict=True):
            for key, value in entries.items():
                table.setdefault(key, value)
        _primed.update(saved[0])
    except Exception:  # a file that cannot be loaded, for whatever reason, is ignored
        return


def save() -> None:
    """Save regex's compile cache when this run compiled a pattern the file did not hold."""
    tables = _tables()
    if not enabled() or tables is None or not set(tables[0]) - _primed:
        return
    cache, named_args, locale_sensitive = tables
    keys = list(cache)
    if len(keys) > MAX_ENTRIES:  # too many: this run's own, the ones primed but unused dropped
        keys = [k for k in keys if k not in _primed][-MAX_ENTRIES:]
    kept = {k: cache[k] for k in keys}
    # regex's keys: (pattern, type, flags, named lists, version, locale); (pattern, type, flags) for
    # the named lists a pattern needs; (type, pattern) for whether it depends on the locale
    args = {k[:3]: named_args[k[:3]] for k in keys if k[:3] in named_args}
    locales = {(k[1], k[0]): locale_sensitive[(k[1], k[0])] for k in keys if (k[1], k[0]) in locale_sensitive}
    try:
        data = pickle.dumps((kept, args, locales), protocol=pickle.HIGHEST_PROTOCOL)
    except Exception:  # a pattern that cannot be pickled: nothing saved
        return
    try:
        target = path()
    except OSError:  # regex not in plain files (a zip): nothing to key the cache by
        return
    write_atomically(target, data)
    _primed.update(kept)  # saved once: a process that runs `main()` again writes only what is new
