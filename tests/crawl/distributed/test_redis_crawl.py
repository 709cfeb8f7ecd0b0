"""Several processes share one crawl through Redis; none loses a page when one dies."""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import time
from collections import Counter
from collections.abc import Callable
from pathlib import Path

import redis

from bionews_scraper.archive.merge import merge
from bionews_scraper.crawl.distributed import redis_keys
from bionews_scraper.records.outputs import read_records

ROOT = Path(__file__).resolve().parents[3]
MANIFEST = json.loads((ROOT / "fixtures" / "site" / "manifest.json").read_text(encoding="utf-8"))
KEYS = redis_keys("bionews")


def _worker(out: Path, redis_url: str, delay: float) -> subprocess.Popen:
    command = [
        sys.executable,
        "-m",
        "bionews_scraper.cli",
        "demo",
        "--out",
        str(out),
        "--redis",
        redis_url,
        "-s",
        f"DOWNLOAD_DELAY={delay}",
        "-s",
        "AUTOTHROTTLE_ENABLED=False",
        "-s",
        "DOWNLOAD_DELAY_JITTER=0",
        "-s",
        "CONCURRENT_REQUESTS=2",
    ]
    return subprocess.Popen(command, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)


def _finish(process: subprocess.Popen) -> None:
    _, stderr = process.communicate(timeout=240)
    assert process.returncode == 0, stderr[-3000:]


def _assert_complete(out: Path) -> None:
    counts = merge([out], out)
    articles = Counter(r["url"] for r in read_records(out / "articles.jsonl"))
    issues = Counter(r["url"] for r in read_records(out / "issues.jsonl"))
    assert sorted(articles) == sorted(MANIFEST["articles"]) and set(articles.values()) == {1}, counts
    assert sorted(issues) == sorted(MANIFEST["issues"]) and set(issues.values()) == {1}
    assert {r["url"]: r["reason"] for r in read_records(out / "errors.jsonl")} == MANIFEST["errors"]


def _articles_of(out: Path, process: subprocess.Popen) -> int:
    return sum(1 for _ in read_records(out / f"worker-{socket.gethostname()}-{process.pid}" / "articles.jsonl"))


def _wait_until(condition: Callable[[], bool], what: str, seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while not condition():
        assert time.monotonic() < deadline, f"timed out waiting until {what}"
        time.sleep(0.02)


def test_two_workers_share_one_crawl_and_merge_to_a_single_crawls_output(tmp_path: Path, redis_url: str) -> None:
    """The second worker joins while the first is paused (SIGSTOP) mid-crawl, so both work
    however slowly the machine starts a process; the pause also outlasts the heartbeat timeout."""
    server = redis.Redis.from_url(redis_url)
    first = _worker(tmp_path, redis_url, 0.2)
    _wait_until(
        lambda: first.poll() is not None or (_articles_of(tmp_path, first) >= 1 and server.zcard(KEYS["queue"]) > 0),
        "the first worker wrote an article",
    )
    assert first.poll() is None, "the first worker finished alone before a second could join"
    assert _articles_of(tmp_path, first) < len(MANIFEST["articles"]) // 2
    os.kill(first.pid, signal.SIGSTOP)
    try:
        second = _worker(tmp_path, redis_url, 0.2)
        _wait_until(
            lambda: second.poll() is not None or _articles_of(tmp_path, second) >= 1,
            "the second worker wrote an article",
        )
    finally:
        os.kill(first.pid, signal.SIGCONT)
    for worker in (first, second):
        _finish(worker)
    assert len(list(tmp_path.glob("worker-*"))) == 2
    assert _articles_of(tmp_path, first) >= 1 and _articles_of(tmp_path, second) >= 1
    _assert_complete(tmp_path)
    assert server.keys("bionews:*") == [], "a finished crawl leaves nothing in Redis"


def test_a_worker_killed_mid_crawl_loses_no_page(tmp_path: Path, redis_url: str) -> None:
    server = redis.Redis.from_url(redis_url)
    victim = _worker(tmp_path, redis_url, 0.3)
    victim_id = f"{socket.gethostname()}-{victim.pid}"
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and victim.poll() is None:
        held = [lease for lease in server.hkeys(KEYS["inflight"]) if lease.decode().startswith(victim_id + "|")]
        if held and len(list(read_records(tmp_path / f"worker-{victim_id}" / "articles.jsonl"))) >= 2:
            break
        time.sleep(0.02)
    assert victim.poll() is None and held, "the worker finished before it could be killed holding a page"
    os.kill(victim.pid, signal.SIGKILL)
    victim.wait()
    assert server.hlen(KEYS["inflight"]) >= 1, "the killed worker's pages must still be in flight"

    survivor = _worker(tmp_path, redis_url, 0)
    _finish(survivor)
    _assert_complete(tmp_path)
    assert server.hlen(KEYS["inflight"]) == 0
