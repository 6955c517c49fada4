"""Many files: each checked in a worker process (`-j N`) or in this one (`-j 1`), the results
handed on in the order of the inputs, one at a time, so that output streams and memory stays flat.

A worker loads the catalog once (the built-in rules and the run's rule packs), checks a chunk of
`Task`s and returns compact results: the findings, with suggestions and severity overrides already
applied, and only the head of the parsed report (path, encoding, title, body, year, template), never
its sections and tables. The acceptances (sidecar files, config entries, the baseline and the
unused-acceptance finding C590) are applied here, in the parent, in input order, so a run with
`-j 2` gives exactly what `-j 1` gives.
"""

from __future__ import annotations

import os
import sys
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from typing import TYPE_CHECKING, TypeVar

import attrs

from . import collector
from .catalog import Catalog, catalog_with
from .config import ConfigError, Settings
from .gate import Gate, ignored, prepared, selected
from .ingest.formats import by_suffix
from .model import CheckResult, Report, Severity

if TYPE_CHECKING:  # imported when a pool is started (not for a run in this process)
    from concurrent.futures import Future, ProcessPoolExecutor
    from multiprocessing.context import BaseContext

    from .pairing import Key

T = TypeVar("T")
R = TypeVar("R")

AUTO_MIN_FILES = 8  # with the default -j, fewer files than this are checked in-process
WINDOW = 4  # chunks in flight per worker: results come back in order without waiting long


@attrs.frozen
class RunOptions:
    """What every file of a run shares (picklable: sent once to each worker)."""

    packs: tuple[str, ...] = ()
    severity: Mapping[str, Severity] = attrs.Factory(dict)
    follow_attachments: bool = False
    cache: bool = True


@attrs.frozen
class Task:
    """One input: a path or URL, its selection, and what else its check needs. `data` holds
    standard input (read by the parent); `inputs` named extra inputs of this file (a previous
    year's report, say), for checks that compare files."""

    path: str
    select: tuple[str, ...] | None = None
    ignore: tuple[str, ...] = ()
    data: bytes | None = None
    inputs: tuple[tuple[str, str], ...] = ()  # ("previous", path), ("published_on", "YYYY-MM-DD")


@attrs.frozen
class Outcome:
    """What a worker sends back for a task: compact results, or the internal error it met."""

    results: tuple[CheckResult, ...] = ()
    error: str | None = None


Inputs = tuple[tuple[str, str], ...]


def tasks_of(
    settings: Settings,
    paths: Iterable[str],
    stdin: Callable[[], bytes] | None = None,
    inputs: Callable[[str], Inputs] | None = None,
) -> Iterator[Task]:
    """The tasks of these paths with the settings' selection (`per-file-ignores` per path) and
    each path's extra inputs (years.Years.inputs: last year's report, the publication date)."""
    chosen = selected(settings)
    for path in paths:
        data = stdin() if path == "-" and stdin is not None else None
        extra = inputs(path) if inputs is not None else ()
        select = None if chosen is None else tuple(chosen)
        yield Task(path, select, tuple(ignored(settings, path)), data, extra)


def head(report: Report) -> Report:
    """The report without its sections and tables: what renderers and summaries read of it."""
    return Report(
        path=report.path,
        encoding=report.encoding,
        title=report.title,
        body=report.body,
        year=report.year,
        template=report.template,
        sections=(),
        tables={},
        located=report.located,
        title_location=report.title_location,
    )


def compact(result: CheckResult) -> CheckResult:
    return result if result.report is None else attrs.evolve(result, report=head(result.report))


def check_task(task: Task, options: RunOptions, catalog: Catalog) -> Outcome:
    """One task through the checks that need the parsed report; never raises."""
    from .api import check_bytes, check_file, check_url

    extra = dict(task.inputs)
    previous, published_on = extra.get("previous"), extra.get("published_on")
    try:
        if task.data is not None:
            found = [
                check_bytes(
                    task.data,
                    "<stdin>",
                    select=task.select,
                    ignore=task.ignore,
                    catalog=catalog,
                    previous=previous,
                    published_on=published_on,
                )
            ]
        elif task.path.lower().startswith(("http://", "https://")):
            found = check_url(
                task.path,
                select=task.select,
                ignore=task.ignore,
                catalog=catalog,
                follow_attachments=options.follow_attachments,
                cache=options.cache,
            )
        else:
            found = [
                check_file(
                    task.path,
                    select=task.select,
                    ignore=task.ignore,
                    catalog=catalog,
                    previous=previous,
                    published_on=published_on,
                )
            ]
        return Outcome(tuple(compact(prepared(r, catalog, options.severity)) for r in found))
    except Exception as exc:  # a bug of ours: reported in one line, the other files go on
        return Outcome(error=f"{type(exc).__name__}: {exc}")


