"""`kind = "unused-suppression"`: an acceptance (sidecar file, `accept` entry) that matched no
finding (C590). The gate (`gate.py`, `suppress.py`) makes these findings after the last file, since
only then is it known that nothing matched."""

from __future__ import annotations

from ...catalog.registry import NoParams, passive_kind

passive_kind("unused-suppression", NoParams, __name__, "the gate (gate.py, suppress.py), after the last file")
