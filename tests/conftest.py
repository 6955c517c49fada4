"""Shared paths for the tests. The seeds in ../shared are third-party data read in place."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"
# The specs, seeds and the blank template live beside the repository; a git worktree elsewhere names
# them with GOVDISCLOSE_SHARED.
SHARED = Path(os.environ.get("GOVDISCLOSE_SHARED") or ROOT.parent / "shared")


@pytest.fixture
def examples_dir() -> Path:
    return EXAMPLES
