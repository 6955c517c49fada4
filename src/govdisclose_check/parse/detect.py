"""Which format the tables follow: count each template's marker words in the table text."""

from __future__ import annotations

from ..catalog import TemplateSpec
from .stream import Row


def template_votes(
    rows: list[Row], templates: dict[str, TemplateSpec], compacts: list[str] | None = None
) -> dict[str, int]:
    """`compacts`: each row's text without white space, or "" where it is not made (as
    `regions.compact_rows` gives them, for the rows in the same order), if made already."""
    # The rows' text without white space (str.split cuts at what regex's \s matches) nor quotes:
    # a join and three replaces cost a fraction of a regex substitution at every tab. White space
    # taken out of each row, or out of them all joined, leaves the same text: so a row's compact
    # (without white space) or its text is joined, and the white space taken out of them all at
    # once, not out of each row whose compact is not made (a sentence: a region may hold 100,000).
    texts = [row.text for row in rows]
    if compacts is not None:
        texts = [c or t for t, c in zip(texts, compacts, strict=True)]
    text = "".join("".join(texts).split())
    text = text.replace('"', "").replace("“", "").replace("”", "")
    return {version: sum(1 for m in t.markers if m in text) for version, t in templates.items()}


def choose(votes: dict[str, int]) -> str | None:
    """The template with the most markers; None when none has any, or two tie."""
    ranked = sorted(votes.items(), key=lambda kv: kv[1], reverse=True)
    if not ranked or ranked[0][1] == 0:
        return None
    if len(ranked) > 1 and ranked[1][1] == ranked[0][1]:
        return None
    return ranked[0][0]
