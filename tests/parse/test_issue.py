"""Issue pages: the issue's own contents, wherever the theme puts them."""

from __future__ import annotations

from bionews_scraper.parse.extract import extract

URL = "https://www.progress.org.uk/newsletter_issue/bionews-584/"
ENTRIES = (
    "<dl>"
    "<dt><a href='/sperm-donors-to-be-paid-more/'>Sperm donors to be paid more</a></dt>"
    "<dd>The regulator is to consider raising what donors are paid...</dd>"
    "<dt><a href='/the-case-for-a-donor-register/'>The case for a donor register</a></dt>"
    "<dd>by Dr Petra Lind</dd><dd>Every donor-conceived person should be able to find out&#8230;</dd>"
    "</dl>"
)
SIDEBAR = (
    "<aside><h4>Latest BioNews</h4><p><a href='/storage-limit-rises/'>Storage limit rises to 55 years</a></p></aside>"
)


def _issue(body: str) -> dict:
    [record] = extract(
        f"<html><head><title>BioNews 584 | PET</title></head><body>{body}</body></html>".encode(), URL
    ).records
    assert record["kind"] == "issue", record
    return dict(record)


def test_entries_in_a_container_whose_class_only_hints_at_furniture_are_the_issues() -> None:
    issue = _issue(f"<div class='widget'>{ENTRIES}</div>{SIDEBAR}")
    assert [entry["url"] for entry in issue["articles"]] == [
        "https://www.progress.org.uk/sperm-donors-to-be-paid-more/",
        "https://www.progress.org.uk/the-case-for-a-donor-register/",
    ]
    assert issue["articles"][1]["authors"] == ["Dr Petra Lind"]


def test_a_sidebar_element_never_gives_entries() -> None:
    issue = _issue(f"<div class='newsletter'><p>No stories this week.</p></div>{SIDEBAR}")
    assert issue["articles"] == [] and any(w.startswith("articles_missing") for w in issue["warnings"])


def test_with_no_title_of_its_own_the_first_entry_is_an_entry_and_a_sidebar_first_is_not() -> None:
    entries = "".join(
        f"<article><h2><a href='/story-{n}/'>Story number {n} on egg freezing</a></h2>"
        f"<p>Published 27 February 2023 posted in News and appears in BioNews 1184</p><p>A summary...</p></article>"
        for n in range(3)
    )
    sidebar = (
        "<aside><h3>Latest BioNews</h3><div><a href='/newest-story/'>The newest story of the week</a></div>"
        "<p>Published 6 March 2023 posted in News and appears in BioNews 1185</p></aside>"
    )
    issue = _issue(f"{sidebar}<div class='main'>{entries}</div>")
    assert [entry["url"] for entry in issue["articles"]] == [
        f"https://www.progress.org.uk/story-{n}/" for n in range(3)
    ]


def test_an_entry_whose_headline_begins_like_the_search_box_is_an_entry() -> None:
    issue = _issue(
        "<h1>BioNews 584</h1><h2><a href='/search-for-a-donor/'>Search for a donor: matching sites under scrutiny</a></h2>"
        "<p>Websites that match parents with donors are to be examined...</p>"
    )
    assert [entry["url"] for entry in issue["articles"]] == ["https://www.progress.org.uk/search-for-a-donor/"]


def test_an_email_issue_item_headed_like_the_search_box_is_an_article_of_its_own() -> None:
    item = "<p><a href='page_{n}.asp'>{title}</a></p><p>{date} July 2011</p><p>Appeared in BioNews 617</p><p>{body}</p>"
    items = "".join(
        item.format(n=n, title=title, date=date, body=f"Item {n} reports a finding that others have welcomed.")
        for n, title, date in (
            (610202, "Stem cells from skin repair mouse hearts", 25),
            (610203, "Search for the genes behind left-handedness comes up short", 21),
        )
    )
    html = f"<html><body><h2>Issue 617 (25 July 2011)</h2><h3>News Digest</h3>{items}</body></html>"
    records = extract(html.encode(), "http://www.bionews.org.uk/page.asp?obj_id=610200&CView=7").records
    assert [record.get("headline") for record in records if record["kind"] == "article"] == [
        "Stem cells from skin repair mouse hearts",
        "Search for the genes behind left-handedness comes up short",
    ]


