"""Settings from `[tool.govdisclose-check]` in pyproject.toml or from govdisclose-check.toml.

Found by walking up from the checked files (the first directory holding either file wins; in one
directory govdisclose-check.toml before pyproject.toml, and a pyproject.toml without the table does
not count), or named with `--config FILE`. Command-line flags override the file. Every setting
remembers where it came from (`govdisclose-check config` prints it). An unknown key, an unknown
rule code or a bad value is a `ConfigError` naming the file and the line.

Paths and globs in the file (`exclude`, `per-file-ignores`, `accept.files`, `baseline`, output
files of `format`) are relative to the directory of the file.
"""

from __future__ import annotations

import functools
import os
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import Any

import attrs

from .catalog import Catalog
from .engine.select import UnknownSelector, resolve
from .model import Severity

CONFIG_NAME = "govdisclose-check.toml"
PYPROJECT = "pyproject.toml"
TOOL = ("tool", "govdisclose-check")
FORMATS = ("text", "json", "jsonl", "sarif", "github", "gitlab", "junit")
LEVELS = ("error", "warning", "info")
LANGS = ("zh", "en")
# helpUri in SARIF: this base + CODE.md. Set `docs-url` to your mirror of rules/docs/.
DEFAULT_DOCS_URL = "https://github.com/govdisclose-check/govdisclose-check/blob/main/rules/docs/"
DEFAULT_ORIGIN = "default"
CLI_ORIGIN = "command line"


class ConfigError(ValueError):
    """A configuration problem: `str()` is `file:line: message` (the line when it is known)."""

    def __init__(self, message: str, file: str | None = None, line: int | None = None) -> None:
        where = "" if file is None else f"{file}:{line}: " if line else f"{file}: "
        super().__init__(where + message)
        self.file, self.line = file, line


# repr=False: the records here are internal and never shown, and attrs would compile a __repr__
# for each class at every start-up (about 0.9 M instructions a class; issue 14).
@attrs.frozen(repr=False)
class Acceptance:
    """One accepted deviation: a rule at a logical place in the files a glob matches, and why."""

    rule: str
    reason: str
    source: str  # `file:line` of the entry
    kind: str  # "config" or "sidecar"
    files: tuple[str, ...] = ()  # globs, relative to `root`; empty for a sidecar (its own report)
    root: str = "."
    section: str | None = None
    table: str | None = None
    row: str | None = None
    col: str | None = None


@attrs.frozen
class Settings:
    select: tuple[str, ...] | None = None
    ignore: tuple[str, ...] = ()
    extend_select: tuple[str, ...] = ()
    severity: Mapping[str, Severity] = attrs.Factory(dict)
    per_file_ignores: tuple[tuple[str, tuple[str, ...]], ...] = ()
    fail_on: str = "error"
    lang: str = "zh"
    exclude: tuple[str, ...] = ()
    format: tuple[str, ...] = ("text",)
    docs_url: str = DEFAULT_DOCS_URL
    baseline: str | None = None
    show_fixes: bool = False
    accept: tuple[Acceptance, ...] = ()
    file: str | None = None  # the configuration file read, if any
    root: str = "."  # the directory relative paths of the file are taken from
    origins: Mapping[str, str] = attrs.Factory(dict)

    def origin(self, key: str) -> str:
        return self.origins.get(key, DEFAULT_ORIGIN)


KEYS = (
    "select",
    "ignore",
    "extend-select",
    "severity",
    "per-file-ignores",
    "fail-on",
    "lang",
    "exclude",
    "format",
    "docs-url",
    "baseline",
    "show-fixes",
    "accept",
)
ACCEPT_KEYS = ("files", "rule", "section", "table", "row", "col", "reason")


# ------------------------------------------------------------------ finding the file


