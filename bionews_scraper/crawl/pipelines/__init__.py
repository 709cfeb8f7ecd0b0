"""Item pipelines: provenance, validate, dedupe, write (their order is ``ITEM_PIPELINES`` in
``crawl/settings.py``, for the crawl and for replay alike)."""

from __future__ import annotations

from collections import Counter
from pathlib import Path
from types import SimpleNamespace
from typing import TYPE_CHECKING, Any, cast

from scrapy.settings import Settings
from scrapy.utils.conf import build_component_list
from scrapy.utils.misc import build_from_crawler, load_object

if TYPE_CHECKING:
    from scrapy.crawler import Crawler


class CountingStats:
    """The ``inc_value`` the pipelines call, over a plain counter: for running them outside
    a Scrapy crawl (``bionews replay``) and in tests."""

    def __init__(self) -> None:
        self.values: Counter[str] = Counter()
        self.notes: dict[str, Any] = {}  # set_value's: not counts (``bionews/output_error``)

    def inc_value(self, key: str, count: int = 1, start: int = 0) -> None:
        self.values[key] += count

    def set_value(self, key: str, value: Any) -> None:
        self.notes[key] = value

    def get_value(self, key: str, default: Any = None) -> Any:
        return self.notes.get(key, self.values.get(key, default))


def open_pipelines(output_dir: Path, stats: CountingStats, **overrides: Any) -> list[Any]:
    """The crawl's item pipelines, in the crawl's order, opened on ``output_dir`` outside a
    crawl: each is built by its own ``from_crawler`` from the crawl settings, so a pipeline
    added to ``ITEM_PIPELINES`` runs in replay too. ``overrides`` are settings (``BIONEWS_APPEND``)."""
    settings = Settings()
    settings.setmodule("bionews_scraper.crawl.settings", priority="project")
    settings.setdict({"BIONEWS_OUTPUT_DIR": str(output_dir), **overrides}, priority="cmdline")
    # What a pipeline's from_crawler reads of a crawler: its settings and its stats.
    crawler = cast("Crawler", SimpleNamespace(settings=settings, stats=stats))
    pipelines = [
        build_from_crawler(load_object(path), crawler)
        for path in build_component_list(settings.getwithbase("ITEM_PIPELINES"))
    ]
    for pipeline in pipelines:
        if hasattr(pipeline, "open_spider"):
            pipeline.open_spider()
    return pipelines


def close_pipelines(pipelines: list[Any]) -> None:
    """Close what ``open_pipelines`` opened."""
    for pipeline in pipelines:
        if hasattr(pipeline, "close_spider"):
            pipeline.close_spider()
