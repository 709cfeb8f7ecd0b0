"""Layout ``progress``: www.progress.org.uk/<slug>/, 2021 to now (WordPress, JSON-LD)."""

from __future__ import annotations

import re

URL_RE = re.compile(r"^https?://(?:www\.)?progress\.org\.uk/", re.IGNORECASE)
# WordPress leaves these in every page it renders, whatever the theme calls its classes.
MARKUP_RE = re.compile(r"/wp-content/|/wp-includes/|/wp-json/|\bentry-content\b|\bentry-title\b")

# Where the headline sits when the markup is as reconstructed; the text cues take over when not.
HEADLINE_LANDMARKS = "h1.entry-title, article h1"
