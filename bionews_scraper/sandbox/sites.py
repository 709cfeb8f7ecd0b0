"""Saved site trees (``SITE/<host>/<path>``) and where a crawl of one starts."""

from __future__ import annotations

from pathlib import Path

DEFAULT_SITE = Path(__file__).resolve().parents[2] / "fixtures" / "site"
START_URLS_FILE = "start_urls.txt"


def start_points(site: Path) -> dict[str, list[str]]:
    """Settings naming the crawl's start URLs from ``SITE/start_urls.txt``, if it exists.

    XML URLs are sitemaps; the others are issue listings. Without the file the spider's
    default start points (the real site's) apply.
    """
    path = site / START_URLS_FILE
    if not path.exists():
        return {}
    urls = [
        line.strip()
        for line in path.read_text(encoding="utf-8").splitlines()
        if line.strip() and not line.startswith("#")
    ]
    return {
        "BIONEWS_SITEMAP_URLS": [url for url in urls if url.split("?", 1)[0].endswith((".xml", ".xml.gz"))],
        "BIONEWS_LISTING_URLS": [url for url in urls if not url.split("?", 1)[0].endswith((".xml", ".xml.gz"))],
    }
