"""``--format junit``: JUnit XML for the test panels of GitLab, Jenkins and friends.

Layout (the reasons are in docs/report-formats.md):

- one ``<testsuite>`` per rule area (``moocforge.structure``, ``moocforge.documents`` …);
- one ``<testcase>`` per finding, named "ST101 course.yaml:38: <message>", so
  each problem is its own row in the panel with its own message, and a clean
  course is not presented as hundreds of "passed" rules that may not have
  had anything to look at (media rules without --deep, links without --online);
- findings at or above ``fail_on`` are ``<failure>``; milder ones pass and
  carry their text in ``<system-out>``, so the panel is red exactly when the
  exit code is 1; a rule that crashed is an ``<error>`` (a moocforge bug, not
  a course problem);
- a finding excused by a justified exception, or known from the baseline, is
  a skipped test case whose message says why (the exception's reason), so the
  panel counts it without failing;
- a course without findings gets one passing test case, because Jenkins and
  GitLab treat a report with no test cases as a broken report.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections import defaultdict

from .. import __version__
from ..i18n import t
from ..findings import Finding, Severity
from .common import (details_text, is_internal_error, known_findings, repository_path, rule_area, rule_title,
                     severity_label, summarise, summary_line, where)

# XML 1.0 forbids most control characters and lone surrogates even when escaped.
_NOT_XML = re.compile("[^\u0009\u000a\u000d\u0020-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def xml_safe(text: str) -> str:
    """``text`` with characters XML cannot carry written as visible ``\\xNN`` escapes."""
    return _NOT_XML.sub(lambda m: f"\\x{ord(m.group()):02x}", text)


def render(result, lang: str, *, fail_on: Severity = Severity.ERROR) -> str:
    root = ET.Element("testsuites", name="moocforge check")
    # (finding, why it is skipped: None when it counts)
    by_area: dict[str, list[tuple[Finding, str | None]]] = defaultdict(list)
    skipped = [(item.finding, t("report.junit.suppressed", lang, reason=item.by.reason)) for item in result.suppressed]
    skipped += [(finding, t("report.junit.known", lang)) for finding in known_findings(result)]
    for finding, why in [(f, None) for f in result.findings] + skipped:
        by_area[rule_area(result, finding)].append((finding, why))
    if not by_area:
        _clean_suite(root, result, lang)
    for area in sorted(by_area):
        suite = _suite(root, f"moocforge.{area}", result, lang)
        for finding, why in by_area[area]:
            _testcase(suite, finding, result, lang, fail_on, why)
    _count(root, root.iter("testcase"))
    for suite in root.iter("testsuite"):
        _count(suite, suite.iter("testcase"))
    ET.indent(root)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"


def _suite(root: ET.Element, name: str, result, lang: str) -> ET.Element:
    suite = ET.SubElement(root, "testsuite", name=name)
    properties = ET.SubElement(suite, "properties")
    for key, value in (("course", result.course.model.title or ""), ("course_path", result.course.root.as_posix()),
                       ("profile", result.profile.name), ("language", lang), ("moocforge", __version__)):
        ET.SubElement(properties, "property", name=key, value=xml_safe(str(value)))
    return suite


def _clean_suite(root: ET.Element, result, lang: str) -> None:
    suite = _suite(root, "moocforge", result, lang)
    case = ET.SubElement(suite, "testcase", classname="moocforge.check", name=xml_safe(summary_line(summarise([]), lang)),
                         time="0")
    case.set("file", repository_path(result, None))


def case_name(finding: Finding, lang: str) -> str:
    """"ST101 course.yaml:38: <message>": rule and place first, so rows sort and scan well."""
    place = where(finding, lang) or finding.lesson or finding.module or t("report.course_wide", lang)
    return f"{finding.rule_id} {place}: {finding.text(lang)}"


def _testcase(suite: ET.Element, finding: Finding, result, lang: str, fail_on: Severity, skipped: str | None) -> None:
    case = ET.SubElement(suite, "testcase", classname=f"{suite.get('name')}.{finding.rule_id}",
                         name=xml_safe(case_name(finding, lang)), time="0")
    # GitLab shows this attribute as the test's file; it is read from the repository root.
    case.set("file", xml_safe(repository_path(result, finding.file)))
    body = xml_safe(_details(result, finding, lang))
    if skipped is not None:
        outcome = ET.SubElement(case, "skipped", message=xml_safe(skipped))
    elif is_internal_error(finding):
        outcome = ET.SubElement(case, "error", type="internal", message=xml_safe(finding.text(lang)))
    elif finding.severity.rank >= fail_on.rank:
        outcome = ET.SubElement(case, "failure", type=finding.severity.value, message=xml_safe(finding.text(lang)))
    else:
        outcome = ET.SubElement(case, "system-out")
    outcome.text = body


def _details(result, finding: Finding, lang: str) -> str:
    lines = [
        f"{finding.rule_id} — {rule_title(result, finding, lang)} [{severity_label(finding.severity, lang)}]",
        where(finding, lang),
        finding.text(lang),
        details_text(finding, lang),
    ]
    places = [f"{t('report.module', lang)}: {finding.module}" if finding.module else "",
              f"{t('report.lesson', lang)}: {finding.lesson}" if finding.lesson else ""]
    lines.append(" · ".join(p for p in places if p))
    return "\n".join(line for line in lines if line)


def _count(element: ET.Element, cases) -> None:
    """tests / failures / errors / skipped exactly as the test cases below say."""
    cases = list(cases)
    element.set("tests", str(len(cases)))
    element.set("failures", str(sum(1 for c in cases if c.find("failure") is not None)))
    element.set("errors", str(sum(1 for c in cases if c.find("error") is not None)))
    element.set("skipped", str(sum(1 for c in cases if c.find("skipped") is not None)))
    element.set("time", "0")
