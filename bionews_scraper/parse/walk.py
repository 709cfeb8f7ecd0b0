"""One pass down an article's lines: every cue line is kept aside, what is left is body.

Cues are tried strongest first on each line: the WordPress meta line (date, section, issue),
a date line, an issue line, a byline, an ``Authors`` heading and the names under it, image
licences and the captions above them, review facts. An affiliation is what is left under a
byline after every cue has been tried; it may name a co-author.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from bs4 import Tag

from bionews_scraper.parse import cues, names
from bionews_scraper.parse.boilerplate import ends_body, is_boilerplate
from bionews_scraper.parse.captions import (
    NOT_PROSE_TAGS,
    SENTENCE_ENDS_WITH_APOSTROPHE,
    TABLE_CELL_TAGS,
    drop_captions,
    is_caption,
)
from bionews_scraper.parse.page import Line, Page
from bionews_scraper.parse.regions import CUE_WINDOW, DATE_ABOVE_WINDOW, same_text
from bionews_scraper.parse.teasers import headline_link, is_inline_teaser, under_headline_link

AFFILIATION_MAX_LENGTH = 150
LINK_LINE_MAX_LENGTH = 100
LINK_LINE_SHARE = 0.9
LINK_SEPARATORS_RE = re.compile(r"[\s|·•/]+")
# The reviewed work's title sits at most this many lines above a fact line ("Available from").
REVIEW_FACTS_WINDOW = 2
# A sidebar event advert's title above its date line: at most this many short lines.
EVENT_ADVERT_TITLE_LINES = 2
EVENT_ADVERT_TITLE_MAX_LENGTH = 100
# A review's facts box, by its theme's class ("review-facts", "film_facts").
FACTS_CLASS_RE = re.compile(r"(?:^|[\s_-])facts(?:$|[\s_-])", re.IGNORECASE)
# A meta line printed across blocks opens with one of these alone, in at most this many pieces.
META_LINE_OPENERS = frozenset({"published", "published on", "posted", "posted on"})
META_LINE_PIECES = 8


@dataclass(slots=True)
class ArticleLines:
    """What the walk down an article's lines found: cue lines and body lines."""

    date: str | None = None
    byline: str | None = None
    issue: Line | None = None
    section: str | None = None
    named: list[str] = field(default_factory=list)  # names under an "Authors" heading
    coauthors: list[str] = field(default_factory=list)  # names inside an affiliation line
    body: list[Line] = field(default_factory=list)
    end: int = 0  # index of the first line after the body
    date_above: tuple[str, str | None] | None = None  # a date line (and byline) above the headline


@dataclass(slots=True)
class _State:
    under_byline: bool = False  # the next plain short line may be an affiliation
    in_authors: bool = False  # between an "Authors" heading and the first prose
    after_name: bool = False  # the line before was a name under that heading
    authors_tag: str = ""  # the element of the "Authors" heading ("h3")
    captions: set[str] = field(default_factory=set)  # caption texts skipped: a second copy is no body either
    resume: int = 0  # the first line after a meta line printed across several blocks
    in_event_advert: bool = False  # an event advert's date line has been met above the article's cues


