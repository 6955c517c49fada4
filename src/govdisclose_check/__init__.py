"""govdisclose-check: lint Chinese government information-disclosure annual reports.

>>> from govdisclose_check import check_file
>>> result = check_file("report.txt")
>>> [(f.rule, f.row, f.col) for f in result.findings]
"""

from __future__ import annotations

__version__ = "0.1.0"

from . import attrs_cache, regex_cache

# Before any module of the package creates an attrs class or compiles a pattern: the code and the
# patterns compiled by earlier runs, loaded instead of compiled again (start-up time, see
# attrs_cache.py and regex_cache.py).
attrs_cache.install()
regex_cache.prime()

from .api import check_bytes, check_file, check_text, check_url, parse_bytes, parse_file, parse_text  # noqa: E402
from .errors import InputProblem  # noqa: E402
from .model import Cell, CellKind, CheckResult, Finding, Location, Report, Section, Severity, Table, TableRow  # noqa: E402

__all__ = [
    "Cell",
    "CellKind",
    "CheckResult",
    "Finding",
    "InputProblem",
    "Location",
    "Report",
    "Section",
    "Severity",
    "Table",
    "TableRow",
    "__version__",
    "check_bytes",
    "check_file",
    "check_text",
    "check_url",
    "parse_bytes",
    "parse_file",
    "parse_text",
]
