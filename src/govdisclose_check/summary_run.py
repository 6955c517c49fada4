"""`govdisclose-check summary`: the audit of a run, and the summary written where it is asked for
(standard output, or a file written atomically)."""

from __future__ import annotations

import contextlib
import os
import sys
import tempfile
from collections.abc import Callable

from .catalog import Catalog
from .model import CheckResult
from .summary import Audit
from .suppress import UNUSED_RULE


def audit_of(catalog: Catalog, lang: str) -> tuple[Audit, Callable[[CheckResult], None]]:
    """An empty audit and the function that adds a checked report to it (the acceptances that
    matched nothing, C590, are about the configuration, not a report: left out)."""
    audit = Audit(catalog, lang)

    def add(result: CheckResult) -> None:
        about_config = result.report is None and not result.input_error
        if about_config and all(f.rule == UNUSED_RULE for f in result.findings):
            return
        audit.add(result)

    return audit, add


def write_summary(audit: Audit, fmt: str, output: str | None) -> None:
    if fmt == "xlsx":
        from .render.summary_xlsx import write_summary_xlsx  # noqa: PLC0415 - openpyxl is optional

        assert output is not None
        _atomically(output, lambda temp: write_summary_xlsx(audit, temp))
        return
    if fmt == "html":
        from .render.summary_html import render_summary_html  # noqa: PLC0415

        text = render_summary_html(audit)
    elif fmt == "csv":
        from .render.summary_sheets import render_csv  # noqa: PLC0415

        text = render_csv(audit)
    else:
        from .render.summary_sheets import render_summary_text  # noqa: PLC0415

        text = render_summary_text(audit)
    if output is None:
        sys.stdout.write(text)
        sys.stdout.flush()
        return

    def write(temp: str) -> None:
        with open(temp, "w", encoding="utf-8", newline="\n") as handle:
            handle.write(text)

    _atomically(output, write)


def _atomically(path: str, write: Callable[[str], None]) -> None:
    directory = os.path.dirname(os.path.abspath(path))
    os.makedirs(directory, exist_ok=True)
    handle, temp = tempfile.mkstemp(dir=directory, prefix="." + os.path.basename(path) + ".", suffix=".tmp")
    os.close(handle)
    try:
        write(temp)
        mask = os.umask(0o022)
        os.umask(mask)
        os.chmod(temp, 0o666 & ~mask)
        os.replace(temp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temp)
        raise
