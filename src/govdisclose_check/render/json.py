"""`--format json`: one object, the public contract described in docs/json.md."""

from __future__ import annotations

import json
from collections.abc import Sequence

from .. import __version__
from ..model import CheckResult, Summary
from ..serialize import file_record, summary_record
from ..tally import summarize
from .safe import json_safe

_FILE_INDENT = " " * 4  # a file's object inside "files" of the document indented by 2


def render_json(results: Sequence[CheckResult], lang: str) -> str:
    document = {
        "version": __version__,
        "files": [file_record(r, lang) for r in results],
        "summary": summary_record(summarize(results)),
    }
    return json_safe(json.dumps(document, ensure_ascii=False, indent=2)) + "\n"


# The same document written piece by piece (`--format json` of a long run): the opening, each
# file's object as the file is checked, then the summary; byte for byte what render_json gives
# (json_safe works character by character, so on the pieces as on the whole).


def json_opening() -> str:
    return '{\n  "version": ' + json.dumps(__version__) + ',\n  "files": ['


def json_file(result: CheckResult, lang: str, first: bool) -> str:
    body = json.dumps(file_record(result, lang), ensure_ascii=False, indent=2)
    # JSON strings hold no raw newline, so every line break is between tokens.
    return json_safe(("\n" if first else ",\n") + _FILE_INDENT + body.replace("\n", "\n" + _FILE_INDENT))


def json_closing(summary: Summary, any_file: bool) -> str:
    body = json.dumps(summary_record(summary), ensure_ascii=False, indent=2).replace("\n", "\n  ")
    return json_safe(("\n  ]" if any_file else "]") + ',\n  "summary": ' + body + "\n}\n")
