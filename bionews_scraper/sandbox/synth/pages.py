"""Markup for the synthetic site: one renderer per page kind and layout, text in, bytes out.

The skeletons follow docs/site-layouts.md and the hand-written pages of fixtures/site: legacy
pages are HTML 4 in windows-1252 with relative links; bionews2018 pages are HTML5 with
Open Graph tags; progress pages (``progress.py``) are WordPress-style. Renderers only
format what they are given; ``synth.py`` decides what it is.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from html import escape

from bionews_scraper.sandbox.synth.text import teaser

MONTHS = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)
FACEBOOK = "https://www.facebook.com/ProgressEducationalTrust"


@dataclass(frozen=True, slots=True)
class Teaser:
    """Another story as a page prints it: a related item or an issue entry."""

    headline: str
    href: str  # as printed in this page (relative on legacy pages)
    published: date
    authors: tuple[str, ...]
    teaser: str


@dataclass(frozen=True, slots=True)
class ArticlePage:
    url: str
    headline: str
    published: date
    authors: tuple[str, ...]
    issue: int
    issue_href: str
    paragraphs: list[str]
    related: list[Teaser]
    sources: list[tuple[str, str]]  # (title, url); bionews2018 and some progress pages
    variant: int  # 0-9: small per-page variations (2 in 10 bionews2018 pages print the byline under the body)
    post_id: int = 0  # progress only
    modified: str = ""  # progress only: ISO 8601, as in the sitemap's <lastmod>


@dataclass(frozen=True, slots=True)
class IssuePage:
    url: str
    number: int
    published: date
    entries: list[Teaser]


@dataclass(frozen=True, slots=True)
class ListingPage:
    url: str
    page: int  # 1 for the first listing page
    issues: list[tuple[str, int, date]]  # (href, number, date), newest first
    previous_href: str | None
    next_href: str | None


def long_date(day: date, pad: bool = True) -> str:
    """``date(2017, 9, 4)`` -> ``"04 September 2017"`` (``"4 September 2017"`` unpadded)."""
    return (
        f"{day.day:02d} {MONTHS[day.month - 1]} {day.year}" if pad else f"{day.day} {MONTHS[day.month - 1]} {day.year}"
    )


def london_iso(day: date, hour: int, minute: int) -> str:
    """Local London time as ISO 8601 with its offset: ``2019-06-03T00:30:00+01:00`` in summer."""
    return f"{day.isoformat()}T{hour:02d}:{minute:02d}:00{'+01:00' if _is_bst(day, hour) else '+00:00'}"


def byline(authors: tuple[str, ...], word: str = "By") -> str:
    """``("A", "B", "C")`` -> ``"By A, B and C"``."""
    names = ", ".join(authors[:-1]) + (" and " if len(authors) > 1 else "") + authors[-1]
    return f"{word} {names}"


def _is_bst(day: date, hour: int) -> bool:
    """British Summer Time: from 01:00 GMT on March's last Sunday to 01:00 GMT on October's."""
    start, end = _last_sunday(day.year, 3), _last_sunday(day.year, 10)
    if day == start:
        return hour >= 1
    if day == end:
        return hour < 1  # the repeated hour 01:00-02:00 is read as GMT
    return start < day < end


def _last_sunday(year: int, month: int) -> date:
    last = date(year, month, 31)
    return date.fromordinal(last.toordinal() - (last.weekday() + 1) % 7)


def escape_html(text: str) -> str:
    """Text or attribute value -> HTML, quotes escaped."""
    return escape(text, quote=True)


def meta_line(item: Teaser, pad: bool) -> str:
    """A teaser's ``DATE - by NAME`` line (``DATE`` alone when it has no authors)."""
    when = long_date(item.published, pad)
    return f"{when} - {byline(item.authors, 'by')}" if item.authors else when


# --- legacy: http://www.bionews.org.uk/page_NNNNNN.asp -------------------------------------


