"""Layer 3: the visible-text cues that have survived every BioNews redesign.

Each pattern runs on one line of visible text, whitespace already collapsed.
"""

from __future__ import annotations

import re

from bionews_scraper.parse.names import is_name
from bionews_scraper.parse.normalise import DIGIT_RE, NAME_SEPARATOR_RE, WEEKDAY_PREFIX

_MONTH = (
    r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?"
    r"|Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)"
)
_DATE = rf"{WEEKDAY_PREFIX}\d{{1,2}}(?:st|nd|rd|th)?\s+{_MONTH}\.?,?\s+(?:19|20)\d\d"

# "24 February 2014", "04 September 2017": a line holding only a date (all layouts).
DATE_LINE_RE = re.compile(rf"^(?:(?:published|posted|date)\s*:?\s*)?(?P<date>{_DATE})$", re.IGNORECASE)
# "24 February 2014 - By Jo Bloggs", "24 February 2014 | by Jo Bloggs": date and byline
# on one line (progress entry-meta, drifted pages), and related teasers' "DATE - by NAME".
DATE_AND_BYLINE_RE = re.compile(
    rf"^(?P<date>{_DATE})(?:\s*[-–—|,·•]?\s*(?:updated:?\s*)?{_DATE})?\s*(?:[-–—|,·•:]\s*)?(?P<byline>by\s+.+)$",
    re.IGNORECASE,
)
# "Appeared in BioNews 743" (often a link to the issue page); WordPress: "... appears in BioNews 985".
ISSUE_LINE_RE = re.compile(
    r"\bAppear(?:ed|s)\s+in\s*:?\s*BioNews\s*(?:issue\s*|no\.?\s*)?(?P<number>\d{1,5})\b", re.IGNORECASE
)
# The WordPress meta line: "Published 4 February 2019 posted in Comment and appears in BioNews 985"
# (date, section and issue in one line; the section and the issue parts may be missing).
META_LINE_RE = re.compile(
    rf"^Published\s*:?\s+(?P<date>{_DATE})(?:\s+posted\s+in\s+(?P<section>.+?))?"
    r"(?:\s+and\s+appears\s+in\s+BioNews\s*(?P<number>\d{1,5}))?\s*\.?"
    rf"(?:\s*\|?\s*(?:last\s+)?updated\s*:?\s*(?:on\s+)?(?:{_DATE})?)?"  # a theme's "Updated DATE" beside it
    r"(?:\s*[·•|-]?\s*\d+\s*min(?:ute)?s?\s+read)?$",  # ... or its reading time
    re.IGNORECASE,
)
# A page's modified date on a line of its own ("Updated 19 February 2020"): not the article's.
UPDATED_LINE_RE = re.compile(rf"^(?:last\s+)?updated\s*:?\s*(?:on\s+)?{_DATE}$", re.IGNORECASE)
# The rest of a meta line that a theme printed over several lines (<br>s, list items).
META_CONTINUATION_RE = re.compile(
    r"^(?:posted\s+in\s+(?P<section>.+?)(?:\s+and)?|and)?\s*(?:appears\s+in\s+BioNews\s*(?P<number>\d{1,5}))?\s*\.?$",
    re.IGNORECASE,
)
# WordPress prints its authors under an "Author" or "Authors" heading, one name per line.
AUTHORS_HEADING_RE = re.compile(r"^(?:the\s+)?authors?\s*:?$", re.IGNORECASE)
# Image licence lines under a picture ("CC BY 4.0", "CC BY-SA 2.0", "CC0 1.0", "Public domain").
LICENCE_RE = re.compile(
    r"^(?:(?:licen[cs]ed?\s+under\s+)?CC\s*(?:0|BY(?:[\s-](?:SA|NC|ND))*)(?:\s*\d\.\d)?|public\s+domain)$",
    re.IGNORECASE,
)
# Review facts printed above a review's text: never body.
REVIEW_FACT_RE = re.compile(
    r"^(?:(?:written\s+and\s+)?directed\s+by|produced\s+by|presented\s+by|edited\s+by|organi[sz]ed\s+by|hosted\s+by|starring"
    r"|available\s+(?:from|on|at|to)|speakers?\s*:"
    r"|running\s+time|certificate|isbn(?:-1[03])?\s*:?|publisher\s*:|venue\s*:|buy\s+this\s+book)(?:\b|(?<=:))",
    re.IGNORECASE,
)
REVIEW_FACT_MAX_LENGTH = 200
# An event's venue and date, alone on a line: "Conway Hall, London, 15 February 2012".
VENUE_FACT_RE = re.compile(rf"^[A-Z][^.!?]{{2,80}},\s*{_DATE}$")
# A play's or exhibition's run: "At the Example Playhouse, London, until 7 March 2020" (no sentence).
RUN_FACT_RE = re.compile(
    rf"^(?:(?:showing|playing|on|running)\s+)?at\s+[^.!?]{{3,100}}?,?\s+(?:until|till|to|from|runs\s+until)\s+{_DATE}$",
    re.IGNORECASE,
)
# A book's publisher line; a sentence ("Published by the journal Cell, the study ...") is body.
PUBLISHER_FACT_RE = re.compile(r"^published\s+by\s+[^.!?]+$", re.IGNORECASE)
# Headline prefixes that name a section on pages without a meta line (the prefix stays in the headline).
SECTION_PREFIXES: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"^(?:[A-Z][\w-]*\s+){0,2}reviews?\s*:", re.IGNORECASE), "Reviews"),
    (re.compile(r"^podcast\s*:", re.IGNORECASE), "Podcast"),
    (re.compile(r"^comment\s*:", re.IGNORECASE), "Comment"),
    (re.compile(r"^elsewhere\s*:", re.IGNORECASE), "Elsewhere"),
)
# "By Chris Hardy", "BY DR RACHEL BROWN AND SAM LEE": a byline line.
BYLINE_RE = re.compile(r"^(?:(?:reported|written|words)\s+)?by\s*:?\s+(?P<names>\S.*)$", re.IGNORECASE)
BYLINE_MAX_LENGTH = 160
OPENING_QUOTES = "\"“‘'«"
CLOSING_QUOTES = "\"”’'»"
# A sentence's last character: its stop, or the quotation mark closing it. The straight
# apostrophe is left out, as it also ends possessives ("the donors'").
SENTENCE_ENDS = (".", "!", "?", '"', "”", "’")
# "BioNews 743": the heading of an issue page (also "BioNews issue 743", "BioNews #743").
# Only a date may follow the number: "BioNews 1000: twenty years on" is an article's headline.
ISSUE_HEADING_RE = re.compile(
    rf"^(?:BioNews\s*(?:issue\s*|no\.?\s*|#\s*)?|Issue\s+)(?P<number>\d{{1,5}})(?:\s*[-–—:|,]?\s*(?:\(?{_DATE}\)?))?$",
    re.IGNORECASE,
)
# A list of other issues' stories beside an issue's own: it ends the issue's list.
OTHER_STORIES_HEADING_RE = re.compile(
    r"^(?:last\s+week(?:'s)?(?:\s+in)?(?:\s+bionews)?|previous\s+issues?|recent\s+issues|most\s+read(?:\s+this\s+week)?"
    r"|latest\s+(?:bionews|news|stories))\s*:?$",
    re.IGNORECASE,
)
# The legacy e-mail issue page's heading: "Issue 617 (25 July 2011)".
EMAIL_ISSUE_RE = re.compile(rf"^Issue\s+(?P<number>\d{{1,5}})\s*\(\s*(?P<date>{_DATE})\s*\)$", re.IGNORECASE)
# Progress issue page URLs: /newsletter_issue/bionews-743/
ISSUE_URL_RE = re.compile(r"/newsletter_issue/bionews-(?P<number>\d{1,5})/?$", re.IGNORECASE)

