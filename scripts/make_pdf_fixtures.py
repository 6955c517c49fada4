"""Make the LibreOffice PDF exports of tests/fixtures/pdf/ (run once by hand; CI only reads them).

A synthetic report (tests/reportgen.py, fixed seed) is written into the official blank template
(../shared/templates/blank-2021.docx, read in place and never copied: its tables have the real
merged cells) with python-docx, then converted by LibreOffice:

    python scripts/make_pdf_fixtures.py [--template PATH] [--soffice soffice]

libreoffice-clean.pdf      the consistent report: no findings
libreoffice-defects.pdf    the same report with 商业企业 of row 一 of table 三 one too many (A301 for
                           that column, A303 for that row) and the heading of section 五 left out (S101)
"""

from __future__ import annotations

import argparse
import random
import subprocess
import sys
import tempfile
from pathlib import Path

import docx
from docx.document import Document as DocxDocument

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

from reportgen import SyntheticReport, random_report, show, spec  # noqa: E402

OUT = ROOT / "tests" / "fixtures" / "pdf"
# ../shared beside the repository (or beside the directory of its worktrees)
TEMPLATE = (
    next(
        (p for p in (ROOT.parent / "shared", ROOT.parent.parent / "shared") if p.is_dir()),
        ROOT.parent / "shared",
    )
    / "templates"
    / "blank-2021.docx"
)
SEED = 5


def fill(template: Path, report: SyntheticReport, *, drop_problems_heading: bool = False) -> DocxDocument:
    document = docx.Document(str(template))
    paragraphs = document.paragraphs
    paragraphs[1].text = f"{report.body}{report.year}年政府信息公开工作年度报告"
    paragraphs[2].text = f"本报告所列数据的统计期限自{report.year}年1月1日起至{report.year}年12月31日止。"
    paragraphs[
        4
    ].text = f"{report.year}年，本机关认真贯彻落实《中华人民共和国政府信息公开条例》，做好政府信息公开工作。"
    if drop_problems_heading:
        paragraphs[28].text = ""
    paragraphs[29].text = "存在的问题是公开的及时性有待提高。下一步将加强培训，提高公开质量。"
    paragraphs[31].text = report.fee_sentence
    paragraphs[32].text = report.body
    document.add_paragraph(f"{report.year + 1}年1月20日")
    table2, table3, table4 = document.tables[:3]
    t2 = spec(report.template, "table2")
    for row in table2.rows:
        label = row.cells[0].text.strip()
        match = next((r for r in t2.value_rows if r.label == label), None)
        if match is not None:
            for i, col in enumerate(match.columns):
                row.cells[1 + i].text = show(report.table2[match.key][col], t2.column(col).kind)
    t3 = spec(report.template, "table3")
    for row, key in zip(table3.rows[3:], [r.key for r in t3.value_rows], strict=True):
        for i, col in enumerate(c.key for c in t3.columns):
            row.cells[3 + i].text = show(report.table3[key][col])
    t4 = spec(report.template, "table4")
    values = [show(report.table4[r.key][c.key]) for r in t4.rows for c in t4.columns]
    for cell, value in zip(table4.rows[3].cells, values, strict=True):
        cell.text = value
    return document


def convert(source: Path, soffice: str, out: Path) -> None:
    with tempfile.TemporaryDirectory() as profile, tempfile.TemporaryDirectory() as work:
        subprocess.run(
            [soffice, f"-env:UserInstallation=file://{profile}", "--headless", "--convert-to", "pdf",
             "--outdir", work, str(source)],
            check=True, capture_output=True, timeout=180,
        )  # fmt: skip
        out.write_bytes((Path(work) / (source.stem + ".pdf")).read_bytes())


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--template", type=Path, default=TEMPLATE)
    parser.add_argument("--soffice", default="soffice")
    args = parser.parse_args()
    OUT.mkdir(parents=True, exist_ok=True)
    report = random_report(random.Random(SEED), "2021", 2023)
    broken = random_report(random.Random(SEED), "2021", 2023)
    broken.table3["new"]["commercial"] = int(broken.table3["new"]["commercial"]) + 1
    with tempfile.TemporaryDirectory() as tmp:
        for name, filled in [
            ("libreoffice-clean", fill(args.template, report)),
            ("libreoffice-defects", fill(args.template, broken, drop_problems_heading=True)),
        ]:
            source = Path(tmp) / f"{name}.docx"
            filled.save(str(source))
            convert(source, args.soffice, OUT / f"{name}.pdf")
            print(f"wrote {OUT / name}.pdf ({(OUT / f'{name}.pdf').stat().st_size} bytes)")


if __name__ == "__main__":
    main()
