"""The command line: `govdisclose-check check|rules|explain`.

Exit status: 0 when no finding reaches the fail level, 1 when one does, 2 for a usage error or an
input that cannot be read as a report.
"""

from __future__ import annotations

import argparse
import codecs
import io
import json
import os
import stat
import sys
from collections.abc import Iterator, Sequence

from rich.console import Console
from rich.markdown import Markdown
from rich.table import Table as RichTable

from . import __version__
from .api import check_bytes, check_file
from .catalog import Catalog, default_catalog
from .engine.select import UnknownSelector, resolve
from .ingest import TEXT_SUFFIXES
from .model import CheckResult, Severity
from .render.json import render_json
from .render.safe import shown
from .render.text import render_text

EXIT_OK, EXIT_FINDINGS, EXIT_USAGE = 0, 1, 2
FAIL_LEVELS = {"error": Severity.ERROR, "warning": Severity.WARNING, "info": Severity.INFO}


def main(argv: Sequence[str] | None = None) -> int:
    _never_fail_to_encode()
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


def _never_fail_to_encode() -> None:
    """A console that cannot encode a character (GBK on Windows, ASCII) shows "?" for it."""
    for stream in (sys.stdout, sys.stderr):
        if isinstance(stream, io.TextIOWrapper):
            stream.reconfigure(errors="replace")


def _utf_stream(stream: object) -> bool:
    encoding = getattr(stream, "encoding", None) or "utf-8"
    try:
        return codecs.lookup(encoding).name.startswith("utf")
    except LookupError:
        return False


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
        help="report files, directories to search, or - for standard input",
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
    check.set_defaults(run=_check)

    rules = sub.add_parser("rules", help="list every rule")
    rules.add_argument("--format", choices=("text", "json"), default="text")
    rules.add_argument("--lang", choices=("zh", "en"), default="zh")
    rules.set_defaults(run=_rules)

    explain = sub.add_parser("explain", help="print a rule's documentation")
    explain.add_argument("code", metavar="CODE")
    explain.add_argument("--lang", choices=("zh", "en"), default="zh")
    explain.set_defaults(run=_explain)
    return parser


def _codes(value: str) -> list[str]:
    return [part.strip() for part in value.split(",") if part.strip()]


def _usage_error(message: str) -> int:
    print(f"govdisclose-check: error: {message}", file=sys.stderr)
    return EXIT_USAGE


def _check(args: argparse.Namespace) -> int:
    catalog = default_catalog()
    try:
        resolve(catalog, args.select, args.ignore)
    except UnknownSelector as exc:
        return _usage_error(f"unknown rule code or prefix: {exc.args[0]!r} (see `govdisclose-check rules`)")
    files = list(_collect(args.paths))
    if not files:
        return _usage_error("no report files (" + ", ".join(TEXT_SUFFIXES) + ") under the given paths")
    results: list[CheckResult] = []
    failed = False
    for path in files:
        try:
            results.append(_check_one(path, args, catalog))
        except Exception as exc:  # a bug of ours: say so in one line, check the other files
            failed = True
            print(
                f"govdisclose-check: internal error on {shown(path)}: {type(exc).__name__}: {exc} "
                "(please report it)",
                file=sys.stderr,
            )
    if args.format == "json":
        # JSON to a stream that is not UTF-8: every other character escaped, so nothing is lost.
        sys.stdout.write(render_json(results, args.lang, ascii_only=not _utf_stream(sys.stdout)))
    else:
        render_text(results, args.lang, Console(highlight=False))
    return EXIT_USAGE if failed else exit_status(results, FAIL_LEVELS[args.fail_on])


def _check_one(path: str, args: argparse.Namespace, catalog: Catalog) -> CheckResult:
    if path == "-":
        limit = int(catalog.rule("E005").param("max_bytes"))
        data = sys.stdin.buffer.read(limit + 1)
        return check_bytes(data, "<stdin>", select=args.select, ignore=args.ignore, catalog=catalog)
    return check_file(path, select=args.select, ignore=args.ignore, catalog=catalog)


def exit_status(results: Sequence[CheckResult], fail_on: Severity) -> int:
    if any(r.input_error for r in results):
        return EXIT_USAGE
    worst = max((f.severity.rank for r in results for f in r.findings), default=-1)
    return EXIT_FINDINGS if worst >= fail_on.rank else EXIT_OK


def _collect(paths: Sequence[str]) -> Iterator[str]:
    """Files as given (whatever their suffix), and the report files below each directory, sorted.
    A directory that cannot be listed is given as it is: checking it reports why (E001)."""
    for raw in paths:
        if not _is_dir(raw):
            yield raw  # a file, or a path that cannot be looked at: its check says why
            continue
        yield from _walk(raw)


def _walk(directory: str) -> list[str]:
    found: list[str] = []

    def unlisted(error: OSError) -> None:  # a directory that cannot be listed: checked, it says why
        found.append(error.filename)

    for root, dirs, names in os.walk(directory, onerror=unlisted):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        found.extend(os.path.join(root, n) for n in names if n.lower().endswith(TEXT_SUFFIXES))
    return sorted(found)


def _is_dir(path: str) -> bool:
    try:
        return stat.S_ISDIR(os.stat(path).st_mode)
    except (OSError, ValueError):
        return False


def _rules(args: argparse.Namespace) -> int:
    catalog = default_catalog()
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


def _explain(args: argparse.Namespace) -> int:
    catalog = default_catalog()
    code = args.code.strip().upper()
    try:
        rule = catalog.rule(code)
    except KeyError:
        return _usage_error(f"unknown rule {args.code!r} (see `govdisclose-check rules`)")
    Console(highlight=False).print(Markdown(explanation(catalog, rule.code)))
    return EXIT_OK


def explanation(catalog: Catalog, code: str) -> str:
    rule = catalog.rule(code)
    doc = catalog.docs / f"{code}.md"
    header = (
        f"{rule.summary_zh} / {rule.summary_en}\n\n级别 severity: {rule.severity}; 类型 kind: {rule.kind}\n"
    )
    if doc.is_file():
        body = doc.read_text(encoding="utf-8")
        first, _, rest = body.partition("\n")
        return f"{first}\n\n{header}{rest}"
    return f"# {rule.code} {rule.name}\n\n{header}"


if __name__ == "__main__":  # pragma: no cover
    raise SystemExit(main())
