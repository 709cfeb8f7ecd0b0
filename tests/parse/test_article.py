"""Article assembly below the body: sources and related stories, on short snippets."""

from __future__ import annotations

from bionews_scraper.parse.extract import extract

URL = "https://www.bionews.org.uk/page_2"
HEAD = (
    "<html><body><div>Page URL:</div><h1>A story</h1><p>3 June 2019</p><p>Appeared in BioNews 1000</p>"
    "<p>Researchers reported the finding in a journal this week, and others welcomed it.</p>"
)


def test_an_unheaded_related_list_straight_after_the_sources_is_not_a_source() -> None:
    html = (
        f"{HEAD}<h3>Sources and References</h3>"
        "<p><a href='https://journal.example/one'>Paper one</a></p><p><a href='https://news.example/two'>Report two</a></p>"
        "<div><a href='/page_7'>An older story here</a><div>20 May 2019 - by Ann Lee</div><div>It said...</div></div>"
        "</body></html>"
    )
    (record,) = extract(html.encode(), URL).records
    assert [source["url"] for source in record["sources"]] == [
        "https://journal.example/one",
        "https://news.example/two",
    ]
    assert [story["url"] for story in record["related"]] == ["https://www.bionews.org.uk/page_7"]


def test_sources_with_a_date_line_under_each_stay_sources() -> None:
    html = (
        f"{HEAD}<h3>Sources and References</h3>"
        "<p><a href='https://journal.example/one'>Embryo models from stem cells</a><br>12 June 2019</p>"
        "<p><a href='https://news.example/two'>Lab embryos raise questions</a><br>13 June 2019</p></body></html>"
    )
    (record,) = extract(html.encode(), URL).records
    assert [source["url"] for source in record["sources"]] == [
        "https://journal.example/one",
        "https://news.example/two",
    ]
    assert record["related"] == []


def test_an_unheaded_related_list_may_link_to_the_sites_other_host() -> None:
    html = (
        f"{HEAD}<div><a href='https://www.progress.org.uk/an-older-story/'>An older story here</a>"
        "<div>20 May 2019 - by Ann Lee</div><div>It said...</div></div></body></html>"
    )
    (record,) = extract(html.encode(), URL).records
    assert [story["url"] for story in record["related"]] == ["https://www.progress.org.uk/an-older-story/"]
