"""The fast paths of render/safe.py: text with no unsafe character comes back as it is, without the
pattern (start-up time), and exactly as the pattern would give it."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from govdisclose_check.render import safe

EVERY_CHARACTER = "".join(map(chr, range(0x110000)))
texts = st.text(st.one_of(st.characters(), st.sampled_from("\n\x1b\x7f\x85\u2028\u202e\u2066\ud800\udcff")))


def test_every_unsafe_character_is_one_isprintable_refuses() -> None:
    unsafe = set(safe._unsafe().findall(EVERY_CHARACTER))
    assert len(unsafe) == 0x20 + 0x21 + 2 + 5 + 4 + 0x800
    assert not any(c.isprintable() for c in unsafe)
    raw = set(safe._json_raw().findall(EVERY_CHARACTER))
    assert raw <= unsafe
    assert "\n" not in raw  # what json_safe's fast path leaves out before asking


@settings(max_examples=500)
@given(texts)
def test_shown_is_the_pattern_s_escapes(text: str) -> None:
    assert safe.shown(text) == safe._unsafe().sub(safe._escape, text)


@settings(max_examples=500)
@given(texts)
def test_json_safe_is_the_pattern_s_escapes(document: str) -> None:
    expected = safe._json_raw().sub(lambda m: f"\\u{ord(m.group()):04x}", document)
    assert safe.json_safe(document) == expected
