"""The walk down an article's lines: cue lines aside, body left, on three-line snippets."""

from __future__ import annotations

from typing import Any

import pytest

from bionews_scraper.parse.extract import extract

URL = "https://www.progress.org.uk/a-story/"
PROSE = "<p>Researchers reported the finding in a journal this week, and others welcomed it.</p>"


def _article(body: str, after: str = "") -> dict[str, Any]:
    """The article of a page with ``body`` under its headline, then PROSE, then ``after``."""
    html = f"<html><head><title>A story | PET</title></head><body><h1>A story</h1>{body}{PROSE}{after}</body></html>"
    (record,) = extract(html.encode(), URL).records
    assert record["kind"] == "article", record
    return dict(record)


def test_issue_line_under_the_byline_is_the_issue_not_an_affiliation() -> None:
    record = _article("<p>17 October 2016</p><p>By Jo Bloggs</p><p>Appeared in BioNews 873</p>")
    assert record["issue"] == 873 and record["authors"] == ["Jo Bloggs"]


def test_co_author_in_an_affiliation_is_an_author_and_roles_are_not() -> None:
    record = _article(
        "<p>17 March 2008</p><p>By Dr Ann Lee</p><p>Reproduction Editor, and Dr Ben Khan, Genetics Editor, BioNews</p>"
    )
    assert record["authors"] == ["Dr Ann Lee", "Dr Ben Khan"] and "Editor" not in record["body"]


def test_meta_line_and_authors_heading_give_date_section_issue_and_names() -> None:
    record = _article(
        "<p>Published 4 February 2019 posted in Comment and appears in BioNews 985</p>"
        "<h3>Authors</h3><p>Dr Ann Lee</p><p>Director, PET</p><p>Ben Khan</p>"
    )
    assert (record["published"], record["section"], record["issue"]) == ("2019-02-04", "Comment", 985)
    assert record["authors"] == ["Dr Ann Lee", "Ben Khan"] and "Director" not in record["body"]


def test_a_sub_heading_under_the_authors_is_body_not_a_name() -> None:
    record = _article(
        "<p>Published 4 February 2019 posted in News</p><h3>Author</h3><p>Ben Khan</p><h2>Gene Therapy Results</h2>"
    )
    assert record["authors"] == ["Ben Khan"] and record["body"].startswith("Gene Therapy Results")


def test_captions_over_a_licence_line_and_review_facts_are_not_body() -> None:
    record = _article(
        "<p>3 June 2019</p><p>By Ann Lee</p><p>The Seventh Embryo</p><p>Directed by Tomas Lind</p>"
        "<p>Available from selected cinemas</p><div>A still from the film</div><div>CC BY 4.0</div>"
    )
    assert record["body"] == "Researchers reported the finding in a journal this week, and others welcomed it."


def test_a_short_line_beside_an_image_is_a_caption_not_body() -> None:
    record = _article(
        "<p>3 June 2019</p><div class='pic'><img src='/a.jpg'><p class='credit'>A still from the film</p></div>"
    )
    assert "still" not in record["body"]


def test_names_printed_as_lower_headings_under_authors_are_authors_and_roles_are_not_body() -> None:
    record = _article(
        "<p>Published 3 June 2019 posted in Comment</p><h3>Authors</h3>"
        "<h4>Dr Ann Lee</h4><p>Lecturer in Law, Westbury University</p><h4>Ben Khan</h4><p>Director, PET</p>"
    )
    assert record["authors"] == ["Dr Ann Lee", "Ben Khan"]
    assert "Lecturer" not in record["body"] and "Director" not in record["body"]


def test_a_book_reviews_title_over_its_own_by_line_is_not_body() -> None:
    record = _article(
        "<p>4 February 2019</p><p>By Ann Lee</p><p>Appeared in BioNews 985</p><p>Kinship by Design: Assisted Reproduction</p>"
        "<p>By Professor Ingrid Vale</p><p>Available from Southbank University Press</p>"
    )
    assert record["authors"] == ["Ann Lee"] and "Kinship" not in record["body"]


