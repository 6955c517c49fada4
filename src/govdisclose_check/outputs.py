"""Where the output goes: `--format x` to standard output, `--format x:FILE` or `--output FILE` to a
file written atomically (a temporary file beside it, renamed over it at the end, removed if the
run fails), several at once. JSONL is written as each file is checked; the others at the end."""

from __future__ import annotations

import contextlib
import os
import sys
import tempfile
from collections.abc import Sequence
from typing import IO

import attrs
from rich.console import Console

from .config import FORMATS
from .model import CheckResult
from .render.github import render_github
from .render.gitlab import render_gitlab
from .render.json import render_json
from .render.jsonl import jsonl_lines
from .render.junit import render_junit
from .render.options import RenderOptions
from .render.safe import for_stream
from .render.sarif import render_sarif
from .render.text import render_text


class OutputError(ValueError):
    pass


@attrs.frozen
class Target:
    format: str
    path: str | None = None  # None: standard output


def targets(specs: Sequence[str], output: str | None) -> list[Target]:
    """`text`, `sarif:out.sarif` …; a format without a file goes to `output`, else to stdout."""
    out: list[Target] = []
    for spec in specs:
        name, colon, path = spec.partition(":")
        if name not in FORMATS:
            raise OutputError(f"unknown format {name!r} (known: {', '.join(FORMATS)})")
        if colon and not path:
            raise OutputError(f"no file after {name}: (write {name}:FILE)")
        out.append(Target(name, path or output))
    if output is not None and all(":" in s for s in specs):
        raise OutputError("--output FILE needs a --format without its own file")
    if sum(1 for t in out if t.path is None) > 1:
        raise OutputError("only one format can go to standard output; give the others a file (sarif:FILE)")
    return out


def _umask() -> int:
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


@attrs.define
class Sink:
    target: Target
    options: RenderOptions
    _stream: IO[str] | None = None
    _temp: str | None = None

    def open(self) -> None:
        if self.target.path is None:
            return
        directory = os.path.dirname(os.path.abspath(self.target.path))
        os.makedirs(directory, exist_ok=True)
        handle, self._temp = tempfile.mkstemp(
            dir=directory, prefix="." + os.path.basename(self.target.path) + ".", suffix=".tmp"
        )
        os.chmod(self._temp, 0o666 & ~_umask())  # as a plain open() would have made it
        self._stream = open(handle, "w", encoding="utf-8", newline="\n")  # noqa: SIM115 - closed in close()

    @property
    def stream(self) -> IO[str]:
        return self._stream if self._stream is not None else sys.stdout

    def result(self, result: CheckResult) -> None:
        if self.target.format == "jsonl":
            self.stream.write(for_stream(jsonl_lines(result, self.options.lang), self.stream))
            self.stream.flush()

    def finish(self, results: Sequence[CheckResult]) -> None:
        fmt, options = self.target.format, self.options
        if fmt == "text":
            if self._stream is None:
                console = Console(highlight=False)
            else:
                console = Console(file=self._stream, highlight=False, no_color=True, width=10_000)
            render_text(results, options.lang, console, show_fixes=options.show_fixes)
        elif fmt == "json":
            self.stream.write(for_stream(render_json(results, options.lang), self.stream))
        elif fmt == "sarif":
            self.stream.write(for_stream(render_sarif(results, options), self.stream))
        elif fmt == "github":
            self.stream.write(render_github(results, options))
        elif fmt == "gitlab":
            self.stream.write(for_stream(render_gitlab(results, options), self.stream))
        elif fmt == "junit":
            self.stream.write(for_stream(render_junit(results, options), self.stream, "xml"))
        self.stream.flush()

    def close(self, keep: bool) -> None:
        """Rename the temporary file over the target (keep) or remove it."""
        if self._stream is None or self._temp is None:
            return
        self._stream.close()
        assert self.target.path is not None
        if keep:
            os.replace(self._temp, self.target.path)
        else:
            with contextlib.suppress(OSError):
                os.unlink(self._temp)
        self._stream = None
