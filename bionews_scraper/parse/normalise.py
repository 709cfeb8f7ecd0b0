"""Raw text to clean values: dates, names, paragraphs, URLs (issue numbers: ``parsers/cues.py``).

Every function here is total: any string in, a clean value or ``None`` out, never an
exception. Parsers locate raw text; these functions decide what it means.
"""

from __future__ import annotations

import re
from datetime import date, datetime
from functools import cache
from urllib.parse import parse_qsl, urljoin, urlsplit
from zoneinfo import ZoneInfo

from dateparser.date import DateDataParser
from w3lib.url import safe_url_string

from bionews_scraper.records.identity import clean_url, host_of

# A web archive's rewritten link: https://web.archive.org/web/20080415103022/http://www.bionews.org.uk/...
# (the timestamp may carry a modifier such as "id_" or "im_").
WAYBACK_URL_RE = re.compile(
    r"^https?://web\.archive\.org/web/\d{1,14}(?:[a-z]{2}_)?/(?P<original>https?://.+)$", re.IGNORECASE
)
WAYBACK_PREFIXES = ("https://web.archive.org/web/", "http://web.archive.org/web/")
# archive.today's copies link "https://archive.ph/o/Qx7Lm/https://www.bionews.org.uk/page_1" (any of its domains).
ARCHIVE_TODAY_URL_RE = re.compile(
    r"^https?://archive\.(?:ph|today|is|li|vn|fo|md)/o/[A-Za-z0-9]+/(?P<original>https?://.+)$", re.IGNORECASE
)
ARCHIVE_TODAY_HOST_RE = re.compile(r"^https?://archive\.(?:ph|today|is|li|vn|fo|md)/", re.IGNORECASE)
# BioNews's own hosts: every template linked across both (legacy pages on progress.org.uk
# point their related stories at bionews.org.uk), so a story on either is on the site.
SITE_HOSTS = frozenset({"bionews.org.uk", "progress.org.uk"})
# A web proxy's rewritten link carries the address it stands for in its query
# ("browse.php?u=https%3A%2F%2Fwww.progress.org.uk%2F...&b=4").
PROXIED_ADDRESS_RE = re.compile(r"[?&][^=&#]+=https?(?:://|%3A%2F%2F)", re.IGNORECASE)
# "24 February 2014", "04 Sept 2017", "3rd June 2019": the cue every layout prints.
# Parsed without dateparser because it is fixed and dateparser costs ~0.5 ms a call
# (a whole page's parse budget is a few ms); everything else goes through dateparser.
# A weekday before a date, whole or cut short ("Monday", "Mon", "Tues.", "Thurs,").
WEEKDAY_PREFIX = (
    r"(?:(?:Mon(?:day)?|Tue(?:s(?:day)?)?|Wed(?:nesday)?|Thu(?:r(?:s(?:day)?)?)?|Fri(?:day)?|Sat(?:urday)?|Sun(?:day)?)"
    r"\.?,?\s+)?"
)
DAY_MONTH_YEAR_RE = re.compile(
    rf"^{WEEKDAY_PREFIX}"
    r"(?P<day>\d{1,2})(?:st|nd|rd|th)?\s+(?P<month>[A-Za-z]{3,9})\.?,?\s+(?P<year>\d{4})$",
    re.IGNORECASE,
)
MONTHS = {
    name: number
    for number, names in enumerate(
        (
            ("january", "jan"),
            ("february", "feb"),
            ("march", "mar"),
            ("april", "apr"),
            ("may",),
            ("june", "jun"),
            ("july", "jul"),
            ("august", "aug"),
            ("september", "sep", "sept"),
            ("october", "oct"),
            ("november", "nov"),
            ("december", "dec"),
        ),
        start=1,
    )
    for name in names
}
# "06/07/2019", "6.7.19": numbers only, always day first (British). Read here, not by
# dateparser, because dateparser swaps day and month when the day-first reading is
# impossible ("06/13/2019" would become 13 June); an impossible date must give None.
NUMERIC_DATE_RE = re.compile(r"^(?P<day>\d{1,2})[/.-](?P<month>\d{1,2})[/.-](?P<year>\d{4}|\d{2})$")
# Two-digit years: 69-99 are 19xx, 00-68 are 20xx (the POSIX/strptime pivot).
TWO_DIGIT_YEAR_PIVOT = 69
# ISO 8601 as in JSON-LD and article:published_time. A datetime with an offset is an
# instant: the publication date is the London date of that instant (README: "the London
# date"); a naive datetime is London time already, so its date part is the date.
ISO_DATE_RE = re.compile(r"^\s*(\d{4})-(\d{2})-(\d{2})(?:[T ][0-9:.]+(?:Z|[+-]\d{2}:?\d{2})?)?\s*$")
PUBLICATION_ZONE = ZoneInfo("Europe/London")
# dateparser's parsers that never read the clock. Left out on purpose: "timestamp" and
# "negative-timestamp" (a bare number such as 1234567890 is no date line), "relative-time"
# ("yesterday", "2 days ago", "now" depend on today) and "no-spaces-time" ("20190603").
DATEPARSER_PARSERS = ("custom-formats", "absolute-time")
# Text without a digit holds no year, so no whole date: it never reaches dateparser, which
# takes ~1.5 ms to say so ("yesterday" in a <meta name="date">).
DIGIT_RE = re.compile(r"\d")
# Dates before BioNews existed or far in the future are misreads, not publications.
EARLIEST_YEAR, LATEST_YEAR = 1990, 2100