def discover(paths: Sequence[str], cwd: Path | None = None) -> Path | None:
    """The configuration file for these paths: walk up from their common directory."""
    here = (cwd or Path.cwd()).resolve()
    dirs = []
    for raw in paths:
        if raw == "-" or "://" in raw:
            dirs.append(here)
            continue
        path = (here / raw).resolve()
        dirs.append(path if _is(path, Path.is_dir) else path.parent)
    start = Path(os.path.commonpath([str(d) for d in dirs])) if dirs else here
    for directory in (start, *start.parents):
        own = directory / CONFIG_NAME
        if _is(own, Path.is_file):
            return own
        pyproject = directory / PYPROJECT
        if _is(pyproject, Path.is_file) and _has_tool_table(pyproject):
            return pyproject
    return None


def _is(path: Path, test: Callable[[Path], bool]) -> bool:
    """False also for a path that cannot be looked at (below a directory the user may not enter):
    a report there is checked, and its check says why."""
    try:
        return test(path)
    except OSError:
        return False


def _has_tool_table(pyproject: Path) -> bool:
    try:
        text = pyproject.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return False
    if not _may_name_the_tool(text):
        return False  # the usual pyproject.toml of someone else's project: not parsed (start-up time)
    import tomllib  # only when a configuration file is read (start-up time)

    try:
        data = _toml(text)
    except tomllib.TOMLDecodeError:
        return False
    return isinstance(data.get("tool"), dict) and TOOL[1] in data["tool"]


@functools.lru_cache(maxsize=1)
def _toml(text: str) -> dict[str, Any]:
    """A configuration file's text parsed, read and never changed by its callers. Kept for the
    next call (start-up time): a pyproject.toml is parsed to see whether it names the tool
    (`discover`), then read (`load`), and parsing it again cost every run some 6 M instructions."""
    import tomllib  # only when a configuration file is read (start-up time)

    return tomllib.loads(text)


def _may_name_the_tool(text: str) -> bool:
    """Whether a TOML text can have a key `govdisclose-check`. A TOML key is written bare, as a
    literal string or as a basic string; only a basic string's \\u or \\U escape can spell a letter
    or a hyphen differently, so a text with neither the name nor such an escape has no such key."""
    return TOOL[1] in text or "\\u" in text or "\\U" in text


# ------------------------------------------------------------------ reading it


@attrs.frozen(repr=False)
class _Source:
    """The file being read, to name lines in errors."""

    name: str
    text: str
    prefix: tuple[str, ...]

    def error(self, message: str, *path: str | int, needle: str | None = None) -> ConfigError:
        return ConfigError(message, self.name, self.line(*path, needle=needle))

    def line(self, *path: str | int, needle: str | None = None) -> int | None:
        from .tomlpos import locate

        return locate(self.text, (*self.prefix, *path), needle)

    def where(self, *path: str | int) -> str:
        line = self.line(*path)
        return f"{self.name}:{line}" if line else self.name


def load(path: Path, catalog: Catalog, shown: str | None = None) -> Settings:
    """Read and validate one configuration file."""
    import tomllib

    name = shown or _shown(path)
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(f"cannot read the configuration file: {exc}", name) from exc
    try:
        data: dict[str, Any] = _toml(text)
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"not valid TOML: {exc}", name) from exc
    prefix: tuple[str, ...] = ()
    if path.name == PYPROJECT:
        prefix = TOOL
        data = data.get("tool", {}).get(TOOL[1], {})
        if not isinstance(data, dict):
            raise ConfigError(f"[{'.'.join(TOOL)}] must be a table", name)
    return _settings(data, _Source(name, text, prefix), catalog, str(path.resolve().parent))


def _shown(path: Path) -> str:
    try:
        return str(path.resolve().relative_to(Path.cwd().resolve()))
    except ValueError:
        return str(path)


def _settings(data: dict[str, Any], src: _Source, catalog: Catalog, root: str) -> Settings:
    values: dict[str, Any] = {}
    origins: dict[str, str] = {}
    for key, value in data.items():
        if key not in KEYS:
            raise src.error(f"unknown setting {key!r} (known: {', '.join(KEYS)})", key)
        values[key.replace("-", "_")] = _READERS[key](value, src, catalog, key, root)
        origins[key.replace("-", "_")] = src.where(key)
    return Settings(**values, file=src.name, root=root, origins=origins)


