"""Record every response of a crawl as WARC: a downloader middleware next to the downloader.

At order ~950 ``process_response`` runs before HttpCompressionMiddleware (590) and
RedirectMiddleware (600), so it sees the bytes as the server sent them (still gzipped, if
they were) and every redirect and error page, not only what reaches the spider. Each
response becomes a ``response`` record (status line, headers, raw payload) and a
``request`` record (method, path, headers incl. Host, Referer, User-Agent) linked to it by
``WARC-Concurrent-To``. Switched on by ``BIONEWS_WARC_DIR`` alone.
"""

from __future__ import annotations

import http.client
from collections.abc import Callable, Iterable
from io import BytesIO
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from scrapy import signals
from scrapy.exceptions import NotConfigured
from scrapy.http import Request, Response
from warcio.recordbuilder import RecordBuilder
from warcio.recordloader import ArcWarcRecord
from warcio.statusandheaders import StatusAndHeaders

from bionews_scraper import __version__
from bionews_scraper.archive.warc.writer import WARC_VERSION, RotatingWarcWriter
from bionews_scraper.crawl.pipelines.write import crawl_stopper, report_output_failure
from bionews_scraper.records.outputs import OutputError

DEFAULT_MAX_BYTES = 100 * 1024 * 1024
# The crawl settings an archivist needs to judge a capture; each goes into every warcinfo.
INFO_SETTINGS = (
    "USER_AGENT",
    "DOWNLOAD_DELAY",
    "AUTOTHROTTLE_ENABLED",
    "ROBOTSTXT_OBEY",
    "CONCURRENT_REQUESTS_PER_DOMAIN",
    "JOBDIR",
)
CONFORMS_TO = "https://iipc.github.io/warc-specifications/specifications/warc-format/warc-1.1/"
# Scrapy's downloader has already removed the chunk framing, so a stored
# "Transfer-Encoding: chunked" would make WARC readers de-chunk a plain body.
RENAMED_HEADERS = {"transfer-encoding": "X-Archive-Orig-Transfer-Encoding"}
# Content codings every WARC reader undoes. Scrapy also asks for br and zstd; warcio 1.8
# has no zstd, and its br needs brotlipy (with Google's brotli, content_stream() raises).
REPLAYABLE_ENCODINGS = frozenset({"gzip", "deflate", "identity"})


def warcinfo_fields(settings: Any) -> dict[str, str]:
    """The warcinfo record's fields: the tool, its version, the crawl settings that matter."""
    fields = {
        "software": f"bionews-scraper/{__version__}",
        "format": f"WARC File Format {WARC_VERSION}",
        "conformsTo": CONFORMS_TO,
        "USER_AGENT": settings.get("USER_AGENT"),
        "DOWNLOAD_DELAY": settings.getfloat("DOWNLOAD_DELAY"),
        "AUTOTHROTTLE_ENABLED": settings.getbool("AUTOTHROTTLE_ENABLED"),
        "ROBOTSTXT_OBEY": settings.getbool("ROBOTSTXT_OBEY"),
        "CONCURRENT_REQUESTS_PER_DOMAIN": settings.getint("CONCURRENT_REQUESTS_PER_DOMAIN"),
        "JOBDIR": settings.get("JOBDIR"),  # absent from the record when unset
    }
    return {name: str(value) for name, value in fields.items() if value is not None and value != ""}


def build_request_record(builder: RecordBuilder, request: Request, url: str) -> ArcWarcRecord:
    """A WARC ``request`` record for ``request`` as it went to ``url``'s host."""
    parts = urlsplit(url)
    target = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
    headers = _header_pairs(request.headers.items())
    if not any(name.lower() == "host" for name, _ in headers):
        headers.insert(0, ("Host", parts.netloc.rsplit("@", 1)[-1]))
    http_headers = StatusAndHeaders(f"{request.method} {target} HTTP/1.1", headers, is_http_request=True)
    body = request.body or b""
    return builder.create_warc_record(
        url, "request", payload=BytesIO(body), length=len(body), http_headers=http_headers
    )


