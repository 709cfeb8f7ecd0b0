"""The archivist's sections of `bionews report`: the crawl's figures, calendar gaps, stories, failed URLs.

The browser test renders the HTML report of a small hand-written output directory in real
headless Chromium (Debian's `chromium`, installed by `make test`), reads the rendered page
back, and checks every number against figures computed here straight from the JSONL.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest
from lxml import html as lxml_html

from bionews_scraper.archive.report import coverage, format_text, render_html
from bionews_scraper.archive.story_files import write_story_files
from bionews_scraper.records.jsonl import dumps_line

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
sys.path.insert(0, str(ROOT / "scripts"))
from screenshot_report import CHROMIUM_FLAGS  # noqa: E402


def _article(url: str, headline: str, issue: int | None, published: str | None, **extra: object) -> dict:
    record = {"kind": "article", "url": url, "layout": "legacy", "headline": headline, "issue": issue}
    record.update(published=published, authors=[], body=f"{headline}. " * 3, fetched_at="2026-11-29T10:00:00Z")
    record.update(extra)
    return record


ARTICLES = [
    _article("http://www.bionews.org.uk/page_1.asp", "Stem cell trial opens", 600, "2011-03-21", authors=["Dr A Lee"]),
    _article(
        "https://www.progress.org.uk/stem-cell-trial-opens/",
        "Stem cell trial opens",
        600,
        "2011-04-25",
        layout="progress",
        authors=["A Lee"],
        fetched_at="2026-11-29T10:05:00Z",
    ),
    _article("http://www.bionews.org.uk/page_2.asp", "Clinic <b>fined</b>", 602, "2011-04-04"),
    _article("https://www.bionews.org.uk/page_3", "Donor anonymity reviewed", 985, "2019-02-04"),
]
ISSUES = [{"kind": "issue", "url": "http://www.bionews.org.uk/page_9.asp", "issue": 600, "published": "2011-03-21"}]
ERRORS = [
    {
        "kind": "error",
        "url": "https://www.bionews.org.uk/page_7",
        "reason": "http_503",
        "error": "the server answered 503",
        "attempts": 3,
    },
    {"kind": "error", "url": "https://www.bionews.org.uk/page_8", "reason": "page_not_found", "error": "not found"},
]
STATS = {
    "requests": 9,
    "responses_by_status": {"200": 6, "503": 3},
    "duration_seconds": 1.5,
    "finish_reason": "finished",
}


@pytest.fixture
def output(tmp_path: Path) -> Path:
    for name, records in (("articles.jsonl", ARTICLES), ("issues.jsonl", ISSUES), ("errors.jsonl", ERRORS)):
        (tmp_path / name).write_text("".join(dumps_line(r) for r in records), encoding="utf-8")
    (tmp_path / "stats.json").write_text(json.dumps(STATS), encoding="utf-8")
    write_story_files(tmp_path)
    return tmp_path


def test_years_without_articles_are_shown_as_such(output: Path) -> None:
    report = coverage(output)
    assert report.articles_per_year == (*tuple((str(y), 3 if y == 2011 else 0) for y in range(2011, 2019)), ("2019", 1))
    assert "  2015         0 (no articles)\n" in format_text(report)
    assert '>2015</text><text x="80" y="121">0 (no articles)</text>' in render_html(report)


def test_failed_urls_are_listed_with_reason_and_attempts(output: Path) -> None:
    text = format_text(coverage(output))
    assert "  http_503  attempts 3  https://www.bionews.org.uk/page_7\n" in text
    assert "  page_not_found  attempts -  https://www.bionews.org.uk/page_8\n" in text


def test_the_crawl_dates_and_stats_figures_are_shown(output: Path) -> None:
    text = format_text(coverage(output))
    assert "  fetched         2026-11-29T10:00:00Z to 2026-11-29T10:05:00Z\n" in text
    assert re.search(r"responses_by_status/503 +3\n", text) and re.search(r"finish_reason +finished\n", text)


def test_calendar_gaps_name_the_missing_issues_and_their_expected_dates(output: Path) -> None:
    sections = coverage(output).archive
    assert sections.newest_issue == 985
    assert len(sections.missing_issues) == 986 - 3  # 600, 602 and 985 have pages
    # 601 between 600 and 602, on a Monday; 603-984 from 602 towards 985
    assert sections.expected_missing == ((601, 601, "2011-03-28", "2011-03-28"), (603, 984, "2011-04-11", "2019-01-28"))
    assert "    603-984  2011-04-11 to 2019-01-28\n" in format_text(coverage(output))


def test_records_stories_and_flagged_stories(output: Path) -> None:
    sections = coverage(output).archive
    assert (sections.article_records, sections.stories, sections.stories_with_copies) == (4, 3, 1)
    [flagged] = sections.flagged
    assert (flagged.url, flagged.flags) == (
        "http://www.bionews.org.uk/page_1.asp",
        ("published_far_from_issue_date", "authors_differ_between_copies"),
    )


def _number(text: str) -> int:
    return int(re.sub(r"\D", "", text))


@pytest.mark.skipif(not Path(CHROMIUM).exists(), reason="Debian's chromium is not installed (make test installs it)")
def test_the_html_report_renders_in_chromium_without_script_and_its_numbers_match_the_jsonl(
    output: Path, tmp_path_factory: pytest.TempPathFactory
) -> None:
    page = output / "report.html"
    page.write_text(render_html(coverage(output)), encoding="utf-8")
    profile = tmp_path_factory.mktemp("chromium-profile")
    finished = subprocess.run(
        [CHROMIUM, *CHROMIUM_FLAGS, f"--user-data-dir={profile}", "--dump-dom", page.as_uri()],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert finished.returncode == 0 and "<body" in finished.stdout, finished.stderr[-2000:]
    dom = lxml_html.fromstring(finished.stdout)
    assert dom.xpath("//script") == []
    assert dom.xpath("//h1")[0].text_content() == "BioNews archive report"
    # Every figure, computed here from the JSONL alone.
    articles = [json.loads(line) for line in (output / "articles.jsonl").read_text().splitlines()]
    errors = [json.loads(line) for line in (output / "errors.jsonl").read_text().splitlines()]
    stories = [json.loads(line) for line in (output / "stories.jsonl").read_text().splitlines()]
    calendar = [json.loads(line) for line in (output / "calendar.jsonl").read_text().splitlines()]
    totals = {row[0].text_content(): _number(row[1].text_content()) for row in dom.xpath("//table[1]//tr")}
    issues = [json.loads(line) for line in (output / "issues.jsonl").read_text().splitlines()]
    names = Counter(name for a in articles for name in a["authors"])
    assert totals == {
        "articles": len(articles),
        "issues": len(issues),
        "errors": len(errors),
        "issue numbers": len({r["issue"] for r in articles + issues if r["issue"] is not None}),
        "authors": len(names),
    }
    tables = dom.xpath("//table[not(@id)]")  # totals, errors by reason, top authors, in that order
    assert [[r[0].text_content(), _number(r[1].text_content())] for r in tables[1].xpath(".//tr")] == sorted(
        ([reason, n] for reason, n in Counter(e["reason"] for e in errors).items()), key=lambda x: (-x[1], x[0])
    )
    assert {r[0].text_content(): _number(r[1].text_content()) for r in tables[2].xpath(".//tr")} == dict(names)
    story_rows = {
        row[0].text_content(): _number(row[1].text_content()) for row in dom.xpath("//table[@id='stories']//tr")
    }
    assert story_rows == {
        "article records": len(articles),
        "stories": len(stories),
        "stories with copies": sum(len(s["urls"]) > 1 for s in stories),
        "copies": len(articles) - len(stories),
    }
    failed = [[cell.text_content() for cell in row] for row in dom.xpath("//table[@id='failed']//tr")[1:]]
    assert failed == [[e["url"], e["reason"], str(e.get("attempts", "-")), e["error"]] for e in errors]
    assert len(dom.xpath("//ul[@id='flagged']/li")) == sum(bool(s["flags"]) for s in stories)
    missing = dom.xpath("//p[@id='missing']/span")[0].text_content()
    assert _number(missing) == sum(not day["pages"] for day in calendar)
    years = Counter(a["published"][:4] for a in articles)
    chart = [t.text_content() for t in dom.xpath("//svg//*[local-name()='text']")]
    for year in range(2011, 2020):
        label = chart.index(str(year))
        assert chart[label + 1] == (str(years[str(year)]) if years[str(year)] else "0 (no articles)")
    stats = {row[0].text_content(): row[1].text_content() for row in dom.xpath("//table[@id='stats']//tr")}
    assert stats == {
        "requests": "9",
        "responses_by_status/200": "6",
        "responses_by_status/503": "3",
        "duration_seconds": "1.5",
        "finish_reason": "finished",
    }
