"""The pre-commit hook, tried for real with `pre-commit try-repo` on a temporary git repository,
and the composite GitHub Action's check step run as the runner would run it.

The hook is `language: python`: pre-commit makes a virtualenv (offline: virtualenv bundles pip)
and pip installs this repository from its path, fetching the build backend and the dependencies
through the ordinary package index and nothing else.
"""

from __future__ import annotations

import importlib.util
import json
import os
import random
import re
import shutil
import stat
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from conftest import ROOT
from reportgen import random_report, render

yaml = pytest.importorskip("yaml", reason="PyYAML comes with pre-commit, in the test extra")


def git(repo: Path, *args: str) -> None:
    subprocess.run(
        ["git", "-c", "user.name=t", "-c", "user.email=t@example.org", *args],
        cwd=repo,
        check=True,
        capture_output=True,
    )


@pytest.fixture(scope="module")
def pre_commit_home(tmp_path_factory: pytest.TempPathFactory) -> Path:
    if shutil.which("git") is None:
        pytest.skip("git is not installed")
    if not (ROOT / ".git").exists():
        pytest.skip("not a git checkout: pre-commit try-repo needs one")
    if importlib.util.find_spec("pre_commit") is None:
        pytest.fail("pre-commit is not installed: install the test extra (pip install '.[test]')")
    return tmp_path_factory.mktemp("pre-commit-home")


def try_repo(repo: Path, home: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PRE_COMMIT_HOME": str(home), "NO_COLOR": "1"}
    env.pop("PYTHONPATH", None)  # the hook runs the package pip installed, not this checkout's src
    return subprocess.run(
        [sys.executable, "-m", "pre_commit", "try-repo", str(ROOT), "govdisclose-check", "--all-files"],
        cwd=repo,
        env=env,
        capture_output=True,
        text=True,
        check=False,
        timeout=600,
    )


def test_the_pre_commit_hook_definition() -> None:
    (hook,) = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    assert (hook["id"], hook["language"], hook["entry"]) == (
        "govdisclose-check",
        "python",
        "govdisclose-check check",
    )
    pattern = re.compile(hook["files"])
    assert all(pattern.search(f"r{s}") for s in (".txt", ".md", ".html", ".docx", ".pdf"))
    assert not pattern.search("r.toml")
    assert not pattern.search("r.txt.gdc.toml")


def test_pre_commit_try_repo(tmp_path: Path, pre_commit_home: Path) -> None:
    """One run (each try-repo installs the hook afresh): a clean report and one with a wrong cell.
    The hook fails, naming the wrong cell's file only; a file of another kind is not passed to it."""
    repo = tmp_path / "reports"
    repo.mkdir()
    git(repo, "init", "-q")
    (repo / "clean.txt").write_text(render(random_report(random.Random(3), "2021"), "tab"), encoding="utf-8")
    broken = random_report(random.Random(4), "2021")
    broken.table3["new"]["natural_person"] = int(broken.table3["new"]["natural_person"]) + 1
    (repo / "broken.txt").write_text(render(broken, "tab"), encoding="utf-8")
    (repo / "notes.toml").write_text("not = 'a report'\n", encoding="utf-8")
    git(repo, "add", ".")
    git(repo, "commit", "-qm", "two reports")
    done = try_repo(repo, pre_commit_home)
    assert done.returncode == 1, done.stdout + done.stderr
    assert "govdisclose-check" in done.stdout
    assert "Failed" in done.stdout
    assert "broken.txt:" in done.stdout
    assert "A301" in done.stdout
    assert "clean.txt:" not in done.stdout
    assert "notes.toml" not in done.stdout
    assert "共检查2个文件" in done.stdout  # both reports, nothing else


# ------------------------------------------------------------------ the GitHub Action


def action() -> dict[str, Any]:
    data: dict[str, Any] = yaml.safe_load((ROOT / "action.yml").read_text(encoding="utf-8"))
    return data


def test_the_action_is_composite_installs_checks_and_uploads() -> None:
    steps = action()["runs"]["steps"]
    assert action()["runs"]["using"] == "composite"
    uses = [s.get("uses", "") for s in steps]
    assert any(u.startswith("actions/setup-python@") for u in uses)
    assert any(u.startswith("github/codeql-action/upload-sarif@") for u in uses)
    install = next(s for s in steps if s.get("name") == "Install govdisclose-check")
    assert "pip install" in install["run"]
    assert install["env"]["ACTION_PATH"] == "${{ github.action_path }}"
    upload = next(s for s in steps if s.get("uses", "").startswith("github/codeql-action/upload-sarif@"))
    assert upload["with"]["sarif_file"] == "${{ inputs.sarif-file }}"


@pytest.mark.skipif(shutil.which("bash") is None, reason="bash is not installed")
def test_the_action_check_step_writes_sarif_and_the_exit_code(tmp_path: Path) -> None:
    step = next(s for s in action()["runs"]["steps"] if s.get("id") == "check")
    shim = tmp_path / "bin" / "govdisclose-check"
    shim.parent.mkdir()
    shim.write_text(f'#!/bin/sh\nexec "{sys.executable}" -m govdisclose_check.cli "$@"\n', encoding="utf-8")
    shim.chmod(shim.stat().st_mode | stat.S_IEXEC)
    report = random_report(random.Random(4), "2021")
    report.table3["new"]["total"] = int(report.table3["new"]["total"]) + 1
    (tmp_path / "reports").mkdir()
    (tmp_path / "reports" / "r.txt").write_text(render(report, "tab"), encoding="utf-8")
    output = tmp_path / "github_output"
    env = {
        **os.environ,
        "PATH": f"{shim.parent}{os.pathsep}{os.environ.get('PATH', '')}",
        "PYTHONPATH": str(ROOT / "src"),
        "PATHS": "reports",
        "ARGS": "--lang en",
        "SARIF_FILE": "out/gdc.sarif",
        "GITHUB_OUTPUT": str(output),
    }
    done = subprocess.run(
        ["bash", "-e", "-c", step["run"]], cwd=tmp_path, env=env, capture_output=True, text=True, check=False
    )
    assert done.returncode == 0, done.stderr
    assert output.read_text(encoding="utf-8") == "exit-code=1\n"
    assert done.stdout.startswith("::error file=reports/r.txt,line=")
    assert "title=A303 row-total::" in done.stdout
    sarif = json.loads((tmp_path / "out" / "gdc.sarif").read_text(encoding="utf-8"))
    assert [r["ruleId"] for r in sarif["runs"][0]["results"]] == ["A303"]
