"""The spider's own decisions, without a crawl."""

from __future__ import annotations

import pytest
from scrapy import Request
from scrapy.http import HtmlResponse
from scrapy.utils.test import get_crawler

from bionews_scraper.crawl import settings as crawl_settings
from bionews_scraper.crawl.fetched import FetchedRecord
from bionews_scraper.crawl.spider import BioNewsSpider, parse_issue_range
from tests.cases import PAGES, Case


@pytest.mark.parametrize(
    ("text", "expected"), [("700-743", range(700, 744)), ("743", range(743, 744)), (" 1 - 3 ", range(1, 4))]
)
def test_issue_ranges(text: str, expected: range) -> None:
    assert parse_issue_range(text) == expected


@pytest.mark.parametrize("text", ["743-700", "seven", "700-", ""])
def test_bad_issue_ranges_are_refused(text: str) -> None:
    with pytest.raises(ValueError):
        parse_issue_range(text)


def test_a_page_holding_several_articles_gives_each_record_and_follows_the_issue() -> None:
    """A legacy e-mail issue page: every article and the issue are yielded, not the first alone."""
    case = Case(PAGES / "legacy-article-email-issue-several-articles")
    values = {name: getattr(crawl_settings, name) for name in dir(crawl_settings) if name.isupper()}
    spider = BioNewsSpider.from_crawler(get_crawler(BioNewsSpider, values))
    url = case.meta["url"]
    response = HtmlResponse(url, body=case.page, request=Request(url, meta={"role": "issue"}))
    out = list(spider._parse_page(response))
    records = [item.record for item in out if isinstance(item, FetchedRecord)]
    assert [record["kind"] for record in records] == [record["kind"] for record in case.expected]
    followed = {request.url for request in out if isinstance(request, Request)}
    assert followed == {entry["url"] for entry in case.expected[-1]["articles"]}
