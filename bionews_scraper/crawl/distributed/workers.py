"""Worker liveness for a shared crawl: heartbeats, requeueing the pages of dead workers,
staying open while other workers still hold pages (they may find more), and Redis outages.

An outage (Redis refuses or times out) is retried with backoff for ``BIONEWS_REDIS_OUTAGE_SECONDS``,
then the worker stops with finish reason ``redis_unavailable``. When Redis answers without the
crawl's ``crawl`` key (restarted empty, flushed), the frontier is gone: the worker stops with
``redis_frontier_lost`` rather than finishing an empty queue. Either way the stat
``bionews/redis/error`` holds the one line the command prints, and the exit status is 1.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from scrapy import signals
from scrapy.exceptions import DontCloseSpider, NotConfigured
from scrapy.utils.defer import deferred_from_coro
from scrapy_redis.connection import get_redis_from_settings
from twisted.internet import task

from bionews_scraper.crawl.distributed import REDIS_ERRORS, redis_keys, redis_where
from bionews_scraper.crawl.distributed.queue import LeasedPriorityQueue, requeue

logger = logging.getLogger(__name__)
HEARTBEAT_SECONDS = 1.0
# A worker silent this long is dead; its in-flight pages go back in the queue.
WORKER_TIMEOUT_SECONDS = 4
RETRY_MAX_SECONDS = 8.0  # during an outage, tries are 1, 2, 4, 8, 8, ... seconds apart
REDIS_ERROR_STAT = "bionews/redis/error"


@dataclass
class Outage:
    started: float
    next_try: float
    delay: float
    error: str


class WorkerRegistry:
    def __init__(
        self,
        server: Any,
        keys: dict[str, str],
        worker: str,
        stats: Any,
        engine: Any = None,
        outage_seconds: float = 60.0,
        where: str = "Redis",
    ) -> None:
        self.server = server
        self.keys = keys
        self.worker = worker
        self.stats = stats
        self.engine = engine  # to wake when other workers queue pages while this one waits
        self.outage_seconds = outage_seconds
        self.where = where  # "Redis at HOST:PORT/DB", for messages (never the password)
        self.crawler: Any = None
        self.queue: LeasedPriorityQueue | None = None
        self.waiting = False  # idle, kept open only because other workers hold pages
        self.outage: Outage | None = None
        self.stopping = False
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
            outage_seconds=settings.getfloat("BIONEWS_REDIS_OUTAGE_SECONDS"),
            where=redis_where(settings.get("REDIS_URL")),
        )
        registry.crawler = crawler
        crawler.signals.connect(registry.spider_opened, signal=signals.spider_opened)
        crawler.signals.connect(registry.spider_idle, signal=signals.spider_idle)
        crawler.signals.connect(registry.spider_closed, signal=signals.spider_closed)
        return registry

    def spider_opened(self, spider: Any) -> None:
        self.engine = self.crawler.engine  # set only once the crawl starts
        self.queue = LeasedPriorityQueue(self.server, spider, self.keys["queue"])
        self.server.set(self.keys["crawl"], "running")
        self.loop.start(HEARTBEAT_SECONDS, now=True)

    def beat(self) -> None:
        """Say this worker is alive; give back the pages of workers that are not; during an
        outage, try Redis again with backoff and give up after ``outage_seconds``."""
        now = time.monotonic()
        if self.stopping or (self.outage is not None and now < self.outage.next_try):
            return
        try:
            if self._frontier_lost():
                return
            self.server.set(self.keys["worker"] % self.worker, "1", ex=WORKER_TIMEOUT_SECONDS)
            self._requeue_held_by(self._is_dead, "bionews/redis/requeued")
            self._wake_if_waiting()
            self._close_if_done()
        except REDIS_ERRORS as error:
            self._lost(error, now)
            return
        if self.outage is not None:
            logger.warning("%s answers again after %.0f s", self.where, now - self.outage.started)
            self.outage = None

    def _lost(self, error: Exception, now: float) -> None:
        """Redis did not answer: start or extend the outage; stop the worker once it lasted too long."""
        if self.outage is None:
            self.outage = Outage(started=now, next_try=now, delay=HEARTBEAT_SECONDS, error=str(error))
            self.stats.inc_value("bionews/redis/outages")
            logger.warning("lost %s (%s); retrying for up to %.0f s", self.where, error, self.outage_seconds)
        self.outage.error = str(error)
        # The last try falls on the deadline: the worker stops after outage_seconds, not a backoff later.
        self.outage.next_try = min(now + self.outage.delay, self.outage.started + self.outage_seconds)
        self.outage.delay = min(self.outage.delay * 2, RETRY_MAX_SECONDS)
        if now - self.outage.started >= self.outage_seconds:
            self._stop(
                "redis_unavailable",
                f"{self.where} did not answer for {now - self.outage.started:.0f} s ({self.outage.error}); "
                "this worker stopped, its written records are kept",
            )

    def _frontier_lost(self) -> bool:
        """True (and the worker stops) when Redis answers but the crawl's state is gone."""
        if self.server.exists(self.keys["crawl"]):
            return False
        self._stop(
            "redis_frontier_lost",
            f"{self.where} lost the shared crawl (restarted empty or flushed): its queue of pages to fetch "
            "is gone; this worker stopped, its written records are kept; start the crawl again to fetch the rest",
        )
        return True

    def _stop(self, reason: str, message: str) -> None:
        if self.stopping:
            return
        self.stopping = True
        self.stats.set_value(REDIS_ERROR_STAT, message)
        logger.error(message)
        if self.engine is not None:
            deferred_from_coro(self.engine.close_spider_async(reason=reason))

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
        would wait for it for ever. Without Redis, or without the crawl's state in it, the
        worker never closes as finished: the heartbeat retries, or stops it."""
        if self.stopping:
            return
        try:
            if self._frontier_lost():
                raise DontCloseSpider("the shared crawl is gone from Redis")
            self._requeue_held_by(lambda holder: holder == self.worker, "bionews/redis/requeued_own")
            busy = self.server.zcard(self.keys["queue"]) or self.server.hlen(self.keys["inflight"])
        except REDIS_ERRORS as error:
            self._lost(error, time.monotonic())
            raise DontCloseSpider("Redis does not answer") from None
        if busy:
            self.stats.inc_value("bionews/redis/idle_waits")
            self.waiting = True
            raise DontCloseSpider("other workers still hold pages")

    def spider_closed(self, spider: Any, reason: str) -> None:
        if self.loop.running:
            self.loop.stop()
        try:
            self.server.delete(self.keys["worker"] % self.worker)
            if reason == "finished" and self._crawl_is_over():
                # The crawl is complete: clear it, so the next crawl at this URL starts afresh.
                self.server.delete(
                    self.keys["queue"], self.keys["dupefilter"], self.keys["inflight"], self.keys["crawl"]
                )
        except REDIS_ERRORS:
            pass  # nothing to clear up in a Redis that is away; the stop was already reported

    def _crawl_is_over(self) -> bool:
        """Nothing queued, nothing held, and no other worker alive (each deletes its key before
        asking, so of workers finishing together the last to ask clears the crawl)."""
        if self.server.zcard(self.keys["queue"]) or self.server.hlen(self.keys["inflight"]):
            return False
        return next(self.server.scan_iter(match=self.keys["worker"] % "*", count=100), None) is None
