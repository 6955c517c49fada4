"""The library API: parse or check a report given as a path, bytes or text.

`check_*` never raise for a bad input: an unreadable, empty, binary or non-report file gives a
`CheckResult` with one E finding. `parse_*` raise `InputProblem` instead, since they have no
findings to put it in.
"""

from __future__ import annotations

import datetime
import os
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING

import attrs

from .catalog import Catalog, catalog_with, default_catalog
from .document import Document
from .engine import resolve, run
from .engine.emit import make_finding, with_message
from .engine.kinds.input import InputParams
from .errors import InputProblem
from .ingest import TextLimits, has_text, read_bytes, read_path, read_text
from .model import CheckResult, Location, Report
from .normalize import normalize
from .parse import parse_document, parse_title
from .parse.title import Title

if TYPE_CHECKING:  # the fetching code is imported by check_url (start-up time of a file's check)
    from .ingest.fetch import Fetched

Previous = str | os.PathLike[str] | Report | None
PublishedOn = datetime.date | str | None


def parse_file(path: str | os.PathLike[str], *, catalog: Catalog | None = None) -> Report:
    cat = catalog or default_catalog()
    return _parse(read_path(path, max_bytes=_max_bytes(cat), limits=_limits(cat)), cat)


def parse_file_title(path: str | os.PathLike[str], *, catalog: Catalog | None = None) -> Title:
    """The title of the report at `path` (its body and year) without the rest of the parse: what
    pairing a directory's years needs. Raises `InputProblem` as `parse_file` does."""
    cat = catalog or default_catalog()
    return parse_title(normalize(read_path(path, max_bytes=_max_bytes(cat), limits=_limits(cat))), cat)


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
    rules: Iterable[str | os.PathLike[str]] = (),
    previous: Previous = None,
    published_on: PublishedOn = None,
) -> CheckResult:
    """`previous`: last year's report of the same body (a path, or a parsed `Report`) for the
    cross-year rules (X); `published_on`: the date the report was published (a `date` or
    "YYYY-MM-DD"), for the deadline rule C509, when the text's own date is not the one."""
    cat = _catalog(catalog, rules)
    shown = os.fspath(path)
    extras = _extras(previous, published_on, cat)
    try:
        document = read_path(path, max_bytes=_max_bytes(cat), limits=_limits(cat))
    except InputProblem as problem:
        return _input_result(problem, shown, cat, select, ignore)
    return _check(document, cat, select, ignore, extras)


def check_bytes(
    data: bytes,
    path: str | None = None,
    *,
    select: Iterable[str] | None = None,
    ignore: Iterable[str] | None = None,
    catalog: Catalog | None = None,
    rules: Iterable[str | os.PathLike[str]] = (),
    previous: Previous = None,
    published_on: PublishedOn = None,
) -> CheckResult:
    cat = _catalog(catalog, rules)
    extras = _extras(previous, published_on, cat)
    try:
        document = read_bytes(data, path, max_bytes=_max_bytes(cat), limits=_limits(cat))
    except InputProblem as problem:
        return _input_result(problem, path, cat, select, ignore)
    return _check(document, cat, select, ignore, extras)


def check_text(
    text: str,
    path: str | None = None,
    *,
    select: Iterable[str] | None = None,
    ignore: Iterable[str] | None = None,
    catalog: Catalog | None = None,
    rules: Iterable[str | os.PathLike[str]] = (),
    previous: Previous = None,
    published_on: PublishedOn = None,
) -> CheckResult:
    cat = _catalog(catalog, rules)
    extras = _extras(previous, published_on, cat)
    try:
        document = read_text(text, path, max_bytes=_max_bytes(cat), limits=_limits(cat))
    except InputProblem as problem:
        return _input_result(problem, path, cat, select, ignore)
    return _check(document, cat, select, ignore, extras)


def check_url(
    url: str,
    *,
    select: Iterable[str] | None = None,
    ignore: Iterable[str] | None = None,
    catalog: Catalog | None = None,
    rules: Iterable[str | os.PathLike[str]] = (),
    follow_attachments: bool = False,
    cache: bool | str | os.PathLike[str] = True,
    timeout: float | None = None,
) -> list[CheckResult]:
    """Fetch a report page (or file) by its http(s) URL and check it: the page's result first, then,
    with `follow_attachments`, one per attachment the page links to. `cache`: True for the user cache
    directory, False for none, or a directory. A page that cannot be fetched gives an E010 finding."""
    from .ingest.cache import cache_dir  # noqa: PLC0415 - start-up time: see above
    from .ingest.fetch import TIMEOUT, attachments, fetch  # noqa: PLC0415

    cat = _catalog(catalog, rules)
    directory = (cache_dir() if cache is True else Path(cache)) if cache is not False else None
    results: list[CheckResult] = []
    pending = [url]
    while pending:
        address = pending.pop(0)
        try:
            fetched = fetch(address, max_bytes=_max_bytes(cat), timeout=timeout or TIMEOUT, cache=directory)
        except InputProblem as problem:
            results.append(_input_result(problem, address, cat, select, ignore))
            continue
        results.append(_check_fetched(fetched, cat, select, ignore))
        if follow_attachments and address == url:
            pending.extend(attachments(fetched))
    return results


