"""Build one ``stories.jsonl`` line per story from its copies and the issue calendar.

Best values: the copies are ordered by template era (``legacy``, then ``bionews2018``, then
``progress``), then by URL. The oldest template printed the story closest to when it was
written, and migrated pages show today's titles and re-dated "Published" lines, so each field
comes from the first copy in that order that has it: ``headline``, ``issue``, ``published``
and ``authors``; ``section`` from the first copy that has one (only newer templates print it).
``issue_date`` is the issue's calendar date.

Flags, so an archivist sees what the copies disagree on:

- ``published_far_from_issue_date``: some copy prints a date more than ``FAR_DAYS`` days from
  the issue's calendar date (a migration artefact);
- ``authors_differ_between_copies``: copies with a byline print different names (an honorific
  added or dropped counts);
- ``headline_differs_between_copies``: the normalised headlines differ (a re-typed headline).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Mapping, Sequence
from datetime import date
from typing import Any

from bionews_scraper.archive.calendar import iso_date
from bionews_scraper.archive.stories import group_copies, normalise_headline, story_id

ERA_ORDER = {"legacy": 0, "bionews2018": 1, "progress": 2}
FAR_DAYS = 14
FIELD_TYPES: dict[str, type | tuple[type, ...]] = {
    "headline": str,
    "issue": int,
    "authors": list,
    "section": str,
}
STORY_KEYS = ("story_id", "headline", "issue", "issue_date", "published", "authors", "section", "urls", "flags")


def build_stories(
    articles: Sequence[Mapping[str, Any]], calendar: Mapping[int, date], body_of: Callable[[int], str] | None = None
) -> list[dict[str, Any]]:
    """One story record per group of copies among ``articles``, ordered by issue, date and id.

    ``calendar`` maps issue numbers to their dates (``calendar_dates``); an issue missing
    from it gets ``issue_date`` null and no date flag. ``body_of`` as in ``group_copies``.
    """
    addresses = record_addresses(articles)
    stories = [
        _story([articles[i] for i in group], [addresses[i] for i in group], calendar)
        for group in group_copies(articles, body_of)
    ]
    return sorted(stories, key=lambda s: (s["issue"] is None, s["issue"] or 0, s["published"] or "", s["story_id"]))


def record_addresses(records: Sequence[Mapping[str, Any]]) -> list[str]:
    """Each record's address in ``urls``: its URL, or its canonical URL when several records share
    the URL (a legacy e-mail issue page holding whole articles). ``bionews export`` joins the same way."""
    shared = Counter(str(r.get("url")) for r in records)
    return [
        str(r["canonical_url"]) if shared[str(r.get("url"))] > 1 and r.get("canonical_url") else str(r.get("url"))
        for r in records
    ]


def _story(copies: list[Mapping[str, Any]], addresses: list[str], calendar: Mapping[int, date]) -> dict[str, Any]:
    order = sorted(
        range(len(copies)),
        key=lambda k: (ERA_ORDER.get(str(copies[k].get("layout")), len(ERA_ORDER)), addresses[k]),
    )
    ordered = [copies[k] for k in order]
    headline = str(_first(ordered, "headline") or "")
    issue = _first(ordered, "issue")
    issue_date = calendar.get(issue) if isinstance(issue, int) else None
    published = next((r["published"] for r in ordered if iso_date(r.get("published"))), None)
    story = {
        "story_id": story_id(issue, headline, published),
        "headline": headline,
        "issue": issue,
        "issue_date": issue_date.isoformat() if issue_date else None,
        "published": published,
        "authors": _first(ordered, "authors") or [],
        "section": _first(ordered, "section"),
        "urls": list(dict.fromkeys(addresses[k] for k in order)),
        "flags": _flags(ordered, issue_date),
    }
    return {key: story[key] for key in STORY_KEYS}


def _first(copies: Sequence[Mapping[str, Any]], key: str) -> Any:
    """The first copy's value of ``key`` that is not null, empty or of the wrong type (a hand-edited line)."""
    wanted = FIELD_TYPES[key]
    return next((r[key] for r in copies if isinstance(r.get(key), wanted) and r[key] not in ("", [])), None)


def _flags(copies: Sequence[Mapping[str, Any]], issue_date: date | None) -> list[str]:
    flags = []
    if issue_date is not None and any(_far(r.get("published"), issue_date) for r in copies):
        flags.append("published_far_from_issue_date")
    if len({tuple(map(str, r["authors"])) for r in copies if isinstance(r.get("authors"), list) and r["authors"]}) > 1:
        flags.append("authors_differ_between_copies")
    if len({normalise_headline(str(r.get("headline") or "")) for r in copies}) > 1:
        flags.append("headline_differs_between_copies")
    return flags


def _far(published: object, issue_date: date) -> bool:
    printed = iso_date(published)
    return printed is not None and abs((printed - issue_date).days) > FAR_DAYS
