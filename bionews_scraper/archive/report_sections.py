"""The archivist's sections of ``bionews report``: calendar gaps, failed URLs, the crawl's figures, stories.

Read from the output directory's files: ``calendar.jsonl`` and ``stories.jsonl`` when a crawl,
replay, merge or ``bionews stories`` wrote them (else built from the records in memory, never
written), ``errors.jsonl`` (with the ``attempts`` count when the crawl recorded one) and
``stats.json``. The crawl's dates are the first and last ``fetched_at`` of its records.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from bionews_scraper.archive.calendar import CalendarDay, build_calendar, calendar_dates, iso_date
from bionews_scraper.archive.html_parts import escape, link
from bionews_scraper.archive.story_files import CALENDAR_FILE, STORIES_FILE
from bionews_scraper.archive.story_records import build_stories
from bionews_scraper.records.outputs import OUTPUT_FILES, read_records

STATS_FILE = "stats.json"


@dataclass(frozen=True, slots=True)
class FailedUrl:
    url: str
    reason: str
    error: str
    attempts: int | None  # None: the crawl did not record attempts


@dataclass(frozen=True, slots=True)
class FlaggedStory:
    story_id: str
    headline: str
    url: str  # the story's first URL
    issue: int | None
    flags: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class ArchiveSections:
    """What an archivist checks beyond coverage; issue numbers are distinct."""

    newest_issue: int | None
    missing_issues: tuple[int, ...]  # 0..newest with no page at all
    expected_missing: tuple[tuple[int, int, str, str], ...]  # runs missing after the first issue seen:
    # (first, last, first's calendar date, last's calendar date)
    failed: tuple[FailedUrl, ...]
    fetched_first: str | None  # RFC 3339, the earliest fetched_at of any record
    fetched_last: str | None
    stats: tuple[tuple[str, str], ...]  # stats.json's figures, flattened: ("responses_by_status/200", "25")
    article_records: int
    stories: int
    stories_with_copies: int
    flagged: tuple[FlaggedStory, ...]


def archive_sections(output_dir: Path) -> ArchiveSections:
    """The sections' figures for ``output_dir`` (which must exist; missing files count as empty)."""
    articles = list(read_records(output_dir / OUTPUT_FILES["article"]))
    issues = list(read_records(output_dir / OUTPUT_FILES["issue"]))
    errors = list(read_records(output_dir / OUTPUT_FILES["error"]))
    calendar = list(read_records(output_dir / CALENDAR_FILE))
    if not calendar:
        calendar = [day.to_record() for day in build_calendar(issues, articles)]
    stories = list(read_records(output_dir / STORIES_FILE))
    if not stories and articles:
        stories = build_stories(articles, calendar_dates(_days(calendar)))
    seen = sorted(day["issue"] for day in calendar if day["pages"])
    missing = tuple(day["issue"] for day in calendar if not day["pages"])
    fetched = sorted(str(r["fetched_at"]) for r in (*articles, *issues, *errors) if r.get("fetched_at"))
    return ArchiveSections(
        newest_issue=calendar[-1]["issue"] if calendar else None,
        missing_issues=missing,
        expected_missing=_runs([d for d in calendar if not d["pages"] and seen and d["issue"] > seen[0]]),
        failed=tuple(_failed(record) for record in errors),
        fetched_first=fetched[0] if fetched else None,
        fetched_last=fetched[-1] if fetched else None,
        stats=tuple(_flat(_stats(output_dir / STATS_FILE))),
        article_records=len(articles),
        stories=len(stories),
        stories_with_copies=sum(len(story["urls"]) > 1 for story in stories),
        flagged=tuple(
            FlaggedStory(s["story_id"], s["headline"], s["urls"][0], s["issue"], tuple(s["flags"]))
            for s in stories
            if s["flags"]
        ),
    )


def _days(calendar: list[dict[str, Any]]) -> Iterable[CalendarDay]:
    for day in calendar:
        date = iso_date(day["date"])
        if date is not None:
            yield CalendarDay(day["issue"], date, day["source"], day["pages"])


def _runs(days: list[dict[str, Any]]) -> tuple[tuple[int, int, str, str], ...]:
    """Consecutive missing issues as (first, last, first date, last date)."""
    runs: list[tuple[int, int, str, str]] = []
    for day in days:
        if runs and day["issue"] == runs[-1][1] + 1:
            runs[-1] = (runs[-1][0], day["issue"], runs[-1][2], day["date"])
        else:
            runs.append((day["issue"], day["issue"], day["date"], day["date"]))
    return tuple(runs)


def _run_label(first: int, last: int) -> str:
    return str(first) if first == last else f"{first}-{last}"


def _failed(record: Mapping[str, Any]) -> FailedUrl:
    attempts = record.get("attempts")
    return FailedUrl(
        str(record.get("url")),
        str(record.get("reason")),
        str(record.get("error") or ""),
        attempts if isinstance(attempts, int) else None,
    )


def _stats(path: Path) -> dict[str, Any]:
    try:
        loaded = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return loaded if isinstance(loaded, dict) else {}


