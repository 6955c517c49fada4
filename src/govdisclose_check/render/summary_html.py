"""The audit summary as one HTML page: a table per sheet. Every value and header is escaped
(html.escape, quotes too), so a body name or a message cannot inject markup."""

from __future__ import annotations

from html import escape

from .. import __version__
from ..summary import Audit
from .summary_sheets import Value, sheets, word


def _cell(value: Value, tag: str = "td") -> str:
    text = "" if value is None else str(value)
    numeric = ' class="n"' if isinstance(value, int) else ""
    return f"<{tag}{numeric}>{escape(text, quote=True)}</{tag}>"


def render_summary_html(audit: Audit) -> str:
    lang = "en" if audit.lang == "en" else "zh-CN"
    title = escape(word("reports", audit.lang))
    out = [
        "<!DOCTYPE html>",
        f'<html lang="{lang}">',
        '<head><meta charset="utf-8">',
        f"<title>govdisclose-check {escape(__version__)}: {title}</title>",
        "<style>table{border-collapse:collapse;margin-bottom:2em}td,th{border:1px solid #999;"
        "padding:2px 6px}td.n{text-align:right}</style>",
        "</head><body>",
    ]
    for sheet in sheets(audit):
        out.append(f'<h2 id="{escape(sheet.key)}">{escape(sheet.title)}</h2>')
        out.append("<table>")
        out.append("<thead><tr>" + "".join(_cell(h, "th") for h in sheet.headers) + "</tr></thead>")
        out.append("<tbody>")
        out.extend("<tr>" + "".join(_cell(v) for v in row) + "</tr>" for row in sheet.rows)
        out.append("</tbody></table>")
    out.append("</body></html>")
    return "\n".join(out) + "\n"
