"""One parsed page: the soup, read once, and its visible text as a list of lines.

Every finder and cue works on ``Page.lines``: the visible text in reading order, one entry
per line (a block element, or a run split by ``<br>``), each knowing its element, its
paragraph and its links. Building it is a single pass over the tree; nothing after this
searches the whole tree again.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field
from typing import Any

from bs4 import BeautifulSoup, NavigableString, PageElement, Tag
from bs4.element import AttributeDict, CData

from bionews_scraper.parse.furniture import FURNITURE_TAGS, has_furniture_hint, is_hidden
from bionews_scraper.parse.head import HeadTags, text_of
from bionews_scraper.parse.landmarks import LandmarkIndex
from bionews_scraper.parse.normalise import normalise_text

# Elements that start a new line of text.
BLOCK_TAGS = frozenset(
    {
        "address",
        "article",
        "aside",
        "blockquote",
        "body",
        "caption",
        "center",
        "dd",
        "details",
        "dialog",
        "div",
        "dl",
        "dt",
        "fieldset",
        "figcaption",
        "figure",
        "footer",
        "form",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "header",
        "hgroup",
        "hr",
        "html",
        "li",
        "main",
        "nav",
        "ol",
        "p",
        "pre",
        "section",
        "summary",
        "table",
        "tbody",
        "td",
        "tfoot",
        "th",
        "thead",
        "tr",
        "ul",
        "option",
        "label",
        "legend",
    }
)
# Whitespace-only runs between a tag and a block element's tag never reach a line (see
# _without_whitespace_at_blocks). After a ">" a "<" opens a real tag (in comments, scripts
# and attribute values, where it does not, the text is never a line). HTML's own whitespace
# characters only; tag names in lower or upper case, as legacy pages print them.
_BLOCK_NAME = "(?:" + "|".join(sorted(BLOCK_TAGS | {name.upper() for name in BLOCK_TAGS})) + ")"
_WHITESPACE_BEFORE_BLOCK_TAG_RE = re.compile(rf">[ \t\n\r\f]+(?=</?{_BLOCK_NAME}[\s/>])")
# Inline elements whose text is never glued to the text before them.
WORD_TAGS = frozenset({"time", "img", "input", "button"})
METADATA_TAGS = frozenset({"meta", "link", "script", "time", "title", "base"})
HEADING_TAGS = frozenset({"h1", "h2", "h3", "h4", "h5", "h6"})
# Elements whose text is never visible page text.
INVISIBLE_TAGS = frozenset(
    {
        "script",
        "style",
        "noscript",
        "template",
        "head",
        "title",
        "svg",
        "iframe",
        "select",
        "option",
        "button",
        "input",
        "textarea",
        "object",
        "embed",
        "canvas",
        "map",
        "audio",  # what a browser without the player shows ("Your browser does not support ...")
        "video",
    }
)
# ... and as a reader without scripts sees the page, <noscript> included.
INVISIBLE_WITHOUT_SCRIPTS = INVISIBLE_TAGS - {"noscript"}
TEXT_NODE_TYPES = (NavigableString, CData)
# The walk's context of what sits right under the document root: no block, no furniture.
_ROOT: tuple[Any, None] = (None, None)


@dataclass(slots=True)
class Link:
    text: str
    href: str


@dataclass(slots=True)
class Line:
    """One line of visible text."""

    index: int
    text: str  # whitespace collapsed
    element: Tag  # the block element that holds the line
    paragraph: int  # lines split by a single <br> share a paragraph number
    furniture: Tag | None  # the nearest furniture ancestor, if any
    position: int  # document order of the line's first text node
    links: list[Link] = field(default_factory=list)

    @property
    def tag(self) -> str:
        return self.element.name

    @property
    def is_heading(self) -> bool:
        return self.element.name in HEADING_TAGS

    @property
    def link_text_share(self) -> float:
        """How much of the line is link text: 1.0 for a line that is only a link."""
        linked = sum(len(link.text) for link in self.links)
        return min(1.0, linked / len(self.text)) if self.text else 0.0


@dataclass(slots=True)
class Page:
    url: str
    text: str  # the decoded page
    soup: BeautifulSoup  # the tree, without an XML declaration or the whitespace at block tags (see from_text)
    lines: list[Line]
    head: HeadTags
    landmarks: LandmarkIndex
    positions: dict[int, int]  # id(node) -> document order, for every node of the tree
    line_starts: list[int] = field(default_factory=list)  # each line's position, ascending

    @classmethod
    def from_text(
        cls, text: str, url: str, landmarks: LandmarkIndex | None = None, *, scripts_off: bool = False
    ) -> Page:
        """Parse ``text`` once; ``landmarks`` (if given) learns its elements on the same walk.
        With ``scripts_off`` the page is read as a browser without scripts shows it, with the
        text of its ``<noscript>`` elements."""
        # Class lists stay strings: splitting every element's classes costs ~10% of the
        # soup, and only the elements with classes need them split, once, in the walk.
        # Attributes go in bs4's plain AttributeDict, not the lxml builder's default
        # XMLAttributeDict, whose Python __setitem__ (run three times per attribute) only
        # turns None, bool and numbers into strings: lxml gives strings only, so the tree is
        # the same (same names, attributes and strings), ~0.08 ms a page sooner (1.11 -> 1.02).
        markup = _without_whitespace_at_blocks(_without_xml_declaration(text))
        soup = BeautifulSoup(markup, "lxml", multi_valued_attributes=None, attribute_dict_class=AttributeDict)
        head, index = HeadTags(), landmarks or LandmarkIndex(())
        positions: dict[int, int] = {}
        lines = _linearise(soup, head, index, positions, INVISIBLE_WITHOUT_SCRIPTS if scripts_off else INVISIBLE_TAGS)
        starts = [line.position for line in lines]
        return cls(
            url=url,
            text=text,
            soup=soup,
            lines=lines,
            head=head,
            landmarks=index,
            positions=positions,
            line_starts=starts,
        )

    @property
    def link_base(self) -> str:
        """What the page's relative links are relative to: its ``<base href>``, else its address."""
        return self.head.base_href or self.url

    def _range(self, element: Tag) -> tuple[int, int]:
        """Document-order positions of ``element`` and of its last descendant."""
        last: PageElement = element
        while isinstance(last, Tag) and last.contents:
            last = last.contents[-1]
        start = self.positions.get(id(element), -1)
        return start, self.positions.get(id(last), start)

    def span_of(self, element: Tag) -> tuple[int, int]:
        """Indices [start, end) of the lines inside ``element``; (0, 0) when none."""
        first, last = self._range(element)
        start, end = bisect_left(self.line_starts, first), bisect_right(self.line_starts, last)
        return (start, end) if start < end else (0, 0)

    def line_of(self, element: Tag | None) -> Line | None:
        """The first line inside ``element``, else the line whose element holds it."""
        if element is None:
            return None
        start, end = self.span_of(element)
        if start < end:
            return self.lines[start]
        return next((line for line in self.lines if any(parent is line.element for parent in element.parents)), None)

    def contains(self, element: Tag, line: Line) -> bool:
        """True when ``line`` is inside ``element``."""
        first, last = self._range(element)
        return first <= line.position <= last

    def is_foreign_furniture(self, line: Line, anchor: Line | None) -> bool:
        """True for a line in page furniture (menu, sidebar...) that does not hold ``anchor``,
        nor is the same kind of wrapper as the one that holds it."""
        if line.furniture is None:
            return False
        if anchor is None:
            return True
        return not self.contains(line.furniture, anchor) and not _same_wrapper(line.furniture, anchor.furniture)

    def in_article_aside(self, line: Line, anchor: Line | None) -> bool:
        """True for a line in an ``<aside>`` of the ``<article>`` that holds ``anchor``: about
        that article (WordPress themes print the Authors box there), or a promo inside it."""
        furniture = line.furniture
        if furniture is None or anchor is None or furniture.name != "aside":
            return False
        article = furniture.find_parent("article")
        return article is not None and self.contains(article, anchor)


