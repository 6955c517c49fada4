"""The generic kinds of check: logic any rule may use with its own parameters, a pack's rules too.

identity          an identity over a table's cells, per row or per column (identity.py)
not-assessable    reports identities that cannot be assessed; made by `identity`
non-negative      no negative number in the columns of some kinds (values.py)
integer           only whole numbers in the columns of some kinds (values.py)
required-phrase   a section must contain one of some phrases or patterns (phrases.py)
input             the file cannot be read as a report; made by the reader (input.py)
"""

from __future__ import annotations

from . import gate, identity, input, phrases, values

__all__ = ["gate", "identity", "input", "phrases", "values"]
