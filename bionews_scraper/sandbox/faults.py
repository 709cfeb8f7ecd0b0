"""Faults the loopback site server can inject: what a flaky web server does to a crawl.

``parse_faults("500=0.05,503=0.05,retry_after=0.5,slow=0.02,reset=0.02,truncate=0.02,loop=0.01,huge=0.005")``
gives a ``FaultPlan``. Each rate is the share of paths a fault is planned for, chosen by a
hash of the seed and the path (host + path, query ignored), so the same seed and spec always
pick the same paths, whatever the order of requests:

- transient faults hit a chosen path's first ``attempts`` requests (default 2); later
  requests for it succeed, so a crawler that retries recovers:
  ``500``, ``503`` (with ``Retry-After: 1`` on a ``retry_after`` share of its paths),
  ``reset`` (the connection is aborted with a TCP RST, no bytes sent),
  ``slow`` (the answer comes only after ``slow_seconds``, default 40: past a 30 s timeout),
  ``truncate`` (``Content-Length`` promises the whole page, half of it is sent, then the
  connection closes);
- persistent faults hit every request for a chosen path: ``loop`` (a 302 to itself),
  ``huge`` (a 20 MiB body: the page, then padding);
- an outage: ``outage=N`` answers N requests 503 (every path), from the server's first
  request or, with ``outage_after=K``, from its K+1-th; then the server is healthy again.

``robots.txt`` is never faulted. Standard library only.
"""

from __future__ import annotations

import hashlib
import socket
import struct
import threading
from collections.abc import Mapping
from dataclasses import dataclass, field
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler
from types import MappingProxyType

# Rates, in the order a path's hash is mapped onto them (the sum must stay <= 1).
TRANSIENT_KINDS: tuple[str, ...] = ("500", "503", "reset", "slow", "truncate")
PERSISTENT_KINDS: tuple[str, ...] = ("loop", "huge")
FAULT_KINDS: tuple[str, ...] = TRANSIENT_KINDS + PERSISTENT_KINDS
DEFAULT_ATTEMPTS = 2
DEFAULT_SLOW_SECONDS = 40.0
HUGE_BYTES = 20 * 1024 * 1024  # past Scrapy's DOWNLOAD_MAXSIZE of 16 MiB
RETRY_AFTER_SECONDS = "1"
EXEMPT_PATHS = frozenset({"/robots.txt"})
_PADDING = b"<!-- padding -->\n" * 4096  # 68 kB, written again and again for a huge body
_ERROR_BODY = b"<!DOCTYPE html>\n<html><head><title>%d</title></head><body><h1>%d %s</h1></body></html>\n"


@dataclass(frozen=True)
class FaultPlan:
    """Which faults, how often, and how long they last; validated on construction.

    Raises ``ValueError`` for an unknown kind, a rate outside 0..1, rates summing past 1,
    ``attempts`` below 1 or a negative ``slow_seconds``.
    """

    rates: Mapping[str, float] = field(default_factory=dict, hash=False)  # kind -> share of paths
    retry_after: float = 0.0  # share of 503 paths whose answers carry Retry-After: 1
    slow_seconds: float = DEFAULT_SLOW_SECONDS
    attempts: int = DEFAULT_ATTEMPTS  # requests of a path a transient fault lasts for
    seed: int = 0
    outage: int = 0  # requests (any path) answered 503 ...
    outage_after: int = 0  # ... after this many were answered well

    def __post_init__(self) -> None:
        unknown = sorted(set(self.rates) - set(FAULT_KINDS))
        if unknown:
            raise ValueError(f"unknown fault kind {unknown[0]!r} (known: {', '.join(FAULT_KINDS)})")
        if any(not 0.0 <= rate <= 1.0 for rate in self.rates.values()) or not 0.0 <= self.retry_after <= 1.0:
            raise ValueError("fault rates and retry_after must lie between 0 and 1")
        if sum(self.rates.values()) > 1.0 + 1e-9:
            raise ValueError(f"fault rates add up to {sum(self.rates.values()):g}, more than 1")
        if self.attempts < 1 or min(self.slow_seconds, self.outage, self.outage_after) < 0:
            raise ValueError("attempts must be at least 1, slow_seconds, outage and outage_after at least 0")
        object.__setattr__(
            self, "rates", MappingProxyType({k: self.rates[k] for k in FAULT_KINDS if self.rates.get(k)})
        )

    @property
    def active(self) -> bool:
        return bool(self.rates) or self.outage > 0

    def kind_for(self, key: str) -> str | None:
        """The fault planned for the path ``key`` (``host/path``), or ``None``."""
        draw, edge = _unit(self.seed, key, "kind"), 0.0
        for kind, rate in self.rates.items():
            edge += rate
            if draw < edge:
                return kind
        return None

    def fault_for(self, key: str, attempt: int) -> str | None:
        """The fault the ``attempt``-th request (1-based) for ``key`` meets, or ``None``."""
        kind = self.kind_for(key)
        if kind in TRANSIENT_KINDS and attempt > self.attempts:
            return None
        return kind

    def sends_retry_after(self, key: str) -> bool:
        return _unit(self.seed, key, "retry-after") < self.retry_after


