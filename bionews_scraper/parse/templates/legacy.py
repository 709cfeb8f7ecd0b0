"""Layout ``legacy``: www.bionews.org.uk/page_NNNNNN.asp, about 2004 to 2018.

Landmarks from the reconstructed skeleton in docs/site-layouts.md. They speed up and sharpen
the search when the markup is as expected; the text cues take over when it is not.
"""

from __future__ import annotations

import re

URL_RE = re.compile(r"^https?://(?:www\.)?bionews\.org\.uk/page_\d+\.asp\b", re.IGNORECASE)

# Where the headline sits when the markup is as reconstructed; the text cues take over when not.
HEADLINE_LANDMARKS = "#main h1, #content h1"
