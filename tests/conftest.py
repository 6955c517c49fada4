"""Shared paths for the tests. The seeds in ../shared are third-party data read in place."""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"
# The specs, seeds and the blank template live beside the repository; a git worktree elsewhere names
# them with GOVDISCLOSE_SHARED.
SHARED = Path(os.environ.get("GOVDISCLOSE_SHARED") or ROOT.parent / "shared")


def pytest_configure(config: pytest.Config) -> None:
    """The user cache directory of this run's own (the cached catalog, fetched pages), inherited by
    the CLIs the tests start: the tests never read or write the user's."""
    cache = tempfile.mkdtemp(prefix="govdisclose-tests-")
    os.environ["XDG_CACHE_HOME"] = cache
    config.add_cleanup(lambda: shutil.rmtree(cache, ignore_errors=True))


@pytest.fixture
def examples_dir() -> Path:
    return EXAMPLES
