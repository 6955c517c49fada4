"""A progress bar for long runs on an interactive terminal: files done, findings so far, the file
being read. Nothing when stderr is not a terminal (piped, redirected), in CI (`CI` set), with
`--quiet`, or for a few files."""

from __future__ import annotations

import contextlib
import os
import sys
from collections.abc import Iterator, Mapping
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # rich is imported only when a bar is shown
    from rich.console import Console
    from rich.progress import Progress, TaskID

FEW = 3  # up to this many files, no bar


def wanted(files: int, quiet: bool, console: Console, environ: Mapping[str, str] | None = None) -> bool:
    env = os.environ if environ is None else environ
    return files > FEW and not quiet and console.is_terminal and not env.get("CI")


def stderr_console(files: int, quiet: bool, environ: Mapping[str, str] | None = None) -> Console | None:
    """The console for a bar on standard error when one may be wanted (checked cheaply first)."""
    env = os.environ if environ is None else environ
    if files <= FEW or quiet or env.get("CI") or not sys.stderr.isatty():
        return None
    from rich.console import Console

    console = Console(stderr=True)
    return console if wanted(files, quiet, console, env) else None


class FileProgress:
    """`advance(path, findings)` after each file; a no-op when not shown."""

    def __init__(self, progress: Progress | None, task: TaskID | None) -> None:
        self._progress, self._task, self._findings = progress, task, 0

    def reading(self, path: str) -> None:
        if self._progress is not None and self._task is not None:
            self._progress.update(self._task, file=path)

    def advance(self, findings: int) -> None:
        self._findings += findings
        if self._progress is not None and self._task is not None:
            self._progress.update(self._task, advance=1, findings=self._findings)


@contextlib.contextmanager
def file_progress(files: int, show: bool, console: Console | None) -> Iterator[FileProgress]:
    if not show or console is None:
        yield FileProgress(None, None)
        return
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    progress = Progress(
        BarColumn(),
        MofNCompleteColumn(),
        TextColumn("{task.fields[findings]} findings"),
        TimeElapsedColumn(),
        TextColumn("{task.fields[file]}"),
        console=console,
        transient=True,
    )
    with progress:
        task = progress.add_task("check", total=files, findings=0, file="")
        yield FileProgress(progress, task)
