"""`govdisclose-check config`: the settings in force, as TOML, each with where it came from."""

from __future__ import annotations

import json
from typing import Any

from .config import KEYS, Acceptance, Settings


def _value(key: str, settings: Settings) -> Any:
    value = getattr(settings, key.replace("-", "_"))
    if key == "severity":
        return {code: str(level) for code, level in sorted(value.items())}
    if key == "per-file-ignores":
        return {glob: list(codes) for glob, codes in value}
    if key == "accept":
        return [_entry(a) for a in value]
    if isinstance(value, tuple):
        return list(value)
    return value


def _entry(entry: Acceptance) -> dict[str, Any]:
    fields = {"files": list(entry.files), "rule": entry.rule, "section": entry.section, "table": entry.table}
    fields |= {"row": entry.row, "col": entry.col, "reason": entry.reason, "from": entry.source}
    return {k: v for k, v in fields.items() if v not in (None, [])}


def settings_text(settings: Settings) -> str:
    lines = [f"# configuration file: {settings.file or '(none found; defaults)'}"]
    for key in KEYS:
        value = _value(key, settings)
        if value is None:
            shown = "(all rules)" if key == "select" else "(none)"
        else:
            shown = json.dumps(value, ensure_ascii=False)
        lines.append(f"{key} = {shown}  # {settings.origin(key.replace('-', '_'))}")
    return "\n".join(lines)
