"""Which layout a page is in, and what kind of page it is: read from URL and content.

The page kind decides which assembly runs; pages that are neither article nor issue are
refused here with a reason (``PageError``), before any field is looked for.
"""

from __future__ import annotations

import re
from itertools import pairwise

from bionews_scraper.parse import cues, names
from bionews_scraper.parse.boilerplate import is_boilerplate
from bionews_scraper.parse.metadata import Metadata
from bionews_scraper.parse.normalise import BY_PREFIX_RE
from bionews_scraper.parse.notices import notice_refusal
from bionews_scraper.parse.page import Line, Page
from bionews_scraper.parse.regions import CUE_WINDOW, title_headline
from bionews_scraper.parse.teasers import headline_link
from bionews_scraper.parse.templates import bionews2018, legacy, progress
from bionews_scraper.records.types import PageError

LEGACY_MARKUP_RE = re.compile(
    r"charset\s*=\s*[\"']?(?:windows-1252|iso-8859-1)|href=[\"']?page_\d+\.asp|<title>\s*BioNews\s+-", re.IGNORECASE
)
# Plain substrings, one of which every match of LEGACY_MARKUP_RE holds: a scan for them is
# far cheaper than the regex over a page's first 20,000 characters (bench/parse_speed.py).
LEGACY_MARKERS = ("1252", "8859-1", ".asp", ".ASP", "BioNews -", "BIONEWS -", "bionews -")
HTML5_RE = re.compile(r"^\s*(?:<!--.*?-->\s*)?<!doctype\s+html\s*>", re.IGNORECASE | re.DOTALL)
# WordPress taxonomy and glossary pages: teasers and definitions, never an article.
NOT_ARTICLE_URL_RE = re.compile(
    r"/(?:glossary|tag|topics?|category|author)/[^/?#]+(?:/page/\d+)?/?(?:$|[?#])", re.IGNORECASE
)
# Template cue lines sit near the top of the page (the share box, the WordPress meta line).
LAYOUT_CUE_LINES = 150
# A sentence at least this long is prose: a listing has none before its second item (its
# teasers end in "..." or "Read more").
PROSE_MIN_LENGTH = 60
# An entry's cue lines under its headline link: a date, a By line and an issue line.
TEASER_CUE_LINES = 3
# About and team pages: this many "ROLE: NAME" or "NAME, ROLE" lines under their prose.
LISTED_PEOPLE = 2
ROLE_LINE_MAX_LENGTH = 100
# Testimonials: this many quotations, each with a "By NAME" line under it.
SIGNED_QUOTES = 2
# A slug that starts with "search-" is an article ("/search-for-male-infertility-genes-widens/").
SEARCH_URL_RE = re.compile(r"[?&](?:s|q|search|query)=|/search(?:/|\.\w+)?(?:$|[?#])", re.IGNORECASE)


def detect_layout(page: Page, meta: Metadata) -> str:
    """``legacy``, ``bionews2018`` or ``progress``, read from the page's content: the legacy and
    bionews2018 templates were served on www.progress.org.uk too. The URL only breaks a tie."""
    head = page.text[:20000]
    if any(line.text.startswith(bionews2018.SHARE_BOX) for line in page.lines[:LAYOUT_CUE_LINES]):
        return "bionews2018"
    if any(marker in head for marker in progress.MARKERS) or (meta.title or "").endswith("| PET"):
        return "progress"
    if any(cues.read_meta_line(line.text) for line in page.lines[:LAYOUT_CUE_LINES]):
        return "progress"
    if any(marker in head for marker in LEGACY_MARKERS) and LEGACY_MARKUP_RE.search(head):
        return "legacy"
    for url in (page.url, meta.canonical_url or "", meta.og_url or ""):
        for name, module in (("legacy", legacy), ("progress", progress), ("bionews2018", bionews2018)):
            if module.URL_RE.match(url):
                return name
    return "bionews2018" if HTML5_RE.match(head) or meta.og_title else "legacy"


