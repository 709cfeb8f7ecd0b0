"""A crawl shared by many processes through Redis, on scrapy-redis.

scrapy-redis gives the shared frontier (its Scheduler and a priority queue) and the shared
seen-set (its dupefilter). It pops requests for good, so a worker killed with kill -9 would
lose what it held; ``queue.LeasedPriorityQueue`` extends it with an in-flight hash that a
page leaves only once its records are written (``ack.AckPipeline``), and
``workers.WorkerRegistry`` puts the pages of dead workers back in the queue.

Redis may go away. Every component catches ``REDIS_ERRORS`` and does the safe thing (hand out
nothing, keep what it could not queue, keep the lease); the registry alone decides: it retries
with backoff for ``BIONEWS_REDIS_OUTAGE_SECONDS``, then stops the worker (``redis_unavailable``),
and stops it at once (``redis_frontier_lost``) when Redis answers again without the crawl's state.
"""

from __future__ import annotations

import os
import socket
from typing import Any
from urllib.parse import urlsplit

import redis

LEASE_META_KEY = "bionews_lease"
UNQUEUED_STAT = "bionews/redis/unqueued"  # requests found while Redis was away and not queued yet
REDIS_ERRORS = (redis.ConnectionError, redis.TimeoutError)  # Redis is away; anything else is a bug
# A blocked call blocks the whole worker (Redis calls run on the reactor thread): fail fast,
# the registry retries. scrapy-redis's defaults are 30 s.
REDIS_PARAMS = {"socket_timeout": 5, "socket_connect_timeout": 5, "retry_on_timeout": False}


def worker_id() -> str:
    """This process's name in the crawl: host and pid."""
    return f"{socket.gethostname()}-{os.getpid()}"


def redis_where(url: str) -> str:
    """``Redis at HOST:PORT/DB`` for messages: never the password a URL may hold. Raises ValueError (bad port)."""
    parts = urlsplit(url)
    return f"Redis at {parts.hostname}:{parts.port or 6379}{parts.path or '/0'}"


def redis_keys(spider_name: str) -> dict[str, str]:
    """Every Redis key one crawl uses, so all components agree on them."""
    return {
        "queue": f"{spider_name}:requests",
        "dupefilter": f"{spider_name}:dupefilter",
        "inflight": f"{spider_name}:inflight",
        "worker": f"{spider_name}:worker:%s",
        "crawl": f"{spider_name}:crawl",  # present while the crawl runs; gone = Redis lost its state
    }


def redis_settings(url: str) -> dict[str, Any]:
    """Scrapy settings that make this process one worker of the crawl kept at ``url``."""
    return {
        "REDIS_URL": url,
        "REDIS_PARAMS": REDIS_PARAMS,
        "SCHEDULER": "scrapy_redis.scheduler.Scheduler",
        "SCHEDULER_QUEUE_CLASS": "bionews_scraper.crawl.distributed.queue.LeasedPriorityQueue",
        "DUPEFILTER_CLASS": "bionews_scraper.crawl.distributed.dupefilter.PageKeyDupeFilter",
        # Shared state must outlive any one worker: the last worker out clears it.
        "SCHEDULER_PERSIST": True,
        "BIONEWS_WORKER_ID": worker_id(),
        "ITEM_PIPELINES": {"bionews_scraper.crawl.distributed.ack.AckPipeline": 50},
        "EXTENSIONS": {"bionews_scraper.crawl.distributed.workers.WorkerRegistry": 100},
    }
