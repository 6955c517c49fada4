"""A strict cattrs converter for `rules/`: TOML tables into typed classes, nothing guessed.

Unlike cattrs' defaults it never turns a number into a string, a string into a list of its
characters, or 1 into True; unknown keys are refused. `problems` turns cattrs' errors into
(key, what was expected) pairs, the key being the dotted path inside the entry.
"""

from __future__ import annotations

import re
import typing
from collections.abc import Iterator
from typing import Any

import cattrs
from cattrs.errors import ClassValidationError, ForbiddenExtraKeysError, IterableValidationError

from .registry import STRUCTURE_HOOKS

converter = cattrs.Converter(forbid_extra_keys=True)


def _exact(kind: type, name: str) -> Any:
    def hook(value: object, _: object) -> object:
        if type(value) is not kind:
            raise TypeError(f"expected {name}, found {type(value).__name__} {value!r}")
        return value

    return hook


converter.register_structure_hook(str, _exact(str, "a string"))
converter.register_structure_hook(bool, _exact(bool, "true or false"))
converter.register_structure_hook(int, _exact(int, "an integer"))


def _is_sequence(cls: Any) -> bool:
    return typing.get_origin(cls) in (tuple, list)


def _sequence_hook(cls: Any, conv: cattrs.Converter) -> Any:
    (item,) = {a for a in typing.get_args(cls) if a is not Ellipsis}
    origin = typing.get_origin(cls)

    def hook(value: object, _: object) -> object:
        if not isinstance(value, list):
            raise TypeError(f"expected a list, found {type(value).__name__} {value!r}")
        return origin(conv.structure(v, item) for v in value)

    return hook


converter.register_structure_hook_factory(_is_sequence, _sequence_hook)
for _cls, _hook in STRUCTURE_HOOKS.items():  # those registered before this module was imported
    converter.register_structure_hook(_cls, _hook)


def _where(exc: BaseException) -> str:
    for note in getattr(exc, "__notes__", []) or []:
        note_text = str(note)
        if "@ attribute " in note_text:
            return note_text.rsplit("@ attribute ", 1)[1]
        if "@ index " in note_text:
            return note_text.rsplit("@ index ", 1)[1]
        if "@ key " in note_text:
            return note_text.rsplit("@ key ", 1)[1].strip("'\"")
    return ""


def _join(prefix: str, where: str) -> str:
    if not where:
        return prefix
    if where.isdigit():
        return f"{prefix}[{where}]"
    return f"{prefix}.{where}" if prefix else where


_LITERAL = re.compile(r"^(?P<value>.*) not in literal typing\.Literal\[(?P<allowed>.*)\]$")


def _message(exc: BaseException) -> str:
    text = str(exc)
    match = _LITERAL.match(text)
    if match:
        return f"expected one of {match['allowed']}, found {match['value']!r}"
    return text


def problems(exc: BaseException, prefix: str = "") -> Iterator[tuple[str, str]]:
    """(dotted key, message) for each error inside a cattrs structuring error."""
    if isinstance(exc, ForbiddenExtraKeysError):
        for key in sorted(exc.extra_fields):
            yield _join(prefix, key), f"unknown key {key!r}"
        return
    if isinstance(exc, ClassValidationError | IterableValidationError):
        for inner in exc.exceptions:
            key = _join(prefix, _where(inner))
            if isinstance(inner, ClassValidationError | IterableValidationError | ForbiddenExtraKeysError):
                yield from problems(inner, key)
            elif isinstance(inner, KeyError):
                yield key, "required key missing"
            else:
                yield key, _message(inner)
        return
    yield prefix, _message(exc)
