"""Compliance (C) of the report's dates: C508 the statistical period or the closing date disagrees
with the report year of the title; C509 the report was published after the deadline of 条例
第四十九条 (the closing date, or the date the caller gives: `--published-on`, `published_on=`).

The closing date is the date alone on one of the last lines of the report ("2022年1月10日", with
the body's name before it or not). The patterns and the deadlines are in rules/checks/compliance.toml.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterator

import attrs

from ...catalog import RuleSpec
from ...catalog.registry import Schema, check
from ...catalog.rules import Text
from ...model import Location, ProseLine, Report
from ...parse.numbers import chinese_int
from ..context import Context
from ..joined import joined, likely
from ..prose import compact, compiled, prose, span
from ..refs import bad_patterns


# repr=False: the records here are internal and never shown, and attrs would compile a __repr__
# for each class at every start-up (about 0.9 M instructions a class; issue 14).
@attrs.frozen(repr=False)
class ClosingDate:
    date: datetime.date
    location: Location
    section: str | None


def _int(raw: str | None) -> int | None:
    if raw is None:
        return None
    raw = raw.strip()
    return int(raw) if raw.isdigit() else chinese_int(raw)


def closing_date(report: Report, pattern: str, tail: int) -> ClosingDate | None:
    """The date alone on one of the last `tail` lines with text of the report (groups y, m, d)."""
    for item in reversed(_last_with_text(report, tail)):
        match = compiled(pattern).search(item.line.text)
        if match is None:
            continue
        year, month, day = _int(match["y"]), _int(match["m"]), _int(match["d"])
        if year is None or month is None or day is None:
            continue
        try:
            found = datetime.date(year, month, day)
        except ValueError:
            continue
        return ClosingDate(found, span(item.line, match.start("y"), match.end()), item.section)
    return None


def _last_with_text(report: Report, tail: int) -> list[ProseLine]:
    """The last `tail` lines with text, in order: looked for from the end (a fast path: the whole
    report's lines were listed to keep four)."""
    if tail <= 0:
        return [item for item in prose(report) if item.line.text.strip()][-tail:]
    out: list[ProseLine] = []
    for item in reversed(report.prose):
        if item.line.text.strip():
            out.append(item)
            if len(out) == tail:
                break
    out.reverse()
    return out


@attrs.frozen(repr=False)
class YearParams:
    period: str  # the statistical period: groups `start` (its year) and `end` (the end's year, optional)
    closing: str  # the closing date: groups y, m, d
    tail: int  # the closing date is looked for on this many last lines
    period_label: Text
    closing_label: Text

    def problems(self, rule: RuleSpec, schema: Schema) -> Iterator[tuple[str, str]]:
        yield from bad_patterns("period", (self.period, self.closing))


@check("C508", YearParams)
def year_consistency(ctx: Context, rule: RuleSpec, params: YearParams) -> None:
    report = ctx.report
    year = report.year
    if year is None or report.title is None:
        return  # the year came from the period itself, or there is none: nothing to disagree with
    lines = joined(ctx)
    for index in likely(lines, compiled(params.period)):
        item = lines.items[index]
        text = item.line.text
        for match in compiled(params.period).finditer(text):
            for group in ("start", "end"):
                found = _int(match[group])
                if found is not None and found != year:
                    location = span(item.line, match.start(group), match.end(group))
                    values = {
                        "year": year,
                        "what": params.period_label.zh,
                        "what_en": params.period_label.en,
                        "found": found,
                    }
                    ctx.emit(
                        rule,
                        location,
                        values,
                        section=item.section,
                        expected=year,
                        actual=found,
                        detail=group,
                    )
                    return
    closing = closing_date(report, params.closing, params.tail)
    if closing is not None and closing.date.year <= year and closing.date < datetime.date(year, 12, 31):
        values = {
            "year": year,
            "what": params.closing_label.zh,
            "what_en": params.closing_label.en,
            "found": closing.date.isoformat(),
        }
        ctx.emit(
            rule,
            closing.location,
            values,
            section=closing.section,
            expected=year,
            actual=closing.date.isoformat(),
            detail="closing",
        )


@attrs.frozen(repr=False)
class Deadline:
    body: str  # a pattern the body's name matches (the first deadline whose pattern matches applies)
    month: int  # of the year after the report year
    day: int
    who: Text  # who has this deadline, for the message


@attrs.frozen(repr=False)
class DeadlineParams:
    deadlines: tuple[Deadline, ...]
    year_rule: str  # the rule whose `closing` and `tail` find the closing date (C508)

    def problems(self, rule: RuleSpec, schema: Schema) -> Iterator[tuple[str, str]]:
        yield from bad_patterns("deadlines", (d.body for d in self.deadlines))
        other = schema.rules.get(self.year_rule)
        if other is None or not isinstance(other.params, YearParams):
            yield "year_rule", f"{self.year_rule!r} is not a rule with year parameters"


@check("C509", DeadlineParams)
def deadline(ctx: Context, rule: RuleSpec, params: DeadlineParams) -> None:
    report = ctx.report
    if report.year is None or report.body is None:
        return
    body = compact(report.body)
    applies = next((d for d in params.deadlines if compiled(d.body).search(body)), None)
    if applies is None:
        return
    due = datetime.date(report.year + 1, applies.month, applies.day)
    if ctx.published_on is not None:
        published, location, section, given = ctx.published_on, report.title_location, None, True
    else:
        year_params = ctx.catalog.rule(params.year_rule).p(YearParams)
        closing = closing_date(report, year_params.closing, year_params.tail)
        if closing is None:
            return
        published, location, section, given = closing.date, closing.location, closing.section, False
    if published <= due:
        return
    values = {
        "published": published.isoformat(),
        "due": due.isoformat(),
        "who": applies.who.zh,
        "who_en": applies.who.en,
        "source": "（发布日期由调用者给出）" if given else "",
        "source_en": " (publication date given by the caller)" if given else "",
        "days": (published - due).days,
    }
    ctx.emit(rule, location, values, section=section, expected=due.isoformat(), actual=published.isoformat())
