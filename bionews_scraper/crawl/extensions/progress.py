"""A live progress line on a terminal: pages fetched, records, errors, rate, ETA.

Switched off (``NotConfigured``) when stderr is not a terminal or ``BIONEWS_PROGRESS`` is
false; Scrapy's normal log is the record then.
"""

from __future__ import annotations

import sys
import time
from typing import Any, TextIO

from scrapy import signals
from scrapy.exceptions import NotConfigured
from twisted.internet import task

INTERVAL_SECONDS = 1.0
ARTICLES_PER_ISSUE = 8  # a BioNews issue carries about this many items; only for the ETA


def progress_line(stats: dict[str, Any], elapsed: float) -> str:
    """``pages 120 | records 98 | errors 2 | 3.1 pages/s | ETA 0:01:40`` from crawl stats."""
    pages = stats.get("response_received_count", 0)
    records = sum(value for key, value in stats.items() if key.startswith("bionews/records/"))
    errors = sum(value for key, value in stats.items() if key.startswith("bionews/errors/"))
    rate = pages / elapsed if elapsed > 0 else 0.0
    line = f"pages {pages} | records {records} | errors {errors} | {rate:.1f} pages/s"
    expected = stats.get("bionews/expected_pages") or stats.get("bionews/expected_issues", 0) * (1 + ARTICLES_PER_ISSUE)
    if expected and rate > 0 and pages < expected:
        remaining = int((expected - pages) / rate)
        line += f" | ETA {remaining // 3600}:{remaining // 60 % 60:02d}:{remaining % 60:02d}"
    return line


class ProgressLine:
    def __init__(self, stats: Any, stream: TextIO) -> None:
        self.stats = stats
        self.stream = stream
        self.started = time.monotonic()
        self.loop = task.LoopingCall(self.show)

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
        self.loop.start(INTERVAL_SECONDS, now=False)

    def show(self) -> None:
        self.stream.write("\r\x1b[K" + progress_line(self.stats.get_stats(), time.monotonic() - self.started))
        self.stream.flush()

    def spider_closed(self, spider: Any, reason: str) -> None:
        if self.loop.running:
            self.loop.stop()
        self.show()
        self.stream.write(f"\nfinished ({reason})\n")