def _flat(stats: Mapping[str, Any], prefix: str = "") -> Iterable[tuple[str, str]]:
    for key, value in stats.items():
        if isinstance(value, dict):
            yield from _flat(value, f"{prefix}{key}/")
        elif value is not None:
            yield f"{prefix}{key}", str(value)


def format_sections_text(sections: ArchiveSections, ranges: Callable[[tuple[int, ...]], str]) -> list[str]:
    """The sections as terminal lines; ``ranges`` formats issue numbers as runs."""
    lines = [
        "",
        "Crawl",
        f"  fetched         {sections.fetched_first or 'unknown'} to {sections.fetched_last or 'unknown'}",
    ]
    lines += [f"  {name:<32} {value}" for name, value in sections.stats] or ["  no stats.json"]
    lines += ["", "Calendar", f"  issues 0-{sections.newest_issue if sections.newest_issue is not None else '?'}"]
    lines.append(f"  missing         {len(sections.missing_issues)}: {ranges(sections.missing_issues) or '-'}")
    lines.append(f"  expected but missing since the first issue seen: {_count(sections)}")
    lines += [f"    {_run_label(a, b)}  {d1} to {d2}" for a, b, d1, d2 in sections.expected_missing]
    lines += ["", "Records and stories", f"  article records {sections.article_records:>6}"]
    lines += [f"  stories         {sections.stories:>6}", f"  with copies     {sections.stories_with_copies:>6}"]
    lines += [f"  copies          {sections.article_records - sections.stories:>6}"]
    lines += ["", f"Flagged stories ({len(sections.flagged)})"]
    lines += [f"  {s.issue} {_printable(s.headline)}: {', '.join(s.flags)}" for s in sections.flagged] or ["  none"]
    lines += ["", f"Failed URLs ({len(sections.failed)})"]
    lines += [
        f"  {_printable(f.reason)}  attempts {f.attempts if f.attempts is not None else '-'}  {_printable(f.url)}"
        for f in sections.failed
    ] or ["  none"]
    return lines


def _count(sections: ArchiveSections) -> int:
    return sum(last - first + 1 for first, last, _, _ in sections.expected_missing)


def _printable(text: str) -> str:
    return "".join(ch if ch.isprintable() else "?" for ch in text)


def sections_html(sections: ArchiveSections, ranges: Callable[[tuple[int, ...]], str]) -> list[str]:
    """The sections as HTML fragments (every page string escaped, no script)."""
    stats_rows = "".join(
        f'<tr><td>{escape(name)}</td><td class="n">{escape(value)}</td></tr>' for name, value in sections.stats
    )
    expected = "".join(
        f'<tr><td class="n">{_run_label(a, b)}</td><td>{escape(d1)} to {escape(d2)}</td></tr>'
        for a, b, d1, d2 in sections.expected_missing
    )
    failed = "".join(
        f'<tr><td>{link(f.url, f.url)}</td><td>{escape(f.reason)}</td><td class="n">'
        f"{f.attempts if f.attempts is not None else '-'}</td><td>{escape(f.error)}</td></tr>"
        for f in sections.failed
    )
    flagged = "".join(
        f'<li>{link(s.url, s.headline)} <span class="muted">(issue {escape(s.issue)}: {escape(", ".join(s.flags))})</span></li>'
        for s in sections.flagged
    )
    return [
        "<h2>Crawl</h2>",
        f'<p id="fetched">Fetched {escape(sections.fetched_first or "unknown")} to {escape(sections.fetched_last or "unknown")}</p>',
        f'<table id="stats">{stats_rows}</table>' if stats_rows else '<p class="muted">no stats.json</p>',
        "<h2>Calendar gaps</h2>",
        f'<p id="missing">Issues missing from 0 to {escape(sections.newest_issue)}: '
        f'<span class="n">{len(sections.missing_issues)}</span> ({escape(ranges(sections.missing_issues) or "none")})</p>',
        f'<p>Expected by the calendar but missing since the first issue seen: <span class="n">{_count(sections)}</span></p>',
        f'<table id="expected-missing">{expected}</table>' if expected else "",
        "<h2>Records and stories</h2>",
        '<table id="stories">'
        f'<tr><td>article records</td><td class="n">{sections.article_records}</td></tr>'
        f'<tr><td>stories</td><td class="n">{sections.stories}</td></tr>'
        f'<tr><td>stories with copies</td><td class="n">{sections.stories_with_copies}</td></tr>'
        f'<tr><td>copies</td><td class="n">{sections.article_records - sections.stories}</td></tr></table>',
        f"<h2>Flagged stories ({len(sections.flagged)})</h2>",
        f'<ul id="flagged">{flagged}</ul>' if flagged else '<p class="muted">none</p>',
        f"<h2>Failed URLs ({len(sections.failed)})</h2>",
        '<table id="failed"><tr><th>URL</th><th>reason</th><th>attempts</th><th>error</th></tr>' + failed + "</table>"
        if failed
        else '<p class="muted">none</p>',
    ]
