"""Cleaning is total and table-driven: text in, clean value or None out."""

from __future__ import annotations

from datetime import date
from urllib.parse import urljoin

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bionews_scraper.parse.normalise import (
    EARLIEST_YEAR,
    FILE_NAME_HREF_RE,
    FOLDER_BASE_RE,
    LATEST_YEAR,
    _date_parser,
    _join,
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
        ("31 February 2014", None),
        ("June 2019", None),  # not day precision
        ("", None),
        (None, None),
    ],
)
def test_parse_date_reads_british_dates(text: str | None, expected: str | None) -> None:
    assert parse_date(text) == expected


@pytest.mark.parametrize(
    "text",
    ["yesterday", "today", "now", "2 days ago", "in 3 weeks", "next week", "1234567890", "-1234567890", "20190603"],
)
def test_parse_date_never_reads_the_clock(text: str) -> None:
    assert parse_date(text) is None


@pytest.mark.parametrize("text", ["yesterday", "today", "now", "next week", "Monday", "first of June", "tomorrow"])
def test_dateparser_as_configured_finds_no_date_in_words_alone(text: str) -> None:
    assert _date_parser().get_date_data(text).date_obj is None


def test_text_without_digits_never_reaches_dateparser(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse() -> None:
        raise AssertionError("dateparser was asked")

    monkeypatch.setattr("bionews_scraper.parse.normalise._date_parser", refuse)
    assert parse_date("yesterday") is None
    assert parse_date("the first Monday of June") is None


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("06/07/2019", "2019-07-06"),
        ("6/7/2019", "2019-07-06"),
        ("06.07.2019", "2019-07-06"),
        ("31-12-1999", "1999-12-31"),
        ("6/7/19", "2019-07-06"),
        ("31/12/99", "1999-12-31"),
        ("06/13/2019", None),  # month 13: impossible day first, never swapped to 13 June
        ("12/31/2019", None),
        ("31/06/2019", None),  # 31 June
        ("1/2/345", None),
    ],
)
def test_numeric_dates_are_read_day_first_or_not_at_all(text: str, expected: str | None) -> None:
    assert parse_date(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2019-06-02T23:30:00+00:00", "2019-06-03"),  # 00:30 in London (BST)
        ("2019-06-02T23:30:00Z", "2019-06-03"),
        ("2019-06-03T00:30:00+01:00", "2019-06-03"),
        ("2019-06-03T00:30:00+0100", "2019-06-03"),
        ("2019-06-02T19:30:00-04:00", "2019-06-03"),  # 23:30 UTC
        ("2019-12-31T23:30:00+00:00", "2019-12-31"),  # GMT in winter: London is UTC
        ("2020-01-01T00:30:00+01:00", "2019-12-31"),
        ("2019-06-02T23:30:00", "2019-06-02"),  # no offset: London time already
        ("2019-06-02 23:30", "2019-06-02"),
        ("2019-06-03", "2019-06-03"),
        ("3 June 2019 23:30 UTC", "2019-06-04"),  # an offset dateparser reads counts too
        ("2019-02-30T10:00:00+00:00", None),
        ("2019-06-03T25:00:00+00:00", None),
        ("0001-01-01T00:00:00+01:00", None),  # out of range before and after conversion
        ("9999-12-31T23:59:00-05:00", None),
    ],
)
def test_iso_datetimes_give_the_london_date(text: str, expected: str | None) -> None:
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


@settings(max_examples=500, deadline=None)
@given(
    base=st.one_of(
        st.from_regex(FOLDER_BASE_RE, fullmatch=True),
        st.from_regex(r"https?://[a-z.]{1,8}(/[a-z.?#]{0,4}){0,4}", fullmatch=True),  # dot segments, queries...
    ),
    href=st.one_of(
        st.from_regex(FILE_NAME_HREF_RE, fullmatch=True),
        st.from_regex(r"[a-z./?#:]{0,8}", fullmatch=True),  # slashes, dot segments, schemes...
    ),
)
def test_joining_a_link_to_its_page_gives_what_urljoin_gives(base: str, href: str) -> None:
    assert _join(base, href) == urljoin(base, href)


