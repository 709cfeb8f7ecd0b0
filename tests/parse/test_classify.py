"""What kind of page, in which template: read from the page's content, never from a word alone."""

from __future__ import annotations

import pytest

from bionews_scraper.parse.extract import extract

PROSE = "<p>Researchers reported the finding in a journal this week, and others welcomed it warmly.</p>"


def _records(html: str, url: str) -> list[dict]:
    return [dict(record) for record in extract(html.encode("utf-8"), url).records]


@pytest.mark.parametrize(
    ("head", "first_line", "layout"),
    [
        ('<meta http-equiv="Content-Type" content="text/html; charset=windows-1252">', "", "legacy"),
        ("<meta charset='utf-8'>", "<div>Page URL: Appeared in BioNews 935</div>", "bionews2018"),
        ("<link rel='stylesheet' href='/wp-content/themes/pet/style.css'>", "", "progress"),
    ],
)
def test_template_is_read_from_the_content_on_any_host(head: str, first_line: str, layout: str) -> None:
    html = f"<html><head>{head}</head><body>{first_line}<h1>A story</h1><p>3 June 2019</p>{PROSE}</body></html>"
    (record,) = _records(html, "https://www.progress.org.uk/a-story/")
    assert record["layout"] == layout


@pytest.mark.parametrize("headline", ["Error 404: the data that went missing", "Search results for rare genes improve"])
def test_no_headline_word_alone_refuses_an_article(headline: str) -> None:
    html = f"<html><body><h1>{headline}</h1><p>3 June 2019</p><p>By Ann Lee</p>{PROSE}</body></html>"
    (record,) = _records(html, "https://www.bionews.org.uk/page_1")
    assert record["kind"] == "article"


def test_the_same_words_with_nothing_under_the_heading_are_refused() -> None:
    html = f"<html><body><h1>Error 404</h1>{PROSE}</body></html>"
    (record,) = _records(html, "https://www.bionews.org.uk/page_1")
    assert record["reason"] == "page_not_found"


def test_a_wordpress_glossary_page_is_refused_even_with_article_metadata() -> None:
    html = (
        "<html><head><meta property='og:type' content='article'></head><body><h1>Zygote</h1>"
        f"<p>The single cell formed when a sperm fertilises an egg.</p>{PROSE}</body></html>"
    )
    (record,) = _records(html, "https://www.progress.org.uk/glossary/zygote/")
    assert record["reason"] == "not_an_article"


def test_a_listing_whose_teasers_carry_meta_lines_is_refused_on_any_url() -> None:
    teaser = (
        "<div><h2><a href='/{slug}/'>A story about {slug}</a></h2>"
        "<p>Published 13 September 2021 posted in News and appears in BioNews 1112</p><p>It said...</p></div>"
    )
    html = f"<html><body><h1>Stem Cells</h1>{teaser.format(slug='one')}{teaser.format(slug='two')}</body></html>"
    (record,) = _records(html, "https://www.progress.org.uk/some-page/")
    assert record["reason"] == "not_an_article"


def test_a_headline_beginning_like_the_search_box_is_found_without_a_title() -> None:
    html = (
        f"<html><body><h1>Search for genes behind endometriosis widens</h1><p>15 November 2010</p>{PROSE}</body></html>"
    )
    (record,) = _records(html, "http://www.bionews.org.uk/page_79433.asp")
    assert record["headline"] == "Search for genes behind endometriosis widens"


def test_a_dated_advert_above_a_plain_pages_heading_does_not_make_it_an_article() -> None:
    html = (
        "<html><body><div><p>PET event: Who owns your genome?</p><p>7 December 2016</p><p>By Professor Hal Mercer</p>"
        f"</div><h1>Our Team</h1>{PROSE}</body></html>"
    )
    (record,) = _records(html, "https://www.progress.org.uk/our-team/")
    assert record["kind"] == "error"


TESTIMONIALS = (
    "<h1>What people say about PET</h1>"
    "<p>&quot;The newsletter keeps our whole clinic up to date every week.&quot;</p><p>By Dr Ann Lee</p>"
    "<p>Consultant, Harbour Clinic</p>"
    "<p>&#8220;The fairest debate on donor anonymity I have attended.&#8221;</p><p>By Ben Khan</p>"
)


def test_quotations_each_signed_by_a_name_are_testimonials_not_an_article() -> None:
    [refusal] = _records(f"<html><body>{TESTIMONIALS}</body></html>", "http://www.progress.org.uk/home/testimonials")
    assert refusal["reason"] == "not_an_article" and "testimonials" in refusal["error"]


