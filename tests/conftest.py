"""Shared paths for the tests. The seeds in ../shared are third-party data read in place."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest

import govdisclose_check

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"
# What the installed `govdisclose-check` script runs, and where the package under test is.
CLI = "import sys; from govdisclose_check.cli import main; sys.exit(main())"
PACKAGE_ROOT = str(Path(govdisclose_check.__file__).resolve().parents[1])


def run_cli(
    cache: Path, cwd: Path, *argv: str, code: str = CLI, **env: str
) -> subprocess.CompletedProcess[str]:
    """`code` (the command line) run in a fresh interpreter with `argv`, in `cwd`, with `cache` as
    its user cache directory (the catalog cache, the patterns memo) and `env` added."""
    environment = {**os.environ, "XDG_CACHE_HOME": str(cache), **env}
    # the package under test, from any working directory (PYTHONPATH may be relative: `src`)
    environment["PYTHONPATH"] = os.pathsep.join([PACKAGE_ROOT, environment.get("PYTHONPATH", "")])
    return subprocess.run(
        [sys.executable, "-c", code, *argv],
        capture_output=True,
        text=True,
        cwd=cwd,
        env=environment,
        check=False,
    )


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
