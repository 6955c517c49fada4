"""Synthetic reports as government web pages, built by hand like the real ones.

`render_html(report, style)` writes a `reportgen.SyntheticReport` in the official table layout with
real merged cells (table 三's note cell `colspan=3 rowspan=3`, 三、本年度办理结果 `rowspan` over the
result rows, 法人或其他组织 `colspan=5`, table 四's two-level header), wrapped in a page of one style:

- `portal`: UTF-8 with `<meta charset>`, navigation, scripts and a footer around `div.TRS_Editor`,
  the title in an `<h1>` outside it, headings in `<strong>` after `&nbsp;` or a full-width space;
- `word`: a Word "save as web page" export in GBK declared `gb2312` by `http-equiv`: `<o:p>`,
  numbers split over `<span>`s, vertical header text one character per `<p>`, `<br>` in headers;
- `bare`: GBK without any declaration, all on one line, the article in a layout table, cells
  padded with `&nbsp;` and `<font>` runs, `<thead>`/`<tbody>`.

`blank` names (table, row, col) cells written empty, `drop` names row keys left out.
"""

from __future__ import annotations

import html
from collections.abc import Collection

from reportgen import HEADINGS, T3_NOTE, SyntheticReport, show, spec

STYLES = ("portal", "word", "bare")
ENCODINGS = {"portal": "utf-8", "word": "gbk", "bare": "gbk"}

Cell = tuple[str, int, int]  # text, colspan, rowspan


class _Writer:
    def __init__(self, style: str, blank: Collection[tuple[str, str, str]]) -> None:
        self.style = style
        self.blank = set(blank)

    def value(self, table: str, row: str, col: str, value: object, kind: str = "count") -> str:
        if (table, row, col) in self.blank:
            return "&nbsp;" if self.style == "bare" else ""
        text = show(value, kind)  # type: ignore[arg-type]
        if self.style == "word":
            return "".join(f"<span lang=EN-US>{ch}</span>" for ch in text)
        if self.style == "bare":
            return f"<font face=宋体>&nbsp;{text}&nbsp;</font>"
        return text

    def label(self, text: str, vertical: bool = False) -> str:
        if self.style == "word" and vertical:
            return "".join(f"<p class=MsoNormal align=center>{ch}<o:p></o:p></p>" for ch in text)
        if self.style == "word":
            span = f"<span style='font-size:9.0pt'>{html.escape(text)}</span>"
            return f"<p class=MsoNormal>{span}<o:p>&nbsp;</o:p></p>"
        return html.escape(text)

    def row(self, cells: list[Cell]) -> str:
        out = []
        for text, colspan, rowspan in cells:
            attrs = (f" colspan={colspan}" if colspan > 1 else "") + (
                f' rowspan="{rowspan}"' if rowspan > 1 else ""
            )
            out.append(f"<td{attrs}>{text}</td>")
        sep = "" if self.style == "bare" else "\n  "
        return f"<tr>{sep}" + sep.join(out) + f"{sep}</tr>"

    def table(self, rows: list[str], border: str = "1") -> str:
        sep = "" if self.style == "bare" else "\n"
        head, body = (rows[:1], rows[1:]) if self.style == "bare" else ([], rows)
        thead = f"<thead>{''.join(head)}</thead>" if head else ""
        inner = f"{thead}<tbody>{sep.join(body)}</tbody>" if self.style == "bare" else sep.join(body)
        return f'<div align=center><table border="{border}" cellspacing=0>{sep}{inner}{sep}</table></div>'


