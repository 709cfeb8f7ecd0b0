"""Image captions and credits: printed in the article, never its text.

A caption element, a line labelled as a credit (``Image: ...``), a theme's caption class,
a short line beside an image in the same wrapper, a small cell in the table row under a
floated image, and the caption lines just above an image's licence line.
"""

from __future__ import annotations

import re

from bs4 import Tag

from bionews_scraper.parse.cues import SENTENCE_ENDS
from bionews_scraper.parse.page import Line

# Captions are short; a caption above a licence line sits at most this many lines above it.
CAPTION_MAX_LENGTH = 200
CAPTION_WINDOW = 3
# Image captions and credits sit in the article but are not its text.
NOT_PROSE_TAGS = frozenset({"figcaption", "caption"})
# ... and so is a short line labelled as an image's credit.
CAPTION_LABEL_RE = re.compile(r"^(?:image|photo|photograph|picture|illustration)\s*(?:credit)?\s*:", re.IGNORECASE)
# ... and so is a short line printed beside an image in the same wrapper (a caption in a <p>).
IMAGE_TAGS = frozenset({"img", "picture", "amp-img"})
TABLE_CELL_TAGS = frozenset({"td", "th"})
CLASS_WORD_SEPARATORS_RE = re.compile(r"[\s_-]+")
# A short line (caption, link, affiliation) ending in a straight apostrophe reads as a sentence too.
SENTENCE_ENDS_WITH_APOSTROPHE = (*SENTENCE_ENDS, "'")


def is_caption(line: Line) -> bool:
    """A short line labelled as an image's credit, or one (not a sentence) whose wrapper holds
    an image right beside it: ``<div><img><p class="caption">...</p></div>``. (Caption
    elements never get here: the walk sets them aside first.)"""
    if len(line.text) > CAPTION_MAX_LENGTH:
        return False
    if CAPTION_LABEL_RE.match(line.text) or _has_caption_class(line.element):
        return True  # "Image: a still from the film, courtesy of the distributor", <div class="caption">
    if line.text.endswith(SENTENCE_ENDS_WITH_APOSTROPHE):
        return False
    element = line.element
    if any(_adjacent_tag_name(element, side) in IMAGE_TAGS for side in ("previous_sibling", "next_sibling")):
        return True
    return _beside_image_row(element)


def _has_caption_class(element: Tag) -> bool:
    """``<div class="caption">``, ``<p class="wp-caption-text">``: a caption by its theme's word."""
    classes = element.get("class")
    return isinstance(classes, str) and "caption" in CLASS_WORD_SEPARATORS_RE.split(classes.lower())


def _beside_image_row(element: Tag) -> bool:
    """A small table cell in the row under (or over) a row holding an image: legacy pages float
    a picture in a table with its caption in the next row. (A layout table's cell holds much
    more than a caption.)"""
    row = element.parent
    if element.name not in TABLE_CELL_TAGS or len(element.contents) > 2 or row is None or row.name != "tr":
        return False
    neighbours = (row.find_previous_sibling("tr"), row.find_next_sibling("tr"))
    return any(other is not None and other.find(IMAGE_TAGS) is not None for other in neighbours)


def _adjacent_tag_name(element: Tag, side: str) -> str | None:
    """The name of the element right beside ``element`` (whitespace between allowed)."""
    node = getattr(element, side)
    while node is not None and not isinstance(node, Tag):
        if not node.isspace():
            return None  # text between them: not beside it
        node = getattr(node, side)
    return node.name if node is not None else None


def drop_captions(body: list[Line], licence_index: int) -> None:
    """An image's caption lines sit just above its licence line: not body."""
    while (
        body
        and body[-1].index >= licence_index - CAPTION_WINDOW
        and len(body[-1].text) <= CAPTION_MAX_LENGTH
        and not body[-1].text.endswith(SENTENCE_ENDS_WITH_APOSTROPHE)
    ):
        body.pop()
