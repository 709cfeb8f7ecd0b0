"""Lists of story teasers: an article's related stories and an issue page's contents.

Both are a run of entries, each a headline link, then an optional ``DATE - by NAME`` or
``by NAME`` line, then a teaser. Entries are read from lines, so lists, divs and tables
give the same result.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field

from bionews_scraper.parse import cues, names
from bionews_scraper.parse.boilerplate import ends_body, is_boilerplate
from bionews_scraper.parse.normalise import normalise_url, parse_date
from bionews_scraper.parse.page import Line, Link

# Links to files, not story pages ("Download this issue as a PDF").
NON_PAGE_URL_RE = re.compile(
    r"\.(?:pdf|jpe?g|png|gif|svg|docx?|xlsx?|pptx?|zip|mp3|mp4)(?:$|\?)|/wp-content/uploads/", re.IGNORECASE
)
# Links between issues ("« BioNews 1019", "Next issue"): navigation, never a story.
NAV_LINK_RE = re.compile(
    r"^\W*(?:BioNews\s*(?:issue\s*)?\d{1,5}|(?:previous|next|older|newer|latest|this)\s+(?:issue|newsletter|edition)s?"
    r"(?:\W*BioNews\s*\d{1,5})?)\W*$",
    re.IGNORECASE,
)
# A teaser's "... [Read More]" link label is not its text (the "..." is).
READ_MORE_RE = re.compile(r"\s*\[?\s*read\s+more\s*\]?\s*$", re.IGNORECASE)
# A line is a headline link when link text covers this much of it.
HEADLINE_LINK_SHARE = 0.6
# ... or, when the line starts with the link, this much (the rest is "by NAME" or a date).
LEADING_LINK_SHARE = 0.3
HEADLINE_MIN_WORDS = 2
# ... and a line of several headlines side by side is all link text.
ROW_LINK_SHARE = 0.95


@dataclass(slots=True)
class Teaser:
    headline: str
    url: str
    published: str | None = None
    authors: list[str] = field(default_factory=list)
    teaser: str | None = None
    teaser_paragraph: int | None = None


def read_teasers(
    lines: Iterable[Line], base_url: str, *, skip_urls: set[str], stop_at_plain_heading: bool
) -> list[Teaser]:
    """Entries from ``lines`` until the list ends; links to ``skip_urls`` are ignored. With
    ``stop_at_plain_heading`` (an article's related list) a heading that is no headline link,
    a comments or a sources heading ends the list; an issue page's list runs on under its
    section headings."""
    entries: list[Teaser] = []
    seen = set(skip_urls)
    for line in lines:
        if ends_body(line.text) or (line.is_heading and cues.OTHER_STORIES_HEADING_RE.match(line.text)):
            break  # ... or "Last week in BioNews", "Most read": other issues' stories
        if stop_at_plain_heading and (
            cues.COMMENTS_HEADING_RE.match(line.text) or cues.SOURCES_HEADING_RE.match(line.text)
        ):
            break  # below an article; on an issue page "Comment" heads the comment pieces
        if row := _headline_row(line):
            for story in row:  # thumbnails side by side, their titles run into one line
                url = normalise_url(story.href, base_url)
                if url and url not in seen and not NON_PAGE_URL_RE.search(url):
                    seen.add(url)
                    entries.append(Teaser(headline=story.text, url=url))
            continue
        link = headline_link(line)
        url = normalise_url(link.href, base_url) if link else None
        if link and url and not NON_PAGE_URL_RE.search(url):
            if url not in seen:
                seen.add(url)
                entries.append(Teaser(headline=link.text, url=url))
                _read_entry_text(
                    entries[-1],
                    line,
                    line.text[len(link.text) :].strip(" -–—|:") if line.text.startswith(link.text) else "",
                )
            continue
        if cues.RELATED_HEADING_RE.match(line.text):
            continue  # a second list ("Related Comment" under "Related Articles") goes on with the first
        if stop_at_plain_heading and line.is_heading and entries:
            break
        if line.link_text_share >= HEADLINE_LINK_SHARE and any(NAV_LINK_RE.search(link.text) for link in line.links):
            continue  # "« BioNews 1019 | BioNews 1021 »": between issues, not part of an entry
        if entries and not is_boilerplate(line.text):
            _read_entry_text(entries[-1], line, line.text)
    return entries


def _headline_row(line: Line) -> list[Link]:
    """The links of a line made of nothing but two or more story headlines (related-post
    thumbnails printed side by side); empty for any other line."""
    links = line.links
    if len(links) < 2 or line.link_text_share < ROW_LINK_SHARE:
        return []
    headlines = [link for link in links if len(link.text.split()) >= HEADLINE_MIN_WORDS]
    if len(headlines) < 2 or any(NAV_LINK_RE.search(link.text) or is_boilerplate(link.text) for link in headlines):
        return []
    return headlines


def headline_link(line: Line) -> Link | None:
    """The link a line is made of, when it looks like a story headline."""
    if not line.links:
        return None
    link = max(line.links, key=lambda candidate: len(candidate.text))
    leads = line.text.startswith(link.text) and (
        len(link.text) >= LEADING_LINK_SHARE * len(line.text) or _date_follows(line.text, link.text)
    )
    if line.link_text_share < HEADLINE_LINK_SHARE and not leads:  # "<a>Title</a> by A and B" leads
        return None
    # A story may well begin "Search for ..." or "Back to ...": only whole furniture phrases rule a link out.
    if len(link.text.split()) < HEADLINE_MIN_WORDS or is_boilerplate(link.text, by_start=False):
        return None
    if NAV_LINK_RE.search(link.text) or cues.read_date_line(link.text):
        return None
    return link


def is_inline_teaser(line: Line) -> bool:
    """A whole teaser on one line: a headline link, then its date (``TITLE 17 June 2019 - by
    NAME The law on ...``), as inline markup prints it."""
    link = headline_link(line)
    return link is not None and line.text.startswith(link.text) and _date_follows(line.text, link.text)


def _date_follows(text: str, link_text: str) -> bool:
    """The date right after the link (a source's citation, ``TITLE | Journal | DATE``, is no teaser)."""
    return cues.DATE_PREFIX_RE.match(text[len(link_text) :].lstrip()) is not None


def under_headline_link(lines: list[Line], line: Line) -> bool:
    """True for a line just under a headline link: where a teaser prints its date, meta or
    issue line. An article's own cue lines sit under its date or byline; a date under prose
    (a timeline's sub-heading, "22 March 1999") is body."""
    return any(headline_link(other) is not None for other in lines[max(0, line.index - 2) : line.index])


def _read_entry_text(entry: Teaser, line: Line, text: str) -> None:
    if not text:
        return
    dated = cues.read_date_line(text)
    if dated and entry.published is None:
        entry.published = parse_date(dated[0])
        entry.authors = entry.authors or names.byline_names(dated[1])
        return
    byline = cues.read_byline(text)
    if byline and not entry.authors:
        entry.authors = names.byline_names(byline)
        return
    if "more" in text.lower():  # the pattern, anchored at the end, costs ~18 us on a long teaser
        text = READ_MORE_RE.sub("", text)
    if not text:
        return
    if entry.teaser is None:
        entry.teaser, entry.teaser_paragraph = text, line.paragraph
    elif entry.teaser_paragraph == line.paragraph:
        entry.teaser = f"{entry.teaser} {text}"
