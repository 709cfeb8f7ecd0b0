"""Layout ``bionews2018``: www.bionews.org.uk/page_NNNNN, 2018 to 2021 (HTML5, Open Graph)."""

from __future__ import annotations

import re

URL_RE = re.compile(r"^https?://(?:www\.)?bionews\.org\.uk/(?!page_\d+\.asp)", re.IGNORECASE)

# Where the headline sits when the markup is as reconstructed; the text cues take over when not.
HEADLINE_LANDMARKS = "main h1, article h1, .article h1"