@pytest.mark.parametrize(
    ("base", "href"),
    [
        ("https://www.bionews.org.uk/page_2.asp", "page_291502.asp"),
        ("https://www.bionews.org.uk/page.asp?obj_id=5", "page_9.asp"),  # a query on the page
        ("https://www.bionews.org.uk/a//b/page_2.asp", "page_9.asp"),  # urljoin drops empty folders
        ("https://www.bionews.org.uk/a/./b/page_2.asp", "page_9.asp"),  # ... and resolves dot segments
        ("https://www.bionews.org.uk", "page_9.asp"),  # no path at all
        ("https://www.bionews.org.uk/page_2.asp", "page.asp?"),  # an empty query
        ("https://www.bionews.org.uk/page_2.asp", "../page_9.asp"),
    ],
)
def test_links_the_direct_join_does_not_take_still_resolve_as_urljoin_does(base: str, href: str) -> None:
    assert _join(base, href) == urljoin(base, href)


DATE_PIECES = st.sampled_from([*"0123456789-/.:+TZ ", "June", "2019", "yesterday", "UTC", "+01:00", "st"])


@settings(max_examples=300, deadline=None)
@given(st.lists(DATE_PIECES, max_size=12).map("".join))
def test_parse_date_is_total_and_in_range(text: str) -> None:
    found = parse_date(text)
    assert found is None or EARLIEST_YEAR <= date.fromisoformat(found).year <= LATEST_YEAR


@settings(max_examples=200, deadline=None)
@given(st.dates(min_value=date(1999, 1, 1), max_value=date(2030, 12, 31)))
def test_numeric_dates_are_day_first_and_never_swapped(day: date) -> None:
    assert parse_date(f"{day.day:02d}/{day.month:02d}/{day.year}") == day.isoformat()
    if day.day > 12:  # month first, this is impossible day first
        assert parse_date(f"{day.month:02d}/{day.day:02d}/{day.year}") is None


CAPTURE = "https://web.archive.org/web/20080415103022/http://www.bionews.org.uk/page_37950.asp"


@pytest.mark.parametrize(
    "href",
    [
        "/web/20080415103022/http://www.bionews.org.uk/page_37951.asp",
        "https://web.archive.org/web/20080415103022im_/http://www.bionews.org.uk/page_37951.asp",
        "page_37951.asp",
    ],
)
def test_a_captures_rewritten_links_name_the_pages_it_archived(href: str) -> None:
    assert normalise_url(href, CAPTURE) == "http://www.bionews.org.uk/page_37951.asp"


def test_a_live_pages_link_to_a_capture_stays_a_link_to_the_capture() -> None:
    archived = "https://web.archive.org/web/2015/http://example.org/dead-study"
    assert normalise_url(archived, "https://www.bionews.org.uk/page_140212") == archived


PROXY_COPY = "https://proxy.example-library.ac.uk/browse.php?u=https%3A%2F%2Fwww.progress.org.uk%2Fnewsletter_issue%2Fbionews-1003%2F&b=4"


def test_a_web_proxys_rewritten_link_on_its_copy_names_the_page_it_stands_for() -> None:
    href = "/browse.php?u=https%3A%2F%2Fwww.progress.org.uk%2Fembryo-models%2F&b=4"
    assert normalise_url(href, PROXY_COPY) == "https://www.progress.org.uk/embryo-models/"


def test_a_share_link_on_a_live_page_stays_a_share_link() -> None:
    share = "https://www.facebook.com/sharer/sharer.php?u=https%3A%2F%2Fwww.bionews.org.uk%2Fpage_2"
    assert normalise_url(share, "https://www.bionews.org.uk/page_2") == share


def test_an_archive_today_copys_rewritten_link_names_the_page_it_copied() -> None:
    href = "https://archive.ph/o/Qx7Lm/https://www.bionews.org.uk/page_140190"
    assert normalise_url(href, "https://archive.ph/Qx7Lm") == "https://www.bionews.org.uk/page_140190"
    assert normalise_url(href, "https://www.bionews.org.uk/page_2") == href  # a live page's link stays as it is
