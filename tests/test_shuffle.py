"""The Dask engine's shuffle, run in this process: corpus states split by key on each partition,
folded part by part in partition order and finished part by part give the findings of one run.

Every corpus rule takes part: the consistency rules split by digest, the per-document ones
(length-outlier, omission-suspected, spelling-variant-mixed) by document.
"""

from __future__ import annotations

import pickle

import pytest

from duizhao import dask_engine, parallel
from duizhao.engine import CheckSetup
from duizhao.model import Finding
from duizhao.parallel import plan
from duizhao.spill import SplitsState
from tests.test_parallel import corpus  # noqa: F401 - the shared corpus fixture


class _Done:
    """A finished future."""

    def __init__(self, value) -> None:
        self.value = value

    def result(self):
        return self.value

    def release(self) -> None:
        pass


class InProcess:
    """A Dask client that runs each task at once, here, its result pickled as if it travelled."""

    def __init__(self) -> None:
        self.tasks: list[str] = []

    def nthreads(self) -> dict[str, int]:
        return {"worker": 1}

    def scatter(self, value, **_: object) -> _Done:
        return _Done(value)

    def submit(self, function, *args, pure: bool = True) -> _Done:
        self.tasks.append(function.__name__)
        value = function(*(arg.value if isinstance(arg, _Done) else arg for arg in args))
        return _Done(pickle.loads(pickle.dumps(value)))


def shuffled(setup: CheckSetup, paths, parts: int, fold_every: int, monkeypatch) -> tuple[list[Finding], list[str]]:
    """Every finding as ``dask_engine.shuffled_check`` gives it, and the tasks it ran."""
    monkeypatch.setattr(dask_engine, "PARTS_PER_THREAD", parts)
    monkeypatch.setattr(dask_engine, "FOLD_EVERY", fold_every)
    client = InProcess()
    checker = setup.build()
    found = list(dask_engine.shuffled_check(client, checker, setup, plan(paths)))
    return found, client.tasks


def test_every_corpus_rule_splits_its_state():
    setup = CheckSetup()
    assert all(isinstance(rule, SplitsState) for rule in setup.build().corpus_rules)


@pytest.mark.parametrize(("parts", "fold_every"), [(1, 16), (5, 2)])
def test_shuffled_findings_equal_one_run(corpus, monkeypatch, parts, fold_every):  # noqa: F811
    monkeypatch.setattr(parallel, "SLICE_BYTES", 1500)
    monkeypatch.setattr(parallel, "BATCH_PAIRS", 7)
    paths, glossary = corpus
    setup = CheckSetup(glossary_path=str(glossary))
    checker = setup.build()
    corpus_ids = {rule.id for rule in checker.corpus_rules}
    local = list(checker.run(seg for task in plan(paths) for seg in task.segments()))
    found, tasks = shuffled(setup, paths, parts, fold_every, monkeypatch)
    per_pair = [f for f in found if f.rule not in corpus_ids]
    assert per_pair == [f for f in local if f.rule not in corpus_ids]  # in input order
    assert any(f.rule == "segment-inconsistent" for f in found)
    assert sorted(found, key=Finding.sort_key) == sorted(local, key=Finding.sort_key)
    if fold_every == 2:  # a deep tree of folds: the pieces of dozens of partitions
        assert tasks.count("fold_pieces") > 4 * parts


def test_per_document_rules_shuffle_by_document(shared_data, monkeypatch):
    monkeypatch.setattr(parallel, "SLICE_BYTES", 60_000)
    paths = [shared_data / "wmt21-newstest-zhen" / "pairs.tsv"]
    rules = ("length-outlier", "omission-suspected", "spelling-variant-mixed", "target-inconsistent")
    setup = CheckSetup(select=rules)
    local = list(setup.build().run(seg for task in plan(paths) for seg in task.segments()))
    assert {f.rule for f in local} >= {"length-outlier", "spelling-variant-mixed"}
    found, _ = shuffled(setup, paths, 5, 2, monkeypatch)
    assert sorted(found, key=Finding.sort_key) == sorted(local, key=Finding.sort_key)
