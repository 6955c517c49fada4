"""The built catalog kept on disk between runs: start-up time.

Building the catalog (reading `rules/` with tomllib, structuring it with cattrs, checking every
reference and compiling every pattern of every rule to validate it) costs more than checking a
small report. `default_catalog()` and `catalog_with(packs)` therefore keep the catalog they built
as a pickle in the user's cache directory (`…/govdisclose-check/catalog/`, beside the fetched
pages) and load that on the next run.

The file's name is a hash of everything the catalog is built from: this package's version and
its source files (path, size and modification time of each `.py`: a reinstall or an edit changes
them), the Python version, attrs' and regex's files (the same way), the path and the content of
every file of the rules directory and of each rule pack (but of a rule's documentation page,
`*.md`, its path, size and modification time: the catalog holds where the page is, whether there
is one, not its text, which `explain` reads when it runs), and the packs' paths as given. Any
change gives a new name, so an edited rule file or pack is read and validated again, with the
same errors as without a cache.
Only a catalog that loaded without problems is stored. A cache file that cannot be read or loaded
(corrupt, truncated, from another version) or a directory that cannot be written is ignored: the
catalog is built as before. `GOVDISCLOSE_CATALOG_CACHE=0` turns the cache off.

The catalog holds its section titles' patterns as text (`SectionSpec.__reduce__`), compiled again
as it loads. Those, the rules' patterns the engine compiles as it checks, and the patterns of the
modules a check imports go through `patterns.compiled`, whose own memo beside this one
(`…/govdisclose-check/patterns/`, patterns.py) keeps them compiled between runs.

`load_catalog()` itself never uses the cache: it always reads and validates (the tests, `rules
--check`).
"""

from __future__ import annotations

import hashlib
import os
import pickle
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

import attr
import regex

from ..userdirs import cache_dir, write_atomically
from .resources import rules_dir

if TYPE_CHECKING:
    from . import Catalog

FORMAT = 1  # bump when what is pickled changes in a way the source fingerprint would not show
MAX_AGE = 30 * 24 * 3600  # seconds: older entries (of rules since edited) are removed on a write
_PACKAGE = Path(__file__).resolve().parent.parent


def enabled() -> bool:
    return os.environ.get("GOVDISCLOSE_CATALOG_CACHE", "1") != "0"


def directory() -> Path:
    return cache_dir() / "catalog"


def cached(packs: tuple[str, ...], build: Callable[[], Catalog]) -> Catalog:
    """The catalog of the built-in rules and `packs`: from the cache when it holds this exact one,
    else `build()` (whose errors propagate), then stored."""
    if not enabled():
        return build()
    try:
        path = directory() / f"{key(rules_dir(), packs)}.pickle"
    except OSError:  # a rules file or pack that cannot be read: `build` says so, as without a cache
        return build()
    loaded = _load(path)
    if loaded is not None:
        return loaded
    catalog = build()
    _store(path, catalog)
    return catalog


def key(root: Path, packs: tuple[str, ...]) -> str:
    """The hash of everything the catalog of `root` and `packs` is built from (a few ms: plain
    strings and `os` calls, not `Path`s)."""
    from .. import __version__

    digest = hashlib.blake2b(digest_size=20)
    digest.update(repr((FORMAT, __version__, sys.version)).encode())
    # attrs and regex by their files, not `attrs.__version__` (importlib.metadata: 30 ms)
    for path in (*_files(str(_PACKAGE), ".py"), attr.__file__, regex.__file__):
        stat = os.stat(path)
        digest.update(f"{path}\0{stat.st_size}\0{stat.st_mtime_ns}\0".encode())
    for name, top in (("rules", str(root)), *((pack, pack) for pack in packs)):
        digest.update(f"\1{name}\0{os.path.realpath(top)}\0".encode())
        for path in _files(top, ""):
            relative = path[len(top) :].lstrip(os.sep)  # `_files` joins each name to `top`
            if path.endswith(".md"):  # a documentation page: only its being there enters the catalog
                stat = os.stat(path)
                digest.update(f"{relative}\0{stat.st_size}\0{stat.st_mtime_ns}\0".encode())
                continue
            with open(path, "rb") as stream:
                content = stream.read()
            digest.update(f"{relative}\0{len(content)}\0".encode())
            digest.update(content)
    return digest.hexdigest()


def _files(top: str, suffix: str) -> list[str]:
    """The files under `top` ending in `suffix`, in a fixed order (no caches of Python's)."""
    found: list[str] = []
    for parent, dirs, names in os.walk(top):
        dirs[:] = sorted(d for d in dirs if d != "__pycache__")
        found += (os.path.join(parent, n) for n in sorted(names) if n.endswith(suffix))
    return found


def _load(path: Path) -> Catalog | None:
    from . import Catalog

    try:
        with path.open("rb") as stream:
            catalog = pickle.load(stream)
    except Exception:  # a cache that cannot be loaded, for whatever reason, is rebuilt
        return None
    return catalog if isinstance(catalog, Catalog) else None


def _store(path: Path, catalog: Catalog) -> None:
    """Written whole or not at all; entries not written for a long time removed."""
    try:
        data = pickle.dumps(catalog, protocol=pickle.HIGHEST_PROTOCOL)
    except (pickle.PicklingError, TypeError, AttributeError):
        return
    if write_atomically(path, data):
        _prune(path.parent, keep=path)


def _prune(parent: Path, keep: Path) -> None:
    now = time.time()
    for entry in parent.glob("*.pickle"):
        try:
            if entry != keep and now - entry.stat().st_mtime > MAX_AGE:
                entry.unlink()
        except OSError:
            continue
