"""The issue calendar: issue pages first, then what most articles print if it fits, else estimated."""

from __future__ import annotations

from datetime import date

from bionews_scraper.archive.calendar import FIRST_ISSUE_DATE, build_calendar, calendar_dates


def _issue(number: int, published: str | None) -> dict:
    return {"kind": "issue", "url": f"https://example.org/issue-{number}", "issue": number, "published": published}


def _article(number: int | None, published: str | None, n: int = 0) -> dict:
    return {"kind": "article", "url": f"https://example.org/{number}-{n}", "issue": number, "published": published}


def _day(days: list, number: int):
    return next(day for day in days if day.issue == number)


def test_the_calendar_runs_from_issue_0_to_the_newest_seen() -> None:
    days = build_calendar([_issue(617, "2011-07-25")], [_article(620, "2011-08-15")])
    assert [day.issue for day in days] == list(range(621))
    assert days[0].date == FIRST_ISSUE_DATE == date(1999, 3, 22)


def test_no_issue_number_anywhere_gives_an_empty_calendar() -> None:
    assert build_calendar([], [_article(None, "2011-08-15")]) == []


def test_an_issue_pages_date_wins_over_its_articles() -> None:
    days = build_calendar([_issue(617, "2011-07-25")], [_article(617, "2011-07-28", n) for n in range(3)])
    assert (_day(days, 617).date, _day(days, 617).source, _day(days, 617).pages) == (date(2011, 7, 25), "issue_page", 4)


def test_without_an_issue_page_the_date_most_articles_print_is_taken() -> None:
    articles = [_article(743, "2014-02-24", 0), _article(743, "2014-02-24", 1), _article(743, "2014-02-27", 2)]
    days = build_calendar([_issue(730, "2013-11-11"), _issue(859, "2016-07-11")], articles)
    assert (_day(days, 743).date, _day(days, 743).source) == (date(2014, 2, 24), "articles")


def test_between_equally_printed_dates_the_monday_is_taken() -> None:
    articles = [_article(920, "2017-10-06", 0), _article(920, "2017-10-02", 1)]  # Friday, Monday
    days = build_calendar([_issue(885, "2017-01-23"), _issue(935, "2018-01-29")], articles)
    assert _day(days, 920).date == date(2017, 10, 2)


def test_one_migrated_page_weeks_off_does_not_move_the_calendar() -> None:
    # Issue 540 printed as 2 February 2010 on a migrated page; its neighbours say early January.
    days = build_calendar([_issue(536, "2009-11-30"), _issue(577, "2010-09-23")], [_article(540, "2010-02-02")])
    day = _day(days, 540)
    assert day.source == "estimated"
    assert day.date == date(2009, 12, 28)  # 4/41 of the way from 30 Nov 2009 to 23 Sep 2010, on a Monday
    assert day.date.weekday() == 0


def test_an_article_date_outside_its_neighbours_is_not_taken() -> None:
    days = build_calendar([_issue(600, "2011-03-21"), _issue(617, "2011-07-25")], [_article(610, "2011-08-01")])
    assert _day(days, 610).source == "estimated"
    assert date(2011, 3, 21) < _day(days, 610).date < date(2011, 7, 25)


def test_the_stray_page_is_dropped_not_its_well_dated_neighbour() -> None:
    articles = [_article(600, "2011-03-21"), _article(601, "2011-05-16"), _article(602, "2011-04-04")]
    days = build_calendar([_issue(584, "2010-11-15"), _issue(617, "2011-07-25")], articles)
    assert [_day(days, n).source for n in (600, 601, 602)] == ["articles", "estimated", "articles"]
    assert _day(days, 601).date == date(2011, 3, 28)  # halfway between 600 and 602, a Monday


def test_issues_with_no_page_are_estimated_on_mondays_between_known_neighbours() -> None:
    days = build_calendar([_issue(981, "2019-01-07"), _issue(985, "2019-02-04")], [])
    estimated = [_day(days, n) for n in (982, 983, 984)]
    assert [day.date for day in estimated] == [date(2019, 1, 14), date(2019, 1, 21), date(2019, 1, 28)]
    assert {day.source for day in estimated} == {"estimated"}
    assert {day.pages for day in estimated} == {0}


def test_the_newest_issue_may_be_dated_by_its_articles_alone() -> None:
    days = build_calendar([_issue(1040, "2020-03-23")], [_article(1112, "2021-09-13")])
    assert (_day(days, 1112).date, _day(days, 1112).source) == (date(2021, 9, 13), "articles")


def test_calendar_lines_are_json_ready_and_look_up_by_number() -> None:
    days = build_calendar([_issue(1, "1999-03-29")], [])
    assert days[1].to_record() == {"issue": 1, "date": "1999-03-29", "source": "issue_page", "pages": 1}
    assert calendar_dates(days)[1] == date(1999, 3, 29)


def test_numbers_no_issue_can_have_are_not_calendar_entries() -> None:
    articles = [_article(10**9, "2011-07-25"), _article(-1, "2011-07-25"), {"issue": True, "published": "1999-03-29"}]
    assert build_calendar([_issue(3, "1999-04-12")], articles)[-1].issue == 3