def _without_xml_declaration(text: str) -> str:
    """An XHTML page without its ``<?xml ...?>`` line, which the HTML parser ignores and which
    makes bs4 warn, on every such page, that XML is being parsed as HTML (XHTML is HTML)."""
    if not text.startswith("<?xml"):
        return text
    end = text.find("?>")
    return text[end + 2 :] if end != -1 else text


def _without_whitespace_at_blocks(text: str) -> str:
    """``text`` without the whitespace-only runs between a tag and a block element's tag: the
    indentation of ``<div>``, ``<p>`` and ``<li>`` markup.

    A line ends at every block tag, and a line's whitespace is collapsed and stripped, so no
    line changes (a property test holds the lines to those of the page as printed); but bs4
    builds a node for each such run, over a quarter of a typical page's nodes. The pass takes
    ~20 us and saves ~0.18 ms of tree building (bench/parse_speed.py). ``Page.text`` stays the
    page as decoded.
    """
    return _WHITESPACE_BEFORE_BLOCK_TAG_RE.sub(">", text)


class _Linearizer:
    """Collects text runs into lines in one walk over ``soup.descendants``."""

    def __init__(self) -> None:
        self.lines: list[Line] = []
        # ``parts`` and ``pending_links`` are emptied in place, never replaced, so that the
        # walk can hold them in locals.
        self.parts: list[str] = []
        self.links: list[Link] = []
        self.pending_links: list[Link] = []  # anchors seen whose text has not come yet
        self.block: Tag | None = None
        self.furniture: Tag | None = None
        self.paragraph = 0
        self.pending_breaks = 0
        self.position = 0  # of the first text node of the line being collected

    def flush(self, new_paragraph: bool = True) -> None:
        parts = self.parts
        if parts:
            text = normalise_text("".join(parts))
            parts.clear()
            links, self.links = self.links, []
            if text and self.block is not None:
                self.lines.append(
                    Line(len(self.lines), text, self.block, self.paragraph, self.furniture, self.position, links)
                )
                if new_paragraph:
                    self.paragraph += 1
                return
        # No line (the common case: a block opens right after another). Links only ever
        # come with text, so without parts ``links`` is already empty.
        if new_paragraph and self.lines and self.lines[-1].paragraph == self.paragraph:
            self.paragraph += 1

    def break_line(self, block: Tag, furniture: Tag | None) -> None:
        """Ends the line being collected before a text run in another block, or after a <br>."""
        if block is not self.block:
            self.flush()
            self.block, self.furniture = block, furniture
        else:
            self.flush(new_paragraph=self.pending_breaks > 1)
        self.pending_breaks = 0


