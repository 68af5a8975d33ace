"""gcpolicy: long-lived run state is frozen as it is folded, and given back when the run ends."""

from __future__ import annotations

import gc

import pytest

from duizhao import gcpolicy
from duizhao.gcpolicy import collector_resumed, frozen_as_passed, keep_frozen_until_exit


@pytest.fixture(autouse=True)
def _unfrozen(monkeypatch):
    monkeypatch.setattr(gcpolicy, "_resume_at_end", True)  # a CLI test in this process may have said otherwise
    gc.unfreeze()
    yield
    gc.unfreeze()


def test_items_pass_through_unchanged_and_state_is_frozen_every_n():
    kept = []
    for item in frozen_as_passed(range(10), every=4):
        kept.append([item])  # new long-lived objects, as folded state is
        if item == 2:
            assert gc.get_freeze_count() == 0  # not yet: four items were not used
        if item == 4:
            assert gc.get_freeze_count() > 0
    assert [k[0] for k in kept] == list(range(10))


@pytest.mark.parametrize("stop_after", [None, 3])
def test_collector_resumed_unfreezes_at_the_end_or_when_the_consumer_stops(stop_after):
    stream = collector_resumed(frozen_as_passed(range(10)))
    for index, _ in enumerate(stream):
        if index == stop_after:
            break
    assert gc.get_freeze_count() > 0 or stop_after is None
    stream.close()
    assert gc.get_freeze_count() == 0


def test_a_process_that_exits_after_the_run_keeps_its_state_frozen():
    keep_frozen_until_exit()
    stream = collector_resumed(frozen_as_passed(range(3)))
    assert list(stream) == [0, 1, 2]
    assert gc.get_freeze_count() > 0


def test_a_caller_that_froze_objects_itself_keeps_them_frozen():
    gc.freeze()  # e.g. a server that freezes before forking
    assert list(collector_resumed(frozen_as_passed(range(3)))) == [0, 1, 2]
    assert gc.get_freeze_count() > 0
