"""The shared seen-set: asked once per page by each worker, never trusted while Redis is away."""

from __future__ import annotations

import redis
from scrapy import Request

from bionews_scraper.crawl.distributed.dupefilter import PageKeyDupeFilter


class CountingSet:
    """The ``sadd`` of a Redis server over a Python set, counting the round trips."""

    def __init__(self, away: bool = False) -> None:
        self.members: set[str] = set()
        self.calls = 0
        self.away = away

    def sadd(self, key: str, member: str) -> int:
        self.calls += 1
        if self.away:
            raise redis.ConnectionError("Redis is away")
        added = member not in self.members
        self.members.add(member)
        return int(added)


def test_a_page_this_worker_met_before_is_seen_without_asking_redis() -> None:
    server = CountingSet()
    seen = PageKeyDupeFilter(server, "bionews:dupefilter")
    assert not seen.request_seen(Request("https://www.progress.org.uk/embryo-model-study/"))
    assert seen.request_seen(Request("http://progress.org.uk/embryo-model-study?utm_source=x"))  # the same page
    assert server.calls == 1


def test_a_page_another_worker_added_is_seen_and_then_known() -> None:
    server = CountingSet()
    other, this = PageKeyDupeFilter(server, "k"), PageKeyDupeFilter(server, "k")
    other.request_seen(Request("https://www.progress.org.uk/ivf-add-ons-review/"))
    assert this.request_seen(Request("https://www.progress.org.uk/ivf-add-ons-review/"))
    assert this.request_seen(Request("https://www.progress.org.uk/ivf-add-ons-review/"))
    assert server.calls == 2  # one ask each


def test_while_redis_is_away_nothing_is_seen_or_remembered() -> None:
    server = CountingSet(away=True)
    seen = PageKeyDupeFilter(server, "k")
    request = Request("https://www.progress.org.uk/mitochondrial-donation-licence/")
    assert not seen.request_seen(request) and not seen.request_seen(request)
    server.away = False
    assert not seen.request_seen(request)  # first really added now
    assert seen.request_seen(request)
