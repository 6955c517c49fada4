"""The user's cache directory, for fetched pages and what start-up keeps between runs.

`$XDG_CACHE_HOME/govdisclose-check` (else `~/.cache/govdisclose-check`; on Windows
`%LOCALAPPDATA%\\govdisclose-check\\Cache`). Its own module, importing nothing of the package:
the compiled patterns (regex_cache.py) are loaded from it before any other module is imported.
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
