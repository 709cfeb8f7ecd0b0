"""Write records to articles.jsonl, issues.jsonl and errors.jsonl, one whole line each.

Scrapy's feed exports buffer their writes, so a kill -9 can leave half a line, and they
cannot resume into the same file; hence this small writer (``outputs.JsonlAppender``).
``scrapy crawl bionews -O out.jsonl`` writes only where it is told: with a feed (``FEEDS``)
and no ``BIONEWS_OUTPUT_DIR`` given, this pipeline and stats.json stay off.

An output that cannot be written (full disk, file size limit, I/O error) stops the crawl:
one error line, the stat ``bionews/output_error``, finish reason ``output_error``, and every
later record dropped unwritten (counted), never a traceback per page.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path
from typing import Any

from scrapy.exceptions import DropItem, NotConfigured
from scrapy.settings import SETTINGS_PRIORITIES, BaseSettings
from scrapy.utils.defer import deferred_from_coro

from bionews_scraper.records.outputs import OUTPUT_FILES, JsonlAppender, OutputError

logger = logging.getLogger(__name__)
OUTPUT_ERROR_STAT = "bionews/output_error"
OUTPUT_ERROR_REASON = "output_error"  # the crawl's finish reason


def writes_output_dir(settings: BaseSettings) -> bool:
    """False when the crawl writes to feeds only: ``scrapy crawl -o/-O`` and no ``-s BIONEWS_OUTPUT_DIR``."""
    given = settings.getpriority("BIONEWS_OUTPUT_DIR") or 0
    return not settings.getdict("FEEDS") or given > SETTINGS_PRIORITIES["project"]


class WritePipeline:
    def __init__(
        self, output_dir: Path, stats: Any, append: bool, stop_crawl: Callable[[str], None] | None = None
    ) -> None:
        self.output_dir = output_dir
        self.stats = stats
        self.append = append
        self.stop_crawl = stop_crawl  # called once, with the finish reason, when the output fails
        self.files: dict[str, JsonlAppender] = {}
        self.failure: str | None = None

    @classmethod
    def from_crawler(cls, crawler: Any) -> WritePipeline:
        settings = crawler.settings
        if not writes_output_dir(settings):
            raise NotConfigured("writing to the feeds given with -o/-O only")

        return cls(
            Path(settings.get("BIONEWS_OUTPUT_DIR")),
            crawler.stats,
            settings.getbool("BIONEWS_APPEND"),
            crawl_stopper(crawler),
        )

    def open_spider(self, spider: Any = None) -> None:
        for kind, name in OUTPUT_FILES.items():
            path = self.output_dir / name
            if not self.append and path.exists():
                path.unlink()
            self.files[kind] = JsonlAppender(path)

    def close_spider(self, spider: Any = None) -> None:
        for appender in self.files.values():
            appender.close()

    def process_item(self, item: dict[str, Any]) -> dict[str, Any]:
        kind = item["kind"]
        if self.failure is not None:
            self.stats.inc_value("bionews/unwritten")
            raise DropItem("output failed earlier", log_level="DEBUG")
        try:
            self.files[kind].write(item)
        except OutputError as error:
            self._fail(str(error))
            raise DropItem("output failed", log_level="DEBUG") from error
        if kind == "error":
            self.stats.inc_value(f"bionews/errors/{item['reason']}")
        else:
            self.stats.inc_value(f"bionews/records/{kind}")
        return item

    def _fail(self, message: str) -> None:
        self.failure = message
        self.stats.inc_value("bionews/unwritten")
        report_output_failure(self.stats, message, self.stop_crawl)


def crawl_stopper(crawler: Any) -> Callable[[str], None]:
    """A function that closes ``crawler``'s spider with a finish reason; it does nothing outside a crawl."""

    def stop_crawl(reason: str) -> None:
        engine = getattr(crawler, "engine", None)  # none outside a crawl (replay stops on the stat)
        if engine is not None:
            deferred_from_coro(engine.close_spider_async(reason=reason))

    return stop_crawl


def report_output_failure(stats: Any, message: str, stop_crawl: Callable[[str], None] | None) -> None:
    """An output could not be written: one error line, the stat the command prints, the crawl stopped."""
    if stats.get_value(OUTPUT_ERROR_STAT):
        return  # already reported: one line, one stop
    stats.set_value(OUTPUT_ERROR_STAT, message)
    logger.error("%s; stopping the crawl (what was written so far is whole)", message)
    if stop_crawl is not None:
        stop_crawl(OUTPUT_ERROR_REASON)
