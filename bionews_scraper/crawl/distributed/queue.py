"""scrapy-redis's priority queue, with leases: a popped request stays in an in-flight hash
until its page is written, so a worker that dies loses nothing.

Each in-flight entry is keyed ``<worker id>|<sequence>|<score>``: who holds it, and where it
goes back in the queue if that worker stops answering.

While Redis does not answer, pop hands out nothing, push keeps the request here until Redis
answers again, and the queue never looks empty (an empty queue would let the crawl finish).
How many wait here is the ``UNQUEUED_STAT`` stat: a worker that stops during an outage
loses them, and the crawl says so.
"""

from __future__ import annotations

import itertools
from collections import deque
from typing import Any

from scrapy import Request
from scrapy_redis.queue import PriorityQueue

from bionews_scraper.crawl.distributed import LEASE_META_KEY, REDIS_ERRORS, UNQUEUED_STAT, redis_keys

# Atomic: take the best request and record it as in flight in one step.
POP_TO_INFLIGHT = """
local items = redis.call('ZRANGE', KEYS[1], 0, 0, 'WITHSCORES')
if #items == 0 then return nil end
redis.call('ZREM', KEYS[1], items[1])
redis.call('HSET', KEYS[2], ARGV[1] .. '|' .. items[2], items[1])
return {items[1], items[2]}
"""
# Atomic: put an in-flight request back in the queue, unless someone already did.
REQUEUE = """
local data = redis.call('HGET', KEYS[1], ARGV[1])
if not data then return 0 end
redis.call('HDEL', KEYS[1], ARGV[1])
redis.call('ZADD', KEYS[2], ARGV[2], data)
return 1
"""


class LeasedPriorityQueue(PriorityQueue):
    def __init__(self, server: Any, spider: Any, key: str, serializer: Any = None) -> None:
        super().__init__(server, spider, key, serializer)
        self.worker = spider.settings.get("BIONEWS_WORKER_ID")
        self.inflight_key = redis_keys(spider.name)["inflight"]
        self.sequence = itertools.count()
        self._pop = server.register_script(POP_TO_INFLIGHT)
        self.unsent: deque[tuple[Request, str | None]] = deque()  # pushed while Redis did not answer; old lease
        self.stats = spider.crawler.stats
        self.counted = 0  # this queue's share of UNQUEUED_STAT

    def __len__(self) -> int:
        try:
            return super().__len__() + len(self.unsent)
        except REDIS_ERRORS:
            return len(self.unsent) + 1  # unknown: never empty, or the worker would finish

    def push(self, request: Request) -> None:
        """Queue ``request``; a retry or redirect of a leased page releases the old lease
        only once the new request is safely queued (a crash between gives a duplicate, not a loss)."""
        self.unsent.append((request, request.meta.pop(LEASE_META_KEY, None)))
        self.send_unsent()

    def send_unsent(self) -> bool:
        """Queue in Redis what waits here; False when Redis does not answer (the rest waits)."""
        while self.unsent:
            request, old_lease = self.unsent[0]
            try:
                super().push(request)
                if old_lease:
                    ack(self.server, self.inflight_key, old_lease)
            except REDIS_ERRORS:
                self._count_unsent()
                return False
            self.unsent.popleft()
        if self.counted:
            self._count_unsent()
        return True

    def _count_unsent(self) -> None:
        self.stats.inc_value(UNQUEUED_STAT, len(self.unsent) - self.counted)
        self.counted = len(self.unsent)

    def pop(self, timeout: int = 0) -> Request | None:
        lease_prefix = f"{self.worker}|{next(self.sequence)}"
        try:
            if not self.send_unsent():
                return None
            found = self._pop(keys=[self.key, self.inflight_key], args=[lease_prefix])
        except REDIS_ERRORS:
            return None  # the registry watches the outage
        if not found:
            return None
        data, score = found
        request = self._decode_request(data)
        request.meta[LEASE_META_KEY] = f"{lease_prefix}|{score.decode() if isinstance(score, bytes) else score}"
        return request


def ack(server: Any, inflight_key: str, lease: str) -> None:
    """The page of ``lease`` is written: forget it."""
    server.hdel(inflight_key, lease)


def requeue(server: Any, inflight_key: str, queue_key: str, lease: str) -> bool:
    """Put the request of ``lease`` back in the queue; False if it was already gone."""
    score = lease.rsplit("|", 1)[-1]
    return bool(server.eval(REQUEUE, 2, inflight_key, queue_key, lease, score))
