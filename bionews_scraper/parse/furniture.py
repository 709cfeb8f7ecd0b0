"""Which elements are page furniture (menus, sidebars, footers) and which are hidden from
sight, read from tag names, class words and styles as the walk meets each element."""

from __future__ import annotations

import re
from typing import Any

# Page furniture by element name (HTML5) ...
FURNITURE_TAGS = frozenset({"nav", "header", "footer", "aside", "form", "menu"})
# ... and by id or class words. A hint, never relied on alone: a furniture element that
# holds the headline is the article's own wrapper and is not furniture.
FURNITURE_WORDS = frozenset(
    {
        "nav",
        "navbar",
        "navigation",
        "menu",
        "sidebar",
        "side",
        "header",
        "masthead",
        "footer",
        "banner",
        "advert",
        "ad",
        "ads",
        "promo",
        "social",
        "share",
        "sharing",
        "comment",
        "comments",
        "signup",
        "subscribe",
        "cookie",
        "breadcrumb",
        "breadcrumbs",
        "widget",
        "search",
        "fb",
        "facebook",
        "twitter",
        "login",
        "bio",  # author boxes after the body ("author-bio", Simple Author Box's "saboxplugin-wrap")
        "biography",
        "saboxplugin",
        "pullquote",  # a pull quote repeats a sentence of the body ("wp-block-pullquote")
        "toc",  # a table-of-contents box ("ez-toc-container")
    }
)
# One of those words, whole between separators: the words of "site-header" are "site" and
# "header". Only non-ASCII text is searched with it (see _hints_furniture).
FURNITURE_HINT_RE = re.compile(rf"(?:^|[\s_-])(?:{'|'.join(sorted(FURNITURE_WORDS))})(?:$|[\s_-])", re.IGNORECASE)
# Elements that hold content by definition: their classes never make them furniture.
CONTENT_TAGS = frozenset({"html", "body", "main", "article"})
# WordPress and other CMSs put taxonomy in classes ("category-comment", "tag-news").
TAXONOMY_CLASS_RE = re.compile(
    r"^(?:category|tag|post|postid|format|type|status|single|page-id|author|term)[-_]", re.IGNORECASE
)
# Whole classes that name furniture no word of theirs gives away: WordPress's post-author
# block after the body, a consent plugin's placeholder in a blocked embed.
FURNITURE_CLASSES = frozenset({"wp-block-post-author", "cmplz-blocked-content-notice"})
# Embedded posts an article quotes: content, whatever the platform's name says.
EMBED_CLASSES = frozenset({"twitter-tweet", "twitter-video", "instagram-media", "tiktok-embed"})
# The class prefix Elementor gives every block: no hint of furniture in itself.
ELEMENTOR_WIDGET = "elementor-widget"
# Classes that themes hide from sight (screen-reader labels): not visible page text.
# Elementor prints some widgets twice, one copy per screen size: the page is read as a desktop
# browser shows it, without the copy marked hidden there.
HIDDEN_CLASSES = frozenset(
    {"screen-reader-text", "sr-only", "visually-hidden", "visuallyhidden", "hidden", "hide", "elementor-hidden-desktop"}
)
HIDDEN_STYLE_RE = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.IGNORECASE)


def is_hidden(name: str, attrs: dict[str, Any], classes: str | None) -> bool:
    """True for an element a reader does not see: ``hidden``, ``aria-hidden``, a hiding class
    or style. ``classes`` is the class attribute as printed (one string)."""
    # (A cookie wall marks the whole page aria-hidden and inert behind its dialog: still seen.)
    if "hidden" in attrs or (attrs.get("aria-hidden") == "true" and "inert" not in attrs):
        return True
    if classes:
        names = classes.split()
        if not HIDDEN_CLASSES.isdisjoint(names):
            return True
        if name == "time" and "updated" in names and "published" not in names:
            return True  # WordPress prints the modified date beside the published one and hides it
    style = attrs.get("style")
    return isinstance(style, str) and bool(HIDDEN_STYLE_RE.search(style))


def _hint_part(class_name: str) -> str:
    """Elementor wraps every block in ``elementor-widget`` classes: only the widget's own name
    after that prefix hints ("elementor-widget-nav-menu" does, "-theme-post-content" does not)."""
    return class_name.removeprefix(ELEMENTOR_WIDGET) if class_name.startswith(ELEMENTOR_WIDGET) else class_name


def has_furniture_hint(name: str, classes: str | None, ident: str | None) -> bool:
    """True when the element's classes or id name furniture ("site-header", "sidebar"), leaving
    out taxonomy classes ("category-comment") and Elementor's own prefix."""
    if name in CONTENT_TAGS:
        return False
    if classes and not FURNITURE_CLASSES.isdisjoint(classes.split()):
        return True
    # Most class strings hold no furniture word at all: one search over them as printed
    # settles it, before the taxonomy classes are filtered out. (A hint word sits inside one
    # class or id, so dropping whole classes never makes a match.)
    if not _hints_furniture(f"{classes} {ident}" if classes and ident else classes or ident or ""):
        return False
    if classes and not EMBED_CLASSES.isdisjoint(classes.split()):
        return False
    hint = " ".join(_hint_part(c) for c in classes.split() if not TAXONOMY_CLASS_RE.match(c)) if classes else ""
    if ident:
        hint = f"{hint} {ident}"
    return _hints_furniture(hint)


def _hints_furniture(text: str) -> bool:
    """``FURNITURE_HINT_RE.search(text)``: for ASCII text (every class seen so far), a set
    lookup of its words, lower-cased, ~0.3 us a search sooner (~8 us a page). There
    IGNORECASE is lower(), and str.split() splits on exactly the characters \\s matches."""
    if text.isascii():
        return not FURNITURE_WORDS.isdisjoint(text.lower().replace("_", " ").replace("-", " ").split())
    return FURNITURE_HINT_RE.search(text) is not None
