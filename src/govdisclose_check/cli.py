"""The command line: `govdisclose-check check|rules|explain`.

Exit status: 0 when no finding reaches the fail level, 1 when one does, 2 for a usage error or an
input that cannot be read as a report.
"""

from __future__ import annotations

import argparse
import datetime
import gc
import io
import os
import stat
import sys
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from . import __version__, collector, patterns
from .config import FORMATS

if TYPE_CHECKING:  # the rest is imported by the command that needs it (start-up time)
    from .batch import RunOptions
    from .catalog import Catalog, RulesError
    from .config import Settings
    from .model import CheckResult, Severity
    from .render.options import RenderOptions
    from .years import Years

EXIT_OK, EXIT_FINDINGS, EXIT_USAGE = 0, 1, 2
FAIL_LEVELS = ("error", "warning", "info")
SUMMARY_FORMATS = ("text", "csv", "xlsx", "html")


def _fail_level(name: str) -> Severity:
    from .model import Severity

    return Severity(name)


def main(argv: Sequence[str] | None = None) -> int:
    if argv is None:  # the program itself, not a caller's `main(argv)` (collector.py says why)
        collector.for_a_program()
    try:
        status = _main(argv)
    finally:
        patterns.save()  # the compiled patterns kept between runs, when this run made new ones
    if argv is None:
        # The program itself (the console script: `sys.exit(main())`), which ends now. Its objects
        # are freed as it exits; frozen (a public gc API), they are not also walked by the garbage
        # collector's last full pass at exit: about 40 M instructions, 7 ms of a one-file check. A
        # caller that runs `main(argv)` in its own process is left as it was.
        gc.freeze()
    return status


def _main(argv: Sequence[str] | None) -> int:
    _never_fail_to_encode()
    parser = _parser(_command(sys.argv[1:] if argv is None else argv))
    args = parser.parse_args(argv)
    if args.command is None:
        parser.print_help(sys.stderr)
        return EXIT_USAGE
    inputs: argparse.ArgumentParser | None = getattr(args, "inputs_of", None)
    if inputs is not None and not args.paths and args.files_from is None:
        inputs.error("the following arguments are required: PATH (or --files-from LIST)")
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


def _command(argv: Sequence[str]) -> str | None:
    """The subcommand `argv` runs when its first argument names one, else None (an option first,
    such as --help or --version, or no argument, or an unknown word)."""
    return argv[0] if argv and argv[0] in _SUBCOMMANDS else None


