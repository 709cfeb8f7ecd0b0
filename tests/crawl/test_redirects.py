"""A page asked for at an address that redirects to its canonical form is recorded once,
under the final URL, with the address asked for kept."""

from __future__ import annotations

import subprocess
from pathlib import Path

from bench.crawl_scale import crawl_command
from bionews_scraper.records.outputs import read_records
from bionews_scraper.sandbox.serve import SiteServer
from tests.crawl.demo_run import ROOT, SITE, run_demo, stats

PAGE = "https://www.progress.org.uk/ovary-organoids-grow-early-stage-human-eggs/"
LEGACY_PAGE = "http://www.bionews.org.uk/page_291488.asp"


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


def _crawl_moved_site(out: Path, redirects: dict[str, str], *urls: str) -> subprocess.CompletedProcess[str]:
    """A crawl of ``urls`` on the fixture site, served with these redirects."""
    with SiteServer(SITE, redirects=redirects) as server:
        command = crawl_command(SITE, server.port, out, "--related-depth", "0", *(f"--url={url}" for url in urls))
        return subprocess.run(command, cwd=ROOT, capture_output=True, text=True, timeout=120, check=False)


def test_an_http_address_that_moved_to_https_gives_one_record_under_https(tmp_path: Path) -> None:
    http_form = PAGE.replace("https://", "http://")
    finished = _crawl_moved_site(tmp_path / "out", {http_form: PAGE}, http_form)
    assert finished.returncode == 0, finished.stderr[-2000:]
    [article] = read_records(tmp_path / "out" / "articles.jsonl")
    assert (article["url"], article["requested_url"]) == (PAGE, http_form)
    assert not list(read_records(tmp_path / "out" / "errors.jsonl"))


def test_a_legacy_address_in_another_case_gives_one_record_under_the_served_case(tmp_path: Path) -> None:
    old_case = LEGACY_PAGE.replace("/page_", "/Page_")
    finished = _crawl_moved_site(tmp_path / "out", {old_case: LEGACY_PAGE}, old_case, LEGACY_PAGE)
    assert finished.returncode == 0, finished.stderr[-2000:]
    [article] = read_records(tmp_path / "out" / "articles.jsonl")
    assert article["url"] == LEGACY_PAGE
    assert stats(tmp_path / "out")["duplicates_dropped"] == 1  # asked twice, written once
