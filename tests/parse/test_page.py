"""The page as lines: what the finders and cues read."""

from __future__ import annotations

import warnings
from unittest.mock import patch

from hypothesis import given, settings
from hypothesis import strategies as st

from bionews_scraper.parse.page import Page


def _texts(html: str) -> list[str]:
    return [line.text for line in Page.from_text(html, "http://example.test/").lines]


def test_double_br_splits_paragraphs_single_br_splits_lines() -> None:
    page = Page.from_text("<div>One.<br><br>Two<br>still two.</div>", "http://x/")
    assert [(line.text, line.paragraph) for line in page.lines] == [("One.", 0), ("Two", 1), ("still two.", 1)]


def test_scripts_styles_and_hidden_elements_are_not_text() -> None:
    html = "<p>seen</p><script>var x</script><style>p{}</style><div hidden>no</div><p style='display: none'>no</p>"
    assert _texts(html) == ["seen"]


def test_links_belong_to_the_line_that_shows_their_text() -> None:
    page = Page.from_text("<div>Intro</div><p><a href='/a'>A headline</a></p>", "http://x/")
    assert [(line.text, [link.href for link in line.links]) for line in page.lines] == [
        ("Intro", []),
        ("A headline", ["/a"]),
    ]


def test_inline_markup_does_not_split_words_or_lines() -> None:
    assert _texts("<p>Gen<b>ome</b> <i>editing</i> &amp; IVF</p>") == ["Genome editing & IVF"]


def test_furniture_is_marked_by_element_or_class_hint() -> None:
    page = Page.from_text(
        "<nav><p>Menu item</p></nav><div class='right-sidebar'><p>Ad</p></div><p>Prose</p>", "http://x/"
    )
    assert [line.furniture is not None for line in page.lines] == [True, True, False]


def test_furniture_hint_words_ignore_case_and_need_a_separator_on_both_sides() -> None:
    html = (
        "<div class='Site-HEADER_bar'><p>One</p></div><div id='navbarX'><p>Two</p></div>"
        "<div class='menü NAV'><p>Three</p></div><div class='navé'><p>Four</p></div>"
    )
    page = Page.from_text(html, "http://x/")
    assert [line.furniture is not None for line in page.lines] == [True, False, True, False]


def test_taxonomy_classes_never_make_furniture_but_a_hint_beside_them_does() -> None:
    html = (
        "<div class='post tag-share category-sidebar'>Tagged post text</div>"
        "<div class='tag-news widget-area'>Widget text</div>"
        "<div id='share-box' class='category-news'>Share box text</div>"
        "<div class='entry'>Plain text</div>"
    )
    page = Page.from_text(html, "http://x/")
    assert [line.furniture is not None for line in page.lines] == [False, True, True, False]


def test_deeply_nested_markup_does_not_recurse() -> None:
    html = "<div>" * 3000 + "deep" + "</div>" * 3000
    assert _texts(html) == ["deep"]


def test_a_block_wrapped_like_the_headline_is_not_foreign_furniture_but_a_sidebar_is() -> None:
    page = Page.from_text(
        "<div class='pb-widget'><h1>Head</h1></div><div class='pb-widget'><p>Body text</p></div>"
        "<div class='widget recent'><p>Latest news</p></div><nav class='pb-widget'><p>Menu</p></nav>",
        "http://x/",
    )
    head, body, sidebar, menu = page.lines
    assert not page.is_foreign_furniture(body, head)
    assert page.is_foreign_furniture(sidebar, head) and page.is_foreign_furniture(menu, head)


# Markup as themes indent it: blocks, inline runs, void elements and scripts, with or
# without whitespace between any two of them.
WHITESPACE = st.sampled_from(["", " ", "\n", "\n    ", "\t", " \r\n "])
WORDS = st.sampled_from(["Embryo", "law", "&amp;", "IVF.", "Gen", "ome", "é", "x<y", "a > b", "p<0.05", "<!-- <p> -->"])
BLOCKS = ("div", "p", "li", "ul", "h2", "section", "blockquote", "td", "DIV", "P")
INLINES = ("span", "b", "a", "i", "SPAN")
VOIDS = ("<br>", "<br/>", "<img src='i.png'>", "<hr>", "<input type='text'>")


def _markup(children: st.SearchStrategy[str]) -> st.SearchStrategy[str]:
    element = st.tuples(st.sampled_from(BLOCKS + INLINES), st.lists(st.tuples(WHITESPACE, children), max_size=4))
    return element.map(
        lambda pair: (
            f"<{pair[0]}{' href=/s' if pair[0] == 'a' else ''} class='c'>"
            + "".join(space + child for space, child in pair[1])
            + f"</{pair[0]}>"
        )
    )


MARKUP = st.recursive(
    st.one_of(WORDS, st.sampled_from(VOIDS), st.just("<script>var a = '<p> </p>';</script>")), _markup, max_leaves=25
)


def _lines(page: Page) -> list[tuple[str, int, str, list[tuple[str, str]], tuple[int, int]]]:
    return [
        (
            line.text,
            line.paragraph,
            line.tag,
            [(link.text, link.href) for link in line.links],
            page.span_of(line.element),
        )
        for line in page.lines
    ]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.tuples(WHITESPACE, MARKUP), max_size=5), WHITESPACE)
def test_whitespace_dropped_at_block_tags_changes_no_line(body: list[tuple[str, str]], tail: str) -> None:
    html = "<html><head>\n<title>T</title>\n</head>\n<body>" + "".join(a + b for a, b in body) + tail + "</body></html>"
    with patch("bionews_scraper.parse.page._without_whitespace_at_blocks", lambda text: text):
        as_printed = Page.from_text(html, "http://x/")
    assert _lines(Page.from_text(html, "http://x/")) == _lines(as_printed)


def test_whitespace_between_inline_elements_still_separates_words() -> None:
    assert _texts("<div>\n  <p>\n    <b>Egg</b>\n    <i>freezing</i>\n  </p>\n  <p>Next</p>\n</div>") == [
        "Egg freezing",
        "Next",
    ]


def test_an_xhtml_pages_xml_declaration_is_read_as_html_without_a_warning() -> None:
    text = "Seen " * 120  # bs4 looks for an html end tag in the first 500 characters only
    html = f'<?xml version="1.0" encoding="UTF-8"?>\n<html xmlns="http://www.w3.org/1999/xhtml"><body><p>{text}</p></body></html>'
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        assert _texts(html) == [text.strip()]


def test_a_headline_broken_over_two_lines_by_br_is_one_line() -> None:
    assert _texts("<h2>&quot;Designer babies&quot;<br>and the trouble with easy phrases</h2><p>Next</p>") == [
        '"Designer babies" and the trouble with easy phrases',
        "Next",
    ]