def walk_article(page: Page, anchor: Line | None, start: int, end: int) -> ArticleLines:
    """The cue lines and body lines of the article whose headline is ``anchor``, in [start, end)."""
    found = ArticleLines(end=end)
    above = _read_above(page, anchor, start, found) if anchor is not None else None
    state = _State()
    for line in page.lines[anchor.index + 1 if anchor else start : end]:
        text = line.text
        if line.index < state.resume:
            continue  # a piece of the meta line read above
        if ends_body(text) or ((line.is_heading or len(text) < 40) and cues.is_section_end(text)):
            found.end = line.index
            break  # wherever they sit, comments, sources and related lists close the body
        if page.is_foreign_furniture(line, anchor):
            if not found.body and page.in_article_aside(line, anchor):
                _read_author_lines(line, found, state)  # an Authors box in the article's aside; nothing else
            elif _is_share_box_issue(text):
                found.issue = found.issue or line  # the share box under the cues: "Page URL: ... Appeared in BioNews N"
            continue
        if (dated := cues.read_date_line(text)) and found.body and under_headline_link(page.lines, line):
            found.end = _end_before_teaser_headline(found.body, line.index)
            break  # a dated line under a headline link, below the body, starts the related list
        if found.body and is_inline_teaser(line):
            found.end = line.index
            break  # so does a whole teaser on one line (link, date, byline, teaser)
        if line.tag in NOT_PROSE_TAGS:
            state.captions.add(text)  # never a cue either (under an Authors box it is no role line)
            continue
        if _is_event_advert(line, found, state):
            continue
        if not found.body and (across := _meta_line_across_blocks(page.lines[line.index : end])) is not None:
            _read_meta_line(across[0], found)
            state.resume = line.index + across[1]
            continue
        if _read_cue(line, found, state, dated):
            continue
        if is_boilerplate(text) or _is_link_furniture(line) or cues.UPDATED_LINE_RE.match(text):
            continue
        if is_caption(line) or text in state.captions:
            state.captions.add(text)  # themes may print a caption twice, once as plain text
            continue
        if line.is_heading and anchor is not None and same_text(text, anchor.text):
            continue
        if cues.LICENCE_RE.match(text):
            drop_captions(found.body, line.index)
            continue
        if cues.is_review_fact(text) or _in_facts_box(line):
            _drop_work_title(found.body, line.index)
            continue
        if _repeats_line_above(found.body, line):
            continue  # a caption printed twice
        found.body.append(line)
    found.date_above = above
    return found


def _read_above(page: Page, anchor: Line, start: int, found: ArticleLines) -> tuple[str, str | None] | None:
    """bionews2018 may print the issue in its share box above the headline (``Page URL:
    Appeared in BioNews 935``); drifted pages print the date there, returned (with its byline):
    it is the weakest date cue, since an event advert may stand there too. Furniture is skipped."""
    for line in page.lines[max(0, anchor.index - CUE_WINDOW) : anchor.index]:
        if _is_share_box_issue(line.text):
            found.issue = line
    above = None
    for line in page.lines[max(start, anchor.index - DATE_ABOVE_WINDOW) : anchor.index]:
        if page.is_foreign_furniture(line, anchor):
            continue
        if cues.read_meta_line(line.text) is not None:
            _read_meta_line(line, found)  # themes that print the meta line over the headline
        elif dated := cues.read_date_line(line.text):
            above = dated
    return above


def _is_share_box_issue(text: str) -> bool:
    return text.lower().startswith(("page url", "appeared")) and cues.read_issue_line(text) is not None


def _read_cue(line: Line, found: ArticleLines, state: _State, dated: tuple[str, str | None] | None) -> bool:
    """Take ``line`` aside when it is a cue line (or under one); ``True`` when it was."""
    if found.body:  # below the first prose, only a late issue line or byline is still a cue
        return _read_late_cue(line, found)
    if _read_meta_line(line, found):
        return True
    if dated:
        if found.date is None:
            found.date, found.byline = dated[0], found.byline or dated[1]
        state.under_byline = dated[1] is not None
        return True
    if _read_late_cue(line, found):
        state.under_byline = found.byline is not None and cues.read_byline(line.text) is not None
        return True
    if _read_author_lines(line, found, state):
        return True
    if found.date is not None and (name := _linked_name_over_role(line)) is not None:
        found.named.append(name)  # an Authors box whose label is hidden: "<a>NAME</a> ROLE" lines
        return True
    under_byline, state.under_byline = state.under_byline, False
    if under_byline and _is_affiliation(line) and not cues.is_review_fact(line.text):
        found.coauthors += names.affiliation_names(line.text)  # what is left under a byline
        return True
    return False


def _read_meta_line(line: Line, found: ArticleLines) -> bool:
    """WordPress: ``Published DATE posted in SECTION and appears in BioNews N``."""
    meta = cues.read_meta_line(line.text)
    if meta is None:  # the rest of a meta line under its date, or one printed with no date at all
        undated = line.text[:9].lower().startswith("posted in")
        return (found.date is not None or undated) and _read_meta_continuation(line, found)
    found.date = found.date or meta[0]
    found.section = found.section or (meta[1].strip() if meta[1] else None)
    if meta[2] is not None:
        found.issue = found.issue or line
    return True


