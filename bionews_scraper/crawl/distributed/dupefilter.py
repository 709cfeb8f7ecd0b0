"""scrapy-redis's shared seen-set, keyed on page identity like the single-process crawl."""

from __future__ import annotations

from scrapy import Request
from scrapy_redis.dupefilter import RFPDupeFilter

from bionews_scraper.crawl.distributed import REDIS_ERRORS
from bionews_scraper.crawl.fingerprint import CanonicalFingerprinter


class PageKeyDupeFilter(RFPDupeFilter):
    """scrapy-redis fingerprints canonicalised URLs; ours also fold http/https and share parameters."""

    fingerprinter = CanonicalFingerprinter()

    def request_fingerprint(self, request: Request) -> str:
        return self.fingerprinter.fingerprint(request).hex()

    def request_seen(self, request: Request) -> bool:
        """While Redis does not answer, nothing counts as seen: a page fetched twice is
        de-duplicated when written or merged; a page dropped would be lost."""
        try:
            return bool(super().request_seen(request))
        except REDIS_ERRORS:
            return False
