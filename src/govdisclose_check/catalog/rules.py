"""The rules of `rules/checks/*.toml` (and of rule packs), structured into typed specs.

Every `[[rule]]` entry has the fields of `RuleHead`; the other keys are the parameters of its kind
(or of the check registered under its code), structured through that kind's parameter class. All
problems are collected and raised together as `RulesError`, each with its file and line.
"""

from __future__ import annotations

import string
from pathlib import Path
from typing import Any, Literal, TypeVar

import attrs
import regex

from ..model import Severity
from .problems import Problem, entry_line, key_line
from .registry import CODES, KINDS, Registered

P = TypeVar("P")

# Only reading rules from TOML uses these (not a catalog loaded from the cache): compiled then.
_BUILTIN_CODE = r"^[ESTANCX]\d{3}$"
_PACK_CODE = r"^(?P<prefix>[A-Z]{2,4})\d{3}$"
_NAME = r"^[a-z][a-z0-9]*(?:-[a-z0-9]+)*$"


def pack_code(code: str) -> regex.Match[str] | None:
    """`code` read as a rule pack's code (prefix and three digits)."""
    return regex.match(_PACK_CODE, code)


# repr=False: the records here are internal and never shown, and attrs would compile a __repr__
# for each class at every start-up (about 0.9 M instructions a class; issue 14).
@attrs.frozen(repr=False)
class Text:
    zh: str
    en: str


@attrs.frozen(repr=False)
class RuleHead:
    """The fields every rule has; any other key of the entry is a parameter of its kind."""

    code: str
    name: str
    severity: Literal["error", "warning", "info"]
    summary: Text
    message: Text
    kind: str = ""  # "" : the check registered under the rule's code (built-in rules only)
    templates: tuple[str, ...] = ()  # the formats the rule applies to; () = all
    selectable: bool = True  # false: --select/--ignore never leave it out (input problems)
    needs_format: bool = False  # checked only when the report's year has a format (2019 or later)


HEAD_KEYS = frozenset(a.name for a in attrs.fields(RuleHead))


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
    params: Any
    check: Registered = attrs.field(eq=False, repr=False)
    templates: tuple[str, ...] = ()
    selectable: bool = True
    needs_format: bool = False
    source: str = ""  # the file, as `file:line`
    pack: str | None = None  # the rule pack's name; None for a built-in rule
    doc: Path | None = None

    def p(self, cls: type[P]) -> P:
        """The rule's parameters, as the class its check registered."""
        if not isinstance(self.params, cls):
            raise TypeError(f"{self.code}: parameters are {type(self.params).__name__}, not {cls.__name__}")
        return self.params

    def applies_to(self, template: str | None) -> bool:
        return not self.templates or template in self.templates

    @property
    def family(self) -> str:
        return family_of(self.code)


def family_of(code: str) -> str:
    """A code's letters (`A` for A301, `GD` for a pack's GD101): how reports group rules. No check
    depends on it."""
    return code.rstrip("0123456789")


@attrs.frozen(repr=False)
class Source:
    """A rules directory: the built-in `rules/`, or a pack with its name and code prefix."""

    checks: Path
    docs: Path
    pack: str | None = None
    prefix: str | None = None


def read_toml(path: Path, shown: str, found: list[Problem]) -> tuple[str, dict[str, Any]] | None:
    import tomllib  # only when the rules are read from TOML (start-up time, see catalog/cache.py)

    try:
        text = path.read_text(encoding="utf-8")
        return text, tomllib.loads(text)
    except OSError as exc:
        found.append(Problem(shown, 1, f"cannot read: {exc.strerror or exc}"))
    except UnicodeDecodeError:
        found.append(Problem(shown, 1, "not UTF-8 text"))
    except tomllib.TOMLDecodeError as exc:
        match = regex.search(r"line (\d+)", str(exc))
        found.append(Problem(shown, int(match[1]) if match else 1, f"not valid TOML: {exc}"))
    return None


