"""``OUT/calendar.jsonl`` and ``OUT/stories.jsonl``, rebuilt from an output directory's JSON Lines alone.

Run at the end of every crawl, replay and merge, and by ``bionews stories OUT``. Each file is
written beside its final name and renamed over it, so a failed run leaves the old file whole.
"""

from __future__ import annotations

import io
import os
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, BinaryIO

from bionews_scraper.archive.calendar import build_calendar, calendar_dates
from bionews_scraper.archive.story_records import build_stories
from bionews_scraper.records.jsonl import dumps_line
from bionews_scraper.records.outputs import OUTPUT_FILES, read_record_at, read_records, read_records_at

CALENDAR_FILE = "calendar.jsonl"
STORIES_FILE = "stories.jsonl"
# What the calendar and the story rule keep of a record; the rest (body, related lists,
# sources, warnings, provenance) is dropped as each line is read. The story rule reads the
# bodies again from their lines, one issue at a time, so memory does not grow with the archive.
STORY_FIELDS = ("url", "canonical_url", "layout", "headline", "issue", "published", "authors", "section")


@dataclass(frozen=True, slots=True)
class StorySummary:
    """What ``write_story_files`` found."""

    articles: int  # article records read
    stories: int
    copies: int  # article records that are a further copy of a story already counted
    issues: int  # calendar lines (issue 0 to the newest)
    estimated: int  # of which estimated

    def to_dict(self) -> dict[str, int]:
        return {
            "articles": self.articles,
            "stories": self.stories,
            "copies": self.copies,
            "calendar_issues": self.issues,
            "calendar_estimated": self.estimated,
        }


def write_story_files(output_dir: Path) -> StorySummary:
    """Write ``calendar.jsonl`` and ``stories.jsonl`` in ``output_dir`` from its articles and issues.

    Raises FileNotFoundError if ``output_dir`` is not a directory, OSError if a file cannot
    be written (the previous file is then left as it was).
    """
    if not output_dir.is_dir():
        raise FileNotFoundError(f"not an output directory: {output_dir}")
    articles_file = output_dir / OUTPUT_FILES["article"]
    offsets, articles = _read_slim(articles_file)
    issues = [_slim(record) for record in read_records(output_dir / OUTPUT_FILES["issue"])]
    days = build_calendar(issues, articles)
    with _open_or_empty(articles_file) as lines:
        stories = build_stories(articles, calendar_dates(days), lambda i: _body(lines, offsets[i]))
    _replace(output_dir / CALENDAR_FILE, (day.to_record() for day in days))
    _replace(output_dir / STORIES_FILE, stories)
    estimated = sum(day.source == "estimated" for day in days)
    return StorySummary(len(articles), len(stories), len(articles) - len(stories), len(days), estimated)


def _slim(record: dict[str, Any]) -> dict[str, Any]:
    return {key: record[key] for key in STORY_FIELDS if key in record}


def _read_slim(path: Path) -> tuple[list[int], list[dict[str, Any]]]:
    """The slimmed records of ``path`` and the byte offset of each one's line."""
    offsets: list[int] = []
    records: list[dict[str, Any]] = []
    for offset, record in read_records_at(path):
        offsets.append(offset)
        records.append(_slim(record))
    return offsets, records


def _open_or_empty(path: Path) -> BinaryIO:
    return path.open("rb") if path.exists() else io.BytesIO()


def _body(lines: BinaryIO, offset: int) -> str:
    return str(read_record_at(lines, offset).get("body") or "")


def _replace(path: Path, records: Iterable[dict[str, Any]]) -> None:
    partial = path.with_name(f".{path.name}.partial")
    try:
        with partial.open("w", encoding="utf-8") as handle:
            handle.writelines(dumps_line(record) for record in records)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(partial, path)
    finally:
        partial.unlink(missing_ok=True)
