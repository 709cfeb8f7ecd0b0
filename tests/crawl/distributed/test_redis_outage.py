"""Redis goes away under two workers: they stop with one clear line and exit 1; never `finished`."""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

import redis

from bionews_scraper.crawl.distributed import redis_keys
from bionews_scraper.records.outputs import read_records
from tests.crawl.distributed.conftest import RedisServer

ROOT = Path(__file__).resolve().parents[3]
KEYS = redis_keys("bionews")


def _worker(out: Path, redis_url: str, outage_seconds: float) -> subprocess.Popen[str]:
    command = [sys.executable, "-m", "bionews_scraper.cli", "demo", "--out", str(out), "--redis", redis_url]
    for setting in (
        "DOWNLOAD_DELAY=0.3",
        "AUTOTHROTTLE_ENABLED=False",
        "DOWNLOAD_DELAY_JITTER=0",
        "CONCURRENT_REQUESTS=1",
        f"BIONEWS_REDIS_OUTAGE_SECONDS={outage_seconds}",
    ):
        command += ["-s", setting]
    return subprocess.Popen(command, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)


def _two_workers_mid_crawl(out: Path, server: RedisServer, outage_seconds: float) -> list[subprocess.Popen[str]]:
    """Two workers, once both have joined and written records, with pages still queued."""
    workers = [_worker(out, f"{server.url}/0", outage_seconds) for _ in range(2)]
    client = redis.Redis.from_url(f"{server.url}/0")
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and all(worker.poll() is None for worker in workers):
        joined = len(list(client.scan_iter(match=KEYS["worker"] % "*")))
        written = sum(1 for shard in out.glob("worker-*") for _ in read_records(shard / "articles.jsonl"))
        if joined == 2 and written >= 2 and client.zcard(KEYS["queue"]):
            return workers
        time.sleep(0.05)
    for worker in workers:
        worker.kill()
    raise AssertionError("the workers finished before Redis could be stopped under them")


def _stderr_of_each(workers: list[subprocess.Popen[str]]) -> list[str]:
    finished = []
    for worker in workers:
        _, stderr = worker.communicate(timeout=120)
        assert worker.returncode == 1, stderr[-3000:]
        assert "Traceback" not in stderr, stderr[-3000:]
        finished.append(stderr)
    return finished


def test_workers_that_lose_redis_retry_then_stop_with_exit_1(tmp_path: Path, private_redis: RedisServer) -> None:
    workers = _two_workers_mid_crawl(tmp_path, private_redis, outage_seconds=3)
    private_redis.stop()
    started = time.monotonic()
    for stderr in _stderr_of_each(workers):
        assert "bionews demo: Redis at 127.0.0.1" in stderr and "did not answer for" in stderr
    assert time.monotonic() - started < 60


def test_workers_whose_redis_comes_back_empty_stop_instead_of_finishing(
    tmp_path: Path, private_redis: RedisServer
) -> None:
    workers = _two_workers_mid_crawl(tmp_path, private_redis, outage_seconds=60)
    private_redis.stop()
    private_redis.start()  # the same port, no data: the frontier is gone
    for stderr in _stderr_of_each(workers):
        assert "lost the shared crawl" in stderr
        assert "finished" not in stderr.splitlines()[-1]