def test_a_newsletter_class_is_no_furniture_on_a_page_of_the_newsletter_issue_post_type() -> None:
    entries = "".join(
        f"<li><a href='/story-{n}/'>Story number {n} on donor anonymity</a><br>The regulator has asked clinics what they tell donors about it...</li>"
        for n in range(3)
    )
    sidebar = (
        "<div class='col-33'><h2>Latest BioNews</h2><p><a href='/newest-story/'>The newest story of the week</a></p>"
        "<p>Published 23 November 2026 posted in News and appears in BioNews 1373</p></div>"
    )
    issue = _issue(
        f"<div class='col-66'><h1>BioNews 584</h1><ul class='newsletter-items'>{entries}</ul></div>{sidebar}"
    )
    assert [entry["url"] for entry in issue["articles"]] == [
        f"https://www.progress.org.uk/story-{n}/" for n in range(3)
    ]


def test_a_page_with_no_heading_whose_title_names_an_issue_is_that_issue_at_any_address() -> None:
    [record] = extract(
        f"<html><head><title>BioNews 584 | PET</title></head><body><div>{ENTRIES}</div></body></html>".encode(),
        "https://www.progress.org.uk/?p=98765",
    ).records
    assert record["kind"] == "issue" and record["issue"] == 584 and len(record["articles"]) == 2


def test_an_issue_pages_entries_run_on_under_its_section_headings_comment_included() -> None:
    sections = "".join(
        f"<h2>{section}</h2><ul><li><h3><a href='/{section.lower()}-story/'>A {section.lower()} story this week</a></h3>"
        "<p>The regulator has asked clinics what they tell donors about it...</p></li></ul>"
        for section in ("News", "Comment", "Reviews")
    )
    issue = _issue(f"<main><h1>BioNews 584</h1>{sections}</main>")
    assert [entry["url"].rsplit("/", 2)[1] for entry in issue["articles"]] == [
        "news-story",
        "comment-story",
        "reviews-story",
    ]


def test_each_entry_printed_as_an_article_with_its_own_header_is_an_entry() -> None:
    entries = "".join(
        f"<section class='issue-{section}'><h3>{section.title()}</h3><article class='post'><header class='entry-header'>"
        f"<h2><a href='/{section}-story/'>A {section} story this week</a></h2></header>"
        "<p>The regulator has asked clinics what they tell donors about it...</p></article></section>"
        for section in ("news", "comment")
    )
    page = f"<header class='page-header'><h1>BioNews 584</h1></header>{entries}"
    issue = _issue(
        page + "<aside><article><h2><a href='/sidebar-story/'>A story in the sidebar</a></h2></article></aside>"
    )
    assert [entry["url"].rsplit("/", 2)[1] for entry in issue["articles"]] == ["news-story", "comment-story"]


def test_an_early_issue_index_under_the_email_heading_is_that_issue() -> None:
    teasers = "".join(
        f"<p><b>Story {n} about the first embryo law</b><br>A short teaser of it...<br>"
        f"<a href='page_{n}.asp'>[Read More]</a></p>"
        for n in (11, 12)
    )
    [record] = extract(
        f"<html><head><title>BioNews</title></head><body><p>Issue 0 (22 March 1999)</p>{teasers}</body></html>".encode(),
        "http://www.bionews.org.uk/page_10.asp",
    ).records
    assert (record["kind"], record["issue"], record["published"]) == ("issue", 0, "1999-03-22")


def test_an_archive_linking_each_issue_under_the_email_heading_form_is_no_issue() -> None:
    archive = "".join(
        f"<p><a href='page_{n}.asp'>Issue {n} (22 March 1999)</a></p><p>Lead story: a report on embryo research</p>"
        for n in (0, 1, 2)
    )
    [record] = extract(
        f"<html><body><h1>All issues</h1>{archive}</body></html>".encode(), "http://www.bionews.org.uk/page_2.asp"
    ).records
    assert record["reason"] == "listing_page"


