"""Characters and runs that normalisation removes: DOCX export artefacts, invisible characters
and the pinyin glosses some web sites insert after characters (公開(kāi), 會(huì ), 公(gong)開(kai),
和(he)(he))."""

from __future__ import annotations

import re

import regex

from ..document import Cuts
from ..patterns import compiled

_ARTEFACTS = r"\[bookmark:[^\]\n]{0,80}\]|[\u200b\u200c\u200d\u2060\ufeff\u00ad]|&nbsp;"
# What a match is replaced by, when not by nothing: an HTML non-breaking space left in the text.
_REPLACEMENTS = {"&nbsp;": " "}

# A gloss is one or more "(syllable)" right after a Han character: lower-case Latin letters with
# or without tone marks, containing a vowel, at most six letters, maybe followed by a space.
_VOWELS = "aeiouvüāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜ"
_SYLLABLE = rf"(?=[a-z{_VOWELS}]{{0,5}}[{_VOWELS}])[a-z{_VOWELS}]{{1,6}}"
_GLOSS = rf"(?<=\p{{Han}})(?:\({_SYLLABLE} ?\))+"

ARTEFACTS = re.compile(_ARTEFACTS)  # no \p{…}: the faster stdlib engine
ARTEFACTS_AND_GLOSSES = compiled(f"{_ARTEFACTS}|{_GLOSS}")
GLOSS = compiled(_GLOSS)
Pattern = re.Pattern[str] | regex.Pattern[str]

# How every match of ARTEFACTS starts (a gloss starts with "("). Most reports hold none of them,
# and a search for each (a memchr or so) costs a twentieth of a scan by the pattern.
_ARTEFACT_STARTS = ("[bookmark:", "&nbsp;", *"\u200b\u200c\u200d\u2060\ufeff\u00ad")
# How every gloss starts: a cheap count of these bounds the count of glosses from above.
_GLOSS_START = re.compile(rf"\([a-z{_VOWELS}]")

# Glosses are removed only from a document that has several: one "(a)" after a character is not
# a pattern, a page full of them is.
MIN_GLOSSES = 3


def pattern_for(text: str) -> Pattern:
    """The deletion pattern for this document."""
    # Fast path: the slower `regex` scan for glosses only where enough could start.
    if len(_GLOSS_START.findall(text)) < MIN_GLOSSES:
        return ARTEFACTS
    for found, _ in enumerate(GLOSS.finditer(text), 1):
        if found >= MIN_GLOSSES:
            return ARTEFACTS_AND_GLOSSES
    return ARTEFACTS


def _scan(text: str) -> tuple[Pattern | None, int]:
    """The pattern `delete_lines` deletes with, and where its first match can start; None when
    nothing can match. Fast path: without glosses, the scan by the pattern (some 100 instructions a
    character) starts where the first artefact can start, and is not made when none can: most
    reports hold none, or only an ASCII "(" or "[" (which start no artefact).
    ARTEFACTS looks behind nothing, so its matches from there are its matches from the start."""
    if "(" in text and pattern_for(text) is ARTEFACTS_AND_GLOSSES:
        return ARTEFACTS_AND_GLOSSES, 0
    starts = [at for at in map(text.find, _ARTEFACT_STARTS) if at >= 0]
    return (ARTEFACTS, min(starts)) if starts else (None, 0)


def delete_lines(joined: str) -> tuple[str, dict[int, Cuts]]:
    """`joined`: a document's lines joined by LF (no line holds one). The same without what
    normalisation deletes (or with its shorter replacement), and the cuts of each line that had
    any, by the line's index: (index in the line's new text, characters removed).

    One pass over the whole text, not one per line: no match holds an LF and none looks behind
    one (a gloss looks back at a Han character), so the matches are those of each line alone."""
    pattern, start = _scan(joined)
    if pattern is None:
        return joined, {}
    pieces: list[str] = []
    cuts: dict[int, list[tuple[int, int]]] = {}
    last = 0  # the end of the last match in `joined`
    line = 0  # the index of the line of the last match
    start_of_line = 0  # where in `joined` that line starts
    removed = 0  # the characters removed from that line so far
    for match in pattern.finditer(joined, start):
        start, end = match.span()
        breaks = joined.count("\n", last, start)
        if breaks:
            line += breaks
            start_of_line = joined.rindex("\n", last, start) + 1
            removed = 0
        replacement = _REPLACEMENTS.get(match.group(), "")
        pieces.append(joined[last:start])
        pieces.append(replacement)
        cut = end - start - len(replacement)
        removed += cut
        cuts.setdefault(line, []).append((end - start_of_line - removed, cut))
        last = end
    if not cuts:
        return joined, {}
    pieces.append(joined[last:])
    return "".join(pieces), {line: Cuts(found) for line, found in cuts.items()}
