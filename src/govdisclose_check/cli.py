"""The command line: `govdisclose-check check|rules|explain`.

Exit status: 0 when no finding reaches the fail level, 1 when one does, 2 for a usage error or an
input that cannot be read as a report.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Iterator, Sequence
from pathlib import Path

from rich.console import Console
from rich.markdown import Markdown
from rich.table import Table as RichTable

from . import __version__
from .api import check_bytes, check_file, check_url, parse_bytes, parse_file
from .catalog import Catalog, RulesError, catalog_with, default_catalog, load_catalog
from .engine.select import UnknownSelector, resolve
from .errors import InputProblem
from .ingest import REPORT_SUFFIXES
from .model import CheckResult, Report, Severity
from .render.extract import render_extract_csv, render_extract_json
from .render.json import render_json
from .render.text import render_text

EXIT_OK, EXIT_FINDINGS, EXIT_USAGE = 0, 1, 2
FAIL_LEVELS = {"error": Severity.ERROR, "warning": Severity.WARNING, "info": Severity.INFO}


def main(argv: Sequence[str] | None = None) -> int:
    parser = _parser()
    args = parser.parse_args(argv)
    if args.command is None:
        parser.print_help(sys.stderr)
        return EXIT_USAGE
    try:
        status: int = args.run(args)
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        return EXIT_USAGE
    except BrokenPipeError:
        return EXIT_USAGE
    return status


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="govdisclose-check",
        description="检查政府信息公开工作年度报告的结构、表格与勾稽关系 (lint annual disclosure reports)",
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    sub = parser.add_subparsers(dest="command")

    check = sub.add_parser("check", help="check report files and directories")
    check.add_argument(
        "paths",
        nargs="+",
        metavar="PATH",
        help="report files, directories to search, http(s) URLs, or - for standard input",
    )
    check.add_argument("--format", choices=("text", "json"), default="text")
    check.add_argument("--select", type=_codes, default=None, help="only these codes or prefixes (A,T201)")
    check.add_argument("--ignore", type=_codes, default=None, help="skip these codes or prefixes")
    check.add_argument(
        "--fail-on",
        choices=tuple(FAIL_LEVELS),
        default="error",
        help="lowest severity that makes the exit status 1 (default: error)",
    )
    check.add_argument("--lang", choices=("zh", "en"), default="zh")
    check.add_argument(
        "--follow-attachments",
        action="store_true",
        help="for a URL, also check the PDF/DOCX/DOC files its page links to (at most 10)",
    )
    check.add_argument("--no-cache", action="store_true", help="fetch URLs anew, without the disk cache")
    _rules_option(check)
    check.set_defaults(run=_check)

    extract = sub.add_parser("extract", help="print what the parser read: sections and every table cell")
    extract.add_argument("paths", nargs="+", metavar="PATH", help="report files, directories, or -")
    extract.add_argument("--format", choices=("json", "csv"), default="json")
    extract.set_defaults(run=_extract)

    rules = sub.add_parser("rules", help="list every rule, or validate a rule pack with --check DIR")
    rules.add_argument("--format", choices=("text", "json"), default="text")
    rules.add_argument("--lang", choices=("zh", "en"), default="zh")
    rules.add_argument(
        "--check",
        metavar="DIR",
        action="append",
        default=None,
        help="validate the rule pack in DIR (repeatable) and check no report: exit 0 valid, 2 invalid",
    )
    _rules_option(rules)
    rules.set_defaults(run=_rules)

    explain = sub.add_parser("explain", help="print a rule's documentation")
    explain.add_argument("code", metavar="CODE")
    explain.add_argument("--lang", choices=("zh", "en"), default="zh")
    _rules_option(explain)
    explain.set_defaults(run=_explain)
    return parser


def _rules_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--rules",
        metavar="DIR",
        action="append",
        default=[],
        help="add the rule pack in DIR (pack.toml, checks/, docs/); repeatable",
    )


def _catalog(args: argparse.Namespace) -> Catalog | None:
    """The built-in rules and the packs of --rules; None (after saying why) if they do not load."""
    try:
        return catalog_with(tuple(args.rules))
    except RulesError as exc:
        _print_problems(exc)
        return None


def _print_problems(exc: RulesError) -> None:
    for problem in exc.problems:
        print(f"govdisclose-check: {problem}", file=sys.stderr)


def _codes(value: str) -> list[str]:
    return [part.strip() for part in value.split(",") if part.strip()]


def _usage_error(message: str) -> int:
    print(f"govdisclose-check: error: {message}", file=sys.stderr)
    return EXIT_USAGE


def _check(args: argparse.Namespace) -> int:
    catalog = _catalog(args)
    if catalog is None:
        return EXIT_USAGE
    try:
        resolve(catalog, args.select, args.ignore)
    except UnknownSelector as exc:
        return _usage_error(f"unknown rule code or prefix: {exc.args[0]!r} (see `govdisclose-check rules`)")
    files = list(_collect(args.paths))
    if not files:
        return _usage_error("no report files (" + ", ".join(REPORT_SUFFIXES) + ") under the given paths")
    results: list[CheckResult] = []
    failed = False
    for path in files:
        try:
            results.extend(_check_one(path, args, catalog))
        except Exception as exc:  # a bug of ours: say so in one line, check the other files
            failed = True
            print(
                f"govdisclose-check: internal error on {path}: {type(exc).__name__}: {exc} "
                "(please report it)",
                file=sys.stderr,
            )
    if args.format == "json":
        sys.stdout.write(render_json(results, args.lang))
    else:
        render_text(results, args.lang, Console(highlight=False))
    return EXIT_USAGE if failed else exit_status(results, FAIL_LEVELS[args.fail_on])


def _check_one(path: str, args: argparse.Namespace, catalog: Catalog) -> list[CheckResult]:
    if path == "-":
        limit = catalog.max_bytes
        data = sys.stdin.buffer.read(limit + 1)
        return [check_bytes(data, "<stdin>", select=args.select, ignore=args.ignore, catalog=catalog)]
    if path.lower().startswith(("http://", "https://")):
        return check_url(
            path,
            select=args.select,
            ignore=args.ignore,
            catalog=catalog,
            follow_attachments=args.follow_attachments,
            cache=not args.no_cache,
        )
    return [check_file(path, select=args.select, ignore=args.ignore, catalog=catalog)]


def exit_status(results: Sequence[CheckResult], fail_on: Severity) -> int:
    if any(r.input_error for r in results):
        return EXIT_USAGE
    worst = max((f.severity.rank for r in results for f in r.findings), default=-1)
    return EXIT_FINDINGS if worst >= fail_on.rank else EXIT_OK


def _collect(paths: Sequence[str]) -> Iterator[str]:
    """Files as given (whatever their suffix), and the report files below each directory, sorted."""
    for raw in paths:
        path = Path(raw)
        if raw.lower().startswith(("http://", "https://")) or not path.is_dir():
            yield raw
            continue
        found: list[str] = []
        for root, dirs, names in os.walk(path):
            dirs[:] = sorted(d for d in dirs if not d.startswith("."))
            found.extend(os.path.join(root, n) for n in names if n.lower().endswith(REPORT_SUFFIXES))
        yield from sorted(found)


def _extract(args: argparse.Namespace) -> int:
    catalog = default_catalog()
    files = list(_collect(args.paths))
    if not files:
        return _usage_error("no report files (" + ", ".join(REPORT_SUFFIXES) + ") under the given paths")
    reports: list[Report] = []
    failed = False
    for path in files:
        try:
            if path == "-":
                limit = catalog.max_bytes
                reports.append(parse_bytes(sys.stdin.buffer.read(limit + 1), "<stdin>", catalog=catalog))
            else:
                reports.append(parse_file(path, catalog=catalog))
        except InputProblem as problem:
            failed = True
            rule = catalog.rule(problem.code)
            print(
                f"{path}: {rule.code} {problem.zh or rule.summary_zh} ({problem.en or rule.summary_en})",
                file=sys.stderr,
            )
    if args.format == "csv":
        sys.stdout.write(render_extract_csv(reports))
    else:
        sys.stdout.write(render_extract_json(reports))
    return EXIT_USAGE if failed else EXIT_OK


def _rules(args: argparse.Namespace) -> int:
    if args.check:
        return _validate(args.check)
    catalog = _catalog(args)
    if catalog is None:
        return EXIT_USAGE
    en = args.lang == "en"
    if args.format == "json":
        rows = [
            {
                "code": r.code,
                "name": r.name,
                "severity": str(r.severity),
                "summary": r.summary_en if en else r.summary_zh,
            }
            for r in catalog.rules
        ]
        print(json.dumps(rows, ensure_ascii=False, indent=2))
        return EXIT_OK
    table = RichTable(box=None, show_edge=False, pad_edge=False)
    for title in ("code", "name", "severity", "summary") if en else ("代码", "名称", "级别", "检查内容"):
        table.add_column(title)
    for r in catalog.rules:
        table.add_row(r.code, r.name, str(r.severity), r.summary_en if en else r.summary_zh)
    Console(highlight=False).print(table)
    return EXIT_OK


def _validate(packs: list[str]) -> int:
    try:
        catalog = load_catalog(extra=packs)
    except RulesError as exc:
        _print_problems(exc)
        return EXIT_USAGE
    added = [r.code for r in catalog.rules if r.pack is not None]
    print(f"{', '.join(packs)}: {len(added)} rules, valid ({', '.join(added)})")
    return EXIT_OK


def _explain(args: argparse.Namespace) -> int:
    catalog = _catalog(args)
    if catalog is None:
        return EXIT_USAGE
    code = args.code.strip().upper()
    try:
        rule = catalog.rule(code)
    except KeyError:
        return _usage_error(f"unknown rule {args.code!r} (see `govdisclose-check rules`)")
    Console(highlight=False).print(Markdown(explanation(catalog, rule.code)))
    return EXIT_OK


def explanation(catalog: Catalog, code: str) -> str:
    rule = catalog.rule(code)
    doc = rule.doc
    kind = rule.kind or "—"
    file, _, line = rule.source.rpartition(":")
    defined = f"rules/checks/{Path(file).name}:{line}" if rule.pack is None else rule.source
    where = (
        rule.check.made_by or rule.check.module.removeprefix("govdisclose_check.").replace(".", "/") + ".py"
    )
    header = (
        f"{rule.summary_zh} / {rule.summary_en}\n\n级别 severity: {rule.severity}; 类型 kind: {kind}; "
        f"定义 defined in: `{defined}`; 代码 code: {where}\n"
    )
    if rule.pack is not None:
        header += f"\n规则包 pack: {rule.pack}\n"
    if doc is not None:
        body = doc.read_text(encoding="utf-8")
        first, _, rest = body.partition("\n")
        return f"{first}\n\n{header}{rest}"
    return f"# {rule.code} {rule.name}\n\n{header}"


if __name__ == "__main__":  # pragma: no cover
    raise SystemExit(main())
