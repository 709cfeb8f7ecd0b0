"""Write ``stats.json`` beside the records when the crawl ends.

requests, responses by status, records by kind, errors by reason, duration: the figures an
archivist checks first, taken from Scrapy's own stats.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from scrapy import signals
from scrapy.exceptions import NotConfigured

from bionews_scraper.crawl.pipelines.write import writes_output_dir
from bionews_scraper.records.jsonl import write_pretty

logger = logging.getLogger(__name__)
STATS_ERROR_STAT = "bionews/stats_error"


def group_stats(stats: Mapping[str, Any], prefix: str) -> dict[str, Any]:
    """The stats under one path, keyed by the rest of it: ``bionews/errors/`` -> ``{"http_404": 2}``."""
    return {key[len(prefix) :]: value for key, value in sorted(stats.items()) if key.startswith(prefix)}


def summarise(stats: dict[str, Any], duration: float) -> dict[str, Any]:
    """Scrapy's flat stats -> the stats.json shape."""
    return {
        "requests": stats.get("downloader/request_count", 0),
        "responses_by_status": group_stats(stats, "downloader/response_status_count/"),
        "records_by_kind": group_stats(stats, "bionews/records/"),
        "errors_by_reason": group_stats(stats, "bionews/errors/"),
        "issues": group_stats(stats, "bionews/issues/"),  # expected, found, missing
        "duplicates_dropped": stats.get("bionews/duplicates", 0),
        "robots_forbidden": stats.get("robotstxt/forbidden", 0),
        "offsite_filtered": stats.get("offsite/filtered", 0),
        "duration_seconds": round(duration, 3),
        "finish_reason": stats.get("finish_reason"),
        "output_error": stats.get("bionews/output_error"),
        "unwritten": stats.get("bionews/unwritten", 0),
    }


class StatsFile:
    def __init__(self, output_dir: Path, stats: Any) -> None:
        self.output_dir = output_dir
        self.stats = stats
        self.started = time.monotonic()

    @classmethod
    def from_crawler(cls, crawler: Any) -> StatsFile:
        if not writes_output_dir(crawler.settings):
            raise NotConfigured("writing to the feeds given with -o/-O only")
        extension = cls(Path(crawler.settings.get("BIONEWS_OUTPUT_DIR")), crawler.stats)
        crawler.signals.connect(extension.spider_opened, signal=signals.spider_opened)
        crawler.signals.connect(extension.spider_closed, signal=signals.spider_closed)
        return extension

    def spider_opened(self, spider: Any) -> None:
        self.started = time.monotonic()

    def spider_closed(self, spider: Any, reason: str) -> None:
        """Replace stats.json atomically; a failure keeps the old one, is logged in one line and
        recorded in the stats (the crawl then exits non-zero)."""
        stats = {**self.stats.get_stats(), "finish_reason": reason}
        path = self.output_dir / "stats.json"
        try:
            self.output_dir.mkdir(parents=True, exist_ok=True)
            write_pretty(path, summarise(stats, time.monotonic() - self.started))
        except OSError as error:
            message = f"cannot write {path}: {error.strerror or error}"
            self.stats.set_value(STATS_ERROR_STAT, message)
            logger.error(message)
