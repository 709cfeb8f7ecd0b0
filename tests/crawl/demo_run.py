"""Run `bionews demo` in a subprocess, as a user would, and read what it did."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
SITE = ROOT / "fixtures" / "site"
CRAWLED_RE = re.compile(r"Crawled \((\d+)\) <GET (\S+)>")
FAST = ["-s", "DOWNLOAD_DELAY=0", "-s", "AUTOTHROTTLE_ENABLED=False", "-s", "RANDOMIZE_DOWNLOAD_DELAY=False"]


def demo_command(*arguments: str) -> list[str]:
    return [sys.executable, "-m", "bionews_scraper.cli", "demo", *arguments]


def run_demo(out: Path, *arguments: str, timeout: float = 300) -> subprocess.CompletedProcess[str]:
    """A fast demo crawl into ``out`` with a DEBUG log of this run alone at ``out/../<out name>.log``."""
    log = out.parent / f"{out.name}.log"
    log.unlink(missing_ok=True)  # Scrapy appends to a log file
    command = demo_command("--out", str(out), *FAST, "-s", "LOG_LEVEL=DEBUG", "-s", f"LOG_FILE={log}", *arguments)
    return subprocess.run(command, cwd=ROOT, capture_output=True, text=True, timeout=timeout, check=False)


def crawled(out: Path) -> list[tuple[int, str]]:
    """(status, URL) of every response the crawl into ``out`` logged."""
    log = out.parent / f"{out.name}.log"
    return [(int(status), url) for status, url in CRAWLED_RE.findall(log.read_text(encoding="utf-8"))]


def stats(out: Path) -> dict[str, Any]:
    return dict(json.loads((out / "stats.json").read_text(encoding="utf-8")))
