"""Layout ``bionews2018``: www.bionews.org.uk/page_NNNNN, 2018 to 2021 (HTML5, Open Graph)."""

from __future__ import annotations

import re

URL_RE = re.compile(r"^https?://(?:www\.)?bionews\.org\.uk/(?!page_\d+\.asp)", re.IGNORECASE)

LANDMARKS: dict[str, str] = {
    "headline": "main h1, article h1, .article h1",
    "date": "main .date, article .date, main time, article time",
    "byline": "main .author, article .author, main .byline, article .byline",
    "issue": "main .issue, article .issue",
    "body": "article .article-body, article .body, main .article-body, main .body, .article-content",
    "related": ".related-articles, .related",
    "sources": ".sources-references, .sources",
    "issue_heading": "main h1, article h1",
}
