"""Saved site trees (``SITE/<host>/<path>``) and where a crawl of one starts."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

DEFAULT_SITE = Path(__file__).resolve().parents[2] / "fixtures" / "site"
START_URLS_FILE = "start_urls.txt"
MANIFEST_FILE = "manifest.json"
PROGRESS_ISSUE_PATH = "/newsletter_issue/bionews-"  # where the live site serves issue N


def start_points(site: Path) -> dict[str, Any]:
    """Settings naming the crawl's start URLs from ``SITE/start_urls.txt``, if it exists.

    XML URLs are sitemaps; the others are issue listings. Without the file the spider's
    default start points (the real site's) apply. A site whose ``manifest.json`` lists its
    issues is probed by number only from its first issue at the live site's issue address
    (a small site holds a few issues, not the archive from issue 0).
    """
    path = site / START_URLS_FILE
    if not path.exists():
        return {}
    return {**_start_urls(path), **_probe_from(site / MANIFEST_FILE)}


def _probe_from(manifest: Path) -> dict[str, int]:
    if not manifest.exists():
        return {}
    issues = json.loads(manifest.read_text(encoding="utf-8")).get("issue_details") or []
    numbers = [issue["issue"] for issue in issues if PROGRESS_ISSUE_PATH in issue.get("url", "")]
    return {"BIONEWS_ISSUE_PROBE_FROM": min(numbers)} if numbers else {}


def _start_urls(path: Path) -> dict[str, list[str]]:
    urls = [
        line.strip()
        for line in path.read_text(encoding="utf-8").splitlines()
        if line.strip() and not line.startswith("#")
    ]
    return {
        "BIONEWS_SITEMAP_URLS": [url for url in urls if url.split("?", 1)[0].endswith((".xml", ".xml.gz"))],
        "BIONEWS_LISTING_URLS": [url for url in urls if not url.split("?", 1)[0].endswith((".xml", ".xml.gz"))],
    }
