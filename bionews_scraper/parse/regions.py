"""Where things are on a page: its main heading and the span of lines that belong to it.

Layout landmarks are tried first; then metadata tells which visible line is the headline;
then the text cues (a heading followed by a date or issue line) find it on any markup.
"""

from __future__ import annotations

import re

from bs4 import Tag

from bionews_scraper.parse import cues
from bionews_scraper.parse.boilerplate import is_boilerplate
from bionews_scraper.parse.metadata import Metadata
from bionews_scraper.parse.normalise import normalise_text
from bionews_scraper.parse.page import Line, Page, in_element

# How far below a heading its date, byline or issue line may sit.
CUE_WINDOW = 6
# How far above a heading a date line may sit (drifted pages put it first).
DATE_ABOVE_WINDOW = 3
HEADLINE_MAX_LENGTH = 300
SIDEBAR_TAGS = ("aside", "nav")  # a headline is never printed in these
TITLE_CLASS_RE = re.compile(r"(?:^|[\s_-])(?:title|headline)(?:$|[\s_-])", re.IGNORECASE)
# The content span is the smallest ancestor of the heading holding this much prose.
SPAN_MIN_PROSE = 120
PROSE_LINE_MIN_LENGTH = 40


def headline_candidates(meta: Metadata) -> list[str]:
    """Headline texts machine metadata offers, strongest first, title affixes removed."""
    found = [meta.ld_headline, meta.og_title, title_headline(meta.title)]
    return [text for text in dict.fromkeys(found) if text]


def title_headline(title: str | None) -> str | None:
    """``"BioNews - X"`` or ``"X | PET"`` -> ``"X"``."""
    if not title:
        return None
    stripped = cues.TITLE_AFFIX_RE.sub("", title).strip()
    return stripped if stripped and stripped.lower() not in cues.SITE_NAMES else None


def same_text(a: str, b: str) -> bool:
    """Equal after case, whitespace, quotes and trailing punctuation are set aside."""
    return _key(a) == _key(b)


def _key(text: str) -> str:
    text = normalise_text(text).casefold().replace("’", "'").replace("‘", "'").replace("“", '"').replace("”", '"')
    return text.rstrip(" .!?:")


def find_main_heading(page: Page, meta: Metadata, landmark: Tag | None) -> Line | None:
    """The line holding the page's headline (article) or title (issue), or ``None``."""
    line = page.line_of(landmark)
    if line is not None and _could_be_headline(line):
        return line
    return (
        _heading_matching_metadata(page, meta)
        or _issue_heading_line(page)
        or _heading_before_cues(page)
        or _first_heading(page)
        or _line_before_date(page)
        or _line_classed_as_title(page)
    )


def _could_be_headline(line: Line, *, cued: bool = False) -> bool:
    """``cued``: a date or issue line sits under it, so furniture-like opening words
    ("Search for genes behind ...") do not rule it out."""
    text = line.text
    return (
        len(text) <= HEADLINE_MAX_LENGTH
        and text.lower() not in cues.SITE_NAMES
        and not is_boilerplate(text, by_start=not cued)
        and not cues.is_section_end(text)
        and cues.read_date_line(text) is None
    )


def _heading_matching_metadata(page: Page, meta: Metadata) -> Line | None:
    keys = {_key(text) for text in headline_candidates(meta)}
    if not keys:
        return None
    matches = [line for line in page.lines if len(line.text) <= HEADLINE_MAX_LENGTH and _key(line.text) in keys]
    headings = [line for line in matches if line.is_heading]
    return next(iter(headings or matches), None)


def _heading_before_cues(page: Page) -> Line | None:
    lines = page.lines
    for line in lines:
        if line.is_heading and cues.RELATED_HEADING_RE.match(line.text):
            return None  # past the article: headings below are teasers
        if not (line.is_heading and line.tag in ("h1", "h2", "h3") and _could_be_headline(line, cued=True)):
            continue
        if in_element(line, SIDEBAR_TAGS):
            continue  # "Latest BioNews" over a widget's dated teasers
        window = lines[line.index + 1 : line.index + 1 + CUE_WINDOW]
        if any(_is_meta_cue(other.text) for other in window):
            return line
    return None


def _is_meta_cue(text: str) -> bool:
    return bool(cues.read_date_line(text) or cues.read_issue_line(text) or cues.read_issue_heading(text) is not None)


def _first_heading(page: Page) -> Line | None:
    for level in ("h1", "h2"):
        for line in page.lines:
            if line.tag == level and line.furniture is None and _could_be_headline(line):
                return line
    return None


def _issue_heading_line(page: Page) -> Line | None:
    """An issue's number and date printed as plain text (``<span>BioNews 1003</span>
    <span>24 June 2019</span>``), outside the page's furniture and no link (a list of past
    issues links each one)."""
    return next(
        (
            line
            for line in page.lines
            if line.furniture is None and not line.links and cues.read_issue_heading(line.text) is not None
        ),
        None,
    )


def _line_classed_as_title(page: Page) -> Line | None:
    """No heading element: a line its theme's class names a title (``<div class="article-title">
    <strong>...``), outside the furniture, with a date line under it."""
    for line in page.lines:
        classes = line.element.get("class")
        if line.furniture is not None or not isinstance(classes, str) or not TITLE_CLASS_RE.search(classes):
            continue
        window = page.lines[line.index + 1 : line.index + 1 + CUE_WINDOW]
        if _could_be_headline(line) and any(cues.read_date_line(other.text) for other in window):
            return line
    return None


def _line_before_date(page: Page) -> Line | None:
    """No heading at all (old table layouts bold the headline): the short line just above
    the first date line, when a byline or issue line follows that date."""
    lines = page.lines
    for line in lines:
        if cues.read_date_line(line.text) is None or line.index == 0:
            continue
        window = lines[line.index + 1 : line.index + 1 + CUE_WINDOW]
        if not any(cues.read_issue_line(other.text) or cues.read_byline(other.text) for other in window):
            return None
        candidate = lines[line.index - 1]
        usable = _could_be_headline(candidate) and not candidate.text.endswith((".", "?", "!")) and not candidate.links
        return candidate if usable and candidate.furniture is None else None
    return None


def content_span(page: Page, anchor: Line) -> tuple[int, int]:
    """Lines [start, end) of the smallest element around ``anchor`` that holds prose."""
    prose, counted = 0, anchor.index + 1  # prose characters in lines anchor+1 .. counted-1
    for ancestor in (anchor.element, *anchor.element.parents):
        if not isinstance(ancestor, Tag) or ancestor.name == "[document]":
            break
        start, end = page.span_of(ancestor)
        for line in page.lines[counted:end]:  # spans only grow as we go up: count each line once
            prose += len(line.text) if _is_prose(page, line, anchor) else 0
            if prose >= SPAN_MIN_PROSE:
                return start, end  # enough: the lines after it need no test
        counted = max(counted, end)
    return 0, len(page.lines)


def _is_prose(page: Page, line: Line, anchor: Line) -> bool:
    text = line.text
    return (
        len(text) >= PROSE_LINE_MIN_LENGTH
        and not _is_meta_cue(text)
        and cues.read_byline(text) is None
        and not is_boilerplate(text)
        and not page.is_foreign_furniture(line, anchor)
    )