# Section headings that end an article body.
RELATED_HEADING_RE = re.compile(
    r"^(?:related(?:\s+(?:articles?|stories|story|posts?|news|content|reading|comments?|commentary|reviews?|podcasts?))?|more\s+(?:news|stories|on\s+this\s+(?:topic|story))"
    r"|(?:you\s+)?(?:may|might)\s+also\s+(?:like|be\s+interested\s+in)|see\s+also|further\s+reading|other\s+news\s+stories)\s*:?$",
    re.IGNORECASE,
)
ABOUT_AUTHOR_HEADING_RE = re.compile(r"^about\s+the\s+authors?\s*:?$", re.IGNORECASE)
SOURCES_HEADING_RE = re.compile(r"^(?:sources?\s*(?:and|&)\s*references?|sources?|references?)\s*:?$", re.IGNORECASE)
COMMENTS_HEADING_RE = re.compile(
    r"^(?:\d+\s+)?(?:comments?|leave\s+a\s+(?:comment|reply)|have\s+your\s+say|discussion)(?:\s*\(\d+\))?\s*:?$",
    re.IGNORECASE,
)

# Page kinds that are not records.
# "Page not found" and "404" say it outright; the weaker phrases could be a headline's,
# so they count only on a page with no date or byline under its heading.
NOT_FOUND_RE = re.compile(
    r"\b(?:page\s+(?:was\s+)?not\s+found|error\s+404|404\s+error|^404\b|404\s*[-:|])", re.IGNORECASE
)
NOT_FOUND_WEAK_RE = re.compile(
    r"\b(?:(?:could|can)(?:\s*not|n[o'’]t)\s+be\s+found|no\s+longer\s+(?:exists|available)|does\s*n[o'’]t\s+exist|nothing\s+(?:was\s+)?found)",
    re.IGNORECASE,
)
SEARCH_RE = re.compile(
    r"\b(?:search\s+results?|results?\s+for\b|you\s+searched\s+for|\d+\s+results?\s+found|no\s+results)", re.IGNORECASE
)
LISTING_RE = re.compile(
    r"\b(?:archive|back\s+issues|all\s+issues|past\s+issues|previous\s+issues|issues\s+of\s+bionews|newsletter\s+issues)\b",
    re.IGNORECASE,
)
# Lines only non-article pages print near their top: home pages and pagination open with
# these words; author listings say "articles written by" anywhere in the line.
NOT_ARTICLE_START_RE = re.compile(
    r"^(?:this\s+week\s+at\s+(?:the\s+)?progress\s+educational\s+trust\b|page\s+\d+\s+of\s+\d+(?:\s+(?:next|previous|prev)\b.*)?$"
    r"|send\s+this\s+(?:story|article|page)\s+to\s+a\s+friend|you\s+are\s+sending\s+the\s+following\s+(?:story|article)"
    r"|(?:bionews\s+)?articles\s+using\s+this\s+term\b)",  # a glossary entry's teasers
    re.IGNORECASE,
)
AUTHOR_LISTING_RE = re.compile(r"\barticles\s+written\s+by\b", re.IGNORECASE)
LISTING_LINE_MAX_LENGTH = 100
# Sign-offs and headings only statutory reports print ("By order of the Board: ...").
REPORT_LINE_RE = re.compile(
    r"^(?:by\s+order\s+of\s+the\s+board\b|independent\s+auditors?['’]?\s+report\b)", re.IGNORECASE
)
EVENT_HEADING_RE = re.compile(r"\bevents?\b|\bwebinar\b|\bconference\b|\bdebate\b|\bworkshop\b", re.IGNORECASE)
EVENT_CUE_RE = re.compile(
    r"\b(?:(?:book\s+(?:your|a|now)|register\s+(?:now|here|for)|booking|tickets?|venue|chaired\s+by|free\s+to\s+attend"
    r"|doors\s+open)\b|speakers?\s*:)",
    re.IGNORECASE,
)
# An event's own date line: "13 September 2016 - 6pm (registration), 6.30pm-8pm (discussion)".
EVENT_DATE_LINE_RE = re.compile(rf"^{_DATE}\s*[-–—,]\s*\d{{1,2}}(?:[.:]\d\d)?\s*(?:am|pm)\b", re.IGNORECASE)
EVENT_URL_RE = re.compile(r"/(?:events?|whats-on|webinars?)(?:/|_|-|$)", re.IGNORECASE)

