"""Stamp every record with where and when it came from."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from bionews_scraper import PARSER_VERSION
from bionews_scraper.crawl.fetched import FetchedRecord
from bionews_scraper.records.types import is_transient


def utc_now() -> str:
    """The current time as RFC 3339 UTC, second precision: ``2026-11-26T06:25:48Z``."""
    return datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


class ProvenancePipeline:
    """FetchedRecord -> flat record dict with fetched_at, status, content_sha256, parser_version,
    referer, requested_url; and for an error, attempts and transient."""

    def process_item(self, item: Any) -> Any:
        if not isinstance(item, FetchedRecord):
            return item
        record = {
            **item.record,
            "fetched_at": item.fetched_at or utc_now(),
            "status": item.status,
            "content_sha256": item.content_sha256,
            "parser_version": PARSER_VERSION,
            "referer": item.referer,
            "requested_url": item.requested_url,
        }
        if record["kind"] == "error":
            record.update(attempts=item.attempts, transient=is_transient(record["reason"]))
        return record