def classify(page: Page, meta: Metadata, heading: Line | None) -> str:
    """``article`` or ``issue``; raises ``PageError`` for every other kind of page.

    No headline word alone refuses a page: a not-found or search page also has nothing an
    article prints under its heading (date, byline, issue or meta line, an Authors heading).
    """
    heading_text = heading.text if heading else ""
    title = meta.title or ""
    cued = _cued_below(page, heading)
    texts = (heading_text, title)
    if not cued and any(cues.NOT_FOUND_RE.search(t) or cues.NOT_FOUND_WEAK_RE.search(t) for t in texts):
        raise PageError("page_not_found", "the page says it could not be found")
    if cues.read_issue_heading(heading_text) is not None or cues.ISSUE_URL_RE.search(page.url.split("?", 1)[0]):
        return "issue"
    if heading is None and cues.read_issue_heading(title_headline(title) or "") is not None:
        return "issue"  # no visible heading, and the title says "BioNews 584 | PET"
    if not cued and (any(cues.SEARCH_RE.search(t) for t in texts) or _is_search_url(page.url)):
        raise PageError("search_results", "the page is a list of search results")
    # An "Appeared in BioNews" line, or a date or byline under the heading, marks an article:
    # event adverts and issue links in its sidebar do not make it an event or a listing.
    article_like = cued or any(
        cues.read_issue_line(line.text) is not None and not _in_a_teaser(page.lines, line) for line in page.lines
    )
    if not article_like and _is_listing(page, heading_text, title):  # before events: sidebars advertise them
        raise PageError("listing_page", "the page lists issues or articles; it only yields links")
    if reason := _says_what_it_is(page, heading):
        raise PageError("not_an_article", reason)  # whatever its cues or its sidebar's events say
    if _is_event(page, meta, heading, article_like):
        raise PageError("event_page", "the page announces an event")
    if not article_like and (reason := _not_an_article(page, meta, heading)):
        raise PageError("not_an_article", reason)
    if refusal := _cued_but_not_an_article(page, heading):
        raise refusal
    return "article"


def _cued_but_not_an_article(page: Page, heading: Line | None) -> PageError | None:
    """Pages that print a date or byline under their heading and still are no article."""
    if _lists_cued_headings(page, heading):
        return PageError("listing_page", "the page lists articles, each heading with its own date line")
    if _quotes_people(page, heading):
        return PageError("not_an_article", "the page quotes people under their names (testimonials)")
    if _lists_people(page, heading):
        return PageError("not_an_article", "the page lists people with their roles (an about or team page)")
    if _is_plain_wordpress_page(page, heading):
        return PageError("not_an_article", "a WordPress page, not a post: published, with no section, issue or author")
    if notice := notice_refusal(page, heading):
        return PageError(*notice)
    return None


def _says_what_it_is(page: Page, heading: Line | None) -> str | None:
    """A WordPress taxonomy address, or a line only non-articles print near their top
    ("This week at the Progress Educational Trust", "Page 1 of 3"), whatever the cues say."""
    if NOT_ARTICLE_URL_RE.search(page.url):
        return "the page is a WordPress glossary, tag, topic, category or author page"
    for line in page.lines[: CUE_WINDOW + (heading.index if heading else 0)]:
        if cues.is_not_article_line(line.text):
            return f"the page is a home page, author listing, glossary entry or similar: {line.text[:80]!r}"
    return None


def _lists_cued_headings(page: Page, heading: Line | None) -> bool:
    """A listing: the next heading with its own date or meta line under it comes before any
    prose (an article's related cards come after its body)."""
    if heading is None:
        return False
    for line in page.lines[heading.index + 1 :]:
        text = line.text
        if _is_prose(text):
            return False
        if line.is_heading and cues.is_section_end(text):
            return False  # an article's related list (even under an article with no body)
        if line.is_heading and _cued_below(page, line):
            return True
    return False