# Titles carry the site name beside the headline: "BioNews - X", "X | PET".
TITLE_AFFIX_RE = re.compile(
    r"^\s*(?:BioNews|PET|Progress Educational Trust)\s*[-–—|:]\s*|\s*[-–—|:]\s*(?:BioNews|PET|Progress Educational Trust)\s*$",
    re.IGNORECASE,
)
# Words a site logo or masthead heading holds, never a headline.
SITE_NAMES = frozenset({"bionews", "pet", "progress educational trust", "the progress educational trust", "progress"})
# "By Jo Bloggs | 24 February 2014": byline first, then the date.
BYLINE_AND_DATE_RE = re.compile(rf"^(?P<byline>by\s+.+?)\s*[-–—|,·•]\s*(?P<date>{_DATE})$", re.IGNORECASE)
# A date somewhere inside a longer line ("Appeared in BioNews 743, 24 February 2014").
DATE_ANYWHERE_RE = re.compile(rf"\b(?P<date>{_DATE})\b", re.IGNORECASE)
# The text a line opens with, when it is a date ("17 June 2019 - by NAME The law on ...").
DATE_PREFIX_RE = re.compile(rf"^(?P<date>{_DATE})\b", re.IGNORECASE)


def read_byline(text: str) -> str | None:
    """The byline in a line that is only a byline (``"By Jo Bloggs"``), else ``None``."""
    if len(text) > BYLINE_MAX_LENGTH:
        return None
    match = BYLINE_RE.match(text)
    if not match:
        return None
    first_name = NAME_SEPARATOR_RE.split(match["names"].strip(), maxsplit=1)[0].strip(" .")
    return text if is_name(first_name) else None


