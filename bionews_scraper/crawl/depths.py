"""Related-story hops, counted the same whatever order pages arrive in.

A page first met as a related story (one hop) may later be listed by an issue or a
sitemap (no hop); Scrapy's dupefilter drops the second request, so the page would keep
the larger depth and never follow its own related links. ``RelatedDepths`` keeps the
fewest hops each page was asked at and the related links an article held back, and hands
them out when the page is met closer to an issue.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from bionews_scraper.records.identity import page_key


@dataclass
class RelatedDepths:
    limit: int  # BIONEWS_RELATED_DEPTH: hops followed from an issue or sitemap entry
    fewest: dict[str, int] = field(default_factory=dict)  # page key -> fewest hops it was asked at
    held: dict[str, tuple[str, list[str]]] = field(default_factory=dict)  # page key -> (URL, links not followed)

    def asked(self, url: str, depth: int) -> tuple[str, list[str]] | None:
        """A request for ``url`` at ``depth``: (referer, links) to follow now at ``depth + 1``
        when the page's article held them back at a larger depth; else None."""
        key = page_key(url)
        if depth >= self.fewest.get(key, depth + 1):
            return None
        self.fewest[key] = depth
        if key in self.held and depth < self.limit:
            return self.held.pop(key)
        return None

    def follow(self, requested: str, url: str, depth: int, links: list[str]) -> bool:
        """An article fetched at ``depth``: True if its related ``links`` are to be followed
        now; else they are held until the page is asked at fewer hops."""
        key = page_key(requested)
        if min(depth, self.fewest.get(key, depth)) < self.limit:
            return True
        self.held.setdefault(key, (url, []))[1].extend(links)
        return False

    def depth_of(self, requested: str, depth: int) -> int:
        return min(depth, self.fewest.get(page_key(requested), depth))
