"""`--format text`: findings grouped by file, one line each, and a summary line (rich)."""

from __future__ import annotations

from collections.abc import Sequence

from rich.console import Console
from rich.text import Text

from ..model import CheckResult, Finding, Location, Severity, summarize
from .safe import shown

_STYLE = {Severity.ERROR: "bold red", Severity.WARNING: "yellow", Severity.INFO: "cyan"}
_WORDS = {
    "zh": {Severity.ERROR: "错误", Severity.WARNING: "警告", Severity.INFO: "提示"},
    "en": {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "info"},
}


def where(path: str | None, location: Location) -> str:
    name = path or "<text>"
    if location.line is not None:
        return f"{name}:{location.line}:{location.column or 1}"
    if location.page is not None:
        return f"{name}:p{location.page}"
    return name


def finding_line(path: str | None, finding: Finding, lang: str) -> Text:
    text = Text()
    text.append(shown(where(path, finding.location)), style="bold")
    text.append(": ")
    text.append(finding.rule, style=_STYLE[finding.severity])
    text.append(f" [{_WORDS[lang][finding.severity]}] ", style=_STYLE[finding.severity])
    text.append(shown(finding.text(lang)))
    return text


def render_text(results: Sequence[CheckResult], lang: str, console: Console) -> None:
    for result in results:
        if not result.findings:
            continue
        for finding in result.findings:
            console.print(finding_line(result.path, finding, lang), soft_wrap=True)
        console.print()
    console.print(summary_line(results, lang), soft_wrap=True)


def summary_line(results: Sequence[CheckResult], lang: str) -> Text:
    s = summarize(results)
    clean = sum(1 for r in results if not r.findings)
    if lang == "en":
        line = (
            f"Checked {s.files} file(s): {s.errors} error(s), {s.warnings} warning(s), "
            f"{s.infos} info(s); {clean} file(s) without findings."
        )
    else:
        line = (
            f"共检查{s.files}个文件：{s.errors}个错误，{s.warnings}个警告，{s.infos}个提示；"
            f"{clean}个文件没有问题。"
        )
    return Text(line, style="bold red" if s.errors else "bold green")
