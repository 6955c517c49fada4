"""How the command line's processes set Python's garbage collector (never the library's callers').

A check makes many small objects and almost no reference cycles: a line, a row or a cell each, and
a 10 MB report some 100,000 lines. With the default first-generation threshold (700 allocations)
the collector runs over and over while they are made, and each pass walks the young objects, only
to find nothing to free: about a sixth of a 10 MB check's time, and a few ms of start-up while the
modules and the catalog are loaded. The program and its `-j` workers therefore collect the young
generation after 100,000 allocations instead (as mypy does for the same reason); the older
generations keep their thresholds, so garbage in cycles is still freed, only in larger batches.
A library caller's process is left as it is: `check_file` never touches the collector.
"""

from __future__ import annotations

import gc

YOUNG = 100_000  # allocations between two collections of the youngest generation


def for_a_program() -> None:
    """Set the collector for a process that this package runs: the CLI, a `-j` worker."""
    _, middle, old = gc.get_threshold()
    gc.set_threshold(YOUNG, middle, old)


__all__ = ["YOUNG", "for_a_program"]
