"""What every renderer may need besides the results: language, catalog, settings."""

from __future__ import annotations

import attrs

from ..catalog import Catalog
from ..model import Finding, Related, Severity

SARIF_LEVELS = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note"}


# repr=False: the records here are internal and never shown, and attrs would compile a __repr__
# for each class at every start-up (about 0.9 M instructions a class; issue 14).
@attrs.frozen(repr=False)
class RenderOptions:
    catalog: Catalog
    lang: str = "zh"
    docs_url: str = ""
    show_fixes: bool = False
    fail_on: Severity = Severity.ERROR


def logical_name(finding: Finding | Related) -> str | None:
    """The logical place as a path: `table3/carried_forward/total`, `table3/*/natural_person` for a
    whole column, `table3/new` for a row, `table3`, or the section key."""
    if finding.table is None:
        return finding.section
    if finding.row is None and finding.col is None:
        return finding.table
    if finding.col is None:
        return f"{finding.table}/{finding.row}"
    return f"{finding.table}/{finding.row or '*'}/{finding.col}"
