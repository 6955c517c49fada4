"""Pairing a directory's years without reading a file twice.

Before any check that compares two years can start, every local file's key (its body and year)
must be known (years.py). Reading a key costs a text file a tenth of its check, but an HTML page,
a Word file or a PDF nearly what the whole check costs: their reading is most of it (HTML 4.8 of
6.5 ms, DOCX 4.4 of 4.6 ms, a PDF all but a few ms), so keying them first and checking them after
read each of them twice.

So those files are checked now, while keying, without last year's report, and the key is taken
from the report that check parsed (the same read, the same title rules: parse_title is the title
part of parse_document). When pairing then gives the file no previous report, that outcome is the
outcome its check would give (`ready` hands it out only for a task equal to the one it was made
for), and the file is not read again. A file given last year's report is checked again, with it.
The outcomes wait in an unnamed temporary file, in input order, so memory stays flat however many
files; text files are only keyed, as before.
"""

from __future__ import annotations

import pickle
from collections.abc import Callable, Iterable, Sequence
from typing import IO, TYPE_CHECKING

from .batch import Outcome, RunOptions, Task, Workers, check_task, pooled, task_cost, tasks_of, worker_state
from .catalog import Catalog
from .config import Settings
from .ingest.formats import TEXT, by_suffix
from .pairing import Key, aliases_of, key_of
from .progress import file_progress
from .years import is_local, key_of_file

if TYPE_CHECKING:
    from rich.console import Console

Inputs = tuple[tuple[str, str], ...]


# What keying one file found: its key, and its check without last year's report when it was
# checked (None: only keyed). A plain tuple, as Survey is a plain class: an attrs class costs the
# start-up of every `check` about 0.6 ms to make, and this module is imported by every run.
Probe = tuple[Key | None, Outcome | None]


def checked_when_keyed(path: str) -> bool:
    """Whether keying this file checks it too: any file but text, whose title alone is cheap. (By
    its suffix: a file named wrongly only costs the second read it always cost.)"""
    return by_suffix(path) not in (None, TEXT)


def probe(task: Task, options: RunOptions, catalog: Catalog, aliases: dict[str, str]) -> Probe:
    """A task's key, and its check when `checked_when_keyed`. The check's own report gives the key
    (a file that cannot be read has none, as `key_of_file` says); an internal error, or a check
    that is not of one report, is only keyed, and checked again later as before."""
    if not checked_when_keyed(task.path):
        return key_of_file(task.path, catalog, aliases), None
    outcome = check_task(task, options, catalog)
    if outcome.error is not None or len(outcome.results) != 1:
        return key_of_file(task.path, catalog, aliases), None
    report = outcome.results[0].report
    return (None if report is None else key_of(report.body, report.year, aliases)), outcome


# An outcome as the spill keeps it: pickled once, by the worker that made it, so that the main
# process (the part of a run that does not run in parallel) only copies the bytes to the spill and
# unpickles them once, when it takes them, not also when they arrive and again to spill them.
Pickled = tuple[Key | None, bytes | None]


def _pickled(found: Probe) -> Pickled:
    key, outcome = found
    return key, (None if outcome is None else pickle.dumps(outcome, pickle.HIGHEST_PROTOCOL))


def _probe_chunk(tasks: Sequence[Task]) -> list[Pickled]:
    options, catalog = worker_state()
    aliases = aliases_of(catalog)
    return [_pickled(probe(task, options, catalog, aliases)) for task in tasks]


class Survey:
    """Keys the files of a run (`keys`, for years.Years.prepare) on `jobs` processes, keeping the
    outcomes of the files it checked on the way; `ready` then gives a task its outcome when it was
    made for that very task (batch.run_batch). `inputs`: a file's inputs known before pairing;
    `console`: where to show a progress bar (progress.stderr_console)."""

    def __init__(
        self,
        settings: Settings,
        options: RunOptions,
        catalog: Catalog,
        jobs: int,
        chunk: int = 1,
        inputs: Callable[[str], Inputs] | None = None,
        console: Console | None = None,
        pool: Workers | None = None,
    ) -> None:
        self.settings, self.options, self.catalog = settings, options, catalog
        self.jobs, self.chunk, self.inputs, self.console = jobs, chunk, inputs, console
        self.pool = pool  # the run's workers, left open for its checks (batch.Workers)
        self._spill: IO[bytes] | None = None  # (index among the local files, task, outcome), in order
        self._head: tuple[int, Task, bytes] | None = None  # the next record of the spill
        self._seen = 0  # the local tasks `ready` was asked about

    def keys(self, paths: Sequence[str]) -> list[Key | None]:
        """The key of each path, in order (years.key_of_file's); the outcomes kept."""
        tasks = tasks_of(self.settings, paths, inputs=self.inputs)
        probed: Iterable[tuple[Task, Pickled]]
        if self.jobs <= 1:
            aliases = aliases_of(self.catalog)
            probed = ((task, _pickled(probe(task, self.options, self.catalog, aliases))) for task in tasks)
        else:
            probed = pooled(
                tasks,
                _probe_chunk,
                (None, None),
                self.options,
                self.jobs,
                self.chunk,
                weight=task_cost,
                pool=self.pool,
            )
        import tempfile  # noqa: PLC0415 - only when pairing (start-up time)

        spill = tempfile.TemporaryFile()  # noqa: SIM115 - closed by _next at its end
        found: list[Key | None] = []
        # A bar of its own: here most of an HTML, Word or PDF run's work is done.
        with file_progress(len(paths), self.console is not None, self.console) as bar:
            for index, (task, (key, outcome)) in enumerate(probed):
                if outcome is not None:  # the outcome's bytes as the worker pickled them
                    pickle.dump((index, task, outcome), spill, pickle.HIGHEST_PROTOCOL)
                found.append(key)
                bar.advance(0)
        spill.seek(0)
        self._spill = spill
        self._head = self._next()
        return found

    def ready(self, task: Task) -> Outcome | None:
        """The outcome kept for this task if it is the task that was checked while keying (not for
        a file paired with last year's report: its inputs differ). Tasks come in input order."""
        if task.data is not None or not is_local(task.path):
            return None
        index = self._seen
        self._seen += 1
        while self._head is not None and self._head[0] < index:
            self._head = self._next()
        if self._head is None or self._head[0] != index:
            return None
        _, made_for, outcome = self._head
        self._head = self._next()  # each record is looked at once: after the last, the file is closed
        if made_for != task:
            return None
        taken: Outcome = pickle.loads(outcome)
        return taken

    def _next(self) -> tuple[int, Task, bytes] | None:
        if self._spill is None:
            return None
        try:
            record: tuple[int, Task, bytes] = pickle.load(self._spill)
        except EOFError:
            self._spill.close()
            self._spill = None
            return None
        return record


__all__ = ["Pickled", "Probe", "Survey", "checked_when_keyed", "probe"]
