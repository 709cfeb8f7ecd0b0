"""One real crawl of the fixture site with WARC capture on, shared by the capture and replay tests."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[3]
MAX_BYTES = 20000  # small enough that the fixture site fills several files


def capture_command(out: Path) -> list[str]:
    """``bionews demo --warc``, with small files so that they rotate."""
    return [
        sys.executable,
        "-m",
        "bionews_scraper.cli",
        "demo",
        "--out",
        str(out),
        "--warc",
        "-v",  # Scrapy's INFO log, with its final stats dump, into crawl.log
        "-s",
        "DOWNLOAD_DELAY=0",
        "-s",
        "AUTOTHROTTLE_ENABLED=False",
        "-s",
        f"BIONEWS_WARC_MAX_BYTES={MAX_BYTES}",
        "-s",
        f"LOG_FILE={out / 'crawl.log'}",
    ]


@pytest.fixture(scope="package")
def captured(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The crawl's output directory: records, stats.json, crawl.log and warc/."""
    out = tmp_path_factory.mktemp("captured")
    finished = subprocess.run(capture_command(out), cwd=ROOT, capture_output=True, text=True, timeout=300, check=False)
    assert finished.returncode == 0, finished.stderr[-3000:]
    return out
