"""End to end: `bionews demo` crawls the bundled fixture site over loopback.

The crawl runs once (in a subprocess, as a user would run it) and every test reads its
output against fixtures/site/manifest.json: what a correct crawl of that site writes.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
from collections import Counter
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from bionews_scraper.records.outputs import read_records
from bionews_scraper.records.validate import record_errors

ROOT = Path(__file__).resolve().parents[2]
SITE = ROOT / "fixtures" / "site"
MANIFEST = json.loads((SITE / "manifest.json").read_text(encoding="utf-8"))
CRAWLED_RE = re.compile(r"Crawled \((\d+)\) <GET (\S+)>")
FAST = ["-s", "DOWNLOAD_DELAY=0", "-s", "AUTOTHROTTLE_ENABLED=False", "-s", "LOG_LEVEL=DEBUG"]


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("demo")
    log = out / "crawl.log"
    command = [sys.executable, "-m", "bionews_scraper.cli", "demo", "--out", str(out), *FAST, "-s", f"LOG_FILE={log}"]
    finished = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, timeout=300, check=False)
    assert finished.returncode == 0, finished.stderr[-3000:]
    return out


def _records(out: Path, name: str) -> list[dict]:
    return list(read_records(out / name))


def test_every_article_exactly_once(demo: Path) -> None:
    urls = Counter(record["url"] for record in _records(demo, "articles.jsonl"))
    assert sorted(urls) == sorted(MANIFEST["articles"])
    assert set(urls.values()) == {1}


def test_every_issue_exactly_once(demo: Path) -> None:
    urls = Counter(record["url"] for record in _records(demo, "issues.jsonl"))
    assert sorted(urls) == sorted(MANIFEST["issues"])
    assert set(urls.values()) == {1}


def test_errors_are_exactly_the_planted_bad_pages(demo: Path) -> None:
    errors = {record["url"]: record["reason"] for record in _records(demo, "errors.jsonl")}
    assert errors == MANIFEST["errors"]


def test_error_records_name_the_page_that_linked_to_them(demo: Path) -> None:
    for record in _records(demo, "errors.jsonl"):
        assert record["referer"], record


def test_articles_carry_the_fields_the_site_holds(demo: Path) -> None:
    by_url = {record["url"]: record for record in _records(demo, "articles.jsonl")}
    for detail in MANIFEST["article_details"]:
        record = by_url[detail["url"]]
        for key in ("layout", "headline", "issue", "issue_url", "published", "authors"):
            assert record[key] == detail[key], (detail["url"], key)


def test_issue_pages_list_their_entries(demo: Path) -> None:
    by_url = {record["url"]: record for record in _records(demo, "issues.jsonl")}
    for detail in MANIFEST["issue_details"]:
        record = by_url[detail["url"]]
        assert (record["issue"], record["published"], len(record["articles"])) == (
            detail["issue"],
            detail["published"],
            detail["entries"],
        )


def test_every_line_is_schema_valid_with_provenance(demo: Path) -> None:
    for name in ("articles.jsonl", "issues.jsonl", "errors.jsonl"):
        for record in _records(demo, name):
            assert record_errors(record) == [], (name, record.get("url"))
            assert record["fetched_at"].endswith("Z") and record["parser_version"]


def test_no_request_left_the_allowed_hosts_or_broke_robots_txt(demo: Path) -> None:
    crawled = [url for _, url in CRAWLED_RE.findall((demo / "crawl.log").read_text(encoding="utf-8"))]
    assert crawled, "the log shows no fetched page"
    hosts = {urlsplit(url).hostname for url in crawled}
    assert hosts <= {"www.bionews.org.uk", "www.progress.org.uk"}
    assert not set(crawled) & set(MANIFEST["disallowed"])
    assert not set(crawled) & set(MANIFEST["outside"])


def test_no_page_was_fetched_twice(demo: Path) -> None:
    crawled = Counter(url for _, url in CRAWLED_RE.findall((demo / "crawl.log").read_text(encoding="utf-8")))
    assert [url for url, count in crawled.items() if count > 1] == []


def test_stats_file_sums_up_the_crawl(demo: Path) -> None:
    stats = json.loads((demo / "stats.json").read_text(encoding="utf-8"))
    assert stats["records_by_kind"] == {"article": len(MANIFEST["articles"]), "issue": len(MANIFEST["issues"])}
    assert stats["errors_by_reason"] == dict(Counter(MANIFEST["errors"].values()))
    assert stats["requests"] > 0 and stats["duration_seconds"] > 0


def test_issue_range_fetches_those_issues_and_their_articles(tmp_path: Path) -> None:
    command = [
        sys.executable,
        "-m",
        "bionews_scraper.cli",
        "demo",
        "--out",
        str(tmp_path),
        "--issues",
        "702-703",
        "--related-depth",
        "0",
        *FAST,
    ]
    finished = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, timeout=300, check=False)
    assert finished.returncode == 0, finished.stderr[-3000:]
    issues = {record["issue"]: record for record in _records(tmp_path, "issues.jsonl")}
    assert sorted(issues) == [702, 703]
    listed = {entry["url"] for issue in issues.values() for entry in issue["articles"]}
    written = {record["url"] for record in _records(tmp_path, "articles.jsonl")}
    assert written == listed - set(MANIFEST["errors"])
