"""Redis servers for the distributed-crawl tests, always ones the tests start themselves.

Debian's redis-server (``make test`` and .ci/run install it) runs on a free loopback port,
with no persistence; a missing redis-server is a failure, never a skip: these tests must run
wherever the suite runs. Nothing here touches a Redis the environment names.
"""

from __future__ import annotations

import itertools
import shutil
import socket
import subprocess
import time
from collections.abc import Iterator

import pytest
import redis

DATABASES = itertools.cycle(range(1, 16))  # database 0 stays unused: a test's keys never meet another's


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class RedisServer:
    """One redis-server process on a loopback port; stopped and started again on the same port."""

    def __init__(self, port: int) -> None:
        self.port = port
        self.url = f"redis://127.0.0.1:{port}"
        self.process: subprocess.Popen[bytes] | None = None

    def start(self) -> RedisServer:
        binary = shutil.which("redis-server")
        if binary is None:
            pytest.fail("redis-server is not installed: run `make test` (it installs Debian's redis-server)")
        command = [binary, "--bind", "127.0.0.1", "--port", str(self.port), "--save", "", "--appendonly", "no"]
        self.process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        deadline = time.monotonic() + 10
        while True:
            try:
                redis.Redis.from_url(self.url).ping()
                return self
            except redis.ConnectionError:
                if self.process.poll() is not None or time.monotonic() > deadline:
                    self.stop()
                    pytest.fail(f"redis-server did not start on port {self.port}")
                time.sleep(0.02)

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.kill()  # as a crash or an OOM kill would: no goodbye to the clients
            self.process.wait(timeout=10)
        self.process = None


@pytest.fixture(scope="session")
def redis_server() -> Iterator[str]:
    """``redis://127.0.0.1:PORT``: a server of this test session's own."""
    server = RedisServer(free_port()).start()
    yield server.url
    server.stop()


@pytest.fixture
def redis_url(redis_server: str) -> str:
    """A database of its own for each test (of 15 in turn), emptied first."""
    url = f"{redis_server}/{next(DATABASES)}"
    redis.Redis.from_url(url).flushdb()
    return url


@pytest.fixture
def private_redis() -> Iterator[RedisServer]:
    """A server for one test that stops and restarts it (a Redis outage)."""
    server = RedisServer(free_port()).start()
    yield server
    server.stop()