def _check_fetched(
    fetched: Fetched, catalog: Catalog, select: Iterable[str] | None, ignore: Iterable[str] | None
) -> CheckResult:
    from .ingest.fetch import read_fetched  # noqa: PLC0415 - start-up time: see above

    try:
        document = read_fetched(fetched)
        if not has_text(document):
            raise InputProblem("E003", size=len(fetched.data))
        _limits(catalog).check(document)
    except InputProblem as problem:
        return _input_result(problem, fetched.url, catalog, select, ignore)
    return _check(document, catalog, select, ignore)


def _catalog(catalog: Catalog | None, rules: Iterable[str | os.PathLike[str]]) -> Catalog:
    """The catalog given, or the built-in rules with the rule packs `rules` (directories)."""
    packs = tuple(os.fspath(p) for p in rules)
    if catalog is not None:
        if packs:
            raise ValueError("give either catalog or rules, not both")
        return catalog
    return catalog_with(packs)


def _parse(document: Document, catalog: Catalog) -> Report:
    return parse_document(normalize(document), catalog)


# repr=False: the records here are internal and never shown, and attrs would compile a __repr__
# for each class at every start-up (about 0.9 M instructions a class; issue 14).
@attrs.frozen(repr=False)
class Extras:
    """What a check may get besides the report: last year's report, the publication date."""

    previous: Report | None = None
    published_on: datetime.date | None = None


def _extras(previous: Previous, published_on: PublishedOn, catalog: Catalog) -> Extras:
    """Last year's report parsed (an unreadable one raises `InputProblem`: the caller chose it), and
    the publication date (a malformed string raises ValueError)."""
    if previous is not None and not isinstance(previous, Report):
        previous = _parse(read_path(previous, max_bytes=_max_bytes(catalog)), catalog)
    if isinstance(published_on, str):
        published_on = datetime.date.fromisoformat(published_on)
    return Extras(previous, published_on)


def check_report(
    report: Report,
    *,
    select: Iterable[str] | None = None,
    ignore: Iterable[str] | None = None,
    catalog: Catalog | None = None,
    previous: Report | None = None,
    published_on: datetime.date | None = None,
) -> CheckResult:
    """Check a report already parsed (`parse_file`): how a directory's reports are paired by year."""
    cat = catalog or default_catalog()
    return _checked(report, cat, select, ignore, Extras(previous, published_on))


def _check(
    document: Document,
    catalog: Catalog,
    select: Iterable[str] | None,
    ignore: Iterable[str] | None,
    extras: Extras = Extras(),
) -> CheckResult:
    return _checked(_parse(document, catalog), catalog, select, ignore, extras)


def _checked(
    report: Report,
    catalog: Catalog,
    select: Iterable[str] | None,
    ignore: Iterable[str] | None,
    extras: Extras,
) -> CheckResult:
    selection = resolve(catalog, select, ignore)
    if not report.sections and not report.located:
        return _input_result(InputProblem("E004"), report.path, catalog, select, ignore, report)
    findings = run(report, catalog, selection, previous=extras.previous, published_on=extras.published_on)
    return CheckResult(path=report.path, report=report, findings=tuple(findings))


def _input_result(
    problem: InputProblem,
    path: str | None,
    catalog: Catalog,
    select: Iterable[str] | None,
    ignore: Iterable[str] | None,
    report: Report | None = None,
) -> CheckResult:
    rule = catalog.rule(problem.code)
    details = dict(problem.details)
    variant = details.pop("variant", None)
    if variant is not None and isinstance(rule.params, InputParams):
        rule = with_message(rule, rule.params.variants[str(variant)])
    values: dict[str, object] = {"reason": problem.zh, "reason_en": problem.en, "size": 0}
    values["limit"] = _max_bytes(catalog)
    values.update(details)
    finding = make_finding(rule, path, Location(line=1, column=1), values)
    enabled = resolve(catalog, select, ignore).enabled
    findings = (finding,) if rule.code in enabled else ()
    return CheckResult(path=path, report=report, findings=findings, input_error=True)


def _limits(catalog: Catalog) -> TextLimits:
    params = catalog.rule("E005").p(InputParams)
    return TextLimits(params.max_chars, params.max_lines)


def _max_bytes(catalog: Catalog) -> int:
    return catalog.max_bytes
