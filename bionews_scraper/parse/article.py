"""Assemble an article record, field by field, strongest layer first.

Metadata gives candidates; the visible article decides (readers saw it); text cues find
what markup hides. Every fallback or disagreement leaves a warning.
"""

from __future__ import annotations

from bionews_scraper.parse import cues, names
from bionews_scraper.parse.boilerplate import ends_body, is_boilerplate
from bionews_scraper.parse.metadata import Metadata, reconcile_published
from bionews_scraper.parse.normalise import SITE_HOSTS, normalise_url, parse_date, site_host
from bionews_scraper.parse.page import Line, Page, in_element
from bionews_scraper.parse.regions import content_span, headline_candidates, same_text
from bionews_scraper.parse.teasers import headline_link, is_inline_teaser, read_teasers
from bionews_scraper.parse.walk import ArticleLines, walk_article
from bionews_scraper.records.types import Article, PageError, RelatedStory, Source

# A related list of bare titles: at least this many list items, each (nearly) all link text.
TITLE_LIST_MIN = 2
PAGE_FURNITURE_TAGS = ("footer", "nav", "aside")
WHOLE_LINK_SHARE = 0.9


def build_article(
    page: Page,
    meta: Metadata,
    layout: str,
    anchor: Line | None,
    canonical_url: str | None,
    span: tuple[int, int] | None = None,
) -> Article:
    """The article record for ``page`` (or for its lines ``span``, one article of several);
    raises ``PageError`` without headline or body."""
    warnings: list[str] = []
    headline = _headline(anchor, meta, warnings)
    start, end = span or (content_span(page, anchor) if anchor else (0, len(page.lines)))
    last = end if span else len(page.lines)  # related lists and sources may sit past the content span
    found = _article_lines(page, meta, anchor, start, end)
    if found.body and (titles := _title_list_start(page.lines, found.body[-1].index, page.link_base)) is not None:
        found.body, found.end = [line for line in found.body if line.index < titles], titles  # bare related titles
    published = reconcile_published(parse_date(found.date), meta, warnings)
    authors, byline = _authors(found, meta, warnings)
    issue, issue_url = _issue(found.issue, page.link_base, warnings)
    if published is None and issue is None:
        raise PageError("other_page", "the page has neither a date nor an issue line: no article to file")
    if not _ends_with_html_close(page.text):
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
        "section": found.section or cues.section_from_headline(headline),
        "body": _body_text(found.body),
        "related": _related(page, anchor, found.end, last),
        "sources": _sources(page, anchor, found.end, last),
        "warnings": _ordered(warnings),
    }


def _ends_with_html_close(text: str) -> bool:
    """``</html`` in the page's last 4 KB, in any case. As printed (lower or upper case) it
    is found without lower-casing the 4 KB, which costs ~15 us on a page with curly quotes."""
    tail = text[-4096:]
    return "</html" in tail or "</HTML" in tail or "</html" in tail.lower()


def _article_lines(page: Page, meta: Metadata, anchor: Line | None, start: int, end: int) -> ArticleLines:
    """The walk's cue and body lines; raises ``PageError`` without body or any article cue."""
    found = walk_article(page, anchor, start, end)
    found.byline = found.byline or _byline_below_body(page, found.end, end)
    if not found.body:
        raise PageError("missing_body", "the page has a headline but no body text")
    if not (found.date or found.issue or found.byline or found.named or meta.is_article or meta.published):
        raise PageError("other_page", "the page has no date, byline, issue line or article metadata")
    if found.date is None and found.date_above and not meta.published:
        # The weakest date cue, never the only sign of an article: an event advert may stand there.
        found.date, found.byline = found.date_above[0], found.byline or found.date_above[1]
    return found


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


def _byline_below_body(page: Page, body_end: int, end: int) -> str | None:
    """bionews2018 sometimes prints the byline after the body, even after its sources."""
    for line in page.lines[body_end:end]:
        if cues.RELATED_HEADING_RE.match(line.text) or ends_body(line.text):
            return None
        if (byline := cues.read_byline(line.text)) is not None:
            return byline
    return None


def _authors(found: ArticleLines, meta: Metadata, warnings: list[str]) -> tuple[list[str], str | None]:
    """The byline's names and co-authors named in its affiliation, else the names under an
    ``Authors`` heading, else JSON-LD's (with a warning)."""
    byline = found.byline
    if byline or found.named:
        authors = list(dict.fromkeys([*names.byline_names(byline), *found.coauthors, *found.named]))
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