def _legacy_frame(title: str, main: str, year: int) -> bytes:
    return (
        '<!DOCTYPE HTML PUBLIC "-//W3C//DTD HTML 4.01 Transitional//EN" "http://www.w3.org/TR/html4/loose.dtd">\n'
        '<html>\n<head>\n<meta http-equiv="Content-Type" content="text/html; charset=windows-1252">\n'
        f"<title>BioNews - {escape_html(title)}</title>\n"
        '<meta name="keywords" content="BioNews, genetics, assisted conception, embryo research, stem cells">\n'
        '<style type="text/css">\nbody { font-family: Verdana, Arial, sans-serif; font-size: 11px; }\n</style>\n'
        '</head>\n<body>\n<div id="wrapper">\n <div id="header">\n  <div class="logo">BioNews</div>\n'
        '  <p class="signup"><a href="#signup">Subscribe to the BioNews newsletter for free</a></p>\n'
        '  <form name="search" action="page_search.asp" method="get">\n'
        '   <label for="q">Search for</label> <input type="text" name="q" id="q" size="20">\n'
        '   <input type="submit" value="Go"> <a href="#advanced">Advanced Search</a>\n  </form>\n </div>\n'
        ' <div id="menu">\n  <ul>\n   <li><a href="page_2.asp">BioNews archive</a></li>\n'
        '   <li><a href="#">Events</a></li>\n   <li><a href="#">About PET</a></li>\n  </ul>\n </div>\n'
        ' <div id="main">\n'
        f'  <div class="fb"><a href="{FACEBOOK}">Like the Progress Educational Trust on Facebook</a></div>\n'
        f"{main} </div>\n"
        ' <div id="sidebar">\n  <p class="publisher">Published by the Progress Educational Trust</p>\n'
        '  <div class="event">\n   <h4>PET event: Who decides what embryos may be tested for?</h4>\n'
        "   <p>An evening discussion in central London. Free to attend.</p>\n"
        "   <p>Speakers: Dr Ilse Marwood, Professor Tunde Abara and Cait Lomond</p>\n  </div>\n"
        '  <p class="fundraising">PET abides by the Good Fundraising Code.</p>\n'
        '  <p><a href="#friends">Become a Friend of PET HERE</a></p>\n </div>\n'
        f' <div id="footer"><p>© Progress Educational Trust {year}. Registered charity.</p></div>\n'
        "</div>\n</body>\n</html>\n"
    ).encode("cp1252")


def legacy_article(page: ArticlePage) -> bytes:
    parts = [f'  <h1>{escape_html(page.headline)}</h1>\n  <p class="date">{long_date(page.published, pad=False)}</p>\n']
    if page.authors:
        parts.append(f'  <p class="author">{escape_html(byline(page.authors))}</p>\n')
    parts.append(f'  <p class="issue">Appeared in <a href="{page.issue_href}">BioNews {page.issue}</a></p>\n')
    if page.published.year < 2008:  # older items split text with <br><br>, not <p>
        parts.append(
            '  <div class="text">' + "<br><br>\n".join(escape_html(p) for p in page.paragraphs) + "<br><br>\n  </div>\n"
        )
    else:
        parts.append(
            '  <div class="text">\n' + "".join(f"   <p>{escape_html(p)}</p>\n" for p in page.paragraphs) + "  </div>\n"
        )
    parts.append('  <div class="related">\n   <h3>Related Articles</h3>\n   <ul>\n')
    for item in page.related:
        parts.append(
            f'   <li><a href="{item.href}">{escape_html(item.headline)}</a>\n'
            f"    <p>{escape_html(meta_line(item, pad=False))}</p><p>{escape_html(item.teaser)}</p></li>\n"
        )
    parts.append(
        '   </ul>\n  </div>\n  <div class="comments">\n   <h3>Comments</h3>\n   <p>Be the first to have your say.</p>\n'
        '   <p>You need to <a href="#login">login</a> or <a href="#register">register</a> to add comments.</p>\n'
        '   <p class="small">By posting a comment you agree to abide by the BioNews terms and conditions</p>\n  </div>\n'
        '  <p class="reuse">To reproduce this story, <a href="#reuse">click here to enquire about using this story</a>.</p>\n'
    )
    return _legacy_frame(page.headline, "".join(parts), page.published.year)


