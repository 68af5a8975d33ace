"""OmegaT (a real CAT tool) loads duizhao's TMX as a project memory and fills a document from it.

Runs ``omegat_check.sh`` (about 3 s of Java start-up); skipped when OmegaT is not installed.
"""

from __future__ import annotations

import os
import shlex
import subprocess
import sys
from pathlib import Path

import pytest

SCRIPT = Path(__file__).with_name("omegat_check.sh")


def test_omegat_console_translate_fills_the_document_from_our_tmx():
    if not Path("/usr/share/omegat/OmegaT.jar").is_file():
        pytest.skip("OmegaT is not installed (apt-get install omegat)")
    env = {"DUIZHAO": f"{shlex.quote(sys.executable)} -m duizhao", "PATH": "/usr/bin:/bin", "HOME": str(Path.home()),
           "DUIZHAO_CACHE_DIR": os.environ["DUIZHAO_CACHE_DIR"]}  # tests/conftest.py: never ~/.cache
    done = subprocess.run(["bash", str(SCRIPT)], capture_output=True, text=True, env=env, timeout=120)
    if done.returncode == 77:
        pytest.skip(done.stdout.strip())
    assert done.returncode == 0, done.stdout + done.stderr
    assert "PASS: OmegaT loaded duizhao's TMX" in done.stdout
