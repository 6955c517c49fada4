"""`--format junit`: JUnit XML, one test case per file and rule family, for CI test-report views.

A test case fails when a finding of its family reaches the fail level (`--fail-on`); the failure
carries the messages. Findings below the level go to the case's system-out; suppressed ones are
left out.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import Sequence

import regex

from ..catalog.rules import family_of
from ..model import CheckResult, Finding
from .options import RenderOptions
from .text import where

_NOT_XML = regex.compile(r"[^\x09\x0a\x0d\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def _clean(text: str) -> str:
    return _NOT_XML.sub("\ufffd", text)


def _line(path: str | None, finding: Finding, options: RenderOptions) -> str:
    place = where(path, finding.location, finding.table, options.lang)
    return _clean(f"{place}: {finding.rule} [{finding.severity}] {finding.text(options.lang)}")


def render_junit(results: Sequence[CheckResult], options: RenderOptions) -> str:
    catalog = options.catalog
    families = catalog.family_order()
    root = ET.Element("testsuites", name="govdisclose-check")
    total = failed = 0
    for result in results:
        path = result.path or "<stdin>"
        suite = ET.SubElement(root, "testsuite", name=_clean(path))
        suite_failed = 0
        for family in families:
            case = ET.SubElement(
                suite,
                "testcase",
                classname=_clean(path),
                name=f"{family} {catalog.family_name(family, options.lang)}",
            )
            found = [f for f in result.findings if family_of(f.rule) == family and f.suppression is None]
            failing = [f for f in found if f.severity.rank >= options.fail_on.rank]
            if failing:
                suite_failed += 1
                failure = ET.SubElement(
                    case, "failure", message=f"{len(failing)} finding(s)", type=failing[0].rule
                )
                failure.text = "\n".join(_line(result.path, f, options) for f in failing)
            rest = [f for f in found if f not in failing]
            if rest:
                ET.SubElement(case, "system-out").text = "\n".join(
                    _line(result.path, f, options) for f in rest
                )
        suite.set("tests", str(len(families)))
        suite.set("failures", str(suite_failed))
        total += len(families)
        failed += suite_failed
    root.set("tests", str(total))
    root.set("failures", str(failed))
    ET.indent(root)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"
