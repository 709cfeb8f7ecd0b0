"""Request fingerprints on page identity, so variants of one page are fetched once.

Scrapy's default fingerprint keeps the scheme, query order aside, and every parameter;
BioNews links one page as http and https, with and without a trailing slash and with
share parameters. Used by Scrapy's dupefilter, JOBDIR and scrapy-redis alike.
"""

from __future__ import annotations

import hashlib

from scrapy import Request

from bionews_scraper.records.identity import page_key


class CanonicalFingerprinter:
    def fingerprint(self, request: Request) -> bytes:
        identity = f"{request.method} {page_key(request.url)}".encode()
        return hashlib.sha1(identity + b"\0" + (request.body or b""), usedforsecurity=False).digest()
