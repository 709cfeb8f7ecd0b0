"""Acknowledge a leased page once everything its callback produced has been processed."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from scrapy import Request
from scrapy.exceptions import DropItem, NotConfigured
from scrapy_redis.connection import get_redis_from_settings

from bionews_scraper.crawl.distributed import LEASE_META_KEY, REDIS_ERRORS, redis_keys
from bionews_scraper.crawl.distributed.queue import ack
from bionews_scraper.crawl.pipelines.write import OUTPUT_ERROR_STAT


@dataclass(frozen=True, slots=True)
class PageDone:
    """The last output of a callback: every record and request before it is handled."""

    lease: str


def page_done(request: Request | None) -> Iterator[PageDone]:
    """What a callback yields last; nothing outside a distributed crawl."""
    lease = request.meta.get(LEASE_META_KEY) if request is not None else None
    if lease:
        yield PageDone(lease)


class AckPipeline:
    """First in the pipeline order, but it sees a callback's PageDone only after the
    callback's earlier outputs: Scrapy processes outputs in the order they are yielded,
    and our pipelines finish each item without waiting on anything."""

    def __init__(self, server: Any, inflight_key: str, stats: Any) -> None:
        self.server = server
        self.inflight_key = inflight_key
        self.stats = stats

    @classmethod
    def from_crawler(cls, crawler: Any) -> AckPipeline:
        if not crawler.settings.get("REDIS_URL"):
            raise NotConfigured  # a single-process crawl: nothing to warn about
        server = get_redis_from_settings(crawler.settings)
        return cls(server, redis_keys(crawler.spidercls.name)["inflight"], crawler.stats)

    def process_item(self, item: Any) -> Any:
        if not isinstance(item, PageDone):
            return item
        if self.stats.get_value(
            OUTPUT_ERROR_STAT
        ):  # its records may be lost: the lease stays, another worker redoes it
            raise DropItem("output failed: page not acknowledged", log_level="DEBUG")
        try:
            ack(self.server, self.inflight_key, item.lease)
        except REDIS_ERRORS:  # the lease stays: this worker gives it back when idle (a duplicate, not a loss)
            self.stats.inc_value("bionews/redis/ack_failed")
            raise DropItem("Redis away: page not acknowledged", log_level="DEBUG") from None
        self.stats.inc_value("bionews/redis/acked")
        raise DropItem("page acknowledged", log_level="DEBUG")
