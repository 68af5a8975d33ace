"""groups: the flat rendering store gives what a plain dict of lists gives, however it is chunked
and however little memory it may hold (spilled to disk and read back)."""

from __future__ import annotations

import pickle
import tempfile
from itertools import pairwise

from hypothesis import given, settings
from hypothesis import strategies as st

from duizhao import groups as groups_module
from duizhao.checks.consistency import SegmentInconsistent, TargetInconsistent
from duizhao.checks.terms import TermInconsistent
from duizhao.engine import Checker
from duizhao.glossary import TermMatcher
from duizhao.groups import Groups
from duizhao.model import DocumentInfo, Glossary, Location, Segment, Term
from duizhao.spill import MemoryBudget

DOCS = [DocumentInfo("d1", "a.tsv"), DocumentInfo("d2", "b.yaml"), DocumentInfo("d1", "c.tmx")]

# one sighting: (key, rendering, document, line, whether the segment id is its line number)
sightings = st.lists(
    st.tuples(st.sampled_from(["k1", "k2", "k3"]), st.sampled_from(["r1", "r2", "r3"]),
              st.integers(0, len(DOCS) - 1), st.integers(0, 2**33), st.booleans()),
    max_size=40)


def segments(items):
    for key, rendering, doc, line, by_line in items:
        seg_id = str(line) if by_line else f"s{line}"
        yield key, rendering, Segment(seg_id, f"zh {key}", f"en {rendering}", DOCS[doc], line)


def naive(items) -> list[list[tuple[str, list[Location]]]]:
    """The model: per key seen with several renderings, in order of first sighting,
    ``[(preview of a rendering's first sighting, every location)]`` in order of first sighting."""
    model: dict[str, list[tuple[str, str, list[Location]]]] = {}
    for key, rendering, seg in segments(items):
        where = Location(seg.doc.file, seg.line, seg.id, seg.doc.id)
        groups = model.setdefault(key, [])
        for known, _, locations in groups:
            if known == rendering:
                locations.append(where)
                break
        else:
            groups.append((rendering, f"{rendering}@{seg.id}", [where]))
    return [[(preview, locations) for _, preview, locations in groups] for groups in model.values()
            if len(groups) > 1]


def filled(items, groups: Groups | None = None) -> Groups[str, str]:
    groups = groups if groups is not None else Groups()
    for key, rendering, seg in segments(items):
        groups.add(key, rendering, seg, lambda s: f"{s.en.split()[1]}@{s.id}")
    return groups


@settings(max_examples=100, deadline=None)
@given(sightings, st.lists(st.integers(0, 40), max_size=4), st.sampled_from([None, 1, 200, 2000]), st.booleans())
def test_groups_chunked_merged_and_spilled_equal_the_naive_model(items, cuts, limit, in_python):
    small, groups_module._SMALL = groups_module._SMALL, 10**9 if in_python else 0  # both ways of grouping
    try:
        check_chunked(items, cuts, limit)
    finally:
        groups_module._SMALL = small


def check_chunked(items, cuts, limit):
    bounds = [0, *sorted(min(c, len(items)) for c in cuts), len(items)]
    chunks = [filled(items[a:b]) for a, b in pairwise(bounds)]
    budget = MemoryBudget(limit)
    whole = chunks[0]
    budget.bind([whole])
    try:
        for later in chunks[1:]:
            later = pickle.loads(pickle.dumps(later))  # as a chunk's state comes back from a worker
            snapshot = list(later.divergent())
            assert whole.merge(later) is whole
            assert list(later.divergent()) == snapshot  # merge does not change its argument
        assert len(whole) == len(items)
        assert list(whole.divergent()) == naive(items)
        assert [shown for shown, _ in whole.divergent_items()] == [groups[0][0] for groups in naive(items)]
        if limit == 1 and len(items) > 1:
            assert budget.spilled
    finally:
        budget.close()
    assert budget._directory is None


