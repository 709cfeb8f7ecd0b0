"""The worker side of replay: a captured page -> its record, as the spider builds it.

Kept apart from ``replay`` so a worker process imports only the parser, not Scrapy and
the pipelines (half the start-up of a spawned worker).
"""

from __future__ import annotations

import hashlib
from typing import Any

from bionews_scraper.archive.warc.read import CapturedPage
from bionews_scraper.parse.extract import extract_or_report
from bionews_scraper.records.types import http_error_record

Parsed = tuple[dict[str, Any], str | None]  # the record, the sha256 of the body (None for an HTTP error)


def parse_page(page: CapturedPage) -> Parsed:
    """A captured page -> (record, body sha256), as the spider's callbacks build them.

    An HTTP error status gives the spider's error record; a parser bug gives an
    ``internal_error`` record with the traceback logged, as in ``bionews parse``.
    """
    if page.status >= 400:
        return dict(http_error_record(page.url, page.status)), None
    sha256 = hashlib.sha256(page.body).hexdigest()
    return dict(extract_or_report(page.body, page.url, page.content_type).record), sha256


def parse_pages(pages: list[CapturedPage]) -> list[Parsed]:
    """``parse_page`` over a batch: one round trip to a worker process for several pages."""
    return [parse_page(page) for page in pages]
