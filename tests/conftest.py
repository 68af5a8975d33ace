"""Shared fixtures: the repository root, the public reference data (skipped when absent)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import settings

# No per-example deadline: the suite runs on shared 2-core CI machines, where one slow example
# (a cold import, a busy neighbour) is not a failure. Tests never assert on time.
settings.register_profile("duizhao", deadline=None)
settings.load_profile("duizhao")

REPO_ROOT = Path(__file__).resolve().parents[1]
SHARED_DATA = REPO_ROOT.parent / "shared" / "data"
SEED_DIR = REPO_ROOT.parent / "shared" / "seed"


@pytest.fixture(scope="session", autouse=True)
def _private_cache(tmp_path_factory: pytest.TempPathFactory) -> Iterator[None]:
    """The glossary disk cache lives in a temporary directory: tests never write to ~/.cache."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("DUIZHAO_CACHE_DIR", str(tmp_path_factory.mktemp("duizhao-cache")))
        patch.delenv("DUIZHAO_NO_CACHE", raising=False)
        # A test run inside GitHub Actions must not append every test's report to the real job
        # summary, nor link to the real repository.
        for name in ("GITHUB_STEP_SUMMARY", "GITHUB_SERVER_URL", "GITHUB_REPOSITORY", "GITHUB_SHA"):
            patch.delenv(name, raising=False)
        yield


@pytest.fixture(scope="session")
def repo_root() -> Path:
    return REPO_ROOT


@pytest.fixture(scope="session")
def shared_data() -> Path:
    if not SHARED_DATA.is_dir():
        pytest.skip("../shared/data is not present")
    return SHARED_DATA
