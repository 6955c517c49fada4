"""A progress bar for long runs on an interactive terminal: files done, findings so far, the file
being read. Nothing when stderr is not a terminal (piped, redirected), in CI (`CI` set), with
`--quiet`, or for a few files."""

from __future__ import annotations

import contextlib
import os
from collections.abc import Iterator, Mapping

from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TaskID, TextColumn, TimeElapsedColumn

FEW = 3  # up to this many files, no bar


def wanted(files: int, quiet: bool, console: Console, environ: Mapping[str, str] | None = None) -> bool:
    env = os.environ if environ is None else environ
    return files > FEW and not quiet and console.is_terminal and not env.get("CI")


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
def file_progress(files: int, show: bool, console: Console) -> Iterator[FileProgress]:
    if not show:
        yield FileProgress(None, None)
        return
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
