"""The issue calendar: issue number -> date, from the pages of a crawl.

An issue's date is, strongest first:

1. ``issue_page``: the date its own issue page prints (the most common one if several do);
2. ``articles``: the date most of its articles print (between equals, the Monday), but only
   when that date fits the calendar: after the nearest dated issue below it, before the
   nearest one above, and within ``FIT_DAYS`` of the date interpolated between them (plus
   ``DRIFT_DAYS_PER_ISSUE`` for each issue between those neighbours: breaks at Christmas and
   elsewhere make a straight line between far-apart issues drift by weeks). Migrated
   WordPress pages print dates weeks off, so a candidate that does not fit is dropped, worst
   first, until every one left fits: one stray page never moves the calendar;
3. ``estimated``: interpolated between the nearest dated issues on both sides (extrapolated at
   ``DAYS_PER_ISSUE`` past the newest) and moved to the nearest Monday.

Issue 0 (22 March 1999) anchors the start. The calendar runs from 0 to the newest issue seen.
"""

from __future__ import annotations

import bisect
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any, Literal

Source = Literal["issue_page", "articles", "estimated"]

FIRST_ISSUE_DATE = date(1999, 3, 22)  # BioNews 0
FIT_DAYS = 14  # an article date further than this from the interpolated one is a migration artefact
DAYS_PER_ISSUE = 7  # weekly; past the newest dated issue the calendar extrapolates at this rate
DRIFT_DAYS_PER_ISSUE = 0.25  # 536..577 (41 issues) allows 24 days, so issue 540 printed 5 weeks late is dropped
OUT_OF_ORDER_DAYS = 100_000
MAX_ISSUE = 10_000  # weekly from 1999, BioNews reaches it around 2190: a larger number is a damaged record
MONDAY = 0


@dataclass(frozen=True, slots=True)
class CalendarDay:
    """One issue's line of ``calendar.jsonl``."""

    issue: int
    date: date
    source: Source
    pages: int  # records (issue pages and articles) that name this issue

    def to_record(self) -> dict[str, Any]:
        return {"issue": self.issue, "date": self.date.isoformat(), "source": self.source, "pages": self.pages}


def build_calendar(issues: Iterable[Mapping[str, Any]], articles: Iterable[Mapping[str, Any]]) -> list[CalendarDay]:
    """The calendar from issue and article records (any other record is ignored).

    Returns one day per issue from 0 to the newest issue number seen, in order; an empty
    list when no record carries an issue number. Records without a parseable date still
    count in ``pages``.
    """
    page_dates: dict[int, list[date]] = defaultdict(list)
    article_dates: dict[int, list[date]] = defaultdict(list)
    pages: Counter[int] = Counter()
    for records, dates in ((issues, page_dates), (articles, article_dates)):
        for record in records:
            number = record.get("issue")
            if not isinstance(number, int) or isinstance(number, bool) or not 0 <= number <= MAX_ISSUE:
                continue
            pages[number] += 1
            printed = iso_date(record.get("published"))
            if printed is not None:
                dates[number].append(printed)
    if not pages:
        return []
    known: dict[int, tuple[date, Source]] = {0: (FIRST_ISSUE_DATE, "estimated")}
    known.update({n: (_most_common(found), "issue_page") for n, found in page_dates.items()})
    candidates = {n: _most_common(found) for n, found in article_dates.items() if n not in known}
    known.update({n: (printed, "articles") for n, printed in _fitting(known, candidates).items()})
    return _fill(known, max(pages), pages)


def iso_date(value: object) -> date | None:
    """``"2011-07-25"`` -> that date; anything else (null, a bad string) -> None."""
    try:
        return date.fromisoformat(value) if isinstance(value, str) else None
    except ValueError:
        return None


def _most_common(dates: list[date]) -> date:
    """The date printed most often; between equals a Monday, then the earliest."""
    counts = Counter(dates)
    best = max(counts.values())
    return min((d for d, n in counts.items() if n == best), key=lambda d: (d.weekday() != MONDAY, d))


def _fitting(known: Mapping[int, tuple[date, Source]], candidates: dict[int, date]) -> dict[int, date]:
    """The article-derived dates that fit between their neighbours, the worst misfit dropped first."""
    kept = dict(candidates)
    while kept:
        numbers = sorted({*known, *kept})
        dates = {n: known[n][0] if n in known else kept[n] for n in numbers}
        misfits = {n: _misfit(n, numbers, dates) for n in kept}
        worst = max(misfits, key=lambda n: (misfits[n], n))
        if misfits[worst] <= 0:
            return kept
        del kept[worst]
    return kept


def _misfit(number: int, numbers: list[int], dates: Mapping[int, date]) -> float:
    """Days beyond the tolerance between ``number``'s date and the date its neighbours give it.

    0 or less: it fits. A date not between its neighbours' dates gets ``OUT_OF_ORDER_DAYS`` more,
    so such a date goes first, and of two that cross, the one further from its line.
    """
    at = bisect.bisect_left(numbers, number)
    below = numbers[at - 1]  # issue 0 is always known, and candidates are never 0
    above = numbers[at + 1] if at + 1 < len(numbers) else None
    printed = dates[number]
    crossed = printed <= dates[below] or (above is not None and printed >= dates[above])
    penalty = OUT_OF_ORDER_DAYS if crossed else 0
    if above is None:  # the newest: at least weekly from below; Christmas breaks only make it later
        return penalty + (_interpolated(number, below, dates[below], None, None) - printed).days - FIT_DAYS
    off = abs((printed - _interpolated(number, below, dates[below], above, dates[above])).days)
    return penalty + off - FIT_DAYS - DRIFT_DAYS_PER_ISSUE * (above - below)


def _interpolated(number: int, below: int, low: date, above: int | None, high: date | None) -> date:
    if above is None or high is None:
        return low + timedelta(days=DAYS_PER_ISSUE * (number - below))
    share = (number - below) / (above - below)
    return low + timedelta(days=round((high - low).days * share))


def _fill(known: Mapping[int, tuple[date, Source]], newest: int, pages: Mapping[int, int]) -> list[CalendarDay]:
    numbers = sorted(known)
    days = []
    for number in range(newest + 1):
        if number in known:
            printed, source = known[number]
        else:
            at = bisect.bisect_left(numbers, number)
            below = numbers[at - 1]
            above = numbers[at] if at < len(numbers) else None
            guess = _interpolated(number, below, known[below][0], above, known[above][0] if above is not None else None)
            printed, source = _nearest_monday(guess), "estimated"
        days.append(CalendarDay(number, printed, source, pages.get(number, 0)))
    return days


def _nearest_monday(day: date) -> date:
    shift = day.weekday()  # Monday 0 .. Sunday 6
    return day - timedelta(days=shift) if shift <= 3 else day + timedelta(days=7 - shift)


def calendar_dates(days: Iterable[CalendarDay]) -> dict[int, date]:
    """Issue number -> date, for looking issues up."""
    return {day.issue: day.date for day in days}
