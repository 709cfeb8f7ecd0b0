"""Layout ``progress``: www.progress.org.uk/<slug>/, 2021 to now (WordPress, JSON-LD)."""

from __future__ import annotations

import re

URL_RE = re.compile(r"^https?://(?:www\.)?progress\.org\.uk/", re.IGNORECASE)
# WordPress leaves these in every page it renders, whatever the theme calls its classes.
# Plain substrings: a scan for them costs a fraction of a regex over the page's head.
MARKERS = ("/wp-content/", "/wp-includes/", "/wp-json/", "entry-content", "entry-title")

# Where the headline sits when the markup is as reconstructed; the text cues take over when not.
HEADLINE_LANDMARKS = "h1.entry-title, article h1"