def test_a_date_sub_heading_inside_the_body_is_body_not_the_related_list() -> None:
    record = _article(
        "<p>25 March 2019</p><p>By Ann Lee</p><p>The first issue went out by e-mail to a few hundred readers.</p>"
        "<h4>22 March 1999</h4><p>It reported on a debate about paying egg donors, still argued over today.</p>"
    )
    assert "22 March 1999" in record["body"] and "paying egg donors" in record["body"]


def test_a_short_sub_heading_further_down_from_an_image_stays_body() -> None:
    record = _article(
        "<p>3 June 2019</p><div><img src='/a.jpg'><p>The trial enrolled 400 women at six clinics across the country.</p>"
        "<p><b>What the trial found</b></p><p>Birth rates were the same in both groups of women.</p></div>"
    )
    assert "What the trial found" in record["body"]


def test_an_authors_box_in_an_aside_of_the_article_gives_the_names_but_a_sidebar_aside_is_not_body() -> None:
    html = (
        "<html><body><article><h1>A story</h1><p>Published 23 March 2020 posted in Comment</p>"
        "<aside class='post-authors'><h3>Authors</h3><p>Dr Ann Lee</p><p>Director, PET</p><p>Ben Khan</p></aside>"
        f"{PROSE}</article><aside><p>Our next event asks who should pay for egg freezing, and why.</p></aside></body></html>"
    )
    (record,) = extract(html.encode(), URL).records
    assert record["authors"] == ["Dr Ann Lee", "Ben Khan"] and "egg freezing" not in record["body"]


def test_an_advert_dated_just_above_the_headline_does_not_date_the_article() -> None:
    html = (
        "<html><body><div><p>PET event: Who owns your genome?</p><p>7 December 2016</p></div>"
        f"<h1>A story</h1><p>17 October 2016</p><p>By Jo Bloggs</p>{PROSE}</body></html>"
    )
    (record,) = extract(html.encode(), URL).records
    assert record["published"] == "2016-10-17" and record["authors"] == ["Jo Bloggs"]


def test_a_row_of_share_links_is_neither_body_nor_an_author() -> None:
    share = (
        "<div><a href='/t'>Twitter</a> <a href='/f'>Facebook</a> <a href='/e'>Email</a> <a href='/p'>Print</a></div>"
    )
    record = _article(f"<p>Published 4 February 2019 posted in News</p><h3>Author</h3><p>Ben Khan</p>{share}")
    assert record["authors"] == ["Ben Khan"] and "Twitter" not in record["body"]


def test_words_that_only_begin_like_furniture_stay_body() -> None:
    record = _article("<p>3 June 2019</p><p><a href='/donate/'>Donate</a></p><h3>Donated eggs</h3>")
    assert record["body"].startswith("Donated eggs\n\nResearchers")


def test_a_caption_printed_again_as_plain_text_is_not_body() -> None:
    caption = "Storage tanks in a clinic laboratory. Image by a photographer via Wikimedia Commons. CC BY 4.0"
    record = _article(
        f"<p>3 June 2019</p><figure><img src='/a.jpg'><figcaption>{caption}</figcaption></figure>"
        f"<p class='image-credit'>{caption}</p>"
    )
    assert "Storage tanks" not in record["body"]


def test_a_book_reviews_title_over_its_by_and_publisher_lines_is_not_body() -> None:
    record = _article(
        "<p>21 January 2019</p><p>by Ann Lee</p><p>Appeared in BioNews 983</p>"
        "<p><em>Counting the Odds: A Life at Risk</em><br>By Dr Tom Quill<br>Published by Harbourside Press<br>"
        "ISBN 978-1-00000-000-0</p><p>Available from Amazon</p>"
    )
    assert record["authors"] == ["Ann Lee"]
    assert record["body"] == "Researchers reported the finding in a journal this week, and others welcomed it."


def test_names_with_particles_joined_or_eclipsed_are_authors() -> None:
    record = _article(
        "<p>20 November 2017</p><p>By Dr Hassan al-Amin, Dr Ana de la Cruz and Dr Owain ap Rhys</p>"
        "<p>Appeared in BioNews 925</p>"
    )
    assert record["authors"] == ["Dr Hassan al-Amin", "Dr Ana de la Cruz", "Dr Owain ap Rhys"]


