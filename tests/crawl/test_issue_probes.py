"""Issues are probed by number: the whole archive without a sitemap, and asked-for issues
that do not exist."""

from __future__ import annotations

import shutil
from pathlib import Path

from bionews_scraper.records.outputs import read_records
from tests.crawl.demo_run import SITE, crawled, run_demo, stats

PROGRESS_ISSUES = [
    "https://www.progress.org.uk/newsletter_issue/bionews-1195/",
    "https://www.progress.org.uk/newsletter_issue/bionews-1196/",
]


def test_an_issue_that_does_not_exist_is_an_error_and_a_failed_run(tmp_path: Path) -> None:
    out = tmp_path / "out"
    finished = run_demo(out, "--issues", "5000")
    assert finished.returncode != 0
    [error] = read_records(out / "errors.jsonl")
    assert (error["reason"], error["url"], error["transient"]) == (
        "issue_not_found",
        "https://www.progress.org.uk/newsletter_issue/bionews-5000/",
        False,
    )
    assert stats(out)["issues"] == {"expected": 1, "found": 0, "missing": 1}


def test_an_issue_found_in_the_listings_is_not_missing(tmp_path: Path) -> None:
    out = tmp_path / "out"
    finished = run_demo(out, "--issues", "702")  # a legacy issue: not at the progress address
    assert finished.returncode == 0, finished.stderr[-2000:]
    assert [record["issue"] for record in read_records(out / "issues.jsonl")] == [702]
    assert not list(read_records(out / "errors.jsonl"))


def test_without_a_sitemap_the_issue_pages_are_probed_by_number(tmp_path: Path) -> None:
    site, out = tmp_path / "site", tmp_path / "out"
    shutil.copytree(SITE, site)
    (site / "www.progress.org.uk" / "sitemap_index.xml").unlink()
    finished = run_demo(out, "--site", str(site))
    assert finished.returncode == 0, finished.stderr[-2000:]
    issues = {record["url"] for record in read_records(out / "issues.jsonl")}
    assert set(PROGRESS_ISSUES) <= issues
    probed = {url for status, url in crawled(out) if "/newsletter_issue/bionews-" in url and status == 404}
    assert probed == {f"https://www.progress.org.uk/newsletter_issue/bionews-{n}/" for n in range(1197, 1207)}
    figures = stats(out)["issues"]
    assert figures["expected"] == 1197 and figures["found"] == len(issues)
    assert figures["missing"] == figures["expected"] - figures["found"]


def test_the_home_page_names_the_newest_issue_and_is_no_record(tmp_path: Path) -> None:
    """No sitemap, no archive listings: only the home page says issue 1196 exists. With no
    misses allowed past the newest number known, nothing else would reach it."""
    site, out = tmp_path / "site", tmp_path / "out"
    shutil.copytree(SITE, site)
    (site / "www.progress.org.uk" / "sitemap_index.xml").unlink()
    (site / "start_urls.txt").write_text("https://www.progress.org.uk/\n", encoding="utf-8")
    finished = run_demo(out, "--site", str(site), "-s", "BIONEWS_ISSUE_PROBE_MISSES=0")
    assert finished.returncode == 0, finished.stderr[-2000:]
    assert (200, "https://www.progress.org.uk/") in crawled(out)
    assert sorted(record["issue"] for record in read_records(out / "issues.jsonl")) == [1195, 1196]
    errors = {record["url"] for record in read_records(out / "errors.jsonl")}
    assert "https://www.progress.org.uk/" not in errors  # an entry point that yields links, not an error
    assert stats(out)["issues"] == {"expected": 1197, "found": 2, "missing": 1195}
