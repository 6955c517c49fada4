"""Accepted deviations: sidecar files, `accept` entries of the configuration, and baselines.

A report cannot hold `# noqa` comments, so an acceptance lives beside it (`report.docx` →
`report.docx.gdc.toml`, a list of `[[accept]]`) or in the configuration (`[[tool.govdisclose-check.
accept]]`, with `files` globs). Each names a rule, optionally the logical place (section, table,
row, col), and a mandatory reason. A baseline (`--write-baseline FILE`, then `--baseline FILE`) is
the fingerprints of the findings a team adopts the tool with.

A suppressed finding stays in the output (JSON, JSONL, SARIF) with its reason, and leaves the exit
status alone. An acceptance that matched nothing is itself reported (C590, a warning), like ruff's
unused `noqa`: a config entry only when its globs matched a file that was checked.
"""

from __future__ import annotations

import fnmatch
import os
import posixpath
from collections.abc import Iterable, Sequence
from pathlib import Path

import attrs

from .catalog import Catalog
from .config import Acceptance, ConfigError, Settings, read_acceptance, sidecar_source
from .engine.emit import make_finding
from .model import CheckResult, Finding, Location, Related, Suppression

SIDECAR_SUFFIX = ".gdc.toml"
UNUSED_RULE = "C590"
BASELINE_TOOL = "govdisclose-check"
BASELINE_VERSION = 1


# ------------------------------------------------------------------ which entries apply


def matches_glob(path: str, globs: Iterable[str], root: str) -> bool:
    """Whether a checked path matches a glob of a configuration file in `root`: the path relative
    to `root` (or any directory above the file, for `drafts` or `drafts/*`), or its base name when
    the glob has no `/`. `*` also crosses `/` (fnmatch)."""
    absolute = os.path.abspath(path)
    try:
        rel = Path(os.path.relpath(absolute, os.path.abspath(root))).as_posix()
    except ValueError:  # another drive
        rel = Path(absolute).as_posix()
    candidates = [rel]
    parent = posixpath.dirname(rel)
    while parent and parent not in (".", ".."):
        candidates.append(parent)
        parent = posixpath.dirname(parent)
    for glob in globs:
        pattern = glob.replace("\\", "/").removeprefix("./").rstrip("/")
        if any(fnmatch.fnmatchcase(c, pattern) for c in candidates):
            return True
        if "/" not in pattern and fnmatch.fnmatchcase(posixpath.basename(rel), pattern):
            return True
    return False


def sidecar_path(report: str) -> Path:
    return Path(report + SIDECAR_SUFFIX)


def load_sidecar(report: str, catalog: Catalog) -> tuple[Acceptance, ...]:
    """The `[[accept]]` entries beside a report, if it has a sidecar file."""
    path = sidecar_path(report)
    if report in ("-", "<stdin>") or "://" in report:
        return ()
    try:
        if not path.is_file():
            return ()
    except OSError:  # below a directory that cannot be entered: the report's own check says so
        return ()
    data, src = sidecar_source(path)
    for key in data:
        if key != "accept":
            raise src.error(f"unknown key {key!r} in a suppression file (only [[accept]] entries)", key)
    entries = data.get("accept", [])
    if not isinstance(entries, list) or not all(isinstance(e, dict) for e in entries):
        raise src.error("`accept` must be an array of tables ([[accept]])", "accept")
    root = str(path.parent)
    return tuple(
        read_acceptance(e, src, catalog, ("accept", i), root, "sidecar") for i, e in enumerate(entries)
    )


# ------------------------------------------------------------------ matching


def _same_place(entry: Acceptance, item: Finding | Related) -> bool:
    if item.rule != entry.rule:
        return False
    return all(
        wanted is None or wanted == got
        for wanted, got in (
            (entry.section, item.section),
            (entry.table, item.table),
            (entry.row, item.row),
            (entry.col, item.col),
        )
    )


def accepts(entry: Acceptance, finding: Finding) -> bool:
    """An entry accepts a finding when it names the finding, or one folded into it."""
    return _same_place(entry, finding) or any(_same_place(entry, r) for r in finding.related)


