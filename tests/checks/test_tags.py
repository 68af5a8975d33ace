"""tag-mismatch and target-untranslated on hand-made pairs."""

from __future__ import annotations

from types import MappingProxyType

import pytest

from duizhao.checks.base import PairContext
from duizhao.checks.tags import TagMismatch, TargetUntranslated
from duizhao.model import DocumentInfo, Segment

DOC = DocumentInfo(id="d", file="d.xlf")


def seg(zh: str, en: str, zh_codes: str = "", en_codes: str = "", source: str = "zh") -> Segment:
    props = {"xliff.source": source, "codes.zh": zh_codes, "codes.en": en_codes}
    return Segment(id="u1", zh=zh, en=en, doc=DOC, props=MappingProxyType(props))


def messages(rule, segment: Segment) -> list[str]:
    return [f.message for f in rule.check(PairContext(segment, None))]


@pytest.mark.parametrize(("zh_codes", "en_codes", "expected"), [
    ("<g:1@0 >g:1@2", "<g:1@0 >g:1@5", []),
    ("<g:1@0 >g:1@2 |ph:2@3", "<g:1@0 >g:1@5", ["code <ph id=2> is missing in the English"]),
    ("", "|ph:9@1", ["code <ph id=9> is in the English only"]),
    ("|ph:2@1", "|ph:2@1 |ph:2@4", ["code <ph id=2> appears 2 times in the English, 1 in the Chinese"]),
    ("<g:1@0 <g:2@1 >g:2@2 >g:1@3", "<g:1@0 >g:1@2 <g:2@3 >g:2@4",
     ["code <g id=2> is nested at the top level in the English, not as in the Chinese"]),
    ("<bpt:1@0 >bpt:1@2", "", ["code <bpt id=1> is missing in the English"]),
])
def test_tag_mismatch(zh_codes, en_codes, expected):
    assert messages(TagMismatch(), seg("国务院令", "State Council Decree", zh_codes, en_codes)) == expected


def test_tag_mismatch_in_an_english_source_file_names_the_chinese_target():
    assert messages(TagMismatch(), seg("点击", "Click", "", "|x:1@5", source="en")) == [
        "code <x id=1> is missing in the Chinese"]


def test_an_empty_target_is_not_a_tag_problem():
    assert messages(TagMismatch(), seg("国务院", "", "|ph:1@0", "")) == []


def test_pairs_without_codes_are_not_looked_at():
    plain = Segment(id="1", zh="一", en="one", doc=DOC)
    assert messages(TagMismatch(), plain) == []


@pytest.mark.parametrize(("zh", "en", "fires"), [
    ("我们的国家欣欣向荣。", "我们的国家欣欣向荣。", True),
    ("Press release for immediate use", "Press release for immediate use", True),
    ("GDP", "GDP", False),
    ("2024", "2024", False),
    ("国务院", "The State Council", False),
])
def test_target_untranslated(zh, en, fires):
    assert bool(messages(TargetUntranslated(), Segment(id="1", zh=zh, en=en, doc=DOC))) == fires
