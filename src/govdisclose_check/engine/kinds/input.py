"""`kind = "input"`: the file could not be read as a report (E001–E006). The reader (`ingest/`)
raises `InputProblem` with the rule's code, and the API turns it into the finding."""

from __future__ import annotations

import attrs

from ...catalog.registry import passive_kind


@attrs.frozen
class InputParams:
    max_bytes: int | None = None  # E005: files larger than this are not read


passive_kind("input", InputParams, __name__, "the reader (ingest/), through the API")