def _codes(value: Any, src: _Source, catalog: Catalog, *path: str | int) -> tuple[str, ...]:
    if isinstance(value, str) or not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise src.error(f"`{path[-1]}` must be a list of rule codes or prefixes", *path)
    for code in value:
        try:
            resolve(catalog, [code])
        except UnknownSelector:
            raise src.error(
                f"unknown rule code or prefix {code!r} in `{path[0]}`", *path, needle=code
            ) from None
    return tuple(v.strip().upper() for v in value)


def _read_codes(value: Any, src: _Source, catalog: Catalog, key: str, _root: str) -> tuple[str, ...]:
    return _codes(value, src, catalog, key)


def _read_severity(value: Any, src: _Source, catalog: Catalog, key: str, _root: str) -> dict[str, Severity]:
    if not isinstance(value, dict):
        raise src.error('`severity` must be a table of rule code = "error" | "warning" | "info"', key)
    out: dict[str, Severity] = {}
    for code, level in value.items():
        try:
            codes = resolve(catalog, [code]).enabled
        except UnknownSelector:
            raise src.error(f"unknown rule code or prefix {code!r} in `severity`", key, code) from None
        if level not in LEVELS:
            raise src.error(
                f"severity of {code} must be one of {', '.join(LEVELS)}, not {level!r}", key, code
            )
        out.update(dict.fromkeys(codes, Severity(level)))
    return out


def _read_per_file(
    value: Any, src: _Source, catalog: Catalog, key: str, _root: str
) -> tuple[tuple[str, tuple[str, ...]], ...]:
    if not isinstance(value, dict):
        raise src.error("`per-file-ignores` must be a table of glob = [rule codes]", key)
    return tuple((glob, _codes(codes, src, catalog, key, glob)) for glob, codes in value.items())


def _choice(options: tuple[str, ...]) -> Callable[[Any, _Source, Catalog, str, str], str]:
    def read(value: Any, src: _Source, _catalog: Catalog, key: str, _root: str) -> str:
        if value not in options:
            raise src.error(f"`{key}` must be one of {', '.join(options)}, not {value!r}", key)
        return str(value)

    return read


def _read_strings(value: Any, src: _Source, _catalog: Catalog, key: str, _root: str) -> tuple[str, ...]:
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise src.error(f"`{key}` must be a list of strings", key)
    return tuple(value)


def _read_string(value: Any, src: _Source, _catalog: Catalog, key: str, _root: str) -> str:
    if not isinstance(value, str) or not value:
        raise src.error(f"`{key}` must be a non-empty string", key)
    return value


def _read_bool(value: Any, src: _Source, _catalog: Catalog, key: str, _root: str) -> bool:
    if not isinstance(value, bool):
        raise src.error(f"`{key}` must be true or false, not {value!r}", key)
    return value


def _read_formats(value: Any, src: _Source, _catalog: Catalog, key: str, _root: str) -> tuple[str, ...]:
    specs = [value] if isinstance(value, str) else value
    if not isinstance(specs, list) or not all(isinstance(v, str) for v in specs):
        raise src.error("`format` must be a format or a list of them (sarif:FILE writes to FILE)", key)
    for spec in specs:
        name = spec.partition(":")[0]
        if name not in FORMATS:
            raise src.error(f"unknown format {name!r} (known: {', '.join(FORMATS)})", key, needle=spec)
    return tuple(specs)


def _read_accept(value: Any, src: _Source, catalog: Catalog, key: str, root: str) -> tuple[Acceptance, ...]:
    if not isinstance(value, list) or not all(isinstance(v, dict) for v in value):
        raise src.error("`accept` must be an array of tables ([[...accept]])", key)
    return tuple(
        read_acceptance(entry, src, catalog, (key, i), root, "config") for i, entry in enumerate(value)
    )


