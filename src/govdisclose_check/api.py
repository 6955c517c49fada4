"""The library API: parse or check a report given as a path, bytes or text.

`check_*` never raise for a bad input: an unreadable, empty, binary or non-report file gives a
`CheckResult` with one E finding. `parse_*` raise `InputProblem` instead, since they have no
findings to put it in.
"""

from __future__ import annotations

import os
from collections.abc import Iterable

from .catalog import Catalog, default_catalog
from .document import Document
from .engine import resolve, run
from .engine.emit import make_finding, variant
from .errors import InputProblem
from .ingest import Limits, read_bytes, read_path, read_text
from .model import CheckResult, Location, Report
from .normalize import normalize
from .parse import parse_document


def parse_file(path: str | os.PathLike[str], *, catalog: Catalog | None = None) -> Report:
    cat = catalog or default_catalog()
    return _parse(read_path(path, max_bytes=_max_bytes(cat), limits=_limits(cat)), cat)


def parse_bytes(data: bytes, path: str | None = None, *, catalog: Catalog | None = None) -> Report:
    cat = catalog or default_catalog()
    return _parse(read_bytes(data, path, max_bytes=_max_bytes(cat), limits=_limits(cat)), cat)


def parse_text(text: str, path: str | None = None, *, catalog: Catalog | None = None) -> Report:
    cat = catalog or default_catalog()
    return _parse(read_text(text, path, max_bytes=_max_bytes(cat), limits=_limits(cat)), cat)


def check_file(
    path: str | os.PathLike[str],
    *,
    select: Iterable[str] | None = None,
    ignore: Iterable[str] | None = None,
    catalog: Catalog | None = None,
) -> CheckResult:
    cat = catalog or default_catalog()
    shown = os.fspath(path)
    try:
        document = read_path(path, max_bytes=_max_bytes(cat), limits=_limits(cat))
    except InputProblem as problem:
        return _input_result(problem, shown, cat, select, ignore)
    return _check(document, cat, select, ignore)


def check_bytes(
    data: bytes,
    path: str | None = None,
    *,
    select: Iterable[str] | None = None,
    ignore: Iterable[str] | None = None,
    catalog: Catalog | None = None,
) -> CheckResult:
    cat = catalog or default_catalog()
    try:
        document = read_bytes(data, path, max_bytes=_max_bytes(cat), limits=_limits(cat))
    except InputProblem as problem:
        return _input_result(problem, path, cat, select, ignore)
    return _check(document, cat, select, ignore)


def check_text(
    text: str,
    path: str | None = None,
    *,
    select: Iterable[str] | None = None,
    ignore: Iterable[str] | None = None,
    catalog: Catalog | None = None,
) -> CheckResult:
    cat = catalog or default_catalog()
    try:
        document = read_text(text, path, max_bytes=_max_bytes(cat), limits=_limits(cat))
    except InputProblem as problem:
        return _input_result(problem, path, cat, select, ignore)
    return _check(document, cat, select, ignore)


def _parse(document: Document, catalog: Catalog) -> Report:
    return parse_document(normalize(document), catalog)


def _check(
    document: Document, catalog: Catalog, select: Iterable[str] | None, ignore: Iterable[str] | None
) -> CheckResult:
    selection = resolve(catalog, select, ignore)
    report = _parse(document, catalog)
    if not report.sections and not report.located:
        return _input_result(InputProblem("E004"), document.path, catalog, select, ignore, report)
    return CheckResult(path=document.path, report=report, findings=tuple(run(report, catalog, selection)))


def _input_result(
    problem: InputProblem,
    path: str | None,
    catalog: Catalog,
    select: Iterable[str] | None,
    ignore: Iterable[str] | None,
    report: Report | None = None,
) -> CheckResult:
    rule = catalog.rule(problem.code)
    if "variant" in problem.details:
        rule = variant(rule, str(problem.details["variant"]))
    values: dict[str, object] = {"reason": problem.zh, "reason_en": problem.en, "size": 0}
    values["limit"] = _max_bytes(catalog)
    values.update(problem.details)
    finding = make_finding(rule, path, Location(line=1, column=1), values)
    enabled = resolve(catalog, select, ignore).enabled
    return CheckResult(path=path, report=report, findings=(finding,) if rule.code in enabled else ())


def _limits(catalog: Catalog) -> Limits:
    rule = catalog.rule("E005")
    return Limits(_max_bytes(catalog), rule.param("max_chars"), rule.param("max_lines"))


def _max_bytes(catalog: Catalog) -> int:
    return int(catalog.rule("E005").param("max_bytes"))
