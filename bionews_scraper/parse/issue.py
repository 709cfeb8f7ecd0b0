"""Assemble an issue record: the issue number, its date and its contents."""

from __future__ import annotations

from bionews_scraper.parse import cues
from bionews_scraper.parse.furniture import FURNITURE_TAGS
from bionews_scraper.parse.metadata import Metadata, reconcile_published
from bionews_scraper.parse.normalise import normalise_url, parse_date
from bionews_scraper.parse.page import Line, Page, in_element
from bionews_scraper.parse.regions import SIDEBAR_TAGS, content_span, title_headline
from bionews_scraper.parse.teasers import headline_link, read_teasers
from bionews_scraper.records.types import Issue, IssueEntry, PageError

ISSUE_DATE_WINDOW = 8  # lines under the issue heading where its date may be printed


def find_issue_number(heading: Line | None, url: str, meta: Metadata) -> int | None:
    """``BioNews N`` from the visible heading, else the title (``BioNews 584 | PET``), else the URL."""
    if heading and (email := cues.EMAIL_ISSUE_RE.match(heading.text)):
        return int(email["number"])  # "Issue 0 (22 March 1999)"
    for text in (heading.text if heading else None, meta.og_title, meta.title, title_headline(meta.title)):
        if text and (number := cues.read_issue_heading(text)) is not None:
            return number
    match = cues.ISSUE_URL_RE.search(url.split("?", 1)[0])
    return int(match["number"]) if match else None


def build_issue(page: Page, meta: Metadata, layout: str, heading: Line | None) -> Issue:
    """The issue record for ``page``; raises ``PageError`` without an issue number."""
    if heading is not None and cues.read_issue_heading(heading.text) is None and headline_link(heading) is not None:
        heading = None  # a page with no title of its own: the first heading is its first entry's link
    number = find_issue_number(heading, page.url, meta)
    if number is None:
        raise PageError("missing_issue_number", "the issue page names no 'BioNews N' number")
    warnings: list[str] = []
    after = page.lines[heading.index + 1 :] if heading else page.lines
    published = reconcile_published(_visible_date(page, heading, after), meta, warnings)
    skip = {
        page.url,
        *(u for u in (normalise_url(meta.canonical_url, page.url), normalise_url(meta.og_url, page.url)) if u),
    }
    end = content_span(page, heading)[1] if heading else len(page.lines)
    lines = page.lines[len(page.lines) - len(after) : end]
    own = [line for line in lines if not page.is_foreign_furniture(line, heading) or _in_an_entry(line)]
    entries = _read_entries(page, own, skip)
    if not entries and heading is None:
        # No heading to anchor on, and nothing outside furniture: a class that only hints at
        # furniture (``<div class="newsletter">``) may be the issue's own list.
        entries = _read_entries(page, [line for line in lines if not in_element(line, FURNITURE_TAGS)], skip)
    if not entries:
        warnings.append("articles_missing: the issue page lists no articles")
    return {
        "kind": "issue",
        "url": page.url,
        "layout": layout,  # type: ignore[typeddict-item]
        "issue": number,
        "published": published,
        "articles": entries,
        "warnings": warnings,
    }


def _in_an_entry(line: Line) -> bool:
    """WordPress themes print each entry as an ``<article>``, its headline in the article's own
    ``<header>`` and its excerpt in a section classed after it ("issue-comment"): the issue's,
    not the page's furniture. (Cards in a sidebar are the sidebar's.)"""
    element = line.element
    in_article = element.name == "article" or element.find_parent("article") is not None
    return in_article and not in_element(line, SIDEBAR_TAGS)


def _read_entries(page: Page, lines: list[Line], skip: set[str]) -> list[IssueEntry]:
    return [
        {"headline": t.headline, "url": t.url, "authors": t.authors, "teaser": t.teaser}
        for t in read_teasers(lines, page.link_base, skip_urls=skip, stop_at_plain_heading=False)
        if not cues.ISSUE_URL_RE.search(t.url)
    ]


def _visible_date(page: Page, heading: Line | None, lines: list[Line]) -> str | None:
    """The date printed in the issue heading or just under it; a date further down (an
    article's own line) or in furniture beside the heading (a sidebar's event) does not
    date the issue."""
    if heading and (match := cues.DATE_ANYWHERE_RE.search(heading.text)):
        return parse_date(match["date"])
    for line in lines[:ISSUE_DATE_WINDOW]:
        if page.is_foreign_furniture(line, heading):
            continue
        if dated := cues.read_date_line(line.text):
            return parse_date(dated[0])
    return None
