"""Layout ``progress``: www.progress.org.uk/<slug>/, 2021 to now (WordPress, JSON-LD)."""

from __future__ import annotations

import re

URL_RE = re.compile(r"^https?://(?:www\.)?progress\.org\.uk/", re.IGNORECASE)
# WordPress leaves these in every page it renders, whatever the theme calls its classes.
MARKUP_RE = re.compile(r"/wp-content/|/wp-includes/|/wp-json/|\bentry-content\b|\bentry-title\b")

LANDMARKS: dict[str, str] = {
    "headline": "h1.entry-title, article h1",
    "date": "time.entry-date, .entry-meta time",
    "byline": ".entry-meta .author, .entry-meta .byline",
    "issue": ".entry-meta .issue, .bionews-issue",
    "body": "div.entry-content, .post-content",
    "related": "section.related-posts, .related-posts",
    "issue_heading": "h1.entry-title, h1.page-title",
}
