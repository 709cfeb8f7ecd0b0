"""Scrapy's RetryMiddleware with backoff: a retry waits, longer each time, and honours
Retry-After. Scrapy retries at once, which hammers a struggling server; the rules of what
to retry (RETRY_HTTP_CODES, RETRY_EXCEPTIONS, RETRY_TIMES) stay Scrapy's."""

from __future__ import annotations

import asyncio
from typing import Any

from scrapy import Request
from scrapy.downloadermiddlewares.retry import RetryMiddleware
from scrapy.http import Response


def backoff_seconds(retry_times: int, base: float, cap: float, retry_after: str | None) -> float:
    """Seconds to wait before retry number ``retry_times`` (1, 2, ...): Retry-After when the
    server gives a number of seconds, else ``base`` doubled each time; never over ``cap``."""
    if retry_after and retry_after.strip().isdigit():
        return min(cap, float(retry_after.strip()))
    return min(cap, base * 2 ** max(0, retry_times - 1))


class BackoffRetryMiddleware(RetryMiddleware):
    def __init__(self, settings: Any) -> None:
        super().__init__(settings)
        self.base = settings.getfloat("BIONEWS_RETRY_BACKOFF_BASE")
        self.cap = settings.getfloat("BIONEWS_RETRY_BACKOFF_MAX")

    # Scrapy (2.13+) awaits coroutine middleware methods; its annotations still name the sync form.
    async def process_response(  # type: ignore[override]
        self, request: Request, response: Response, spider: Any = None
    ) -> Request | Response:
        result = super().process_response(request, response)
        if isinstance(result, Request):
            value = response.headers.get("Retry-After")
            retry_after = value.decode("latin-1") if value else None
            await self._wait(result, retry_after)
        return result

    async def process_exception(  # type: ignore[override]
        self, request: Request, exception: Exception, spider: Any = None
    ) -> Request | Response | None:
        result = super().process_exception(request, exception)
        if isinstance(result, Request):
            await self._wait(result, None)
        return result

    async def _wait(self, retry: Request, retry_after: str | None) -> None:
        delay = backoff_seconds(retry.meta.get("retry_times", 1), self.base, self.cap, retry_after)
        self.crawler.stats.inc_value("bionews/retry/backoff_ms", round(delay * 1000))
        await asyncio.sleep(delay)
