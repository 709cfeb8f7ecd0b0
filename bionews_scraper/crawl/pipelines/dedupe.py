"""Drop a record whose page (by canonical URL) was already written.

Within a run, one line per page. Across runs into the same directory (resumed or
incremental crawls), a page already written is dropped too, unless its content changed:
then the new version is written beside the old, and the later ``fetched_at`` tells them apart.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from scrapy.exceptions import DropItem

from bionews_scraper.records.identity import record_key
from bionews_scraper.records.outputs import OUTPUT_FILES, read_records


class DedupePipeline:
    def __init__(self, output_dir: Path, stats: Any, append: bool = False) -> None:
        self.output_dir = output_dir
        self.stats = stats
        self.append = append  # only then does earlier output stay, and count as written
        self.earlier: dict[str, set[str | None]] = {}  # key -> content hashes written by earlier runs
        self.seen: set[str] = set()  # keys written by this run

    @classmethod
    def from_crawler(cls, crawler: Any) -> DedupePipeline:
        settings = crawler.settings
        return cls(Path(settings.get("BIONEWS_OUTPUT_DIR")), crawler.stats, settings.getbool("BIONEWS_APPEND"))

    def open_spider(self, spider: Any = None) -> None:
        self.seen, self.earlier = set(), {}
        if self.append:
            for name in OUTPUT_FILES.values():
                for record in read_records(self.output_dir / name):
                    if record.get("kind") == "error":  # a page tried again may fail again: a new attempt
                        continue
                    self.earlier.setdefault(record_key(record), set()).add(record.get("content_sha256"))

    def process_item(self, item: dict[str, Any]) -> dict[str, Any]:
        key = record_key(item)
        if key in self.seen or item.get("content_sha256") in self.earlier.get(key, ()):
            self.stats.inc_value("bionews/duplicates")
            if item.get("requested_url"):  # a redirect led to a page already recorded
                self.stats.inc_value("bionews/redirects_to_recorded")
            raise DropItem(f"already written: {key}", log_level="DEBUG")
        if key in self.earlier:
            self.stats.inc_value("bionews/changed")
        self.seen.add(key)
        return item
