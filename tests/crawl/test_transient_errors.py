"""A crawl that met an outage fetches what failed on its next run, and ends as a clean one."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from bionews_scraper.records.outputs import read_records
from tests.crawl.demo_run import crawled, run_demo

# One request at a time: the outage always hits the same pages.
QUICK_RETRY = ["-s", "RETRY_TIMES=1", "-s", "BIONEWS_RETRY_BACKOFF_BASE=0", "-s", "CONCURRENT_REQUESTS=1"]


def _output(out: Path) -> dict[str, Any]:
    """What a crawl wrote, without what differs from run to run (times, referers, attempts)."""
    return {
        "articles": sorted((r["url"], r["content_sha256"]) for r in read_records(out / "articles.jsonl")),
        "issues": sorted((r["url"], r["content_sha256"]) for r in read_records(out / "issues.jsonl")),
        "errors": sorted((r["url"], r["reason"]) for r in read_records(out / "errors.jsonl")),
    }


@pytest.fixture(scope="module")
def clean(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    out = tmp_path_factory.mktemp("clean") / "out"
    finished = run_demo(out)
    assert finished.returncode == 0, finished.stderr[-2000:]
    return _output(out)


def test_an_incremental_run_after_an_outage_fetches_every_transient_failure(
    tmp_path: Path, clean: dict[str, Any]
) -> None:
    out = tmp_path / "out"
    first = run_demo(out, "--incremental", "--faults", "outage=20,outage_after=8", *QUICK_RETRY)
    failed = {r["url"]: r for r in read_records(out / "errors.jsonl") if r["reason"] == "http_503"}
    assert len(failed) >= 5, "the outage should have cost pages"
    assert all(r["transient"] is True and r["attempts"] == 2 for r in failed.values())
    assert first.returncode == 1, "a run that lost pages to an outage never exits 0"
    assert f"{len(failed)} pages failed for a reason that may pass" in first.stderr

    second = run_demo(out, "--incremental")
    assert second.returncode == 0, second.stderr[-2000:]
    fetched_again = {url for _, url in crawled(out)}
    assert set(failed) <= fetched_again
    assert _output(out) == clean


def test_final_errors_are_not_fetched_again_unless_asked(tmp_path: Path, clean: dict[str, Any]) -> None:
    out = tmp_path / "out"
    assert run_demo(out, "--incremental").returncode == 0
    final = {r["url"] for r in read_records(out / "errors.jsonl")}
    assert final and all(not r["transient"] for r in read_records(out / "errors.jsonl"))

    assert run_demo(out, "--incremental").returncode == 0
    assert not final & {url for _, url in crawled(out)}

    assert run_demo(out, "--retry-errors").returncode == 0
    assert final <= {url for _, url in crawled(out)}
    assert [json.loads(line)["url"] for line in (out / "errors.jsonl").read_text().splitlines()].count(
        sorted(final)[0]
    ) == 1
    assert _output(out) == clean
