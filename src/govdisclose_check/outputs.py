"""Where the output goes: `--format x` to standard output, `--format x:FILE` or `--output FILE` to a
file written atomically (a temporary file beside it, renamed over it at the end, removed if the
run fails), several at once. Text, JSON and JSONL are written as each file is checked (JSON piece by
piece, the same document); SARIF, GitHub, GitLab and JUnit at the end, from the compact results kept
for them (batch.py: findings and the report's head, never the parsed tables). Each renderer is
imported only when its format is asked for."""

from __future__ import annotations

import contextlib
import os
import sys
from collections.abc import Sequence
from typing import IO

import attrs

from .config import FORMATS
from .model import CheckResult
from .render.options import RenderOptions
from .render.safe import for_stream
from .render.textout import TextOut
from .tally import Tally


class OutputError(ValueError):
    pass


# repr=False: the records here are internal and never shown, and attrs would compile a __repr__
# for each class at every start-up (about 0.9 M instructions a class; issue 14).
@attrs.frozen(repr=False)
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


@attrs.define(repr=False)
class Sink:
    target: Target
    options: RenderOptions
    _stream: IO[str] | None = None
    _temp: str | None = None
    _text: TextOut | None = None
    _kept: list[CheckResult] = attrs.Factory(list)  # for the formats written at the end
    _tally: Tally = attrs.Factory(Tally)

    def open(self) -> None:
        if self.target.path is None:
            return
        directory = os.path.dirname(os.path.abspath(self.target.path))
        os.makedirs(directory, exist_ok=True)
        import tempfile  # only when writing to a file (start-up time)

        handle, self._temp = tempfile.mkstemp(
            dir=directory, prefix="." + os.path.basename(self.target.path) + ".", suffix=".tmp"
        )
        os.chmod(self._temp, 0o666 & ~_umask())  # as a plain open() would have made it
        self._stream = open(handle, "w", encoding="utf-8", newline="\n")  # noqa: SIM115 - closed in close()

    @property
    def stream(self) -> IO[str]:
        return self._stream if self._stream is not None else sys.stdout

    def result(self, result: CheckResult) -> None:
        """A file's result, as soon as it is checked (in the order of the inputs)."""
        fmt, lang = self.target.format, self.options.lang
        if fmt == "jsonl":
            from .render.jsonl import jsonl_lines

            self.stream.write(for_stream(jsonl_lines(result, lang), self.stream))
        elif fmt == "text":
            from .render.text import result_lines

            lines = result_lines(result, lang, show_fixes=self.options.show_fixes)
            if lines:
                self._text_out().write(lines)
        elif fmt == "json":
            from .render.json import json_file, json_opening

            if self._tally.files == 0:
                self.stream.write(for_stream(json_opening(), self.stream))
            self.stream.write(for_stream(json_file(result, lang, first=self._tally.files == 0), self.stream))
        else:
            self._kept.append(result)
        self._tally.add(result)
        if fmt != "text":
            self.stream.flush()

    def _text_out(self) -> TextOut:
        if self._text is None:
            self._text = TextOut(self._stream)
        return self._text

    def finish(self) -> None:
        fmt, options, kept = self.target.format, self.options, self._kept
        if fmt == "text":
            from .render.text import summary_text

            summary = summary_text(self._tally.summary(), self._tally.clean, options.lang)
            self._text_out().write([summary])
        elif fmt == "json":
            from .render.json import json_closing, json_opening

            if self._tally.files == 0:
                self.stream.write(for_stream(json_opening(), self.stream))
            self.stream.write(
                for_stream(json_closing(self._tally.summary(), self._tally.files > 0), self.stream)
            )
        elif fmt == "sarif":
            from .render.sarif import render_sarif

            self.stream.write(for_stream(render_sarif(kept, options), self.stream))
        elif fmt == "github":
            from .render.github import render_github

            self.stream.write(render_github(kept, options))
        elif fmt == "gitlab":
            from .render.gitlab import render_gitlab

            self.stream.write(for_stream(render_gitlab(kept, options), self.stream))
        elif fmt == "junit":
            from .render.junit import render_junit

            self.stream.write(for_stream(render_junit(kept, options), self.stream, "xml"))
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