def _table2(w: _Writer, report: SyntheticReport, drop: Collection[str]) -> str:
    table = spec(report.template, "table2")
    width = 1 + max(len(r.columns) for r in table.value_rows)
    rows: list[str] = []
    for group in (r for r in table.rows if r.group):
        children = [r for r in table.value_rows if r.parent == group.key]
        rows.append(w.row([(w.label(group.label), width, 1)]))
        cols = children[0].columns
        spans = [1] * (len(cols) - 1) + [width - len(cols)]
        rows.append(
            w.row(
                [(w.label("信息内容"), 1, 1)]
                + [(w.label(table.column(c).label), s, 1) for c, s in zip(cols, spans, strict=False)]
            )
        )
        for child in children:
            if child.key in drop:
                continue
            values = report.table2[child.key]
            cells = [(w.label(child.label), 1, 1)]
            cells += [
                (w.value("table2", child.key, c, values[c], table.column(c).kind), s, 1)
                for c, s in zip(cols, spans, strict=False)
            ]
            rows.append(w.row(cells))
    return w.table(rows, border="0")


def _depth(table: object, key: str | None) -> int:
    depth = 0
    parents = {r.key: r.parent for r in table.rows}  # type: ignore[attr-defined]
    while key is not None and parents.get(key) is not None:
        key = parents[key]
        depth += 1
    return depth


def _table3(w: _Writer, report: SyntheticReport, drop: Collection[str]) -> str:
    table = spec(report.template, "table3")
    applicants = [c for c in table.columns if c.key != "total"]
    rows = [
        w.row([(w.label(T3_NOTE), 3, 3), (w.label("申请人情况"), 7, 1)]),
        w.row([(w.label("自然人"), 1, 2), (w.label("法人或其他组织"), 5, 1), (w.label("总计"), 1, 2)]),
        w.row([(w.label(c.label, vertical=c.key == "public_interest"), 1, 1) for c in applicants[1:]]),
    ]
    kept = [r for r in table.value_rows if r.key not in drop]
    pending: list[Cell] = []
    for row in table.rows:
        if row.group:
            span = sum(1 for r in kept if _descends(table, r.key, row.key))
            if span:
                pending.append((w.label(row.label), 1, span))
            continue
        if row.key in drop:
            continue
        values = report.table3[row.key]
        label = (w.label(row.label), 3 - _depth(table, row.key), 1)
        cells = [*pending, label] + [(w.value("table3", row.key, c, values[c]), 1, 1) for c in row.columns]
        pending = []
        rows.append(w.row(cells))
    return w.table(rows)


def _descends(table: object, key: str, ancestor: str) -> bool:
    parents = {r.key: r.parent for r in table.rows}  # type: ignore[attr-defined]
    parent = parents.get(key)
    while parent is not None:
        if parent == ancestor:
            return True
        parent = parents.get(parent)
    return False


def _table4(w: _Writer, report: SyntheticReport, drop: Collection[str]) -> str:
    table = spec(report.template, "table4")
    labels = [table.column(c.key).label for c in table.columns]
    vertical = w.style == "word"
    rows = [
        w.row([(w.label("行政复议"), 5, 1), (w.label("行政诉讼"), 10, 1)]),
        w.row(
            [(w.label(label, vertical), 1, 2) for label in labels]
            + [(w.label("未经复议直接起诉"), 5, 1), (w.label("复议后起诉"), 5, 1)]
        ),
        w.row([(w.label(label, vertical), 1, 1) for label in labels * 2]),
    ]
    values = [
        (w.value("table4", r.key, c.key, report.table4[r.key][c.key]), 1, 1)
        for r in table.rows
        if r.key not in drop
        for c in table.columns
    ]
    rows.append(w.row(values))
    rows.append(w.row([("", 1, 1)] * 15))  # a ghost row, as real pages have
    return w.table(rows)


def _heading(w: _Writer, text: str) -> str:
    if not text:
        return ""
    if w.style == "portal":
        return f"<p>&nbsp;&nbsp;<strong>{text}</strong></p>"
    if w.style == "word":
        return f"<p class=MsoNormal><b><span>{text}</span></b><o:p></o:p></p>"
    return f"<p><font face=黑体>\u3000\u3000{text}</font></p>"


def _paragraph(w: _Writer, text: str) -> str:
    if w.style == "word":
        return f"<p class=MsoNormal><span>{html.escape(text)}</span><o:p></o:p></p>"
    return f"<p>{html.escape(text)}</p>"


