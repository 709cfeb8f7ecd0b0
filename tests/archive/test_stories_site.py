"""End to end: a crawl of fixtures/stories-site (originals in three templates and migrated copies) finds its stories.

The real spider crawls the site over loopback once (`bionews demo --site`, in a subprocess);
its stories.jsonl and calendar.jsonl are checked against fixtures/stories-site/manifest.json.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from bionews_scraper.records.jsonl import dumps_line
from bionews_scraper.records.outputs import read_records
from tests.archive.runs import FAST, bionews

ROOT = Path(__file__).resolve().parents[2]
SITE = ROOT / "fixtures" / "stories-site"
MANIFEST = json.loads((SITE / "manifest.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def crawl(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("stories-site")
    finished = bionews("demo", "--site", str(SITE), "--urls-file", str(SITE / "urls.txt"), "--out", str(out), *FAST)
    assert finished.returncode == 0, finished.stderr[-3000:]
    return out


def _stories(out: Path) -> list[dict]:
    return list(read_records(out / "stories.jsonl"))


def test_the_crawl_wrote_every_page_and_no_error(crawl: Path) -> None:
    articles = {record["url"] for record in read_records(crawl / "articles.jsonl")}
    assert articles == {url for story in MANIFEST["stories"] for url in story}
    assert list(read_records(crawl / "errors.jsonl")) == []


def test_every_original_and_its_copies_share_one_story_and_no_story_joins_two(crawl: Path) -> None:
    found = sorted(sorted(story["urls"]) for story in _stories(crawl))
    assert found == sorted(sorted(story) for story in MANIFEST["stories"])


def test_the_calendar_gives_the_known_issue_dates(crawl: Path) -> None:
    calendar = {day["issue"]: day for day in read_records(crawl / "calendar.jsonl")}
    assert {str(n): calendar[n]["date"] for n in (617, 743, 920, 985, 1040, 1112)} == MANIFEST["calendar"]
    assert (calendar[617]["source"], calendar[920]["source"], calendar[1112]["source"]) == (
        "issue_page",
        "articles",
        "issue_page",
    )
    assert sorted(calendar) == list(range(1113))


def test_each_story_carries_the_flags_its_copies_earn(crawl: Path) -> None:
    flags = {story["urls"][0]: story["flags"] for story in _stories(crawl) if story["urls"][0] in MANIFEST["flags"]}
    assert flags == MANIFEST["flags"]


def test_the_copy_printed_weeks_after_its_issue_is_flagged_and_the_story_keeps_the_original_date(crawl: Path) -> None:
    [story] = [s for s in _stories(crawl) if "http://www.bionews.org.uk/page_700101.asp" in s["urls"]]
    assert "published_far_from_issue_date" in story["flags"]
    assert (story["published"], story["issue_date"], story["authors"]) == (
        "2011-07-25",
        "2011-07-25",
        ["Dr Ruth Callaghan"],
    )


def test_bionews_stories_rebuilds_both_files_from_the_jsonl_alone(crawl: Path, tmp_path: Path) -> None:
    for name in ("articles.jsonl", "issues.jsonl", "errors.jsonl"):
        (tmp_path / name).write_bytes((crawl / name).read_bytes())
    finished = bionews("stories", str(tmp_path))
    assert finished.returncode == 0, finished.stderr
    assert '"stories": 11' in finished.stderr
    for name in ("stories.jsonl", "calendar.jsonl"):
        assert (tmp_path / name).read_bytes() == (crawl / name).read_bytes()


def test_bionews_stories_on_a_missing_directory_fails_and_says_why(tmp_path: Path) -> None:
    finished = bionews("stories", str(tmp_path / "nowhere"))
    assert finished.returncode == 2
    assert "not an output directory" in finished.stderr


def test_bionews_merge_writes_the_stories_of_the_joined_output(crawl: Path, tmp_path: Path) -> None:
    articles = list(read_records(crawl / "articles.jsonl"))
    for shard, half in (("worker-a", articles[::2]), ("worker-b", articles[1::2])):
        (tmp_path / shard).mkdir()
        (tmp_path / shard / "articles.jsonl").write_text("".join(dumps_line(a) for a in half), encoding="utf-8")
    (tmp_path / "worker-a" / "issues.jsonl").write_bytes((crawl / "issues.jsonl").read_bytes())
    finished = bionews("merge", str(tmp_path))
    assert finished.returncode == 0, finished.stderr
    found = sorted(sorted(story["urls"]) for story in _stories(tmp_path))
    assert found == sorted(sorted(story) for story in MANIFEST["stories"])
