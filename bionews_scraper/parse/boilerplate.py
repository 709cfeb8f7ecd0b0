"""Phrases that are never part of an article body, in any layout.

Matched on lower-cased, whitespace-collapsed text. The phrases come from docs/site-layouts.md:
they have stayed the same through every redesign, so they outlive class names.
"""

from __future__ import annotations

import re

# A line holding one of these phrases is boilerplate (sign-up, search, social, comments,
# reuse notes, sidebars): each is distinctive enough never to occur in news prose.
BOILERPLATE_PHRASES: tuple[str, ...] = (
    "subscribe to the bionews newsletter",
    "sign up to bionews",
    "sign up for bionews",
    "sign up to the bionews",
    "advanced search",
    "like the progress educational trust on facebook",
    "be the first to have your say",
    "you need to login or register to add comments",
    "you need to log in or register to add comments",
    "by posting a comment you agree",
    "enquire about using this story",
    "good fundraising code",
    "published by the progress educational trust",
    "become a friend of pet",
    "this website uses cookies",
    "we use cookies",
    "to change your e-mail address",  # the e-mail edition's footer
    "to unsubscribe",  # the e-mail edition's footer ("To unsubscribe from BioNews ...", "To unsubscribe please ...")
    "registered charity no",  # the footer's address line ("..., London · Registered charity no. 1099999 · ©")
    "this article was printed from",  # print views: "This article was printed from URL on DATE."
    "printed from bionews",
    "letters may be edited",  # the letters page's editor's note
    "bionews in your inbox",  # a sign-up box inside the content ("Get BioNews in your inbox every Monday.")
    "receives a small commission",  # a bookshop link under a review
)
# Short lines that start these ways are furniture; in prose these words are ordinary.
BOILERPLATE_STARTS: tuple[str, ...] = (
    "search for",
    "search this site",
    "search bionews",
    "page url:",
    "share this",
    "share on",
    "share:",
    "share via",
    "follow us",
    "follow pet",
    "book now",
    "book your place",
    "register now",
    "view all events",
    "registered charity",
    "all rights reserved",
    "copyright",
    "©",
    "skip to",
    "donate",
    "support pet",
    "back to",
    "listen on",  # a podcast player's links ("Listen on Apple Podcasts | Spotify | RSS")
    "listen via",
    "return to",
    "print this",
    "email this",
    "login",
    "log in",
)
BOILERPLATE_START_MAX_LENGTH = 120
# Lines that are boilerplate only when they are the whole line.
BOILERPLATE_LINES: frozenset[str] = frozenset(
    {
        "share",
        "tweet",
        "print",
        "email",
        "e-mail",
        "facebook",
        "twitter",
        "linkedin",
        "search",
        "menu",
        "home",
        "login",
        "log in",
        "register",
        "back to top",
        "top",
        "read more",
        "more",
        "next",
        "previous",
        "comments",
        "reply",
        "close",
        "go",
        "submit",
        "subscribe",
        "unsubscribe",
        "donate",
        "news",
        "bionews",
        "events",
        "about us",
        "contact us",
        "|",
        "sign up",
        "advertisement",
        "table of contents",  # a contents plugin's title over the body
        "contents",
        "notes",  # a footnotes plugin's title under it
    }
)
# Lines that start these ways are labels for metadata lists, not prose.
# Whole words only: "Donate" is furniture, "Donated eggs help older women conceive" is not.
BOILERPLATE_START_RE = re.compile(
    "^(?:"
    + "|".join(re.escape(start) + (r"(?!\w)" if start[-1].isalnum() else "") for start in BOILERPLATE_STARTS)
    + ")"
)
# Theme labels beside the meta line: "Reading time: 4 minutes", "4 min read", and a theme's
# own post-meta line ending in its comment count ("by NAME | Mar 20, 2023 | Reviews | 0 comments").
READING_TIME_RE = re.compile(
    r"^(?:reading\s+time\s*:?\s*(?:about\s+)?\d+\s*min(?:ute)?s?\b|(?:about\s+)?\d+\s*min(?:ute)?s?\s+read\b)",
    re.IGNORECASE,
)
COMMENT_COUNT_RE = re.compile(r"\|\s*(?:\d+|no)\s+comments?$", re.IGNORECASE)
BOILERPLATE_PREFIX_RE = re.compile(r"^(?:tags?|filed\s+under|categor(?:y|ies)|keywords?|topics?)\s*:", re.IGNORECASE)
# A boilerplate phrase inside a long paragraph of prose is quoted prose, not boilerplate.
BOILERPLATE_MAX_LENGTH = 400
# Comment widgets and reuse notes end an article's body wherever they appear.
BODY_END_PHRASES: tuple[str, ...] = (
    "be the first to have your say",
    "you need to login or register to add comments",
    "you need to log in or register to add comments",
    "by posting a comment you agree",
    "click here to enquire about using this story",
    "leave a reply",
    "leave a comment",
)


def is_boilerplate(text: str, *, by_start: bool = True) -> bool:
    """True when a line of visible text is site furniture, not article prose. With
    ``by_start=False`` the opening words alone ("Search for", "Back to") do not decide: a
    heading with a date or issue line under it may well begin that way."""
    lowered = text.lower().strip(" .:!|»›>")
    if not lowered or lowered in BOILERPLATE_LINES or BOILERPLATE_PREFIX_RE.match(lowered):
        return True
    if len(lowered) > BOILERPLATE_MAX_LENGTH:
        return False
    if len(lowered) <= BOILERPLATE_START_MAX_LENGTH and (
        READING_TIME_RE.match(lowered) or COMMENT_COUNT_RE.search(lowered)
    ):
        return True
    if (
        by_start
        and len(lowered) <= BOILERPLATE_START_MAX_LENGTH
        and lowered.startswith(BOILERPLATE_STARTS)  # cheap; the regex then checks the word ends
        and BOILERPLATE_START_RE.match(lowered)
    ):
        return True
    return _holds_any(lowered, BOILERPLATE_PHRASES)


def ends_body(text: str) -> bool:
    """True when a line is a comment widget or reuse note: the article is over."""
    return len(text) <= BOILERPLATE_MAX_LENGTH and _holds_any(text.lower(), BODY_END_PHRASES)


def _holds_any(text: str, phrases: tuple[str, ...]) -> bool:
    """One substring test per phrase: ~2.5 us on a 300-character line, where one regex of the
    phrases as alternatives takes ~5.5 us (re tries every alternative at every position)."""
    return any(phrase in text for phrase in phrases)
