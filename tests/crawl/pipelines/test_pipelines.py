"""Each pipeline alone, with a temporary directory and a dummy stats object."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from scrapy.exceptions import DropItem

from bionews_scraper.crawl.fetched import FetchedRecord
from bionews_scraper.crawl.pipelines import CountingStats
from bionews_scraper.crawl.pipelines.dedupe import DedupePipeline
from bionews_scraper.crawl.pipelines.provenance import ProvenancePipeline
from bionews_scraper.crawl.pipelines.validate import ValidatePipeline
from bionews_scraper.crawl.pipelines.write import WritePipeline

ISSUE = {
    "kind": "issue",
    "url": "https://www.progress.org.uk/newsletter_issue/bionews-1195/",
    "layout": "progress",
    "issue": 1195,
    "published": "2023-05-22",
    "articles": [],
    "warnings": [],
}


def test_provenance_flattens_the_fetch_facts_into_the_record() -> None:
    item = ProvenancePipeline().process_item(FetchedRecord(dict(ISSUE), 200, "ab" * 32, "https://x.test/"))
    assert item["status"] == 200 and item["content_sha256"] == "ab" * 32 and item["referer"] == "https://x.test/"
    assert item["fetched_at"].endswith("Z") and item["parser_version"]
    assert list(item)[: len(ISSUE)] == list(ISSUE)


def test_invalid_record_becomes_an_error_record_and_loses_nothing() -> None:
    stats = CountingStats()
    bad = {**ISSUE, "issue": "1195", "status": 200}
    item = ValidatePipeline(stats).process_item(bad)
    assert item["kind"] == "error" and item["reason"] == "schema_invalid" and item["url"] == ISSUE["url"]
    assert "issue" in item["error"] and item["status"] == 200
    assert stats.values["bionews/invalid"] == 1


def test_valid_record_passes_unchanged() -> None:
    assert ValidatePipeline(CountingStats()).process_item(dict(ISSUE)) == ISSUE


def test_dedupe_drops_a_second_record_for_the_same_page(tmp_path: Path) -> None:
    pipeline = DedupePipeline(tmp_path, CountingStats())
    pipeline.open_spider()
    pipeline.process_item(dict(ISSUE))
    with pytest.raises(DropItem):
        pipeline.process_item({**ISSUE, "url": ISSUE["url"].replace("https", "http").rstrip("/")})


def test_dedupe_remembers_what_an_earlier_run_wrote(tmp_path: Path) -> None:
    (tmp_path / "issues.jsonl").write_text(json.dumps(ISSUE) + "\n", encoding="utf-8")
    pipeline = DedupePipeline(tmp_path, CountingStats(), append=True)
    pipeline.open_spider()
    with pytest.raises(DropItem):
        pipeline.process_item(dict(ISSUE))


def test_a_page_whose_content_changed_since_an_earlier_run_is_written_again(tmp_path: Path) -> None:
    (tmp_path / "issues.jsonl").write_text(json.dumps({**ISSUE, "content_sha256": "a" * 64}) + "\n", encoding="utf-8")
    stats = CountingStats()
    pipeline = DedupePipeline(tmp_path, stats, append=True)
    pipeline.open_spider()
    changed = {**ISSUE, "content_sha256": "b" * 64}
    assert pipeline.process_item(dict(changed)) == changed
    with pytest.raises(DropItem):
        pipeline.process_item(dict(changed))
    assert stats.values["bionews/changed"] == 1


def test_dedupe_forgets_earlier_output_that_a_fresh_crawl_replaces(tmp_path: Path) -> None:
    (tmp_path / "issues.jsonl").write_text(json.dumps(ISSUE) + "\n", encoding="utf-8")
    pipeline = DedupePipeline(tmp_path, CountingStats(), append=False)
    pipeline.open_spider()
    assert pipeline.process_item(dict(ISSUE)) == ISSUE


def test_write_routes_records_by_kind_and_counts_them(tmp_path: Path) -> None:
    stats = CountingStats()
    pipeline = WritePipeline(tmp_path, stats, append=False)
    pipeline.open_spider()
    pipeline.process_item(dict(ISSUE))
    pipeline.process_item({"kind": "error", "url": "https://x.test/a", "reason": "http_404", "error": "gone"})
    pipeline.close_spider()
    assert json.loads((tmp_path / "issues.jsonl").read_text(encoding="utf-8")) == ISSUE
    assert (tmp_path / "articles.jsonl").read_text() == ""
    assert json.loads((tmp_path / "errors.jsonl").read_text(encoding="utf-8"))["reason"] == "http_404"
    assert stats.values == {"bionews/records/issue": 1, "bionews/errors/http_404": 1}


def test_write_in_append_mode_trims_a_cut_last_line_first(tmp_path: Path) -> None:
    (tmp_path / "issues.jsonl").write_text(json.dumps(ISSUE) + "\n" + '{"kind": "iss', encoding="utf-8")
    pipeline = WritePipeline(tmp_path, CountingStats(), append=True)
    pipeline.open_spider()
    pipeline.process_item({**ISSUE, "issue": 1196})
    pipeline.close_spider()
    lines = (tmp_path / "issues.jsonl").read_text(encoding="utf-8").splitlines()
    assert [json.loads(line)["issue"] for line in lines] == [1195, 1196]
