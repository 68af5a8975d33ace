"""Debian's headless Chromium driven by Selenium, for the browser tests (they skip without it).

``driver()`` yields a Chrome driver whose downloads land in ``driver.downloads`` (a private
temporary directory, removed afterwards); ``downloaded`` waits for a finished download.
"""

from __future__ import annotations

import shutil
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
CHROMEDRIVER = shutil.which("chromedriver")
FLAGS = ("--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
         "--disable-component-update", "--disable-sync", "--no-first-run")
needs_chromium = pytest.mark.skipif(not (CHROMIUM and CHROMEDRIVER),
                                    reason="chromium and chromium-driver not installed")


@contextmanager
def driver(window: str = "1280,1000") -> Iterator[Any]:
    webdriver = pytest.importorskip("selenium.webdriver")
    from selenium.webdriver.chrome.options import Options
    from selenium.webdriver.chrome.service import Service

    options = Options()
    options.binary_location = CHROMIUM
    for flag in (*FLAGS, f"--window-size={window}"):
        options.add_argument(flag)
    downloads = Path(tempfile.mkdtemp(prefix="duizhao-downloads-"))
    options.add_experimental_option("prefs", {"download.default_directory": str(downloads),
                                              "download.prompt_for_download": False})
    chrome = webdriver.Chrome(service=Service(CHROMEDRIVER), options=options)
    chrome.execute_cdp_cmd("Browser.setDownloadBehavior", {"behavior": "allow", "downloadPath": str(downloads)})
    chrome.downloads = downloads
    try:
        yield chrome
    finally:
        chrome.quit()
        shutil.rmtree(downloads, ignore_errors=True)


def downloaded(chrome: Any, name: str, timeout: float = 10.0) -> Path:
    """The downloaded file ``name`` once Chromium has finished writing it."""
    path = chrome.downloads / name
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if path.exists() and not (chrome.downloads / f"{name}.crdownload").exists():
            return path
        time.sleep(0.1)
    raise AssertionError(f"{name} was not downloaded")
