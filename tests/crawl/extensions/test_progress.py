"""The live progress line and the stats file's shape."""

from __future__ import annotations

import io
import logging
from typing import Any

from bionews_scraper.crawl.extensions.progress import CLEAR_LINE, ProgressLine, progress_line
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


def test_progress_line_gives_an_eta_from_the_pages_queued_so_far() -> None:
    stats = {"response_received_count": 50, "scheduler/enqueued": 120, "scheduler/dequeued": 55}
    assert progress_line(stats, 10.0).endswith("| ETA 0:00:13")  # 65 queued at 5 pages/s


class MemoryStats:
    def __init__(self, values: dict[str, Any]) -> None:
        self.values = values

    def get_stats(self) -> dict[str, Any]:
        return self.values


def _screen(written: str) -> list[str]:
    """What a terminal shows: a line keeps only what follows its last clear."""
    return [line.rsplit(CLEAR_LINE, 1)[-1] for line in written.split("\n")]


def test_a_log_line_never_shares_the_terminal_line_with_the_progress_line() -> None:
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    logger = logging.getLogger("tests.progress")
    logger.addHandler(handler)
    stats = MemoryStats({"response_received_count": 3})
    progress = ProgressLine(stats, stream)
    progress.attach([handler])
    try:
        progress.show()
        logger.warning("sitemap https://www.progress.org.uk/sitemap_index.xml failed")
        progress.show()
    finally:
        logger.removeHandler(handler)
    first, second = _screen(stream.getvalue())
    assert first == "sitemap https://www.progress.org.uk/sitemap_index.xml failed"
    assert second.startswith("pages 3 | records 0 | errors 0 | ")
