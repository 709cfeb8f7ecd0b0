"""Validate every record against the published schema; an invalid one becomes an error record.

Nothing is lost: the invalid record's URL and the first schema errors go to errors.jsonl.
"""

from __future__ import annotations

from typing import Any

from bionews_scraper.records.validate import record_errors

PROVENANCE_KEYS = ("fetched_at", "status", "content_sha256", "parser_version", "referer")


class ValidatePipeline:
    def __init__(self, stats: Any) -> None:
        self.stats = stats

    @classmethod
    def from_crawler(cls, crawler: Any) -> ValidatePipeline:
        return cls(crawler.stats)

    def process_item(self, item: Any) -> Any:
        problems = record_errors(item)
        if not problems:
            return item
        self.stats.inc_value("bionews/invalid")
        error = {
            "kind": "error",
            "url": str(item.get("url") or "<no url>") if isinstance(item, dict) else "<not a record>",
            "reason": "schema_invalid",
            "error": "; ".join(problems[:3]),
        }
        if isinstance(item, dict):
            error.update({key: item[key] for key in PROVENANCE_KEYS if key in item})
        return error