# ------------------------------------------------------------------ worker processes

_worker: tuple[RunOptions, Catalog] | None = None


def _start_worker(options: RunOptions) -> None:
    global _worker  # noqa: PLW0603 - one catalog per worker process, loaded once
    collector.for_a_program()  # a process of ours (collector.py)
    _worker = (options, catalog_with(options.packs))


def worker_state() -> tuple[RunOptions, Catalog]:
    """The run's options and catalog, in a worker process of `pooled`."""
    assert _worker is not None, "the worker was not started"
    return _worker


def _check_chunk(tasks: Sequence[Task]) -> list[Outcome]:
    options, catalog = worker_state()
    return [check_task(t, options, catalog) for t in tasks]


def _key_chunk(paths: Sequence[str]) -> list[Key | None]:
    from .pairing import aliases_of
    from .years import key_of_file

    catalog = worker_state()[1]
    aliases = aliases_of(catalog)
    return [key_of_file(path, catalog, aliases) for path in paths]


def _context() -> BaseContext:
    """forkserver where there is one (a clean process, safe beside the progress bar's thread,
    with this module imported once before the workers fork from it), spawn elsewhere."""
    import multiprocessing

    if "forkserver" in multiprocessing.get_all_start_methods():
        context = multiprocessing.get_context("forkserver")
        context.set_forkserver_preload([__name__])
        return context
    return multiprocessing.get_context("spawn")


def workers(jobs: int | None, files: int) -> int:
    """The processes to use: `jobs` as given (None: one per core, but none for a few files), never
    more than the files; 1 means in this process."""
    if jobs is None:
        jobs = os.cpu_count() or 1
        if files < AUTO_MIN_FILES:
            return 1
    return max(1, min(jobs, files))


# What checking a file costs, relative to a text report (about 2.5 ms of CPU; an HTML page or a
# Word file about 7 ms, a PDF about 180, a legacy file converted by soffice seconds), guessed from
# its suffix: a chunk holds about `chunk` text reports' worth of work, so that at the end of a run
# no worker waits long for the other's last chunk of PDFs (a chunk of eight took 1.4 s).
_COST = {"text": 1, "html": 3, "docx": 3, "pdf": 8, "legacy": 8}


def task_cost(task: Task) -> int:
    named = by_suffix(task.path)
    return 1 if named is None else _COST[named.key]


def outcomes(
    tasks: Iterable[Task],
    options: RunOptions,
    catalog: Catalog,
    jobs: int,
    chunk: int = 1,
    ready: Callable[[Task], Outcome | None] | None = None,
    pool: Workers | None = None,
) -> Iterator[tuple[Task, Outcome]]:
    """Each task with its outcome, in the order of `tasks`; `jobs` processes (1: this one).
    `ready` gives the outcome of a task already checked (survey.Survey.ready), or None; `pool`:
    as in `pooled`."""
    if jobs <= 1:
        for task in tasks:
            known = ready(task) if ready is not None else None
            yield task, known if known is not None else check_task(task, options, catalog)
        return
    lost = Outcome(error="the worker process checking it died")
    yield from pooled(tasks, _check_chunk, lost, options, jobs, chunk, ready, task_cost, pool)


def keys(paths: Sequence[str], options: RunOptions, jobs: int, chunk: int = 1) -> Iterator[Key | None]:
    """The pairing key of each path (years.key_of_file), in order, read on `jobs` worker processes:
    pairing a directory's years then costs a `jobs`-th of reading every title in this process."""
    for _, key in pooled(paths, _key_chunk, None, options, jobs, chunk):
        yield key


class Workers:
    """A pool of `jobs` worker processes, started when the first chunk is sent and shared by the
    runs given it: pairing's keys, then the checks, so that a command starts its workers (each
    importing the package and loading the catalog) once, not once for each. A worker that dies is
    replaced by a new pool (the chunks it held say so: `_ready`). `close` waits for the workers."""

    def __init__(self, options: RunOptions, jobs: int) -> None:
        self.options, self.jobs = options, jobs
        self._pool: ProcessPoolExecutor | None = None

    def submit(self, work: Callable[[Sequence[T]], list[R]], part: list[T]) -> Future[list[R]]:
        from concurrent.futures.process import BrokenProcessPool  # start-up time

        if self._pool is None:
            self._pool = self._start()
        try:
            return self._pool.submit(work, part)
        except BrokenProcessPool:  # a worker died: its chunk says so (_ready), the rest go on
            self._pool.shutdown(wait=False, cancel_futures=True)
            self._pool = self._start()
            return self._pool.submit(work, part)

    def close(self) -> None:
        if self._pool is not None:
            self._pool.shutdown(wait=True, cancel_futures=True)
            self._pool = None

    def _start(self) -> ProcessPoolExecutor:
        from concurrent.futures import ProcessPoolExecutor  # start-up time

        return ProcessPoolExecutor(
            self.jobs, mp_context=_context(), initializer=_start_worker, initargs=(self.options,)
        )