def legacy_issue(page: IssuePage) -> bytes:
    parts = [
        f'  <h1>BioNews {page.number}</h1>\n  <p class="date">{long_date(page.published, pad=False)}</p>\n  <div class="contents">\n'
    ]
    for item in page.entries:
        parts.append(f'   <div class="item">\n    <h2><a href="{item.href}">{escape_html(item.headline)}</a></h2>\n')
        if item.authors:
            parts.append(f'    <p class="by">{escape_html(byline(item.authors, "by"))}</p>\n')
        parts.append(f"    <p>{escape_html(item.teaser)}</p>\n   </div>\n")
    parts.append("  </div>\n")
    return _legacy_frame(f"BioNews {page.number}", "".join(parts), page.published.year)


def legacy_listing(page: ListingPage) -> bytes:
    heading = "BioNews archive" if page.page == 1 else f"BioNews archive - page {page.page}"
    parts = [f'  <h1>{heading}</h1>\n  <p>Every issue of BioNews, newest first.</p>\n  <ul class="archive">\n']
    parts += [
        f'   <li><a href="{href}">BioNews {number}</a> - {long_date(day, pad=False)}</li>\n'
        for href, number, day in page.issues
    ]
    parts.append("  </ul>\n" + _pager(page))
    return _legacy_frame(heading, "".join(parts), page.issues[0][2].year if page.issues else 2018)


def _pager(page: ListingPage) -> str:
    links = []
    if page.previous_href:
        links.append(f'<a href="{page.previous_href}">Previous</a>')
    if page.next_href:
        links.append(f'<a href="{page.next_href}">Next</a>')
    return f'  <p class="pager">{" ".join(links)}</p>\n' if links else ""


# --- bionews2018: https://www.bionews.org.uk/page_NNNNN -------------------------------------


def _b2018_frame(title: str, og_title: str, url: str, og_type: str, description: str, main: str, year: int) -> bytes:
    return (
        '<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f'<title>{escape_html(title)} | BioNews</title>\n<meta name="description" content="{escape_html(description)}">\n'
        f'<meta property="og:site_name" content="BioNews">\n<meta property="og:title" content="{escape_html(og_title)}">\n'
        f'<meta property="og:url" content="{url}">\n<meta property="og:type" content="{og_type}">\n'
        f'<meta property="og:description" content="{escape_html(description)}">\n<meta name="twitter:card" content="summary">\n'
        '</head>\n<body class="bionews">\n<header class="site-header">\n <a class="brand" href="/bionews-archive">BioNews</a>\n'
        ' <nav class="main-nav">\n  <ul>\n   <li><a href="/bionews-archive">Archive</a></li>\n'
        '   <li><a href="#">Events</a></li>\n   <li><a href="#">About PET</a></li>\n  </ul>\n </nav>\n'
        ' <div class="signup-strip"><a href="#newsletter">Subscribe to the BioNews newsletter for free</a></div>\n'
        ' <form class="search" action="/search" method="get">\n'
        '  <input type="search" name="q" placeholder="Search for" aria-label="Search for">\n'
        '  <button type="submit">Search</button> <a href="#advanced">Advanced Search</a>\n </form>\n</header>\n'
        f'<main class="content">\n{main}</main>\n'
        '<aside class="sidebar">\n <p>Published by the Progress Educational Trust</p>\n'
        ' <div class="event-advert">\n  <h4>Free online event: Can genome screening of newborns be fair?</h4>\n'
        "  <p>Speakers: Dr Aoife Kerrigan, Professor Malak Haddou and Jem Ostrowski</p>\n </div>\n"
        f' <p><a href="{FACEBOOK}">Like the Progress Educational Trust on Facebook</a></p>\n'
        ' <p><a href="#friends">Become a Friend of PET HERE</a></p>\n</aside>\n'
        f'<footer class="site-footer">\n <p>PET follows the Good Fundraising Code.</p>\n <p>© Progress Educational Trust {year}</p>\n</footer>\n'
        "</body>\n</html>\n"
    ).encode()


