"""Cleaning is total and table-driven: text in, clean value or None out."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bionews_scraper.parse.normalise import (
    _date_parser,
    normalise_text,
    normalise_url,
    parse_authors,
    parse_date,
)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("24 February 2014", "2014-02-24"),
        ("04 September 2017", "2017-09-04"),
        ("4 Sept 2017", "2017-09-04"),
        ("3rd June 2019", "2019-06-03"),
        ("Monday 4 September 2017", "2017-09-04"),
        ("03/06/2019", "2019-06-03"),  # British: day first
        ("2019-06-03T00:30:00+01:00", "2019-06-03"),  # the local date, not the UTC one
        ("2019-06-02T23:30:00Z", "2019-06-02"),
        ("31 February 2014", None),
        ("June 2019", None),  # not day precision
        ("next week", None),
        ("", None),
        (None, None),
    ],
)
def test_parse_date_reads_british_dates(text: str | None, expected: str | None) -> None:
    assert parse_date(text) == expected


@settings(max_examples=200, deadline=None)
@given(st.dates(min_value=date(1999, 1, 1), max_value=date(2030, 12, 31)), st.booleans())
def test_fast_path_agrees_with_dateparser(day: date, zero_padded: bool) -> None:
    text = f"{day.day:02d} {day:%B %Y}" if zero_padded else f"{day.day} {day:%B %Y}"
    assert parse_date(text) == _date_parser().get_date_data(text).date_obj.date().isoformat()


@pytest.mark.parametrize(
    ("byline", "expected"),
    [
        ("By Chris Hardy", ["Chris Hardy"]),
        ("By Dr Rachel Brown and Professor Sam Lee", ["Dr Rachel Brown", "Professor Sam Lee"]),
        ("by Ana de la Cruz, Tom Okafor and Li Wei", ["Ana de la Cruz", "Tom Okafor", "Li Wei"]),
        ("BY  JO BLOGGS", ["JO BLOGGS"]),
        ("By: Sarah Norcross", ["Sarah Norcross"]),
        ("", []),
        (None, []),
    ],
)
def test_parse_authors_keeps_names_as_printed(byline: str | None, expected: list[str]) -> None:
    assert parse_authors(byline) == expected


def test_normalise_text_collapses_all_whitespace() -> None:
    assert normalise_text("  a\u00a0 b\n\tc ") == "a b c"


@pytest.mark.parametrize(
    ("href", "expected"),
    [
        ("page_1.asp", "http://www.bionews.org.uk/page_1.asp"),
        ("/newsletter_issue/bionews-743/", "http://www.bionews.org.uk/newsletter_issue/bionews-743/"),
        ("https://www.progress.org.uk/a/#comments", "https://www.progress.org.uk/a/"),
        ("mailto:x@example.org", None),
        ("javascript:void(0)", None),
        ("#top", None),
        ("", None),
    ],
)
def test_normalise_url_resolves_against_the_page(href: str, expected: str | None) -> None:
    assert normalise_url(href, "http://www.bionews.org.uk/page_2.asp") == expected
