"""Stories: copies of one article found by issue and headline or body, never by author or page id."""

from __future__ import annotations

from datetime import date

import pytest

from bionews_scraper.archive.stories import group_copies, normalise_headline, story_id
from bionews_scraper.archive.story_records import build_stories

BODY = (
    "Researchers have grown beating heart muscle cells from skin samples given by patients with a rare "
    "inherited rhythm disorder, and watched the fault that causes fainting happen in a dish. The cells "
    "took longer to recover after each beat than cells grown from unaffected relatives."
)
OTHER_BODY = (
    "Most clinical trials of stem cell therapies have stopped recruiting patients because of the outbreak, "
    "a survey of trial sponsors found. Research staff have been moved to front-line care."
)


def _article(url: str, headline: str, issue: int | None, published: str | None, **extra: object) -> dict:
    record = {"kind": "article", "url": url, "layout": "legacy", "headline": headline, "issue": issue}
    record.update(published=published, authors=[], body=BODY)
    record.update(extra)
    return record


def _groups(articles: list[dict]) -> list[list[str]]:
    return sorted(sorted(articles[i]["url"] for i in group) for group in group_copies(articles))


@pytest.mark.parametrize(
    ("printed", "normalised"),
    [
        ("Film Review: Anonymous Father’s Day", "anonymous fathers day"),
        ("Anonymous Father's Day.", "anonymous fathers day"),
        ("Sperm counts fall – review finds.", "sperm counts fall review finds"),
        ("‘Three-parent’ IVF: the next step", "three parent ivf the next step"),
        ("Podcast: Should testing wait?", "should testing wait"),
        ("Comment: Patients should help", "patients should help"),
        ("  MPs   urge review ", "mps urge review"),
    ],
)
def test_headlines_normalise_case_punctuation_quotes_dashes_and_prefixes(printed: str, normalised: str) -> None:
    assert normalise_headline(printed) == normalised


def test_copies_with_the_same_issue_and_headline_are_one_story() -> None:
    articles = [
        _article("http://a/page_1.asp", "Film Review: Anonymous Father’s Day", 617, "2011-07-25"),
        _article("https://p/film-review-anonymous-fathers-day/", "Anonymous Father's Day", 617, "2011-08-22", body=""),
    ]
    assert _groups(articles) == [sorted(a["url"] for a in articles)]


def test_a_retyped_headline_joins_by_its_body() -> None:
    articles = [
        _article("a", "Fertility regulator consults on safety checks", 743, "2014-02-24"),
        _article("b", "Regulator asks for views on mitochondrial donation", 743, "2014-02-27"),
    ]
    assert _groups(articles) == [["a", "b"]]


def test_near_headlines_of_different_articles_stay_apart() -> None:
    articles = [
        _article("a", "Coronavirus pandemic pauses fertility treatment across the UK", 1040, "2020-03-23"),
        _article(
            "b", "Coronavirus pandemic pauses stem cell trials across the UK", 1040, "2020-03-23", body=OTHER_BODY
        ),
        _article("c", "Coronavirus pandemic pauses fertility treatments across the UK", 1040, "2020-03-23"),
    ]
    assert _groups(articles) == [["a", "c"], ["b"]]


def test_the_same_headline_in_different_issues_is_two_stories() -> None:
    articles = [
        _article("a", "Your questions answered", 700, "2013-04-01"),
        _article("b", "Your questions answered", 800, "2015-04-20", body=OTHER_BODY),
    ]
    assert _groups(articles) == [["a"], ["b"]]


def test_a_copy_without_issue_number_joins_by_headline_within_14_days() -> None:
    articles = [
        _article("a", "Mitochondrial donation trial reports first pregnancies", 1040, "2020-03-23"),
        _article("b", "Mitochondrial donation trial reports first pregnancies", None, "2020-04-06"),
        _article("c", "Mitochondrial donation trial reports first pregnancies", None, "2021-03-22"),
    ]
    assert _groups(articles) == [["a", "b"], ["c"]]


def test_shared_authors_and_page_ids_never_join_stories() -> None:
    articles = [
        _article("http://a/page_7.asp", "Gene therapy restores sight", 920, "2017-10-02", authors=["Dr A Lee"]),
        _article(
            "http://b/page_7.asp", "Egg donors wait longer", 920, "2017-10-02", authors=["Dr A Lee"], body=OTHER_BODY
        ),
    ]
    assert _groups(articles) == [["http://a/page_7.asp"], ["http://b/page_7.asp"]]


