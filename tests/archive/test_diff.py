"""`bionews replay WARC... --diff OLD_OUT`: what a new parser changes in an old crawl, field by field."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from bionews_scraper.archive.diff import diff_outputs
from bionews_scraper.records.jsonl import dumps_line
from bionews_scraper.records.outputs import read_records
from tests.archive.runs import bionews


def _write(directory: Path, name: str, records: list[dict]) -> None:
    directory.mkdir(parents=True, exist_ok=True)
    (directory / name).write_text("".join(dumps_line(record) for record in records), encoding="utf-8")


def test_a_replay_with_the_same_parser_changes_no_field(warc_crawl: Path, tmp_path: Path) -> None:
    finished = bionews("replay", str(warc_crawl / "warc"), "--out", str(tmp_path / "new"), "--diff", str(warc_crawl))
    assert finished.returncode == 0, finished.stderr
    diff = json.loads((tmp_path / "new" / "diff.json").read_text(encoding="utf-8"))
    assert diff["fields"] == {} and diff["only_old"]["count"] == diff["only_new"]["count"] == 0
    assert diff["compared"] == sum(
        1 for name in ("articles", "issues", "errors") for _ in read_records(warc_crawl / f"{name}.jsonl")
    )
    assert "no field changed" in finished.stdout
    assert (tmp_path / "new" / "stories.jsonl").read_bytes() == (
        warc_crawl / "stories.jsonl"
    ).read_bytes()  # replay writes them too


def test_changed_fields_are_counted_with_three_examples_each(warc_crawl: Path, tmp_path: Path) -> None:
    old = tmp_path / "old"
    shutil.copytree(warc_crawl, old)
    articles = list(read_records(old / "articles.jsonl"))
    for record in articles[:5]:
        record["headline"] += " (as the old parser read it)"
    articles[6]["authors"] = ["Someone Else"]
    dropped = articles.pop(7)
    _write(old, "articles.jsonl", articles)
    finished = bionews("replay", str(warc_crawl / "warc"), "--out", str(tmp_path / "new"), "--diff", str(old))
    assert finished.returncode == 0, finished.stderr
    diff = json.loads((tmp_path / "new" / "diff.json").read_text(encoding="utf-8"))
    assert {name: entry["changed"] for name, entry in diff["fields"].items()} == {"headline": 5, "authors": 1}
    examples = diff["fields"]["headline"]["examples"]
    assert len(examples) == 3 and {e["old"] for e in examples} < {a["headline"] for a in articles[:5]}
    assert all(e["old"] == e["new"] + " (as the old parser read it)" for e in examples)
    assert diff["fields"]["authors"]["examples"] == [
        {"url": articles[6]["url"], "old": ["Someone Else"], "new": dict(_by_url(tmp_path / "new"))[articles[6]["url"]]}
    ]
    assert diff["only_new"] == {"count": 1, "examples": [dropped["url"]]}
    assert "headline: 5 records changed" in finished.stdout


def _by_url(out: Path) -> list[tuple[str, list[str]]]:
    return [(record["url"], record["authors"]) for record in read_records(out / "articles.jsonl")]


def test_diff_against_the_output_being_replaced_is_refused(warc_crawl: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    shutil.copytree(warc_crawl, out)
    before = (out / "articles.jsonl").read_bytes()
    finished = bionews("replay", str(warc_crawl / "warc"), "--out", str(out), "--diff", str(out))
    assert finished.returncode == 2 and "another directory" in finished.stderr
    assert (out / "articles.jsonl").read_bytes() == before


def test_a_page_that_became_an_article_shows_as_a_kind_change(tmp_path: Path) -> None:
    _write(
        tmp_path / "old",
        "errors.jsonl",
        [{"kind": "error", "url": "https://x.test/a", "reason": "missing_body", "error": "e"}],
    )
    _write(
        tmp_path / "new",
        "articles.jsonl",
        [{"kind": "article", "url": "https://x.test/a", "headline": "H", "fetched_at": "now"}],
    )
    diff = diff_outputs(tmp_path / "old", tmp_path / "new")
    assert diff["compared"] == 1 and diff["fields"]["kind"]["changed"] == 1
    assert "fetched_at" not in diff["fields"]


def test_long_values_are_cut_in_examples_only(tmp_path: Path) -> None:
    _write(tmp_path / "old", "articles.jsonl", [{"kind": "article", "url": "https://x.test/a", "body": "a" * 1000}])
    _write(
        tmp_path / "new", "articles.jsonl", [{"kind": "article", "url": "https://x.test/a", "body": "a" * 999 + "b"}]
    )
    [example] = diff_outputs(tmp_path / "old", tmp_path / "new")["fields"]["body"]["examples"]
    assert len(example["old"]) == 301 and example["old"].endswith("…")


def test_an_old_directory_without_records_is_an_error(tmp_path: Path) -> None:
    with pytest.raises(FileNotFoundError):
        diff_outputs(tmp_path / "nothing", tmp_path)


def test_articles_sharing_one_page_are_compared_one_to_one(tmp_path: Path) -> None:
    page = "http://www.bionews.org.uk/page.asp?obj_id=1&CView=1"
    old = [
        {"kind": "article", "url": page, "canonical_url": "http://www.bionews.org.uk/page_1.asp", "headline": "One"},
        {"kind": "article", "url": page, "canonical_url": "http://www.bionews.org.uk/page_2.asp", "headline": "Two"},
    ]
    new = [old[0], {**old[1], "headline": "Two, re-read"}]
    _write(tmp_path / "old", "articles.jsonl", old)
    _write(tmp_path / "new", "articles.jsonl", new)
    diff = diff_outputs(tmp_path / "old", tmp_path / "new")
    assert diff["compared"] == 2 and diff["fields"]["headline"]["changed"] == 1
