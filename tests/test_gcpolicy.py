"""gcpolicy: long-lived run state is frozen as it is folded, and given back when the run ends."""

from __future__ import annotations

import gc
from pathlib import Path

import pytest
from typer.testing import CliRunner

from duizhao import gcpolicy
from duizhao.cli import app
from duizhao.gcpolicy import collector_resumed, frozen_as_passed
from duizhao.runner import CheckRequest, run_check

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(autouse=True)
def _nothing_frozen_before():
    # no reset: whatever ran before in this process (CLI tests included) must have left
    # the collector as it found it
    assert gc.get_freeze_count() == 0


@pytest.fixture
def unfreeze_after():
    """For the tests that freeze on purpose (as a process about to exit, or a forking server)."""
    yield
    gc.unfreeze()


def neutral() -> bool:
    runs = gcpolicy._runs
    return (runs.active, runs.may_freeze, runs.keep_frozen) == (0, False, False)


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


def test_a_process_that_exits_after_the_run_keeps_its_state_frozen(unfreeze_after):
    assert list(collector_resumed(frozen_as_passed(range(3)), keep_frozen=True)) == [0, 1, 2]
    assert gc.get_freeze_count() > 0
    assert neutral()  # the choice was this run's, not the process's


def test_a_caller_that_froze_objects_itself_keeps_its_policy_and_we_freeze_nothing(unfreeze_after):
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


def test_an_in_process_cli_check_leaves_the_collector_and_the_policy_as_it_found_them(monkeypatch):
    monkeypatch.chdir(ROOT)
    result = CliRunner().invoke(app, ["check", "-f", "json", "--jobs", "1"])
    assert result.exit_code == 0, result.output
    assert gc.get_freeze_count() == 0
    assert neutral()
    frozen_during = []
    spy = frozen_as_passed

    def watching(items, every=1):  # a later library run still freezes while it runs, and gives it back
        for item in spy(items, every=1):
            frozen_during.append(gc.get_freeze_count())
            yield item

    monkeypatch.setattr("duizhao.runner.frozen_as_passed", watching)
    outcome = run_check(CheckRequest(paths=(ROOT / "corpus",), glossary=ROOT / "glossary"))
    assert outcome.stats.segments > 1
    assert max(frozen_during) > 0
    assert gc.get_freeze_count() == 0
    assert neutral()


def test_the_console_script_decides_to_keep_its_run_frozen(monkeypatch, unfreeze_after):
    import sys

    from duizhao.cli import main

    kept = []
    real = run_check

    def recording(request, progress=None, *, keep_frozen=False):
        kept.append(keep_frozen)
        return real(request, progress, keep_frozen=keep_frozen)

    monkeypatch.setattr("duizhao.runner.run_check", recording)
    monkeypatch.chdir(ROOT)
    monkeypatch.setattr(sys, "argv", ["duizhao", "check", "-f", "json", "--jobs", "1"])
    with pytest.raises(SystemExit) as exit_:
        main()
    assert exit_.value.code == 0
    assert kept == [True]
    assert neutral()
