"""Retry backoff and redirect-loop detection, each alone."""

from __future__ import annotations

import pytest
from scrapy import Request
from scrapy.exceptions import IgnoreRequest
from scrapy.http import Response

from bionews_scraper.crawl.middlewares.redirect_loop import RedirectLoopMiddleware
from bionews_scraper.crawl.middlewares.retry import backoff_seconds


@pytest.mark.parametrize(
    ("retry", "retry_after", "expected"),
    [
        (1, None, 1.0),
        (2, None, 2.0),
        (3, None, 4.0),
        (10, None, 60.0),
        (1, "5", 5.0),
        (1, "600", 60.0),
        (2, "Wed, 21 Oct 2026 07:28:00 GMT", 2.0),
    ],
)
def test_backoff_doubles_honours_retry_after_and_is_capped(
    retry: int, retry_after: str | None, expected: float
) -> None:
    assert backoff_seconds(retry, base=1.0, cap=60.0, retry_after=retry_after) == expected


def _redirect(url: str, location: str, chain: tuple[str, ...] = ()) -> tuple[Request, Response]:
    request = Request(url, meta={"redirect_urls": list(chain)} if chain else {})
    return request, Response(url, status=302, headers={"Location": location})


def test_a_page_redirecting_to_itself_is_refused() -> None:
    with pytest.raises(IgnoreRequest, match="redirect loop"):
        RedirectLoopMiddleware().process_response(*_redirect("https://www.progress.org.uk/a/", "/a/"))


def test_a_loop_through_another_page_is_refused() -> None:
    request, response = _redirect(
        "https://www.progress.org.uk/b/", "https://www.progress.org.uk/a/", chain=("https://www.progress.org.uk/a/",)
    )
    with pytest.raises(IgnoreRequest):
        RedirectLoopMiddleware().process_response(request, response)


@pytest.mark.parametrize(
    ("url", "location"),
    [("https://www.progress.org.uk/a", "/a/"), ("http://www.progress.org.uk/a/", "https://www.progress.org.uk/a/")],
)
def test_ordinary_redirects_pass(url: str, location: str) -> None:
    request, response = _redirect(url, location)
    assert RedirectLoopMiddleware().process_response(request, response) is response
