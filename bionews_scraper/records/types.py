"""The records bionews-scraper writes, and the refusal a parser raises.

Every field's format is documented here once; ``schema/records.schema.json`` is the
published contract that says the same thing to machines. Records are plain dicts (JSON
ready, keys in the order below) so Scrapy, itemadapter and ``json`` take them as they are.
"""

from __future__ import annotations

from typing import Literal, TypedDict
from urllib.parse import urlsplit

Layout = Literal["legacy", "bionews2018", "progress"]
LAYOUTS: tuple[str, ...] = ("legacy", "bionews2018", "progress")


class RelatedStory(TypedDict):
    """A teaser for another story, listed under an article."""

    headline: str  # link text as printed
    url: str  # absolute URL
    published: str | None  # "YYYY-MM-DD"
    authors: list[str]  # names as printed, honorifics kept, no leading "by"
    teaser: str | None  # the teaser text, usually ending in "..."


class Source(TypedDict):
    """One entry of an article's "Sources and References" list."""

    title: str
    url: str  # absolute URL of the original coverage


class Article(TypedDict):
    """One news story or comment piece."""

    kind: Literal["article"]
    url: str  # the URL the page was fetched from (or given on the command line)
    canonical_url: str | None  # <link rel=canonical> or og:url, absolute
    layout: Layout
    headline: str
    published: str | None  # "YYYY-MM-DD", the publication's local date
    authors: list[str]  # names as printed, honorifics kept ("Dr Rachel Brown")
    byline: str | None  # the raw byline text ("By Dr Rachel Brown and Sam Lee")
    issue: int | None  # BioNews issue number from "Appeared in BioNews N" (0 is 22 March 1999)
    issue_url: str | None  # absolute URL of that issue's page
    # "News", "Comment", "Reviews", "Elsewhere", "Podcast", ...: the WordPress meta line's
    # "posted in", else the headline's prefix ("Film Review:" -> "Reviews"), else None
    section: str | None
    body: str  # paragraphs joined by one blank line ("\n\n"); no boilerplate
    related: list[RelatedStory]
    sources: list[Source]
    warnings: list[str]  # "<code>: <sentence>" for every missing or guessed field


class IssueEntry(TypedDict):
    """One item of an issue page's contents."""

    headline: str
    url: str  # absolute URL
    authors: list[str]
    teaser: str | None


class Issue(TypedDict):
    """One weekly issue page: its number, date and contents."""

    kind: Literal["issue"]
    url: str
    layout: Layout
    issue: int  # 0 is the first edition, 22 March 1999
    published: str | None  # "YYYY-MM-DD"
    articles: list[IssueEntry]
    warnings: list[str]


class ErrorRecord(TypedDict):
    """A page that gave no record, and why."""

    kind: Literal["error"]
    url: str
    reason: str  # stable snake_case code, e.g. "page_not_found"
    error: str  # one human sentence


class Provenance(TypedDict):
    """What the crawl (or replay) adds to every record it writes: where and when it came from."""

    fetched_at: str  # RFC 3339 UTC, second precision: "2026-11-26T06:25:48Z"
    status: int | None  # the HTTP status; None when no answer came
    content_sha256: str | None  # of the body as fetched; None when there was none
    parser_version: str  # PARSER_VERSION of the parser that made the record
    referer: str | None  # the page that linked here
    requested_url: str | None  # the address asked for when a redirect led to ``url``; else None


class ErrorAttempts(TypedDict):
    """What the crawl adds to an error record: whether a later run should try the page again."""

    attempts: int  # downloads tried for this page, over every run into the same output
    transient: bool  # True for 5xx, 408, 429, timeouts, resets, DNS: worth another try


ARTICLE_KEYS: tuple[str, ...] = tuple(Article.__annotations__)
ISSUE_KEYS: tuple[str, ...] = tuple(Issue.__annotations__)

# Refusal reasons: stable codes that errors.jsonl, stats keys and tests rely on.
REFUSAL_REASONS: tuple[str, ...] = (
    "empty_input",  # no bytes, or only whitespace
    "not_html",  # binary data, JSON, plain text: not a web page
    "page_not_found",  # a "page not found" page, whatever its HTTP status
    "listing_page",  # an archive or listing of issues: links only
    "search_results",  # a search results page listing several articles
    "event_page",  # an events page
    "not_an_article",  # a glossary, author, topic, home or about page: teasers and links, no article
    "other_page",  # any other page that is neither article nor issue
    "missing_headline",  # looks like an article but no headline was found
    "missing_body",  # looks like an article but has no body text
    "missing_issue_number",  # looks like an issue page but has no number
    "internal_error",  # a bug: the traceback is logged
)


# Reasons a later run may not meet again (the server or the network was unwell); every other
# reason (404, not HTML, not an article, redirect loop, too large, ...) is final.
TRANSIENT_REASONS: frozenset[str] = frozenset({"timeout", "network_error", "http_408", "http_429"})


def is_transient(reason: str) -> bool:
    """``http_503`` -> True; ``http_404``, ``not_html`` -> False."""
    return reason in TRANSIENT_REASONS or (reason.startswith("http_5") and reason[5:].isdigit())


def error_record(url: str, reason: str, message: str) -> ErrorRecord:
    """The one way every part of the tool says "this page gave no record, and why"."""
    return {"kind": "error", "url": url, "reason": reason, "error": message}


def http_error_record(url: str, status: int) -> ErrorRecord:
    """The record for a page the server answered with an error status (crawl and replay alike)."""
    return error_record(url, f"http_{status}", f"the server answered {status}")


def internal_error_record(url: str) -> ErrorRecord:
    """The record for a page the parser failed on: a bug, whose traceback is logged."""
    return error_record(url, "internal_error", "the parser failed; see the log")


def is_listing_refusal(record: Article | Issue | ErrorRecord | dict[str, object]) -> bool:
    """A listing page is not written: the crawl only follows its links (and replay skips it).
    A site's home page (its root address, refused as not an article) is one too: it is an
    entry point that links the newest issue."""
    if record["kind"] != "error":
        return False
    reason = record.get("reason")
    return reason == "listing_page" or (reason == "not_an_article" and _is_site_root(str(record.get("url") or "")))


def _is_site_root(url: str) -> bool:
    return urlsplit(url).path in ("", "/")


class PageError(Exception):
    """Raised by classify or assembly when a page cannot become a record."""

    def __init__(self, reason: str, message: str) -> None:
        super().__init__(f"{reason}: {message}")
        self.reason = reason
        self.message = message

    def to_record(self, url: str) -> ErrorRecord:
        return error_record(url, self.reason, self.message)