def parse_faults(spec: str, seed: int = 0) -> FaultPlan:
    """``"500=0.05,503=0.05,retry_after=0.5,slow=0.02,slow_seconds=3"`` -> ``FaultPlan``.

    Keys: the fault kinds (rates), ``retry_after``, ``slow_seconds``, ``attempts``.
    An empty spec plans no faults. Raises ``ValueError`` naming the bad part.
    """
    rates: dict[str, float] = {}
    options: dict[str, float] = {}
    for part in filter(None, (piece.strip() for piece in spec.split(","))):
        name, equals, value = (text.strip() for text in part.partition("="))
        if not equals or not value:
            raise ValueError(f"fault spec part {part!r} is not NAME=VALUE")
        if name in rates or name in options:
            raise ValueError(f"fault spec names {name!r} twice")
        try:
            number = float(value)
        except ValueError:
            raise ValueError(f"fault spec value {part!r} is not a number") from None
        if name in FAULT_KINDS:
            rates[name] = number
        elif name in ("retry_after", "slow_seconds", "attempts", "outage", "outage_after"):
            options[name] = number
        else:
            raise ValueError(
                f"unknown fault spec key {name!r} (known: {', '.join(FAULT_KINDS)}, retry_after, slow_seconds, attempts, outage, outage_after)"
            )
    whole = {name: options.get(name, 0) for name in ("outage", "outage_after")}
    attempts = whole["attempts"] = options.get("attempts", DEFAULT_ATTEMPTS)
    for name, number in whole.items():
        if number != int(number):
            raise ValueError(f"{name} must be a whole number, not {number:g}")
    return FaultPlan(
        rates,
        retry_after=options.get("retry_after", 0.0),
        slow_seconds=options.get("slow_seconds", DEFAULT_SLOW_SECONDS),
        attempts=int(attempts),
        seed=seed,
        outage=int(whole["outage"]),
        outage_after=int(whole["outage_after"]),
    )


def _unit(seed: int, key: str, purpose: str) -> float:
    """A number in [0, 1) that depends only on its arguments."""
    digest = hashlib.sha256(f"{seed}\x00{purpose}\x00{key}".encode("utf-8", "surrogateescape")).digest()
    return int.from_bytes(digest[:8], "big") / 2**64