def pooled(
    items: Iterable[T],
    work: Callable[[Sequence[T]], list[R]],
    lost: R,
    options: RunOptions,
    jobs: int,
    chunk: int,
    ready: Callable[[T], R | None] | None = None,
    weight: Callable[[T], int] | None = None,
    pool: Workers | None = None,
) -> Iterator[tuple[T, R]]:
    """`work` over chunks of `items` on a pool of `jobs` worker processes, each item with its
    result in the order of `items`; `lost` for the items of a worker that died, and what `ready`
    gives for an item, when not None, without sending it to the pool. A chunk is `chunk` items,
    or items whose `weight`s add up to `chunk`. At most `jobs * WINDOW` chunks are in flight, so
    finished results wait in memory only briefly. `pool`: workers to use and leave open (their
    owner closes them), else a pool of this call's own."""
    own = pool is None
    workers = Workers(options, jobs) if pool is None else pool
    pending: deque[tuple[list[T], Future[list[R]] | list[R]]] = deque()
    try:
        for part, known in parts(items, chunk, ready, weight):
            pending.append((part, workers.submit(work, part) if known is None else known))
            while len(pending) >= jobs * WINDOW:
                yield from _ready(pending.popleft(), lost)
        while pending:
            yield from _ready(pending.popleft(), lost)
    finally:
        if own:
            workers.close()


def parts(
    items: Iterable[T],
    chunk: int,
    ready: Callable[[T], R | None] | None = None,
    weight: Callable[[T], int] | None = None,
) -> Iterator[tuple[list[T], list[R] | None]]:
    """`items` cut in order into chunks to send to the pool (with None) and single items whose
    result `ready` knows (with it). A chunk ends when its items' weights (1 each by default) reach
    `chunk`, or before a known item."""
    part: list[T] = []
    load = 0
    for item in items:
        known = ready(item) if ready is not None else None
        if known is None:
            part.append(item)
            load += 1 if weight is None else weight(item)
            if load < chunk:
                continue
        if part:
            yield part, None
            part, load = [], 0
        if known is not None:
            yield [item], [known]
    if part:
        yield part, None


def _ready(item: tuple[list[T], Future[list[R]] | list[R]], lost: R) -> Iterator[tuple[T, R]]:
    """A chunk's results; a worker that died (killed, out of memory) gives `lost` for its items."""
    from concurrent.futures.process import BrokenProcessPool

    part, future = item
    if isinstance(future, list):  # known already
        yield from zip(part, future, strict=True)
        return
    try:
        done = future.result()
    except BrokenProcessPool:
        done = [lost for _ in part]
    yield from zip(part, done, strict=True)


def chunk_size(files: int, jobs: int) -> int:
    """Enough files per chunk to make the messages cheap, few enough to keep the workers even."""
    return max(1, min(8, files // (jobs * 8)))


def run_batch(
    gate: Gate,
    tasks: Iterable[Task],
    options: RunOptions,
    jobs: int,
    on_result: Callable[[CheckResult], None],
    chunk: int = 1,
    ready: Callable[[Task], Outcome | None] | None = None,
    pool: Workers | None = None,
) -> bool:
    """Check every task (through the gate's acceptances, in order), then report the acceptances
    that matched nothing; `on_result` gets each result as it is ready. Returns whether an internal
    error happened. A bad sidecar file stops the run with ConfigError, as in `run_gate`. `ready`:
    and `pool`: as in `outcomes`."""
    failed = False
    for task, outcome in outcomes(tasks, options, gate.catalog, jobs, chunk, ready, pool):
        if outcome.error is not None:
            failed = True
            _internal_error(task.path, outcome.error)
            continue
        for result in outcome.results:
            try:
                accepted = gate.accepted(task.path, result)
            except ConfigError:
                raise
            except Exception as exc:  # a bug of ours, as in check_task
                failed = True
                _internal_error(task.path, f"{type(exc).__name__}: {exc}")
                continue
            on_result(accepted)
    for result in gate.unused():
        on_result(result)
    return failed


def _internal_error(path: str, error: str) -> None:
    print(f"govdisclose-check: internal error on {path}: {error} (please report it)", file=sys.stderr)
