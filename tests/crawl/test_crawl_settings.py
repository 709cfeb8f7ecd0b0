"""What `bionews crawl` options turn into, as Scrapy settings."""

from __future__ import annotations

from pathlib import Path
from types import SimpleNamespace
from typing import cast

import pytest
from scrapy.crawler import Crawler
from scrapy.exceptions import NotConfigured
from scrapy.extensions.remote_control import RemoteControl

from bionews_scraper.crawl.run import CrawlOptions, crawl_settings, spider_arguments


def test_polite_defaults() -> None:
    settings = crawl_settings(CrawlOptions())
    assert settings.getbool("ROBOTSTXT_OBEY") and settings.getbool("AUTOTHROTTLE_ENABLED")
    assert settings.getfloat("DOWNLOAD_DELAY") == 1.0 and settings.getint("CONCURRENT_REQUESTS_PER_DOMAIN") == 2
    assert "(+https://" in settings.get("USER_AGENT")


def test_contact_url_reaches_the_user_agent() -> None:
    settings = crawl_settings(CrawlOptions(overrides={"BIONEWS_CONTACT_URL": "https://archive.example.org/contact"}))
    assert settings.get("USER_AGENT").endswith("(+https://archive.example.org/contact)")


def test_jobdir_resumes_and_appends(tmp_path: Path) -> None:
    settings = crawl_settings(CrawlOptions(output_dir=tmp_path, jobdir=tmp_path / "job"))
    assert settings.get("JOBDIR") == str(tmp_path / "job")
    assert settings.getbool("BIONEWS_RESUME") and settings.getbool("BIONEWS_APPEND")


def test_component_overrides_add_to_the_projects_components() -> None:
    settings = crawl_settings(CrawlOptions(overrides={"ITEM_PIPELINES": '{"some.Pipeline": 900}'}))
    pipelines = settings.getdict("ITEM_PIPELINES")
    assert pipelines["some.Pipeline"] == 900 and "bionews_scraper.crawl.pipelines.write.WritePipeline" in pipelines


def test_redis_workers_write_their_own_shards(tmp_path: Path) -> None:
    settings = crawl_settings(CrawlOptions(output_dir=tmp_path, redis_url="redis://127.0.0.1:6379/0"))
    assert settings.get("SCHEDULER") == "scrapy_redis.scheduler.Scheduler" and settings.getbool("SCHEDULER_PERSIST")
    assert Path(settings.get("BIONEWS_OUTPUT_DIR")).parent == tmp_path
    assert Path(settings.get("BIONEWS_OUTPUT_DIR")).name.startswith("worker-")


def test_spider_arguments_carry_the_entry_mode(tmp_path: Path) -> None:
    assert spider_arguments(CrawlOptions(issues="700-743")) == {"issues": "700-743"}
    assert spider_arguments(CrawlOptions(urls=("https://a.test/1", "https://a.test/2"))) == {
        "urls": "https://a.test/1 https://a.test/2"
    }


def test_no_way_in_from_outside_no_telnet_no_remote_control() -> None:
    settings = crawl_settings(CrawlOptions())
    assert not settings.getbool("TELNETCONSOLE_ENABLED")
    with pytest.raises(NotConfigured):
        RemoteControl(cast("Crawler", SimpleNamespace(settings=settings)))


def test_a_page_s_output_is_handled_by_a_few_tasks_not_a_hundred() -> None:
    # Scrapy starts CONCURRENT_ITEMS asyncio tasks per callback output; our pipelines are synchronous.
    assert crawl_settings(CrawlOptions()).getint("CONCURRENT_ITEMS") <= 8
