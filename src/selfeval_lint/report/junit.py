"""JUnit XML report (Jenkins/GitLab schema): one testsuite per file, one failing testcase per finding."""

from __future__ import annotations

from collections.abc import Sequence

from lxml import etree

from ..model import FileResult, Finding
from ..registry import render
from .text import render_finding

PASSING_CASE = "selfeval-lint"


def _case_name(finding: Finding) -> str:
    loc = finding.location
    if loc.line is None:
        return finding.code
    return f"{finding.code} {loc.line}:{loc.column}"


def testsuite(result: FileResult, lang: str) -> etree._Element:
    """The testsuite for one file: a failure per finding (an error when the file could not be read)."""
    failures = 0 if result.unreadable else len(result.findings)
    errors = len(result.findings) if result.unreadable else 0
    tests = max(1, len(result.findings))
    suite = etree.Element(
        "testsuite", name=result.path, tests=str(tests), failures=str(failures), errors=str(errors),
        skipped="0", time="0", file=result.path,
    )
    if not result.findings:
        etree.SubElement(suite, "testcase", name=PASSING_CASE, classname=result.path, time="0")
    for finding in result.findings:
        case = etree.SubElement(suite, "testcase", name=_case_name(finding), classname=result.path, time="0")
        element = etree.SubElement(case, "error" if result.unreadable else "failure", type=finding.code, message=render(finding, lang))
        element.text = "\n".join(render_finding(result, finding, lang))
    return suite


def render_junit(results: Sequence[FileResult], lang: str = "zh") -> str:
    suites = [testsuite(r, lang) for r in results]
    root = etree.Element(
        "testsuites", name="selfeval-lint",
        tests=str(sum(int(s.get("tests")) for s in suites)),
        failures=str(sum(int(s.get("failures")) for s in suites)),
        errors=str(sum(int(s.get("errors")) for s in suites)),
        time="0",
    )
    root.extend(suites)
    return etree.tostring(root, pretty_print=True, xml_declaration=True, encoding="UTF-8").decode("utf-8")