@dataclass(frozen=True, slots=True)
class Fault:
    """The fault one request meets, and how to answer it."""

    kind: str
    retry_after: bool
    slow_seconds: float
    stopping: threading.Event  # set when the server stops: a slow answer gives up waiting

    def answer_first(self, handler: BaseHTTPRequestHandler, send_body: bool) -> bool:
        """Faults answered before the file is looked up; ``True`` when the request is done."""
        if self.kind in ("500", "503"):
            status = HTTPStatus(int(self.kind))
            headers = [("Retry-After", RETRY_AFTER_SECONDS)] if self.retry_after else []
            _respond(handler, status, _ERROR_BODY % (status, status, status.phrase.encode()), send_body, headers)
        elif self.kind == "loop":
            target = handler.path if not handler.path.startswith("//") else "/" + handler.path.lstrip("/")
            _respond(handler, HTTPStatus.FOUND, b"", send_body, [("Location", target)])
        elif self.kind == "reset":
            _reset(handler)
        elif self.kind == "slow":
            if self.stopping.wait(self.slow_seconds):
                handler.close_connection = True
                return True  # the server is stopping: hang up instead of answering
            return False
        else:
            return False
        return True

    def answer_file(self, handler: BaseHTTPRequestHandler, ctype: str, body: bytes, send_body: bool) -> bool:
        """Faults that need the page's bytes; ``True`` when the request is done."""
        if self.kind == "truncate":
            sent = body[: len(body) // 2]
            handler.close_connection = True
            _respond(handler, HTTPStatus.OK, sent, send_body, [], ctype, declared=max(len(body), len(sent) + 1))
        elif self.kind == "huge":
            handler.close_connection = True
            _respond(handler, HTTPStatus.OK, body, send_body, [], ctype, declared=max(HUGE_BYTES, len(body)), pad=True)
        else:
            return False
        return True


class FaultInjector:
    """A ``FaultPlan`` applied to a running server: counts each path's requests (thread-safe)."""

    def __init__(self, plan: FaultPlan) -> None:
        self.plan = plan
        self.stopping = threading.Event()
        self._attempts: dict[str, int] = {}
        self._requests = 0  # every request but robots.txt, for the outage
        self._lock = threading.Lock()

    def next_fault(self, host: str | None, raw_path: str) -> Fault | None:
        """The fault this request meets, counting it as one more attempt at its path."""
        if raw_path in EXEMPT_PATHS:
            return None
        if self.plan.outage:
            with self._lock:
                self._requests += 1
                down = 0 < self._requests - self.plan.outage_after <= self.plan.outage
            if down:
                return Fault("503", False, self.plan.slow_seconds, self.stopping)
        key = f"{host or '-'}{raw_path}"
        kind = self.plan.kind_for(key)
        if kind is None:
            return None
        attempt = 0
        if kind in TRANSIENT_KINDS:
            with self._lock:
                attempt = self._attempts[key] = self._attempts.get(key, 0) + 1
        if self.plan.fault_for(key, attempt) is None:
            return None
        return Fault(kind, kind == "503" and self.plan.sends_retry_after(key), self.plan.slow_seconds, self.stopping)


def _respond(
    handler: BaseHTTPRequestHandler,
    status: HTTPStatus,
    body: bytes,
    send_body: bool,
    headers: list[tuple[str, str]],
    ctype: str = "text/html; charset=utf-8",
    declared: int | None = None,
    pad: bool = False,
) -> None:
    """Status, headers and ``body``; up to a ``declared`` length, ``pad`` sends padding, else nothing (truncate)."""
    length = len(body) if declared is None else declared
    handler.send_response(status)
    handler.send_header("Content-Type", ctype)
    handler.send_header("Content-Length", str(length))
    for name, value in headers:
        handler.send_header(name, value)
    handler.end_headers()
    if not send_body:
        return
    try:
        handler.wfile.write(body)
        remaining = length - len(body) if pad else 0
        while remaining > 0:
            chunk = _PADDING[:remaining]
            handler.wfile.write(chunk)
            remaining -= len(chunk)
    except ConnectionError:  # the client gave up on a huge body: that is the point
        handler.close_connection = True


def _reset(handler: BaseHTTPRequestHandler) -> None:
    """Abort the connection: SO_LINGER 0 makes the close send a TCP RST, no bytes before it."""
    handler.close_connection = True
    connection: socket.socket = handler.connection
    connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
    connection.close()  # the real close (the RST) follows when the handler drops its files
    handler.log_request("-")
