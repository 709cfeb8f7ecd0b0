"""A long crawl killed with kill -9 three times, late enough that Scrapy's seen-set holds
hundreds of pages, ends with exactly the records of an uninterrupted crawl: those the
synthetic site's manifest names, each once."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import time
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from bench.crawl_scale import crawl_command
from bionews_scraper.records.outputs import OUTPUT_FILES, read_records
from bionews_scraper.sandbox.serve import SiteServer
from bionews_scraper.sandbox.synth import write_site

ROOT = Path(__file__).resolve().parents[2]
ARTICLES, ISSUES = 1500, 100
KILL_AFTER = (250, 650, 1050)  # article lines written before each kill -9


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Path, int]]:
    root = tmp_path_factory.mktemp("synth") / "site"
    write_site(root, articles=ARTICLES, issues=ISSUES, seed=11)
    with SiteServer(root) as server:
        yield root, server.port


def _crawl(site: tuple[Path, int], out: Path, *extra: str) -> list[str]:
    root, port = site
    return crawl_command(root, port, out, *extra)  # the benchmark's: politeness off, loopback


def _lines(path: Path) -> int:
    return path.read_bytes().count(b"\n") if path.exists() else 0


def _kill_after(command: list[str], articles: Path, lines: int) -> None:
    crawl = subprocess.Popen(command, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 60
    while _lines(articles) < lines and crawl.poll() is None and time.monotonic() < deadline:
        time.sleep(0.02)
    assert crawl.poll() is None, "the crawl ended before it could be killed"
    os.kill(crawl.pid, signal.SIGKILL)
    crawl.wait()


def _summary(record: dict[str, Any]) -> tuple[Any, ...]:
    return tuple(record.get(key) for key in ("url", "headline", "issue", "published"))


def test_three_kills_and_a_resume_give_the_records_of_one_whole_crawl(site: tuple[Path, int], tmp_path: Path) -> None:
    manifest = json.loads((site[0] / "manifest.json").read_text(encoding="utf-8"))
    out, job = tmp_path / "out", tmp_path / "job"
    resumable = _crawl(site, out, "--jobdir", str(job))
    for lines in KILL_AFTER:
        _kill_after(resumable, out / "articles.jsonl", lines)
        assert (job / "requests.seen").stat().st_size > 0, "killed before Scrapy's seen-set was written"
    finished = subprocess.run(resumable, cwd=ROOT, capture_output=True, text=True, timeout=120, check=False)
    assert finished.returncode == 0, finished.stderr[-2000:]

    for name in OUTPUT_FILES.values():
        data = (out / name).read_bytes() if (out / name).exists() else b""
        assert not data or data.endswith(b"\n"), f"partial line in {name}"
    articles = Counter(_summary(record) for record in read_records(out / "articles.jsonl"))
    assert articles == Counter(_summary(details) for details in manifest["article_details"])
    assert len(articles) == len(manifest["articles"]) >= ARTICLES  # the synthetic site adds migrated copies
    issues = Counter(record["url"] for record in read_records(out / "issues.jsonl"))
    assert issues == Counter(manifest["issues"])
    assert not list(read_records(out / "errors.jsonl"))