def test_an_eclipsed_irish_name_under_authors_is_an_author_and_its_role_is_not_body() -> None:
    record = _article(
        "<p>Published 27 February 2023 posted in Comment</p><h3>Authors</h3>"
        "<p>Dr Mei Zhou</p><p>Pádraig Mac an tSaoir</p><p>BioNews Intern</p>"
    )
    assert record["authors"] == ["Dr Mei Zhou", "Pádraig Mac an tSaoir"] and "Intern" not in record["body"]


def test_a_caption_under_the_authors_box_is_no_role_and_its_second_copy_no_body() -> None:
    caption = "A surgical team at work. Photo by a hospital trust. CC0 1.0"
    record = _article(
        "<p>Published 27 June 2022 posted in News</p><h2>Author</h2><p>Chiara Osei</p>"
        f"<figure><img src='/a.jpg'><figcaption>{caption}</figcaption></figure><div><p>{caption}</p></div>"
    )
    assert record["authors"] == ["Chiara Osei"] and "surgical" not in record["body"]


def test_a_share_box_under_the_cues_gives_the_issue() -> None:
    record = _article(
        "<p>3 February 2020</p><p>By Ann Lee</p>"
        "<div class='share-line'>Page URL: <span>https://www.bionews.org.uk/page_148410</span> "
        "<span>Appeared in BioNews 1040</span></div>"
    )
    assert record["issue"] == 1040


def test_the_charity_footer_is_not_body() -> None:
    record = _article(
        "<p>3 June 2019</p><p>By Ann Lee</p>" + PROSE + "<p>Progress Educational Trust, 7 Example Row, London"
        " · Registered charity no. 1099999 · Last updated 2 January 2011</p>"
    )
    assert "charity" not in record["body"]


def test_a_meta_line_broken_over_lines_gives_section_and_issue_and_the_authors_under_it() -> None:
    record = _article(
        "<p>Published 2 March 2026<br>posted in Elsewhere<br>and appears in BioNews 1335</p>"
        "<h2>Author</h2><p>Ellis Thornbury</p>"
    )
    assert (record["section"], record["issue"], record["authors"]) == ("Elsewhere", 1335, ["Ellis Thornbury"])
    assert record["body"] == "Researchers reported the finding in a journal this week, and others welcomed it."


def test_elementor_widget_wrappers_are_not_furniture_but_its_menu_widget_is() -> None:
    record = _article(
        "<ul><li>Published 7 April 2025</li><li>posted in Reviews</li></ul>"
        "<div class='elementor-widget elementor-widget-nav-menu'><ul><li>My Account</li><li>Donate now</li></ul></div>"
        "<div class='elementor-widget elementor-widget-theme-post-content'><div class='elementor-widget-container'>"
        "<p>The book follows one invented family over nine generations to explain inheritance.</p></div></div>"
    )
    assert record["body"].startswith("The book follows") and "Donate" not in record["body"]


def test_a_role_after_the_name_on_a_byline_is_not_an_author() -> None:
    record = _article("<p>3 June 2019</p><p>By Sarah Norwell, Director</p>")
    assert record["authors"] == ["Sarah Norwell"]


def test_the_email_editions_unsubscribe_line_is_not_body() -> None:
    record = _article("<p>3 June 2019</p>" + PROSE + "<p>To unsubscribe from BioNews by email, click here.</p>")
    assert "unsubscribe" not in record["body"]


def test_an_image_credit_line_is_a_caption_not_body() -> None:
    record = _article(
        "<p>3 June 2019</p><p class='caption'>Image: a still from the film, courtesy of the distributor</p>"
    )
    assert "still" not in record["body"]


def test_related_titles_in_a_list_with_no_heading_dates_or_teasers_are_related_not_body() -> None:
    record = _article(
        "<p>3 June 2019</p>",
        "<ul><li><a href='/newborn-genome-pilot/'>Newborn genome pilot to sequence babies</a></li>"
        "<li><a href='/podcast-variants/'>Podcast: What is a variant of uncertain significance?</a></li></ul>",
    )
    assert [story["url"] for story in record["related"]] == [
        "https://www.progress.org.uk/newborn-genome-pilot/",
        "https://www.progress.org.uk/podcast-variants/",
    ]
    assert record["body"] == PROSE[3:-4]