# Names: "By Dr A Lee, B Khan and Professor C Diaz" -> three names.
BY_PREFIX_RE = re.compile(r"^\s*(?:(?:reported|written|words)\s+)?by\b[\s:]*", re.IGNORECASE)
NAME_SEPARATOR_RE = re.compile(r"\s*(?:,|;|&|\band\b)\s*", re.IGNORECASE)
# An http(s) URL of plain ASCII that needs no quoting: lower-case host, RFC 3986 characters.
PLAIN_URL_RE = re.compile(
    r"^https?://[a-z0-9](?:[a-z0-9.-]*[a-z0-9])?(?::\d{1,5})?(?:[/?#][A-Za-z0-9\-._~:/?#\[\]@!$&'()*+,;=%]*)?$"
)
HOSTNAME_RE = re.compile(r"^[a-z0-9](?:[a-z0-9.-]*[a-z0-9])?$")  # after IDNA encoding
# A link that is a file name in the page's own folder ("page_291502.asp", "page.asp?obj_id=5"):
# no slash, no scheme, no dot segment. Legacy pages link this way; see _join.
FILE_NAME_HREF_RE = re.compile(r"^[\w~%-][\w.~%-]*(?:\?[\w.~%!$&'()*+,;=:@/?-]+)?$", re.ASCII)
# An http(s) page address of RFC 3986 characters with no query or fragment, whose folders
# are neither empty nor dot segments (urljoin would drop or resolve those).
FOLDER_BASE_RE = re.compile(
    r"^https?://[\w.~%!$&'()*+,;=:@-]+(?:/[\w~%!$&'()*+,;=:@-][\w.~%!$&'()*+,;=:@-]*)*/[\w.~%!$&'()*+,;=:@-]*$",
    re.ASCII,
)


def parse_date(text: str | None) -> str | None:
    """British day-first date text -> ``"YYYY-MM-DD"``; ``None`` if it is not a whole date."""
    if not text:
        return None
    text = normalise_text(text)
    iso = parse_iso_date(text)
    if iso:
        return iso
    match = DAY_MONTH_YEAR_RE.match(text)
    if match and match["month"].lower() in MONTHS:
        return _checked_date(int(match["year"]), MONTHS[match["month"].lower()], int(match["day"]))
    if match := NUMERIC_DATE_RE.match(text):
        return _checked_date(_full_year(match["year"]), int(match["month"]), int(match["day"]))
    if len(text) > 40 or not DIGIT_RE.search(text):
        return None  # a whole date needs a year, and dateparser reads years from digits only
    found = _date_parser().get_date_data(text)
    if found.date_obj is None or found.period != "day":
        return None
    return _london_date(found.date_obj)


def parse_iso_date(text: str | None) -> str | None:
    """ISO 8601 date or datetime -> the London ``"YYYY-MM-DD"`` of that moment.

    ``"2019-06-02T23:30:00+00:00"`` -> ``"2019-06-03"`` (00:30 in London); a datetime
    without an offset is London time; ``None`` for anything else or an impossible date.
    """
    match = ISO_DATE_RE.match(text or "")
    if not match:
        return None
    try:
        moment = datetime.fromisoformat(match[0].strip())
    except ValueError:  # impossible fields ("2019-02-30", "25:00")
        return None
    return _london_date(moment)


def parse_authors(byline: str | None) -> list[str]:
    """``"By Dr A Lee and B Khan"`` -> ``["Dr A Lee", "B Khan"]``; names kept as printed."""
    if not byline:
        return []
    text = BY_PREFIX_RE.sub("", normalise_text(byline))
    names = [name.strip(" .-–—|") for name in NAME_SEPARATOR_RE.split(text)]
    return [name for name in names if name and any(ch.isalpha() for ch in name)]


