"""The leased queue while Redis is away: what it could not queue is kept and counted."""

from __future__ import annotations

from types import SimpleNamespace

import redis
from scrapy import Request
from scrapy.settings import Settings

from bionews_scraper.crawl.distributed import UNQUEUED_STAT, redis_keys
from bionews_scraper.crawl.distributed.queue import LeasedPriorityQueue
from bionews_scraper.crawl.pipelines import CountingStats
from bionews_scraper.crawl.run import crawl_problems
from tests.crawl.distributed.conftest import free_port

KEYS = redis_keys("bionews")


def _queue(server: redis.Redis, stats: CountingStats) -> LeasedPriorityQueue:
    spider = SimpleNamespace(
        name="bionews", settings=Settings({"BIONEWS_WORKER_ID": "me-1"}), crawler=SimpleNamespace(stats=stats)
    )
    return LeasedPriorityQueue(server, spider, KEYS["queue"])


def test_requests_pushed_while_redis_is_away_are_kept_counted_and_sent_when_it_answers(redis_url: str) -> None:
    stats = CountingStats()
    queue = _queue(redis.Redis.from_url(f"redis://127.0.0.1:{free_port()}/0"), stats)
    for n in range(3):
        queue.push(Request(f"https://www.progress.org.uk/newsletter_issue/bionews-{n}/"))
    assert len(queue.unsent) == 3 and stats.get_value(UNQUEUED_STAT) == 3
    queue.server = redis.Redis.from_url(redis_url)  # Redis answers again
    assert queue.send_unsent()
    assert stats.get_value(UNQUEUED_STAT) == 0 and queue.server.zcard(KEYS["queue"]) == 3


def test_two_queues_of_one_worker_add_up_their_unqueued_requests() -> None:
    stats, away = CountingStats(), redis.Redis.from_url(f"redis://127.0.0.1:{free_port()}/0")
    first, second = _queue(away, stats), _queue(away, stats)
    first.push(Request("https://www.progress.org.uk/a/"))
    second.push(Request("https://www.progress.org.uk/b/"))
    second.push(Request("https://www.progress.org.uk/c/"))
    assert stats.get_value(UNQUEUED_STAT) == 3


def test_a_crawl_that_stopped_with_requests_unqueued_says_so() -> None:
    stats = {"finish_reason": "redis_unavailable", "bionews/redis/error": "Redis did not answer", UNQUEUED_STAT: 4}
    assert "4 pages found while Redis was away were never queued: the output lacks them" in crawl_problems(stats)
