"""The catalog: templates, sections and rules from `rules/`, loaded once."""

from __future__ import annotations

import functools
import tomllib
from pathlib import Path
from typing import Any

import attrs

from .resources import rules_dir
from .rules import RuleSpec, load_rules
from .templates import (
    ColumnSpec,
    RowSpec,
    SectionSpec,
    TableSpec,
    TemplateSpec,
    load_sections,
    load_template,
    load_units,
)


@attrs.frozen
class Catalog:
    templates: dict[str, TemplateSpec]
    sections: tuple[SectionSpec, ...]
    rules: tuple[RuleSpec, ...]
    docs: Path
    units: dict[str, frozenset[str]]  # column kind -> units and words allowed with its numbers
    limits: dict[str, Any] = attrs.Factory(dict)  # rules/limits.toml: bounds on one file's cost

    def rule(self, code: str) -> RuleSpec:
        for rule in self.rules:
            if rule.code == code:
                return rule
        raise KeyError(code)

    def template_for_year(self, year: int) -> TemplateSpec | None:
        for template in self.templates.values():
            if template.valid_for(year):
                return template
        return None


def load_catalog(directory: Path) -> Catalog:
    templates = {}
    for path in sorted((directory / "templates").glob("*.toml")):
        if path.stem in ("sections", "values"):
            continue
        template = load_template(path)
        templates[template.version] = template
    return Catalog(
        templates=templates,
        sections=load_sections(directory / "templates" / "sections.toml"),
        rules=load_rules(directory / "checks"),
        docs=directory / "docs",
        units=load_units(directory / "templates" / "values.toml"),
        limits=tomllib.loads((directory / "limits.toml").read_text(encoding="utf-8")),
    )


@functools.cache
def default_catalog() -> Catalog:
    return load_catalog(rules_dir())


__all__ = [
    "Catalog",
    "ColumnSpec",
    "RowSpec",
    "RuleSpec",
    "SectionSpec",
    "TableSpec",
    "TemplateSpec",
    "default_catalog",
    "load_catalog",
]
