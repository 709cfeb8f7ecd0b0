"""The worker registry alone, against a real Redis: dead workers' and leaked leases go back."""

from __future__ import annotations

import pytest
import redis
from scrapy.exceptions import DontCloseSpider

from bionews_scraper.crawl.distributed import redis_keys
from bionews_scraper.crawl.distributed.workers import WorkerRegistry
from bionews_scraper.crawl.pipelines import CountingStats
from tests.crawl.distributed.conftest import free_port

KEYS = redis_keys("bionews")


@pytest.fixture
def server(redis_url: str) -> redis.Redis:
    """A Redis holding a running crawl."""
    server = redis.Redis.from_url(redis_url)
    server.set(KEYS["crawl"], "running")
    return server


@pytest.fixture
def unreachable() -> redis.Redis:
    """A client of a Redis that is not there: every call is refused at once."""
    return redis.Redis.from_url(f"redis://127.0.0.1:{free_port()}/0")


def _registry(server: redis.Redis, worker: str, outage_seconds: float = 60.0) -> WorkerRegistry:
    return WorkerRegistry(server, KEYS, worker, CountingStats(), outage_seconds=outage_seconds)


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


def test_a_worker_that_loses_redis_retries_with_backoff_before_it_gives_up(unreachable: redis.Redis) -> None:
    registry = _registry(unreachable, "me-5", outage_seconds=60)
    registry.beat()
    assert registry.outage is not None and not registry.stopping
    first_try = registry.outage.next_try
    registry.outage.next_try = 0  # as if the wait had passed
    registry.beat()
    assert registry.outage.next_try - first_try >= 1.0, "the second wait is longer than the first"
    assert registry.stats.values["bionews/redis/outages"] == 1


def test_a_worker_that_cannot_reach_redis_for_long_stops_with_one_clear_line(unreachable: redis.Redis) -> None:
    registry = _registry(unreachable, "me-5", outage_seconds=0)
    registry.beat()
    message = registry.stats.notes["bionews/redis/error"]
    assert (
        registry.stopping and message.startswith("Redis did not answer for 0 s (") and "Connection refused" in message
    )


def test_an_idle_worker_never_finishes_while_redis_is_away(unreachable: redis.Redis) -> None:
    with pytest.raises(DontCloseSpider):
        _registry(unreachable, "me-4").spider_idle(None)


def test_a_worker_stops_when_redis_answers_without_the_crawl(server: redis.Redis) -> None:
    server.delete(KEYS["crawl"])  # Redis restarted empty
    registry = _registry(server, "me-4")
    with pytest.raises(DontCloseSpider):
        registry.spider_idle(None)
    assert registry.stopping and "lost the shared crawl" in registry.stats.notes["bionews/redis/error"]
