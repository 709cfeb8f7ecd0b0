"""A page asked for at an address that redirects to its canonical form is recorded once,
under the final URL, with the address asked for kept."""

from __future__ import annotations

from pathlib import Path

from bionews_scraper.records.outputs import read_records
from tests.crawl.demo_run import run_demo, stats

PAGE = "https://www.progress.org.uk/ovary-organoids-grow-early-stage-human-eggs/"


def test_a_redirect_to_the_trailing_slash_form_gives_a_record(tmp_path: Path) -> None:
    out = tmp_path / "out"
    finished = run_demo(out, "--related-depth", "0", "--url", PAGE.rstrip("/"))
    assert finished.returncode == 0, finished.stderr[-2000:]
    [article] = read_records(out / "articles.jsonl")
    assert (article["url"], article["requested_url"]) == (PAGE, PAGE.rstrip("/"))
    assert not list(read_records(out / "errors.jsonl"))


def test_a_redirect_to_a_page_already_recorded_is_counted_not_written_twice(tmp_path: Path) -> None:
    out = tmp_path / "out"
    asked = [PAGE, PAGE.rstrip("/") + "?ref=feed"]  # the server sends the second to PAGE + "?ref=feed"
    finished = run_demo(out, "--related-depth", "0", *(f"--url={url}" for url in asked))
    assert finished.returncode == 0, finished.stderr[-2000:]
    assert [record["canonical_url"] for record in read_records(out / "articles.jsonl")] == [PAGE]
    assert stats(out)["duplicates_dropped"] == 1
