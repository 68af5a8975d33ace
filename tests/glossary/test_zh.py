"""Chinese-side matching: script, width and quote normalisation, longest match, spans in the original."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from duizhao.glossary import Glossary, TermMatcher
from duizhao.model import Term
from duizhao.script import converter, match_form_zh

from .conftest import cases


@pytest.mark.parametrize("case", cases("zh"))
def test_zh_cases(matcher, case):
    hits = matcher.find_zh(case["text"])
    assert [h.term.zh for h in hits] == case["hits"]
    assert [case["text"][h.start:h.end] for h in hits] == case["spans"]


def test_entry_written_in_traditional_matches_simplified_text():
    glossary = Glossary(terms=(Term("鄉村振興", "rural revitalization"),), hash="x")
    hits = TermMatcher(glossary).find_zh("全面推进乡村振兴")
    assert [(h.start, h.end) for h in hits] == [(4, 8)]


def test_longest_match_wins_even_when_the_shorter_starts_first():
    terms = (Term("AB", "ab"), Term("BCDE", "bcde"))
    glossary = Glossary(terms=tuple(Term(t.zh.replace("A", "甲").replace("B", "乙").replace("C", "丙")
                                         .replace("D", "丁").replace("E", "戊"), t.en) for t in terms), hash="x")
    hits = TermMatcher(glossary).find_zh("甲乙丙丁戊")
    assert [h.term.zh for h in hits] == ["乙丙丁戊"]


def test_hits_are_sorted_and_do_not_overlap(matcher):
    text = "坚持以习近平新时代中国特色社会主义思想为指导，推动高质量发展，推进新型城镇化和乡村振兴，共建一带一路。"
    hits = matcher.find_zh(text)
    assert [h.term.zh for h in hits] == ["习近平新时代中国特色社会主义思想", "推动高质量发展", "新型城镇化",
                                         "乡村振兴", "一带一路"]
    ends = [0] + [h.end for h in hits]
    assert all(h.start >= end for h, end in zip(hits, ends, strict=False))


def test_ten_thousand_terms_build_and_match(policy):
    many = [Term(f"术语{i:05d}号", f"term {i}") for i in range(10_000)]
    matcher = TermMatcher(Glossary(terms=(*policy.terms, *many), hash="x"))
    hits = matcher.find_zh("这是术语00042号和术语09999号，还有乡村振兴。")
    assert [h.term.zh for h in hits] == ["术语00042号", "术语09999号", "乡村振兴"]


_CJK_TEXT = st.text(alphabet=st.sampled_from(list("乡村振兴一带一路鄉興帶「」“”\" 　高质量发展ＡＢ１２abc，。")),
                    max_size=40)
_SLOGAN_CHARS = st.sampled_from(list("乡村振兴一带一路高质量发展新型城镇化习近平新时代"))


@given(_CJK_TEXT)
def test_offset_map_points_into_the_original(text):
    form, offsets = match_form_zh(text)
    assert len(form) == len(offsets)
    assert list(offsets) == sorted(offsets) and len(set(offsets)) == len(offsets)
    assert all(0 <= i < len(text) for i in offsets)


@given(st.text(alphabet=_SLOGAN_CHARS, min_size=1, max_size=30))
def test_traditional_text_matches_like_its_simplified_original(text):
    """s2t then matching finds the same terms at the same places (t2s is 1:1 for these characters)."""
    from duizhao.glossary import load_glossary

    from .conftest import FIXTURES

    matcher = TermMatcher(load_glossary(FIXTURES / "policy.yaml"))
    traditional = converter("s2t").convert(text)
    assert [(h.term.zh, h.start, h.end) for h in matcher.find_zh(traditional)] == \
           [(h.term.zh, h.start, h.end) for h in matcher.find_zh(text)]


@given(st.text(alphabet=st.sampled_from(list("乡村振兴一带一路鄉興帶「」“” 　新型城镇化高质量发展推动")), max_size=40))
def test_every_span_holds_its_term(text):
    from duizhao.glossary import load_glossary
    from duizhao.script import match_key_zh

    from .conftest import FIXTURES

    for hit in TermMatcher(load_glossary(FIXTURES / "policy.yaml")).find_zh(text):
        assert match_key_zh(text[hit.start:hit.end]) == match_key_zh(hit.term.zh)


def test_length_changing_conversion_falls_back_to_one_character_at_a_time(monkeypatch, matcher):
    """If OpenCC's phrase tables ever change a run's length, offsets must still be exact."""
    import duizhao.script as script

    monkeypatch.setattr(script, "to_simplified", lambda text: text[1:])  # a conversion that loses a char
    text = "他說，全面推進鄉村振興"
    (hit,) = matcher.find_zh(text)
    assert text[hit.start:hit.end] == "鄉村振興" and hit.term.zh == "乡村振兴"


def test_matcher_survives_pickling_for_parallel_runs(matcher):
    import pickle

    again = pickle.loads(pickle.dumps(matcher))
    (hit,) = again.find_zh("推進鄉村振興")
    assert (hit.term.zh, hit.start, hit.end) == ("乡村振兴", 2, 6)
    assert [h.kind for h in again.find_en("rural revitalisation", hit.term)] == ["variant"]