def load_rules(source: Source, found: list[Problem]) -> list[RuleSpec]:
    """The rules of one directory, each structured through its parameter class; problems are
    appended to `found`."""
    rules: list[RuleSpec] = []
    files = sorted(source.checks.glob("*.toml"))
    if not files:
        found.append(Problem(str(source.checks), 1, "no rule files (*.toml) in this directory"))
    for path in files:
        shown = str(path)
        read = read_toml(path, shown, found)
        if read is None:
            continue
        text, data = read
        for key in sorted(set(data) - {"rule"}):
            found.append(
                Problem(shown, key_line(text, key), f"unknown table or key {key!r}: expected [[rule]]")
            )
        entries = data.get("rule", [])
        if not isinstance(entries, list):
            found.append(Problem(shown, key_line(text, "rule"), "`rule` must be written [[rule]]"))
            continue
        for index, raw in enumerate(entries):
            rule = _rule(raw, source, shown, text, index, found)
            if rule is not None:
                rules.append(rule)
    return rules


def _rule(
    raw: dict[str, Any], source: Source, shown: str, text: str, index: int, found: list[Problem]
) -> RuleSpec | None:
    def problem(key: str, message: str) -> None:
        where = (
            f"{key}: " if key and not message.startswith(f"unknown key {key.rsplit('.', 1)[-1]!r}") else ""
        )
        found.append(Problem(shown, entry_line(text, "rule", index, key), f"{label}: {where}{message}"))

    import cattrs

    from .strict import converter, problems

    label = f"rule {raw.get('code', '#' + str(index + 1))}"
    head_raw = {k: v for k, v in raw.items() if k in HEAD_KEYS}
    try:
        head = converter.structure(head_raw, RuleHead)
    except (cattrs.BaseValidationError, TypeError, ValueError) as exc:
        for key, message in problems(exc):
            problem(key, message)
        return None
    if not _code_ok(head.code, source, problem) or not regex.match(_NAME, head.name):
        if not regex.match(_NAME, head.name):
            problem("name", f"name {head.name!r} must be kebab-case (lower-case words joined by '-')")
        return None
    registered = _registered(head, source, problem)
    if registered is None:
        return None
    params_raw = {k: v for k, v in raw.items() if k not in HEAD_KEYS}
    try:
        params: Any = converter.structure(params_raw, registered.params)
    except (cattrs.BaseValidationError, TypeError, ValueError) as exc:
        where = f"kind {head.kind!r}" if head.kind else f"the check of {head.code}"
        expected = ", ".join(a.name for a in attrs.fields(registered.params)) or "none"
        for key, message in problems(exc):
            problem(key, f"{message} (parameters of {where}: {expected})")
        return None
    for key, template in (("message.zh", head.message.zh), ("message.en", head.message.en)):
        try:
            list(string.Formatter().parse(template))
        except ValueError as exc:
            problem(key, f"the message is not a valid template: {exc}")
    doc = source.docs / f"{head.code}.md"
    return RuleSpec(
        code=head.code,
        name=head.name,
        severity=Severity(head.severity),
        kind=head.kind,
        summary_zh=head.summary.zh,
        summary_en=head.summary.en,
        message_zh=head.message.zh,
        message_en=head.message.en,
        params=params,
        check=registered,
        templates=head.templates,
        selectable=head.selectable,
        needs_format=head.needs_format,
        source=f"{shown}:{entry_line(text, 'rule', index)}",
        pack=source.pack,
        doc=doc if doc.is_file() else None,
    )


def _code_ok(code: str, source: Source, problem: Any) -> bool:
    if source.pack is None:
        if not regex.match(_BUILTIN_CODE, code):
            problem("code", f"code {code!r} must be one of the letters E S T A N C X and three digits")
            return False
        return True
    match = pack_code(code)
    if match is None or match["prefix"] != source.prefix:
        problem("code", f"code {code!r} must be the pack's prefix {source.prefix!r} and three digits")
        return False
    return True


def _registered(head: RuleHead, source: Source, problem: Any) -> Registered | None:
    if head.kind:
        registered = KINDS.get(head.kind)
        usable = sorted(k for k, r in KINDS.items() if r.run is not None or source.pack is None)
        if registered is None or registered.name not in usable:
            problem("kind", f"unknown kind {head.kind!r}; expected one of {', '.join(usable)}")
            return None
        return registered
    if source.pack is not None:
        usable = sorted(k for k, r in KINDS.items() if r.run is not None)
        problem("code", f"a pack's rule needs a kind, one of {', '.join(usable)}")
        return None
    registered = CODES.get(head.code)
    if registered is None:
        problem("code", f"no kind, and no check registered for {head.code} in engine/rules/")
    return registered