def test_best_values_come_from_the_oldest_template_and_disagreements_are_flagged() -> None:
    legacy = _article(
        "http://a/page_1.asp", "Skin cells turned into heart muscle", 617, "2011-07-25", authors=["Dr Ruth Callaghan"]
    )
    migrated = _article(
        "https://p/skin-cells-turned-into-heart-muscle/",
        "Skin cells turned into heart muscle",
        617,
        "2011-08-22",
        layout="progress",
        authors=["Ruth Callaghan"],
        section="News",
    )
    [story] = build_stories([migrated, legacy], {617: date(2011, 7, 25)})
    assert story == {
        "story_id": story_id(617, "Skin cells turned into heart muscle"),
        "headline": "Skin cells turned into heart muscle",
        "issue": 617,
        "issue_date": "2011-07-25",
        "published": "2011-07-25",
        "authors": ["Dr Ruth Callaghan"],
        "section": "News",
        "urls": ["http://a/page_1.asp", "https://p/skin-cells-turned-into-heart-muscle/"],
        "flags": ["published_far_from_issue_date", "authors_differ_between_copies"],
    }


def test_a_retyped_headline_is_flagged() -> None:
    copies = [
        _article("a", "Fertility regulator consults on safety checks", 743, "2014-02-24"),
        _article("b", "Regulator asks for views on safety checks", 743, "2014-02-24", layout="progress"),
    ]
    [story] = build_stories(copies, {743: date(2014, 2, 24)})
    assert story["headline"] == "Fertility regulator consults on safety checks"
    assert story["flags"] == ["headline_differs_between_copies"]


def test_story_ids_are_stable_and_do_not_depend_on_urls_or_order() -> None:
    one = _article("a", "Gene therapy restores sight", 920, "2017-10-02")
    two = _article("b", "Gene therapy restores sight.", 920, "2017-10-06", layout="progress")
    first = build_stories([one, two], {})[0]["story_id"]
    assert first == build_stories([two, one], {})[0]["story_id"] == story_id(920, "Gene therapy restores sight")
    assert first.startswith("920-")


def test_odd_hand_edited_records_give_stories_not_a_crash() -> None:
    odd = [
        {"kind": "article", "url": "a", "headline": None, "issue": "617", "published": 20110725, "authors": "Dr A Lee"},
        {"kind": "article", "url": "b", "headline": "Fine", "issue": 617, "published": "2011-13-45", "authors": [None]},
        {"kind": "article", "url": "c"},
    ]
    stories = build_stories(odd, {617: date(2011, 7, 25)})
    assert sorted(url for story in stories for url in story["urls"]) == ["a", "b", "c"]
    fine = next(story for story in stories if story["urls"] == ["b"])
    assert (fine["issue"], fine["published"], fine["flags"]) == (617, None, [])  # not a date: no date
    assert next(story for story in stories if story["urls"] == ["a"])["authors"] == []


def test_stories_without_issue_numbers_that_share_a_headline_keep_apart_ids() -> None:
    first = _article("a", "Your questions answered", None, "2013-04-01")
    later = _article("b", "Your questions answered", None, "2015-04-20")
    ids = [story["story_id"] for story in build_stories([first, later], {})]
    assert len(set(ids)) == 2 and all(i.startswith("x-") for i in ids)


def test_bodies_are_read_through_body_of_once_each_and_one_issue_at_a_time() -> None:
    articles = [
        _article(
            f"p{n}", f"Headline number {n} of issue {issue}", issue, "2014-02-24", body=BODY if n % 2 else OTHER_BODY
        )
        for n, issue in enumerate([743, 744, 743, 744, 743, 744])
    ]
    without_bodies = [{key: value for key, value in record.items() if key != "body"} for record in articles]
    asked: list[int] = []

    def body_of(i: int) -> str:
        asked.append(i)
        return articles[i]["body"]

    assert group_copies(without_bodies, body_of) == group_copies(articles)
    assert sorted(asked) == [0, 1, 2, 3, 4, 5]  # each body once
    assert [articles[i]["issue"] for i in asked] == [743, 743, 743, 744, 744, 744]  # asked for issue by issue