def read_acceptance(
    entry: dict[str, Any],
    src: _Source,
    catalog: Catalog,
    path: tuple[str | int, ...],
    root: str,
    kind: str,
) -> Acceptance:
    """One `accept` entry, checked: a known rule, known places, a reason; `files` in a config."""
    allowed = ACCEPT_KEYS if kind == "config" else tuple(k for k in ACCEPT_KEYS if k != "files")
    for key in entry:
        if key not in allowed:
            raise src.error(
                f"unknown key {key!r} in an accept entry (known: {', '.join(allowed)})", *path, key
            )
    rule = entry.get("rule")
    if not isinstance(rule, str):
        raise src.error("an accept entry needs `rule`, a rule code", *path)
    try:
        catalog.rule(rule.strip().upper())
    except KeyError:
        raise src.error(f"unknown rule code {rule!r} in an accept entry", *path, "rule") from None
    reason = entry.get("reason")
    if not isinstance(reason, str) or not reason.strip():
        raise src.error(f"the accept entry for {rule} needs a `reason`: say why it is accepted", *path)
    files = entry.get("files", [])
    files = [files] if isinstance(files, str) else files
    if kind == "config" and (not files or not all(isinstance(f, str) for f in files)):
        raise src.error(f"the accept entry for {rule} needs `files`, a glob or a list of globs", *path)
    places = {k: entry.get(k) for k in ("section", "table", "row", "col")}
    for key, known in _places(catalog, places.get("table")).items():
        given = places[key]
        if given is not None and given not in known:
            raise src.error(f"unknown {key} {given!r} in an accept entry", *path, key)
    return Acceptance(
        rule=rule.strip().upper(),
        reason=reason.strip(),
        source=src.where(*path),
        kind=kind,
        files=tuple(files),
        root=root,
        **places,
    )


def _places(catalog: Catalog, table: str | None) -> dict[str, set[str]]:
    specs = [t for template in catalog.templates.values() for t in template.tables.values()]
    chosen = [s for s in specs if table is None or s.key == table]
    return {
        "section": {s.key for s in catalog.sections},
        "table": {s.key for s in specs},
        "row": {r.key for s in chosen for r in s.rows},
        "col": {c.key for s in chosen for c in s.columns},
    }


_READERS: dict[str, Callable[[Any, _Source, Catalog, str, str], Any]] = {
    "select": _read_codes,
    "ignore": _read_codes,
    "extend-select": _read_codes,
    "severity": _read_severity,
    "per-file-ignores": _read_per_file,
    "fail-on": _choice(LEVELS),
    "lang": _choice(LANGS),
    "exclude": _read_strings,
    "format": _read_formats,
    "docs-url": _read_string,
    "baseline": _read_string,
    "show-fixes": _read_bool,
    "accept": _read_accept,
}


def sidecar_source(path: Path) -> tuple[dict[str, Any], _Source]:
    """A sidecar file's data and the source to name its lines (`report.docx.gdc.toml`)."""
    import tomllib  # only when a configuration file is read (start-up time)

    name = _shown(path)
    try:
        text = path.read_text(encoding="utf-8")
        data = tomllib.loads(text)
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise ConfigError(f"cannot read the suppression file: {exc}", name) from exc
    return data, _Source(name, text, ())


# ------------------------------------------------------------------ the command line on top


def override(settings: Settings, **given: Any) -> Settings:
    """The settings with the command line's values (those not None) put over the file's."""
    changes = {k: v for k, v in given.items() if v is not None}
    origins = {**settings.origins, **dict.fromkeys(changes, CLI_ORIGIN)}
    return attrs.evolve(settings, **changes, origins=origins)


def relative(settings: Settings, path: str) -> str:
    """A path of the configuration file, from its directory, as a path usable from here."""
    return path if os.path.isabs(path) else os.path.join(settings.root, path)