def _linearise(
    soup: BeautifulSoup,
    head: HeadTags,
    landmarks: LandmarkIndex,
    positions: dict[int, int],
    invisible_tags: frozenset[str],
) -> list[Line]:
    """The hot loop of every parse: attributes are read once per element, as a plain dict,
    and the sets it consults are bound to locals (this loop is a third of a page's parse)."""
    state = _Linearizer()
    # The line's parts and pending links as locals, and whitespace between lines dropped
    # before its parent is looked up: ~5 us a page less.
    parts, pending_links = state.parts, state.pending_links
    add_part = parts.append
    # id(element) -> (its block, its furniture ancestor), or None for a hidden element: one
    # lookup per node for what three dicts and a set answered before (~20 us a page less).
    # The document root is in no entry: text right under it has no block.
    context: dict[int, tuple[Tag, Tag | None] | None] = {}
    metadata_tags, block_tags, furniture_tags = METADATA_TAGS, BLOCK_TAGS, FURNITURE_TAGS
    word_tags, text_types, see_landmark, landmark_names = WORD_TAGS, TEXT_NODE_TYPES, landmarks.see, landmarks.names
    # The loop dispatches on the node's exact type (faster than isinstance), which mypy
    # cannot follow: the nodes are typed Any here and the branches say what each one is.
    # bs4's own document order, read link by link (next_element) rather than through the
    # ``descendants`` generator and enumerate: ~10 us a page less.
    successor: Any = soup.contents[0] if soup.contents else None
    position = -1
    while successor is not None:
        node, successor, position = successor, successor.next_element, position + 1
        node_id = id(node)
        positions[node_id] = position
        node_type = type(node)
        if node_type is Tag:
            name = node.name
            if name in metadata_tags:
                head.see(node)
            outer = context.get(id(node.parent), _ROOT)
            if outer is None or name in invisible_tags:
                context[node_id] = None
                continue
            attrs = node.attrs
            classes, ident = (attrs.get("class"), attrs.get("id")) if attrs else (None, None)
            if classes or ident or name in landmark_names:  # else no selector can match it
                see_landmark(node, name, classes, ident)
            if attrs and is_hidden(name, attrs, classes):
                context[node_id] = None
                continue
            is_furniture = (name in furniture_tags and node.parent.name != "blockquote") or (
                (classes or ident) and has_furniture_hint(name, classes, ident)
            )  # a quotation's own <footer> names who said it: not page furniture
            if name in block_tags:
                block = node
                if parts:
                    state.flush()
                elif state.lines and state.lines[-1].paragraph == state.paragraph:
                    state.paragraph += 1  # a block after a <br>-split line starts a paragraph
                state.block = None
            else:
                block = node if outer[0] is None else outer[0]  # right under the root: its own block
                if name == "br":
                    if block.name not in HEADING_TAGS:
                        state.pending_breaks += 1
                    elif parts:
                        add_part(" ")  # a headline broken over two lines is one line
                elif name == "a" and attrs.get("href"):
                    pending_links.append(Link(normalise_text(text_of(node, " ")), str(attrs["href"])))
                elif name in word_tags and parts:
                    add_part(" ")  # "<time>5 Dec 2022</time><time>12 Jan 2023</time>" is two dates
            context[node_id] = (block, node if is_furniture else outer[1])
            continue
        if node_type not in text_types:  # comments, doctypes...
            continue
        if node.isspace():  # whitespace is one space inside a line, nothing between lines
            if parts and (inside := context.get(id(node.parent))) and inside[0] is state.block:
                add_part(" ")
            continue
        inside = context.get(id(node.parent))
        if inside is None:  # hidden, or right under the root
            continue
        if inside[0] is not state.block or state.pending_breaks:
            state.break_line(inside[0], inside[1])
        if not parts:
            state.position = position
        add_part(node)
        if pending_links:
            state.links.extend(pending_links)
            pending_links.clear()
    state.flush()
    return state.lines


def in_element(line: Line, names: frozenset[str] | tuple[str, ...]) -> bool:
    """True when ``line``'s furniture ancestor is, or sits inside, an element named in ``names``."""
    furniture = line.furniture
    return furniture is not None and (furniture.name in names or furniture.find_parent(names) is not None)


def _same_wrapper(element: Tag, other: Tag | None) -> bool:
    """Page builders (Elementor, block themes) wrap every block, headline and body alike, in
    the same classes ("elementor-widget-container"): when the headline's own wrapper has a
    furniture-like class, an element with the very same tag and classes is a sibling block
    of the article, not a sidebar. Furniture by tag name (nav, aside...) is never excused."""
    if other is None or element.name in FURNITURE_TAGS:
        return False
    classes = element.get("class")
    return bool(classes) and element.name == other.name and classes == other.get("class")