# repr=False: the records here are internal and never shown, and attrs would compile a __repr__
# for each class at every start-up (about 0.9 M instructions a class; issue 14).
@attrs.define(repr=False)
class Suppressor:
    """Marks the findings of each file; remembers which entries were used and which applied."""

    catalog: Catalog
    settings: Settings
    baseline: frozenset[str] = frozenset()
    baseline_name: str = ""
    used: set[int] = attrs.Factory(set)
    considered: dict[int, Acceptance] = attrs.Factory(dict)

    def apply(self, result: CheckResult, sidecar: Sequence[Acceptance]) -> CheckResult:
        path = result.path or ""
        entries = [*sidecar]
        if path and path != "<stdin>":
            entries += [a for a in self.settings.accept if matches_glob(path, a.files, a.root)]
        for entry in entries:
            self.considered.setdefault(id(entry), entry)
        findings = [self._mark(f, entries) for f in result.findings]
        return attrs.evolve(result, findings=tuple(findings))

    def _mark(self, finding: Finding, entries: Sequence[Acceptance]) -> Finding:
        if finding.suppression is not None:
            return finding
        matched = [e for e in entries if accepts(e, finding)]
        for entry in matched:
            self.used.add(id(entry))
        if matched:
            first = matched[0]
            return attrs.evolve(finding, suppression=Suppression(first.kind, first.reason, first.source))
        if finding.fingerprint in self.baseline:
            reason = f"in the baseline {self.baseline_name}"
            return attrs.evolve(finding, suppression=Suppression("baseline", reason, self.baseline_name))
        return finding

    def unused(self) -> list[CheckResult]:
        """A C590 finding for each entry that applied to a checked file and matched nothing,
        grouped by the file the entry stands in."""
        rule = self.catalog.rule(UNUSED_RULE)
        by_file: dict[str, list[Finding]] = {}
        for key, entry in self.considered.items():
            if key in self.used:
                continue
            file, _, line = entry.source.rpartition(":")
            if not line.isdigit():
                file, line = entry.source, "1"
            place = "/".join(p for p in (entry.section, entry.table, entry.row, entry.col) if p) or "*"
            values = {"code": entry.rule, "place": place, "reason": entry.reason}
            finding = make_finding(
                rule, file, Location(line=int(line), column=1), values, detail=entry.source
            )
            by_file.setdefault(file, []).append(finding)
        return [
            CheckResult(
                path=file, report=None, findings=tuple(sorted(found, key=lambda f: f.location.line or 0))
            )
            for file, found in sorted(by_file.items())
        ]


# ------------------------------------------------------------------ baselines


def read_baseline(path: str) -> frozenset[str]:
    import json  # noqa: PLC0415 - only with a baseline (start-up time of a text output)

    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
    except FileNotFoundError as exc:
        raise ConfigError("the baseline file does not exist (write one with --write-baseline)", path) from exc
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise ConfigError(f"cannot read the baseline: {exc}", path) from exc
    entries = data.get("findings") if isinstance(data, dict) else None
    if not isinstance(data, dict) or data.get("tool") != BASELINE_TOOL or not isinstance(entries, list):
        raise ConfigError("not a govdisclose-check baseline (written by --write-baseline)", path)
    fingerprints = [e.get("fingerprint") if isinstance(e, dict) else None for e in entries]
    if not all(isinstance(f, str) for f in fingerprints):
        raise ConfigError("every baseline entry needs a fingerprint", path)
    return frozenset(str(f) for f in fingerprints)


def baseline_text(results: Sequence[CheckResult]) -> str:
    """The baseline of these results: every finding not accepted otherwise (and those folded into
    it), keyed by fingerprint; path, rule and message are there for the reader."""
    import json  # noqa: PLC0415 - see read_baseline

    entries: list[dict[str, str | None]] = []
    for result in results:
        for finding in result.findings:
            if finding.suppression is not None and finding.suppression.kind != "baseline":
                continue
            items: list[Finding | Related] = [finding, *finding.related]
            for item in items:
                entries.append(
                    {
                        "fingerprint": item.fingerprint,
                        "path": result.path,
                        "rule": item.rule,
                        "message": item.message,
                    }
                )
    entries.sort(key=lambda e: (str(e["path"]), str(e["rule"]), str(e["fingerprint"])))
    document = {"tool": BASELINE_TOOL, "version": BASELINE_VERSION, "findings": entries}
    return json.dumps(document, ensure_ascii=False, indent=2) + "\n"
