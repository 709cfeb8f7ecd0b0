"""Worker liveness for a shared crawl: heartbeats, requeueing the pages of dead workers,
and staying open while other workers still hold pages (they may find more)."""

from __future__ import annotations

from typing import Any

from scrapy import signals
from scrapy.exceptions import DontCloseSpider, NotConfigured
from scrapy_redis.connection import get_redis_from_settings
from twisted.internet import task

from bionews_scraper.distributed import redis_keys
from bionews_scraper.distributed.queue import requeue

HEARTBEAT_SECONDS = 1.0
# A worker silent this long is dead; its in-flight pages go back in the queue.
WORKER_TIMEOUT_SECONDS = 4


class WorkerRegistry:
    def __init__(self, server: Any, keys: dict[str, str], worker: str, stats: Any) -> None:
        self.server = server
        self.keys = keys
        self.worker = worker
        self.stats = stats
        self.loop = task.LoopingCall(self.beat)

    @classmethod
    def from_crawler(cls, crawler: Any) -> WorkerRegistry:
        settings = crawler.settings
        if not settings.get("REDIS_URL"):
            raise NotConfigured  # a single-process crawl: nothing to warn about
        registry = cls(get_redis_from_settings(settings), redis_keys(crawler.spidercls.name), settings.get("BIONEWS_WORKER_ID"), crawler.stats)
        crawler.signals.connect(registry.spider_opened, signal=signals.spider_opened)
        crawler.signals.connect(registry.spider_idle, signal=signals.spider_idle)
        crawler.signals.connect(registry.spider_closed, signal=signals.spider_closed)
        return registry

    def spider_opened(self, spider: Any) -> None:
        self.loop.start(HEARTBEAT_SECONDS, now=True)

    def beat(self) -> None:
        """Say this worker is alive; give back the pages of workers that are not."""
        self.server.set(self.keys["worker"] % self.worker, "1", ex=WORKER_TIMEOUT_SECONDS)
        for lease in self.server.hkeys(self.keys["inflight"]):
            lease = lease.decode() if isinstance(lease, bytes) else lease
            holder = lease.split("|", 1)[0]
            if holder != self.worker and not self.server.exists(self.keys["worker"] % holder):
                if requeue(self.server, self.keys["inflight"], self.keys["queue"], lease):
                    self.stats.inc_value("bionews/redis/requeued")

    def spider_idle(self, spider: Any) -> None:
        """Nothing to do here, but pages queued or held elsewhere may still lead to more.

        An idle worker is working on nothing, so a lease it still holds was never released
        (a request Scrapy dropped on the way): it goes back in the queue, or the crawl
        would wait for it for ever."""
        for lease in self.server.hkeys(self.keys["inflight"]):
            lease = lease.decode() if isinstance(lease, bytes) else lease
            if lease.split("|", 1)[0] == self.worker and requeue(self.server, self.keys["inflight"], self.keys["queue"], lease):
                self.stats.inc_value("bionews/redis/requeued_own")
        if self.server.zcard(self.keys["queue"]) or self.server.hlen(self.keys["inflight"]):
            self.stats.inc_value("bionews/redis/idle_waits")
            raise DontCloseSpider("other workers still hold pages")

    def spider_closed(self, spider: Any, reason: str) -> None:
        if self.loop.running:
            self.loop.stop()
        self.server.delete(self.keys["worker"] % self.worker)
        if reason == "finished" and not self.server.zcard(self.keys["queue"]) and not self.server.hlen(self.keys["inflight"]):
            # The crawl is complete: clear it, so the next crawl at this URL starts afresh.
            self.server.delete(self.keys["queue"], self.keys["dupefilter"], self.keys["inflight"])
