"""scrapy-redis's shared seen-set, keyed on page identity like the single-process crawl."""

from __future__ import annotations

from typing import Any

from scrapy import Request
from scrapy_redis.dupefilter import RFPDupeFilter

from bionews_scraper.crawl.distributed import REDIS_ERRORS
from bionews_scraper.crawl.fingerprint import CanonicalFingerprinter


class PageKeyDupeFilter(RFPDupeFilter):
    """scrapy-redis fingerprints canonicalised URLs; ours also fold http/https and share parameters."""

    fingerprinter = CanonicalFingerprinter()

    def request_fingerprint(self, request: Request) -> str:
        return self.fingerprinter.fingerprint(request).hex()

    def __init__(self, server: Any, key: str, debug: bool = False) -> None:
        super().__init__(server, key, debug)
        # Fingerprints this worker knows are in the shared set. The set only grows while the
        # crawl runs, so these are asked of Redis once: most links a page yields (related
        # stories, issue lists met again) were seen before, and each ask is a round trip.
        self.known: set[str] = set()

    def request_seen(self, request: Request) -> bool:
        """While Redis does not answer, nothing counts as seen: a page fetched twice is
        de-duplicated when written or merged; a page dropped would be lost."""
        fingerprint = self.request_fingerprint(request)
        if fingerprint in self.known:
            return True
        try:
            added = self.server.sadd(self.key, fingerprint)
        except REDIS_ERRORS:
            return False
        self.known.add(fingerprint)
        return added == 0
