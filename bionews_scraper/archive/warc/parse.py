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

Parsed = tuple[list[dict[str, Any]], str | None]  # the page's records, the sha256 of its body (None for an HTTP error)


def parse_page(page: CapturedPage) -> Parsed:
    """A captured page -> (its records, body sha256), as the spider's callbacks build them.

    An HTTP error status gives the spider's error record; a parser bug gives an
    ``internal_error`` record with the traceback logged, as in ``bionews parse``.
    """
    if page.status >= 400:
        return [dict(http_error_record(page.url, page.status))], None
    sha256 = hashlib.sha256(page.body).hexdigest()
    return [dict(record) for record in extract_or_report(page.body, page.url, page.content_type).records], sha256


def parse_pages(pages: list[CapturedPage]) -> list[Parsed]:
    """``parse_page`` over a batch: one round trip to a worker process for several pages."""
    return [parse_page(page) for page in pages]
