"""`--format text`: findings grouped by file, one line each, and a summary line. Each line is built
as `Styled` pieces, shown with their styles by rich on a terminal and written as plain characters
elsewhere (textout.py)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from ..model import CheckResult, Finding, Location, Severity, Summary
from ..tally import summarize
from .safe import shown
from .textout import Styled, print_lines

if TYPE_CHECKING:
    from rich.console import Console

_STYLE = {Severity.ERROR: "bold red", Severity.WARNING: "yellow", Severity.INFO: "cyan"}
_WORDS = {
    "zh": {Severity.ERROR: "错误", Severity.WARNING: "警告", Severity.INFO: "提示"},
    "en": {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "info"},
}


_TABLE_NUMERALS = {
    "table2": ("表二", "table 2"),
    "table3": ("表三", "table 3"),
    "table4": ("表四", "table 4"),
}


def where(path: str | None, location: Location, table: str | None = None, lang: str = "zh") -> str:
    """`file:line:column` for text and HTML; for DOCX and PDF sources the page, paragraph, or the
    table, row and cell (表三第5行第3格): the table is the report's table the finding is about, else
    the source's n-th table. Control characters of the file's name are shown escaped."""
    name = shown(path or "<text>")
    en = lang == "en"
    page = "" if location.page is None else (f"p{location.page} " if en else f"第{location.page}页")
    if location.source_row is not None:
        named = _TABLE_NUMERALS.get(table or "")
        if named is not None:
            which = named[1] if en else named[0]
        else:
            which = f"table #{location.source_table}" if en else f"第{location.source_table}个表格"
        if en:
            return f"{name}:{page}{which}, row {location.source_row}, cell {location.source_cell}"
        return f"{name}:{page}{which}第{location.source_row}行第{location.source_cell}格"
    if location.paragraph is not None:
        return f"{name}:{page}" + (f"paragraph {location.paragraph}" if en else f"第{location.paragraph}段")
    if location.line is not None:
        column = "" if location.column is None else f":{location.column}"
        if page:
            return f"{name}:{page}" + (f"line {location.line}" if en else f"第{location.line}行") + column
        return f"{name}:{location.line}:{location.column or 1}"
    if page:
        return f"{name}:{page.strip()}"
    return name


def finding_line(path: str | None, finding: Finding, lang: str) -> Styled:
    style = _STYLE[finding.severity]
    return Styled(
        (
            (where(path, finding.location, finding.table, lang), "bold"),
            (": ", None),
            (finding.rule, style),
            (f" [{_WORDS[lang][finding.severity]}] ", style),
            (shown(finding.text(lang)), None),
        )
    )


def render_text(
    results: Sequence[CheckResult], lang: str, console: Console, *, show_fixes: bool = False
) -> None:
    """Suppressed findings are not shown (the summary counts them); `show_fixes` adds a line under
    each finding that carries a suggested value."""
    for result in results:
        print_lines(console, result_lines(result, lang, show_fixes=show_fixes))
    print_lines(console, [summary_line(results, lang)])


def result_lines(result: CheckResult, lang: str, *, show_fixes: bool = False) -> list[Styled]:
    """One file's findings and an empty line (nothing when it has none shown), as soon as it is
    checked."""
    listed = [f for f in result.findings if f.suppression is None]
    if not listed:
        return []
    lines = []
    for finding in listed:
        lines.append(finding_line(result.path, finding, lang))
        if show_fixes and finding.suggestion is not None:
            lines.append(fix_line(result.path, finding, lang))
    lines.append(Styled(()))
    return lines


def fix_line(path: str | None, finding: Finding, lang: str) -> Styled:
    """`  fix: <where>: table3/new/natural_person 13 → 12 (A301, A303)`: the tool never edits."""
    place = "/".join(p for p in (finding.table, finding.row, finding.col) if p)
    rules = ", ".join([finding.rule, *(r.rule for r in finding.related)])
    at = where(path, finding.location, finding.table, lang)
    if lang == "en":
        words = f"  fix: {at}: set {place} to {finding.suggestion} ({rules})"
    else:
        words = f"  建议修改：{at}：将 {place} 改为 {finding.suggestion}（{rules}）"
    return Styled(((words, None),), "green")


def summary_line(results: Sequence[CheckResult], lang: str) -> Styled:
    clean = sum(1 for r in results if all(f.suppression is not None for f in r.findings))
    return summary_text(summarize(results), clean, lang)


def summary_text(s: Summary, clean: int, lang: str) -> Styled:
    """The last line: counts of the whole run (`clean`: files with no finding shown)."""
    if lang == "en":
        line = (
            f"Checked {s.files} file(s): {s.errors} error(s), {s.warnings} warning(s), "
            f"{s.infos} info(s); {clean} file(s) without findings."
        )
        line += f" {s.suppressed} accepted finding(s) not shown." if s.suppressed else ""
    else:
        line = (
            f"共检查{s.files}个文件：{s.errors}个错误，{s.warnings}个警告，{s.infos}个提示；"
            f"{clean}个文件没有问题。"
        )
        line += f"另有{s.suppressed}个已接受的发现未显示。" if s.suppressed else ""
    return Styled(((line, None),), "bold red" if s.errors else "bold green")
