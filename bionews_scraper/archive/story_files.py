"""``OUT/calendar.jsonl`` and ``OUT/stories.jsonl``, rebuilt from an output directory's JSON Lines alone.

Run at the end of every crawl, replay and merge, and by ``bionews stories OUT``. Each file is
written beside its final name and renamed over it, so a failed run leaves the old file whole.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from bionews_scraper.archive.calendar import build_calendar, calendar_dates
from bionews_scraper.archive.story_records import build_stories
from bionews_scraper.records.jsonl import dumps_line
from bionews_scraper.records.outputs import OUTPUT_FILES, read_records

CALENDAR_FILE = "calendar.jsonl"
STORIES_FILE = "stories.jsonl"
# What the calendar and the story rule read of a record; the rest (related lists, sources,
# warnings, provenance) is dropped as each line is read, so a 10,000-article archive's
# stories cost a fraction of its records' memory.
STORY_FIELDS = ("url", "canonical_url", "layout", "headline", "issue", "published", "authors", "section", "body")


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
    articles = [_slim(record) for record in read_records(output_dir / OUTPUT_FILES["article"])]
    issues = [_slim(record) for record in read_records(output_dir / OUTPUT_FILES["issue"])]
    days = build_calendar(issues, articles)
    stories = build_stories(articles, calendar_dates(days))
    _replace(output_dir / CALENDAR_FILE, (day.to_record() for day in days))
    _replace(output_dir / STORIES_FILE, stories)
    estimated = sum(day.source == "estimated" for day in days)
    return StorySummary(len(articles), len(stories), len(articles) - len(stories), len(days), estimated)


def _slim(record: dict[str, Any]) -> dict[str, Any]:
    return {key: record[key] for key in STORY_FIELDS if key in record}


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
