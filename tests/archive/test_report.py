"""`bionews report`: coverage figures computed by DuckDB, and the text and HTML that show them.

A small hand-written output directory pins every figure exactly; the demo crawl (run once, in
a subprocess, as in test_demo_crawl.py) is checked the way an analyst would: DuckDB and pandas
straight over articles.jsonl, against fixtures/site/manifest.json.
"""

from __future__ import annotations

import json
from collections import Counter
from html.parser import HTMLParser
from pathlib import Path

import duckdb
import pytest

from bionews_scraper.archive.report import ArticleLine, coverage, format_ranges, format_text, render_html
from bionews_scraper.records.jsonl import dumps_line
from tests.archive.runs import bionews

ROOT = Path(__file__).resolve().parents[2]
MANIFEST = json.loads((ROOT / "fixtures" / "site" / "manifest.json").read_text(encoding="utf-8"))
SCRIPT_HEADLINE = "Embryo law <script>alert(1)</script> reviewed"
ODD_AUTHOR = "O'Brien & <b>Co</b>"


def _article(url: str, issue: int | None, published: str | None, authors: list[str], headline: str = "A story") -> dict:
    return {
        "kind": "article",
        "url": url,
        "canonical_url": None,
        "layout": "legacy",
        "headline": headline,
        "published": published,
        "authors": authors,
        "byline": None,
        "issue": issue,
        "issue_url": None,
        "body": "Text.",
        "related": [],
        "sources": [],
        "warnings": [],
    }


def _issue(number: int, published: str) -> dict:
    return {
        "kind": "issue",
        "url": f"https://www.bionews.org.uk/issue-{number}",
        "layout": "legacy",
        "issue": number,
        "published": published,
        "articles": [],
        "warnings": [],
    }


def _error(url: str, reason: str) -> dict:
    return {"kind": "error", "url": url, "reason": reason, "error": "a sentence"}


ARTICLES = [
    _article("https://www.bionews.org.uk/page_1", 700, "2012-01-02", ["Dr A Lee", ODD_AUTHOR], SCRIPT_HEADLINE),
    _article("http://www.bionews.org.uk/page_2.asp", 701, "2012-01-09", ["Dr A Lee"]),
    _article("javascript:alert(2)", 703, "2013-03-04", [ODD_AUTHOR], "Linked nowhere"),  # 703: only an article knows it
    _article("https://www.bionews.org.uk/page_4", 705, "2014-05-06", ["Dr A Lee", "B Khan"], "Newest"),
    _article("https://www.bionews.org.uk/page_5", None, None, [], "Undated"),
]
ISSUES = [_issue(700, "2012-01-02"), _issue(701, "2012-01-09"), _issue(705, "2014-05-06")]
ERRORS = [
    _error("https://www.bionews.org.uk/a", "http_404"),
    _error("https://www.bionews.org.uk/b", "http_404"),
    _error("https://www.bionews.org.uk/c", "page_not_found"),
    _error("https://www.bionews.org.uk/d", "<i>odd</i>"),
]


def _write(path: Path, records: list[dict], tail: str = "") -> None:
    path.write_text("".join(dumps_line(record) for record in records) + tail, encoding="utf-8")


@pytest.fixture
def output(tmp_path: Path) -> Path:
    _write(
        tmp_path / "articles.jsonl", ARTICLES, tail='{"kind":"article","url":"https://cut'
    )  # a crash cut the last line
    _write(tmp_path / "issues.jsonl", ISSUES)
    _write(tmp_path / "errors.jsonl", ERRORS)
    return tmp_path


def test_totals_count_records_issue_numbers_and_authors(output: Path) -> None:
    report = coverage(output)
    assert (report.articles, report.issues, report.errors, report.issue_numbers, report.authors) == (5, 3, 4, 4, 3)


def test_issue_range_spans_issue_pages_and_articles_issue_numbers(output: Path) -> None:
    report = coverage(output)
    assert (report.first_issue, report.last_issue, report.missing_issues) == (700, 705, (702, 704))


