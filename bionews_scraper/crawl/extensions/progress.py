"""A live progress line on a terminal: pages fetched, records, errors, rate, ETA.

Switched off (``NotConfigured``) when stderr is not a terminal or ``BIONEWS_PROGRESS`` is
false; Scrapy's normal log is the record then. On a terminal the line is redrawn in place
every second, and any log line written meanwhile first clears it, so the two never share a line.
"""

from __future__ import annotations

import logging
import sys
import time
from typing import Any, TextIO

from scrapy import signals
from scrapy.exceptions import NotConfigured
from twisted.internet import task

INTERVAL_SECONDS = 1.0
ARTICLES_PER_ISSUE = 8  # a BioNews issue carries about this many items; only for the ETA
CLEAR_LINE = "\r\x1b[K"  # back to the line's start, erase it


def progress_line(stats: dict[str, Any], elapsed: float) -> str:
    """``pages 120 | records 98 | errors 2 | 3.1 pages/s | ETA 0:01:40`` from crawl stats.

    The ETA counts the pages known so far: those queued and not yet fetched, or, when more,
    those a sitemap or an issue range announced and not yet fetched."""
    pages = stats.get("response_received_count", 0)
    records = sum(value for key, value in stats.items() if key.startswith("bionews/records/"))
    errors = sum(value for key, value in stats.items() if key.startswith("bionews/errors/"))
    rate = pages / elapsed if elapsed > 0 else 0.0
    line = f"pages {pages} | records {records} | errors {errors} | {rate:.1f} pages/s"
    expected = stats.get("bionews/expected_pages") or stats.get("bionews/expected_issues", 0) * (1 + ARTICLES_PER_ISSUE)
    queued = _scheduler(stats, "enqueued") - _scheduler(stats, "dequeued")
    remaining = max(queued, expected - pages)
    if remaining > 0 and rate > 0:
        seconds = int(remaining / rate)
        line += f" | ETA {seconds // 3600}:{seconds // 60 % 60:02d}:{seconds % 60:02d}"
    return line


def _scheduler(stats: dict[str, Any], what: str) -> int:
    """Requests put in or taken out of the scheduler: Scrapy's own, or scrapy-redis's."""
    return int(stats.get(f"scheduler/{what}", 0) or stats.get(f"scheduler/{what}/redis", 0))


class ClearBeforeLogging(logging.Filter):
    """On a handler writing to the progress line's stream: erase the line before each log line."""

    def __init__(self, stream: TextIO) -> None:
        super().__init__()
        self.stream = stream

    def filter(self, record: logging.LogRecord) -> bool:
        self.stream.write(CLEAR_LINE)
        return True


class ProgressLine:
    def __init__(self, stats: Any, stream: TextIO) -> None:
        self.stats = stats
        self.stream = stream
        self.started = time.monotonic()
        self.loop = task.LoopingCall(self.show)
        self.clearing = ClearBeforeLogging(stream)
        self.handlers: list[logging.Handler] = []

    @classmethod
    def from_crawler(cls, crawler: Any) -> ProgressLine:
        if not crawler.settings.getbool("BIONEWS_PROGRESS") or not sys.stderr.isatty():
            raise NotConfigured
        extension = cls(crawler.stats, sys.stderr)
        crawler.signals.connect(extension.spider_opened, signal=signals.spider_opened)
        crawler.signals.connect(extension.spider_closed, signal=signals.spider_closed)
        return extension

    def spider_opened(self, spider: Any) -> None:
        self.started = time.monotonic()
        self.attach(logging.getLogger().handlers)
        self.loop.start(INTERVAL_SECONDS, now=False)

    def attach(self, handlers: list[logging.Handler]) -> None:
        """Clear the line before every log line of the handlers that write to our stream."""
        self.handlers = [h for h in handlers if getattr(h, "stream", None) is self.stream]
        for handler in self.handlers:
            handler.addFilter(self.clearing)

    def show(self) -> None:
        self.stream.write(CLEAR_LINE + progress_line(self.stats.get_stats(), time.monotonic() - self.started))
        self.stream.flush()

    def spider_closed(self, spider: Any, reason: str) -> None:
        if self.loop.running:
            self.loop.stop()
        for handler in self.handlers:
            handler.removeFilter(self.clearing)
        self.stream.write(CLEAR_LINE)  # the command prints the summary line
        self.stream.flush()