def test_quoted_headline_links_over_by_lines_are_related_teasers_not_testimonials() -> None:
    related = "".join(
        f"<p><a href='/story-{n}/'>&quot;{title}&quot;</a></p><p>by Ann Lee</p>"
        for n, title in enumerate(("We must talk about embryo limits", "Donors deserve better answers"))
    )
    html = (
        "<html><body><h1>Clinic regulator reviews add-on treatments</h1><p>3 June 2019</p><p>By Ben Khan</p>"
        f"{PROSE}<h3>Related Articles</h3>{related}</body></html>"
    )
    [article] = _records(html, "https://www.progress.org.uk/clinic-regulator-reviews-add-ons/")
    assert article["kind"] == "article" and len(article["related"]) == 2


ITEM = "<h2><a href='/story-{n}/'>Story number {n} about embryo screening</a></h2><p>{meta}</p><p>Read more…</p>"


def test_headings_each_with_its_own_meta_line_and_no_prose_between_are_a_listing() -> None:
    items = "".join(
        ITEM.format(n=n, meta=f"Published {day} March 2023 posted in News and appears in BioNews 1185")
        for n, day in enumerate((6, 13))
    )
    [refusal] = _records(f"<html><body>{items}</body></html>", "https://www.progress.org.uk/polygenic-stories/")
    assert refusal["reason"] == "listing_page"


def test_a_wordpress_tag_page_is_refused_even_when_its_first_item_looks_like_an_article() -> None:
    html = (
        "<html><body><h2>Embryo screening not ready for clinics</h2>"
        "<p>Published 6 March 2023 posted in News and appears in BioNews 1185</p>" + PROSE + "</body></html>"
    )
    [refusal] = _records(html, "https://www.progress.org.uk/tag/polygenic-scores/")
    assert refusal["reason"] == "not_an_article"


def test_a_wordpress_page_published_with_no_section_issue_or_author_is_not_an_article() -> None:
    html = "<html><body><h1>Annual Review 2022</h1><p>Published 3 October 2022</p>" + PROSE + "</body></html>"
    [refusal] = _records(html, "https://www.progress.org.uk/about-us/annual-review-2022/")
    assert refusal["reason"] == "not_an_article" and "WordPress page" in refusal["error"]


def test_a_post_with_a_section_on_its_meta_line_stays_an_article() -> None:
    html = "<html><body><h1>Clinic fined</h1><p>Published 3 October 2022 posted in News</p>" + PROSE + "</body></html>"
    [article] = _records(html, "https://www.progress.org.uk/clinic-fined/")
    assert article["kind"] == "article" and article["section"] == "News"


def test_a_trustees_report_signed_by_order_of_the_board_is_not_an_article() -> None:
    html = (
        "<html><body><h1>Trustees' report for the year ended 31 March 2013</h1><p>30 September 2013</p>"
        "<p>By order of the Board: Dr Ann Lee, Chair of Trustees</p>" + PROSE + "</body></html>"
    )
    [refusal] = _records(html, "http://www.progress.org.uk/addons")
    assert refusal["reason"] == "not_an_article" and "report" in refusal["error"]


def test_a_page_listing_people_with_their_roles_under_its_prose_is_not_an_article() -> None:
    html = (
        "<html><body><h1>About PET</h1><p>5 September 2011</p>" + PROSE + "<h2>Trustees</h2>"
        "<p>Chair: Professor Alun Treharne</p><p>Treasurer: Priya Rajagopal</p><h2>Staff</h2>"
        "<p>Dr Helena Price, Editor</p></body></html>"
    )
    [refusal] = _records(html, "http://www.progress.org.uk/aboutpet")
    assert refusal["reason"] == "not_an_article" and "people" in refusal["error"]


def test_an_article_naming_its_authors_and_roles_above_its_text_stays_an_article() -> None:
    html = (
        "<html><body><h1>Clinic regulator reviews add-ons</h1><p>3 June 2019</p><p>By Dr Ann Lee, Director</p>"
        "<p>Ben Khan, Trustee</p>" + PROSE + "</body></html>"
    )
    [article] = _records(html, "https://www.bionews.org.uk/page_140212")
    assert article["kind"] == "article"


def test_a_this_week_home_page_is_refused_even_with_issue_lines_in_its_teasers() -> None:
    html = (
        "<html><body><h1>This week at the Progress Educational Trust (17 June 2019)</h1>"
        "<p>Our next free debate asks whether egg freezing has been oversold. Book your place now.</p>"
        "<h3>Gene therapy restores sight</h3><p>17 June 2019</p><p>Appeared in BioNews 1002</p></body></html>"
    )
    [refusal] = _records(html, "https://www.progress.org.uk/")
    assert refusal["reason"] == "not_an_article"