def test_one_line_teasers_after_the_sources_are_related_and_not_sources() -> None:
    record = _article(
        "<p>3 June 2019</p>",
        "<h4>Sources and References</h4><ol><li><a href='https://example.org/a'>Clinic apologises</a> | Example | "
        "10 September 2021</li><li><a href='https://example.org/b'>Inquiry report</a> | 9 September 2021</li></ol>"
        "<div><div><a href='/page_158901'>Regulator to inspect overseas labs</a> 24 May 2021 - by Chloe Ash "
        "<span>The regulator is to seek powers... [Read More]</span></div>"
        "<div><a href='/page_152230'>Clinic fined after storage failure</a> 12 October 2020 "
        "<span>A clinic has been ordered to pay... [Read More]</span></div></div>",
    )
    assert [source["url"] for source in record["sources"]] == ["https://example.org/a", "https://example.org/b"]
    assert [story["url"] for story in record["related"]] == [
        "https://www.progress.org.uk/page_158901",
        "https://www.progress.org.uk/page_152230",
    ]


def test_a_table_row_whose_cells_say_the_same_keeps_each_cell() -> None:
    record = _article(
        "<p>17 October 2016</p>",
        "<table><tr><td>Students</td><td>&lt; 10%</td><td>&lt; 10%</td></tr></table>",
    )
    assert record["body"].count("< 10%") == 2


def test_a_print_views_printed_from_line_is_not_body() -> None:
    record = _article(
        "<p>17 October 2016</p>",
        "<p>This article was printed from http://www.bionews.org.uk/page_51230.asp on 3 December 2009.</p>",
    )
    assert "printed from" not in record["body"]


def test_elementor_widgets_printed_for_mobile_are_read_as_a_desktop_browser_shows_the_page() -> None:
    html = (
        "<html><body><div class='elementor-hidden-mobile'><h1>Surrogacy law reform cannot wait</h1></div>"
        "<div class='elementor-hidden-desktop elementor-hidden-tablet'><h2>Surrogacy law reform cannot wait</h2></div>"
        "<p>Published 9 January 2023 posted in Comment and appears in BioNews 1177</p>"
        "<div class='elementor-hidden-mobile'><h3>Authors</h3><p>Bethan Price</p></div>"
        f"{PROSE}<div class='elementor-hidden-desktop'><h3>Authors</h3><p>Bethan Price</p></div></body></html>"
    )
    (record,) = extract(html.encode(), URL).records
    assert record["kind"] == "article", record
    assert record["authors"] == ["Bethan Price"] and "Authors" not in record["body"]


def test_a_caption_marked_by_its_class_is_not_body_even_without_its_image() -> None:
    record = _article("<p>17 October 2016</p><div class='caption'>A still from the film, released in 2019</div>")
    assert "A still" not in record["body"]


def test_a_caption_in_the_table_row_under_a_floated_image_is_not_body() -> None:
    picture = (
        "<table align='right'><tr><td><img src='tissue.jpg'></td></tr>"
        "<tr><td><font size='1'>Endometrial tissue under the microscope</font></td></tr></table>"
    )
    record = _article("<p>17 October 2016</p>" + PROSE + picture)
    assert "microscope" not in record["body"] and record["body"].count("Researchers") == 2


def test_a_podcast_players_listen_on_links_are_not_body() -> None:
    record = _article(
        "<p>7 January 2019</p><p>Listen on <a href='/a'>Apple Podcasts</a> | <a href='/s'>Spotify</a> | <a href='/r'>RSS</a></p>"
    )
    assert "Listen on" not in record["body"]


@pytest.mark.parametrize(
    "label",
    ["Reading time: 4 minutes Print this page", "4 min read", "by Ruth Adeyemi | Mar 20, 2023 | Reviews | 0 comments"],
)
def test_a_themes_labels_beside_the_meta_line_do_not_start_the_body(label: str) -> None:
    record = _article(
        f"<p>Published 20 March 2023 posted in Reviews</p><p>{label}</p><h3>Authors</h3><p>Ruth Adeyemi</p>"
    )
    assert record["authors"] == ["Ruth Adeyemi"] and record["body"].startswith("Researchers")


