"""`--format junit`: JUnit XML, one test case per file and rule family, for CI test-report views.

A test case fails when a finding of its family reaches the fail level (`--fail-on`); the failure
carries the messages. Findings below the level go to the case's system-out; suppressed ones are
left out.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import Sequence

import regex

from ..model import CheckResult, Finding
from .options import RenderOptions
from .text import where

FAMILIES = {
    "E": ("input", "输入"),
    "S": ("structure", "结构"),
    "T": ("table shape", "表格形式"),
    "A": ("arithmetic", "勾稽关系"),
    "N": ("narrative", "正文"),
    "C": ("compliance", "合规"),
    "X": ("cross-year", "跨年度"),
}
_NOT_XML = regex.compile(r"[^\x09\x0a\x0d\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def _clean(text: str) -> str:
    return _NOT_XML.sub("\ufffd", text)


def _line(path: str | None, finding: Finding, options: RenderOptions) -> str:
    place = where(path, finding.location, finding.table, options.lang)
    return _clean(f"{place}: {finding.rule} [{finding.severity}] {finding.text(options.lang)}")


def render_junit(results: Sequence[CheckResult], options: RenderOptions) -> str:
    order = list(FAMILIES)
    families = sorted(
        {r.family for r in options.catalog.rules},
        key=lambda f: (order.index(f) if f in order else len(order), f),
    )
    root = ET.Element("testsuites", name="govdisclose-check")
    total = failed = 0
    for result in results:
        path = result.path or "<stdin>"
        suite = ET.SubElement(root, "testsuite", name=_clean(path))
        suite_failed = 0
        for family in families:
            words = FAMILIES.get(family, (family, family))
            case = ET.SubElement(
                suite,
                "testcase",
                classname=_clean(path),
                name=f"{family} {words[1] if options.lang == 'zh' else words[0]}",
            )
            found = [f for f in result.findings if f.rule[0] == family and f.suppression is None]
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
