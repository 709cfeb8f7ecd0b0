"""The spider's own decisions, without a crawl."""

from __future__ import annotations

import pytest

from bionews_scraper.crawl.spider import parse_issue_range


@pytest.mark.parametrize(
    ("text", "expected"), [("700-743", range(700, 744)), ("743", range(743, 744)), (" 1 - 3 ", range(1, 4))]
)
def test_issue_ranges(text: str, expected: range) -> None:
    assert parse_issue_range(text) == expected


@pytest.mark.parametrize("text", ["743-700", "seven", "700-", ""])
def test_bad_issue_ranges_are_refused(text: str) -> None:
    with pytest.raises(ValueError):
        parse_issue_range(text)
