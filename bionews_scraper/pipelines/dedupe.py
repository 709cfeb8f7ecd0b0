"""Drop a record whose page was already written: one line per page, across resumed runs."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from scrapy.exceptions import DropItem

from bionews_scraper.outputs import existing_keys, record_key


class DedupePipeline:
    def __init__(self, output_dir: Path, stats: Any, append: bool = False) -> None:
        self.output_dir = output_dir
        self.stats = stats
        self.append = append  # only then does earlier output stay, and count as written
        self.seen: set[str] = set()

    @classmethod
    def from_crawler(cls, crawler: Any) -> DedupePipeline:
        settings = crawler.settings
        return cls(Path(settings.get("BIONEWS_OUTPUT_DIR")), crawler.stats, settings.getbool("BIONEWS_APPEND"))

    def open_spider(self, spider: Any = None) -> None:
        self.seen = existing_keys(self.output_dir) if self.append else set()

    def process_item(self, item: dict[str, Any]) -> dict[str, Any]:
        key = record_key(item)
        if key in self.seen:
            self.stats.inc_value("bionews/duplicates")
            raise DropItem(f"already written: {key}")
        self.seen.add(key)
        return item
