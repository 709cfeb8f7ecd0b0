"""Every fixture keeps BioNews's calendar: issue numbers and dates agree across all fixtures.

The calendar is the list of issue: date pairs in docs/site-layouts.md. BioNews is weekly,
on Mondays, with weeks skipped, so issue j comes at least 7 * (j - i) days after issue i.
An issue's date is what its issue page or the calendar says; an article's own date lies
within two weeks of its issue's date, unless its case's meta.json says ``"migrated": true``
(migrated WordPress pages can be weeks off). A legacy or bionews2018 page is dated within
the years its template served pages. Fixture dates are read from the reviewed expected
records: fixtures/pages/*/expected.json and the demo site's manifest.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from datetime import date, timedelta

import pytest

from tests.cases import ROOT, all_cases

LAYOUTS_DOC = ROOT / "docs" / "site-layouts.md"
SITE_MANIFEST = ROOT / "fixtures" / "site" / "manifest.json"
CALENDAR_SECTION_RE = re.compile(r"^## Issue numbers and dates\n(?P<text>.*?)^## ", re.MULTILINE | re.DOTALL)
CALENDAR_PAIR_RE = re.compile(r"\b(?P<issue>\d{1,4}): (?P<date>\d{4}-\d{2}-\d{2})\b")
ONE_WEEK = timedelta(days=7)
ARTICLE_SLACK = timedelta(days=14)  # an article's own date line may be a few days off its issue's Monday
MONDAY = 0
# When each template served pages (docs/site-layouts.md): legacy to early 2018, bionews2018
# from 2018 to May 2022; progress holds the whole archive, migrated, so any date is its.
TEMPLATE_ERAS = {"legacy": (date(1999, 3, 22), date(2018, 6, 30)), "bionews2018": (date(2018, 1, 1), date(2022, 5, 31))}


@dataclass(frozen=True)
class Dated:
    """One issue number with a date, and where that pair was read."""

    issue: int
    day: date
    source: str

    def __str__(self) -> str:
        return f"{self.source}: issue {self.issue} dated {self.day}"


def calendar_pairs() -> list[Dated]:
    section = CALENDAR_SECTION_RE.search(LAYOUTS_DOC.read_text(encoding="utf-8"))
    assert section, f"no 'Issue numbers and dates' section in {LAYOUTS_DOC}"
    return [
        Dated(int(m["issue"]), date.fromisoformat(m["date"]), "calendar")
        for m in CALENDAR_PAIR_RE.finditer(section["text"])
    ]


def _fixture_records() -> list[tuple[str, dict, bool]]:
    """(source, record, migrated) for every reviewed article and issue record."""
    found = [
        (f"fixtures/pages/{case.name}", record, bool(case.meta.get("migrated")))
        for case in all_cases()
        for record in (case.expected if isinstance(case.expected, list) else [case.expected])  # a page may hold several
        if record.get("kind") in ("article", "issue")
    ]
    manifest = json.loads(SITE_MANIFEST.read_text(encoding="utf-8"))
    for detail in manifest["issue_details"]:
        found.append((f"fixtures/site {detail['url']}", {"kind": "issue", **detail}, False))
    for detail in manifest["article_details"]:
        found.append((f"fixtures/site {detail['url']}", {"kind": "article", **detail}, bool(detail.get("migrated"))))
    return found


def _dated(kind: str) -> list[tuple[Dated, bool]]:
    return [
        (Dated(record["issue"], date.fromisoformat(record["published"]), source), migrated)
        for source, record, migrated in _fixture_records()
        if record["kind"] == kind and record.get("published") and record.get("issue") is not None
    ]


CALENDAR = calendar_pairs()
ISSUE_DATES = [dated for dated, _ in _dated("issue")]
ARTICLE_DATES = _dated("article")
KNOWN = CALENDAR + ISSUE_DATES  # every date an issue is said to have


TEMPLATE_DATES = [
    (source, record["layout"], date.fromisoformat(record["published"]))
    for source, record, _ in _fixture_records()
    if record.get("published") and record.get("layout") in TEMPLATE_ERAS
]


def _contradictions(one: Dated, known: list[Dated]) -> list[str]:
    """The pairs in ``known`` that ``one`` cannot share a calendar with."""
    clashes = []
    for other in known:
        if other is one:
            continue
        if other.issue == one.issue and other.day != one.day:
            clashes.append(f"same issue, other date: {other}")
        elif other.issue != one.issue:
            first, last = sorted((one, other), key=lambda d: d.issue)
            if last.day - first.day < ONE_WEEK * (last.issue - first.issue):
                clashes.append(f"more than one issue a week between them: {other}")
    return clashes


def issue_date_bounds(issue: int, known: list[Dated]) -> tuple[date, date]:
    """The earliest and latest date issue ``issue`` can have, given the ``known`` pairs."""
    earliest = max((d.day + ONE_WEEK * (issue - d.issue) for d in known if d.issue <= issue), default=date.min)
    latest = min((d.day - ONE_WEEK * (d.issue - issue) for d in known if d.issue >= issue), default=date.max)
    return earliest, latest


def test_the_calendar_is_read_from_the_layouts_page() -> None:
    assert len(CALENDAR) >= 20
    assert Dated(0, date(1999, 3, 22), "calendar") in CALENDAR
    assert Dated(1112, date(2021, 9, 13), "calendar") in CALENDAR


@pytest.mark.parametrize("pair", CALENDAR, ids=str)
def test_calendar_pair_is_a_monday_and_agrees_with_the_other_pairs(pair: Dated) -> None:
    assert pair.day.weekday() == MONDAY
    assert _contradictions(pair, CALENDAR) == []


@pytest.mark.parametrize("dated", ISSUE_DATES, ids=str)
def test_issue_date_agrees_with_the_calendar_and_every_other_issue(dated: Dated) -> None:
    assert dated.day.weekday() == MONDAY, f"{dated} is not a Monday"
    assert _contradictions(dated, KNOWN) == []


@pytest.mark.parametrize(
    "dated", [d for d, migrated in ARTICLE_DATES if not migrated], ids=lambda d: f"{d.source} ({d.issue})"
)
def test_article_date_lies_within_two_weeks_of_its_issue(dated: Dated) -> None:
    earliest, latest = issue_date_bounds(dated.issue, KNOWN)
    assert earliest <= latest, f"the calendar leaves no date for issue {dated.issue}"
    assert earliest <= dated.day + ARTICLE_SLACK and dated.day - ARTICLE_SLACK <= latest, (
        f"{dated}, but issue {dated.issue} falls between {earliest} and {latest}"
    )


@pytest.mark.parametrize(("source", "layout", "day"), TEMPLATE_DATES, ids=[source for source, _, _ in TEMPLATE_DATES])
def test_page_date_lies_in_its_template_era(source: str, layout: str, day: date) -> None:
    first, last = TEMPLATE_ERAS[layout]
    assert first <= day <= last, f"{source}: a {layout} page dated {day}"


@pytest.mark.parametrize(
    ("issue", "known", "bounds"),
    [
        (5, [Dated(3, date(2000, 1, 3), "a"), Dated(8, date(2000, 3, 6), "b")], (date(2000, 1, 17), date(2000, 2, 14))),
        (3, [Dated(3, date(2000, 1, 3), "a")], (date(2000, 1, 3), date(2000, 1, 3))),
        (9, [Dated(3, date(2000, 1, 3), "a")], (date(2000, 2, 14), date.max)),
    ],
)
def test_issue_date_bounds_allow_at_most_one_issue_a_week(
    issue: int, known: list[Dated], bounds: tuple[date, date]
) -> None:
    assert issue_date_bounds(issue, known) == bounds


def test_two_dates_for_one_issue_and_two_issues_in_one_week_are_caught() -> None:
    known = [Dated(600, date(2011, 3, 21), "calendar"), Dated(602, date(2011, 3, 28), "x")]
    assert len(_contradictions(Dated(600, date(2011, 5, 30), "y"), known)) == 2
    assert _contradictions(Dated(601, date(2011, 3, 28), "z"), known[:1]) == []
