"""Run the ``bionews`` spider in this process, from plain option values.

``bionews crawl`` and ``bionews demo`` both come here; the demo only adds the loopback
settings and the site's start URLs.
"""

from __future__ import annotations

import json
import warnings
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from scrapy.crawler import CrawlerProcess
from scrapy.exceptions import ScrapyDeprecationWarning
from scrapy.settings import Settings

from bionews_scraper import __version__
from bionews_scraper.crawl.distributed import UNQUEUED_STAT, redis_settings
from bionews_scraper.crawl.extensions.statsfile import group_stats
from bionews_scraper.records.types import is_transient

COMPONENT_SETTINGS = ("DOWNLOADER_MIDDLEWARES", "EXTENSIONS", "ITEM_PIPELINES", "SPIDER_MIDDLEWARES")


@dataclass(frozen=True)
class CrawlOptions:
    """What to crawl and where to write it: the values of ``bionews crawl``'s options."""

    output_dir: Path = Path("output")
    issues: str | None = None  # "700-743"
    urls: tuple[str, ...] = ()
    urls_file: Path | None = None
    jobdir: Path | None = None  # resumable crawl state (Scrapy JOBDIR)
    incremental: bool = False  # only what is new or changed since the last run into output_dir
    retry_errors: bool = False  # also fetch every page with an error record in output_dir again
    related_depth: int | None = None
    redis_url: str | None = None  # share the crawl with other workers through this Redis
    warc: bool = False  # record every request and response in output_dir/warc/
    overrides: Mapping[str, Any] = field(default_factory=dict)  # -s KEY=VALUE


def crawl_settings(options: CrawlOptions) -> Settings:
    """The project settings with ``options`` applied."""
    settings = Settings()
    settings.setmodule("bionews_scraper.crawl.settings", priority="project")
    values: dict[str, Any] = {"BIONEWS_OUTPUT_DIR": str(options.output_dir)}
    if options.jobdir:
        values.update(JOBDIR=str(options.jobdir), BIONEWS_APPEND=True, BIONEWS_RESUME=True)
    if options.incremental:
        values.update(BIONEWS_APPEND=True, BIONEWS_INCREMENTAL=True)
    if options.retry_errors:
        values.update(BIONEWS_APPEND=True, BIONEWS_RETRY_ERRORS=True)
    if options.related_depth is not None:
        values["BIONEWS_RELATED_DEPTH"] = options.related_depth
    if options.warc:
        values["BIONEWS_WARC_DIR"] = str(options.output_dir / "warc")
    if options.redis_url:
        values.update(redis_settings(options.redis_url))
        # Each worker writes its own shard; `bionews merge` joins them.
        values["BIONEWS_OUTPUT_DIR"] = str(options.output_dir / f"worker-{values['BIONEWS_WORKER_ID']}")
    values.update(options.overrides)
    if "USER_AGENT" not in values:  # a contact URL given with -s reaches the User-Agent too
        contact = values.get("BIONEWS_CONTACT_URL", settings.get("BIONEWS_CONTACT_URL"))
        values["USER_AGENT"] = f"bionews-scraper/{__version__} (+{contact})"
    for name in COMPONENT_SETTINGS:  # components add to the project's, never replace them
        if isinstance(values.get(name), str):
            values[name] = json.loads(values[name])
        if isinstance(values.get(name), dict):
            values[name] = {**settings.getdict(name), **values[name]}
    settings.setdict(values, priority="cmdline")
    return settings


def spider_arguments(options: CrawlOptions) -> dict[str, str]:
    arguments: dict[str, str] = {}
    if options.issues:
        arguments["issues"] = options.issues
    if options.urls:
        arguments["urls"] = " ".join(options.urls)
    if options.urls_file:
        arguments["urls_file"] = str(options.urls_file)
    return arguments


def run_crawl(options: CrawlOptions) -> dict[str, Any]:
    """Crawl until done; returns Scrapy's final stats, with ``bionews/output_dir`` (a worker's shard)."""
    if options.redis_url:
        # scrapy-redis calls Scrapy APIs deprecated since 2.13 on every request: nothing a user
        # can act on, and a warning per call would drown the quiet default output.
        warnings.filterwarnings("ignore", category=ScrapyDeprecationWarning, module=r"scrapy_redis\.")
    process = CrawlerProcess(crawl_settings(options))
    crawler = process.create_crawler("bionews")
    process.crawl(crawler, **spider_arguments(options))
    process.start()
    return {**crawler.stats.get_stats(), "bionews/output_dir": crawler.settings.get("BIONEWS_OUTPUT_DIR")}


def crawl_problems(stats: Mapping[str, Any]) -> list[str]:
    """One sentence for each reason a finished crawl must not exit 0; empty when it did its job."""
    problems = [
        stats[key] for key in ("bionews/output_error", "bionews/stats_error", "bionews/redis/error") if stats.get(key)
    ]
    reason = stats.get("finish_reason")
    if reason != "finished" and not problems:
        problems.append(f"the crawl stopped before it was done (finish reason: {reason})")
    if unqueued := stats.get(UNQUEUED_STAT):
        problems.append(f"{unqueued} pages found while Redis was away were never queued: the output lacks them")
    errors_by_reason = group_stats(stats, "bionews/errors/")
    if transient := sum(count for why, count in errors_by_reason.items() if is_transient(why)):
        problems.append(
            f"{transient} pages failed for a reason that may pass (5xx, timeouts, resets) and are not in the output: "
            "run again with --incremental (or the same --jobdir) to fetch them"
        )
    if missing := stats.get("bionews/errors/issue_not_found"):
        problems.append(f"{missing} asked-for issues exist nowhere (issue_not_found in errors.jsonl)")
    records = sum(value for key, value in stats.items() if key.startswith("bionews/records/"))
    known = stats.get("bionews/already_recorded", 0) + stats.get("bionews/unchanged", 0)
    if not records and not known and not problems:
        errors = sum(errors_by_reason.values())
        problems.append(f"nothing was fetched: no page gave an article or issue record ({errors} errors)")
    return problems


def summary_line(stats: Mapping[str, Any]) -> str:
    """``wrote 16 articles, 5 issues, 2 errors to output; see output/errors.jsonl``."""
    out = stats.get("bionews/output_dir", "output")
    errors = sum(value for key, value in stats.items() if key.startswith("bionews/errors/"))
    return (
        f"wrote {stats.get('bionews/records/article', 0)} articles, {stats.get('bionews/records/issue', 0)} issues, "
        f"{errors} errors to {out}; see {Path(out) / 'errors.jsonl'}"
    )
