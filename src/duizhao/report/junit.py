"""JUnit XML, so GitLab, Jenkins and other CI dashboards list findings as tests.

One ``<testsuite>`` per corpus file. Each finding is its own ``<testcase>``, named by a stable
id (rule, segment and the first characters of its baseline fingerprint), so a new finding
under a rule that already fails shows as a new failed test in GitLab's merge-request report.
Errors are ``<failure>``s. Warnings and infos are *passed* test cases that carry the finding
in ``<system-out>``: dashboards have no warning state, and a job that passes must not show a
failed test. Every rule that ran and found nothing in a file is one passed test case, so the
count of checks is visible. Written with lxml, so escaping and encoding are the library's job;
characters XML 1.0 cannot hold (C0 controls from a hostile file) are shown as ``\\xNN``.
"""

from __future__ import annotations

from collections import defaultdict
from typing import Any, ClassVar

from lxml import etree

from ..baseline import fingerprint
from ..model import Finding, Severity
from .base import Formatter
from .base import xml_safe as xml_text  # the characters XML 1.0 forbids, as visible \xNN escapes


def case_name(finding: Finding) -> str:
    """The test case's stable name: it survives line moves and other findings coming and going."""
    return xml_text(f"{finding.rule} [{finding.location.segment}] {fingerprint(finding)[:12]}")


def _detail(finding: Finding) -> str:
    loc = finding.location
    where = f"{loc.file}:{loc.line}:{loc.column}" if loc.column else f"{loc.file}:{loc.line}"
    return xml_text(f"{where}: {finding.severity.value} [{loc.segment}] {finding.message}")


class JunitFormatter(Formatter):
    name: ClassVar[str] = "junit"
    description: ClassVar[str] = "JUnit XML: one test case per finding (errors fail), suites per file"

    def finish(self, summary: dict[str, Any]) -> None:
        by_file: dict[str, list[Finding]] = defaultdict(list)
        for finding in self.findings:
            by_file[finding.location.file].append(finding)
        files = sorted(set(by_file) | set(self.run.files))
        rule_ids = [rule.id for rule in self.rules()]

        root = etree.Element("testsuites", name="duizhao")
        total_tests = total_failures = 0
        for file in files:
            found = by_file.get(file, [])
            suite = etree.SubElement(root, "testsuite", name=xml_text(file))
            properties = etree.SubElement(suite, "properties")
            etree.SubElement(properties, "property", name="signature", value=xml_text(self.run.signature))
            failures = 0
            for finding in found:
                case = etree.SubElement(suite, "testcase", classname=xml_text(f"{file}.{finding.rule}"),
                                        name=case_name(finding), file=xml_text(file))
                if finding.location.line:
                    case.set("line", str(finding.location.line))
                if finding.severity is Severity.ERROR:
                    failures += 1
                    failure = etree.SubElement(case, "failure", type=finding.rule,
                                               message=xml_text(finding.message))
                    failure.text = _detail(finding)
                else:
                    etree.SubElement(case, "system-out").text = _detail(finding)
            clean = [rule_id for rule_id in rule_ids if not any(f.rule == rule_id for f in found)]
            for rule_id in clean:
                etree.SubElement(suite, "testcase", classname=xml_text(f"{file}.{rule_id}"),
                                 name=f"{rule_id}: no findings", file=xml_text(file))
            tests = len(found) + len(clean)
            suite.set("tests", str(tests))
            suite.set("failures", str(failures))
            suite.set("errors", "0")
            total_tests += tests
            total_failures += failures
        root.set("tests", str(total_tests))
        root.set("failures", str(total_failures))
        root.set("errors", "0")
        xml = etree.tostring(root, encoding="unicode", pretty_print=True)
        self.out.write('<?xml version="1.0" encoding="UTF-8"?>\n' + xml)
