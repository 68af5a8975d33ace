"""JUnit XML, so GitLab, Jenkins and other CI dashboards list findings as failed tests.

One ``<testsuite>`` per corpus file and one ``<testcase>`` per (rule, file): a rule with
findings in a file is a failed test whose ``<failure>`` lists every finding (segment, line,
message); a rule that ran and found nothing there passes. Warnings and infos fail the test
case too (dashboards have no "warning" state) but say their severity in ``type``.
Written with lxml, so escaping and encoding are the library's job.
"""

from __future__ import annotations

from collections import defaultdict
from typing import Any, ClassVar

from lxml import etree

from ..model import Finding
from .base import Formatter


def _failure_text(findings: list[Finding]) -> str:
    return "\n".join(
        f"{f.location.file}:{f.location.line}: {f.severity.value} [{f.location.segment}] {f.message}" for f in findings
    )


class JunitFormatter(Formatter):
    name: ClassVar[str] = "junit"
    description: ClassVar[str] = "JUnit XML: one test case per rule per file, failures carry the findings"

    def finish(self, summary: dict[str, Any]) -> None:
        by_file: dict[str, dict[str, list[Finding]]] = defaultdict(lambda: defaultdict(list))
        for finding in self.sorted_findings():
            by_file[finding.location.file][finding.rule].append(finding)
        files = sorted(set(by_file) | set(self.run.files))
        rule_ids = [rule.id for rule in self.rule_classes()]

        root = etree.Element("testsuites", name="duizhao")
        total_tests = total_failures = 0
        for file in files:
            rules = by_file.get(file, {})
            ids = list(dict.fromkeys([*rule_ids, *rules]))
            suite = etree.SubElement(root, "testsuite", name=file)
            properties = etree.SubElement(suite, "properties")
            etree.SubElement(properties, "property", name="signature", value=self.run.signature)
            failures = 0
            for rule_id in ids:
                case = etree.SubElement(suite, "testcase", classname=file, name=rule_id, file=file)
                found = rules.get(rule_id)
                if found:
                    failures += 1
                    worst = max(found, key=lambda f: f.severity.rank).severity.value
                    noun = "finding" if len(found) == 1 else "findings"
                    failure = etree.SubElement(case, "failure", type=worst,
                                               message=f"{len(found)} {noun}: {found[0].message}")
                    failure.text = _failure_text(found)
            suite.set("tests", str(len(ids)))
            suite.set("failures", str(failures))
            suite.set("errors", "0")
            total_tests += len(ids)
            total_failures += failures
        root.set("tests", str(total_tests))
        root.set("failures", str(total_failures))
        root.set("errors", "0")
        xml = etree.tostring(root, encoding="unicode", pretty_print=True)
        self.out.write('<?xml version="1.0" encoding="UTF-8"?>\n' + xml)