def normalise_text(text: str) -> str:
    """Collapse every run of whitespace (non-breaking spaces included) to one space."""
    return " ".join(text.split())  # str.split() knows every Unicode space; faster than a regex


def normalise_url(href: str | None, base_url: str) -> str | None:
    """Resolve ``href`` against ``base_url`` -> an absolute, safely quoted http(s) URL."""
    if not href or not href.strip():
        return None
    href = href.strip()
    if href.startswith(("#", "mailto:", "javascript:", "tel:", "data:")):
        return None
    try:
        url = href if href.startswith(("http://", "https://")) else _join(_link_base(href, base_url), href)
        if base_url.startswith(WAYBACK_PREFIXES) and (archived := WAYBACK_URL_RE.match(url)):
            url = archived["original"]  # a capture's rewritten link names the page it archived
        elif ARCHIVE_TODAY_HOST_RE.match(base_url) and (archived := ARCHIVE_TODAY_URL_RE.match(url)):
            url = archived["original"]
        elif PROXIED_ADDRESS_RE.search(url) and not on_site(base_url) and (proxied := _proxied_site_url(url)):
            url = proxied  # so does a web proxy's, on a copy of a page that the proxy served
        if not PLAIN_URL_RE.match(url):  # w3lib quotes what needs quoting; most links need none
            url = safe_url_string(url)
            if not HOSTNAME_RE.match(urlsplit(url).hostname or "") or not url.startswith(("http://", "https://")):
                return None
    except ValueError:
        return None
    if "?" in url:
        return clean_url(url)
    return url.split("#", 1)[0]


def _join(base_url: str, href: str) -> str:
    """``urljoin``, which takes ~4.6 us a link (legacy pages link every story by a relative
    file name), with the commonest case done directly: a file name against a page address
    is the page's folder followed by the name (RFC 3986, 5.2.3). A property test holds it
    to ``urljoin``'s answer."""
    if FILE_NAME_HREF_RE.match(href) and FOLDER_BASE_RE.match(base_url):
        return base_url[: base_url.rindex("/") + 1] + href
    return urljoin(base_url, href)


def site_host(url: str) -> str:
    """The host of ``url`` without its ``www.``: "bionews.org.uk" however the link spells it."""
    return host_of(url).removeprefix("www.")


def on_site(url: str) -> bool:
    """True for an address on one of BioNews's own hosts."""
    return site_host(url) in SITE_HOSTS


def _proxied_site_url(url: str) -> str | None:
    """The BioNews address a proxy's link stands for, from its query; ``None`` if it has none."""
    for _, value in parse_qsl(urlsplit(url).query):
        if value.startswith(("http://", "https://")) and on_site(value):
            return value
    return None


def _link_base(href: str, base_url: str) -> str:
    """What a relative link is relative to: on a web archive's capture, a link the archive did
    not rewrite (``page_2.asp``) is relative to the page it archived."""
    capture = WAYBACK_URL_RE.match(base_url) if base_url.startswith(WAYBACK_PREFIXES) else None
    return capture["original"] if capture and not href.startswith("/web/") else base_url


def _london_date(moment: datetime) -> str | None:
    """The date in London of an aware datetime; a naive one is London time already."""
    if not EARLIEST_YEAR <= moment.year <= LATEST_YEAR:  # also keeps astimezone in range
        return None
    if moment.tzinfo is not None:
        moment = moment.astimezone(PUBLICATION_ZONE)
    return _checked_date(moment.year, moment.month, moment.day)


def _full_year(digits: str) -> int:
    year = int(digits)
    if len(digits) == 4:
        return year
    return year + (1900 if year >= TWO_DIGIT_YEAR_PIVOT else 2000)


def _checked_date(year: int, month: int, day: int) -> str | None:
    if not EARLIEST_YEAR <= year <= LATEST_YEAR:
        return None
    try:
        return date(year, month, day).isoformat()
    except ValueError:
        return None


@cache
def _date_parser() -> DateDataParser:
    """One dateparser instance, built on first use (building it loads locale data).

    Only parsers that never read the clock, and every part of the date required, so the
    same text gives the same date on any day it is parsed.
    """
    return DateDataParser(
        languages=["en"],
        settings={
            "DATE_ORDER": "DMY",
            "PARSERS": list(DATEPARSER_PARSERS),
            "PREFER_DAY_OF_MONTH": "first",
            "REQUIRE_PARTS": ["day", "month", "year"],
        },
    )
