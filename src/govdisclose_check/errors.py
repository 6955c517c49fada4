"""The one exception the stages raise for input they cannot use."""

from __future__ import annotations


class InputProblem(Exception):
    """The input cannot be read as a report; `code` names the E rule that reports it, `zh` and `en`
    say why in a few words (they fill the rule's message)."""

    def __init__(self, code: str, zh: str = "", en: str = "", **details: object) -> None:
        super().__init__(f"{code}: {en or zh}" if en or zh else code)
        self.code = code
        self.zh = zh
        self.en = en or zh
        self.details = details
