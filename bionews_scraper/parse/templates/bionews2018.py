"""Layout ``bionews2018``: www.bionews.org.uk/page_NNNNN, 2018 to 2021 (HTML5, Open Graph)."""

from __future__ import annotations

import re

# The share box every page of this template prints above the headline (sometimes with the
# issue line on the same line: "Page URL: Appeared in BioNews 935").
SHARE_BOX = "Page URL:"
URL_RE = re.compile(r"^https?://(?:www\.)?bionews\.org\.uk/(?!page_\d+\.asp)", re.IGNORECASE)

# Where the headline sits when the markup is as reconstructed; the text cues take over when not.
HEADLINE_LANDMARKS = "main h1, article h1, .article h1"
