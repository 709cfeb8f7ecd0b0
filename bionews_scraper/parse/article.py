"""Assemble an article record, field by field, strongest layer first.

Metadata gives candidates; the visible article decides (readers saw it); text cues find
what markup hides. Every fallback or disagreement leaves a warning.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from bionews_scraper.parse import cues
from bionews_scraper.parse.boilerplate import ends_body, is_boilerplate
from bionews_scraper.parse.metadata import Metadata, reconcile_published
from bionews_scraper.parse.normalise import normalise_url, parse_date
from bionews_scraper.parse.page import Line, Page
from bionews_scraper.parse.regions import (
    DATE_ABOVE_WINDOW,
    content_span,
    headline_candidates,
    same_text,
)
from bionews_scraper.parse.teasers import headline_link, read_teasers
from bionews_scraper.records.types import Article, PageError, RelatedStory, Source

AFFILIATION_MAX_LENGTH = 150
LINK_LINE_MAX_LENGTH = 100
# Image captions and credits sit in the article but are not its text.
NOT_PROSE_TAGS = frozenset({"figcaption", "caption"})
SENTENCE_END = (".", "!", "?", '"', "”", "'", "’")


@dataclass(slots=True)
class ArticleLines:
    """What the walk down an article's lines found: cue lines and body lines."""

    date: str | None = None
    byline: str | None = None
    issue: Line | None = None
    body: list[Line] = field(default_factory=list)
    end: int = 0  # index of the first line after the body


def build_article(page: Page, meta: Metadata, layout: str, anchor: Line | None, canonical_url: str | None) -> Article:
    """The article record for ``page``; raises ``PageError`` without headline or body."""
    warnings: list[str] = []
    headline = _headline(anchor, meta, warnings)
    start, end = content_span(page, anchor) if anchor else (0, len(page.lines))
    found = _walk(page, anchor, start, end)
    found.byline = found.byline or _byline_below_body(page, found.end, end)
    if not found.body:
        raise PageError("missing_body", "the page has a headline but no body text")
    if not (found.date or found.issue or found.byline or meta.is_article or meta.published):
        raise PageError("other_page", "the page has no date, byline, issue line or article metadata")
    published = reconcile_published(parse_date(found.date), meta, warnings)
    authors, byline = _authors(found.byline, meta, warnings)
    issue, issue_url = _issue(found.issue, page.url, warnings)
    if "</html" not in page.text[-4096:].lower():
        warnings.append("page_truncated: the page ends before </html>; fields are what could be read")
    return {
        "kind": "article",
        "url": page.url,
        "canonical_url": canonical_url,
        "layout": layout,  # type: ignore[typeddict-item]
        "headline": headline,
        "published": published,
        "authors": authors,
        "byline": byline,
        "issue": issue,
        "issue_url": issue_url,
        "body": _body_text(found.body),
        "related": _related(page, found.end, page.url),
        "sources": _sources(page, found.end, page.url),
        "warnings": _ordered(warnings),
    }


def _headline(anchor: Line | None, meta: Metadata, warnings: list[str]) -> str:
    candidates = headline_candidates(meta)
    if anchor is not None:
        stated = meta.ld_headline or meta.og_title
        if stated and not same_text(stated, anchor.text):
            warnings.append(f"headline_metadata_mismatch: metadata says {stated!r}; the visible headline is used")
        return anchor.text
    if meta.ld_headline or meta.og_title:
        warnings.append("headline_from_metadata: no visible headline; taken from JSON-LD or og:title")
        return candidates[0]
    if candidates:
        warnings.append("headline_from_title: no visible headline; taken from <title>")
        return candidates[0]
    raise PageError("missing_headline", "no headline in the page, its metadata or its title")


def _walk(page: Page, anchor: Line | None, start: int, end: int) -> ArticleLines:
    """One pass down the article's lines: cue lines are kept aside, prose is body."""
    found = ArticleLines(end=end)
    first = anchor.index + 1 if anchor else start
    if anchor is not None:  # drifted pages may print the date above the headline
        for line in page.lines[max(start, anchor.index - DATE_ABOVE_WINDOW) : anchor.index]:
            if dated := cues.read_date_line(line.text):
                found.date, found.byline = dated[0], dated[1]
    skip_next_as_affiliation = False
    for line in page.lines[first:end]:
        text = line.text
        if ends_body(text) or (cues.is_section_end(text) and (line.is_heading or len(text) < 40)):
            found.end = line.index
            break  # wherever they sit, comments, sources and related lists close the body
        if page.is_foreign_furniture(line, anchor):
            continue
        if skip_next_as_affiliation and _is_affiliation(line):
            skip_next_as_affiliation = False
            continue
        skip_next_as_affiliation = False
        dated = cues.read_date_line(text)
        if dated:
            if found.body:
                found.end = _end_before_teaser_headline(found.body, line.index)
                break  # a dated line below the body starts the related list
            if found.date is None:
                found.date, found.byline = dated[0], found.byline or dated[1]
                skip_next_as_affiliation = dated[1] is not None
            continue
        if cues.read_issue_line(text) is not None:
            found.issue = found.issue or line
            if found.date is None and (inline := cues.DATE_ANYWHERE_RE.search(text)):
                found.date = inline["date"]
            continue
        if (byline := cues.read_byline(text)) is not None:
            found.byline = found.byline or byline
            skip_next_as_affiliation = not found.body
            continue
        if is_boilerplate(text) or _is_link_furniture(line) or line.tag in NOT_PROSE_TAGS:
            continue
        if line.is_heading and anchor is not None and same_text(text, anchor.text):
            continue
        found.body.append(line)
    return found