def test_an_issue_number_and_date_printed_in_spans_head_the_issue() -> None:
    sidebar = (
        "<div class='sidebar'><h3>Most Read</h3><div><a href='/page_1'>Mitochondrial donation: first patients</a></div>"
        "<div>3 June 2019 - by Dr Rosie Gill</div><div>Doctors confirm the first women have been treated...</div></div>"
    )
    body = (
        "<div><span>BioNews 1003</span> <span>24 June 2019</span></div>"
        "<div><a href='/page_2'>Scientists edit genes in human embryos</a></div><div>Researchers in London...</div>"
    )
    [record] = extract(
        f"<html><body>{body}{sidebar}</body></html>".encode(), "https://www.bionews.org.uk/page_3"
    ).records
    assert (record["kind"], record["issue"], record["published"]) == ("issue", 1003, "2019-06-24")


def _email_page(articles: str, tail: str = "", title: str = "BioNews") -> list[dict]:
    html = f"<html><head><title>{title}</title></head><body><p>Issue 743 (24 February 2014)</p>{articles}{tail}</body></html>"
    return [
        dict(record) for record in extract(html.encode(), "http://www.bionews.org.uk/page.asp?obj_id=1&CView=2").records
    ]


WHOLE = (
    "<div>{headline}</div><div>24 February 2014</div>"
    "<div>Scientists have grown human egg cells to maturity in the laboratory from early-stage tissue, a first.</div>"
    "<div>The team moved the developing follicles between culture systems over three weeks, they report.</div>"
)


def test_whole_articles_of_an_email_issue_with_no_issue_lines_of_their_own_appeared_in_it() -> None:
    records = _email_page(
        WHOLE.format(headline="Human eggs grown in the lab") + WHOLE.format(headline="Panel backs donation")
    )
    assert [(r["kind"], r.get("issue")) for r in records] == [("article", 743), ("article", 743), ("issue", 743)]


def test_the_last_of_several_email_articles_ends_with_the_element_that_holds_it() -> None:
    articles = "".join(
        f"<table><tr><td>{WHOLE.format(headline=h)}</td></tr></table>" for h in ("First story", "Last story")
    )
    sidebar = "<table><tr><td>EVENTS</td></tr><tr><td>Egg freezing: a fair bet? Recent issues of BioNews, listed here.</td></tr></table>"
    records = _email_page(articles, sidebar)
    assert "EVENTS" not in records[1]["body"] and "Recent issues" not in records[1]["body"]


def test_a_not_found_page_whose_sidebar_prints_the_email_issue_heading_is_not_that_issue() -> None:
    teasers = "<div><a href='page_1.asp'>A story from the latest issue</a></div><div>A teaser of it...</div>"
    [record] = _email_page(teasers, title="BioNews - Page not found")
    assert record["kind"] == "error"


def test_an_issue_page_headed_issue_n_is_that_issue() -> None:
    entries = "".join(
        f"<li><a href='/page_{n}'>Story number {n} on egg donation</a><p>21 January 2019</p>"
        "<p>The regulator has asked clinics what they tell donors about it...</p></li>"
        for n in (1, 2)
    )
    [record] = extract(
        f"<html><body><h1>Issue 983</h1><p>21 January 2019</p><ol>{entries}</ol></body></html>".encode(),
        "https://www.bionews.org.uk/page_140001",
    ).records
    assert (record["kind"], record["issue"], len(record["articles"])) == ("issue", 983, 2)


def test_last_weeks_stories_and_the_previous_issue_link_are_not_the_issues_entries() -> None:
    own = "".join(
        f"<li><a href='/own-{n}/'>Own story number {n} this week</a><br>A teaser of it...</li>" for n in (1, 2)
    )
    other = "<li><a href='/old-story/'>A story from the week before</a><br>Its teaser...</li>"
    issue = _issue(
        f"<h1>BioNews 584</h1><ul>{own}</ul><p><a href='/page_150200'>« Previous issue: BioNews 583</a></p>"
        f"<h3>Last week in BioNews</h3><ul>{other}</ul>"
    )
    assert [entry["url"].rsplit("/", 2)[1] for entry in issue["articles"]] == ["own-1", "own-2"]