def _related(page: Page, anchor: Line | None, body_end: int, end: int) -> list[RelatedStory]:
    lines, base_url = page.lines[:end], page.link_base
    start = next((line.index + 1 for line in lines[body_end:] if cues.RELATED_HEADING_RE.match(line.text)), None)
    if start is None:  # the seed's list has no heading: it starts at the link above its first date line
        start = _unheaded_list_start(lines, body_end)
        items = lines[body_end : body_end + TITLE_LIST_MIN]
        if start is None and len(items) == TITLE_LIST_MIN and all(_is_title_item(line, base_url) for line in items):
            start = body_end  # bare titles: no dates to find
        if (
            start is None
            or not _links_to_site(lines[start], base_url)
            or page.is_foreign_furniture(lines[start], anchor)
        ):
            return []  # no list, dated links elsewhere (sources with dates), or a sidebar's "Most read"
    # The list ends where the page's footer or menu begins ("Terms and conditions" is no story).
    footer = next((line.index for line in lines[start:] if _in_page_furniture(page, line, anchor)), len(lines))
    teasers = read_teasers(lines[start:footer], base_url, skip_urls={page.url}, stop_at_plain_heading=True)
    return [
        {"headline": t.headline, "url": t.url, "published": t.published, "authors": t.authors, "teaser": t.teaser}
        for t in teasers
    ]


def _in_page_furniture(page: Page, line: Line, anchor: Line | None) -> bool:
    """A line of the page's own footer, menu or sidebar (by element), not the article's."""
    return page.is_foreign_furniture(line, anchor) and in_element(line, PAGE_FURNITURE_TAGS)


def _title_list_start(lines: list[Line], last: int, base_url: str) -> int | None:
    """Where a related list with no heading, dates or teasers starts, when it ends at line
    ``last``: a run of list items, each a whole headline link to a page of this site."""
    start = last + 1
    while start > 0 and _is_title_item(lines[start - 1], base_url):
        start -= 1
    return start if last + 1 - start >= TITLE_LIST_MIN else None


def _is_title_item(line: Line, base_url: str) -> bool:
    return line.tag == "li" and line.link_text_share >= WHOLE_LINK_SHARE and _links_to_site(line, base_url)


def _unheaded_list_start(lines: list[Line], after: int) -> int | None:
    """Where a teaser list with no heading starts: the headline link just above its first
    ``DATE - by NAME`` line (or the line two above, when the one above is not a link)."""
    dated = next(
        (line.index for line in lines[after:] if cues.read_date_line(line.text) or is_inline_teaser(line)), None
    )
    if dated is None:
        return None
    if is_inline_teaser(lines[dated]):
        return dated
    if dated > after and headline_link(lines[dated - 1]) is not None:
        return dated - 1
    return max(after, dated - 2)


def _links_to_site(line: Line, base_url: str) -> bool:
    """True when ``line``'s headline link leads to a page on the page's own host."""
    link = headline_link(line)
    url = normalise_url(link.href, base_url) if link else None
    return bool(url) and site_host(str(url)) in {site_host(base_url), *SITE_HOSTS}


def _sources(page: Page, anchor: Line | None, body_end: int, end: int) -> list[Source]:
    lines, base_url = page.lines[:end], page.link_base
    heading = next((line for line in lines[body_end:] if cues.SOURCES_HEADING_RE.match(line.text)), None)
    if heading is None:
        return []
    sources: list[Source] = []
    # An unheaded related list may follow the sources straight away: its first headline link
    # (a story on this site; sources are elsewhere) is not a source.
    list_start = _unheaded_list_start(lines, heading.index + 1)
    if list_start is None or not _links_to_site(lines[list_start], base_url):
        list_start = end
    for line in lines[heading.index + 1 : list_start]:
        if line.is_heading or cues.is_section_end(line.text) or ends_body(line.text):
            break
        if is_boilerplate(line.text, by_start=False) or (
            line.furniture is not heading.furniture and page.is_foreign_furniture(line, anchor)
        ):
            break  # a footer ("... Unsubscribe", a print view's "Source: URL") outside the list's own box
        for link in line.links:
            url = normalise_url(link.href, base_url)
            if url and url != page.url and link.text and not is_boilerplate(link.text):
                sources.append({"title": link.text, "url": url})  # (the share box links the page itself)
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
