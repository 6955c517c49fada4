"""Text of HTML runs as a reader sees it: white space that only lays out the source is dropped
between Chinese characters and kept as one space elsewhere."""

from __future__ import annotations

import re

_SPACE_RUN = re.compile(r"[ \t\r\n\f\xa0]+")
_CELL_SPACE_RUN = re.compile(r"[ \t\r\n\f\xa0\u3000]+")
_LITERAL_STOP = frozenset(" \t\r\n\f\xa0\u3000&<>\"'")
PREFIX = 6  # how many literal characters locate a text run in the source


def is_wide(ch: str) -> bool:
    """A Han character or CJK / full-width punctuation: no space belongs between two of them."""
    return "\u2e80" <= ch <= "\u9fff" or "\uf900" <= ch <= "\ufaff" or "\uff00" <= ch <= "\uffef"


def _collapse(pattern: re.Pattern[str], text: str) -> str:
    def join(match: re.Match[str]) -> str:
        start, end = match.start(), match.end()
        if start > 0 and end < len(text) and is_wide(text[start - 1]) and is_wide(text[end]):
            return ""
        return " "

    return pattern.sub(join, text).strip()


def line_text(text: str) -> str:
    """A line's text: runs of spaces, tabs, newlines and no-break spaces collapsed (a tab never stays,
    since the parser would read it as a cell border); full-width spaces kept."""
    return _collapse(_SPACE_RUN, text).strip("\u3000 ")


def cell_text(text: str) -> str:
    """A cell's text: its runs joined (`<span>2</span><span>0</span>` is 20), a label spread over
    several `<p>`/`<br>` one label (结/果 → 结果), padding `&nbsp;` and full-width spaces dropped."""
    return _collapse(_CELL_SPACE_RUN, text)


def literal_prefix(text: str) -> tuple[int, str]:
    """Where the visible text of a run starts (after leading white space), and its first characters
    up to one that an HTML source may write as an entity, to look the run up in the source."""
    start = len(text) - len(text.lstrip(" \t\r\n\f\xa0\u3000"))
    end = start
    while end < len(text) and end - start < PREFIX and text[end] not in _LITERAL_STOP:
        end += 1
    return start, text[start:end]