def _is_event_advert(line: Line, found: ArticleLines, state: _State) -> bool:
    """A sidebar's event advert printed between the headline and the article's own cues in a
    table layout: its title, its date with a time (``18 March 2014 - 6.30pm``), its speakers.
    Met before the article's date, the advert's title read as body so far is dropped."""
    text = line.text
    if found.date is not None:
        return False
    advert_title = len(found.body) <= EVENT_ADVERT_TITLE_LINES and all(
        len(title.text) <= EVENT_ADVERT_TITLE_MAX_LENGTH for title in found.body
    )
    if advert_title and cues.EVENT_DATE_LINE_RE.match(text):
        found.body.clear()
        state.in_event_advert = True
        return True
    # "Speakers: ...", "Book your place" under the advert's date line
    return state.in_event_advert and not found.body and cues.EVENT_CUE_RE.search(text) is not None


def _meta_line_across_blocks(lines: list[Line]) -> tuple[Line, int] | None:
    """Block themes print the meta line as a row of blocks, one line each: ``Published`` /
    ``4 March 2024`` / ``posted in`` / ``Elsewhere`` / ``and appears in`` / ``BioNews 1235``.
    ``(the meta line as one line, its links kept; how many lines it took)``, reading pieces
    from ``lines[0]`` until the issue closes it (or the last run that still reads as a meta
    line); ``None`` when ``lines[0]`` opens no such run."""
    if not lines or lines[0].text.lower().rstrip(":") not in META_LINE_OPENERS:
        return None
    best = None
    for count in range(2, min(len(lines), META_LINE_PIECES) + 1):
        text = " ".join(piece.text for piece in lines[:count])
        if (meta := cues.read_meta_line(text)) is not None:
            best = (text, count)
            if meta[2] is not None:
                break  # "... and appears in BioNews 1235": the meta line is over
    if best is None:
        return None
    text, count = best
    first = lines[0]
    links = [link for piece in lines[:count] for link in piece.links]
    return Line(first.index, text, first.element, first.paragraph, first.furniture, first.position, links), count


def _read_meta_continuation(line: Line, found: ArticleLines) -> bool:
    """``posted in SECTION`` / ``and appears in BioNews N`` on lines of their own, under
    ``Published DATE``: themes that break the meta line with ``<br>`` or list items."""
    rest = cues.read_meta_continuation(line.text)
    if rest is None:
        return False
    found.section = found.section or rest[0]
    if rest[1] is not None:
        found.issue = found.issue or line
    return True


def _read_author_lines(line: Line, found: ArticleLines, state: _State) -> bool:
    """WordPress: an ``Author``/``Authors`` heading, then one name per line, each maybe
    followed by one role line (``Director, PET``)."""
    text = line.text
    if cues.AUTHORS_HEADING_RE.match(text):
        state.in_authors, state.after_name, state.under_byline = True, False, False
        state.authors_tag = line.tag
        return True
    if not state.in_authors:
        return False
    name = _linked_name(line)
    if _may_be_name(line, state) and len(line.links) <= 1 and len(name.split()) >= 2 and names.is_author_name(name):
        found.named.append(name)
        state.after_name = True
        return True
    if state.after_name and _is_affiliation(line) and not cues.LICENCE_RE.match(text):
        state.after_name = False
        return True  # the role line under a name
    state.in_authors = state.after_name = False
    return False


def _linked_name(line: Line) -> str:
    """An author box's line: its text, or, when it opens with a link and goes on, the link's
    text (``<a>NAME</a><span>ROLE</span>``, which the theme's style puts on two lines)."""
    return _opening_link_name(line) or line.text