def _is_plain_wordpress_page(page: Page, heading: Line | None) -> bool:
    """WordPress posts print ``Published DATE posted in SECTION ...``; its pages (about,
    annual review, campaigns) print ``Published DATE`` alone and name no author above their
    text (a quotation's ``By`` line inside it is no author)."""
    if heading is None:
        return False
    window = page.lines[heading.index + 1 : heading.index + 1 + CUE_WINDOW]
    metas = [meta for line in window if (meta := cues.read_meta_line(line.text))]
    if not metas or any(section or number is not None for _, section, number in metas):
        return False
    if any(cues.read_meta_continuation(line.text) for line in window):
        return False  # the meta line goes on under it: "posted in News"
    first_prose = _first_prose(window)
    above_text = window if first_prose is None else window[:first_prose]
    return not any(cues.AUTHORS_HEADING_RE.match(line.text) or cues.read_byline(line.text) for line in above_text)


def _quotes_people(page: Page, heading: Line | None) -> bool:
    """Testimonials: quotations, each signed with a ``By NAME`` line under it, or, on a page
    with no byline of its own, a ``NAME, ROLE`` line. An article prints one byline above its
    text, not a byline under each of several quotations (a quoted headline link over a
    ``by NAME`` line is a teaser)."""
    lines = page.lines[heading.index + 1 if heading else 0 :]
    quoted = [line for above, line in pairwise(lines) if _is_quotation(above.text) and not above.links]
    if sum(1 for line in quoted if cues.read_byline(line.text)) >= SIGNED_QUOTES:
        return True
    unsigned_page = not any(cues.read_byline(line.text) for line in lines[:CUE_WINDOW])
    return unsigned_page and sum(1 for line in quoted if _names_with_a_role(line.text)) >= SIGNED_QUOTES


def _names_with_a_role(text: str) -> bool:
    """``Dr Hannah Okonkwo-Reid, Consultant embryologist, Friend of PET since 2015``."""
    name, comma, _ = text.partition(",")
    return bool(comma) and len(text) <= ROLE_LINE_MAX_LENGTH and len(name.split()) >= 2 and names.is_name(name)


def _lists_people(page: Page, heading: Line | None) -> bool:
    """About and team pages: under their prose, lines of ``Chair: NAME`` or ``NAME, Editor``.
    An article names its people above its text (byline, Authors box), not below it."""
    lines = [line for line in page.lines[heading.index + 1 if heading else 0 :] if line.furniture is None]
    first_prose = _first_prose(lines)
    if first_prose is None:
        return False
    return sum(1 for line in lines[first_prose + 1 :] if _names_a_role(line.text)) >= LISTED_PEOPLE


def _names_a_role(text: str) -> bool:
    """``Chair: Professor Alun Treharne`` or ``Dr Helena Price, Editor`` (``By`` allowed)."""
    if len(text) > ROLE_LINE_MAX_LENGTH:
        return False  # most lines are prose: settled before any name test
    if ":" in text:
        role, _, name = text.partition(":")
        return names.is_role(role) and names.is_name(name.strip())
    name, _, role = BY_PREFIX_RE.sub("", text).partition(",")
    return bool(role) and names.is_name(name.strip()) and names.is_role(role.strip())


def _first_prose(lines: list[Line]) -> int | None:
    """The position in ``lines`` of the first line of prose, if any."""
    return next((n for n, line in enumerate(lines) if _is_prose(line.text)), None)


def _is_prose(text: str) -> bool:
    """A sentence of text; a teaser (ending "..." or "…") is not prose."""
    if len(text) < PROSE_MIN_LENGTH or not text.endswith(cues.SENTENCE_ENDS) or text.endswith(("...", "…")):
        return False
    return not is_boilerplate(text)


