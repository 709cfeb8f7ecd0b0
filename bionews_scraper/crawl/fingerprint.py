"""Request fingerprints on page identity, so variants of one page are fetched once.

Scrapy's default fingerprint keeps the scheme, query order aside, and every parameter;
BioNews links one page as http and https, with and without a trailing slash and with
share parameters. Used by Scrapy's dupefilter, JOBDIR and scrapy-redis alike.
"""

from __future__ import annotations

import hashlib
from weakref import WeakKeyDictionary

from scrapy import Request

from bionews_scraper.records.identity import page_key


class CanonicalFingerprinter:
    def __init__(self) -> None:
        # Scrapy asks for a request's fingerprint several times (scheduler, dupefilter, JOBDIR);
        # like Scrapy's own fingerprinter, remember it for as long as the request lives.
        self._fingerprints: WeakKeyDictionary[Request, bytes] = WeakKeyDictionary()

    def fingerprint(self, request: Request) -> bytes:
        if (known := self._fingerprints.get(request)) is not None:
            return known
        identity = f"{request.method} {page_key(request.url)}".encode()
        fingerprint = hashlib.sha1(identity + b"\0" + (request.body or b""), usedforsecurity=False).digest()
        self._fingerprints[request] = fingerprint
        return fingerprint
