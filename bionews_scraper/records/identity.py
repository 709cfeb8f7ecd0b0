"""What makes two URLs the same BioNews page, and which page a record is about.

``?dinfo=...&PPID=...`` share parameters, trailing slashes, ``www.`` and http versus https
all name one page; repeated parameters (``?a=1&a=2``) do not collapse. The spider requests
the cleaned URL; the request fingerprinter compares ``page_key``s, and the de-duplication
pipeline, the resume ledger and merge compare ``record_key``s and ``record_page_keys``.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any
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
    # unique=False: ``?a=1&a=2`` and ``?a=1&a=3`` are two pages.
    cleaned = url_query_cleaner(url, list(tracking_params), remove=True, unique=False, keep_fragments=False)
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


def record_page_key(record: Mapping[str, Any]) -> str:
    """The page a record is about: its ``canonical_url`` when that names the same host, else
    its ``url`` (the address it was fetched from). A canonical on another host is not trusted."""
    url = str(record.get("url") or "")
    canonical = record.get("canonical_url")
    if canonical and _site(page_key(str(canonical))) == _site(page_key(url)):
        return page_key(str(canonical))
    return page_key(url)


def record_key(record: Mapping[str, Any]) -> str:
    """The identity a record is de-duplicated on: its kind and its page."""
    return f"{record.get('kind')}:{record_page_key(record)}"


def record_page_keys(record: Mapping[str, Any]) -> set[str]:
    """Every page key a record answers for: its page, and the address asked for before a redirect."""
    keys = {record_page_key(record), page_key(str(record.get("url") or ""))}
    if requested := record.get("requested_url"):
        keys.add(page_key(str(requested)))
    return keys


def _site(key: str) -> str:
    return key.split("/", 1)[0]
