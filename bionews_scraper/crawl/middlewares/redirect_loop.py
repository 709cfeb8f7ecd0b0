"""Turn a redirect loop into an error record instead of a silent loss.

Scrapy's RedirectMiddleware follows a 302 that points back at the page (or at a page of the
same chain), and its dupefilter then drops the repeat without a word: the page vanishes.
This middleware sits just outside it and refuses such a redirect with ``IgnoreRequest``,
which reaches the spider's errback as reason ``redirect_loop``.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import urljoin

from scrapy import Request
from scrapy.exceptions import IgnoreRequest
from scrapy.http import Response
from w3lib.url import canonicalize_url

REDIRECT_STATUSES = frozenset({301, 302, 303, 307, 308})


class RedirectLoopMiddleware:
    def process_response(self, request: Request, response: Response, spider: Any = None) -> Response:
        location = response.headers.get("Location")
        if response.status not in REDIRECT_STATUSES or not location:
            return response
        # Exact URLs, not page identity: /story -> /story/ and http -> https are fine.
        target = canonicalize_url(urljoin(request.url, location.decode("latin-1")))
        chain = [request.url, *request.meta.get("redirect_urls", ())]
        if target in {canonicalize_url(url) for url in chain}:
            raise IgnoreRequest(f"redirect loop: {request.url} leads back to itself")
        return response