def b2018_article(page: ArticlePage) -> bytes:
    author = f'  <p class="article-author">{escape_html(byline(page.authors))}</p>\n' if page.authors else ""
    after_body = page.variant < 2  # some pages print the byline under the body
    parts = [
        f' <div class="share-box"><span class="label">Page URL:</span> <input type="text" readonly value="{page.url}"></div>\n'
        f' <article class="article">\n  <h1>{escape_html(page.headline)}</h1>\n  <p class="article-date">{long_date(page.published)}</p>\n'
        f'  <p class="article-issue">Appeared in <a href="{page.issue_href}">BioNews {page.issue}</a></p>\n',
        "" if after_body else author,
        '  <div class="article-body">\n'
        + "".join(f"   <p>{escape_html(p)}</p>\n" for p in page.paragraphs)
        + "  </div>\n",
        author if after_body else "",
    ]
    if page.sources:
        parts.append('  <div class="sources">\n   <h3>Sources and References</h3>\n   <ul>\n')
        parts += [
            f'    <li><a href="{url}" target="_blank">{escape_html(title)}</a><br><span class="src-url">{url}</span></li>\n'
            for title, url in page.sources
        ]
        parts.append("   </ul>\n  </div>\n")
    parts.append(' </article>\n <section class="related-articles">\n  <h3>Related Articles</h3>\n  <ul>\n')
    for item in page.related:
        parts.append(
            f'   <li><a href="{item.href}">{escape_html(item.headline)}</a>\n    <p class="related-date">{escape_html(meta_line(item, pad=True))}</p>\n'
            f'    <p class="related-teaser">{escape_html(item.teaser)}</p></li>\n'
        )
    parts.append(
        '  </ul>\n </section>\n <div class="comments">\n  <p>Be the first to have your say.</p>\n'
        '  <p>You need to <a href="#login">login</a> or <a href="#register">register</a> to add comments.</p>\n </div>\n'
    )
    description = teaser(page.paragraphs[0])
    return _b2018_frame(
        page.headline, page.headline, page.url, "article", description, "".join(parts), page.published.year
    )


def b2018_issue(page: IssuePage) -> bytes:
    parts = [
        f' <h1>BioNews {page.number}</h1>\n <p class="issue-date">{long_date(page.published)}</p>\n <div class="issue-contents">\n'
    ]
    for item in page.entries:
        parts.append(
            f'  <div class="issue-item">\n   <h2><a href="{item.href}">{escape_html(item.headline)}</a></h2>\n'
        )
        if item.authors:
            parts.append(f'   <p class="issue-author">{escape_html(byline(item.authors, "by"))}</p>\n')
        parts.append(f'   <p class="issue-teaser">{escape_html(item.teaser)}</p>\n  </div>\n')
    parts.append(" </div>\n")
    description = f"BioNews {page.number}, {long_date(page.published)}"
    return _b2018_frame(
        f"BioNews {page.number}",
        f"BioNews {page.number}",
        page.url,
        "website",
        description,
        "".join(parts),
        page.published.year,
    )


def b2018_listing(page: ListingPage) -> bytes:
    heading = "BioNews archive" if page.page == 1 else f"BioNews archive - page {page.page}"
    parts = [f' <h1>{heading}</h1>\n <ul class="issue-list">\n']
    parts += [
        f'  <li><a href="{href}">BioNews {number}</a> <span class="date">{long_date(day)}</span></li>\n'
        for href, number, day in page.issues
    ]
    parts.append(" </ul>\n" + _pager(page))
    year = page.issues[0][2].year if page.issues else 2021
    return _b2018_frame(heading, heading, page.url, "website", "Every issue of BioNews", "".join(parts), year)
