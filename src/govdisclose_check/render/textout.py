"""How the lines of `--format text` are written: through rich, or as their plain characters.

rich styles a line (bold, colours) only where its Console takes the output for a terminal. To a
pipe or a file it writes a line's characters and a newline, nothing else, and then importing rich
and rendering through it only costs time: about a fifth of the start-up of a one-file `check`
(benchmarks/startup.py). So `TextOut` writes a line directly when rich would write exactly its plain
characters, and goes through rich otherwise; when in doubt, through rich. Whether rich would style
is decided as rich's `Console.is_terminal` decides it, from the environment variables it reads
(TTY_COMPATIBLE, FORCE_COLOR) and the file's `isatty()`. The two ways give the same bytes
(tests/test_textout.py compares them on arbitrary lines).
"""

from __future__ import annotations

import builtins
import os
import sys
from collections.abc import Mapping, Sequence
from typing import IO, TYPE_CHECKING

if TYPE_CHECKING:  # rich is imported only when a line goes through it (start-up time)
    from rich.console import Console
    from rich.text import Text

# What rich's Text does to a line's characters besides writing them: it drops these control codes
# (rich.control.STRIP_CONTROL_CODES) and expands tabs by cell width. `shown` (safe.py) escapes all
# of them in what a report or a file name brings; a line that has one anyway goes through rich.
_REWRITTEN = frozenset("\t\a\b\v\f\r")


class Styled:
    """One line: its pieces of text, each with the rich style of its characters (None: the
    line's), and the style of the whole line ("": none). No pieces: an empty line. (A plain class:
    an attrs class would cost every start-up more than the lines of a usual run.)"""

    __slots__ = ("pieces", "style")

    def __init__(self, pieces: Sequence[tuple[str, str | None]], style: str = "") -> None:
        self.pieces = tuple(pieces)
        self.style = style

    @property
    def plain(self) -> str:
        return "".join(text for text, _ in self.pieces)

    def text(self) -> Text:
        """The line as rich's `Text`, as it is printed on a terminal."""
        from rich.text import Text  # noqa: PLC0415 - only for a styled line (start-up time)

        line = Text(style=self.style)
        for text, style in self.pieces:
            line.append(text, style=style)
        return line


def print_lines(console: Console, lines: Sequence[Styled]) -> None:
    """The lines through rich: long lines are not wrapped (`soft_wrap`), a line without pieces is
    an empty line."""
    for line in lines:
        if line.pieces:
            console.print(line.text(), soft_wrap=True)
        else:
            console.print()


def rich_would_style(file: object, environ: Mapping[str, str]) -> bool:
    """Whether rich's Console, writing to `file`, might write more than a line's characters. False
    only where it surely writes them plain: on Windows rich may write through the console's own
    API, and in IPython or Jupyter it may show the output in the notebook; elsewhere it styles
    what it takes for a terminal (`Console.is_terminal`: TTY_COMPATIBLE, then FORCE_COLOR, then the
    file's `isatty()`). A stream a rich progress bar stands in for (`rich_proxied_file`) is left to
    rich, which writes to the stream behind it."""
    if sys.platform == "win32" or "IPython" in sys.modules or hasattr(builtins, "get_ipython"):
        return True
    if file is None:  # rich writes nowhere (its null file)
        return True
    if hasattr(file, "rich_proxied_file"):
        return True
    compatible = environ.get("TTY_COMPATIBLE", "")
    if compatible in ("0", "1"):
        return compatible == "1"
    force = environ.get("FORCE_COLOR")
    if force is not None:
        return force != ""
    isatty = getattr(file, "isatty", None)
    try:
        return isatty is not None and bool(isatty())
    except ValueError:  # a closed file: rich takes it for no terminal
        return False


class TextOut:
    """Writes lines to `stream` (None: standard output, looked up at each write as rich does)."""

    def __init__(self, stream: IO[str] | None) -> None:
        self._stream = stream
        self._console: Console | None = None

    def write(self, lines: Sequence[Styled]) -> None:
        file = sys.stdout if self._stream is None else self._stream
        if rich_would_style(file, os.environ) or any(not _REWRITTEN.isdisjoint(x.plain) for x in lines):
            print_lines(self.console(), lines)
            return
        try:
            file.write("".join(line.plain + "\n" for line in lines))
            file.flush()  # rich flushes after each print: output still interleaves with stderr's
        except BrokenPipeError:
            _broken_pipe()

    def console(self) -> Console:
        if self._console is None:
            from rich.console import Console  # noqa: PLC0415 - only when rich is needed (start-up time)

            if self._stream is None:
                self._console = Console(highlight=False)
            else:
                self._console = Console(file=self._stream, highlight=False, no_color=True, width=10_000)
        return self._console


def _broken_pipe() -> None:
    """What rich's Console does when the reader of the output goes away (`Console.on_broken_pipe`,
    documented): standard output to the null device, so that nothing more fails to be written, and
    exit status 1."""
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, sys.stdout.fileno())
    raise SystemExit(1)
