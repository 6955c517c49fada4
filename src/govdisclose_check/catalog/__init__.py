"""The catalog: formats, sections and rules from `rules/` (and from rule packs), validated at load.

`load_catalog()` reads `rules/catalog.toml` and what it lists; `load_catalog(extra=[DIR, …])` adds
rule packs (see docs/rules-authoring.md). Any problem, in any file, raises `RulesError` listing them
all, each with its file and line.
"""

from __future__ import annotations

import functools
import importlib
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Any

import attrs

from .limits import Limits, load_limits
from .problems import Problem, RulesError, entry_line, key_line
from .registry import Schema
from .resources import rules_dir
from .rules import RuleSpec, Source, load_rules, pack_code, read_toml
from .templates import (
    CellSyntax,
    ColumnSpec,
    RowSpec,
    SectionSpec,
    TableSpec,
    TemplateSpec,
    load_sections,
    load_template,
    load_values,
)

if TYPE_CHECKING:  # the TOML's shapes, imported when the rules are read (not from the cache)
    from .shapes import _Manifest


# repr=False: the records here are internal and never shown, and attrs would compile a __repr__
# for each class at every start-up (about 0.9 M instructions a class; issue 14).
@attrs.frozen(repr=False)
class Family:
    """A rule family: the letters of its codes and how reports name it."""

    code: str
    zh: str
    en: str


@attrs.frozen
class Catalog:
    templates: dict[str, TemplateSpec]
    sections: tuple[SectionSpec, ...]
    rules: tuple[RuleSpec, ...]
    docs: Path
    units: dict[str, frozenset[str]]  # column kind -> units and words allowed with its numbers
    cells: CellSyntax
    table_order: tuple[str, ...]  # the tables looked for, in this order (rules/catalog.toml)
    markers_in: tuple[str, ...]  # the tables whose words tell the formats apart
    limits: Limits  # rules/limits.toml: bounds on one file's cost
    fixtures: Path | None = None
    families: tuple[Family, ...] = ()  # in the order reports list them (rules/catalog.toml)
    _by_code: dict[str, RuleSpec] = attrs.field(init=False, eq=False, repr=False)

    def __attrs_post_init__(self) -> None:
        object.__setattr__(self, "_by_code", {r.code: r for r in self.rules})

    def rule(self, code: str) -> RuleSpec:
        return self._by_code[code]

    def family_order(self) -> tuple[str, ...]:
        """The families of the rules: the catalog's in its order, then a rule pack's, by name."""
        known = [f.code for f in self.families]
        found = {r.family for r in self.rules}
        return tuple(sorted(found, key=lambda f: (known.index(f) if f in known else len(known), f)))

    def family_name(self, code: str, lang: str) -> str:
        for family in self.families:
            if family.code == code:
                return family.en if lang == "en" else family.zh
        return code

    def template_for_year(self, year: int) -> TemplateSpec | None:
        for template in self.templates.values():
            if template.valid_for(year):
                return template
        return None

    @property
    def max_bytes(self) -> int:
        """The size limit of rule E005."""
        limit: int = self.rule("E005").params.max_bytes
        return limit

    def with_params(self, code: str, **changes: Any) -> Catalog:
        """This catalog with some parameters of one rule changed (for tests and experiments)."""
        rules = tuple(
            attrs.evolve(r, params=attrs.evolve(r.params, **changes)) if r.code == code else r
            for r in self.rules
        )
        return attrs.evolve(self, rules=rules)


def load_catalog(directory: Path | None = None, extra: Iterable[str | Path] = ()) -> Catalog:
    """The rules of `directory` (the built-in `rules/` by default) and of the rule packs `extra`."""
    importlib.import_module("govdisclose_check.engine")  # registers the checks of every kind and code
    root = directory or rules_dir()
    found: list[Problem] = []
    manifest = _manifest(root, found)
    if manifest is None:
        raise RulesError(found)
    sections = load_sections(root / manifest.sections, found)
    units, cells = load_values(root / manifest.values, found)
    templates: dict[str, TemplateSpec] = {}
    for name in manifest.formats:
        template = load_template(root / name, sections, frozenset(units), found)
        if template is not None:
            templates[template.version] = template
    rules = load_rules(Source(root / manifest.checks, root / manifest.docs), found)
    builtin = {r.code for r in rules}
    for pack_dir in extra:
        rules += _pack_rules(Path(pack_dir), builtin, found)
    _check_rules(rules, Schema(templates, sections, frozenset(units), {}), found)
    limits = load_limits(root / manifest.limits, found)
    if found or cells is None or limits is None:
        raise RulesError(found)
    return Catalog(
        templates=templates,
        sections=sections,
        rules=tuple(sorted(rules, key=lambda r: (r.pack is not None, r.code))),
        docs=root / manifest.docs,
        units=units,
        cells=cells,
        table_order=manifest.tables.order,
        markers_in=manifest.tables.markers_in,
        limits=limits,
        fixtures=root / manifest.fixtures,
        families=manifest.families,
    )


