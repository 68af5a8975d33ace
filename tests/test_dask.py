"""``--engine dask``: partitions checked on a Dask cluster give exactly the local findings.

Runs on a two-process ``LocalCluster``; skipped when the ``duizhao[dask]`` extra is absent.
"""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from duizhao import dask_engine, parallel
from duizhao.cli import app
from duizhao.errors import FormatError
from duizhao.runner import CheckRequest, run_check
from tests.test_parallel import _bad_tsv, corpus  # noqa: F401 - the shared corpus fixture

distributed = pytest.importorskip("dask.distributed")


@pytest.fixture(scope="module")
def scheduler():
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                                  dashboard_address=None, silence_logs=50) as cluster:
        yield cluster.scheduler_address


def test_dask_findings_equal_the_local_run(corpus, scheduler, monkeypatch):  # noqa: F811
    monkeypatch.setattr(parallel, "SLICE_BYTES", 1500)  # many partitions on the client side
    monkeypatch.setattr(parallel, "BATCH_PAIRS", 7)
    paths, glossary = corpus
    local = run_check(CheckRequest(paths=paths, glossary=glossary, jobs=1))
    remote = run_check(CheckRequest(paths=paths, glossary=glossary, engine="dask", scheduler=scheduler))
    assert remote.findings == local.findings
    assert remote.summary() == local.summary()
    assert "segment-inconsistent" in remote.summary()["by_rule"]


def test_dask_reports_the_first_input_error_like_a_local_run(tmp_path, scheduler, monkeypatch):
    monkeypatch.setattr(parallel, "SLICE_BYTES", 1500)
    monkeypatch.chdir(tmp_path)
    path = _bad_tsv(tmp_path, b"only one column\n")
    with pytest.raises(FormatError) as info:
        run_check(CheckRequest(paths=(path,), engine="dask", scheduler=scheduler))
    assert info.value.line == 251


def test_cli_engine_dask(corpus, scheduler):  # noqa: F811
    paths, glossary = corpus
    args = ["check", *map(str, paths), "-g", str(glossary), "-f", "json"]
    local = CliRunner().invoke(app, [*args, "--jobs", "1"])
    remote = CliRunner().invoke(app, [*args, "--engine", "dask", "--scheduler", scheduler])
    assert remote.exit_code == local.exit_code == 1, remote.output
    assert json.loads(remote.stdout) == json.loads(local.stdout)


def test_unreachable_scheduler_is_a_usage_error(corpus, monkeypatch):  # noqa: F811
    monkeypatch.setattr(dask_engine, "CONNECT_TIMEOUT", "1s")
    paths, glossary = corpus
    result = CliRunner().invoke(app, ["check", str(paths[0]), "-g", str(glossary),
                                      "--engine", "dask", "--scheduler", "tcp://127.0.0.1:9"])
    assert result.exit_code == 2
    assert "cannot reach the Dask scheduler" in result.output


def test_dask_brings_back_the_pair_views_of_a_local_run(corpus, scheduler, monkeypatch):  # noqa: F811
    monkeypatch.setattr(parallel, "BATCH_PAIRS", 7)
    paths, glossary = corpus
    local = run_check(CheckRequest(paths=paths, glossary=glossary, jobs=1, pair_views=True))
    remote = run_check(CheckRequest(paths=paths, glossary=glossary, engine="dask", scheduler=scheduler,
                                    pair_views=True))
    assert remote.views is not None and local.views is not None
    assert list(remote.views) == list(local.views) and len(local.views) == 462


def test_the_client_never_holds_corpus_state(corpus, scheduler, monkeypatch):  # noqa: F811
    """The probe: every corpus state unpickled in this (the client's) process is counted. The
    workers are other processes; a local --jobs run, which merges in this process, is the control."""
    from duizhao.checks.length import DocLengths
    from duizhao.groups import Groups

    monkeypatch.setattr(parallel, "SLICE_BYTES", 1500)
    monkeypatch.setattr(parallel, "BATCH_PAIRS", 7)
    received: list[str] = []

    def counted(cls):
        restore = getattr(cls, "__setstate__", None)

        def setstate(self, state):
            received.append(cls.__name__)
            if restore is not None:
                restore(self, state)
            else:  # a plain __slots__ object: (None, {slot: value})
                for name, value in state[1].items():
                    setattr(self, name, value)

        monkeypatch.setattr(cls, "__setstate__", setstate, raising=False)

    counted(Groups)
    counted(DocLengths)
    paths, glossary = corpus
    remote = run_check(CheckRequest(paths=paths, glossary=glossary, engine="dask", scheduler=scheduler))
    assert received == []
    local = run_check(CheckRequest(paths=paths, glossary=glossary, jobs=2))
    assert "Groups" in received and "DocLengths" in received  # the probe sees states merged here
    assert remote.findings == local.findings
    assert "segment-inconsistent" in remote.summary()["by_rule"]
