"""Re-extract records from WARC files, with no network: the same ``extract`` and pipelines as the crawl.

read (``read.py``) -> parse (``parse.py``: ``extract``, in worker processes when ``jobs > 1``) -> the
crawl's pipelines, provenance -> validate -> dedupe -> write, run in this process in input
order, so the output does not depend on ``jobs``. A page's ``fetched_at`` is its WARC-Date.

The output is written into a staging folder inside the output directory and renamed over the
old files only when the replay read something and wrote every record: a typo in a file name,
a folder of damaged files or a full disk leaves the earlier output (and its stats.json) as it was.
"""

from __future__ import annotations

import multiprocessing
import os
import shutil
import tempfile
import time
from collections import deque
from collections.abc import Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from pathlib import Path
from typing import Any

from scrapy.exceptions import DropItem

from bionews_scraper.archive.warc.parse import Parsed, parse_page, parse_pages
from bionews_scraper.archive.warc.read import (
    ArchiveProblem,
    CapturedPage,
    RequestIndex,
    Skipped,
    index_requests,
    read_pages,
    warc_files,
)
from bionews_scraper.crawl.extensions.statsfile import group_stats
from bionews_scraper.crawl.fetched import FetchedRecord
from bionews_scraper.crawl.pipelines import CountingStats, close_pipelines, open_pipelines
from bionews_scraper.crawl.pipelines.write import OUTPUT_ERROR_STAT
from bionews_scraper.records.jsonl import write_pretty
from bionews_scraper.records.outputs import OUTPUT_FILES
from bionews_scraper.records.types import is_listing_refusal

# Workers never fork this process (it may hold threads and open files): a fork server
# where the platform has one (it imports the parser once, then forks), else spawn.
START_METHOD = "forkserver" if "forkserver" in multiprocessing.get_all_start_methods() else "spawn"
EVENTS_PER_TASK = 8  # pages travel to the workers in small batches: less IPC per page
TASKS_IN_FLIGHT_PER_JOB = 4  # bounds memory: the reader never runs far ahead of the parsers

Event = CapturedPage | Skipped | ArchiveProblem


def replay(paths: list[Path], output_dir: Path, jobs: int = 1) -> dict[str, Any]:
    """Replay WARC files (or directories of them) into ``output_dir``'s JSON Lines files.

    Existing output there is replaced only when the replay read at least one WARC record and
    wrote every record (``replaced`` in the summary says which); nothing is fetched. Returns
    the summary: files, pages, records by kind, errors by reason, skipped by why, duplicates
    dropped, file errors (one line each: a missing, corrupt or foreign file is reported there,
    never raised), the output error if any, and seconds. ``jobs > 1`` parses in that many
    worker processes; the output is the same.
    """
    started = time.monotonic()
    files = warc_files(paths)
    stats = CountingStats()
    problems: list[str] = []
    if not any(_readable(path) for path in files):  # nothing to read: do not even create the output directory
        problems = [f"{path}: cannot open: not a readable file" for path in files] or ["no WARC file given"]
        return _summary(stats, len(files), problems, time.monotonic() - started, replaced=False)
    index = index_requests(files)
    output_dir.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(dir=output_dir, prefix=".replay-"))
    try:
        _replay_into(staging, files, index, jobs, stats, problems)
        replaced = _read_something(stats) and not stats.get_value(OUTPUT_ERROR_STAT)
        summary = _summary(stats, len(files), problems, time.monotonic() - started, replaced=replaced)
        if replaced:
            try:
                write_pretty(staging / "stats.json", summary)  # the step a full disk can still fail
                for name in (*OUTPUT_FILES.values(), "stats.json"):
                    os.replace(staging / name, output_dir / name)
            except OSError as error:
                failure = f"cannot write {output_dir}: {error.strerror or error}"
                return {**summary, "output_error": failure, "replaced": False}
        return summary
    finally:
        shutil.rmtree(staging, ignore_errors=True)


