"""Pair views: what a report draws of a pair, recorded by the check; the store keeps memory flat."""

from __future__ import annotations

import pytest

from duizhao.checks.base import PairContext
from duizhao.glossary import TermMatcher
from duizhao.model import Glossary, Term
from duizhao.pairviews import PairViews, pack, view_of
from tests.helpers import seg


@pytest.mark.parametrize("count", [0, 1, 3, 4, 10])
def test_the_store_gives_back_every_view_in_order_however_many_were_spooled(count):
    store = PairViews(spool_every=3)
    views = [view_of(PairContext(seg(f"第{i}句", f"Sentence {i}", seg_id=f"s{i}"), None)) for i in range(count)]
    store.extend(views)
    assert len(store) == count
    assert list(store) == views and list(store) == views  # iterable again
    store.add(views[0] if views else view_of(PairContext(seg("一", "one"), None)))  # and it grows after reading
    assert len(list(store)) == count + 1
    store.close()
    assert list(store) == []


def test_a_view_marks_figures_and_the_glossary_terms_of_both_sides():
    term = Term(zh="新质生产力", en="new quality productive forces", forbidden=("new quality productivity",))
    matcher = TermMatcher(Glossary(terms=(term,), hash="h"))
    pair = seg("发展新质生产力，投入30亿元", "30 billion yuan for new quality productivity",
               props={"xliff.number": "7"})
    view = view_of(PairContext(pair, matcher))
    assert (view.zh, view.en, view.id, view.number, view.source_side) == (pair.zh, pair.en, pair.id, "7", "zh")
    assert [(pair.zh[s:e], css) for s, e, css, _ in view.zh_marks] == [("30", "figure"), ("新质生产力", "term")]
    assert [(pair.en[s:e], css) for s, e, css, _ in view.en_marks] == [("30", "figure"),
                                                                       ("new quality productivity", "forbidden")]


def test_packed_chunks_keep_their_place_among_single_views():
    """A worker's chunk arrives packed; views added one by one before it stay before it."""
    views = [view_of(PairContext(seg(f"第{i}句", f"Sentence {i}", seg_id=f"s{i}"), None)) for i in range(9)]
    store = PairViews(spool_every=4)
    store.extend(views[:2])
    store.add_packed(pack(views[2:7]), 5)
    store.extend(views[7:])
    assert len(store) == 9 and list(store) == views
