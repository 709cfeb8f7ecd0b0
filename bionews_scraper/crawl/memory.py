"""What earlier runs into the same output directory already did: for resumed and
incremental crawls.

Scrapy's JOBDIR keeps the queue and the seen-set across a clean stop (Ctrl-C), but a
kill -9 loses both (queuelib writes its sizes and ``active.json`` only on close), and a
stale seen-set would then hide pages that were queued but never fetched. So the output
itself is the ledger: a page with a record is done, and the records name the pages still
to fetch (an issue's articles, an article's related stories). ``crawl-state.json`` adds
the sitemap ``lastmod`` values an incremental crawl compares against.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from bionews_scraper.records.identity import page_key
from bionews_scraper.records.outputs import OUTPUT_FILES, read_records

STATE_FILE = "crawl-state.json"


@dataclass
class CrawlMemory:
    """Pages already recorded, pages they point to, and the lastmod seen for each page."""

    done: set[str] = field(default_factory=set)  # page keys with a record (or error) written
    frontier: dict[str, str] = field(default_factory=dict)  # page key -> URL still to fetch, and its role
    roles: dict[str, str] = field(default_factory=dict)
    lastmod: dict[str, str] = field(default_factory=dict)  # page key (pages and sitemaps) -> lastmod

    @classmethod
    def load(cls, output_dir: Path, related_depth: int) -> CrawlMemory:
        """Read the records an earlier run wrote into ``output_dir``."""
        memory = cls()
        records = [record for name in OUTPUT_FILES.values() for record in read_records(output_dir / name)]
        memory.done = {page_key(str(record.get("url", ""))) for record in records}
        depths = _related_depths(records)
        links = [
            link
            for record in records
            if record.get("kind") != "article" or depths.get(page_key(record["url"]), 0) < related_depth
            for link in _links_of(record)
        ]
        for url, role in links:
            key = page_key(url)
            if key not in memory.done:
                memory.frontier.setdefault(key, url)
                memory.roles.setdefault(key, role)
        state = output_dir / STATE_FILE
        if state.exists():
            try:
                memory.lastmod = dict(json.loads(state.read_text(encoding="utf-8")).get("lastmod", {}))
            except (ValueError, AttributeError):
                memory.lastmod = {}
        return memory

    def is_done(self, url: str) -> bool:
        return page_key(url) in self.done

    def change(self, url: str, lastmod: str | None) -> str:
        """A sitemap entry against memory: ``new``, ``changed`` (newer lastmod) or ``unchanged``.

        A recorded page with no lastmod to compare counts as unchanged: its record stands.
        A sitemap file is never recorded, so it is new until a lastmod was kept for it.
        """
        known, lastmod = self.lastmod.get(page_key(url)), utc_lastmod(lastmod)
        if not self.is_done(url) and (known is None or not url.split("?", 1)[0].endswith((".xml", ".xml.gz"))):
            return "new"
        if known is not None and lastmod is not None and lastmod > known:
            return "changed"
        return "unchanged"

    def remember_lastmod(self, url: str, lastmod: str | None) -> None:
        if normalised := utc_lastmod(lastmod):
            self.lastmod[page_key(url)] = normalised

    def pending(self) -> Iterator[tuple[str, str]]:
        """(URL, role) of every page the records point to that has no record yet."""
        for key, url in self.frontier.items():
            yield url, self.roles[key]

    def save(self, output_dir: Path) -> None:
        """Write crawl-state.json atomically (a kill mid-write leaves the old file)."""
        output_dir.mkdir(parents=True, exist_ok=True)
        temporary = output_dir / f".{STATE_FILE}.tmp"
        temporary.write_text(json.dumps({"lastmod": self.lastmod}, indent=1, sort_keys=True), encoding="utf-8")
        os.replace(temporary, output_dir / STATE_FILE)


def utc_lastmod(value: str | None) -> str | None:
    """A sitemap lastmod (W3C datetime, any offset, or a bare date) as comparable UTC text."""
    if not value:
        return None
    try:
        moment = datetime.fromisoformat(value.strip())
    except ValueError:
        return None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def _links_of(record: dict) -> Iterator[tuple[str, str]]:
    if record.get("kind") == "issue":
        for entry in record.get("articles") or ():
            yield entry.get("url", ""), "article"
    elif record.get("kind") == "article":
        for story in record.get("related") or ():
            yield story.get("url", ""), "related"


def _related_depths(records: list[dict]) -> dict[str, int]:
    """Related-story hops from an issue or sitemap to each article, read from referers."""
    referer_of = {
        page_key(r["url"]): page_key(r["referer"]) for r in records if r.get("kind") == "article" and r.get("referer")
    }
    depths: dict[str, int] = {}
    for key in referer_of:
        chain, current = [], key
        while current in referer_of and current not in depths and current not in chain:
            chain.append(current)
            current = referer_of[current]
        depth = depths.get(current, -1) if current in referer_of else -1
        for member in reversed(chain):
            depth += 1
            depths[member] = depth
    return depths