def _byline_below_body(page: Page, body_end: int, end: int) -> str | None:
    """bionews2018 sometimes prints the byline after the body, even after its sources."""
    for line in page.lines[body_end:end]:
        if cues.RELATED_HEADING_RE.match(line.text) or ends_body(line.text):
            return None
        if (byline := cues.read_byline(line.text)) is not None:
            return byline
    return None


def _end_before_teaser_headline(body: list[Line], dated_index: int) -> int:
    """Drop the related list's first headline link, read as body before its date line."""
    end = dated_index
    while body and body[-1].index == end - 1 and headline_link(body[-1]) is not None:
        end = body.pop().index
    return end


def _is_link_furniture(line: Line) -> bool:
    """A short line that is nothing but links (share buttons, "sign up" calls): not prose."""
    return (
        len(line.text) <= LINK_LINE_MAX_LENGTH and line.link_text_share >= 0.9 and not line.text.endswith(SENTENCE_END)
    )


def _is_affiliation(line: Line) -> bool:
    """A comment piece's role line under the byline: short, not a sentence, not a heading."""
    text = line.text
    return (
        len(text) <= AFFILIATION_MAX_LENGTH
        and not text.endswith(SENTENCE_END)
        and not line.is_heading
        and not line.links
    )


def _authors(byline: str | None, meta: Metadata, warnings: list[str]) -> tuple[list[str], str | None]:
    if byline:
        authors = cues.byline_names(byline)
        stated = meta.ld_authors or meta.ld_publisher_authors
        if stated and [a.casefold() for a in stated] != [a.casefold() for a in authors]:
            warnings.append(f"authors_metadata_mismatch: metadata names {', '.join(stated)}; the byline is used")
        return authors, byline
    warnings.append("byline_missing: no byline found")
    if meta.ld_authors:
        warnings.append("authors_from_metadata: no visible byline; names taken from JSON-LD")
        return list(meta.ld_authors), None
    return [], None


def _issue(line: Line | None, base_url: str, warnings: list[str]) -> tuple[int | None, str | None]:
    if line is None:
        warnings.append("issue_missing: no 'Appeared in BioNews N' line")
        return None, None
    number = cues.read_issue_line(line.text)
    # The link may be "BioNews 743" or just "743"; prefer the one naming the number.
    links = sorted(line.links, key=lambda link: str(number) not in link.text)
    urls = [normalise_url(link.href, base_url) for link in links]
    return number, next((url for url in urls if url), None)


def _body_text(lines: list[Line]) -> str:
    paragraphs: list[list[str]] = []
    last_paragraph: int | None = None
    for line in lines:
        if line.paragraph == last_paragraph:
            paragraphs[-1].append(line.text)
        else:
            paragraphs.append([line.text])
            last_paragraph = line.paragraph
    return "\n\n".join(" ".join(parts) for parts in paragraphs)


def _related(page: Page, body_end: int, base_url: str) -> list[RelatedStory]:
    lines = page.lines
    start = next((line.index + 1 for line in lines[body_end:] if cues.RELATED_HEADING_RE.match(line.text)), None)
    if start is None:
        dated = next((line.index for line in lines[body_end:] if cues.read_date_line(line.text)), None)
        if dated is None:
            return []
        start = max(body_end, dated - 1)
    teasers = read_teasers(lines[start:], base_url, skip_urls={page.url}, stop_at_plain_heading=True)
    return [
        {"headline": t.headline, "url": t.url, "published": t.published, "authors": t.authors, "teaser": t.teaser}
        for t in teasers
    ]


def _sources(page: Page, body_end: int, base_url: str) -> list[Source]:
    lines = page.lines
    heading = next((line for line in lines[body_end:] if cues.SOURCES_HEADING_RE.match(line.text)), None)
    if heading is None:
        return []
    sources: list[Source] = []
    for line in lines[heading.index + 1 :]:
        if line.is_heading or cues.is_section_end(line.text) or ends_body(line.text):
            break
        for link in line.links:
            url = normalise_url(link.href, base_url)
            if url and link.text and not is_boilerplate(link.text):
                sources.append({"title": link.text, "url": url})
    return sources


WARNING_ORDER = (
    "byline_missing",
    "issue_missing",
    "published_missing",
    "published_from_metadata",
    "headline_from_metadata",
    "headline_from_title",
    "headline_metadata_mismatch",
    "published_metadata_mismatch",
    "authors_from_metadata",
    "authors_metadata_mismatch",
    "page_truncated",
)


def _ordered(warnings: list[str]) -> list[str]:
    rank = {code: number for number, code in enumerate(WARNING_ORDER)}
    return sorted(warnings, key=lambda warning: rank.get(warning.split(":", 1)[0], len(rank)))
