"""Small pieces of the report's HTML: escaped text, safe links, label-count tables.

Every string that came from a crawled page goes through ``escape``; a link is made only for
an http(s) URL with a host.
"""

from __future__ import annotations

import html
from urllib.parse import urlsplit


def escape(text: object) -> str:
    return html.escape(str(text), quote=True)


def table(counts: list[tuple[str, int]] | tuple[tuple[str, int], ...]) -> str:
    """Label and count rows; ``none`` when empty."""
    if not counts:
        return '<p class="muted">none</p>'
    rows = "".join(f'<tr><td>{escape(label)}</td><td class="n">{count}</td></tr>' for label, count in counts)
    return f"<table>{rows}</table>"


def link(url: str, text: str) -> str:
    """``text`` linked to ``url`` only for an http(s) URL with a host; anything else stays plain text."""
    try:
        parts = urlsplit(url)
    except ValueError:  # "http://[broken": not a URL a browser should follow
        parts = urlsplit("")
    if parts.scheme.lower() in ("http", "https") and parts.netloc:
        return f'<a href="{escape(url)}" rel="noopener noreferrer">{escape(text)}</a>'
    return f'{escape(text)} <span class="muted">[{escape(url)}]</span>'
