"""A run a person can follow: quiet by default, one summary line at the end, Scrapy's log with -v;
and an exit status that says whether it did what it was asked."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from bionews_scraper.crawl.run import crawl_problems

ROOT = Path(__file__).resolve().parents[2]
FAST = ["-s", "DOWNLOAD_DELAY=0", "-s", "AUTOTHROTTLE_ENABLED=False"]


def _demo(out: Path, *options: str) -> subprocess.CompletedProcess[str]:
    command = [sys.executable, "-m", "bionews_scraper.cli", "demo", "--out", str(out), *FAST, *options]
    return subprocess.run(command, cwd=ROOT, capture_output=True, text=True, timeout=300, check=False)


def test_a_default_run_says_where_it_crawls_and_what_it_wrote_and_nothing_else(tmp_path: Path) -> None:
    finished = _demo(tmp_path)
    assert finished.returncode == 0, finished.stderr[-3000:]
    serving, summary = finished.stderr.splitlines()
    assert serving.startswith("serving ") and serving.endswith(f"crawling into {tmp_path}/")
    assert summary == f"wrote 16 articles, 5 issues, 2 errors to {tmp_path}; see {tmp_path / 'errors.jsonl'}"


def test_verbose_adds_scrapys_log(tmp_path: Path) -> None:
    finished = _demo(tmp_path, "-v")
    assert finished.returncode == 0, finished.stderr[-3000:]
    assert "[scrapy.core.engine] INFO: Spider opened" in finished.stderr


def test_a_crawl_that_fetched_no_page_exits_1_and_says_so(tmp_path: Path) -> None:
    finished = _demo(tmp_path, "--url", "https://www.progress.org.uk/no-such-story-here/")
    assert finished.returncode == 1
    assert finished.stderr.splitlines()[-1] == (
        "bionews demo: nothing was fetched: no page gave an article or issue record (1 errors)"
    )


FINISHED = {"finish_reason": "finished", "bionews/records/article": 10}


def test_pages_the_site_does_not_have_are_errors_but_not_a_failed_run() -> None:
    stats = {**FINISHED, "bionews/errors/http_404": 2, "bionews/errors/not_an_article": 1}
    assert crawl_problems(stats) == []


def test_pages_lost_to_a_passing_fault_make_a_failed_run() -> None:
    stats = {**FINISHED, "bionews/errors/http_404": 2, "bionews/errors/http_503": 3, "bionews/errors/timeout": 1}
    [problem] = crawl_problems(stats)
    assert problem.startswith("4 pages failed for a reason that may pass") and "--incremental" in problem
