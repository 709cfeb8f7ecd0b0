"""A crawl shared by many processes through Redis, on scrapy-redis.

scrapy-redis gives the shared frontier (its Scheduler and a priority queue) and the shared
seen-set (its dupefilter). It pops requests for good, so a worker killed with kill -9 would
lose what it held; ``queue.LeasedPriorityQueue`` extends it with an in-flight hash that a
page leaves only once its records are written (``ack.AckPipeline``), and
``workers.WorkerRegistry`` puts the pages of dead workers back in the queue.
"""

from __future__ import annotations

import os
import socket
from typing import Any

LEASE_META_KEY = "bionews_lease"


def worker_id() -> str:
    """This process's name in the crawl: host and pid."""
    return f"{socket.gethostname()}-{os.getpid()}"


def redis_keys(spider_name: str) -> dict[str, str]:
    """Every Redis key one crawl uses, so all components agree on them."""
    return {
        "queue": f"{spider_name}:requests",
        "dupefilter": f"{spider_name}:dupefilter",
        "inflight": f"{spider_name}:inflight",
        "worker": f"{spider_name}:worker:%s",
    }


def redis_settings(url: str) -> dict[str, Any]:
    """Scrapy settings that make this process one worker of the crawl kept at ``url``."""
    return {
        "REDIS_URL": url,
        "SCHEDULER": "scrapy_redis.scheduler.Scheduler",
        "SCHEDULER_QUEUE_CLASS": "bionews_scraper.crawl.distributed.queue.LeasedPriorityQueue",
        "DUPEFILTER_CLASS": "bionews_scraper.crawl.distributed.dupefilter.PageKeyDupeFilter",
        # Shared state must outlive any one worker: the last worker out clears it.
        "SCHEDULER_PERSIST": True,
        "BIONEWS_WORKER_ID": worker_id(),
        "ITEM_PIPELINES": {"bionews_scraper.crawl.distributed.ack.AckPipeline": 50},
        "EXTENSIONS": {"bionews_scraper.crawl.distributed.workers.WorkerRegistry": 100},
    }
