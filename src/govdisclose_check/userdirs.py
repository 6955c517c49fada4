"""The user's cache directory, for fetched pages, the built catalog and the compiled patterns.

`$XDG_CACHE_HOME/govdisclose-check` (else `~/.cache/govdisclose-check`; on Windows
`%LOCALAPPDATA%\\govdisclose-check\\Cache`). Its own module, importing nothing of the package.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path


def cache_dir() -> Path:
    if sys.platform == "win32" and os.environ.get("LOCALAPPDATA"):
        return Path(os.environ["LOCALAPPDATA"]) / "govdisclose-check" / "Cache"
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "govdisclose-check"


def write_atomically(path: Path, data: bytes) -> bool:
    """Write `path` whole or not at all (a temporary file renamed over it); False if it could not
    be written. For the caches: a reader never sees half a file, two writers never mix theirs."""
    import tempfile  # noqa: PLC0415 - only when writing (start-up time)

    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.stem}-", suffix=".tmp")
        try:
            with os.fdopen(handle, "wb") as stream:
                stream.write(data)
            os.replace(temporary, path)
        finally:
            if os.path.exists(temporary):
                os.unlink(temporary)
    except OSError:
        return False
    return True
