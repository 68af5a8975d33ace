"""groups: the compact rendering store behaves like a plain dict of lists, however it is chunked."""

from __future__ import annotations

import pickle
from itertools import pairwise

from hypothesis import given, settings
from hypothesis import strategies as st

from duizhao.groups import Groups
from duizhao.model import DocumentInfo, Location, Segment

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


def naive(items) -> dict[str, list[tuple[str, str, list[Location]]]]:
    """The model: key -> [(rendering, preview of its first sighting, every location)], in order."""
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
    return model


def filled(items) -> Groups[str, str]:
    groups: Groups[str, str] = Groups()
    for key, rendering, seg in segments(items):
        groups.add(key, rendering, seg, lambda s: f"{s.en.split()[1]}@{s.id}")
    return groups


def contents(groups: Groups[str, str]) -> dict[str, list[tuple[str, str, list[Location]]]]:
    return {key: groups.renderings(key) for key in groups}


@settings(max_examples=100, deadline=None)
@given(sightings, st.lists(st.integers(0, 40), max_size=4))
def test_groups_chunked_and_merged_equal_the_naive_model(items, cuts):
    bounds = [0, *sorted(min(c, len(items)) for c in cuts), len(items)]
    chunks = [filled(items[a:b]) for a, b in pairwise(bounds)]
    before = [contents(chunk) for chunk in chunks]
    whole = chunks[0]
    for later in chunks[1:]:
        later = pickle.loads(pickle.dumps(later))  # as a chunk's state comes back from a worker
        snapshot = contents(later)
        assert whole.merge(later) is whole
        assert contents(later) == snapshot  # merge does not change its argument
    model = naive(items)
    assert contents(whole) == model
    assert list(whole.divergent_items()) == [
        (key, [(preview, locations) for _, preview, locations in groups])
        for key, groups in model.items() if len(groups) > 1]
    for chunk, seen in zip(chunks[1:], before[1:], strict=True):
        assert contents(chunk) == seen  # the chunks themselves are untouched too


@settings(max_examples=50, deadline=None)
@given(sightings, sightings)
def test_a_merged_state_keeps_growing_without_touching_the_state_it_took_from(first, second):
    whole, later = filled(first), filled(second)
    whole.merge(later)
    snapshot = contents(later)
    for key, rendering, seg in segments(second):  # the merged state grows what it took over
        whole.add(key, rendering, seg, lambda s: f"{s.en.split()[1]}@{s.id}")
    assert contents(later) == snapshot
    assert contents(whole) == naive([*first, *second, *second])
