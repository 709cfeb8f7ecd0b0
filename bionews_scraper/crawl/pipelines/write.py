"""Write records to articles.jsonl, issues.jsonl and errors.jsonl, one whole line each.

Scrapy's feed exports buffer their writes, so a kill -9 can leave half a line, and they
cannot resume into the same file; hence this small writer (``outputs.JsonlAppender``).
``scrapy crawl bionews -O out.jsonl`` still works beside it.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from bionews_scraper.records.outputs import OUTPUT_FILES, JsonlAppender


class WritePipeline:
    def __init__(self, output_dir: Path, stats: Any, append: bool) -> None:
        self.output_dir = output_dir
        self.stats = stats
        self.append = append
        self.files: dict[str, JsonlAppender] = {}

    @classmethod
    def from_crawler(cls, crawler: Any) -> WritePipeline:
        settings = crawler.settings
        return cls(Path(settings.get("BIONEWS_OUTPUT_DIR")), crawler.stats, settings.getbool("BIONEWS_APPEND"))

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
        self.files[kind].write(item)
        if kind == "error":
            self.stats.inc_value(f"bionews/errors/{item['reason']}")
        else:
            self.stats.inc_value(f"bionews/records/{kind}")
        return item
