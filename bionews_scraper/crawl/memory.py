"""What earlier runs into the same output directory already did: for resumed and
incremental crawls.

Scrapy's JOBDIR keeps the queue and the seen-set across a clean stop (Ctrl-C), but a
kill -9 loses the queue (queuelib writes its sizes and ``active.json`` only on close), and
a stale seen-set would then hide pages that were queued but never fetched
(``crawl.scheduler`` removes it). So the output itself is the ledger: a page with a record,
or with an error that another try would not change, is done; the records name the pages
still to fetch (an issue's articles, an article's related stories, each with its referer
and related-story depth), and a page whose error was transient (5xx, timeout, reset) is
fetched again. ``crawl-state.json`` adds the sitemap ``lastmod`` values an incremental
crawl compares against.
"""

from __future__ import annotations

import json
import os
from collections import deque
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from bionews_scraper.records.identity import page_key, record_page_key, record_page_keys
from bionews_scraper.records.jsonl import dumps_line
from bionews_scraper.records.outputs import OUTPUT_FILES, read_records
from bionews_scraper.records.types import is_transient

STATE_FILE = "crawl-state.json"
# What the ledger reads of a record; the rest (bodies above all) is dropped as each line is
# read, so resuming a 10,000-article output does not hold its text in memory.
LEDGER_FIELDS = (
    "kind",
    "url",
    "canonical_url",
    "requested_url",
    "referer",
    "issue",
    "articles",
    "related",
    "reason",
    "transient",
    "attempts",
)


@dataclass(frozen=True, slots=True)
class PendingPage:
    """A page the records point to (or a transient error) with no record yet."""

    url: str
    role: str  # "article", "related" or "page"
    referer: str | None  # the record that points to it
    related_depth: int  # related-story hops from an issue or sitemap entry
    retry: bool = False  # an error page tried again: past any seen-set


@dataclass
class CrawlMemory:
    """Pages already recorded, pages they point to, and the lastmod seen for each page."""

    done: set[str] = field(default_factory=set)  # page keys with a record (or a final error) written
    frontier: dict[str, PendingPage] = field(default_factory=dict)  # page key -> page still to fetch
    attempts: dict[str, int] = field(default_factory=dict)  # page key -> downloads tried by earlier runs
    retry: set[str] = field(default_factory=set)  # page keys of errors to try again (sitemaps too)
    depth: dict[str, int] = field(default_factory=dict)  # page key -> related-story hops it was recorded at
    held: dict[str, list[str]] = field(default_factory=dict)  # page key -> related links not followed
    lastmod: dict[str, str] = field(default_factory=dict)  # page key (pages and sitemaps) -> lastmod
    related_depth: int = 0  # the crawl's BIONEWS_RELATED_DEPTH
    issues: set[int] = field(default_factory=set)  # issue numbers with a record

    @classmethod
    def load(cls, output_dir: Path, related_depth: int, retry_errors: bool = False) -> CrawlMemory:
        """Read the records an earlier run wrote into ``output_dir``; with ``retry_errors``
        every error page is to fetch again, else only those whose error was transient."""
        memory = cls()
        records = [
            _ledger_fields(record) for name in OUTPUT_FILES.values() for record in read_records(output_dir / name)
        ]
        errors = [record for record in records if record.get("kind") == "error"]
        for record in records:
            if record.get("kind") != "error" or not (retry_errors or _retryable(record)):
                memory.done |= record_page_keys(record)
            else:
                memory.retry.add(record_page_key(record))
        memory.issues = {int(r["issue"]) for r in records if r.get("kind") == "issue" and r.get("issue") is not None}
        memory.attempts = {record_page_key(error): int(error.get("attempts") or 1) for error in errors}
        memory.depth = depths = _related_depths(records)
        for record in records:
            depth = depths.get(record_page_key(record), 0)
            links = list(_links_of(record))
            if record.get("kind") == "article" and depth >= related_depth:
                memory.held[record_page_key(record)] = [url for url, _ in links]
                continue
            for url, role in links:
                child_depth = depth + 1 if role == "related" else 0
                memory._remember(PendingPage(url, role, record.get("url"), child_depth))
        for error in errors:
            if _is_sitemap(error["url"]):  # the sitemap index leads to it again
                continue
            depth = depths.get(record_page_key(error), 0)
            memory._remember(PendingPage(error["url"], "page", error.get("referer"), depth, retry=True))
        memory.related_depth = related_depth
        state = output_dir / STATE_FILE
        if state.exists():
            try:
                memory.lastmod = dict(json.loads(state.read_text(encoding="utf-8")).get("lastmod", {}))
            except (ValueError, AttributeError):
                memory.lastmod = {}
        return memory

    def _remember(self, page: PendingPage) -> None:
        key = page_key(page.url)
        if not page.url or key in self.done:
            return
        known = self.frontier.get(key)
        if known is None:
            self.frontier[key] = page
        elif page.related_depth < known.related_depth:  # the fewest hops win, as in one whole crawl
            self.frontier[key] = replace(page, retry=page.retry or known.retry)
        elif page.retry and not known.retry:  # linked and failed before: keep the link's role and depth
            self.frontier[key] = replace(known, retry=True)

    def reached(self, url: str, depth: int) -> list[PendingPage]:
        """A recorded page met again at ``depth``: the related links it now leads to, if its
        record was at a depth that held them back (a related story first, now in an issue)."""
        key = page_key(url)
        if depth >= self.depth.get(key, 0):
            return []
        self.depth[key] = depth
        if depth >= self.related_depth:
            return []
        return [PendingPage(link, "related", url, depth + 1) for link in self.held.pop(key, [])]

    def attempts_before(self, url: str) -> int:
        """Downloads earlier runs tried for the page ``url`` and recorded as an error."""
        return self.attempts.get(page_key(url), 0)

    def is_done(self, url: str) -> bool:
        return page_key(url) in self.done

    def change(self, url: str, lastmod: str | None) -> str:
        """A sitemap entry against memory: ``new``, ``changed`` (newer lastmod) or ``unchanged``.

        A recorded page with no lastmod to compare counts as unchanged: its record stands.
        A sitemap file is never recorded, so it is new until a lastmod was kept for it.
        """
        known, lastmod = self.lastmod.get(page_key(url)), utc_lastmod(lastmod)
        if page_key(url) in self.retry or (not self.is_done(url) and (known is None or not _is_sitemap(url))):
            return "new"
        if known is not None and lastmod is not None and lastmod > known:
            return "changed"
        return "unchanged"

    def remember_lastmod(self, url: str, lastmod: str | None) -> None:
        if normalised := utc_lastmod(lastmod):
            self.lastmod[page_key(url)] = normalised

    def pending(self) -> Iterator[PendingPage]:
        """Every page the records point to that has no record yet, and every error to retry."""
        yield from self.frontier.values()

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