def test_a_contents_box_and_a_footnotes_title_are_not_body() -> None:
    record = _article("<p>17 October 2016</p><p>Table of Contents</p>", "<h4>Notes</h4>")
    assert "Contents" not in record["body"] and "Notes" not in record["body"]


def test_an_author_bio_box_after_the_body_is_not_body() -> None:
    record = _article(
        "<p>17 October 2016</p>", "<div class='saboxplugin-wrap'><p>Ruth Adeyemi is a PhD student in Leeds.</p></div>"
    )
    assert "PhD student" not in record["body"]


def test_a_meta_line_printed_as_a_row_of_blocks_gives_date_section_and_issue() -> None:
    row = (
        "<div><p>Published</p><div><time datetime='2024-03-04'>4 March 2024</time></div><p>posted in</p>"
        "<div><a href='/bionews/elsewhere/'>Elsewhere</a></div><p>and appears in</p>"
        "<div><a href='/newsletter_issue/bionews-1235/'>BioNews 1235</a></div></div>"
    )
    record = _article(row + "<h2>Author</h2><p>Beatrice Lowry</p>")
    assert (record["published"], record["section"], record["issue"]) == ("2024-03-04", "Elsewhere", 1235)
    assert record["authors"] == ["Beatrice Lowry"] and record["body"].startswith("Researchers")


def test_an_author_boxs_linked_name_run_into_its_role_is_the_name() -> None:
    record = _article(
        "<p>Published 1 August 2022 posted in Podcast</p><h6>Author</h6>"
        "<ul><li><a href='/person/isobel/'>Isobel Harrington</a><span>Communications Manager, PET</span></li></ul>"
    )
    assert record["authors"] == ["Isobel Harrington"] and "Harrington" not in record["body"]


def test_a_meta_line_printed_without_a_date_still_gives_section_and_issue() -> None:
    record = _article("<p>Posted in Comment and appears in BioNews 1003</p>")
    assert (record["section"], record["issue"], record["published"]) == ("Comment", 1003, None)


def test_a_modified_date_on_its_own_line_is_not_body() -> None:
    record = _article("<p>17 February 2020</p><p>Updated 19 February 2020</p>")
    assert record["published"] == "2020-02-17" and "Updated" not in record["body"]


def test_a_headline_in_a_title_classed_element_with_no_heading_anywhere_is_found() -> None:
    html = (
        "<html><head><title>BioNews</title></head><body><div class='article-title'><strong>Sickle cell gene therapy: "
        f"first NHS patient treated</strong></div><div>17 February 2020</div>{PROSE}</body></html>"
    )
    (record,) = extract(html.encode(), URL).records
    assert record["headline"] == "Sickle cell gene therapy: first NHS patient treated"


def test_a_reviews_facts_box_is_not_body_whatever_its_lines_say() -> None:
    facts = (
        "<div class='review-facts'><p><strong>Sharing the Load: Who Should Pay?</strong></p>"
        "<p>Organised by the Progress Educational Trust</p><p>Conway Hall, London, 11 March 2020</p></div>"
    )
    record = _article("<p>16 March 2020</p>" + facts)
    assert record["body"].startswith("Researchers") and "Conway Hall" not in record["body"]


def test_a_pull_quote_repeating_the_body_is_not_body_but_an_embedded_post_is() -> None:
    quote = (
        "<figure class='wp-block-pullquote'><blockquote><p>The list of extras keeps growing.</p></blockquote></figure>"
    )
    tweet = "<blockquote class='twitter-tweet'><p>Clinics must pause new cycles from Monday.</p></blockquote>"
    record = _article("<p>16 March 2020</p>", quote + tweet)
    assert "extras keeps growing" not in record["body"] and "pause new cycles" in record["body"]


def test_an_audio_players_fallback_text_is_not_body() -> None:
    record = _article(
        "<p>7 January 2019</p><audio controls src='a.mp3'>Your browser does not support the audio element.</audio>"
    )
    assert "browser" not in record["body"]


def test_a_contents_box_by_its_class_is_not_body() -> None:
    toc = "<div id='ez-toc-container' class='ez-toc-v2_0'><p class='ez-toc-title'>Contents</p><ul><li>Background</li></ul></div>"
    record = _article("<p>17 October 2016</p>" + toc)
    assert "Contents" not in record["body"] and "Background" not in record["body"]