def _parser(command: str | None = None) -> argparse.ArgumentParser:
    """The parser of the command line. Given the subcommand being run (`_command`), only that one
    gets its arguments: argparse hands the rest of the line to it alone, and building the other
    subcommands' arguments (an argparse formatter for each) would cost every run about 3 M
    instructions (start-up time, issue 14). Every subcommand is there by its name and
    help either way, for the main --help and for an unknown command's error."""
    parser = argparse.ArgumentParser(
        prog="govdisclose-check",
        description="检查政府信息公开工作年度报告的结构、表格与勾稽关系 (lint annual disclosure reports)",
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    sub = parser.add_subparsers(dest="command")
    for name, (words, arguments) in _SUBCOMMANDS.items():
        subparser = sub.add_parser(name, help=words)
        if command in (None, name):
            arguments(subparser)
    return parser


def _check_arguments(check: argparse.ArgumentParser) -> None:
    _batch_options(check)
    _setting_options(check)
    check.add_argument("--output", "-o", metavar="FILE", help="write the output to FILE (atomically)")
    check.add_argument("--write-baseline", metavar="FILE", help="write the findings' fingerprints to FILE")
    check.add_argument("--quiet", "-q", action="store_true", help="no progress bar or notices")
    check.add_argument(
        "--follow-attachments",
        action="store_true",
        help="for a URL, also check the PDF/DOCX/DOC files its page links to (at most 10)",
    )
    check.add_argument("--no-cache", action="store_true", help="fetch URLs anew, without the disk cache")
    check.add_argument(
        "--previous",
        metavar="FILE",
        help="last year's report of the same body, for the cross-year checks (X); with one report only",
    )
    check.add_argument(
        "--published-on",
        metavar="YYYY-MM-DD",
        type=_date,
        help="the date the report was published, for the deadline check (C509)",
    )
    _rules_option(check)
    check.set_defaults(run=_check, inputs_of=check)


def _summary_arguments(summary: argparse.ArgumentParser) -> None:
    _batch_options(summary)
    summary.add_argument("--format", dest="summary_format", choices=SUMMARY_FORMATS, default="text")
    summary.add_argument("--output", "-o", metavar="FILE", help="write the summary to FILE (atomically)")
    summary.add_argument("--lang", choices=("zh", "en"), help="headers and messages (default: zh)")
    summary.add_argument("--select", type=_codes, help="only these codes or prefixes (A,T201)")
    summary.add_argument("--ignore", type=_codes, help="skip these codes or prefixes")
    summary.add_argument("--config", metavar="FILE", help="use this configuration file, found by default")
    summary.add_argument("--quiet", "-q", action="store_true", help="no progress bar")
    summary.add_argument("--follow-attachments", action="store_true", help="for a URL, also its attachments")
    summary.add_argument("--no-cache", action="store_true", help="fetch URLs anew, without the disk cache")
    _rules_option(summary)
    summary.set_defaults(
        run=_summary,
        inputs_of=summary,
        format=None,
        extend_select=None,
        fail_on=None,
        baseline=None,
        show_fixes=None,
    )


def _config_arguments(config: argparse.ArgumentParser) -> None:
    config.add_argument("paths", nargs="*", metavar="PATH", help="the files to be checked (default: .)")
    _setting_options(config)
    config.set_defaults(run=_config)


def _extract_arguments(extract: argparse.ArgumentParser) -> None:
    extract.add_argument("paths", nargs="+", metavar="PATH", help="report files, directories, or -")
    extract.add_argument("--format", choices=("json", "csv"), default="json")
    extract.set_defaults(run=_extract)


def _rules_arguments(rules: argparse.ArgumentParser) -> None:
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


def _explain_arguments(explain: argparse.ArgumentParser) -> None:
    explain.add_argument("code", metavar="CODE")
    explain.add_argument("--lang", choices=("zh", "en"), default="zh")
    _rules_option(explain)
    explain.set_defaults(run=_explain)


def _batch_options(parser: argparse.ArgumentParser) -> None:
    """The inputs of `check` and `summary`, and how many processes check them."""
    parser.add_argument(
        "paths",
        nargs="*",
        metavar="PATH",
        help="report files, directories to search, http(s) URLs, or - for standard input",
    )
    parser.add_argument(
        "--files-from",
        metavar="LIST",
        help="also check the paths or URLs listed in LIST, one a line (- for standard input)",
    )
    parser.add_argument(
        "--jobs",
        "-j",
        type=_positive,
        metavar="N",
        help="check in N processes (default: one per core; 1: in this process), output in input order",
    )


def _positive(value: str) -> int:
    try:
        number = int(value)
    except ValueError:
        number = 0
    if number < 1:
        raise argparse.ArgumentTypeError(f"not a positive whole number: {value!r}")
    return number


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
    from .catalog import RulesError, catalog_with

    try:
        return catalog_with(tuple(args.rules))
    except RulesError as exc:
        _print_problems(exc)
        return None


def _print_problems(exc: RulesError) -> None:
    for problem in exc.problems:
        print(f"govdisclose-check: {problem}", file=sys.stderr)


def _setting_options(parser: argparse.ArgumentParser) -> None:
    """The flags that override the configuration file (each None when not given)."""
    parser.add_argument(
        "--format",
        action="append",
        metavar="FORMAT[:FILE]",
        help=f"{'|'.join(FORMATS)}; repeat it, with :FILE, for several outputs (default: text)",
    )
    parser.add_argument("--select", type=_codes, help="only these codes or prefixes (A,T201)")
    parser.add_argument("--extend-select", type=_codes, help="codes or prefixes added to the selection")
    parser.add_argument("--ignore", type=_codes, help="skip these codes or prefixes")
    parser.add_argument(
        "--fail-on",
        choices=tuple(FAIL_LEVELS),
        help="lowest severity that makes the exit status 1 (default: error)",
    )
    parser.add_argument("--lang", choices=("zh", "en"))
    parser.add_argument("--config", metavar="FILE", help="use this configuration file, found by default")
    parser.add_argument(
        "--baseline", metavar="FILE", help="accept the findings whose fingerprints FILE holds"
    )
    parser.add_argument("--show-fixes", action="store_const", const=True, help="print suggested values")


def _date(value: str) -> datetime.date:
    try:
        return datetime.date.fromisoformat(value)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(f"expected a date YYYY-MM-DD, not {value!r}") from exc


def _codes(value: str) -> list[str]:
    return [part.strip() for part in value.split(",") if part.strip()]


def _usage_error(message: str) -> int:
    print(f"govdisclose-check: error: {message}", file=sys.stderr)
    return EXIT_USAGE


def _check(args: argparse.Namespace) -> int:
    from .config import ConfigError
    from .gate import setting_output
    from .outputs import OutputError, Sink, targets

    catalog = _catalog(args)
    if catalog is None:
        return EXIT_USAGE
    try:
        listed = _listed(args)
        settings = _settings(args, catalog, listed)
        specs = [setting_output(settings, spec) for spec in settings.format]
        sinks = [Sink(t, _render_options(settings, catalog)) for t in targets(specs, args.output)]
    except (ConfigError, OutputError) as exc:
        return _usage_error(str(exc))
    checked = _checked(args, settings, listed, catalog)
    if checked is None:
        return EXIT_USAGE
    files, years = checked
    from .model import CheckResult
    from .suppress import baseline_text
    from .tally import Tally

    tally, kept = Tally(), list[CheckResult]()

    def done(result: CheckResult) -> None:
        tally.add(result)
        if args.write_baseline:
            kept.append(result)
        for sink in sinks:
            sink.result(result)

    try:
        for sink in sinks:
            sink.open()
        failed = _run(args, settings, catalog, files, done, years)
        for sink in sinks:
            sink.finish()
    except ConfigError as exc:
        for sink in sinks:
            sink.close(keep=False)
        return _usage_error(str(exc))
    except BaseException:
        for sink in sinks:
            sink.close(keep=False)
        raise
    for sink in sinks:
        sink.close(keep=True)
    if args.write_baseline:
        _write_atomically(args.write_baseline, baseline_text(kept))
        if not args.quiet:
            print(f"govdisclose-check: wrote the baseline {args.write_baseline}", file=sys.stderr)
        return EXIT_USAGE if failed else EXIT_OK
    return EXIT_USAGE if failed else tally.status(_fail_level(settings.fail_on))


def _summary(args: argparse.Namespace) -> int:
    """Check like `check`, then write the audit summary instead of the findings."""
    from .config import ConfigError
    from .summary_run import audit_of, write_summary

    catalog = _catalog(args)
    if catalog is None:
        return EXIT_USAGE
    try:
        listed = _listed(args)
        settings = _settings(args, catalog, listed)
    except ConfigError as exc:
        return _usage_error(str(exc))
    if args.summary_format == "xlsx" and args.output is None:
        return _usage_error("--format xlsx needs --output FILE")
    checked = _checked(args, settings, listed, catalog)
    if checked is None:
        return EXIT_USAGE
    files, years = checked
    audit, add = audit_of(catalog, settings.lang)
    try:
        failed = _run(args, settings, catalog, files, add, years)
        write_summary(audit, args.summary_format, args.output)
    except (ConfigError, OSError, RuntimeError) as exc:
        return _usage_error(str(exc))
    return EXIT_USAGE if failed else EXIT_OK


def _checked(
    args: argparse.Namespace, settings: Settings, listed: list[str], catalog: Catalog
) -> tuple[list[str], Years] | None:
    """The files to check and their pairs of years; None after saying why not (exit 2)."""
    files = _inputs(args, settings, listed)
    if files is None:
        return None
    years = _years(args, files, catalog, settings)
    return None if years is None else (files, years)


def _listed(args: argparse.Namespace) -> list[str]:
    """The paths of --files-from LIST (one a line; `-` reads them from standard input)."""
    from .config import ConfigError

    name = args.files_from
    if name is None:
        return []
    if name == "-" and "-" in args.paths:
        raise ConfigError("standard input cannot hold both the file list and a report")
    try:
        if name == "-":
            text = sys.stdin.read()
        else:
            with open(name, encoding="utf-8-sig") as handle:
                text = handle.read()
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(f"cannot read the file list: {exc}", name) from exc
    return [line.strip() for line in text.splitlines() if line.strip()]


def _inputs(args: argparse.Namespace, settings: Settings, listed: Sequence[str]) -> list[str] | None:
    """The files to check (directories searched, `exclude` applied); None after a usage error."""
    from .gate import excluded
    from .ingest import REPORT_SUFFIXES

    collected = list(_collect([*args.paths, *listed]))
    if not collected:
        _usage_error("no report files (" + ", ".join(REPORT_SUFFIXES) + ") under the given paths")
        return None
    return [f for f in collected if not excluded(settings, f)]


def _years(
    args: argparse.Namespace, files: Sequence[str], catalog: Catalog, settings: Settings
) -> Years | None:
    """--previous, --published-on and the pairs of the files' years; None after a usage error. The
    keys are read on the run's worker processes, and files whose reading is most of their check
    are checked on the way (survey.py): the run then takes those outcomes instead of reading again."""
    from .batch import Workers, chunk_size, workers
    from .progress import stderr_console
    from .survey import Survey
    from .years import Years

    jobs = workers(args.jobs, len(files))
    years = Years()
    options, chunk = _run_options(args, settings), chunk_size(len(files), jobs)
    console = stderr_console(len(files), args.quiet)
    # One pool of workers for the keys and then the checks (`_run` closes it): started once.
    pool = Workers(options, jobs) if jobs > 1 else None
    survey = Survey(settings, options, catalog, jobs, chunk, years.inputs, console, pool)
    problem = years.prepare(args, files, catalog, survey.keys)
    if problem is not None:
        if pool is not None:
            pool.close()
        _usage_error(problem)
        return None
    years.survey = survey
    return years


def _run_options(args: argparse.Namespace, settings: Settings) -> RunOptions:
    from .batch import RunOptions

    return RunOptions(tuple(args.rules), settings.severity, args.follow_attachments, not args.no_cache)


def _run(
    args: argparse.Namespace,
    settings: Settings,
    catalog: Catalog,
    files: Sequence[str],
    on_result: Callable[[CheckResult], None],
    years: Years,
) -> bool:
    """Every file through the gate, on `-j` processes, results in input order, a progress bar on
    an interactive terminal; whether an internal error happened."""
    from .batch import chunk_size, run_batch, tasks_of, workers
    from .gate import Gate
    from .progress import file_progress, stderr_console

    gate = Gate(settings, catalog, _no_check)
    options = _run_options(args, settings)
    jobs = workers(args.jobs, len(files))
    tasks = tasks_of(settings, files, lambda: sys.stdin.buffer.read(catalog.max_bytes + 1), years.inputs)
    console = stderr_console(len(files), args.quiet)
    with file_progress(len(files), console is not None, console) as bar:

        def done(result: CheckResult) -> None:
            bar.advance(sum(1 for f in result.findings if f.suppression is None))
            on_result(result)

        pool = years.survey.pool if years.survey is not None else None  # the keys' workers (_years)
        try:
            return run_batch(
                gate, tasks, options, jobs, done, chunk_size(len(files), jobs), years.ready, pool
            )
        finally:
            if pool is not None:
                pool.close()


def _no_check(path: str, select: Sequence[str] | None, ignore: Sequence[str]) -> list[CheckResult]:
    raise AssertionError("the command line checks through batch.run_batch")


def _settings(args: argparse.Namespace, catalog: Catalog, listed: Sequence[str] = ()) -> Settings:
    """The configuration file's settings (found, or --config), with the flags given put over them."""
    from .config import ConfigError, Settings, discover, load, override
    from .engine.select import UnknownSelector, resolve

    found = Path(args.config) if args.config else discover([*args.paths, *listed] or ["."])
    settings = load(found, catalog) if found is not None else Settings()
    for key in ("select", "ignore", "extend_select"):
        codes = getattr(args, key)
        try:
            resolve(catalog, codes or ())
        except UnknownSelector as exc:
            raise ConfigError(
                f"unknown rule code or prefix: {exc.args[0]!r} (see `govdisclose-check rules`)"
            ) from exc
    return override(
        settings,
        select=tuple(args.select) if args.select is not None else None,
        ignore=tuple(args.ignore) if args.ignore is not None else None,
        extend_select=tuple(args.extend_select) if args.extend_select is not None else None,
        fail_on=args.fail_on,
        lang=args.lang,
        format=tuple(args.format) if args.format else None,
        baseline=args.baseline,
        show_fixes=args.show_fixes,
    )


def _render_options(settings: Settings, catalog: Catalog) -> RenderOptions:
    base = settings.docs_url if settings.docs_url.endswith("/") else settings.docs_url + "/"
    from .render.options import RenderOptions

    return RenderOptions(catalog, settings.lang, base, settings.show_fixes, _fail_level(settings.fail_on))


def _write_atomically(path: str, text: str) -> None:
    from .catalog import default_catalog
    from .outputs import Sink, Target
    from .render.options import RenderOptions

    sink = Sink(Target("text", path), RenderOptions(default_catalog()))
    sink.open()
    sink.stream.write(text)
    sink.close(keep=True)


def _config(args: argparse.Namespace) -> int:
    from .catalog import default_catalog
    from .config import ConfigError
    from .config_show import settings_text

    catalog = default_catalog()
    try:
        settings = _settings(args, catalog)
    except ConfigError as exc:
        return _usage_error(str(exc))
    print(settings_text(settings))
    return EXIT_OK


def _collect(paths: Sequence[str]) -> Iterator[str]:
    """Files as given (whatever their suffix), and the report files below each directory, sorted.
    A directory that cannot be listed is given as it is: checking it reports why (E001)."""
    for raw in paths:
        if raw.lower().startswith(("http://", "https://")) or not _is_dir(raw):
            yield raw  # a file, a URL, or a path that cannot be looked at: its check says why
            continue
        yield from _walk(raw)


def _walk(directory: str) -> list[str]:
    from .ingest import REPORT_SUFFIXES

    found: list[str] = []

    def unlisted(error: OSError) -> None:  # a directory that cannot be listed: checked, it says why
        if error.filename is not None:
            found.append(os.fsdecode(error.filename))

    for root, dirs, names in os.walk(directory, onerror=unlisted):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        found.extend(os.path.join(root, n) for n in names if n.lower().endswith(REPORT_SUFFIXES))
    return sorted(found)


def _is_dir(path: str) -> bool:
    try:
        return stat.S_ISDIR(os.stat(path).st_mode)
    except (OSError, ValueError):
        return False


def _extract(args: argparse.Namespace) -> int:
    from .api import parse_bytes, parse_file
    from .catalog import default_catalog
    from .errors import InputProblem
    from .ingest import REPORT_SUFFIXES
    from .model import Report
    from .render.extract import render_extract_csv, render_extract_json
    from .render.safe import for_stream, shown

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
            why = f"{problem.zh or rule.summary_zh} ({problem.en or rule.summary_en})"
            print(f"{shown(path)}: {rule.code} {shown(why)}", file=sys.stderr)
    if args.format == "csv":
        sys.stdout.write(render_extract_csv(reports))
    else:
        sys.stdout.write(for_stream(render_extract_json(reports), sys.stdout))
    return EXIT_USAGE if failed else EXIT_OK


def _rules(args: argparse.Namespace) -> int:
    if args.check:
        return _validate(args.check)
    catalog = _catalog(args)
    if catalog is None:
        return EXIT_USAGE
    en = args.lang == "en"
    if args.format == "json":
        import json

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
    from rich.console import Console
    from rich.table import Table as RichTable

    table = RichTable(box=None, show_edge=False, pad_edge=False)
    for title in ("code", "name", "severity", "summary") if en else ("代码", "名称", "级别", "检查内容"):
        table.add_column(title)
    for r in catalog.rules:
        table.add_row(r.code, r.name, str(r.severity), r.summary_en if en else r.summary_zh)
    Console(highlight=False).print(table)
    return EXIT_OK


def _validate(packs: list[str]) -> int:
    from .catalog import RulesError, load_catalog

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
    from rich.console import Console
    from rich.markdown import Markdown

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


# The subcommands in the order --help lists them: their help and what adds their arguments.
_SUBCOMMANDS: dict[str, tuple[str, Callable[[argparse.ArgumentParser], None]]] = {
    "check": ("check report files and directories", _check_arguments),
    "summary": ("an audit summary of many reports (text, CSV, XLSX, HTML)", _summary_arguments),
    "config": ("print the settings in force and where each came from", _config_arguments),
    "extract": ("print what the parser read: sections and every table cell", _extract_arguments),
    "rules": ("list every rule, or validate a rule pack with --check DIR", _rules_arguments),
    "explain": ("print a rule's documentation", _explain_arguments),
}


if __name__ == "__main__":  # pragma: no cover
    raise SystemExit(main())
