"""Scrapy's RobotsTxtMiddleware, with every request checked while robots.txt downloads.

In Scrapy 2.19 the requests that wait for a host's robots.txt all await one Deferred; the
first waiter's callback returns None, so every later waiter gets None ("no robots.txt")
and is let through unchecked. The parser is stored on the middleware before that Deferred
fires, so a waiter handed None reads the stored one. Harmless once upstream is fixed.
"""

from __future__ import annotations

from typing import Any

from scrapy import Request
from scrapy.downloadermiddlewares.robotstxt import RobotsTxtMiddleware
from scrapy.utils.httpobj import urlparse_cached
from twisted.internet.defer import Deferred


class EveryRequestRobotsTxtMiddleware(RobotsTxtMiddleware):
    async def robot_parser(self, request: Request) -> Any:
        parser = await super().robot_parser(request)
        if parser is None:
            stored = self._parsers.get(urlparse_cached(request).netloc)
            if not isinstance(stored, Deferred):
                return stored
        return parser
