"""The checks of the built-in rules with logic of their own, registered by rule code, by family:
structure.py (S), tables.py (T), compliance.py and dates.py (C), narrative.py, leftovers.py and
outline.py (N), crossyear.py (X). Rules that use a generic kind (identities, value checks, input
problems) are in `engine/kinds/`."""

from __future__ import annotations

from . import compliance, crossyear, dates, leftovers, narrative, outline, structure, tables

__all__ = ["compliance", "crossyear", "dates", "leftovers", "narrative", "outline", "structure", "tables"]
