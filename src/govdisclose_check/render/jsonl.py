"""`--format jsonl`: one finding per line with its file's path, template and year; a line is written
as soon as its file is checked (streamed), so a long run can be followed or piped."""

from __future__ import annotations

import json
from collections.abc import Sequence

from ..model import CheckResult
from ..serialize import finding_record
from .safe import json_safe


def jsonl_lines(result: CheckResult, lang: str) -> str:
    report = result.report
    head = {
        "path": result.path,
        "template": report.template if report else None,
        "year": report.year if report else None,
    }
    return "".join(
        json_safe(json.dumps({**head, **finding_record(f, lang)}, ensure_ascii=False)) + "\n"
        for f in result.findings
    )


def render_jsonl(results: Sequence[CheckResult], lang: str) -> str:
    return "".join(jsonl_lines(r, lang) for r in results)