def article(
    report: SyntheticReport,
    style: str,
    blank: Collection[tuple[str, str, str]] = (),
    drop: Collection[str] = (),
    title_inside: bool = True,
) -> str:
    w = _Writer(style, blank)
    h = {**HEADINGS, **report.headings}
    title = f"{report.body}{report.year}年政府信息公开工作年度报告"
    parts = [
        _paragraph(w, title) if title_inside else "",
        _paragraph(w, f"本报告所列数据的统计期限自{report.year}年1月1日起至{report.year}年12月31日止。"),
        _heading(w, h["overview"]),
        _paragraph(
            w,
            f"{report.year}年，本机关认真贯彻落实《中华人民共和国政府信息公开条例》，做好政府信息公开工作。",
        ),
        _heading(w, h["proactive"]),
        _table2(w, report, drop),
        _heading(w, h["requests"]),
        _table3(w, report, drop),
        _heading(w, h["review_litigation"]),
        _table4(w, report, drop),
        _heading(w, h["problems"]),
        _paragraph(w, "存在的问题是公开的及时性有待提高。下一步将加强培训，提高公开质量。"),
        _heading(w, h["other"]),
        _paragraph(w, report.fee_sentence),
        _paragraph(w, report.body),
        _paragraph(w, f"{report.year + 1}年1月20日"),
    ]
    return ("" if style == "bare" else "\n").join(p for p in parts if p)


def render_html(
    report: SyntheticReport,
    style: str = "portal",
    *,
    blank: Collection[tuple[str, str, str]] = (),
    drop: Collection[str] = (),
) -> bytes:
    title = f"{report.body}{report.year}年政府信息公开工作年度报告"
    if style == "portal":
        page = f"""<!DOCTYPE html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<title>{title}_某某市人民政府门户网站</title>
<style>td {{ border: 1px solid #000; }}</style>
<script>var tpl = "<table><tr><td>一、总体情况</td></tr></table>"; if (a < b) {{ }}</script>
</head>
<body>
<div class="header"><ul class="nav"><li><a href="/">首页</a></li><li><a href="/zwgk/">政务公开</a></li>
<li><a href="/ndbg/">政府信息公开年度报告</a></li></ul></div>
<div class="main">
<div class="position">当前位置：首页 &gt; 政务公开 &gt; 年度报告</div>
<h1 class="title">{title}</h1>
<div class="info">发布时间：{report.year + 1}-01-20 来源：本机关</div>
<div class="TRS_Editor">
{article(report, style, blank, drop, title_inside=False)}
</div>
<div class="related"><p>相关链接</p>
<ul><li><a href="/a.html">{report.year - 1}年政府信息公开工作年度报告</a></li></ul></div>
</div>
<div class="footer"><p>主办：某某市人民政府办公室 版权所有</p><p>网站标识码：1234567890</p></div>
<script>document.write("<td>" + 1 + "</td>");</script>
</body>
</html>
"""
        return page.encode("utf-8")
    if style == "word":
        page = f"""<html xmlns:v="urn:schemas-microsoft-com:vml"
xmlns:o="urn:schemas-microsoft-com:office:office"
xmlns="http://www.w3.org/TR/REC-html40">
<head>
<meta http-equiv=Content-Type content="text/html; charset=gb2312">
<meta name=Generator content="Microsoft Word 15">
<title>{title}</title>
<!--[if gte mso 9]><xml><o:DocumentProperties><o:Author>某某</o:Author>
</o:DocumentProperties></xml><![endif]-->
<style><!-- p.MsoNormal {{ margin:0cm; }} --></style>
</head>
<body lang=ZH-CN style='text-justify-trim:punctuation'>
<div class=WordSection1>
{article(report, style, blank, drop)}
</div>
</body>
</html>
"""
        return page.encode("gbk")
    body = article(report, style, blank, drop)
    page = (
        f"<html><head><title>{title}</title></head><body>"
        '<table width="100%"><tr><td><a href="/">首页</a> | <a href="/gk">信息公开</a></td></tr>'
        f"<tr><td>{body}</td></tr></table></body></html>"
    )
    return page.encode("gbk")
