"""`--format gitlab`: GitLab Code Quality JSON (a list of issues) for the merge-request widget.

Each issue: description, check_name, fingerprint (unique in the report: our fingerprint, which
names the file by its base name, hashed with the path), severity (error → major, warning → minor,
info → info), location.path and location.lines.begin. Suppressed findings are left out.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Sequence
from typing import Any

from ..model import CheckResult, Finding, Severity
from ..names import utf8_bytes
from .options import RenderOptions
from .safe import json_safe

SEVERITY = {Severity.ERROR: "major", Severity.WARNING: "minor", Severity.INFO: "info"}


def issue(path: str | None, finding: Finding, options: RenderOptions) -> dict[str, Any]:
    name = (path or "").replace("\\", "/")
    unique = hashlib.sha256(utf8_bytes(f"{name}\x1f{finding.fingerprint}")).hexdigest()
    return {
        "description": f"{finding.rule} {finding.text(options.lang)}",
        "check_name": f"{finding.rule} {finding.name}",
        "fingerprint": unique,
        "severity": SEVERITY[finding.severity],
        "location": {"path": name, "lines": {"begin": finding.location.line or 1}},
    }


def render_gitlab(results: Sequence[CheckResult], options: RenderOptions) -> str:
    issues = [issue(r.path, f, options) for r in results for f in r.findings if f.suppression is None]
    return json_safe(json.dumps(issues, ensure_ascii=False, indent=2)) + "\n"
