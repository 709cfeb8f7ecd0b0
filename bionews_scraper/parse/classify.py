"""Which layout a page is in, and what kind of page it is: read from URL and content.

The page kind decides which assembly runs; pages that are neither article nor issue are
refused here with a reason (``PageError``), before any field is looked for.
"""

from __future__ import annotations

import re

from bionews_scraper.parse import cues
from bionews_scraper.parse.metadata import Metadata
from bionews_scraper.parse.page import Line, Page
from bionews_scraper.parse.regions import CUE_WINDOW
from bionews_scraper.parse.templates import bionews2018, legacy, progress
from bionews_scraper.records.types import PageError

LEGACY_MARKUP_RE = re.compile(
    r"charset\s*=\s*[\"']?(?:windows-1252|iso-8859-1)|href=[\"']?page_\d+\.asp|<title>\s*BioNews\s+-", re.IGNORECASE
)
HTML5_RE = re.compile(r"^\s*(?:<!--.*?-->\s*)?<!doctype\s+html\s*>", re.IGNORECASE | re.DOTALL)
SEARCH_URL_RE = re.compile(r"[?&](?:s|q|search|query)=|/search\b", re.IGNORECASE)


def detect_layout(page: Page, meta: Metadata) -> str:
    """``legacy``, ``bionews2018`` or ``progress``: from the URL, the canonical URL, the markup."""
    for url in (page.url, meta.canonical_url or "", meta.og_url or ""):
        for name, module in (("legacy", legacy), ("progress", progress), ("bionews2018", bionews2018)):
            if module.URL_RE.match(url):
                return name
    head = page.text[:20000]
    if progress.MARKUP_RE.search(head) or (meta.title or "").endswith("| PET"):
        return "progress"
    if LEGACY_MARKUP_RE.search(head):
        return "legacy"
    return "bionews2018" if HTML5_RE.match(head) or meta.og_title else "legacy"


def classify(page: Page, meta: Metadata, heading: Line | None) -> str:
    """``article`` or ``issue``; raises ``PageError`` for every other kind of page."""
    heading_text = heading.text if heading else ""
    title = meta.title or ""
    dated_below = _dated_below(page, heading)
    if (
        cues.NOT_FOUND_RE.search(heading_text)
        or cues.NOT_FOUND_RE.search(title)
        or (not dated_below and (cues.NOT_FOUND_WEAK_RE.search(heading_text) or cues.NOT_FOUND_WEAK_RE.search(title)))
    ):
        raise PageError("page_not_found", "the page says it could not be found")
    if cues.read_issue_heading(heading_text) is not None or cues.ISSUE_URL_RE.search(page.url.split("?", 1)[0]):
        return "issue"
    if cues.SEARCH_RE.search(heading_text) or cues.SEARCH_RE.search(title) or _is_search_url(page.url):
        raise PageError("search_results", "the page is a list of search results")
    # An "Appeared in BioNews" line, or a date or byline under the heading, marks an article:
    # event adverts and issue links in its sidebar do not make it an event or a listing.
    article_like = dated_below or any(cues.read_issue_line(line.text) for line in page.lines)
    if _is_event(page, meta, heading_text, article_like):
        raise PageError("event_page", "the page announces an event")
    if not article_like and _is_listing(page, heading_text, title):
        raise PageError("listing_page", "the page lists issues or articles; it only yields links")
    return "article"


def _dated_below(page: Page, heading: Line | None) -> bool:
    """An article's heading has its date or byline right below; a listing's has not."""
    if heading is None:
        return False
    below = page.lines[heading.index + 1 : heading.index + 1 + CUE_WINDOW]
    return any(cues.read_date_line(line.text) or cues.read_byline(line.text) for line in below)


def _is_search_url(url: str) -> bool:
    return bool(SEARCH_URL_RE.search(url))


def _is_event(page: Page, meta: Metadata, heading_text: str, article_like: bool) -> bool:
    if "Event" in meta.ld_types or any(t.endswith("Event") for t in meta.ld_types):
        return True
    if article_like:
        return False
    event_cues = sum(1 for line in page.lines if cues.EVENT_CUE_RE.search(line.text) and len(line.text) < 200)
    named_event = bool(cues.EVENT_HEADING_RE.search(heading_text) or cues.EVENT_URL_RE.search(page.url))
    return (event_cues >= 2 and named_event) or event_cues >= 4


def _is_listing(page: Page, heading_text: str, title: str) -> bool:
    issue_links = sum(1 for line in page.lines for link in line.links if cues.read_issue_heading(link.text) is not None)
    if issue_links >= 2:
        return True
    return bool(cues.LISTING_RE.search(heading_text) or cues.LISTING_RE.search(title))