def test_articles_per_year_count_undated_as_unknown(output: Path) -> None:
    assert coverage(output).articles_per_year == (("2012", 2), ("2013", 1), ("2014", 1), ("unknown", 1))


def test_errors_by_reason_most_frequent_first(output: Path) -> None:
    assert coverage(output).errors_by_reason == (("http_404", 2), ("<i>odd</i>", 1), ("page_not_found", 1))


def test_top_authors_count_articles_and_stop_at_top(output: Path) -> None:
    assert coverage(output).top_authors == (("Dr A Lee", 3), (ODD_AUTHOR, 2), ("B Khan", 1))
    assert coverage(output, top=1).top_authors == (("Dr A Lee", 3),)


def test_recent_articles_newest_first_undated_last(output: Path) -> None:
    recent = coverage(output, recent=3).recent_articles
    assert recent == (
        ArticleLine("Newest", "https://www.bionews.org.uk/page_4", "2014-05-06", 705),
        ArticleLine("Linked nowhere", "javascript:alert(2)", "2013-03-04", 703),
        ArticleLine("A story", "http://www.bionews.org.uk/page_2.asp", "2012-01-09", 701),
    )
    assert coverage(output).recent_articles[-1].headline == "Undated"


def test_empty_directory_gives_an_empty_report(tmp_path: Path) -> None:
    report = coverage(tmp_path)
    assert (report.articles, report.issues, report.errors, report.first_issue, report.missing_issues) == (
        0,
        0,
        0,
        None,
        (),
    )
    assert report.articles_per_year == report.errors_by_reason == report.top_authors == report.recent_articles == ()
    assert "none (no issue numbers)" in format_text(report)
    assert "<h2>Most recent articles (0)</h2>" in render_html(report)


def test_empty_files_give_an_empty_report(tmp_path: Path) -> None:
    for name in ("articles.jsonl", "issues.jsonl", "errors.jsonl"):
        (tmp_path / name).write_text("", encoding="utf-8")
    report = coverage(tmp_path)
    assert (report.articles, report.issues, report.errors, report.first_issue, report.missing_issues) == (
        0,
        0,
        0,
        None,
        (),
    )
    assert report.articles_per_year == report.errors_by_reason == report.top_authors == ()


def test_missing_directory_is_an_error(tmp_path: Path) -> None:
    with pytest.raises(FileNotFoundError):
        coverage(tmp_path / "nowhere")


def test_negative_top_is_refused(output: Path) -> None:
    with pytest.raises(ValueError):
        coverage(output, top=-1)


def test_glob_characters_in_the_path_read_only_that_directory(tmp_path: Path) -> None:
    for name, records in (("out1", ARTICLES), ("out[1]", ARTICLES[:1])):  # DuckDB reads "out[1]" as a glob for "out1"
        (tmp_path / name).mkdir()
        _write(tmp_path / name / "articles.jsonl", records)
    assert coverage(tmp_path / "out[1]").articles == 1


@pytest.mark.parametrize(
    ("numbers", "text"),
    [
        ((), ""),
        ((702,), "702"),
        ((702, 704), "702, 704"),
        ((705, 706, 707, 708, 709, 712), "705-709, 712"),
    ],
)
def test_format_ranges_compresses_runs(numbers: tuple[int, ...], text: str) -> None:
    assert format_ranges(numbers) == text


def test_text_report_shows_every_section(output: Path) -> None:
    text = format_text(coverage(output))
    assert "  covered range   700-705 (6 numbers, 4 seen)\n  missing         2: 702, 704\n" in text
    assert "  2012         2 ##############################\n  2013         1 ###############\n" in text
    assert "      3  Dr A Lee\n" in text and "      2  http_404\n" in text and "  unknown      1 " in text


def test_text_report_neutralises_terminal_escapes(tmp_path: Path) -> None:
    _write(tmp_path / "articles.jsonl", [_article("https://x.test/1", 1, None, ["Eve\x1b[2J"])])
    assert "Eve?[2J" in format_text(coverage(tmp_path))


class _Tags(HTMLParser):
    """Every start tag and attribute of a page, as the browser's tokenizer would see them."""

    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))


