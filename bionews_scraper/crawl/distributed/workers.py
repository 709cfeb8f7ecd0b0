"""Worker liveness for a shared crawl: heartbeats, requeueing the pages of dead workers,
and staying open while other workers still hold pages (they may find more)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from scrapy import signals
from scrapy.exceptions import DontCloseSpider, NotConfigured
from scrapy.utils.defer import deferred_from_coro
from scrapy_redis.connection import get_redis_from_settings
from twisted.internet import task

from bionews_scraper.crawl.distributed import redis_keys
from bionews_scraper.crawl.distributed.queue import LeasedPriorityQueue, requeue

HEARTBEAT_SECONDS = 1.0
# A worker silent this long is dead; its in-flight pages go back in the queue.
WORKER_TIMEOUT_SECONDS = 4


class WorkerRegistry:
    def __init__(self, server: Any, keys: dict[str, str], worker: str, stats: Any, engine: Any = None) -> None:
        self.server = server
        self.keys = keys
        self.worker = worker
        self.stats = stats
        self.engine = engine  # to wake when other workers queue pages while this one waits
        self.crawler: Any = None
        self.queue: LeasedPriorityQueue | None = None
        self.waiting = False  # idle, kept open only because other workers hold pages
        self.loop = task.LoopingCall(self.beat)

    @classmethod
    def from_crawler(cls, crawler: Any) -> WorkerRegistry:
        settings = crawler.settings
        if not settings.get("REDIS_URL"):
            raise NotConfigured  # a single-process crawl: nothing to warn about
        registry = cls(
            get_redis_from_settings(settings),
            redis_keys(crawler.spidercls.name),
            settings.get("BIONEWS_WORKER_ID"),
            crawler.stats,
        )
        registry.crawler = crawler
        crawler.signals.connect(registry.spider_opened, signal=signals.spider_opened)
        crawler.signals.connect(registry.spider_idle, signal=signals.spider_idle)
        crawler.signals.connect(registry.spider_closed, signal=signals.spider_closed)
        return registry

    def spider_opened(self, spider: Any) -> None:
        self.engine = self.crawler.engine  # set only once the crawl starts
        self.queue = LeasedPriorityQueue(self.server, spider, self.keys["queue"])
        self.loop.start(HEARTBEAT_SECONDS, now=True)

    def beat(self) -> None:
        """Say this worker is alive; give back the pages of workers that are not."""
        self.server.set(self.keys["worker"] % self.worker, "1", ex=WORKER_TIMEOUT_SECONDS)
        self._requeue_held_by(self._is_dead, "bionews/redis/requeued")
        self._wake_if_waiting()
        self._close_if_done()

    def _is_dead(self, holder: str) -> bool:
        return holder != self.worker and not self.server.exists(self.keys["worker"] % holder)

    def _requeue_held_by(self, holder_matches: Callable[[str], bool], stat: str) -> None:
        """Put back in the queue every in-flight page whose holder ``holder_matches``."""
        for raw in self.server.hkeys(self.keys["inflight"]):
            lease = raw.decode() if isinstance(raw, bytes) else raw
            if holder_matches(lease.split("|", 1)[0]) and requeue(
                self.server, self.keys["inflight"], self.keys["queue"], lease
            ):
                self.stats.inc_value(stat)

    def _close_if_done(self) -> None:
        """A waiting worker closes as soon as the shared crawl is over, not at Scrapy's next 5 s idle check."""
        if not (self.waiting and self.engine is not None and self.engine.spider_is_idle()):
            return
        if not self.server.zcard(self.keys["queue"]) and not self.server.hlen(self.keys["inflight"]):
            self.waiting = False
            deferred_from_coro(self.engine.close_spider_async(reason="finished"))

    def _wake_if_waiting(self) -> None:
        """Scrapy looks at a scheduler it found empty only every 5 s; pages other workers
        queued meanwhile would wait. Handing the engine one of them wakes it now (the request
        goes back through the scheduler, so its lease is released and taken again)."""
        if self.engine is None or self.queue is None or self.engine.downloader.active:
            return
        if self.server.zcard(self.keys["queue"]) and (request := self.queue.pop()) is not None:
            self.stats.inc_value("bionews/redis/wakeups")
            self.engine.crawl(request.replace(dont_filter=True))

    def spider_idle(self, spider: Any) -> None:
        """Nothing to do here, but pages queued or held elsewhere may still lead to more.

        An idle worker is working on nothing, so a lease it still holds was never released
        (a request Scrapy dropped on the way): it goes back in the queue, or the crawl
        would wait for it for ever."""
        self._requeue_held_by(lambda holder: holder == self.worker, "bionews/redis/requeued_own")
        if self.server.zcard(self.keys["queue"]) or self.server.hlen(self.keys["inflight"]):
            self.stats.inc_value("bionews/redis/idle_waits")
            self.waiting = True
            raise DontCloseSpider("other workers still hold pages")

    def spider_closed(self, spider: Any, reason: str) -> None:
        if self.loop.running:
            self.loop.stop()
        self.server.delete(self.keys["worker"] % self.worker)
        if (
            reason == "finished"
            and not self.server.zcard(self.keys["queue"])
            and not self.server.hlen(self.keys["inflight"])
        ):
            # The crawl is complete: clear it, so the next crawl at this URL starts afresh.
            self.server.delete(self.keys["queue"], self.keys["dupefilter"], self.keys["inflight"])
