"""What the spider hands to the pipelines: a record and the facts of its fetch, and how
those facts are read from Scrapy's requests, responses and failures."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from scrapy import Request
from scrapy.exceptions import DownloadCancelledError, IgnoreRequest
from scrapy.http import Headers, Response
from twisted.internet.error import TimeoutError as TxTimeoutError
from twisted.python.failure import Failure

from bionews_scraper.records.types import ErrorRecord, error_record


@dataclass(slots=True)
class FetchedRecord:
    """A parser record (article, issue or error) with what only the fetch knows."""

    record: dict[str, Any]
    status: int | None  # HTTP status, None when no response came
    content_sha256: str | None  # of the response body bytes, None without a body
    referer: str | None  # the page that linked to this one
    fetched_at: str | None = None  # RFC 3339 UTC; None: stamped by the provenance pipeline
    requested_url: str | None = None  # the address asked for, when a redirect led elsewhere
    attempts: int = 1  # downloads tried for this page, in this run and (for errors) earlier ones


def fetch_error_record(url: str, failure: Failure) -> ErrorRecord:
    """The error record for a request that got no HTTP answer."""
    if failure.check(TxTimeoutError):
        return error_record(url, "timeout", "no answer before the download timeout")
    if failure.check(DownloadCancelledError):
        return error_record(url, "too_large", "the response is larger than DOWNLOAD_MAXSIZE")
    if failure.check(IgnoreRequest) and "redirect" in str(failure.value).lower():
        return error_record(url, "redirect_loop", "too many redirects")
    return error_record(url, "network_error", failure.getErrorMessage() or type(failure.value).__name__)


def request_of(failure: Failure) -> Request:
    """The request an errback's failure is about: Scrapy sets it on the failure."""
    return failure.request  # type: ignore[attr-defined]


def header(headers: Headers, name: str) -> str | None:
    """One header's value as text (latin-1, as HTTP has it), or None."""
    value = headers.get(name)
    return value.decode("latin-1") if value else None


def requested_url(request: Request) -> str | None:
    """The address first asked for, when redirects led to ``request.url``; else None."""
    chain = request.meta.get("redirect_urls")
    return str(chain[0]) if chain else None


def referer_of(response: Response) -> str | None:
    return header(response.request.headers, "Referer") if response.request else None
