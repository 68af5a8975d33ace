"""code-missing: the cases of tests/cases/codes.yaml, and what the source scan finds."""

from __future__ import annotations

import pytest

from duizhao.checks.codes import source_codes
from tests.checks.rule_cases import load, run_case


@pytest.mark.parametrize(("rule_id", "case"), load("codes"))
def test_code_cases(rule_id, case):
    run_case(rule_id, case)


@pytest.mark.parametrize(
    ("zh", "codes"),
    [
        ("C919和ARJ21", ["C919", "ARJ21"]),
        ("符合GB/T 7714-2015", ["GB/T 7714-2015"]),
        ("见https://a.cn/x，或发邮件至a@b.cn。", ["https://a.cn/x", "a@b.cn"]),
        ("2024年增长5%", []),
    ],
)
def test_source_codes(zh, codes):
    found = [code for _, code, _, _ in source_codes(zh)]
    assert found == codes
    for _, code, start, end in source_codes(zh):
        assert zh[start:end] == code
