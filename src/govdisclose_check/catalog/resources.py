"""Where the `rules/` data lives: inside the installed package, or beside `src/` in a checkout."""

from __future__ import annotations

from pathlib import Path


def rules_dir() -> Path:
    packaged = Path(__file__).resolve().parent.parent / "rules"
    if packaged.is_dir():
        return packaged
    checkout = Path(__file__).resolve().parents[3] / "rules"
    if checkout.is_dir():
        return checkout
    raise FileNotFoundError(f"the rules/ data was not found at {packaged} or {checkout}")
