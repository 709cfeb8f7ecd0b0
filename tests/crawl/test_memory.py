"""The output as the ledger of a resumed crawl: what is done, what is still to fetch, and
with which referer and related-story depth."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from bionews_scraper.crawl.memory import CrawlMemory, PendingPage, prune_superseded_errors
from bionews_scraper.records.jsonl import dumps_line
from bionews_scraper.records.outputs import OUTPUT_FILES, read_records

BASE = "https://www.progress.org.uk/"
ISSUE = {
    "kind": "issue",
    "url": f"{BASE}newsletter_issue/bionews-1196/",
    "issue": 1196,
    "articles": [{"url": f"{BASE}a/"}],
}


def _article(slug: str, referer: str, related: list[str]) -> dict[str, Any]:
    return {"kind": "article", "url": f"{BASE}{slug}/", "referer": referer, "related": [{"url": u} for u in related]}


def _error(slug: str, reason: str, transient: bool, referer: str | None = None) -> dict[str, Any]:
    url = f"{BASE}{slug}/"
    return {"kind": "error", "url": url, "reason": reason, "transient": transient, "attempts": 2, "referer": referer}


def _write(out: Path, *records: dict[str, Any]) -> None:
    out.mkdir(exist_ok=True)
    for record in records:
        with (out / OUTPUT_FILES[record["kind"]]).open("a", encoding="utf-8") as lines:
            lines.write(dumps_line(record))


def test_pending_pages_keep_their_referer_and_related_depth(tmp_path: Path) -> None:
    a = _article("a", ISSUE["url"], [f"{BASE}b/"])
    _write(tmp_path, ISSUE, a)
    memory = CrawlMemory.load(tmp_path, related_depth=2)
    assert list(memory.pending()) == [PendingPage(f"{BASE}b/", "related", a["url"], 1)]


def test_an_article_listed_by_an_issue_is_no_related_hop_whatever_its_referer(tmp_path: Path) -> None:
    # a/ was first reached as a related story of z/, but the issue lists it: its links are followed
    _write(tmp_path, ISSUE, _article("z", ISSUE["url"], [f"{BASE}a/"]), _article("a", f"{BASE}z/", [f"{BASE}c/"]))
    memory = CrawlMemory.load(tmp_path, related_depth=1)
    assert [page.url for page in memory.pending()] == [f"{BASE}c/"]


def test_transient_errors_are_fetched_again_and_final_ones_only_when_asked(tmp_path: Path) -> None:
    _write(tmp_path, _error("down", "http_503", True, ISSUE["url"]), _error("gone", "http_404", False))
    memory = CrawlMemory.load(tmp_path, related_depth=1)
    assert [(p.url, p.retry, p.referer) for p in memory.pending()] == [(f"{BASE}down/", True, ISSUE["url"])]
    assert memory.is_done(f"{BASE}gone/") and memory.attempts_before(f"{BASE}down/") == 2
    every = CrawlMemory.load(tmp_path, related_depth=1, retry_errors=True)
    assert {page.url for page in every.pending()} == {f"{BASE}down/", f"{BASE}gone/"}


def test_an_error_replaced_by_a_record_leaves_errors_jsonl(tmp_path: Path) -> None:
    _write(tmp_path, _error("a", "http_503", True), _error("b", "timeout", True), _error("b", "http_404", False))
    _write(tmp_path, _article("a", ISSUE["url"], []))
    assert prune_superseded_errors(tmp_path) == 2
    assert [(r["url"], r["reason"]) for r in read_records(tmp_path / "errors.jsonl")] == [(f"{BASE}b/", "http_404")]
