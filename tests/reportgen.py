"""Synthetic reports for the tests: consistent numbers, rendered in each supported text layout.

`random_report(rng, template)` makes numbers that satisfy every identity of the format;
`render(report, layout)` writes them as a whole report in one of the layouts real reports use:
tab-separated rows, pipe tables, one cell per line (a DOCX export), or numbers after spaces.
Tests then change one thing and check that exactly the matching finding appears.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from decimal import Decimal

from govdisclose_check.catalog import TableSpec, default_catalog

LAYOUTS = ("tab", "pipe", "cells", "spaces")
Values = dict[str, dict[str, int | Decimal]]

APPLICANTS = ("natural_person", "commercial", "research", "public_interest", "legal_service", "other")


@dataclass
class SyntheticReport:
    template: str
    year: int
    body: str
    table2: Values
    table3: Values
    table4: Values
    fee_sentence: str = "本年度未收取信息处理费。"
    headings: dict[str, str] = field(default_factory=dict)  # section key -> heading text override


def spec(template: str, table: str) -> TableSpec:
    return default_catalog().templates[template].tables[table]


def random_report(rng: random.Random, template: str = "2021", year: int | None = None) -> SyntheticReport:
    if year is None:
        year = rng.choice([2019, 2020]) if template == "2019" else rng.randint(2021, 2025)
    return SyntheticReport(
        template=template,
        year=year,
        body=rng.choice(["某某市卫生健康委员会", "某某县人民政府办公室", "某某区教育局"]),
        table2=_table2(rng, template),
        table3=_table3(rng, template),
        table4=_table4(rng),
    )


def zero_report(template: str = "2021", year: int | None = None) -> SyntheticReport:
    """A consistent report whose every count is 0 (handy for hand-made fixtures)."""
    report = random_report(random.Random(0), template, year)
    for table in (report.table3, report.table4):
        for row in table.values():
            for col in row:
                row[col] = 0
    return report


def _small(rng: random.Random, top: int = 30) -> int:
    return rng.choice([0, 0, rng.randint(0, 5), rng.randint(0, top)])


def _table2(rng: random.Random, template: str) -> Values:
    out: Values = {}
    for row in spec(template, "table2").value_rows:
        values: dict[str, int | Decimal] = {}
        for col in row.columns:
            kind = spec(template, "table2").column(col).kind
            if kind in ("amount", "money"):
                values[col] = Decimal(rng.randint(0, 99999)) / 100
            elif kind == "delta":
                values[col] = rng.randint(-9, 9)
            else:
                values[col] = _small(rng, 500)
        if "in_force" in values:
            values["in_force"] = max(0, int(values["issued"]) - int(values["repealed"])) + _small(rng)
        out[row.key] = values
    return out


def _table3(rng: random.Random, template: str) -> Values:
    table = spec(template, "table3")
    result_rows = [
        r.key
        for r in table.value_rows
        if r.key not in ("new", "carried_over", "results_total", "carried_forward")
    ]
    out: Values = {}
    for key in result_rows:
        out[key] = {c: _small(rng, 12) for c in APPLICANTS}
    out["results_total"] = {c: sum(int(out[k][c]) for k in result_rows) for c in APPLICANTS}
    out["carried_forward"] = {c: _small(rng, 4) for c in APPLICANTS}
    out["carried_over"] = {
        c: rng.randint(0, int(out["results_total"][c]) + int(out["carried_forward"][c])) for c in APPLICANTS
    }
    out["new"] = {
        c: int(out["results_total"][c]) + int(out["carried_forward"][c]) - int(out["carried_over"][c])
        for c in APPLICANTS
    }
    for row in out.values():
        row["total"] = sum(int(row[c]) for c in APPLICANTS)
    return {r.key: out[r.key] for r in table.value_rows}


def _table4(rng: random.Random) -> Values:
    out: Values = {}
    for key in ("review", "litigation_direct", "litigation_after_review"):
        row: dict[str, int | Decimal] = {
            c: _small(rng, 6) for c in ("upheld", "corrected", "other", "pending")
        }
        row["total"] = sum(int(v) for v in row.values())
        out[key] = row
    return out


def show(value: int | Decimal, kind: str = "count") -> str:
    if kind == "delta" and isinstance(value, int):
        return f"增{value}" if value > 0 else f"减{-value}" if value < 0 else "0"
    return str(value)


# ------------------------------------------------------------------ rendering

HEADINGS = {
    "overview": "一、总体情况",
    "proactive": "二、主动公开政府信息情况",
    "requests": "三、收到和处理政府信息公开申请情况",
    "review_litigation": "四、政府信息公开行政复议、行政诉讼情况",
    "problems": "五、存在的主要问题及改进情况",
    "other": "六、其他需要报告的事项",
}

T3_NOTE = "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）"


Tag = tuple[str, str, int]  # (table, row key, index of the cell in the row: 0 for the label)
Cells = dict[tuple[str, str], list[str] | None]  # (table, row) -> the row's cells as written; None: deleted


@dataclass
class Line:
    text: str
    tags: frozenset[Tag] = frozenset()  # the table cells that stand on this line
    heading: str | None = None  # the key of the section whose heading this line is


def _row(cells: list[str], layout: str) -> list[str]:
    """One table row as text lines in the layout."""
    if layout == "tab":
        return ["\t".join(cells)]
    if layout == "pipe":
        return ["| " + " | ".join(cells) + " |"]
    if layout == "spaces":
        return [" ".join(cells)]
    return ["\t" + c for c in cells] + [""]  # cells: one cell per line, a blank line after a row


def tagged_row(cells: list[str], layout: str, tags: list[Tag | None] | None = None) -> list[Line]:
    """A row's lines, each with the cells that stand on it (`tags[i]` for `cells[i]`)."""
    tags = tags or [None] * len(cells)
    lines = _row(cells, layout)
    if layout == "cells":
        return [
            Line(t, frozenset({g}) if g else frozenset()) for t, g in zip(lines, [*tags, None], strict=True)
        ]
    return [Line(lines[0], frozenset(g for g in tags if g))]


