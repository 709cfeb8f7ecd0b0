"""The live progress line and the stats file's shape."""

from __future__ import annotations

from bionews_scraper.crawl.extensions.progress import progress_line
from bionews_scraper.crawl.extensions.statsfile import summarise


def test_progress_line_counts_pages_records_errors_and_rate() -> None:
    stats = {
        "response_received_count": 50,
        "bionews/records/article": 40,
        "bionews/records/issue": 5,
        "bionews/errors/http_404": 2,
    }
    assert progress_line(stats, 10.0) == "pages 50 | records 45 | errors 2 | 5.0 pages/s"


def test_progress_line_gives_an_eta_when_the_total_is_known() -> None:
    stats = {"response_received_count": 50, "bionews/expected_pages": 150}
    assert progress_line(stats, 10.0).endswith("| ETA 0:00:20")


def test_stats_summary_groups_by_status_kind_and_reason() -> None:
    stats = {
        "downloader/request_count": 9,
        "downloader/response_status_count/200": 8,
        "downloader/response_status_count/404": 1,
        "bionews/records/article": 6,
        "bionews/errors/http_404": 1,
        "finish_reason": "finished",
    }
    summary = summarise(stats, 1.23456)
    assert summary["requests"] == 9
    assert summary["responses_by_status"] == {"200": 8, "404": 1}
    assert summary["records_by_kind"] == {"article": 6}
    assert summary["errors_by_reason"] == {"http_404": 1}
    assert summary["duration_seconds"] == 1.235
