"""SIGTERM and SIGINT during ``--jobs 2``: workers stopped, no temporary file, one line, 143 / 130.

These run the console script in a subprocess (a signal needs a process of its own) on a corpus
big enough that the pool is still working when the signal arrives.
"""

from __future__ import annotations

import contextlib
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

pytestmark = pytest.mark.skipif(not Path("/proc/self/task").is_dir(), reason="needs Linux /proc")

ROWS = 120_000


def _children(pid: int) -> set[int]:
    found: set[int] = set()
    for task in Path(f"/proc/{pid}/task").glob("*"):
        with contextlib.suppress(OSError):
            found.update(int(c) for c in (task / "children").read_text().split())
    return found


def _alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("signals")
    lines = (f"第{i}条：2024年增长{i % 97}%，新质生产力\tArticle {i}: growth of {i % 97}% in 2024, new productivity\n"
             for i in range(ROWS))
    (root / "big.tsv").write_text("".join(lines), encoding="utf-8")
    return root


@pytest.mark.parametrize(("signum", "code"), [(signal.SIGTERM, 143), (signal.SIGINT, 130)],
                         ids=["sigterm", "sigint"])
def test_signal_during_parallel_check(corpus: Path, signum: int, code: int) -> None:
    for leftover in corpus.glob("r.json*"):
        leftover.unlink()
    env = {**os.environ, "DUIZHAO_NO_CACHE": "1"}
    proc = subprocess.Popen([sys.executable, "-m", "duizhao", "check", "big.tsv", "-j", "2", "-f", "json",
                             "-o", "r.json"], cwd=corpus, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    try:
        deadline = time.monotonic() + 60
        workers: set[int] = set()
        while time.monotonic() < deadline and proc.poll() is None:
            workers = _children(proc.pid)
            if len(workers) >= 2:
                break
            time.sleep(0.05)
        if proc.poll() is not None:
            pytest.skip("the run finished before its pool started (a very fast machine)")
        assert workers, "no worker process started"
        time.sleep(0.3)
        proc.send_signal(signum)
        _out, err = proc.communicate(timeout=60)  # the pipes close: no worker holds them open
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
    assert proc.returncode == code, err.decode()
    assert err.decode().strip().splitlines()[-1] == "duizhao: interrupted", err.decode()
    assert "Traceback" not in err.decode()
    assert not any(_alive(pid) for pid in workers), "a worker outlived the run"
    assert not list(corpus.glob(".r.json*")) and not list(corpus.glob("*.tmp")), "a temporary file was left"
    assert not (corpus / "r.json").exists(), "an interrupted run wrote its report"
