"""Rule E005's limits on what one input may cost: its bytes, and the characters and lines of its text."""

from __future__ import annotations

import attrs

from ..errors import InputProblem


@attrs.frozen
class Limits:
    """Rule E005's limits (the API passes the catalog's): the bytes of a file, and the characters
    and lines of the text read from it."""

    max_bytes: int
    max_chars: int | None = None
    max_lines: int | None = None

    def check_text(self, text: str) -> None:
        if self.max_chars is not None and len(text) > self.max_chars:
            raise InputProblem("E005", size=len(text), limit=self.max_chars, variant="chars")
        if self.max_lines is not None:
            lines = text.count("\n") + text.count("\r") - text.count("\r\n") + 1
            if lines > self.max_lines:
                raise InputProblem("E005", size=lines, limit=self.max_lines, variant="lines")


def utf8_length(text: str, stop: int | None = None, chunk: int = 1 << 20) -> int:
    """The length of `text` in UTF-8, a chunk at a time (never the whole encoding at once); with
    `stop`, counting ends as soon as the length is known to exceed it."""
    if len(text) * 4 <= (stop if stop is not None else -1):
        return len(text.encode("utf-8", "surrogatepass"))
    size = 0
    for start in range(0, len(text), chunk):
        size += len(text[start : start + chunk].encode("utf-8", "surrogatepass"))
        if stop is not None and size > stop:
            break
    return size