@pytest.mark.parametrize(
    "line",
    [
        "Articles written by Dr Helena Price",
        "All ARTICLES WRITTEN BY Dr Helena Price",
        "Page 2 of 14",
        "Page 1 of 23 Next »",
    ],
)
def test_an_author_listing_or_a_paged_list_says_what_it_is_whatever_its_cues(line: str) -> None:
    html = (
        f"<html><body><h1>Dr Helena Price</h1><p>{line}</p><h3>Gene therapy restores sight</h3>"
        "<p>17 June 2019 - by Dr Helena Price</p><p>Appeared in BioNews 1002</p></body></html>"
    )
    [refusal] = _records(html, "https://www.bionews.org.uk/page_140212")
    assert refusal["reason"] == "not_an_article" and line[:20] in refusal["error"]


def test_a_line_of_prose_that_mentions_pages_or_writing_does_not_refuse_an_article() -> None:
    html = (
        "<html><body><h1>Clinic regulator reviews add-ons</h1><p>3 June 2019</p>"
        "<p>The 40 articles written by its inspectors run to page 2 of 14 in the report.</p>" + PROSE + "</body></html>"
    )
    [article] = _records(html, "https://www.bionews.org.uk/page_140212")
    assert article["kind"] == "article"


def test_a_paged_tag_archive_is_not_an_article() -> None:
    html = (
        "<html><body><h1>Tag: Stem cells</h1><h2>Lab-grown blood given to volunteers</h2>"
        "<div>Published 13 September 2021 posted in News and appears in BioNews 1112</div>"
        "<p>Two people have received red blood cells grown from stem cells...</p></body></html>"
    )
    [refusal] = _records(html, "https://www.progress.org.uk/tag/stem-cells/page/3/")
    assert refusal["reason"] == "not_an_article"


def test_a_wordpress_page_with_a_signed_quotation_in_its_text_is_still_a_page() -> None:
    html = (
        "<html><body><h1>Campaign: Fair Access to Fertility Treatment</h1><p>Published 1 August 2022</p>"
        + PROSE
        + "<blockquote><p>&quot;We lost our place on the list.&quot;</p><p>By Amira, a patient from Kent</p></blockquote>"
        "</body></html>"
    )
    [refusal] = _records(html, "https://www.progress.org.uk/campaign-fair-access/")
    assert refusal["reason"] == "not_an_article"


def test_an_event_page_is_refused_even_with_the_issue_that_announced_it() -> None:
    html = (
        "<html><body><p>EVENTS</p><h1>Genome editing: who should decide?</h1>"
        "<p>13 November 2019 - 6pm (registration), 6.30pm-8pm (discussion)</p>"
        "<p>Chaired by Professor Dame Eleanor Vance</p>" + PROSE + "<p>Appeared in BioNews 1022</p></body></html>"
    )
    [refusal] = _records(html, "https://www.progress.org.uk/geneediting2019")
    assert refusal["reason"] == "event_page"


SIGNED_WITH_ROLES = (
    "<p>‘I have read BioNews every week for ten years.’</p><p>Dr Hannah Okonkwo, Consultant embryologist</p>"
    "<p>‘Its events are the only place I hear all sides.’</p><p>Baroness Ruth Denholm, Friend of PET</p>"
)


def test_quotations_signed_with_names_and_roles_on_a_page_with_no_byline_are_testimonials() -> None:
    html = f"<html><body><h1>What our Friends say</h1><p>Published 12 May 2023 posted in Support us</p>{PROSE}{SIGNED_WITH_ROLES}"
    [refusal] = _records(html + "</body></html>", "https://www.progress.org.uk/testimonials/")
    assert refusal["reason"] == "not_an_article" and "testimonials" in refusal["error"]


def test_an_article_with_a_byline_quoting_people_with_their_roles_stays_an_article() -> None:
    html = f"<html><body><h1>Patients speak up</h1><p>3 June 2019</p><p>By Dr Ann Lee</p>{PROSE}{SIGNED_WITH_ROLES}"
    [article] = _records(html + "</body></html>", "https://www.bionews.org.uk/page_140212")
    assert article["kind"] == "article"


def test_a_section_listing_with_an_introduction_and_fully_cued_entries_is_refused() -> None:
    entries = "".join(
        f"<div><h2><a href='/page_{n}'>Story number {n} from around the web</a></h2><div>21 January 2019</div>"
        f"<div>By Jen Okafor</div><div>Appeared in BioNews 98{n}</div><p>A short teaser of it...</p></div>"
        for n in (1, 2, 3)
    )
    html = f"<html><body><div>Page URL:</div><h1>Elsewhere</h1>{PROSE}{entries}</body></html>"
    [refusal] = _records(html, "https://www.bionews.org.uk/elsewhere")
    assert refusal["kind"] == "error"
