"""The one exception the stages raise for input they cannot use."""

from __future__ import annotations


class InputProblem(Exception):
    """The input cannot be read as a report; `code` names the E rule that reports it."""

    def __init__(self, code: str, reason: str = "", **details: object) -> None:
        super().__init__(f"{code}: {reason}" if reason else code)
        self.code = code
        self.reason = reason
        self.details = details
