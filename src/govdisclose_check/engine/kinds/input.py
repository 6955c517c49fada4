"""`kind = "input"`: the file could not be read as a report (E001–E006). The reader (`ingest/`)
raises `InputProblem` with the rule's code, and the API turns it into the finding."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

import attrs

from ...catalog.registry import Schema, passive_kind
from ...catalog.rules import Text

if TYPE_CHECKING:
    from ...catalog.rules import RuleSpec


@attrs.frozen
class InputParams:
    max_bytes: int | None = None  # E005: files larger than this are not read
    max_chars: int | None = None  # E005: a text read with more characters than this is not checked
    max_lines: int | None = None  # E005: nor one with more lines (a table's row counts as one)
    # Other messages of the rule, by the reader's name for the case (E005: `chars`, `lines`).
    variants: dict[str, Text] = attrs.Factory(dict)

    def problems(self, rule: RuleSpec, schema: Schema) -> Iterator[tuple[str, str]]:
        for key, value, variant in (
            ("max_bytes", self.max_bytes, None),
            ("max_chars", self.max_chars, "chars"),
            ("max_lines", self.max_lines, "lines"),
        ):
            if value is not None and value < 1:
                yield key, f"expected a positive integer, found {value}"
            if value is not None and variant is not None and variant not in self.variants:
                yield "variants", f"{key} needs the message variants.{variant} (zh and en)"


passive_kind("input", InputParams, __name__, "the reader (ingest/), through the API")
