"""What makes two URLs the same BioNews page.

``?dinfo=...&PPID=...`` share parameters, trailing slashes, ``www.`` and http versus https
all name one page. The spider requests the cleaned URL; the request fingerprinter and
the de-duplication pipeline compare ``page_key``s.
"""

from __future__ import annotations

from collections.abc import Iterable
from urllib.parse import urlsplit, urlunsplit

from w3lib.url import canonicalize_url, url_query_cleaner

# Query parameters that only say who shared a link (legacy ``?dinfo=...&PPID=...``) or
# which campaign sent the reader: never part of a page's identity.
TRACKING_PARAMS: tuple[str, ...] = (
    "dinfo",
    "PPID",
    "utm_source",
    "utm_medium",
    "utm_campaign",
    "utm_content",
    "utm_term",
    "fbclid",
)


def clean_url(url: str, tracking_params: Iterable[str] = TRACKING_PARAMS) -> str:
    """``url`` without share-tracking query parameters and without a fragment."""
    cleaned = url_query_cleaner(url, list(tracking_params), remove=True, keep_fragments=False)
    return cleaned.rstrip("?")


def page_key(url: str, tracking_params: Iterable[str] = TRACKING_PARAMS) -> str:
    """The identity of the page ``url`` names: ``host/path?sorted-query``, scheme-free."""
    parts = urlsplit(canonicalize_url(clean_url(url, tracking_params)))
    host = (parts.hostname or "").lower().removeprefix("www.")
    if parts.port and parts.port not in (80, 443):
        host = f"{host}:{parts.port}"
    path = parts.path.rstrip("/") or "/"
    return urlunsplit(("", host, path, parts.query, "")).lstrip("/")


def host_of(url: str) -> str:
    return (urlsplit(url).hostname or "").lower()