def render(report: SyntheticReport, layout: str = "tab", table4_layout: str = "line") -> str:
    return "\n".join(line.text for line in render_lines(report, layout, table4_layout)) + "\n"


def render_lines(
    report: SyntheticReport, layout: str = "tab", table4_layout: str = "line", cells: Cells | None = None
) -> list[Line]:
    """The report as lines that know which section heading or table cells they hold. `cells`
    replaces the cells of some rows (a list starting with the label) or deletes them (None)."""
    cells = cells or {}
    h = {**HEADINGS, **report.headings}

    def heading(key: str) -> Line:
        return Line(h[key], heading=key)

    lines = [
        Line(f"{report.body}{report.year}年政府信息公开工作年度报告"),
        Line(""),
        Line(f"本报告所列数据的统计期限自{report.year}年1月1日起至{report.year}年12月31日止。"),
        heading("overview"),
        Line(
            f"{report.year}年，本机关认真贯彻落实《中华人民共和国政府信息公开条例》，做好政府信息公开工作。"
        ),
        heading("proactive"),
    ]
    lines += _render_table2(report, layout, cells)
    lines += [heading("requests")]
    lines += _render_table3(report, layout, cells)
    lines += [heading("review_litigation")]
    lines += _render_table4(report, layout, table4_layout, cells)
    lines += [
        heading("problems"),
        Line("存在的问题是公开的及时性有待提高。下一步将加强培训，提高公开质量。"),
        heading("other"),
        Line(report.fee_sentence),
        Line(report.body),
        Line(f"{report.year + 1}年1月20日"),
    ]
    return lines


def _data_row(table: str, key: str, default: list[str], layout: str, cells: Cells) -> list[Line]:
    row = cells.get((table, key), default)
    if row is None:
        return []
    return tagged_row(row, layout, [(table, key, i) for i in range(len(row))])


def _render_table2(report: SyntheticReport, layout: str, cells: Cells) -> list[Line]:
    table = spec(report.template, "table2")
    out: list[Line] = []
    for group in (r for r in table.rows if r.group):
        children = [r for r in table.value_rows if r.parent == group.key]
        out += _data_row("table2", group.key, [group.label], layout, cells)
        columns = children[0].columns
        out += tagged_row(["信息内容", *(table.column(c).label for c in columns)], layout)
        for child in children:
            values = report.table2[child.key]
            default = [child.label, *(show(values[c], table.column(c).kind) for c in columns)]
            out += _data_row("table2", child.key, default, layout, cells)
    return out


def _render_table3(report: SyntheticReport, layout: str, cells: Cells) -> list[Line]:
    table = spec(report.template, "table3")
    out: list[Line] = []
    out += tagged_row([T3_NOTE, "申请人情况"], layout)
    out += tagged_row(["自然人", "法人或其他组织", "总计"], layout)
    out += tagged_row(["商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他"], layout)
    for row in table.rows:
        default = (
            [row.label] if row.group else [row.label, *(show(report.table3[row.key][c]) for c in row.columns)]
        )
        out += _data_row("table3", row.key, default, layout, cells)
    return out


def _render_table4(report: SyntheticReport, layout: str, table4_layout: str, cells: Cells) -> list[Line]:
    table = spec(report.template, "table4")
    cols = [c.key for c in table.columns]
    defaults = {r.key: [r.label, *(show(report.table4[r.key][c]) for c in cols)] for r in table.rows}
    if table4_layout == "groups":
        out: list[Line] = []
        for row in table.rows:
            out += _data_row("table4", row.key, defaults[row.key], layout, cells)
        return out
    out = tagged_row(["行政复议", "行政诉讼"], layout)
    out += tagged_row([*(table.column(c).label for c in cols), "未经复议直接起诉", "复议后起诉"], layout)
    out += tagged_row([table.column(c).label for c in cols] * 2, layout)
    # One run of values: each row's cells without its label, each cell tagged with its row.
    values: list[str] = []
    tags: list[Tag | None] = []
    for row in table.rows:
        written = cells.get(("table4", row.key), defaults[row.key])
        if written is None:
            continue
        values += written[1:]
        tags += [("table4", row.key, i) for i in range(1, len(written))]
    return out + tagged_row(values, layout, tags)