def _linked_name_over_role(line: Line) -> str | None:
    """Under the date, before the text: a line that opens with a link to a person's name and
    goes on with their role (``<a>Dr Tomasz Wieczorek</a> Research Fellow, University of
    Leeds``), as author boxes print it; the name, else ``None``."""
    if not _is_affiliation(line) or not (name := _opening_link_name(line)) or len(name.split()) < 2:
        return None
    return name if line.text[len(name) :].strip(" ,–—-|") else None


def _opening_link_name(line: Line) -> str | None:
    """The text of the line's one link, when the line opens with it and it is an author's name."""
    link = line.links[0] if len(line.links) == 1 else None
    if link and link.text and line.text.startswith(link.text) and names.is_author_name(link.text):
        return link.text
    return None


def _may_be_name(line: Line, state: _State) -> bool:
    """Names under ``Authors`` are plain lines, or headings of a lower rank than it (an
    ``<h4>`` per name under an ``<h3>``); a heading of its rank or above is the body's."""
    if not line.is_heading:
        return True
    return state.authors_tag.startswith("h") and line.tag > state.authors_tag


def _read_late_cue(line: Line, found: ArticleLines) -> bool:
    text = line.text
    if cues.read_issue_line(text) is not None:
        found.issue = found.issue or line
        if found.date is None and (inline := cues.DATE_ANYWHERE_RE.search(text)):
            found.date = inline["date"]
        return True
    if (byline := cues.read_byline(text)) is not None:
        found.byline = found.byline or byline
        return True
    return False


def _end_before_teaser_headline(body: list[Line], dated_index: int) -> int:
    """Drop the related list's first headline link, read as body before its date line; the
    body ends after its last prose line (link lines between it and the date are the list's)."""
    while body and body[-1].index >= dated_index - 2 and headline_link(body[-1]) is not None:
        body.pop()
    return body[-1].index + 1 if body else dated_index


def _drop_work_title(body: list[Line], fact_index: int) -> None:
    """A review's fact lines follow the reviewed work's title, maybe with the book's own
    ``By AUTHOR`` line (taken aside as a byline) between them: not body either."""
    while body and body[-1].index >= fact_index - REVIEW_FACTS_WINDOW and _is_affiliation(body[-1]):
        body.pop()


def _in_facts_box(line: Line) -> bool:
    """A short line in a review's facts box (``<div class="review-facts">``): the work's title,
    who made or organised it, where and when; whatever its words."""
    if len(line.text) > cues.REVIEW_FACT_MAX_LENGTH:
        return False
    element = line.element
    return _is_facts_box(element) or element.find_parent(_is_facts_box) is not None


def _is_facts_box(element: Tag) -> bool:
    classes = element.get("class")
    return isinstance(classes, str) and FACTS_CLASS_RE.search(classes) is not None


def _repeats_line_above(body: list[Line], line: Line) -> bool:
    """``line`` says again what the body line right above it says; table cells may well
    (``Students | < 10% | < 10%``)."""
    above = body[-1] if body else None
    return (
        above is not None
        and above.text == line.text
        and above.index == line.index - 1
        and not (line.tag in TABLE_CELL_TAGS and above.tag in TABLE_CELL_TAGS)
    )


def _is_link_furniture(line: Line) -> bool:
    """A short line that is nothing but links (share buttons, "sign up" calls): not prose.
    The spaces and bars between links do not count ("Twitter Facebook Email Print")."""
    text = line.text
    if len(text) > LINK_LINE_MAX_LENGTH or text.endswith(SENTENCE_ENDS_WITH_APOSTROPHE) or not line.links:
        return False
    if line.link_text_share >= LINK_LINE_SHARE:
        return True  # most link lines; the spaces only matter just under the threshold
    linked = sum(len(LINK_SEPARATORS_RE.sub("", link.text)) for link in line.links)
    return linked >= LINK_LINE_SHARE * len(LINK_SEPARATORS_RE.sub("", text))


def _is_affiliation(line: Line) -> bool:
    """A role line under a byline or name: short, not a sentence, not a heading."""
    text = line.text
    return (
        len(text) <= AFFILIATION_MAX_LENGTH and not text.endswith(SENTENCE_ENDS_WITH_APOSTROPHE) and not line.is_heading
    )