def read_date_line(text: str) -> tuple[str, str | None] | None:
    """``(date text, byline or None)`` for a date line, with or without a byline on it."""
    if len(text) > BYLINE_MAX_LENGTH or not DIGIT_RE.search(text):
        return None  # every date has digits: most lines are settled without the three patterns
    match = DATE_LINE_RE.match(text)
    if match:
        return match["date"], None
    for pattern in (DATE_AND_BYLINE_RE, BYLINE_AND_DATE_RE):
        match = pattern.match(text)
        if match and read_byline(match["byline"]):
            return match["date"], match["byline"]
    return None


def read_issue_line(text: str) -> int | None:
    """The issue number in an ``Appeared in BioNews N`` line (BioNews 0 is the first edition)."""
    # A paragraph is prose, even when it quotes an issue line; most lines are settled by the
    # length or the substring test, where the pattern's leading \b makes re try every
    # position of the line (~12 us on a 1,000-character paragraph; this runs on every line).
    if len(text) > BYLINE_MAX_LENGTH or "appear" not in text.lower():
        return None
    match = ISSUE_LINE_RE.search(text)
    if not match:
        return None
    before = text[: match.start()].rstrip()
    if before and before[-1] in OPENING_QUOTES:
        return None  # "a line such as 'appears in BioNews 0' under a story": quoted, not printed
    return int(match["number"])


def read_meta_line(text: str) -> tuple[str, str | None, int | None] | None:
    """``(date text, section, issue)`` from a WordPress meta line, else ``None``."""
    if len(text) > BYLINE_MAX_LENGTH or not text[:9].lower().startswith("published"):
        return None
    match = META_LINE_RE.match(text)
    if not match:
        return None
    return match["date"], match["section"], int(match["number"]) if match["number"] else None


def read_meta_continuation(text: str) -> tuple[str | None, int | None] | None:
    """``posted in SECTION`` and/or ``and appears in BioNews N`` alone on a line -> ``(section,
    issue)``: the rest of a meta line printed over several lines; else ``None``."""
    if len(text) > BYLINE_MAX_LENGTH or not text[:6].lower().startswith(("posted", "and", "appear")):
        return None
    match = META_CONTINUATION_RE.match(text)
    if not match or not (match["section"] or match["number"]):
        return None
    return (match["section"].strip() if match["section"] else None), (int(match["number"]) if match["number"] else None)


def section_from_headline(headline: str) -> str | None:
    """``"Film Review: X"`` -> ``"Reviews"``, ``"Podcast: X"`` -> ``"Podcast"``; else ``None``."""
    return next((section for pattern, section in SECTION_PREFIXES if pattern.match(headline)), None)


def is_review_fact(text: str) -> bool:
    """``Directed by ...``, ``Available from ...``, ``Published by PUBLISHER``, a run (``At the
    Example Playhouse, London, until 7 March 2020``) or WordPress's facts flattened into a
    line ending in ``|``."""
    if len(text) > REVIEW_FACT_MAX_LENGTH:
        return False
    return bool(
        REVIEW_FACT_RE.match(text)
        or PUBLISHER_FACT_RE.match(text)
        or RUN_FACT_RE.match(text)
        or VENUE_FACT_RE.match(text)
        or text.endswith("|")
    )


def is_not_article_line(text: str) -> bool:
    """A line only non-articles print: ``This week at the Progress Educational Trust``,
    ``Page 1 of 3``, or ``Articles written by NAME`` as a label: short, not a sentence (prose
    may say those words)."""
    # The anchored pattern and the length test first: one unanchored case-blind pattern over
    # the three took ~9 us on a 300-character line of prose, and runs on the page's top lines.
    if NOT_ARTICLE_START_RE.match(text):
        return True
    is_label = len(text) <= LISTING_LINE_MAX_LENGTH and not text.endswith((".", "!", "?"))
    return is_label and AUTHOR_LISTING_RE.search(text) is not None


def read_issue_heading(text: str) -> int | None:
    """The issue number in a ``BioNews N`` heading."""
    match = ISSUE_HEADING_RE.match(text)
    return int(match["number"]) if match else None


def is_section_end(text: str) -> bool:
    """A heading that closes the article body: related, sources, comments, an author's bio."""
    return bool(
        RELATED_HEADING_RE.match(text)
        or SOURCES_HEADING_RE.match(text)
        or COMMENTS_HEADING_RE.match(text)
        or ABOUT_AUTHOR_HEADING_RE.match(text)
    )
