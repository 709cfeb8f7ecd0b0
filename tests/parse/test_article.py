"""Article assembly below the body: sources and related stories, on short snippets."""

from __future__ import annotations

from typing import Any

from bionews_scraper.parse.extract import extract

URL = "https://www.bionews.org.uk/page_2"
HEAD = (
    "<html><body><div>Page URL:</div><h1>A story</h1><p>3 June 2019</p><p>Appeared in BioNews 1000</p>"
    "<p>Researchers reported the finding in a journal this week, and others welcomed it.</p>"
)
SOURCES = ["https://journal.example/one", "https://news.example/two"]
PROSE_PARAGRAPH = "<p>Researchers reported the finding in a journal this week, and others welcomed it.</p>"
OLDER_STORY = (
    "<div><a href='{url}'>An older story here</a><div>20 May 2019 - by Ann Lee</div><div>It said...</div></div>"
)


def _below_body(markup: str) -> tuple[list[str], list[str]]:
    """(source urls, related urls) of an article whose body is followed by ``markup``."""
    (record,) = extract(f"{HEAD}{markup}</body></html>".encode(), URL).records
    found: dict[str, Any] = dict(record)
    return [source["url"] for source in found["sources"]], [story["url"] for story in found["related"]]


def test_an_unheaded_related_list_straight_after_the_sources_is_not_a_source() -> None:
    sources, related = _below_body(
        f"<h3>Sources and References</h3><p><a href='{SOURCES[0]}'>Paper one</a></p>"
        f"<p><a href='{SOURCES[1]}'>Report two</a></p>{OLDER_STORY.format(url='/page_7')}"
    )
    assert sources == SOURCES and related == ["https://www.bionews.org.uk/page_7"]


def test_sources_with_a_date_line_under_each_stay_sources() -> None:
    sources, related = _below_body(
        f"<h3>Sources and References</h3><p><a href='{SOURCES[0]}'>Embryo models from stem cells</a><br>12 June 2019</p>"
        f"<p><a href='{SOURCES[1]}'>Lab embryos raise questions</a><br>13 June 2019</p>"
    )
    assert sources == SOURCES and related == []


def test_an_unheaded_related_list_may_link_to_the_sites_other_host() -> None:
    _, related = _below_body(OLDER_STORY.format(url="https://www.progress.org.uk/an-older-story/"))
    assert related == ["https://www.progress.org.uk/an-older-story/"]


def test_a_sidebars_dated_teasers_are_not_related_stories() -> None:
    sidebar = f"<aside><h3>Most read</h3>{OLDER_STORY.format(url='/page_7')}</aside>"
    _, related = _below_body(f"<h3>Leave a Reply</h3>{sidebar}")
    assert related == []


def test_a_page_is_truncated_only_without_a_closing_html_tag_in_any_case() -> None:
    def warned(ending: str) -> bool:
        (record,) = extract(f"{HEAD}</body>{ending}".encode(), URL).records
        return any(str(warning).startswith("page_truncated") for warning in dict(record)["warnings"])

    assert not warned("</html>") and not warned("</HTML>") and not warned("</Html>")
    assert not warned("</html>\N{RIGHT SINGLE QUOTATION MARK}")  # a page that is not Latin-1
    assert warned("") and warned("<p>cut off mid")


def test_a_second_related_list_under_its_own_heading_goes_on_with_the_first() -> None:
    _, related = _below_body(
        f"<h2>Related Articles</h2>{OLDER_STORY.format(url='/page_7')}"
        f"<h2>Related Comment</h2>{OLDER_STORY.format(url='/page_8').replace('older story', 'older comment')}"
    )
    assert related == ["https://www.bionews.org.uk/page_7", "https://www.bionews.org.uk/page_8"]


def test_a_paragraph_quoting_an_issue_line_stays_in_the_body() -> None:
    quoted = "<p>The archive still prints ‘Appeared in BioNews 0’ under the first story.</p>"
    (record,) = extract(f"{HEAD}{quoted}</body></html>".encode(), URL).records
    assert record["issue"] == 1000 and "Appeared in BioNews 0" in record["body"]


