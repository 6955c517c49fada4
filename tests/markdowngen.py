"""Markdown as PDF-to-markdown converters write a report (marker, pdfplumber, MinerU and the like).

The report's text is `reportgen.render`'s pipe layout with `##` section headings; only table 三 is
written the converters' way, in one of three styles:

- `split-heading`: one small pipe table per group of rows under generic headers 数据1…数据7, and
  each row's label also written as a `###` heading line directly above the row;
- `split-bold`: the same per group under headers 项目 数据1…数据6 总计, each row's label repeated as a
  `**bold**` line above it;
- `torn`: the labels torn away from their numbers: a column of labels (one per line), then a block
  of number rows under generic headers, with no label in them.

`python tests/markdowngen.py` rewrites the committed examples in `tests/fixtures/markdown/`.
"""

from __future__ import annotations

import random
from pathlib import Path

from reportgen import HEADINGS, T3_NOTE, SyntheticReport, random_report, render, show, spec

STYLES = ("split-heading", "split-bold", "torn")
FIXTURES = Path(__file__).resolve().parent / "fixtures" / "markdown"
# The committed examples: file name -> (style, seed, template).
EXAMPLES = {
    "split_heading_2021.md": ("split-heading", 3, "2021"),
    "torn_labels_2021.md": ("torn", 3, "2021"),
}


def _pipe(cells: list[str]) -> str:
    return "| " + " | ".join(cells) + " |"


def _generic(style: str) -> list[str]:
    if style == "split-bold":
        return ["项目", *(f"数据{i}" for i in range(1, 7)), "总计"]
    return [f"数据{i}" for i in range(1, 8)]


def _header(style: str) -> list[str]:
    cells = _generic(style)
    return [_pipe(cells), _pipe(["---"] * len(cells))]


def _split(report: SyntheticReport, style: str) -> list[str]:
    """Table 三 as one small table per group, each row's label repeated above it."""
    table = spec(report.template, "table3")
    out: list[str] = []
    fresh = True  # a new small table starts (under its generic header)
    for row in table.rows:
        if row.group:
            out += ["", f"### {row.label}" if style == "split-heading" else f"**{row.label}**", ""]
            fresh = True
            continue
        values = report.table3[row.key]
        if style == "split-heading":
            out += [f"### {row.label}", "", *_header(style)]
        else:
            if fresh:
                out += [*_header(style)]
            out += [f"**{row.label}**"]
        out += [_pipe([row.label, *(show(values[c]) for c in row.columns)])]
        fresh = style == "split-heading"
    return out


def _torn(report: SyntheticReport) -> list[str]:
    """Table 三's labels in one column, then its numbers as rows without labels."""
    table = spec(report.template, "table3")
    out = [row.label for row in table.rows]
    out += ["", *_header("torn")]
    for row in table.value_rows:
        values = report.table3[row.key]
        out += [_pipe([show(values[c]) for c in row.columns])]
    return out


def render_markdown(report: SyntheticReport, style: str) -> str:
    """The whole report as a converter writes it, table 三 in `style` (one of `STYLES`)."""
    if style not in STYLES:
        raise ValueError(style)
    headed = SyntheticReport(**{**vars(report), "headings": {k: f"## {v}" for k, v in HEADINGS.items()}})
    lines = render(headed, "pipe").split("\n")
    start = lines.index(f"## {HEADINGS['requests']}") + 1
    end = lines.index(f"## {HEADINGS['review_litigation']}")
    intro = [
        "",
        T3_NOTE,
        "",
        "申请人情况",
        "",
        "自然人 法人或其他组织 总计",
        "商业企业 科研机构 社会公益组织 法律服务机构 其他",
    ]
    body = _torn(report) if style == "torn" else _split(report, style)
    lines[start:end] = [*intro, *body, ""]
    return "\n".join(lines)


def example(name: str) -> str:
    style, seed, template = EXAMPLES[name]
    return render_markdown(random_report(random.Random(seed), template), style)


if __name__ == "__main__":
    FIXTURES.mkdir(parents=True, exist_ok=True)
    for file_name in EXAMPLES:
        (FIXTURES / file_name).write_text(example(file_name), encoding="utf-8")
