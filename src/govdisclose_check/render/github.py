"""`--format github`: GitHub Actions workflow commands, so findings appear inline on a pull request.

    ::error file=report.txt,line=77,col=1,endLine=77,endColumn=9,title=T204 row-value-count::message

Escaping as the runner requires: in a message `%`, CR and LF; in a property also `:` and `,`.
Suppressed findings are left out (they are accepted); a notice stands for `info`.
"""

from __future__ import annotations

from collections.abc import Sequence

from ..model import CheckResult, Finding, Severity
from .options import RenderOptions
from .safe import shown
from .text import where

_COMMAND = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "notice"}


def escape_data(value: str) -> str:
    """As the runner requires; then any other control character (an escape sequence from a cell or
    a file name) shown escaped (`\\x1b`), so that the log shows it instead of acting on it."""
    return shown(value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A"))


def escape_property(value: str) -> str:
    return escape_data(value).replace(":", "%3A").replace(",", "%2C")


def command(path: str | None, finding: Finding, options: RenderOptions) -> str:
    loc = finding.location
    props: list[tuple[str, object]] = [("file", path or "")]
    text_like = loc.page is None and loc.paragraph is None and loc.source_row is None
    if loc.line is not None and text_like:
        props.append(("line", loc.line))
        if loc.column is not None:
            props.append(("col", loc.column))
        if loc.end_line is not None:
            props.append(("endLine", loc.end_line))
        if loc.end_column is not None:
            props.append(("endColumn", loc.end_column))
    props.append(("title", f"{finding.rule} {finding.name}"))
    head = ",".join(f"{k}={escape_property(str(v))}" for k, v in props)
    message = finding.text(options.lang)
    if not text_like:  # the runner cannot point into a DOCX or PDF: say where in the message
        message = f"{where(None, loc, finding.table, options.lang).removeprefix('<text>:')}: {message}"
    if finding.suggestion is not None and finding.row and finding.col:
        message += f" ({'suggested value' if options.lang == 'en' else '建议值'}: {finding.suggestion})"
    return f"::{_COMMAND[finding.severity]} {head}::{escape_data(message)}\n"


def render_github(results: Sequence[CheckResult], options: RenderOptions) -> str:
    return "".join(command(r.path, f, options) for r in results for f in r.findings if f.suppression is None)