def test_a_saved_or_cached_copys_base_href_resolves_its_relative_links() -> None:
    page = HEAD.replace("<html><body>", "<html><head><base href='https://www.bionews.org.uk/page_2'></head><body>")
    html = f"{page}<h3>Related Articles</h3>{OLDER_STORY.format(url='page_7')}</body></html>"
    (record,) = extract(html.encode(), "http://webcache.example-search.com/search?q=cache:page_2").records
    assert [story["url"] for story in record["related"]] == ["https://www.bionews.org.uk/page_7"]


SCRIPT_SHELL = (
    "<html><head><title>BioNews</title></head><body><div id='app'>Loading...</div><noscript>{}</noscript>"
    "<script>render()</script></body></html>"
)


def test_an_article_only_in_noscript_beside_a_script_drawn_shell_is_read_as_a_reader_without_scripts_sees_it() -> None:
    article = "<h1>Regulator approves base-editing trial</h1><p>13 September 2021</p><p>Appeared in BioNews 1112</p>"
    (record,) = extract(SCRIPT_SHELL.format(article + PROSE_PARAGRAPH).encode(), URL).records
    assert record["kind"] == "article" and record["issue"] == 1112 and "Researchers" in record["body"]


def test_a_shell_whose_noscript_only_asks_for_javascript_is_still_refused() -> None:
    (record,) = extract(SCRIPT_SHELL.format("<p>Please enable JavaScript to read this site.</p>").encode(), URL).records
    assert record["kind"] == "error"


def test_a_related_list_ends_where_the_pages_footer_begins() -> None:
    footer = "<footer><p>Published by the Trust.</p><p><a href='/terms'>Terms and conditions</a> | <a href='/privacy'>Privacy</a></p></footer>"
    _, related = _below_body(f"<h3>Related Articles</h3>{OLDER_STORY.format(url='/page_7')}{footer}")
    assert related == ["https://www.bionews.org.uk/page_7"]


def test_the_letters_pages_editors_note_is_not_body() -> None:
    note = "<p class='editorsnote'>Letters may be edited for length. Write to the editor.</p>"
    (record,) = extract(f"{HEAD}{note}</body></html>".encode(), URL).records
    assert "Letters may be edited" not in record["body"]


def test_a_sources_list_ends_at_the_footer_under_it() -> None:
    footer = (
        "<div>BioNews is published by the Progress Educational Trust. <a href='/unsubscribe.asp'>Unsubscribe</a></div>"
    )
    sources, _ = _below_body(
        f"<h3>Sources and References</h3><p><a href='{SOURCES[0]}'>Paper one</a></p>"
        f"<p><a href='{SOURCES[1]}'>Report two</a></p>{footer}"
    )
    assert sources == SOURCES


def test_related_thumbnails_side_by_side_are_each_a_story() -> None:
    row = (
        "<div><a href='/page_7'><img src='a.jpg'><span>BioNews at twenty years old</span></a>"
        "<a href='/page_8'><img src='b.jpg'><span>How should we discuss genome editing?</span></a></div>"
    )
    _, related = _below_body(f"<h3>You may also like:</h3>{row}")
    assert related == ["https://www.bionews.org.uk/page_7", "https://www.bionews.org.uk/page_8"]


def test_a_page_with_neither_a_date_nor_an_issue_line_is_refused_not_half_filed() -> None:
    html = f"<html><head><title>Comments</title></head><body><p>By Anna Fairweather</p>{PROSE_PARAGRAPH}</body></html>"
    (record,) = extract(html.encode(), URL).records
    assert record["kind"] == "error" and record["reason"] == "other_page"


def test_the_share_box_printed_again_among_the_sources_is_no_source() -> None:
    sources, _ = _below_body(
        f"<h3>Sources and References</h3><p><a href='{SOURCES[0]}'>Paper one</a></p>"
        f"<p>Page URL: <a href='{URL}'>{URL}</a></p>"
    )
    assert sources == SOURCES[:1]


def test_a_print_views_source_footer_under_the_sources_is_no_source() -> None:
    footer = f"<div class='pf-footer'><p>Source: <a href='{URL}/original'>{URL}/original</a></p></div>"
    sources, _ = _below_body(f"<h3>Sources and References</h3><p><a href='{SOURCES[0]}'>Paper one</a></p>{footer}")
    assert sources == SOURCES[:1]
