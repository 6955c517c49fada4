"""The checks of a run as a gate: per file, what the configuration adds to the engine's findings.

For each file: the selection (`select`, `extend-select`, `ignore`, and `per-file-ignores` for that
file), the check, suggested values (engine/suggest.py), `severity` overrides, then acceptances
(sidecar, `accept` entries, baseline). After the last file, the acceptances that matched nothing.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Iterable, Mapping, Sequence

import attrs

from .catalog import Catalog
from .config import CLI_ORIGIN, ConfigError, Settings
from .engine import resolve, sort_key
from .engine.suggest import suggest
from .model import CheckResult, Finding, Severity
from .suppress import UNUSED_RULE, Suppressor, load_sidecar, matches_glob, read_baseline

# One path given: a file, or a URL with the attachments it links to (several results).
CheckOne = Callable[[str, Sequence[str] | None, Sequence[str]], Sequence[CheckResult]]
LEVELS = {"error": Severity.ERROR, "warning": Severity.WARNING, "info": Severity.INFO}


def setting_path(settings: Settings, key: str, value: str) -> str:
    """A path from the configuration is relative to its directory; one from the command line to
    the current directory."""
    if settings.origin(key) == CLI_ORIGIN or os.path.isabs(value):
        return value
    return os.path.relpath(os.path.join(settings.root, value))


def setting_output(settings: Settings, spec: str) -> str:
    """`sarif:FILE` of the configuration names FILE from the configuration's directory."""
    name, colon, path = spec.partition(":")
    return f"{name}:{setting_path(settings, 'format', path)}" if colon and path else spec


def selected(settings: Settings) -> list[str] | None:
    if settings.select is None:
        return None
    return [*settings.select, *settings.extend_select]


def ignored(settings: Settings, path: str) -> list[str]:
    extra = [
        c
        for glob, codes in settings.per_file_ignores
        if matches_glob(path, [glob], settings.root)
        for c in codes
    ]
    return [*settings.ignore, *extra]


def excluded(settings: Settings, path: str) -> bool:
    return bool(settings.exclude) and path != "-" and matches_glob(path, settings.exclude, settings.root)


def prepared(result: CheckResult, catalog: Catalog, overrides: Mapping[str, Severity]) -> CheckResult:
    """What needs the parsed report or nothing of the run: suggested values, `severity`
    overrides, the findings in order (a worker process can do this)."""
    findings: Iterable[Finding] = result.findings
    if result.report is not None:
        findings = suggest(result.report, catalog, list(findings))
    findings = [attrs.evolve(f, severity=overrides[f.rule]) if f.rule in overrides else f for f in findings]
    return attrs.evolve(result, findings=tuple(sorted(findings, key=sort_key)))


@attrs.define
class Gate:
    settings: Settings
    catalog: Catalog
    check_one: CheckOne
    suppressor: Suppressor = attrs.field(init=False)

    def __attrs_post_init__(self) -> None:
        baseline: frozenset[str] = frozenset()
        name = ""
        if self.settings.baseline is not None:
            name = setting_path(self.settings, "baseline", self.settings.baseline)
            baseline = read_baseline(name)
        self.suppressor = Suppressor(self.catalog, self.settings, baseline, name)

    def check(self, path: str) -> list[CheckResult]:
        """One path through the gate (raises ConfigError for a bad sidecar file)."""
        found = self.check_one(path, selected(self.settings), ignored(self.settings, path))
        return [
            self.accepted(path, prepared(result, self.catalog, self.settings.severity)) for result in found
        ]

    def accepted(self, path: str, result: CheckResult) -> CheckResult:
        """The acceptances (sidecar beside `path`, config entries, baseline) marked on a prepared
        result. Done in the parent process, file after file, since it remembers what was used."""
        return self.suppressor.apply(result, load_sidecar(path, self.catalog))

    def unused(self) -> list[CheckResult]:
        """C590 for acceptances that matched nothing, unless C590 is not selected."""
        try:
            enabled = resolve(self.catalog, selected(self.settings), self.settings.ignore).enabled
        except ValueError:
            return []
        if UNUSED_RULE not in enabled:
            return []
        results = self.suppressor.unused()
        overrides = self.settings.severity
        if UNUSED_RULE in overrides:
            results = [
                attrs.evolve(
                    r, findings=tuple(attrs.evolve(f, severity=overrides[UNUSED_RULE]) for f in r.findings)
                )
                for r in results
            ]
        return results


def run_gate(
    gate: Gate, files: Sequence[str], on_result: Callable[[CheckResult], None]
) -> tuple[list[CheckResult], bool]:
    """Check every file; (results, whether an internal error happened). A bad sidecar file stops
    the run with ConfigError (exit 2), as a bad configuration does."""
    results: list[CheckResult] = []
    failed = False
    for path in files:
        try:
            checked = gate.check(path)
        except ConfigError:
            raise
        except Exception as exc:  # a bug of ours: say so in one line, check the other files
            failed = True
            print(
                f"govdisclose-check: internal error on {path}: {type(exc).__name__}: {exc} "
                "(please report it)",
                file=sys.stderr,
            )
            continue
        for result in checked:
            results.append(result)
            on_result(result)
    for result in gate.unused():
        results.append(result)
        on_result(result)
    return results, failed
