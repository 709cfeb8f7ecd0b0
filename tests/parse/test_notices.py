"""The Trust's own notices carry an article's cues and are still refused, each with its reason."""

from __future__ import annotations

import pytest

from bionews_scraper.parse.extract import extract

PROSE = "<p>The Progress Educational Trust has news of its own to share with readers this week.</p>"
URL = "https://www.bionews.org.uk/page_140212"


def _only_record(html: str) -> dict:
    [record] = extract(f"<html><body>{html}</body></html>".encode(), URL).records
    return dict(record)


@pytest.mark.parametrize(
    "headline",
    [
        "Vacancy: Communications Officer (part-time)",
        "Press Release: PET appoints a new Chair",
        "Annual Review 2018-19",
        "Trustees' Report for the year ended 31 March 2015",
        "Trustees' Report and Financial Statements 2020-21",
        "panel-surrogacy-debate",
        "Contact PET",
    ],
)
def test_a_notice_headline_over_a_date_byline_and_issue_line_is_refused(headline: str) -> None:
    record = _only_record(
        f"<h1>{headline}</h1><p>3 March 2014</p><p>By Mary Ashdown</p><p>Appeared in BioNews 744</p>{PROSE}"
    )
    assert record["reason"] == "not_an_article" and headline[:12] in record["error"]


def test_a_news_headline_that_begins_like_a_report_stays_an_article() -> None:
    record = _only_record(f"<h1>Annual report shows IVF births rising</h1><p>3 March 2014</p>{PROSE}")
    assert record["kind"] == "article"


@pytest.mark.parametrize(
    ("section", "reason"), [("Events", "event_page"), ("Jobs", "not_an_article"), ("Reports", "not_an_article")]
)
def test_a_wordpress_post_in_a_section_that_is_not_bionewss_is_refused(section: str, reason: str) -> None:
    record = _only_record(
        f"<h1>Egg freezing: a safety net with holes?</h1>"
        f"<p>Published 2 October 2017 posted in {section} and appears in BioNews 920</p>{PROSE}"
    )
    assert record["reason"] == reason and section in record["error"]


def test_a_job_adverts_terms_make_it_a_job_advert_whatever_its_headline() -> None:
    record = _only_record(
        f"<h1>Communications Officer</h1><p>3 March 2014</p>{PROSE}"
        "<p>Salary: £24,000 pro rata</p><p>Closing date: 21 March 2014</p>"
    )
    assert record["reason"] == "not_an_article" and "job advert" in record["error"]


def test_a_press_releases_furniture_makes_it_a_press_release() -> None:
    record = _only_record(
        f"<h1>PET appoints a new Chair</h1><p>13 July 2016</p><p>FOR IMMEDIATE RELEASE</p>{PROSE}"
        "<p>ENDS</p><p>Notes to editors</p>"
    )
    assert record["reason"] == "not_an_article" and "press release" in record["error"]


@pytest.mark.parametrize("headline", ["About BioNews", "About the Progress Educational Trust", "About PET"])
def test_an_about_page_with_a_date_line_is_refused(headline: str) -> None:
    record = _only_record(f"<h1>{headline}</h1><p>11 January 2021</p>{PROSE}")
    assert record["reason"] == "not_an_article" and "about page" in record["error"]


def test_a_sign_up_page_is_refused_even_when_its_sample_story_reads_as_a_whole_email_article() -> None:
    record = _only_record(
        "<h1>Subscribe to BioNews</h1><form><input name='email'></form><p>Issue 885 (23 January 2017)</p>"
        "<h2>Regulator warns clinics over add-ons</h2><p>23 January 2017</p><p>By Marta Quiroga</p>"
        f"<p>Appeared in BioNews 885</p>{PROSE}"
    )
    assert record["reason"] == "not_an_article" and "sign-up" in record["error"]


def test_the_top_bars_sign_up_line_refuses_nothing() -> None:
    record = _only_record(
        f"<p>Subscribe to the BioNews newsletter for free</p><h1>Clinic fined</h1><p>3 March 2014</p>{PROSE}"
    )
    assert record["kind"] == "article"