def _replay_into(
    staging: Path, files: list[Path], index: RequestIndex, jobs: int, stats: CountingStats, problems: list[str]
) -> None:
    pipelines = open_pipelines(staging, stats, BIONEWS_APPEND=False)
    try:
        events = (event for path in files for event in read_pages(path, index))
        for event, parsed in _parse_in_order(events, jobs):
            if isinstance(event, Skipped):
                stats.inc_value(f"replay/skipped/{event.why}")
            elif isinstance(event, ArchiveProblem):
                problems.append(str(event))
            elif parsed is not None:  # a page always comes with its parse
                stats.inc_value("replay/pages")
                _write(event, parsed, pipelines, stats)
                if stats.get_value(OUTPUT_ERROR_STAT):
                    return  # the output cannot be written: stop, the old output stays
    finally:
        close_pipelines(pipelines)


def _readable(path: Path) -> bool:
    return path.is_file() and os.access(path, os.R_OK)


def _read_something(stats: CountingStats) -> bool:
    return any(key == "replay/pages" or key.startswith("replay/skipped/") for key in stats.values)


def _write(page: CapturedPage, parsed: Parsed, pipelines: list[Any], stats: CountingStats) -> None:
    records, sha256 = parsed
    if is_listing_refusal(records[0]):
        stats.inc_value("replay/skipped/listing_page")  # the crawl only follows its links
        return
    for record in records:  # an e-mail issue page holds several articles and the issue
        item: Any = FetchedRecord(record, page.status, sha256, page.referer, page.fetched_at)
        try:
            for pipeline in pipelines:
                item = pipeline.process_item(item)
        except DropItem:
            pass  # dedupe counted it


def _parse_in_order(events: Iterable[Event], jobs: int) -> Iterator[tuple[Event, Parsed | None]]:
    """Each event with its parse (pages only), in input order whatever ``jobs`` is."""
    if jobs <= 1:
        for event in events:
            yield event, parse_page(event) if isinstance(event, CapturedPage) else None
        return
    context = multiprocessing.get_context(START_METHOD)
    with ProcessPoolExecutor(max_workers=jobs, mp_context=context) as pool:
        pending: deque[tuple[list[Event], Future[list[Parsed]] | None]] = deque()
        for batch in _batches(events, EVENTS_PER_TASK):
            pages = [event for event in batch if isinstance(event, CapturedPage)]
            pending.append((batch, pool.submit(parse_pages, pages) if pages else None))
            if len(pending) >= jobs * TASKS_IN_FLIGHT_PER_JOB:
                yield from _settled(*pending.popleft())
        while pending:
            yield from _settled(*pending.popleft())


def _batches(events: Iterable[Event], size: int) -> Iterator[list[Event]]:
    batch: list[Event] = []
    for event in events:
        batch.append(event)
        if len(batch) == size:
            yield batch
            batch = []
    if batch:
        yield batch


def _settled(batch: list[Event], future: Future[list[Parsed]] | None) -> Iterator[tuple[Event, Parsed | None]]:
    parsed = iter(future.result() if future is not None else ())
    for event in batch:
        yield event, next(parsed) if isinstance(event, CapturedPage) else None


def _summary(stats: CountingStats, files: int, problems: list[str], seconds: float, replaced: bool) -> dict[str, Any]:
    values = stats.values
    return {
        "files": files,
        "pages": values.get("replay/pages", 0),  # responses parsed (or turned into HTTP error records)
        "records_by_kind": group_stats(
            values, "bionews/records/"
        ),  # as in stats.json: error records are counted by reason
        "errors_by_reason": group_stats(values, "bionews/errors/"),
        "skipped_by_why": group_stats(values, "replay/skipped/"),
        "duplicates_dropped": values.get("bionews/duplicates", 0),
        "file_errors": problems,
        "output_error": stats.get_value(OUTPUT_ERROR_STAT),
        "replaced": replaced,  # False: the output directory was left as it was
        "seconds": round(seconds, 3),
    }
