"""The worker registry alone, against a real Redis: dead workers' and leaked leases go back."""

from __future__ import annotations

import pytest
import redis
from scrapy.exceptions import DontCloseSpider

from bionews_scraper.crawl.distributed import redis_keys
from bionews_scraper.crawl.distributed.workers import WorkerRegistry
from bionews_scraper.crawl.pipelines import CountingStats

KEYS = redis_keys("bionews")


@pytest.fixture
def server(redis_url: str) -> redis.Redis:
    return redis.Redis.from_url(redis_url)


def _registry(server: redis.Redis, worker: str) -> WorkerRegistry:
    return WorkerRegistry(server, KEYS, worker, CountingStats())


def test_a_heartbeat_puts_back_the_pages_of_a_dead_worker(server: redis.Redis) -> None:
    server.hset(KEYS["inflight"], "dead-1|0|-10", b"request bytes")
    alive = _registry(server, "alive-2")
    alive.beat()
    assert server.hlen(KEYS["inflight"]) == 0
    assert server.zrange(KEYS["queue"], 0, -1, withscores=True) == [(b"request bytes", -10.0)]
    assert server.exists(KEYS["worker"] % "alive-2")


def test_a_heartbeat_leaves_the_pages_of_a_live_worker(server: redis.Redis) -> None:
    server.set(KEYS["worker"] % "busy-3", "1", ex=10)
    server.hset(KEYS["inflight"], "busy-3|0|-10", b"request bytes")
    _registry(server, "alive-2").beat()
    assert server.hlen(KEYS["inflight"]) == 1 and server.zcard(KEYS["queue"]) == 0


def test_an_idle_worker_gives_back_a_lease_it_leaked_and_stays_open(server: redis.Redis) -> None:
    server.hset(KEYS["inflight"], "me-4|7|-5", b"leaked")
    registry = _registry(server, "me-4")
    with pytest.raises(DontCloseSpider):
        registry.spider_idle(None)
    assert server.zrange(KEYS["queue"], 0, -1) == [b"leaked"] and server.hlen(KEYS["inflight"]) == 0


def test_an_idle_worker_closes_when_nothing_is_queued_or_held(server: redis.Redis) -> None:
    _registry(server, "me-4").spider_idle(None)  # no DontCloseSpider
