"""Positions in an HTML source: lxml tells only the line of an element, so the column of a tag or a
text run is found here by searching the decoded source forward from a cursor that follows the
document order (tags and text appear in the source in the order the tree gives them)."""

from __future__ import annotations

import bisect
import re

_WINDOW = 65_536  # how far ahead a text run is looked for before its element's place is used


class SourceMap:
    def __init__(self, text: str) -> None:
        self.text = text
        self.starts = [0] + [m.end() for m in re.finditer("\n", text)]
        self.cursor = 0
        self._tags: dict[str, re.Pattern[str]] = {}

    def line_col(self, offset: int) -> tuple[int, int]:
        """1-based line and column of the character at `offset`."""
        index = bisect.bisect_right(self.starts, offset) - 1
        return index + 1, offset - self.starts[index] + 1

    def _line_end(self, line: int) -> int:
        return self.starts[line] if line < len(self.starts) else len(self.text)

    def tag(self, name: str, line: int | None) -> int:
        """The offset of the start tag of an element named `name` that lxml put on `line` (the line
        where its start tag ends). An element the parser implied (tbody, html) has no tag: it gets
        the cursor's place, or the start of its line."""
        pattern = self._tags.get(name)
        if pattern is None:
            pattern = self._tags[name] = re.compile(rf"<{re.escape(name)}(?=[\s/>])[^>]*>?", re.IGNORECASE)
        end = self._line_end(line) if line is not None else min(len(self.text), self.cursor + _WINDOW)
        found = pattern.search(self.text, self.cursor, end)
        if found is None:
            if line is not None and line <= len(self.starts):
                return max(self.cursor, self.starts[line - 1])
            return self.cursor
        self.cursor = found.end()
        return found.start()

    def skip_past(self, closing: str) -> None:
        """Move the cursor past the next `closing` (the end of a script, a style or a comment)."""
        found = self.text.find(closing, self.cursor)
        if found >= 0:
            self.cursor = found + len(closing)

    def text_run(self, prefix: str) -> int | None:
        """The offset of a text run that starts with `prefix` (its first characters, as they stand
        literally in the source), or None when it is not found near the cursor (an entity-encoded run)."""
        if not prefix:
            return None
        start, stop = self.cursor, self.cursor + _WINDOW + len(prefix)
        found = self.text.find(prefix, start, stop)
        while found >= 0 and self.text.rfind("<", start, found) > self.text.rfind(">", start, found):
            found = self.text.find(prefix, found + 1, stop)  # inside a tag: an attribute's value
        if found < 0:
            return None
        self.cursor = found + len(prefix)
        return found
