"""The worker side of replay: a captured page -> its record, as the spider builds it.

Kept apart from ``replay`` so a worker process imports only the parser, not Scrapy and
the pipelines (half the start-up of a spawned worker).
"""

from __future__ import annotations

import hashlib
import logging
import traceback
from typing import Any

from bionews_scraper.parse.extract import extract
from bionews_scraper.archive.warc.read import CapturedPage

log = logging.getLogger("bionews")

Parsed = tuple[dict[str, Any], str | None]  # the record, the sha256 of the body (None for an HTTP error)


def parse_page(page: CapturedPage) -> Parsed:
    """A captured page -> (record, body sha256), as the spider's callbacks build them.

    An HTTP error status gives the spider's error record; a parser bug gives an
    ``internal_error`` record with the traceback logged, as in ``bionews parse``.
    """
    if page.status >= 400:
        return {"kind": "error", "url": page.url, "reason": f"http_{page.status}", "error": f"the server answered {page.status}"}, None
    sha256 = hashlib.sha256(page.body).hexdigest()
    try:
        return dict(extract(page.body, page.url, page.content_type).record), sha256
    except Exception:  # the outermost loop for this page: a bug must not lose the others
        log.error("internal error parsing %s\n%s", page.url, traceback.format_exc())
        return {"kind": "error", "url": page.url, "reason": "internal_error", "error": "the parser failed; see the log"}, sha256


def parse_pages(pages: list[CapturedPage]) -> list[Parsed]:
    """``parse_page`` over a batch: one round trip to a worker process for several pages."""
    return [parse_page(page) for page in pages]
