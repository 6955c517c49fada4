"""Counts of a run kept as its results pass by, so that no result has to be kept to the end: the
summary line and object, and the exit status."""

from __future__ import annotations

from collections.abc import Iterable

import attrs

from .model import CheckResult, Severity, Summary


# repr=False: the records here are internal and never shown, and attrs would compile a __repr__
# for each class at every start-up (about 0.9 M instructions a class; issue 14).
@attrs.define(repr=False)
class Tally:
    files: int = 0
    errors: int = 0
    warnings: int = 0
    infos: int = 0
    suppressed: int = 0
    clean: int = 0  # files without a finding shown
    input_problem: bool = False  # an unsuppressed E finding: the input could not be read
    worst: int = -1  # the rank of the worst unsuppressed severity

    def add(self, result: CheckResult) -> None:
        self.files += 1
        shown = 0
        for finding in result.findings:
            if finding.suppression is not None:
                self.suppressed += 1
                continue
            shown += 1
            if finding.severity is Severity.ERROR:
                self.errors += 1
            elif finding.severity is Severity.WARNING:
                self.warnings += 1
            else:
                self.infos += 1
            self.worst = max(self.worst, finding.severity.rank)
        # An input that could not be read is exit status 2, whatever selection or acceptance says.
        self.input_problem = self.input_problem or result.input_error
        self.clean += shown == 0

    def summary(self) -> Summary:
        return Summary(self.files, self.errors, self.warnings, self.infos, self.suppressed)

    def status(self, fail_on: Severity) -> int:
        """2 for unreadable input, 1 when an unsuppressed finding reaches `fail_on`, else 0."""
        if self.input_problem:
            return 2
        return 1 if self.worst >= fail_on.rank else 0


def summarize(results: Iterable[CheckResult]) -> Summary:
    tally = Tally()
    for result in results:
        tally.add(result)
    return tally.summary()
