"""The ``bionews`` spider: what to fetch. What a page says is ``extract``'s business.

Entry modes: the whole archive (sitemaps and issue listings), ``issues="700-743"``, or
explicit ``urls`` / ``urls_file``. Issue pages lead to their articles; articles lead to
related stories up to ``BIONEWS_RELATED_DEPTH`` hops; listings lead to issue pages.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import AsyncIterator, Iterable, Iterator
from pathlib import Path
from typing import Any

from scrapy import Request, signals
from scrapy.exceptions import DontCloseSpider, IgnoreRequest
from scrapy.http import Response
from scrapy.spidermiddlewares.httperror import HttpError
from scrapy.spiders import SitemapSpider
from twisted.python.failure import Failure

from bionews_scraper.crawl.depths import RelatedDepths
from bionews_scraper.crawl.distributed.ack import page_done
from bionews_scraper.crawl.fetched import (
    FetchedRecord,
    fetch_error_record,
    header,
    referer_of,
    request_of,
    requested_url,
)
from bionews_scraper.crawl.issues import IssueTally
from bionews_scraper.crawl.memory import CrawlMemory, prune_superseded_errors
from bionews_scraper.parse.cues import ISSUE_URL_RE, read_issue_heading
from bionews_scraper.parse.extract import PageLink, Record, extract_or_report
from bionews_scraper.records.identity import clean_url, host_of, page_key
from bionews_scraper.records.types import error_record, http_error_record, is_listing_refusal

# Issue pages first (they name the articles), then their articles, then related stories.
ROLE_PRIORITY = {"issue": 20, "page": 20, "article": 10, "related": 5}
ROBOTS_REFUSAL = "Forbidden by robots.txt"  # the message of Scrapy's RobotsTxtMiddleware
ISSUE_RANGE_RE = re.compile(r"^\s*(\d+)\s*(?:-\s*(\d+))?\s*$")
PAGINATION_TEXT_RE = re.compile(r"^(?:next|older|more|next page|older issues|»|›|\d{1,4})$", re.IGNORECASE)


def parse_issue_range(text: str) -> range:
    """``"700-743"`` -> ``range(700, 744)``; ``"743"`` -> ``range(743, 744)``."""
    match = ISSUE_RANGE_RE.match(text)
    if not match:
        raise ValueError(f"issue range {text!r} is not N or N-M")
    first, last = int(match[1]), int(match[2] or match[1])
    if last < first:
        raise ValueError(f"issue range {text!r} ends before it starts")
    return range(first, last + 1)


class BioNewsSpider(SitemapSpider):
    name = "bionews"
    sitemap_rules = (("", "parse_page"),)  # every sitemap entry is a page to parse
    # Set from the crawl settings in ``from_crawler``.
    related_depth: int
    listing_urls: list[str]
    issue_url_template: str
    allowed_domains: list[str]
    output_dir: Path
    incremental: bool
    memory: CrawlMemory | None
    changed: set[str]  # sitemap URLs whose lastmod is newer than last time
    later: list[Request]  # sent when the crawl is otherwise idle
    depths: RelatedDepths  # fewest related-story hops per page, whatever the order
    answered: set[str]  # page keys of the sitemaps and listings that answered: never errors now
    tally: IssueTally  # issue numbers expected, found, to probe
    reported: bool  # the asked-for issues not found were written as errors

    def __init__(
        self, issues: str | None = None, urls: str | None = None, urls_file: str | None = None, **kwargs: Any
    ) -> None:
        super().__init__(**kwargs)
        self.issue_range = parse_issue_range(issues) if issues else None
        explicit = (urls or "").split()
        if urls_file:
            explicit += [line.strip() for line in Path(urls_file).read_text(encoding="utf-8").splitlines()]
        self.explicit_urls = [url for url in explicit if url and not url.startswith("#")]

    @classmethod
    def from_crawler(cls, crawler: Any, *args: Any, **kwargs: Any) -> BioNewsSpider:
        spider = super().from_crawler(crawler, *args, **kwargs)
        settings = crawler.settings
        spider.related_depth = settings.getint("BIONEWS_RELATED_DEPTH")
        spider.sitemap_urls = settings.getlist("BIONEWS_SITEMAP_URLS")
        spider.listing_urls = settings.getlist("BIONEWS_LISTING_URLS")
        spider.issue_url_template = settings.get("BIONEWS_ISSUE_URL_TEMPLATE")
        hosts = settings.getlist("BIONEWS_ALLOWED_HOSTS") + settings.getlist("BIONEWS_EXTRA_HOSTS")
        spider.allowed_domains = sorted({*hosts, *(host_of(url) for url in spider.explicit_urls)} - {""})
        spider.output_dir = Path(settings.get("BIONEWS_OUTPUT_DIR"))
        spider.incremental = settings.getbool("BIONEWS_INCREMENTAL")
        retry_errors = settings.getbool("BIONEWS_RETRY_ERRORS")
        remembers = spider.incremental or retry_errors or settings.getbool("BIONEWS_RESUME")
        spider.memory = (
            CrawlMemory.load(spider.output_dir, spider.related_depth, retry_errors=retry_errors) if remembers else None
        )
        spider.changed = set()
        spider.later = []
        spider.depths = RelatedDepths(spider.related_depth)
        spider.answered = set()
        spider.tally = IssueTally(
            asked=spider.issue_range,
            probe_from=settings.getint("BIONEWS_ISSUE_PROBE_FROM"),
            misses=settings.getint("BIONEWS_ISSUE_PROBE_MISSES"),
        )
        for number in spider.memory.issues if spider.memory is not None else ():
            spider.tally.found_issue(number)
        spider.reported = False
        crawler.signals.connect(spider.on_idle, signal=signals.spider_idle)
        return spider

    def on_idle(self) -> None:
        """Send the requests kept for the end, the issue probes the numbers known so far call
        for, or the report of asked-for issues not found; the crawl goes on while there were any."""
        later, self.later = self.later, []
        if not self.explicit_urls:
            for number in self.tally.to_probe():
                later.extend(self._page_request(self.issue_url_template.format(number=number), role="issue_probe"))
        if not later and not self.reported and self.tally.missing() and self.tally.asked is not None:
            self.reported = True  # the records come from a local data: URL, through the pipelines
            meta = {"role": "report", "allow_offsite": True}
            later.append(Request("data:,", callback=self._report_missing_issues, dont_filter=True, meta=meta))
        for request in later:
            self.crawler.engine.crawl(request)
        if later:
            raise DontCloseSpider("requests kept for the end were sent")

    def _report_missing_issues(self, response: Response) -> Iterator[FetchedRecord]:
        for number in self.tally.missing():
            url = self.issue_url_template.format(number=number)
            message = f"issue {number} was found neither at its address nor in the issue listings"
            yield FetchedRecord(dict(error_record(url, "issue_not_found", message)), None, None, None)

    async def start(self) -> AsyncIterator[Request]:
        for request in self._start_requests():
            yield request

    def _start_requests(self) -> Iterator[Request]:
        if self.memory is not None:  # a resumed crawl first fetches what its records point to
            for page in self.memory.pending():
                depth: dict[str, Any] = {"related_depth": page.related_depth} if page.related_depth else {}
                requests = self._page_request(
                    page.url, role=page.role, referer=page.referer, dont_filter=page.retry, **depth
                )
                if page.related_depth:  # last: a sitemap or issue may list it, and then it is no related hop
                    self.later.extend(requests)
                else:
                    yield from requests
        if self.explicit_urls:
            for url in self.explicit_urls:
                yield from self._page_request(url, role="page")
            return
        if self.issue_range:
            self.crawler.stats.set_value("bionews/expected_issues", len(self.issue_range))
            for number in self.issue_range:  # a probe: older issues may live only on the legacy hosts
                yield from self._page_request(self.issue_url_template.format(number=number), role="issue_probe")
        else:
            for url in self.sitemap_urls:
                yield Request(url, callback=self._parse_sitemap, errback=self.on_error, meta={"role": "sitemap"})
        for url in self.listing_urls:
            yield from self._page_request(url, role="listing")

    def sitemap_filter(self, entries: Iterable[dict[str, Any]]) -> Iterator[dict[str, Any]]:
        """An incremental crawl skips entries whose lastmod is no newer than last time."""
        for entry in entries:
            url, lastmod = entry.get("loc", ""), entry.get("lastmod")
            if self.incremental and self.memory is not None:
                change = self.memory.change(url, lastmod)
                self.memory.remember_lastmod(url, lastmod)
                if change == "unchanged":
                    self.crawler.stats.inc_value("bionews/unchanged")
                    continue
                if change == "changed":
                    self.changed.add(url)
            yield entry

    def _parse_sitemap(self, response: Response) -> Iterator[Any]:
        """Scrapy's sitemap parsing (hostile-XML safe), with our roles and error handling."""
        self.answered.add(page_key(response.url))
        yield from self._sitemap_requests(response)
        yield from page_done(response.request)

    def _sitemap_requests(self, response: Response) -> Iterator[Request]:
        for request in super()._parse_sitemap(response):
            if request.callback == self._parse_sitemap:
                yield request.replace(errback=self.on_error, meta={"role": "sitemap"})
            else:
                self.crawler.stats.inc_value("bionews/expected_pages")  # for the progress line's ETA
                match = ISSUE_URL_RE.search(request.url)
                if match:
                    self.tally.saw(int(match["number"]))
                role = "issue" if match else "article"
                # Listed again with a newer lastmod: fetch even a page recorded before.
                refresh = request.url in self.changed
                yield from self._page_request(request.url, role=role, referer=response.url, refresh=refresh)

    def closed(self, reason: str) -> None:
        """Keep the lastmods only after a whole crawl: a cut one must look at them again.
        Errors that a record of this run replaced leave ``errors.jsonl``."""
        if not self.explicit_urls:
            stats = self.crawler.stats
            stats.set_value("bionews/issues/expected", len(self.tally.expected()))
            stats.set_value("bionews/issues/found", len(self.tally.found & set(self.tally.expected())))
            stats.set_value("bionews/issues/missing", len(self.tally.missing()))
        if self.memory is None:
            return
        if self.incremental and reason == "finished":
            self.memory.save(self.output_dir)
        superseded = prune_superseded_errors(self.output_dir, self.answered)
        self.crawler.stats.set_value("bionews/errors_superseded", superseded)

    def parse_page(self, response: Response) -> Iterator[Any]:
        """Record the page and follow what it leads to; last, release its lease (if any)."""
        yield from self._parse_page(response)
        yield from page_done(response.request)

    def _parse_page(self, response: Response) -> Iterator[Any]:
        digest = hashlib.sha256(response.body).hexdigest()
        content_type = header(response.headers, "Content-Type")
        extraction = extract_or_report(response.body, response.url, content_type)
        if is_listing_refusal(extraction.records[0]):
            self.answered.add(page_key(response.url))
            yield from self._follow_listing(extraction.links, response)
            return
        request = response.request
        for record in extraction.records:  # an e-mail issue page holds several articles and the issue
            yield FetchedRecord(
                dict(record),
                response.status,
                digest,
                referer_of(response),
                requested_url=requested_url(request) if request else None,
                attempts=self._attempts(request, response.url) if request else 1,
            )
            yield from self._follow_record(record, response)

    def on_error(self, failure: Failure) -> Iterator[Any]:
        """A page that could not be fetched becomes an error record with its reason."""
        yield from self._record_failure(failure)
        yield from page_done(request_of(failure))

    def _record_failure(self, failure: Failure) -> Iterator[FetchedRecord]:
        request = request_of(failure)
        status = failure.value.response.status if isinstance(failure.value, HttpError) else None
        if failure.check(IgnoreRequest) and status is None and ROBOTS_REFUSAL in str(failure.value):
            self.crawler.stats.inc_value("bionews/skipped")  # robots.txt said no: not an error
            return
        if request.meta.get("role") == "issue_probe" and status == 404:
            self.crawler.stats.inc_value("bionews/issue_probe_missing")  # the listings may still hold it
            return
        if request.meta.get("role") == "sitemap" and status is None:
            self.logger.warning("sitemap %s failed: %s", request.url, failure.getErrorMessage())
        record = http_error_record(request.url, status) if status else fetch_error_record(request.url, failure)
        self.crawler.stats.inc_value(f"bionews/fetch_errors/{record['reason']}")
        yield FetchedRecord(
            dict(record),
            status,
            None,
            header(request.headers, "Referer"),
            requested_url=requested_url(request),
            attempts=self._attempts(request, request.url),
        )

    def _attempts(self, request: Request, url: str) -> int:
        """Downloads of this page: this run's (retries included) and earlier runs' errors."""
        earlier = self.memory.attempts_before(url) if self.memory is not None else 0
        return earlier + request.meta.get("retry_times", 0) + 1

    def _follow_record(self, record: Record, response: Response) -> Iterator[Request]:
        if record["kind"] == "issue":
            self.tally.found_issue(record["issue"])
            for entry in record["articles"]:
                yield from self._page_request(entry["url"], role="article", referer=response.url)
        elif record["kind"] == "article":
            if record["issue"] is not None:
                self.tally.saw(record["issue"])
            asked = (requested_url(response.request) if response.request else None) or response.url
            depth = self.depths.depth_of(asked, response.meta.get("related_depth", 0))
            links = [story["url"] for story in record["related"]]
            if self.depths.follow(asked, response.url, depth, links):
                yield from self._related_requests(links, response.url, depth + 1)

    def _related_requests(self, urls: Iterable[str], referer: str, depth: int) -> Iterator[Request]:
        for url in urls:
            yield from self._page_request(url, role="related", referer=referer, related_depth=depth)

    def _follow_listing(self, links: Iterable[PageLink], response: Response) -> Iterator[Request]:
        for link in links:
            number = read_issue_heading(link.text)
            if number is None and (match := ISSUE_URL_RE.search(link.url)):
                number = int(match["number"])
            if number is not None:
                self.tally.saw(number)
                if self.issue_range is None or number in self.issue_range:
                    yield from self._page_request(link.url, role="issue", referer=response.url)
            elif PAGINATION_TEXT_RE.match(link.text):
                yield from self._page_request(link.url, role="listing", referer=response.url)

    def _page_request(
        self,
        url: str,
        *,
        role: str,
        referer: str | None = None,
        refresh: bool = False,
        dont_filter: bool = False,
        **meta: Any,
    ) -> Iterator[Request]:
        """The request for a page; nothing for a page an earlier run already recorded."""
        depth = meta.get("related_depth", 0)
        if held := self.depths.asked(url, depth):  # met closer to an issue: follow what it held back
            yield from self._related_requests(held[1], held[0], depth + 1)
        if self.memory is not None and not refresh and role != "listing" and self.memory.is_done(url):
            self.crawler.stats.inc_value("bionews/already_recorded")
            for page in self.memory.reached(url, meta.get("related_depth", 0)):
                yield from self._page_request(
                    page.url, role=page.role, referer=page.referer, related_depth=page.related_depth
                )
            return
        headers = {"Referer": referer} if referer else None
        priority = ROLE_PRIORITY.get(role, 0)
        yield Request(
            clean_url(url),
            callback=self.parse_page,
            errback=self.on_error,
            headers=headers,
            priority=priority,
            meta={"role": role, **meta},
            dont_filter=dont_filter,
        )
