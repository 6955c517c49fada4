"""`--format json`: one object, the public contract described in docs/json.md."""

from __future__ import annotations

import json
from collections.abc import Sequence

from .. import __version__
from ..model import CheckResult, summarize
from ..serialize import file_record, summary_record
from .safe import json_safe


def render_json(results: Sequence[CheckResult], lang: str) -> str:
    document = {
        "version": __version__,
        "files": [file_record(r, lang) for r in results],
        "summary": summary_record(summarize(results)),
    }
    return json_safe(json.dumps(document, ensure_ascii=False, indent=2)) + "\n"
