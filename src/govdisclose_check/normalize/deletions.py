"""Characters and runs that normalisation removes: DOCX export artefacts, invisible characters
and the pinyin glosses some web sites insert after characters (公開(kāi), 會(huì ), 公(gong)開(kai),
和(he)(he))."""

from __future__ import annotations

import re

import regex

_ARTEFACTS = r"\[bookmark:[^\]\n]{0,80}\]|[\u200b\u200c\u200d\u2060\ufeff\u00ad]|&nbsp;"
# What a match is replaced by, when not by nothing: an HTML non-breaking space left in the text.
_REPLACEMENTS = {"&nbsp;": " "}

# A gloss is one or more "(syllable)" right after a Han character: lower-case Latin letters with
# or without tone marks, containing a vowel, at most six letters, maybe followed by a space.
_VOWELS = "aeiouvüāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜ"
_SYLLABLE = rf"(?=[a-z{_VOWELS}]{{0,5}}[{_VOWELS}])[a-z{_VOWELS}]{{1,6}}"
_GLOSS = rf"(?<=\p{{Han}})(?:\({_SYLLABLE} ?\))+"

ARTEFACTS = re.compile(_ARTEFACTS)  # no \p{…}: the faster stdlib engine
ARTEFACTS_AND_GLOSSES = regex.compile(f"{_ARTEFACTS}|{_GLOSS}")
GLOSS = regex.compile(_GLOSS)
Pattern = re.Pattern[str] | regex.Pattern[str]

# Glosses are removed only from a document that has several: one "(a)" after a character is not
# a pattern, a page full of them is.
MIN_GLOSSES = 3


def pattern_for(text: str) -> Pattern:
    """The deletion pattern for this document."""
    for found, _ in enumerate(GLOSS.finditer(text), 1):
        if found >= MIN_GLOSSES:
            return ARTEFACTS_AND_GLOSSES
    return ARTEFACTS


def delete(text: str, pattern: Pattern) -> tuple[str, tuple[tuple[int, int], ...]]:
    """The text without the matches (or with their shorter replacement), and the cuts:
    (index in the new text, characters removed)."""
    pieces: list[str] = []
    cuts: list[tuple[int, int]] = []
    last = 0
    kept = 0
    for match in pattern.finditer(text):
        start, end = match.span()
        replacement = _REPLACEMENTS.get(match.group(), "")
        pieces.append(text[last:start])
        pieces.append(replacement)
        kept += start - last + len(replacement)
        cuts.append((kept, end - start - len(replacement)))
        last = end
    if not cuts:
        return text, ()
    pieces.append(text[last:])
    return "".join(pieces), tuple(cuts)