def build_response_record(builder: RecordBuilder, response: Response) -> ArcWarcRecord:
    """A WARC ``response`` record: status line, headers and the payload bytes as received."""
    reason = http.client.responses.get(response.status, "Unknown")
    headers = [
        (RENAMED_HEADERS.get(name.lower(), name), value) for name, value in _header_pairs(response.headers.items())
    ]
    http_headers = StatusAndHeaders(f"{response.status} {reason}", headers, protocol=response.protocol or "HTTP/1.1")
    record = builder.create_warc_record(
        response.url,
        "response",
        payload=BytesIO(response.body),
        length=len(response.body),
        http_headers=http_headers,
    )
    if response.ip_address:
        record.rec_headers.add_header("WARC-IP-Address", str(response.ip_address))
    return record


class WarcCaptureMiddleware:
    """Writes a request/response record pair for every downloaded response."""

    def __init__(self, writer: RotatingWarcWriter, stats: Any, stop_crawl: Callable[[str], None] | None = None) -> None:
        self.writer = writer
        self.stats = stats
        self.stop_crawl = stop_crawl  # when the capture cannot be written (full disk)
        self.failed = False
        self.builder = RecordBuilder(warc_version=WARC_VERSION)

    @classmethod
    def from_crawler(cls, crawler: Any) -> WarcCaptureMiddleware:
        settings = crawler.settings
        directory = settings.get("BIONEWS_WARC_DIR")
        if not directory:
            raise NotConfigured  # capture is off unless asked for: nothing to warn about
        max_bytes = settings.getint("BIONEWS_WARC_MAX_BYTES", DEFAULT_MAX_BYTES)
        writer = RotatingWarcWriter(Path(directory), max_bytes, warcinfo_fields(settings), crawler.stats)
        middleware = cls(writer, crawler.stats, crawl_stopper(crawler))
        crawler.signals.connect(middleware.spider_closed, signal=signals.spider_closed)
        return middleware

    def process_request(self, request: Request) -> None:
        """Ask only for content codings that WARC readers can decode again."""
        accepted = request.headers.get("Accept-Encoding")
        if accepted:
            codings = [coding.strip() for coding in accepted.decode("latin-1").split(",")]
            kept = [coding for coding in codings if coding.split(";")[0].strip().lower() in REPLAYABLE_ENCODINGS]
            if kept != codings:
                request.headers["Accept-Encoding"] = ", ".join(kept) or "identity"

    def process_response(self, request: Request, response: Response) -> Response:
        if "cached" in response.flags:  # HTTPCACHE: fetched earlier, not a capture of now
            self.stats.inc_value("warc/skipped_cached")
            return response
        if not response.url.startswith(("http://", "https://")):  # the crawl's own data: report
            return response
        if request.meta.get("role") == "issue_probe" and response.status == 404:  # a number with no issue
            self.stats.inc_value("warc/skipped_probe_miss")
            return response
        if self.failed:
            self.stats.inc_value("warc/unwritten")
            return response
        records = (
            build_request_record(self.builder, request, response.url),
            build_response_record(self.builder, response),
        )
        try:
            self.writer.write(records)
        except OutputError as error:  # the crawl stops: a capture with holes is not what was asked
            self.failed = True
            self.stats.inc_value("warc/unwritten")
            report_output_failure(self.stats, str(error), self.stop_crawl)
        return response

    def spider_closed(self, spider: Any) -> None:
        self.writer.close()


def _header_pairs(items: Iterable[tuple[bytes, list[bytes]]]) -> list[tuple[str, str]]:
    """Scrapy's multi-valued bytes headers -> (name, value) text pairs, one per value."""
    return [(name.decode("latin-1"), value.decode("latin-1")) for name, values in items for value in values]
