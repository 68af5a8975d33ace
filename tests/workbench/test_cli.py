"""``duizhao serve`` as a user starts it: a real process, a real port, a clean stop."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def test_serve_starts_on_loopback_serves_the_page_and_stops_on_sigterm(tmp_path: Path) -> None:
    port = _free_port()
    process = subprocess.Popen(
        [sys.executable, "-m", "duizhao", "serve", str(REPO / "corpus"), "-g", str(REPO / "glossary"),
         "--port", str(port)], stdout=subprocess.PIPE, stderr=subprocess.PIPE, cwd=tmp_path, text=True)
    try:
        page = ""
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline and not page:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=2) as response:
                    page = response.read().decode("utf-8")
            except OSError:
                time.sleep(0.2)
        assert "duizhao workbench" in page and "data-token=" in page
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/api/documents", timeout=5) as response:
            assert b"datong-2024-new-year.yaml" in response.read()
    finally:
        process.send_signal(signal.SIGTERM)
        _, stderr = process.communicate(timeout=20)
    assert process.returncode in (0, 143, -signal.SIGTERM), stderr
    assert "Traceback" not in stderr and f"http://localhost:{port}/" in stderr


def test_serve_refuses_a_missing_directory_in_one_line(tmp_path: Path) -> None:
    result = subprocess.run([sys.executable, "-m", "duizhao", "serve", "nowhere", "--port", "1"],
                            capture_output=True, text=True, cwd=tmp_path, timeout=60,
                            env={**os.environ, "DUIZHAO_NO_CACHE": "1"})
    assert result.returncode == 2 and result.stderr.count("\n") == 1 and "nowhere" in result.stderr
