"""Running `bionews` as a user does (a subprocess), and the WARC-capturing demo crawl the archive tests share."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
FAST = ["-s", "DOWNLOAD_DELAY=0", "-s", "AUTOTHROTTLE_ENABLED=False", "-s", "LOG_LEVEL=WARNING"]


def bionews(*args: str) -> subprocess.CompletedProcess[str]:
    """``python -m bionews_scraper.cli ARGS`` from the repository root; never raises on a failing exit."""
    command = [sys.executable, "-m", "bionews_scraper.cli", *args]
    return subprocess.run(command, cwd=ROOT, capture_output=True, text=True, timeout=300, check=False)


def demo_with_warc(out: Path) -> Path:
    """Crawl the bundled fixture site into ``out`` with WARC capture on; returns ``out``."""
    finished = bionews("demo", "--out", str(out), "--warc", *FAST)
    assert finished.returncode == 0, finished.stderr[-3000:]
    return out
