"""A Redis server for the distributed-crawl tests: the one CI started, or our own.

CI (.ci/run) installs Debian's redis-server and exports BIONEWS_TEST_REDIS_URL. Without
it, the fixture starts redis-server on a free loopback port for the session. A missing
redis-server is a failure, never a skip: these tests must run wherever the suite runs.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import time
from collections.abc import Iterator

import pytest
import redis


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture(scope="session")
def redis_server() -> Iterator[str]:
    """``redis://127.0.0.1:PORT``: a server for this test session."""
    if url := os.environ.get("BIONEWS_TEST_REDIS_URL"):
        yield url.rstrip("/")
        return
    binary = shutil.which("redis-server")
    if binary is None:
        pytest.fail(
            "redis-server is not installed: run `make test` (it installs Debian's redis-server) or set BIONEWS_TEST_REDIS_URL"
        )
    port = _free_port()
    process = subprocess.Popen(
        [binary, "--bind", "127.0.0.1", "--port", str(port), "--save", "", "--appendonly", "no"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    url = f"redis://127.0.0.1:{port}"
    deadline = time.monotonic() + 10
    while True:
        try:
            redis.Redis.from_url(url).ping()
            break
        except redis.ConnectionError:
            if time.monotonic() > deadline:
                process.kill()
                pytest.fail("redis-server did not start")
            time.sleep(0.05)
    yield url
    process.terminate()
    process.wait(timeout=10)


@pytest.fixture
def redis_url(redis_server: str, request: pytest.FixtureRequest) -> str:
    """A database of its own for each test, emptied first."""
    database = 1 + abs(hash(request.node.nodeid)) % 14
    url = f"{redis_server}/{database}"
    redis.Redis.from_url(url).flushdb()
    return url
