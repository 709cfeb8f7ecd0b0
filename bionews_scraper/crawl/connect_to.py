"""Send every http(s) request to one local server, the way curl's ``--resolve`` does.

For the demo, tests and benchmarks: the spider and its records keep the real BioNews URLs;
only the connection goes to ``BIONEWS_LOOPBACK`` ("127.0.0.1:PORT") over plain HTTP, with
the real host in the Host header and the scheme asked for in ``X-Forwarded-Proto``, as a
proxy that ends TLS sends them (so the loopback site can redirect ``http`` to ``https``).
Switched on by ``loopback_settings``, never by default.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import urlsplit, urlunsplit

from scrapy import Request
from scrapy.core.downloader.handlers.http11 import HTTP11DownloadHandler
from scrapy.exceptions import NotConfigured
from scrapy.http import Response

HANDLER = "bionews_scraper.crawl.connect_to.LoopbackDownloadHandler"


def loopback_settings(address: str) -> dict[str, Any]:
    """Settings that route every http and https request to ``address`` (host:port)."""
    return {"BIONEWS_LOOPBACK": address, "DOWNLOAD_HANDLERS": {"http": HANDLER, "https": HANDLER}}


class LoopbackDownloadHandler(HTTP11DownloadHandler):
    def __init__(self, crawler: Any) -> None:
        address = crawler.settings.get("BIONEWS_LOOPBACK")
        if not address:
            raise NotConfigured("BIONEWS_LOOPBACK is not set")
        host = address.rsplit(":", 1)[0]
        if host not in ("127.0.0.1", "localhost", "::1", "[::1]"):
            raise NotConfigured(f"loopback address {address!r} is not on this machine")
        super().__init__(crawler)
        self.address = address

    async def download_request(self, request: Request) -> Response:
        parts = urlsplit(request.url)
        local_url = urlunsplit(("http", self.address, parts.path or "/", parts.query, ""))
        headers = request.headers.copy()
        headers["Host"] = parts.netloc
        headers["X-Forwarded-Proto"] = parts.scheme
        response = await super().download_request(request.replace(url=local_url, headers=headers))
        return response.replace(url=request.url)