def _tags(page: str) -> list[tuple[str, dict[str, str | None]]]:
    parser = _Tags()
    parser.feed(page)
    return parser.tags


def test_html_escapes_every_page_string(output: Path) -> None:
    page = render_html(coverage(output))
    assert "Embryo law &lt;script&gt;alert(1)&lt;/script&gt; reviewed" in page
    assert "O&#x27;Brien &amp; &lt;b&gt;Co&lt;/b&gt;" in page
    assert "&lt;i&gt;odd&lt;/i&gt;" in page
    assert "<script" not in page.lower() and "<b>" not in page and "<i>" not in page


def test_html_links_only_http_urls(output: Path) -> None:
    page = render_html(coverage(output))
    hrefs = [attrs["href"] for tag, attrs in _tags(page) if tag == "a"]
    assert hrefs == [
        *(error["url"] for error in ERRORS),  # the failed URLs, each listed
        "https://www.bionews.org.uk/page_4",
        "http://www.bionews.org.uk/page_2.asp",
        "https://www.bionews.org.uk/page_1",
        "https://www.bionews.org.uk/page_5",
    ]
    assert 'Linked nowhere <span class="muted">[javascript:alert(2)]</span>' in page


def test_html_is_self_contained_and_forbids_scripts(output: Path) -> None:
    page = render_html(coverage(output))
    tags = _tags(page)
    assert (
        "meta",
        {
            "http-equiv": "Content-Security-Policy",
            "content": "default-src 'none'; style-src 'unsafe-inline'; img-src data:",
        },
    ) in tags
    assert {tag for tag, _ in tags} <= {
        "html",
        "head",
        "meta",
        "title",
        "style",
        "body",
        "h1",
        "h2",
        "p",
        "table",
        "tr",
        "td",
        "svg",
        "text",
        "rect",
        "ol",
        "li",
        "a",
        "span",
        "th",
        "ul",
    }
    assert not [name for _, attrs in tags for name in attrs if name.startswith("on") or name == "src"]
    assert "url(" not in page and "@import" not in page


def test_html_draws_a_bar_per_year(output: Path) -> None:
    bars = [attrs for tag, attrs in _tags(render_html(coverage(output))) if tag == "rect"]
    assert [bar["width"] for bar in bars] == ["560", "280", "280", "280"]


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("demo")
    finished = bionews("demo", "--out", str(out), "-s", "DOWNLOAD_DELAY=0", "-s", "AUTOTHROTTLE_ENABLED=False")
    assert finished.returncode == 0, finished.stderr[-3000:]
    return out


def test_analyst_duckdb_query_counts_articles_per_year(demo: Path) -> None:
    query = (
        "SELECT year(CAST(published AS DATE)) AS year, count(*) AS articles "
        "FROM read_json(?) GROUP BY year ORDER BY year"
    )
    with duckdb.connect() as con:
        rows = con.execute(query, [str(demo / "articles.jsonl")]).fetchall()
    expected = Counter(int(detail["published"][:4]) for detail in MANIFEST["article_details"])
    assert rows == sorted(expected.items())


def test_analyst_pandas_loads_every_article(demo: Path) -> None:
    pandas = pytest.importorskip("pandas")
    frame = pandas.read_json(demo / "articles.jsonl", lines=True)
    assert len(frame) == len(MANIFEST["articles"])


def test_report_of_the_demo_matches_the_manifest(demo: Path) -> None:
    report = coverage(demo)
    numbers = sorted(detail["issue"] for detail in MANIFEST["issue_details"])
    assert (report.articles, report.issues, report.errors) == (
        len(MANIFEST["articles"]),
        len(MANIFEST["issues"]),
        len(MANIFEST["errors"]),
    )
    assert (report.first_issue, report.last_issue) == (numbers[0], numbers[-1])
    assert len(report.missing_issues) == numbers[-1] - numbers[0] + 1 - len(numbers)
    assert dict(report.errors_by_reason) == dict(Counter(MANIFEST["errors"].values()))
