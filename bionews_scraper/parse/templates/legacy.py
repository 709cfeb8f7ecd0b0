"""Layout ``legacy``: www.bionews.org.uk/page_NNNNNN.asp, about 2004 to 2018.

Landmarks from the reconstructed skeleton in site-layouts.md. They speed up and sharpen
the search when the markup is as expected; the text cues take over when it is not.
"""

from __future__ import annotations

import re

URL_RE = re.compile(r"^https?://(?:www\.)?bionews\.org\.uk/page_\d+\.asp\b", re.IGNORECASE)

LANDMARKS: dict[str, str] = {
    "headline": "#main h1, #content h1",
    "date": "#main p.date, #content p.date",
    "byline": "#main p.author, #content p.author",
    "issue": "#main p.issue, #content p.issue",
    "body": "#main div.text, #content div.text",
    "related": "#main div.related, #content div.related",
    "issue_heading": "#main h1, #content h1",
}
