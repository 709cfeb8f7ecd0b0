"""Variants of one page share one identity; different pages never do."""

from __future__ import annotations

import pytest
from scrapy import Request

from bionews_scraper.crawl.fingerprint import CanonicalFingerprinter
from bionews_scraper.records.identity import clean_url, page_key, record_key, record_page_keys


@pytest.mark.parametrize(
    "variant",
    [
        "http://www.bionews.org.uk/page_291490.asp?dinfo=abc&PPID=12",
        "https://www.bionews.org.uk/page_291490.asp",
        "http://bionews.org.uk/page_291490.asp#comments",
        "HTTP://WWW.BIONEWS.ORG.UK/page_291490.asp?PPID=1",
    ],
)
def test_variants_of_one_page_share_a_key(variant: str) -> None:
    assert page_key(variant) == page_key("http://www.bionews.org.uk/page_291490.asp")


def test_trailing_slash_does_not_make_a_new_page() -> None:
    assert page_key("https://www.progress.org.uk/a-story/") == page_key("https://www.progress.org.uk/a-story")


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("http://www.bionews.org.uk/page_1.asp", "http://www.bionews.org.uk/page_2.asp"),
        ("https://www.progress.org.uk/?p=1", "https://www.progress.org.uk/?p=2"),
        ("https://www.progress.org.uk/a/", "https://www.bionews.org.uk/a/"),
        ("https://www.progress.org.uk/?a=1&a=2", "https://www.progress.org.uk/?a=1&a=3"),
    ],
)
def test_different_pages_have_different_keys(a: str, b: str) -> None:
    assert page_key(a) != page_key(b)


def test_clean_url_drops_only_tracking_parameters() -> None:
    assert (
        clean_url("http://www.bionews.org.uk/page_1.asp?dinfo=x&id=3&PPID=2#top")
        == "http://www.bionews.org.uk/page_1.asp?id=3"
    )


def test_fingerprint_follows_page_identity() -> None:
    fingerprinter = CanonicalFingerprinter()
    one = fingerprinter.fingerprint(Request("http://www.bionews.org.uk/page_1.asp?dinfo=a"))
    assert one == fingerprinter.fingerprint(Request("https://www.bionews.org.uk/page_1.asp"))
    assert one != fingerprinter.fingerprint(Request("https://www.bionews.org.uk/page_2.asp"))


def test_a_request_keeps_its_fingerprint_and_a_replaced_one_gets_its_own() -> None:
    fingerprinter = CanonicalFingerprinter()
    request = Request("https://www.bionews.org.uk/page_1.asp")
    assert fingerprinter.fingerprint(request) is fingerprinter.fingerprint(request)
    moved = request.replace(url="https://www.bionews.org.uk/page_2.asp")
    assert fingerprinter.fingerprint(moved) != fingerprinter.fingerprint(request)


def test_repeated_parameters_survive_cleaning() -> None:
    assert clean_url("https://www.progress.org.uk/?a=1&a=2&PPID=4") == "https://www.progress.org.uk/?a=1&a=2"


def test_a_canonical_url_on_the_same_host_names_the_record() -> None:
    record = {
        "kind": "article",
        "url": "https://www.progress.org.uk/?p=12",
        "canonical_url": "https://www.progress.org.uk/a/",
    }
    assert record_key(record) == record_key({"kind": "article", "url": "http://www.progress.org.uk/a"})


def test_a_canonical_url_on_another_host_is_not_trusted() -> None:
    record = {"kind": "article", "url": "https://www.progress.org.uk/a/", "canonical_url": "https://spam.example/b/"}
    assert record_key(record) == "article:progress.org.uk/a"


def test_a_redirected_record_answers_for_the_address_asked_for_too() -> None:
    record = {
        "kind": "article",
        "url": "https://www.progress.org.uk/new-slug/",
        "requested_url": "http://www.bionews.org.uk/page_96192",
    }
    assert record_page_keys(record) == {"progress.org.uk/new-slug", "bionews.org.uk/page_96192"}


def test_the_default_tracking_parameters_are_the_share_ones() -> None:
    url = "http://bionews.org.uk/page_92540.asp?dinfo=abc&PPID=7"
    assert page_key(url) == page_key(url, tracking_params=("dinfo", "PPID")) == "bionews.org.uk/page_92540.asp"