def test_an_about_the_author_box_after_the_body_ends_it() -> None:
    record = _article(
        "<p>17 October 2016</p>", "<h5>About the author</h5><p>She has advised the Science Media Centre since 2014.</p>"
    )
    assert "Science Media Centre" not in record["body"]


def test_a_quotations_own_footer_naming_who_said_it_is_body() -> None:
    quote = "<blockquote><p>We were told nothing about the risks.</p><footer>Hannah Rees</footer></blockquote>"
    record = _article("<p>17 October 2016</p>", quote)
    assert "Hannah Rees" in record["body"]


def test_a_sidebar_event_advert_above_the_articles_own_cues_is_not_body_nor_its_date() -> None:
    html = (
        "<html><body><table><tr><td><h1>Event Review: Telling children</h1></td></tr>"
        "<tr><td>Who should pay for IVF?</td></tr><tr><td>18 March 2014 - 6.30pm (registration), 7pm (debate)</td></tr>"
        "<tr><td>Speakers: Professor Alan Reed, Sarah Norcross</td></tr><tr><td>10 March 2014</td></tr>"
        f"<tr><td>By Oliver Dunmore</td></tr><tr><td>Appeared in BioNews 745</td></tr><tr><td>{PROSE}</td></tr></table></body></html>"
    )
    (record,) = extract(html.encode(), "https://www.bionews.org.uk/page_5").records
    assert record["kind"] == "article" and record["published"] == "2014-03-10"
    assert record["body"].startswith("Researchers")


def test_the_email_editions_change_of_address_footer_is_not_body() -> None:
    record = _article(
        "<p>17 October 2016</p>", "<p>To change your e-mail address, visit www.bionews.org.uk/page_signup.asp</p>"
    )
    assert "e-mail address" not in record["body"]


def test_a_meta_line_printed_above_the_headline_is_read() -> None:
    html = (
        "<html><body><header><h1>PET</h1></header><p>Published 9 November 2026 posted in News and appears in BioNews 1371</p>"
        f"<h2 class='entry-title'>Clinic fined over storage consent</h2>{PROSE}</body></html>"
    )
    (record,) = extract(html.encode(), URL).records
    assert (record["published"], record["section"], record["issue"]) == ("2026-11-09", "News", 1371)


def test_a_page_behind_a_cookie_walls_inert_wrapper_is_still_read() -> None:
    html = (
        "<html><body><div class='cookie-wall__content' aria-hidden='true' inert><h1>Clinic fined over consent</h1>"
        f"<p>19 December 2025</p>{PROSE}</div><div role='dialog'>We use cookies. Accept?</div></body></html>"
    )
    (record,) = extract(html.encode(), URL).records
    assert record["kind"] == "article" and record["body"].startswith("Researchers")


def test_the_post_author_block_and_a_blocked_embeds_consent_notice_are_not_body() -> None:
    record = _article(
        "<p>17 October 2016</p><figure><p class='cmplz-blocked-content-notice'>Click 'I agree' to enable YouTube videos.</p></figure>",
        "<div class='wp-block-post-author'><p class='wp-block-post-author__name'>Leo Castellanos</p></div>",
    )
    assert "I agree" not in record["body"] and "Castellanos" not in record["body"]


def test_an_author_boxs_linked_name_with_its_role_on_one_line_is_an_author_under_a_hidden_label() -> None:
    record = _article(
        "<p>Published 27 July 2026 posted in Elsewhere</p><h2 class='screen-reader-text'>Authors</h2>"
        "<p aria-hidden='true'>Authors</p><p><strong><a href='/p/t/'>Dr Tomasz Wieczorek</a></strong> "
        "<span class='role'>Research Fellow, University of Leeds</span></p>"
    )
    assert record["authors"] == ["Dr Tomasz Wieczorek"] and "Research Fellow" not in record["body"]


@pytest.mark.parametrize(
    "line",
    ["Get BioNews in your inbox every Monday.", "Buy the book from Bookshop.org (PET receives a small commission)"],
)
def test_a_sign_up_box_and_a_bookshop_link_inside_the_content_are_not_body(line: str) -> None:
    record = _article("<p>17 October 2016</p>", f"<p>{line}</p>")
    assert line not in record["body"]
