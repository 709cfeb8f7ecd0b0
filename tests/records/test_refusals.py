"""Which refusals are listings: pages the crawl and replay only take links from, never write."""

from __future__ import annotations

import pytest

from bionews_scraper.records.types import error_record, is_listing_refusal


@pytest.mark.parametrize(
    ("url", "reason"),
    [
        ("http://www.bionews.org.uk/page_2.asp", "listing_page"),
        ("https://www.progress.org.uk/", "not_an_article"),  # the home page links the newest issue
        ("https://www.progress.org.uk", "not_an_article"),
    ],
)
def test_listings_and_the_home_page_only_yield_links(url: str, reason: str) -> None:
    assert is_listing_refusal(error_record(url, reason, "why"))


@pytest.mark.parametrize(
    ("url", "reason"),
    [
        ("https://www.progress.org.uk/glossary/mosaicism/", "not_an_article"),  # met through a link: reported
        ("https://www.progress.org.uk/home", "not_an_article"),
        ("https://www.progress.org.uk/", "page_not_found"),  # a root that is gone is an error
        ("https://www.progress.org.uk/", "http_503"),
    ],
)
def test_other_refusals_are_error_records(url: str, reason: str) -> None:
    assert not is_listing_refusal(error_record(url, reason, "why"))


def test_a_record_is_never_a_listing() -> None:
    assert not is_listing_refusal({"kind": "article", "url": "https://www.progress.org.uk/", "reason": "listing_page"})