@settings(max_examples=50, deadline=None)
@given(sightings, sightings, st.sampled_from([None, 1, 500]))
def test_a_merged_state_keeps_growing_without_touching_the_state_it_took_from(first, second, limit):
    whole, later = filled(first), filled(second)
    budget = MemoryBudget(limit)
    budget.bind([whole])
    whole.merge(later)
    snapshot = list(later.divergent())
    filled(second, whole)  # the merged state grows what it took over
    assert list(later.divergent()) == snapshot
    assert list(whole.divergent()) == naive([*first, *second, *second])
    spilled = pickle.loads(pickle.dumps(whole))  # a spilled state pickles with everything it holds
    budget.close()
    assert list(spilled.divergent()) == naive([*first, *second, *second])


def test_a_repeat_costs_one_record_and_no_preview():
    """A text seen n times costs n fixed records, not n previews (nor a Python object per sighting)."""
    doc = DocumentInfo("d", "a.yaml")
    groups: Groups[bytes, bytes] = Groups()
    groups.add(b"k" * 12, b"r" * 12, Segment("s0", "同一句。", "Same sentence here.", doc, 1), "x" * 50)
    first = groups.memory
    for i in range(1, 6):
        groups.add(b"k" * 12, b"r" * 12, Segment(f"s{i}", "同一句。", "Same sentence here.", doc, i + 1), "x" * 50)
    assert groups.memory - first == 5 * (60 + 2)  # a record and the segment id ("s1"...), no preview


# -- the rules: a random corpus with a tiny budget gives the findings of an unlimited run ------

TERM = Term(zh="一带一路", en="the Belt and Road Initiative", variants=("Belt and Road",))
MATCHER = TermMatcher(Glossary(terms=(TERM,), hash="test"))
ZH = ["全市GDP增长5%。", "一带一路建设取得成效。", "祝愿全市人民幸福安康！", "推进一带一路合作。"]
EN = ["The city's GDP grew by 5%.", "The Belt and Road Initiative has achieved results here.",
      "Belt and Road cooperation moved forward well.", "We wish the people of the city happiness."]
pairs = st.lists(st.tuples(st.integers(0, len(ZH) - 1), st.integers(0, len(EN) - 1), st.integers(0, 2),
                           st.booleans()), max_size=60)


def corpus(items):
    docs = [DocumentInfo("a", "a.tsv"), DocumentInfo("b", "b.yaml"), DocumentInfo("c", "b.yaml")]
    for n, (zh, en, doc, by_line) in enumerate(items):
        yield Segment(str(n + 1) if by_line else f"s{n}", ZH[zh], EN[en], docs[doc], n + 1)


def rules():
    return [SegmentInconsistent(), TargetInconsistent(), TermInconsistent()]


@settings(max_examples=60, deadline=None)
@given(pairs, st.integers(1, 3000), st.integers(1, 5))
def test_findings_with_a_tiny_budget_equal_an_unlimited_run(items, limit, chunks):
    unlimited = list(Checker(rules(), MATCHER, memory_limit=None).run(corpus(items)))
    assert list(Checker(rules(), MATCHER, memory_limit=limit).run(corpus(items))) == unlimited
    checker = Checker(rules(), MATCHER, memory_limit=limit)  # chunked as --jobs and Dask chunk
    segs = list(corpus(items))
    size = max(1, len(segs) // chunks)
    results = [Checker(rules(), MATCHER).check_chunk(segs[i:i + size]) for i in range(0, len(segs), size)]
    assert list(checker.reduce(pickle.loads(pickle.dumps(results)))) == unlimited


def test_spilled_files_last_as_long_as_the_run(tmp_path, monkeypatch):
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    items = [(i % 4, (i // 4) % 4, 0, True) for i in range(200)]
    run = Checker(rules(), MATCHER, memory_limit=100).run(corpus(items))
    assert next(run).rule == "segment-inconsistent"  # the corpus findings come from the spilled state
    assert [path.name[:14] for path in tmp_path.iterdir()] == ["duizhao-spill-"]
    run.close()  # a run stopped half-way (an interrupt, a closed generator) removes its files too
    assert not list(tmp_path.iterdir())
    spilled = list(Checker(rules(), MATCHER, memory_limit=100).run(corpus(items)))
    assert not list(tmp_path.iterdir())
    assert spilled == list(Checker(rules(), MATCHER, memory_limit=None).run(corpus(items)))
    assert not list(tmp_path.iterdir())
