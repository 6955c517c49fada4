"""The project's own gates: types, lint, rule documentation and generated docs kept fresh."""

from __future__ import annotations

import importlib.util
import re
import subprocess
import sys
from pathlib import Path

import pytest

import govdisclose_check
from conftest import ROOT
from govdisclose_check.catalog import RuleSpec, default_catalog

DOC_HEADINGS = ("## 检查什么", "## 为什么重要", "## 不通过的例子", "## 通过的例子", "## In English")


def _tool(name: str) -> list[str]:
    """Run a tool as a module of this interpreter, so the venv's copy is used without PATH."""
    if importlib.util.find_spec(name) is None:
        pytest.fail(f"{name} is not installed: install the test extra (pip install '.[test]')")
    return [sys.executable, "-m", name]


def test_mypy_strict_is_clean() -> None:
    run = subprocess.run(_tool("mypy"), cwd=ROOT, capture_output=True, text=True, check=False)
    assert run.returncode == 0, run.stdout + run.stderr


def test_ruff_is_clean() -> None:
    run = subprocess.run(
        [*_tool("ruff"), "check", "."], cwd=ROOT, capture_output=True, text=True, check=False
    )
    assert run.returncode == 0, run.stdout + run.stderr


@pytest.mark.parametrize("rule", default_catalog().rules, ids=lambda r: r.code)
def test_every_rule_has_documentation(rule: RuleSpec) -> None:
    code, name = rule.code, rule.name
    doc = default_catalog().docs / f"{code}.md"
    text = doc.read_text(encoding="utf-8")
    assert text.splitlines()[0] == f"# {code} {name}"
    positions = [text.find(h) for h in DOC_HEADINGS]
    assert all(p >= 0 for p in positions), f"{doc.name} lacks one of {DOC_HEADINGS}"
    assert positions == sorted(positions)
    assert len(re.findall(r"```text\n.+?```", text, flags=re.S)) == 2


def test_generated_docs_are_fresh() -> None:
    run = subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "gen_docs.py"), "--check"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    assert run.returncode == 0, run.stderr


def test_rules_are_shipped_inside_the_package() -> None:
    """The catalog loads from the package's own rules/ when installed (not from a checkout)."""
    package = ROOT / "src" / "govdisclose_check"
    installed = Path(govdisclose_check.__file__).resolve().parent
    if installed == package.resolve():
        pytest.skip("running from the source tree; CI runs the suite against the installed wheel")
    assert (installed / "rules" / "templates" / "2021.toml").is_file()
    assert default_catalog().docs == installed / "rules" / "docs"
