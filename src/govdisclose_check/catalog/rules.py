"""The rules of `rules/checks/*.toml`, loaded into typed specs."""

from __future__ import annotations

import tomllib
from pathlib import Path
from typing import Any

import attrs
import regex

from ..model import Severity
from .expr import Identity, parse_identity

_CODE = regex.compile(r"^[ESTANCX]\d{3}$")
_NAME = regex.compile(r"^[a-z][a-z0-9]*(?:-[a-z0-9]+)*$")


@attrs.frozen
class RuleSpec:
    code: str
    name: str
    severity: Severity
    kind: str
    summary_zh: str
    summary_en: str
    message_zh: str
    message_en: str
    params: dict[str, Any]
    identity: Identity | None = None
    source: str = ""

    def param(self, key: str, default: Any = None) -> Any:
        return self.params.get(key, default)

    @property
    def family(self) -> str:
        return self.code[0]


_FIELDS = {"code", "name", "severity", "kind", "summary", "message"}


def load_rules(directory: Path) -> tuple[RuleSpec, ...]:
    rules: list[RuleSpec] = []
    for path in sorted(directory.glob("*.toml")):
        data = tomllib.loads(path.read_text(encoding="utf-8"))
        for raw in data.get("rule", []):
            rules.append(_rule(raw, path.name))
    codes = [r.code for r in rules]
    duplicated = sorted({c for c in codes if codes.count(c) > 1})
    if duplicated:
        raise ValueError(f"rule codes defined twice: {duplicated}")
    return tuple(sorted(rules, key=lambda r: r.code))


def _rule(raw: dict[str, Any], source: str) -> RuleSpec:
    code = raw.get("code", "?")
    if not _CODE.match(code):
        raise ValueError(f"{source}: rule code {code!r} is not a letter of ESTANCX and three digits")
    if not _NAME.match(raw.get("name", "")):
        raise ValueError(f"{source}: rule {code} needs a kebab-case name")
    params = {k: v for k, v in raw.items() if k not in _FIELDS}
    identity = parse_identity(params["expr"]) if "expr" in params else None
    return RuleSpec(
        code=code,
        name=raw["name"],
        severity=Severity(raw["severity"]),
        kind=raw["kind"],
        summary_zh=raw["summary"]["zh"],
        summary_en=raw["summary"]["en"],
        message_zh=raw["message"]["zh"],
        message_en=raw["message"]["en"],
        params=params,
        identity=identity,
        source=source,
    )
