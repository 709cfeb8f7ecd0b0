"""Legacy e-mail issue pages (``page.asp?obj_id=N&CView=N`` or ``&ASTemp=N``): whole articles.

The page prints ``Issue 617 (25 July 2011)``, the newsletter's welcome text, a ``News Digest``
heading, then whole articles, each with its own headline, date line, byline, affiliation and
``Appeared in BioNews N``. A page holding one article is that article; one holding several
gives each article, then the issue (docs/site-layouts.md, "Issue pages").
"""

from __future__ import annotations

from dataclasses import dataclass

from bionews_scraper.parse import cues
from bionews_scraper.parse.article import build_article
from bionews_scraper.parse.boilerplate import is_boilerplate
from bionews_scraper.parse.metadata import Metadata
from bionews_scraper.parse.normalise import normalise_url, parse_date
from bionews_scraper.parse.page import Line, Page
from bionews_scraper.parse.regions import CUE_WINDOW, HEADLINE_MAX_LENGTH, content_span
from bionews_scraper.parse.teasers import READ_MORE_RE
from bionews_scraper.records.types import Article, Issue, IssueEntry

# An article with no issue line is whole when its first paragraph is prose and another follows.
WHOLE_BODY_PARAGRAPHS = 2
WHOLE_BODY_MIN_LENGTH = 80


@dataclass(frozen=True, slots=True)
class Digest:
    number: int
    date: str | None  # as printed
    heading: Line  # "Issue 617 (25 July 2011)"
    headlines: tuple[Line, ...]  # each article's headline line, in page order; none on an index of teasers


def find_digest(page: Page) -> Digest | None:
    """The e-mail issue heading's number and date and the whole articles under it, or ``None``
    for a page without that heading. An early issue's index of teasers under the same heading
    has no whole article: it is an issue page."""
    for line in page.lines:
        if not line.links and (match := cues.EMAIL_ISSUE_RE.match(line.text)):  # an archive links each issue
            headlines = tuple(other for other in page.lines[line.index + 1 :] if _starts_article(page, other))
            return Digest(int(match["number"]), match["date"], line, headlines)
    return None


def build_digest(page: Page, layout: str, digest: Digest) -> tuple[Article | Issue, ...]:
    """Each whole article on the page (the page's own metadata is the newsletter's, not theirs),
    then, when there are several, the issue listing them."""
    ends = [headline.index for headline in digest.headlines[1:]] + [len(page.lines)]
    if len(ends) > 1:  # the last of several ends with the element that holds it (a sidebar may follow)
        ends[-1] = content_span(page, digest.headlines[-1])[1]
    articles = [
        build_article(
            page,
            Metadata(),
            layout,
            headline,
            _own_url(headline, page.link_base),
            span=(headline.index, end),
        )
        for headline, end in zip(digest.headlines, ends, strict=True)
    ]
    for article in articles:
        if article["issue"] is None:  # no "Appeared in" line of its own: it appeared in this issue
            article["issue"] = digest.number
            article["warnings"] = [w for w in article["warnings"] if not w.startswith("issue_missing")]
    if len(articles) == 1:
        return (articles[0],)
    entries: list[IssueEntry] = [
        {"headline": a["headline"], "url": a["canonical_url"], "authors": a["authors"], "teaser": None}
        for a in articles
        if a["canonical_url"]
    ]
    warnings = (
        [] if len(entries) == len(articles) else ["articles_unlinked: some articles link to no page of their own"]
    )
    issue: Issue = {
        "kind": "issue",
        "url": page.url,
        "layout": layout,  # type: ignore[typeddict-item]
        "issue": digest.number,
        "published": parse_date(digest.date),
        "articles": entries,
        "warnings": warnings,
    }
    return (*articles, issue)


def _starts_article(page: Page, line: Line) -> bool:
    """A headline: a short line over a date line, with an issue line close below."""
    text = line.text
    # A headline may begin like furniture ("Search for the genes ..."): only whole phrases rule it out.
    if len(text) > HEADLINE_MAX_LENGTH or is_boilerplate(text, by_start=False) or cues.read_date_line(text):
        return False
    below = page.lines[line.index + 1 : line.index + 1 + CUE_WINDOW]
    if not below or cues.read_date_line(below[0].text) is None:
        return False
    return any(cues.read_issue_line(other.text) is not None for other in below) or _opens_whole_body(below[1:])


def _opens_whole_body(lines: list[Line]) -> bool:
    """Under a headline's date line (and a ``By`` line), with no issue line: a whole article
    goes on with a paragraph of prose; a teaser with one line ending ``...`` or ``[Read More]``."""
    rest = lines[1:] if lines and cues.read_byline(lines[0].text) else lines
    if len(rest) < WHOLE_BODY_PARAGRAPHS:
        return False
    first = rest[0].text
    return (
        len(first) >= WHOLE_BODY_MIN_LENGTH
        and first.endswith(cues.SENTENCE_ENDS)
        and not first.endswith(("...", "…"))
        and not READ_MORE_RE.search(rest[1].text)
    )


def _own_url(headline: Line, base_url: str) -> str | None:
    """The article's own page, when its headline links to it: the record's canonical URL."""
    link = max(headline.links, key=lambda link: len(link.text), default=None)
    return normalise_url(link.href, base_url) if link and len(link.text) >= len(headline.text) / 2 else None
