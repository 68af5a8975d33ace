"""The Dask engine's shuffle, run in this process: corpus states split by key on each partition,
folded part by part in partition order and finished part by part give the findings of one run.

Every corpus rule takes part: the consistency rules split by digest, the per-document ones
(length-outlier, omission-suspected, spelling-variant-mixed) by document.
"""

from __future__ import annotations

import pickle

import pytest

from duizhao import parallel
from duizhao.dask_engine import FOLD_EVERY, Shuffled, check_partition, finish_part, fold_pieces
from duizhao.engine import CheckSetup
from duizhao.model import Finding
from duizhao.parallel import plan
from duizhao.spill import SplitsState
from tests.test_parallel import corpus  # noqa: F401 - the shared corpus fixture


def shuffled_findings(setup: CheckSetup, paths, parts: int, fold_every: int) -> tuple[list[Finding], list[Finding]]:
    """Per-pair and corpus findings as the cluster computes them (pieces pickled as they travel)
    and the client keeps them (less what a segment suppresses)."""
    per_pair: list[Finding] = []
    suppressions: dict = {}
    held: list[list] = [[] for _ in range(parts)]
    for task in plan(paths):
        shuffled = pickle.loads(pickle.dumps(check_partition(setup, task, parts)))
        assert isinstance(shuffled, Shuffled) and shuffled.result.states == []
        per_pair.extend(shuffled.result.findings)
        suppressions.update(shuffled.result.suppressions)
        for part, pieces in enumerate(held):
            pieces.append(shuffled.pieces[part])
            if len(pieces) >= fold_every:
                pieces[:] = [pickle.loads(pickle.dumps(fold_pieces(setup, 4096, *pieces)))]
    corpus_findings = []
    for pieces in held:
        corpus_findings.extend(f for found in finish_part(setup, 4096, *pieces) for f in found)
    return per_pair, list(setup.build().kept(corpus_findings, suppressions))


def test_every_corpus_rule_splits_its_state():
    setup = CheckSetup()
    assert all(isinstance(rule, SplitsState) for rule in setup.build().corpus_rules)


@pytest.mark.parametrize(("parts", "fold_every"), [(1, FOLD_EVERY), (5, 3)])
def test_shuffled_findings_equal_one_run(corpus, monkeypatch, parts, fold_every):  # noqa: F811
    monkeypatch.setattr(parallel, "SLICE_BYTES", 1500)
    monkeypatch.setattr(parallel, "BATCH_PAIRS", 7)
    paths, glossary = corpus
    setup = CheckSetup(glossary_path=str(glossary))
    checker = setup.build()
    corpus_ids = {rule.id for rule in checker.corpus_rules}
    local = list(checker.run(seg for task in plan(paths) for seg in task.segments()))
    per_pair, corpus_findings = shuffled_findings(setup, paths, parts, fold_every)
    assert per_pair == [f for f in local if f.rule not in corpus_ids]
    assert any(f.rule == "segment-inconsistent" for f in corpus_findings)
    assert sorted(corpus_findings, key=Finding.sort_key) == sorted(
        (f for f in local if f.rule in corpus_ids), key=Finding.sort_key)


def test_per_document_rules_shuffle_by_document(shared_data, monkeypatch):
    monkeypatch.setattr(parallel, "SLICE_BYTES", 60_000)
    paths = [shared_data / "wmt21-newstest-zhen" / "pairs.tsv"]
    rules = ("length-outlier", "omission-suspected", "spelling-variant-mixed", "target-inconsistent")
    setup = CheckSetup(select=rules)
    local = list(setup.build().run(seg for task in plan(paths) for seg in task.segments()))
    assert {f.rule for f in local} >= {"length-outlier", "spelling-variant-mixed"}
    per_pair, corpus_findings = shuffled_findings(setup, paths, 5, 3)
    assert per_pair == []
    assert sorted(corpus_findings, key=Finding.sort_key) == sorted(local, key=Finding.sort_key)
