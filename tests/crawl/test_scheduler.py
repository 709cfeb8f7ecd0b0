"""JOBDIR state is trusted only after a clean stop, and a damaged queue file loses nothing."""

from __future__ import annotations

from pathlib import Path
from types import SimpleNamespace
from urllib.parse import urlsplit

from scrapy import Request, Spider
from scrapy.utils.test import get_crawler

from bionews_scraper.crawl.scheduler import CLEAN_STOP_FILE, LedgerScheduler, distrust_unclean_jobdir

PAGE = "https://www.progress.org.uk/ovary-organoids-grow-early-stage-human-eggs/"


def _scheduler(jobdir: Path) -> LedgerScheduler:
    """The scheduler as a crawl opens it, with a stand-in downloader (no download starts)."""
    crawler = get_crawler(Spider, {"JOBDIR": str(jobdir)})
    crawler.spider = crawler._create_spider("bionews")
    crawler.engine = SimpleNamespace(
        downloader=SimpleNamespace(slots={}, get_slot_key=lambda request: urlsplit(request.url).hostname)
    )
    scheduler = LedgerScheduler.from_crawler(crawler)
    scheduler.open(crawler.spider)
    return scheduler


def _queue_files(jobdir: Path) -> list[Path]:
    return [path for path in (jobdir / "requests.queue").rglob("*") if path.is_file() and path.name != "active.json"]


def test_a_jobdir_left_by_a_kill_loses_its_seen_set_and_queue(tmp_path: Path) -> None:
    (tmp_path / "requests.queue").mkdir()
    (tmp_path / "requests.queue" / "p10").write_bytes(b"")
    (tmp_path / "requests.seen").write_text("0123abcd\n")
    assert distrust_unclean_jobdir(tmp_path)
    assert not (tmp_path / "requests.seen").exists() and not (tmp_path / "requests.queue").exists()


def test_a_jobdir_closed_cleanly_is_kept_and_its_mark_taken_away(tmp_path: Path) -> None:
    (tmp_path / "requests.seen").write_text("0123abcd\n")
    (tmp_path / CLEAN_STOP_FILE).touch()
    assert not distrust_unclean_jobdir(tmp_path)
    assert (tmp_path / "requests.seen").exists() and not (tmp_path / CLEAN_STOP_FILE).exists()


def test_closing_the_scheduler_marks_the_jobdir_clean(tmp_path: Path) -> None:
    scheduler = _scheduler(tmp_path)
    assert scheduler.enqueue_request(Request(PAGE, priority=10))
    scheduler.close("shutdown")
    assert (tmp_path / CLEAN_STOP_FILE).exists()
    assert _scheduler(tmp_path).next_request().url == PAGE  # trusted: the saved queue is read


def test_a_zero_byte_queue_file_sends_requests_to_memory_instead_of_losing_them(tmp_path: Path) -> None:
    first = _scheduler(tmp_path)
    first.enqueue_request(Request(PAGE, priority=10))
    [queue_file] = _queue_files(tmp_path)  # where a request of this host and priority is kept
    first.close("shutdown")
    for path in [*_queue_files(tmp_path), tmp_path / "requests.seen"]:
        path.unlink()
    (tmp_path / "requests.queue" / "active.json").write_text("{}")
    queue_file.parent.mkdir(parents=True, exist_ok=True)
    queue_file.write_bytes(b"")  # what a kill can leave behind

    scheduler = _scheduler(tmp_path)
    assert scheduler.enqueue_request(Request(PAGE, priority=10))
    request = scheduler.next_request()
    assert request is not None and request.url == PAGE
    assert scheduler.stats.get_value("bionews/scheduler/disk_queue_write_errors") == 1