def prune_superseded_errors(output_dir: Path, answered: Iterable[str] = ()) -> int:
    """Rewrite ``errors.jsonl`` without the errors a later record replaced: a page fetched
    again keeps only its newest error, or none once it has an article or issue record or
    its page key is ``answered`` (a sitemap or listing that answered this time).
    Atomic (a kill mid-write leaves the old file); returns the number of lines removed."""
    path = output_dir / OUTPUT_FILES["error"]
    errors = list(read_records(path))
    recorded = set(answered) | {
        key
        for kind in ("article", "issue")
        for record in read_records(output_dir / OUTPUT_FILES[kind])
        for key in record_page_keys(record)
    }
    newest = {record_page_key(error): index for index, error in enumerate(errors)}
    kept = [e for i, e in enumerate(errors) if newest[record_page_key(e)] == i and record_page_key(e) not in recorded]
    if len(kept) < len(errors):
        temporary = path.with_name(f".{path.name}.tmp")
        temporary.write_text("".join(dumps_line(error) for error in kept), encoding="utf-8")
        os.replace(temporary, path)
    return len(errors) - len(kept)


def _ledger_fields(record: Any) -> Any:
    return {key: record[key] for key in LEDGER_FIELDS if key in record} if isinstance(record, dict) else record


def _is_sitemap(url: str) -> bool:
    return url.split("?", 1)[0].endswith((".xml", ".xml.gz"))


def _retryable(error: dict[str, Any]) -> bool:
    transient = error.get("transient")
    return bool(transient) if transient is not None else is_transient(str(error.get("reason", "")))


def _links_of(record: dict) -> Iterator[tuple[str, str]]:
    if record.get("kind") == "issue":
        for entry in record.get("articles") or ():
            yield entry.get("url", ""), "article"
    elif record.get("kind") == "article":
        for story in record.get("related") or ():
            yield story.get("url", ""), "related"


def _related_depths(records: list[dict]) -> dict[str, int]:
    """Fewest related-story hops to each article (or error) from a page an issue lists or
    one a sitemap, listing or start URL led to (its referer is no article)."""
    articles = {record_page_key(r): r for r in records if r.get("kind") == "article"}
    listed = {page_key(url) for r in records if r.get("kind") == "issue" for url, _ in _links_of(r)}
    depths: dict[str, int] = {}
    for record in records:
        key, referer = record_page_key(record), record.get("referer")
        if record.get("kind") in ("article", "error") and (
            key in listed or not referer or page_key(referer) not in articles
        ):
            depths[key] = 0
    frontier = deque(key for key in depths if key in articles)
    while frontier:  # breadth first: the first depth found is the smallest
        key = frontier.popleft()
        for url, _ in _links_of(articles[key]):
            child = page_key(url)
            if child not in depths:
                depths[child] = depths[key] + 1
                if child in articles:
                    frontier.append(child)
    return depths
