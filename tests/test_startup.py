"""Start-up: `check` of one text file imports none of the heavy modules only other commands, formats
or readers need (rich.markdown for `explain`, the readers' libraries, the summary's and Dask's, the
process pool for one file). Asserted on `sys.modules` in a fresh interpreter, not on a timing."""

from __future__ import annotations

import json
import subprocess
import sys

from conftest import EXAMPLES, ROOT

HEAVY = (
    "rich.markdown",
    "rich.progress",
    "rich.table",
    "markdown_it",
    "pygments",
    "lxml",
    "pdfplumber",
    "docx",
    "httpx",
    "openpyxl",
    "dask",
    "distributed",
    "pyarrow",
    "jsonschema",
    "concurrent.futures.process",
    "xml.etree.ElementTree",
)

PROBE = """
import contextlib, io, json, sys
from govdisclose_check.cli import main
with contextlib.redirect_stdout(io.StringIO()) as out:
    status = main(sys.argv[1:])
print(json.dumps({"status": status, "out": out.getvalue(), "modules": sorted(sys.modules)}))
"""


def modules_after(*argv: str) -> tuple[int, str, set[str]]:
    done = subprocess.run(
        [sys.executable, "-c", PROBE, *argv], capture_output=True, text=True, check=True, cwd=ROOT
    )
    data = json.loads(done.stdout)
    return data["status"], data["out"], set(data["modules"])


def test_checking_a_text_file_imports_nothing_heavy() -> None:
    status, out, modules = modules_after("check", str(sorted(EXAMPLES.glob("*.txt"))[0]))
    assert status == 1
    assert "T204" in out  # it did check
    assert sorted(m for m in modules if m.split(".")[0] in HEAVY or m in HEAVY) == []


def test_json_output_imports_no_rich() -> None:
    status, out, modules = modules_after("check", "--format", "json", str(sorted(EXAMPLES.glob("*.txt"))[0]))
    assert status == 1
    assert json.loads(out)["summary"]["files"] == 1
    assert not any(m == "rich" or m.startswith("rich.") for m in modules)


def test_explain_does_import_markdown() -> None:  # the probe sees what a command imports
    status, _, modules = modules_after("explain", "A301")
    assert status == 0
    assert "rich.markdown" in modules