def _manifest(root: Path, found: list[Problem]) -> _Manifest | None:
    import cattrs  # only when the rules are read from TOML (start-up time, see catalog/cache.py)

    from .shapes import _Manifest
    from .strict import converter, problems

    path = root / "catalog.toml"
    read = read_toml(path, str(path), found)
    if read is None:
        return None
    text, data = read
    try:
        return converter.structure(data, _Manifest)
    except (cattrs.BaseValidationError, TypeError, ValueError) as exc:
        for key, message in problems(exc):
            found.append(Problem(str(path), key_line(text, key), f"{key}: {message}"))
    return None


def _pack_rules(directory: Path, builtin: set[str], found: list[Problem]) -> list[RuleSpec]:
    """A rule pack: `pack.toml` (name, prefix), `checks/*.toml` and `docs/CODE.md`."""
    import cattrs

    from .shapes import _Pack
    from .strict import converter, problems

    path = directory / "pack.toml"
    if not directory.is_dir():
        found.append(Problem(str(directory), 1, "not a directory"))
        return []
    read = read_toml(path, str(path), found)
    if read is None:
        return []
    text, data = read
    try:
        pack = converter.structure(data, _Pack)
    except (cattrs.BaseValidationError, TypeError, ValueError) as exc:
        for key, message in problems(exc):
            found.append(Problem(str(path), key_line(text, key), f"{key}: {message}"))
        return []
    if not pack_code(pack.prefix + "000"):
        found.append(
            Problem(
                str(path),
                key_line(text, "prefix"),
                f"prefix {pack.prefix!r}: expected 2 to 4 capital letters",
            )
        )
        return []
    source = Source(directory / "checks", directory / "docs", pack.name, pack.prefix)
    rules = load_rules(source, found)
    for rule in rules:
        file, _, line = rule.source.rpartition(":")
        if rule.code in builtin:
            found.append(
                Problem(file, int(line), f"rule {rule.code}: a pack may not redefine a built-in rule")
            )
        if rule.doc is None:
            found.append(
                Problem(file, int(line), f"rule {rule.code}: no documentation at docs/{rule.code}.md")
            )
    return rules


def _check_rules(rules: list[RuleSpec], schema: Schema, found: list[Problem]) -> None:
    """Codes defined once; each rule's parameters refer to tables, rows, columns and rules that exist."""
    by_code: dict[str, RuleSpec] = {}
    texts: dict[str, str] = {}

    def problem(rule: RuleSpec, key: str, message: str) -> None:
        file, _, line = rule.source.rpartition(":")
        if file not in texts:
            texts[file] = Path(file).read_text(encoding="utf-8")
        at = entry_line(texts[file], "rule", _entry_index(texts[file], int(line)), key)
        found.append(Problem(file, at, f"rule {rule.code}: {message}"))

    for rule in rules:
        if rule.code in by_code:
            problem(rule, "code", f"{rule.code} is defined twice (also at {by_code[rule.code].source})")
        by_code.setdefault(rule.code, rule)
        for template in rule.templates:
            if template not in schema.templates:
                problem(
                    rule, "templates", f"unknown format {template!r}; expected {sorted(schema.templates)}"
                )
    full = attrs.evolve(schema, rules=by_code)
    for rule in by_code.values():
        check = getattr(rule.params, "problems", None)
        if check is not None:
            for key, message in check(rule, full):
                problem(rule, key, message)


def _entry_index(text: str, line: int) -> int:
    """Which `[[rule]]` entry starts at `line`."""
    lines = text.splitlines()[: line - 1]
    return sum(1 for x in lines if x.strip().startswith("[[rule]]"))


@functools.cache
def default_catalog() -> Catalog:
    """The built-in rules: from the on-disk cache when the rules have not changed (catalog/cache.py)."""
    from .cache import cached

    return cached((), load_catalog)


@functools.cache
def catalog_with(packs: tuple[str, ...]) -> Catalog:
    """The built-in rules and these packs (loaded once per set of packs, cached like the default)."""
    from .cache import cached

    return cached(packs, functools.partial(load_catalog, extra=packs)) if packs else default_catalog()


__all__ = [
    "Catalog",
    "ColumnSpec",
    "Limits",
    "Problem",
    "RowSpec",
    "RuleSpec",
    "RulesError",
    "SectionSpec",
    "TableSpec",
    "TemplateSpec",
    "catalog_with",
    "default_catalog",
    "load_catalog",
]