def _is_quotation(text: str) -> bool:
    return len(text) > 2 and text[0] in cues.OPENING_QUOTES and text[-1] in cues.CLOSING_QUOTES


def _in_a_teaser(lines: list[Line], line: Line) -> bool:
    """A cue line of a listing's entry: under its headline link, maybe below its date and
    ``By`` lines (``TITLE`` / ``21 January 2019`` / ``By NAME`` / ``Appeared in BioNews 983``)."""
    above = lines[max(0, line.index - TEASER_CUE_LINES) : line.index]
    return any(headline_link(other) is not None for other in above)


def _cued_below(page: Page, heading: Line | None) -> bool:
    """An article's heading has its date, byline, issue or meta line right below (before any
    teaser link); a listing's, a glossary's or a not-found page's has not."""
    if heading is None:
        return False
    for line in page.lines[heading.index + 1 : heading.index + 1 + CUE_WINDOW]:
        text = line.text
        if cues.read_date_line(text) or cues.read_byline(text) or cues.read_issue_line(text) is not None:
            return True
        if cues.read_meta_line(text) or cues.AUTHORS_HEADING_RE.match(text):
            return True
        if headline_link(line) is not None:
            return False
    return False


def _not_an_article(page: Page, meta: Metadata, heading: Line | None) -> str | None:
    """Why a page with no cue under its heading is not an article: it prints teasers (a
    headline link over a date line), as home, author, glossary and topic pages do, and no
    article metadata."""
    teasers = sum(
        1
        for line in page.lines
        if headline_link(line) is not None
        and any(_dates_a_teaser(other.text) for other in page.lines[line.index + 1 : line.index + 3])
    )
    if teasers >= 2 and not meta.is_article:
        return "the page lists teasers of other pages (a glossary, topic, author or home page)"
    return None


def _dates_a_teaser(text: str) -> bool:
    """A teaser's ``DATE - by NAME`` line, or (on WordPress listings) its meta line."""
    return bool(cues.read_date_line(text) or cues.read_meta_line(text))


def _is_search_url(url: str) -> bool:
    return bool(SEARCH_URL_RE.search(url))


def _is_event(page: Page, meta: Metadata, heading: Line | None, article_like: bool) -> bool:
    if "Event" in meta.ld_types or any(t.endswith("Event") for t in meta.ld_types):
        return True
    if _dated_as_an_event(page, heading):
        return True  # whatever issue announced it ("Appeared in BioNews 1022" under the event)
    if article_like:
        return False
    heading_text = heading.text if heading else ""
    event_cues = sum(1 for line in page.lines if len(line.text) < 200 and cues.EVENT_CUE_RE.search(line.text))
    event_cues += 2 * sum(1 for line in page.lines if cues.EVENT_DATE_LINE_RE.match(line.text))
    named_event = bool(cues.EVENT_HEADING_RE.search(heading_text) or cues.EVENT_URL_RE.search(page.url))
    return (event_cues >= 2 and named_event) or event_cues >= 4


def _dated_as_an_event(page: Page, heading: Line | None) -> bool:
    """The date under the heading is an event's (``13 November 2019 - 6pm (registration)``),
    and no article's own date or meta line follows it (a sidebar's event advert may come
    first in a table layout)."""
    if heading is None:
        return False
    window = page.lines[heading.index + 1 : heading.index + 1 + CUE_WINDOW]
    event_dated = False
    for line in window:
        if cues.read_date_line(line.text) or cues.read_meta_line(line.text):
            return False
        event_dated = event_dated or cues.EVENT_DATE_LINE_RE.match(line.text) is not None
    return event_dated


def _is_listing(page: Page, heading_text: str, title: str) -> bool:
    issue_links = sum(1 for line in page.lines for link in line.links if cues.read_issue_heading(link.text) is not None)
    if issue_links >= 2:
        return True
    return bool(cues.LISTING_RE.search(heading_text) or cues.LISTING_RE.search(title))
