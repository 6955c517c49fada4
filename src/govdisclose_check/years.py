"""The command line's cross-year inputs: `--previous FILE` for one report, or, when several files
are checked, each paired with the report of the year before of the same body (pairing.py).

The files are parsed once, before checking, so that the pairs are known; each parsed report is then
checked as it is (`check_report`) and let go, while the reports remain for the years after them.
"""

from __future__ import annotations

import argparse
from collections.abc import Sequence

import attrs

from .api import parse_file
from .catalog import Catalog
from .errors import InputProblem
from .model import Report
from .pairing import aliases_of, pair


def _local(path: str) -> bool:
    return path != "-" and not path.lower().startswith(("http://", "https://"))


@attrs.define
class Years:
    given: Report | None = None  # --previous
    reports: dict[str, Report] = attrs.Factory(dict)  # parsed and not yet checked
    reports_by_path: dict[str, Report] = attrs.Factory(dict)
    pairs: dict[str, str] = attrs.Factory(dict)  # path -> last year's path

    def prepare(self, args: argparse.Namespace, files: Sequence[str], catalog: Catalog) -> str | None:
        """Read --previous, or pair the files; a usage problem as a message, else None."""
        if args.previous is not None:
            if len(files) != 1:
                return f"--previous compares one report with last year's; {len(files)} files were given"
            try:
                self.given = parse_file(args.previous, catalog=catalog)
            except InputProblem as problem:
                rule = catalog.rule(problem.code)
                return f"--previous {args.previous}: {problem.en or rule.summary_en}"
            return None
        if len(files) < 2:
            return None
        for path in files:
            if not _local(path):
                continue
            try:
                self.reports_by_path[path] = parse_file(path, catalog=catalog)
            except InputProblem:
                continue  # its check says why
        self.pairs = pair(self.reports_by_path, aliases_of(catalog))
        self.reports = dict(self.reports_by_path)
        return None
