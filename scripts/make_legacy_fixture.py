"""Write tests/fixtures/docx/report.doc: a synthetic report made as DOCX by python-docx, then saved
as Word 97 DOC by LibreOffice, as an office would get it from an older Word.

Run once with LibreOffice installed (`python scripts/make_legacy_fixture.py`); the files are committed
so that CI, which has no LibreOffice, still has them. tests/test_legacy.py says which report it is.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT / "src"), str(ROOT / "tests")]

from docxgen import legacy_fixture_report, render_docx  # noqa: E402

FIXTURES = ROOT / "tests" / "fixtures" / "docx"
FILTERS = {".doc": "doc:MS Word 97"}


def main() -> int:
    soffice = shutil.which("soffice")
    if soffice is None:
        print("LibreOffice (soffice) is needed: apt install libreoffice-writer", file=sys.stderr)
        return 1
    FIXTURES.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        source = work / "report.docx"
        source.write_bytes(render_docx(legacy_fixture_report()))
        for suffix, target in FILTERS.items():
            subprocess.run(
                [
                    soffice,
                    f"-env:UserInstallation={(work / 'profile').as_uri()}",
                    "--headless",
                    "--convert-to",
                    target,
                    "--outdir",
                    str(work / "out"),
                    str(source),
                ],
                check=True,
                capture_output=True,
                timeout=120,
            )
            made = work / "out" / f"report{suffix}"
            shutil.copyfile(made, FIXTURES / made.name)
            print(f"{FIXTURES / made.name}: {made.stat().st_size} bytes")
    return 0


if __name__ == "__main__":
    sys.exit(main())
