"""The seam between fetching and parsing: (bytes, URL) -> the records a page holds, and links.

decode -> read metadata -> classify -> assemble. Pure: no Scrapy, no clock, no network.
``bionews parse``, the crawl and replay all call ``extract``; the spider reads only links
(and the records' URLs) from what it returns. A page holds one record, except a legacy
e-mail issue page printing several whole articles: each article, then the issue.
"""

from __future__ import annotations

import hashlib
import logging
from dataclasses import dataclass
from functools import cached_property

from bionews_scraper.parse import cues
from bionews_scraper.parse.article import build_article
from bionews_scraper.parse.classify import classify, detect_layout
from bionews_scraper.parse.decode import decode_html
from bionews_scraper.parse.digest import build_digest, find_digest
from bionews_scraper.parse.issue import build_issue
from bionews_scraper.parse.landmarks import LandmarkIndex, compile_selectors
from bionews_scraper.parse.metadata import Metadata, read_metadata
from bionews_scraper.parse.normalise import normalise_url
from bionews_scraper.parse.notices import SIGN_UP_PAGE, is_sign_up_page
from bionews_scraper.parse.page import Page
from bionews_scraper.parse.regions import find_main_heading
from bionews_scraper.parse.templates import bionews2018, legacy, progress
from bionews_scraper.records.types import Article, ErrorRecord, Issue, PageError, internal_error_record

log = logging.getLogger("bionews")

# Compiled once: each layout's headline landmarks, and all of them for the one walk.
HEADLINE_LANDMARKS = {
    name: compile_selectors(module.HEADLINE_LANDMARKS)
    for name, module in (("legacy", legacy), ("bionews2018", bionews2018), ("progress", progress))
}
ALL_LANDMARKS = tuple(selector for selectors in HEADLINE_LANDMARKS.values() for selector in selectors)
# Refusals of a page that may be a script-drawn shell, whose article is in <noscript>.
NOTHING_READ = frozenset({"missing_headline", "missing_body", "other_page"})


@dataclass(frozen=True, slots=True)
class PageLink:
    url: str  # absolute, fragment removed
    text: str  # the anchor text


Record = Article | Issue | ErrorRecord


@dataclass(frozen=True)
class Extraction:
    records: tuple[Record, ...]  # never empty: a refused page is one error record
    page: Page | None  # None when the bytes were no web page

    @cached_property
    def links(self) -> tuple[PageLink, ...]:
        """Every link on the page, absolute, for the spider to choose from (made on demand)."""
        return _links(self.page) if self.page else ()


def extract(body: bytes, url: str, content_type: str | None = None, *, url_from_page: bool = False) -> Extraction:
    """Parse one page. Never raises for bad input: refusals become error records.

    ``content_type`` is the HTTP header, if known. With ``url_from_page`` (a saved file
    whose address is unknown) the page's own canonical link or og:url, when absolute,
    replaces ``url``. Bugs (anything but ``PageError``) propagate: the outermost loop logs
    them and writes an ``internal_error`` record.
    """
    try:
        page = Page.from_text(decode_html(body, content_type), url, LandmarkIndex(ALL_LANDMARKS))
    except PageError as refusal:
        return Extraction((refusal.to_record(url),), None)
    meta = read_metadata(page.head)
    if url_from_page:
        page.url = next(filter(None, (normalise_url(meta.canonical_url, ""), normalise_url(meta.og_url, ""))), url)
    try:
        return Extraction(_records(page, meta), page)
    except PageError as refusal:
        if refusal.reason in NOTHING_READ and (shown := _read_without_scripts(page)) is not None:
            return shown
        return Extraction((refusal.to_record(page.url),), page)


def _read_without_scripts(page: Page) -> Extraction | None:
    """The page as a reader without scripts (a crawler) sees it, when its article is only in
    ``<noscript>`` beside a shell a script fills in; ``None`` when that is no article either."""
    if "<noscript" not in page.text and "<NOSCRIPT" not in page.text:
        return None
    shown = Page.from_text(page.text, page.url, LandmarkIndex(ALL_LANDMARKS), scripts_off=True)
    try:
        return Extraction(_records(shown, read_metadata(shown.head)), shown)
    except PageError:
        return None


def extract_or_report(
    body: bytes, url: str, content_type: str | None = None, *, url_from_page: bool = False
) -> Extraction:
    """``extract`` for the outermost loops (the spider, ``bionews parse``, replay): a parser
    bug costs one page, never the run. The traceback is logged with the body's sha256 (to
    find the page again) and the page becomes an ``internal_error`` record."""
    try:
        return extract(body, url, content_type, url_from_page=url_from_page)
    except Exception:
        log.exception("internal error parsing %s (sha256 %s)", url, hashlib.sha256(body).hexdigest())
        return Extraction((internal_error_record(url),), None)


def _records(page: Page, meta: Metadata) -> tuple[Article | Issue, ...]:
    layout = detect_layout(page, meta)
    if is_sign_up_page(page):  # before the e-mail template's own check: its sample may be a whole story
        raise PageError("not_an_article", SIGN_UP_PAGE)
    if digest := find_digest(page):
        if digest.headlines:
            return build_digest(page, layout, digest)
        if not cues.NOT_FOUND_RE.search(meta.title or ""):  # (a not-found page's sidebar may print it)
            return (build_issue(page, meta, layout, digest.heading),)  # the e-mail heading over an index of teasers
    heading = find_main_heading(page, meta, page.landmarks.first(HEADLINE_LANDMARKS[layout]))
    if classify(page, meta, heading) == "issue":
        return (build_issue(page, meta, layout, heading),)
    canonical = normalise_url(meta.canonical_url or meta.og_url, page.url)
    return (build_article(page, meta, layout, heading, canonical),)


def _links(page: Page) -> tuple[PageLink, ...]:
    seen: dict[str, PageLink] = {}
    for line in page.lines:
        for link in line.links:
            url = normalise_url(link.href, page.link_base)
            if url and url not in seen:
                seen[url] = PageLink(url, link.text)
    return tuple(seen.values())
