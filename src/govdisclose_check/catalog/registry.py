"""Where the code of each rule is found: check functions registered by kind or by rule code.

A *kind* is generic logic any rule may use with its own parameters (`identity`, `required-phrase`,
`non-negative` …); a rule pack's rules use kinds only. A rule with logic of its own names no kind in
its TOML entry: its check function is registered under its code, in `engine/rules/<family>.py`.
Each registration names the class of the rule's parameters; the catalog structures the TOML entry
through it when the rules load, so a misspelt or missing parameter is refused there.

Registration happens when `govdisclose_check.engine` is imported (the catalog imports it first).
"""

from __future__ import annotations

import importlib
import sys
from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING, Any, Protocol, TypeVar

import attrs

if TYPE_CHECKING:
    from ..engine.context import Context
    from .rules import RuleSpec
    from .templates import SectionSpec, TemplateSpec

P = TypeVar("P")
Run = Callable[["Context", "RuleSpec", Any], None]


# repr=False: the records here are internal and never shown, and attrs would compile a __repr__
# for each class at every start-up (about 0.9 M instructions a class; issue 14).
@attrs.frozen(repr=False)
class Schema:
    """What a rule's parameters may refer to: the formats, the sections, the column kinds, and
    the other rules (for declared dependencies)."""

    templates: dict[str, TemplateSpec]
    sections: tuple[SectionSpec, ...]
    value_kinds: frozenset[str]
    rules: dict[str, RuleSpec]


class Validated(Protocol):
    def problems(self, rule: RuleSpec, schema: Schema) -> Iterator[tuple[str, str]]:
        """(key, what was expected) for each reference the schema does not have."""
        ...


@attrs.frozen(repr=False)
class NoParams:
    """A rule that takes no parameters: any key in its entry is refused."""


@attrs.frozen(repr=False)
class Registered:
    name: str  # the kind, or the rule code
    params: type
    run: Run | None  # None: the findings are made elsewhere (`made_by` says where)
    module: str
    made_by: str = ""

    def __reduce__(self) -> tuple[Any, ...]:
        # Pickled by name (the cached catalog, catalog/cache.py): loading it imports the engine,
        # which registers every check, and finds this same object.
        return _registered, ("kind" if KINDS.get(self.name) is self else "code", self.name)


KINDS: dict[str, Registered] = {}
CODES: dict[str, Registered] = {}

# cattrs hooks for parameter types written differently in TOML (an identity is a string). Kept here
# rather than registered on `strict.converter` at import, so that registering one imports no cattrs:
# a run that loads the cached catalog (catalog/cache.py) needs none. `strict` applies them.
StructureHook = Callable[[object, object], object]
STRUCTURE_HOOKS: dict[type, StructureHook] = {}


def structure_hook(cls: type, hook: StructureHook) -> None:
    """How the rules' converter structures `cls` from TOML (now, or when it is first imported)."""
    STRUCTURE_HOOKS[cls] = hook
    strict = sys.modules.get(f"{__package__}.strict")
    if strict is not None:
        strict.converter.register_structure_hook(cls, hook)


def _registered(table: str, name: str) -> Registered:
    importlib.import_module("govdisclose_check.engine")
    return (KINDS if table == "kind" else CODES)[name]


def _register(table: dict[str, Registered], name: str, params: type, made_by: str) -> Callable[[Any], Any]:
    def decorator(run: Callable[[Context, RuleSpec, P], None]) -> Callable[[Context, RuleSpec, P], None]:
        if name in table:
            raise ValueError(f"{name} is registered twice")
        table[name] = Registered(name, params, run, run.__module__, made_by)
        return run

    return decorator


def kind(name: str, params: type[Any] = NoParams) -> Callable[[Callable[..., None]], Any]:
    """Register a generic check: `@kind("identity", IdentityParams)`."""
    return _register(KINDS, name, params, "")


def check(code: str, params: type[Any] = NoParams) -> Callable[[Callable[..., None]], Any]:
    """Register the check of one rule by its code: `@check("T204", RowValueCountParams)`."""
    return _register(CODES, code, params, "")


def passive_kind(name: str, params: type, module: str, made_by: str) -> None:
    """A kind whose findings another stage makes (`input`: the reader; `not-assessable`: identities)."""
    if name in KINDS:
        raise ValueError(f"{name} is registered twice")
    KINDS[name] = Registered(name, params, None, module, made_by)
