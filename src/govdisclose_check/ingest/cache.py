"""Fetched responses cached on disk, in the user's cache directory, keyed by a hash of the URL.

`$XDG_CACHE_HOME/govdisclose-check` (else `~/.cache/govdisclose-check`; on Windows
`%LOCALAPPDATA%\\govdisclose-check\\Cache`). An entry is fresh for a day. A cache that cannot be
read or written is no error: the page is fetched again.
"""

from __future__ import annotations

import hashlib
import json
import time
from pathlib import Path

from ..userdirs import cache_dir  # re-exported: the fetched pages' directory

MAX_AGE = 24 * 3600  # seconds

__all__ = ["cache_dir", "load", "store"]


def _paths(directory: Path, url: str) -> tuple[Path, Path]:
    key = hashlib.sha256(url.encode("utf-8")).hexdigest()
    return directory / f"{key}.body", directory / f"{key}.json"


def load(directory: Path, url: str) -> tuple[bytes, dict[str, str | None]] | None:
    body, meta = _paths(directory, url)
    try:
        if time.time() - meta.stat().st_mtime > MAX_AGE:
            return None
        info = json.loads(meta.read_text(encoding="utf-8"))
        data = body.read_bytes()
    except (OSError, ValueError):
        return None
    if not isinstance(info, dict) or info.get("url") != url:
        return None
    return data, {k: v if isinstance(v, str) else None for k, v in info.items()}


def store(directory: Path, url: str, data: bytes, info: dict[str, str | None]) -> None:
    body, meta = _paths(directory, url)
    try:
        directory.mkdir(parents=True, exist_ok=True)
        body.write_bytes(data)
        meta.write_text(json.dumps({**info, "url": url}, ensure_ascii=False), encoding="utf-8")
    except OSError:
        pass
