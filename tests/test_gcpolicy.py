"""gcpolicy: long-lived run state is frozen as it is folded, and given back when the run ends."""

from __future__ import annotations

import gc

import pytest

from duizhao import gcpolicy
from duizhao.gcpolicy import collector_resumed, frozen_as_passed, keep_frozen_until_exit


@pytest.fixture(autouse=True)
def _unfrozen(monkeypatch):
    monkeypatch.setattr(gcpolicy, "_runs", gcpolicy._Runs())  # a CLI test in this process may have said otherwise
    gc.unfreeze()
    yield
    gc.unfreeze()


def test_items_pass_through_unchanged_and_state_is_frozen_every_n():
    kept = []
    for item in collector_resumed(frozen_as_passed(range(10), every=4)):
        kept.append([item])  # new long-lived objects, as folded state is
        if item == 2:
            assert gc.get_freeze_count() == 0  # not yet: four items were not used
        if item == 4:
            assert gc.get_freeze_count() > 0
    assert [k[0] for k in kept] == list(range(10))
    assert gc.get_freeze_count() == 0


def test_outside_a_run_nothing_is_frozen():
    assert list(frozen_as_passed(range(5))) == list(range(5))
    assert gc.get_freeze_count() == 0


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
    assert list(collector_resumed(frozen_as_passed(range(3)))) == [0, 1, 2]
    assert gc.get_freeze_count() > 0


def test_a_caller_that_froze_objects_itself_keeps_its_policy_and_we_freeze_nothing():
    gc.freeze()  # e.g. a server that freezes before forking
    before = gc.get_freeze_count()
    late = [[i] for i in range(100)]  # the caller's objects created after its own freeze
    assert list(collector_resumed(frozen_as_passed(range(3)))) == [0, 1, 2]
    assert gc.get_freeze_count() == before  # neither unfrozen nor frozen further
    assert late


def test_overlapping_runs_unfreeze_once_the_last_one_ends():
    first = collector_resumed(frozen_as_passed(range(4)))
    second = collector_resumed(frozen_as_passed(range(4)))
    next(first), next(first)  # first is running and has frozen
    assert gc.get_freeze_count() > 0
    assert list(second) == [0, 1, 2, 3]  # second started while first was running, and ends first
    assert gc.get_freeze_count() > 0  # first still runs: nothing handed back yet
    assert list(first) == [2, 3]
    assert gc.get_freeze_count() == 0
    assert list(collector_resumed(frozen_as_passed(range(2)))) == [0, 1]  # a later run may freeze again
    assert gc.get_freeze_count() == 0
